#!/usr/bin/env python3
"""Writes one HDF5 file per way of storing a stack that a restore must reproduce (ChunkedRestoreTest): each filter
combination the restore applies itself (none, shuffle, gzip, gzip + shuffle), one it leaves to the library (gzip +
fletcher32), big- and little-endian, 8- and 16-bit, signed (non-negative values), contiguous; chunks that do not divide the shape.
Usage: chunk_fixtures.py OUTDIR. Each file holds /entry/data/data (14 x 24 x 40) and angles."""
import os
import sys

import h5py
import numpy as np

CASES = {
    'none_le': dict(dtype='<u2', chunks=(3, 10, 17)),
    'shuffle_be': dict(dtype='>u2', chunks=(3, 10, 17), shuffle=True),
    'gzip_u8': dict(dtype='u1', chunks=(2, 24, 40), compression='gzip', compression_opts=1),
    'gzip_shuffle_be': dict(dtype='>u2', chunks=(1, 24, 40), compression='gzip', compression_opts=9, shuffle=True),
    'gzip_shuffle_i2': dict(dtype='<i2', chunks=(5, 7, 40), compression='gzip', compression_opts=4, shuffle=True),
    'gzip_fletcher32': dict(dtype='<u2', chunks=(3, 10, 17), compression='gzip', fletcher32=True),
    'contiguous_be': dict(dtype='>u2'),
}


def samples(rng, dtype):
    info = np.iinfo(np.dtype(dtype))
    base = 20 if info.max < 1000 else 1000
    low = max(info.min, 0)  # a stack holds unsigned values, even in a signed type
    a = base + rng.poisson(40 if info.max < 1000 else 600, size=(14, 24, 40)) + np.arange(40)[None, None, :]
    a = np.clip(a, low, info.max)
    a.flat[rng.integers(0, a.size, 30)] = info.max  # saturated pixels and zingers
    a.flat[rng.integers(0, a.size, 30)] = low
    return a.astype(dtype)


def main(out):
    os.makedirs(out, exist_ok=True)
    for i, (name, opts) in enumerate(CASES.items()):
        opts = dict(opts)
        dtype = opts.pop('dtype')
        with h5py.File(os.path.join(out, name + '.h5'), 'w') as f:
            g = f.create_group('entry/data')
            g.attrs['NX_class'] = 'NXdata'
            ds = g.create_dataset('data', data=samples(np.random.default_rng(100 + i), dtype), **opts)
            ds.attrs['units'] = 'counts'
            g['angles'] = np.linspace(0, 180, 14)


if __name__ == '__main__':
    main(sys.argv[1])
