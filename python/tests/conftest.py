"""Shared fixtures: the golden archives of the Java tests, and an archive generated, compressed and restored by the
Java CLI (bin/photonzip, built by the job module before this one) when that build is present."""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / 'python'))
GOLDEN = ROOT / 'job' / 'src' / 'test' / 'resources' / 'golden-archives'


def golden_index(version):
    lines = (GOLDEN / version / 'index.csv').read_text().splitlines()[1:]
    return {line.split(',')[0][:-3]: line.split(',')[4] for line in lines}


@pytest.fixture(scope='session')
def generated(tmp_path_factory):
    """(archive, source.h5, restored.h5) of a generated 11 x 70 x 90 stack with flats and darks, tiles of
    4 x 32 x 40 (smaller at every edge), compressed and restored by the Java CLI."""
    jar = ROOT / 'job' / 'target' / 'photonzip-job.jar'
    if not jar.is_file() or not (ROOT / 'job' / 'target' / 'lib').is_dir():
        if os.environ.get('CI') == 'true':
            pytest.fail(f'{jar} is missing: the job module builds it before this one')
        pytest.skip(f'{jar} not built (mvn -pl job package)')
    d = tmp_path_factory.mktemp('generated')
    env = dict(os.environ, PHOTONZIP_SKIP_BUILD='1')
    pz = str(ROOT / 'bin' / 'photonzip')

    def run(*args):
        r = subprocess.run([pz, *args], cwd=d, env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr

    run('generate', 'g.h5', '--frames', '11', '--height', '70', '--width', '90', '--flats', '3', '--darks', '2',
        '--seed', '5')
    run('compress', 'g.h5', 'g.pz', '--tile', '4x32x40', '--master', 'local[2]')
    run('decompress', 'g.pz', 'r.h5')
    return d / 'g.pz', d / 'g.h5', d / 'r.h5'


@pytest.fixture
def copy_of(tmp_path):
    def copy(archive):
        dst = tmp_path / pathlib.Path(archive).name
        shutil.copytree(archive, dst)
        return dst
    return copy
