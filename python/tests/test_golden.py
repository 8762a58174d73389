"""Every golden archive (format 1 and 2) reads to its source's samples, whole and in random regions."""
import hashlib

import numpy as np
import pytest

import photonzip
from conftest import GOLDEN, golden_index


@pytest.mark.parametrize('version', ['v1', 'v2'])
def test_golden_archives_decode_to_their_sources(version):
    for name, sha in golden_index(version).items():
        a = photonzip.open(GOLDEN / version / f'{name}.pz')
        whole = a[...]
        assert whole.shape == a.shape and whole.dtype == a.dtype
        assert hashlib.sha256(whole.astype('<u2').tobytes()).hexdigest() == sha, name
        rng = np.random.default_rng(7)
        for _ in range(20):
            key = random_key(rng, a.shape)
            assert np.array_equal(a[key], whole[key]), (name, key)


def random_key(rng, shape):
    """A random numpy index: per axis an int (maybe negative) or a slice with a step (maybe negative)."""
    key = []
    for n in shape:
        kind = rng.integers(4)
        if kind == 0:
            key.append(int(rng.integers(-n, n)))
        else:
            a, b = sorted(int(v) for v in rng.integers(-n, n + 1, size=2))
            step = int(rng.choice([1, 1, 2, 3, -1, -2]))
            key.append(slice(b, a, step) if step < 0 else slice(a, b, step))
    return tuple(key)


def test_indexing_follows_numpy():
    a = photonzip.open(GOLDEN / 'v2' / 'many-tiles.pz')
    whole = a[:, :, :]
    for key in [0, -1, (1, 2), (Ellipsis, 5), (slice(None), 7, slice(None, None, -3)), (slice(3, 1),),
                (slice(None, None, 5), slice(10, 40, 7), -48), (..., slice(-5, None)), np.int64(2),
                (0, 0, 0), (-4, -48, -48)]:
        got = a[key]
        assert np.array_equal(got, whole[key]) and got.shape == whole[key].shape, key
    for bad in [(4,), (0, 48), (0, 0, -49)]:
        with pytest.raises(IndexError):
            a[bad]
    with pytest.raises(IndexError):
        a[0, 0, 0, 0]
    with pytest.raises(TypeError):
        a[[0, 1]]
    assert np.array_equal(np.asarray(a), whole)


def test_only_the_touched_tiles_are_read(monkeypatch):
    a = photonzip.open(GOLDEN / 'v2' / 'many-tiles.pz')  # 4 x 48 x 48 in tiles of 1 x 8 x 8
    read = []
    original = a.read_tile
    monkeypatch.setattr(a, 'read_tile', lambda r: read.append(r) or original(r))
    a[1, 10:20, 0:8]
    assert sorted((r.t0, r.y0, r.x0) for r in read) == [(1, 8, 0), (1, 16, 0)]
    read.clear()
    a[:, 0, ::47]  # columns 0 and 47 only
    assert len(read) == 4 * 2


def test_one_thread_and_several_agree():
    one = photonzip.open(GOLDEN / 'v2' / 'many-tiles.pz', threads=1)
    four = photonzip.open(GOLDEN / 'v2' / 'many-tiles.pz', threads=4)
    assert np.array_equal(one[...], four[...])


def test_attributes_and_the_library():
    a = photonzip.open(GOLDEN / 'v2' / 'learned.pz')
    assert 'units' in a.attrs and 'photonzip_stack_placeholder' not in a.attrs
    assert photonzip.library_version()


def test_a_night_directory_is_a_mapping_of_archives(tmp_path, copy_of):
    night = tmp_path / 'night'
    night.mkdir()
    for name in ('classical', 'lattice'):
        copy_of(GOLDEN / 'v2' / f'{name}.pz').rename(night / f'{name}.pz')
    n = photonzip.open(night)
    assert sorted(n) == ['classical', 'lattice']
    assert n['lattice'].shape == (6, 24, 24)
