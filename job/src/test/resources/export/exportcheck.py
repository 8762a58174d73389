#!/usr/bin/env python3
"""Compares an exported file with a decompress of the same archive as h5py sees them: everything but the stack as
h5compare.py does (keys, dtypes, shapes, chunks, filters, values, attributes); the stack's dtype, shape and
attributes, its chunks (the tiles' shape) and its one filter (305, client data 1, frames, height, width). Its values:
where h5py finds the photonzip plugin (HDF5_PLUGIN_PATH) they equal the restored ones; without it, reading fails
with an error that names the filter. Usage: exportcheck.py RESTORED EXPORTED STACK FRAMES HEIGHT WIDTH"""
import os
import sys

import h5py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from h5compare import Compare, dtype_info, same_value  # noqa: E402


class ExportCompare(Compare):
    def __init__(self, stack, chunk, plugin):
        super().__init__([])
        self.stack, self.chunk, self.plugin = stack, chunk, plugin

    def dataset(self, path, a, b):
        if path != self.stack:
            return super().dataset(path, a, b)
        if dtype_info(a.dtype) != dtype_info(b.dtype) or a.shape != b.shape:
            self.diff(path, f'dtype/shape {a.dtype.str} {a.shape} != {b.dtype.str} {b.shape}')
        if b.chunks != self.chunk:
            self.diff(path, f'chunks {b.chunks} != the tiles {self.chunk}')
        plist = b.id.get_create_plist()
        # the id, flags and the first four values (a learned archive's model follows; ExportTest checks it)
        filters = [(f[0], f[1], f[2][:4]) for f in (plist.get_filter(i) for i in range(plist.get_nfilters()))]
        if filters != [(305, 0, (1,) + self.chunk)]:
            self.diff(path, f'filters {filters}')
        try:
            values = b[()]
        except OSError as e:
            if self.plugin:
                self.diff(path, f'unreadable with the plugin: {e}')
            elif 'photonzip' not in str(e):
                self.diff(path, f'the error does not name the filter: {e}')
            else:
                print(f'without the plugin: {e}')
            return
        if not self.plugin:
            self.diff(path, 'readable without the plugin')
        elif not same_value(a[()], values):
            self.diff(path, 'values differ')


def main(argv):
    restored, exported, stack = argv[0], argv[1], argv[2]
    plugin = bool(h5py.h5z.filter_avail(305))
    print('plugin found' if plugin else 'no plugin')
    c = ExportCompare(stack, tuple(int(v) for v in argv[3:6]), plugin)
    with h5py.File(restored, 'r') as a, h5py.File(exported, 'r') as b:
        c.attrs('/', a, b)
        c.group('', a, b)
    for d in c.diffs:
        print(d)
    print(f'compared {c.count} objects, {len(c.diffs)} differences')
    return 1 if c.diffs else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
