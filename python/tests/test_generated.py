"""An archive the Java CLI wrote from a generated stack reads as the Java restore and the source do: random regions,
the stack's attributes, flats, darks and angles (flats and darks coded in metadata-samples.pz)."""
import h5py
import numpy as np

import photonzip
from test_golden import random_key


def test_random_regions_equal_the_java_restore_and_the_source(generated):
    archive, source, restored = generated
    a = photonzip.open(archive)
    with h5py.File(restored, 'r') as r, h5py.File(source, 'r') as s:
        java, src = r['/entry/data/data'], s['/entry/data/data']
        assert a.shape == java.shape and a.dtype == java.dtype
        rng = np.random.default_rng(11)
        for _ in range(20):
            key = random_key(rng, a.shape)
            got = a[key]
            assert np.array_equal(got, java[()][key]) and np.array_equal(got, src[()][key]), key
        assert np.array_equal(a[...], src[()])
        assert a.attrs.keys() == dict(src.attrs).keys()
        for k, v in src.attrs.items():
            assert np.array_equal(a.attrs[k], v), k


def test_flats_darks_and_angles(generated):
    archive, source, _ = generated
    a = photonzip.open(archive)
    assert a.summary['metadata']['coded'], 'the flats and darks are coded datasets'
    with h5py.File(source, 'r') as s:
        for got, path in ((a.flats, 'flats'), (a.darks, 'darks'), (a.angles, 'rotation_angle')):
            want = s['/entry/data/' + path][()]
            assert got is not None and got.dtype == want.dtype and np.array_equal(got, want), path


def test_export_reads_with_the_plugin_as_the_source(generated):
    """`photonzip export` of the archive, read by h5py with libphotonzip's plugin on HDF5_PLUGIN_PATH: every value
    equals the source's (and the Python reader's)."""
    import os
    import subprocess
    import sys
    from conftest import ROOT
    archive, source, _ = generated
    out = archive.parent / 'exported.h5'
    r = subprocess.run([str(ROOT / 'bin' / 'photonzip'), 'export', str(archive), str(out), '--overwrite'],
                       env=dict(os.environ, PHOTONZIP_SKIP_BUILD='1'), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    check = ('import sys, h5py, numpy as np\n'
             'a = h5py.File(sys.argv[1], "r")["/entry/data/data"][()]\n'
             'b = h5py.File(sys.argv[2], "r")["/entry/data/data"][()]\n'
             'sys.exit(0 if a.dtype == b.dtype and np.array_equal(a, b) else 3)\n')
    plugin = ROOT / 'libphotonzip' / 'build'
    assert (plugin / 'libh5photonzip.so').is_file(), 'make -C libphotonzip builds the plugin'
    r = subprocess.run([sys.executable, '-c', check, str(out), str(source)], capture_output=True, text=True,
                       env=dict(os.environ, HDF5_PLUGIN_PATH=str(plugin)))
    assert r.returncode == 0, r.stdout + r.stderr
    # About the archive's size: its streams and metadata.h5, plus the coded flats and darks, which export decodes
    # as decompress does, and a few kB of HDF5's own (the chunk index: a small stack's constant overhead).
    import json
    import math
    coded = sum(2 * math.prod(e['shape']) for e in json.loads(archive.joinpath('summary.json').read_text())
                ['metadata']['coded'])
    streams = sum(p.stat().st_size for p in archive.joinpath('packs').iterdir())
    assert out.stat().st_size <= 1.01 * (streams + archive.joinpath('metadata.h5').stat().st_size) + coded + 16384


def test_a_learned_archive_exports_with_its_model_for_the_plugin(tmp_path):
    """The learned golden archive: the model travels in the filter's parameters, and the plugin decodes every
    chunk to the source's samples."""
    import hashlib
    import os
    import subprocess
    import sys
    from conftest import GOLDEN, ROOT, golden_index
    jar = ROOT / 'job' / 'target' / 'photonzip-job.jar'
    if not jar.is_file():
        import pytest
        pytest.skip(f'{jar} not built')
    out = tmp_path / 'learned.h5'
    r = subprocess.run([str(ROOT / 'bin' / 'photonzip'), 'export', str(GOLDEN / 'v2' / 'learned.pz'), str(out)],
                       env=dict(os.environ, PHOTONZIP_SKIP_BUILD='1'), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    read = ('import sys, hashlib, h5py\n'
            'a = h5py.File(sys.argv[1], "r")["/entry/data/data"][()]\n'
            'print(hashlib.sha256(a.astype("<u2").tobytes()).hexdigest())\n')
    r = subprocess.run([sys.executable, '-c', read, str(out)], capture_output=True, text=True,
                       env=dict(os.environ, HDF5_PLUGIN_PATH=str(ROOT / 'libphotonzip' / 'build')))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip() == golden_index('v2')['learned']
