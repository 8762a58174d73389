"""Archives read through fsspec URLs (file://, and memory:// standing for a remote store) equal the local reads,
every value, with the same checks: a damaged tile on the remote store raises, never returns values."""
import os
import pathlib
import uuid

import numpy as np
import pytest

import photonzip
from conftest import GOLDEN

try:
    import fsspec  # Debian's python3-fsspec (.ci/run installs it)
except ImportError:
    if os.environ.get('CI') == 'true':
        raise
    pytest.skip('fsspec is not installed (apt-get install python3-fsspec)', allow_module_level=True)


def put_tree(local, url):
    """Copies directory ``local`` to the fsspec ``url``, file by file."""
    fs, root = fsspec.core.url_to_fs(url)
    for p in pathlib.Path(local).rglob('*'):
        if p.is_file():
            fs.pipe_file(root + '/' + p.relative_to(local).as_posix(), p.read_bytes())


def memory_url(name):
    return f'memory://pz-test-{uuid.uuid4().hex}/{name}'


@pytest.mark.parametrize('name', ['classical', 'learned', 'many-tiles'])
def test_file_and_memory_urls_read_as_the_local_path(name):
    local = GOLDEN / 'v2' / f'{name}.pz'
    expected = photonzip.open(local)[...]
    assert np.array_equal(photonzip.open(local.resolve().as_uri())[...], expected)
    url = memory_url(f'{name}.pz')
    put_tree(local, url)
    a = photonzip.open(url, threads=2)
    assert a.shape == expected.shape and a.dtype == expected.dtype
    assert np.array_equal(a[...], expected)
    assert np.array_equal(a[1:, ::2, -3:], expected[1:, ::2, -3:])


def test_a_night_directory_on_a_memory_url():
    night = memory_url('night')
    for name in ('classical', 'many-tiles'):
        put_tree(GOLDEN / 'v2' / f'{name}.pz', f'{night}/{name}.pz')
    n = photonzip.open(night)
    assert sorted(n) == ['classical', 'many-tiles']
    assert np.array_equal(n['many-tiles'][...], photonzip.open(GOLDEN / 'v2' / 'many-tiles.pz')[...])


def test_a_damaged_tile_on_a_memory_url_raises():
    url = memory_url('classical.pz')
    local = GOLDEN / 'v2' / 'classical.pz'
    put_tree(local, url)
    fs, root = fsspec.core.url_to_fs(url)
    pack = sorted(fs.find(root + '/packs'))[0]
    data = bytearray(fs.cat_file(pack))
    data[len(data) // 2] ^= 0x10
    fs.pipe_file(pack, bytes(data))  # same length, so only the tile's own checks can catch it
    a = photonzip.open(url)
    with pytest.raises(photonzip.ArchiveError, match='crc32c'):
        a[...]


def test_flats_and_attributes_through_a_memory_url(generated):
    archive, source, _ = generated
    url = memory_url('g.pz')
    put_tree(archive, url)
    a, local = photonzip.open(url), photonzip.open(archive)
    assert np.array_equal(a[...], local[...])
    assert np.array_equal(a.flats, local.flats) and np.array_equal(a.darks, local.darks)
    assert a.attrs.keys() == local.attrs.keys()
    a.close()


def test_storage_options_need_a_url():
    with pytest.raises(ValueError, match='storage_options'):
        photonzip.open(GOLDEN / 'v2' / 'classical.pz', storage_options={'anon': True})
