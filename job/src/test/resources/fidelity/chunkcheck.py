#!/usr/bin/env python3
"""Reads every stored chunk of a dataset as its raw bytes (read_direct_chunk), undoes its filters here (zlib,
HDF5's byte transpose for shuffle, fletcher32's 4-byte checksum) in reverse pipeline order, and compares the
samples with what h5py reads through the library. Usage: chunkcheck.py FILE DATASET. Exit 1 on any difference."""
import sys
import zlib

import h5py
import numpy as np


def undo(data, filters, mask, itemsize):
    for i in reversed(range(len(filters))):
        if mask & (1 << i):
            continue
        code = filters[i][0]
        if code == h5py.h5z.FILTER_DEFLATE:
            data = zlib.decompress(data)
        elif code == h5py.h5z.FILTER_SHUFFLE:
            a = np.frombuffer(data, np.uint8)
            n = len(a) // itemsize
            data = a[:n * itemsize].reshape(itemsize, n).T.tobytes() + a[n * itemsize:].tobytes()
        elif code == h5py.h5z.FILTER_FLETCHER32:
            data = data[:-4]
        else:
            raise ValueError(f'filter {code} not undone here')
    return data


def main(path, name):
    with h5py.File(path, 'r') as f:
        ds = f[name]
        if ds.chunks is None:
            print('not chunked: nothing to check')
            return 0
        plist = ds.id.get_create_plist()
        filters = [plist.get_filter(i) for i in range(plist.get_nfilters())]
        grid = [-(-s // c) for s, c in zip(ds.shape, ds.chunks)]
        bad, masks = 0, 0
        for idx in np.ndindex(*grid):
            offset = tuple(i * c for i, c in zip(idx, ds.chunks))
            mask, raw = ds.id.read_direct_chunk(offset)
            masks += mask != 0
            data = undo(raw, filters, mask, ds.dtype.itemsize)
            if len(data) != int(np.prod(ds.chunks)) * ds.dtype.itemsize:
                print(f'chunk {offset}: {len(data)} bytes unfiltered, expected a whole chunk')
                bad += 1
                continue
            chunk = np.frombuffer(data, dtype=ds.dtype).reshape(ds.chunks)
            region = tuple(slice(o, min(o + c, s)) for o, c, s in zip(offset, ds.chunks, ds.shape))
            expected = ds[region]
            got = chunk[tuple(slice(0, r.stop - r.start) for r in region)]
            if got.dtype != expected.dtype or got.tobytes() != expected.tobytes():
                print(f'chunk {offset}: samples differ from what the library reads')
                bad += 1
        print(f'checked {int(np.prod(grid))} chunks of {name} ({[flt[0] for flt in filters]}), {masks} with '
              f'filters skipped, {bad} differences')
        return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
