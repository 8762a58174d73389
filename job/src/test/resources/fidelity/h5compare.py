#!/usr/bin/env python3
"""Compares two HDF5 files as h5py sees them: the same keys (links followed), dtypes (byte order, string kind,
length and encoding), shapes, chunk shapes, gzip/shuffle filters, values, and attributes with their values and
types. Usage: h5compare.py SOURCE RESTORED [--skip-values PATH]... [--region PATH T0 T1 Y0 Y1 X0 X1]: PATH holds
that region of the source's (partial restore; PATH may list aliases, comma-separated), and every other dataset that shares
the stack's axes is cut as docs/archive-format.md §7 says: 1-D of the frame count to the frames (unless that length is
also the height or width and the name is not rotation_angle or image_key), rank >= 2 ending in height x width to the
rows and columns, each recording the cut in photonzip_frames or photonzip_roi and photonzip_source_shape. Prints one
line per difference; exit 1 if any."""
import sys

import h5py
import numpy as np


def dtype_info(dt):
    s = h5py.check_string_dtype(dt)
    if s is not None:
        return ('string', s.encoding, s.length)
    v = h5py.check_vlen_dtype(dt)
    if v is not None:
        return ('vlen', dtype_info(v))
    return ('plain', dt.str, tuple(dt.names or ()))


def attr_info(obj, name):
    aid = obj.attrs.get_id(name)
    return dtype_info(aid.dtype), aid.shape


def same_value(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype == b.dtype and (a.tobytes() == b.tobytes()
                                                              if a.dtype != object else list(a.flat) == list(b.flat))
    return type(a) == type(b) and a == b


class Compare:
    def __init__(self, skip_values, region=None):
        self.region = region
        self.diffs = []
        self.skip_values = set(skip_values)
        self.seen = set()
        self.count = 0

    def diff(self, path, what):
        self.diffs.append(f'{path}: {what}')

    def attrs(self, path, a, b):
        ka = sorted(a.attrs.keys())
        kb = sorted(k for k in b.attrs.keys()
                    if not (self.region and k in ('photonzip_frames', 'photonzip_roi', 'photonzip_source_shape')))
        if ka != kb:
            self.diff(path, f'attribute names {ka} != {kb}')
        for k in set(ka) & set(kb):
            ta, tb = attr_info(a, k), attr_info(b, k)
            if ta != tb:
                self.diff(f'{path}@{k}', f'attribute type {ta} != {tb}')
            va, vb = a.attrs[k], b.attrs[k]
            if not same_value(va, vb):
                self.diff(f'{path}@{k}', f'attribute value {va!r} != {vb!r}')

    def dataset(self, path, a, b):
        if self.region and path in self.region[0].split(','):
            t0, t1, y0, y1, x0, x1 = self.region[1:]
            if dtype_info(a.dtype) != dtype_info(b.dtype) or a.compression != b.compression or a.shuffle != b.shuffle:
                self.diff(path, f'region dtype/filters {a.dtype.str} {a.compression} != {b.dtype.str} {b.compression}')
            if not same_value(a[t0:t1, y0:y1, x0:x1], b[()]):
                self.diff(path, 'region values differ')
            return
        if self.region and self.cut(path, a, b):
            return
        for what, fa, fb in [('dtype', dtype_info(a.dtype), dtype_info(b.dtype)), ('shape', a.shape, b.shape),
                             ('chunks', a.chunks, b.chunks), ('compression', a.compression, b.compression),
                             ('compression_opts', a.compression_opts, b.compression_opts),
                             ('shuffle', a.shuffle, b.shuffle)]:
            if fa != fb:
                self.diff(path, f'{what} {fa} != {fb}')
        if path in self.skip_values or a.shape != b.shape:
            return
        if a.size == 0 and b.size == 0:
            return
        step = max(1, (1 << 24) // max(1, int(np.prod(a.shape[1:])) if a.ndim > 1 else 1))
        if a.ndim == 0:
            if not same_value(a[()], b[()]):
                self.diff(path, f'value {a[()]!r} != {b[()]!r}')
            return
        for i in range(0, a.shape[0], step):
            va, vb = a[i:i + step], b[i:i + step]
            if not same_value(va, vb):
                bad = np.argwhere(va != vb) if va.dtype != object else []
                self.diff(path, f'values differ in frames {i}..{i + step} ({len(bad)} samples)')
                return

    def cut(self, path, a, b):
        """A dataset beside the stack in a partial restore: True when it had to be cut (and was checked as such)."""
        t0, t1, y0, y1, x0, x1 = self.region[1:]
        T, H, W = self.stack_shape
        name = path.rsplit('/', 1)[-1]
        frames, roi = (t0, t1) != (0, T), (y0, y1, x0, x1) != (0, H, 0, W)
        if frames and a.ndim == 1 and a.shape[0] == T and (T not in (H, W) or name in ('rotation_angle', 'image_key')):
            attr, want, expected = 'photonzip_frames', [t0, t1], a[t0:t1]
        elif roi and a.ndim >= 2 and a.shape[-2:] == (H, W):
            attr, want, expected = 'photonzip_roi', [y0, y1, x0, x1], a[..., y0:y1, x0:x1]
        else:
            return False
        if list(b.attrs.get(attr, [])) != want or list(b.attrs.get('photonzip_source_shape', [])) != list(a.shape):
            self.diff(path, f'not cut to the region: {attr} {b.attrs.get(attr)!r}, '
                            f'photonzip_source_shape {b.attrs.get("photonzip_source_shape")!r}')
        if dtype_info(a.dtype) != dtype_info(b.dtype) or a.compression != b.compression or a.shuffle != b.shuffle:
            self.diff(path, f'cut dtype/filters {a.dtype.str} {a.compression} != {b.dtype.str} {b.compression}')
        if not same_value(expected, b[()]):
            self.diff(path, 'cut values differ from the source\'s')
        return True

    def group(self, path, a, b, depth=0):
        ka, kb = sorted(a.keys()), sorted(b.keys())
        if ka != kb:
            self.diff(path or '/', f'keys: only in source {sorted(set(ka) - set(kb))}, only in restored '
                                   f'{sorted(set(kb) - set(ka))}')
        for k in ka:
            if k not in kb:
                continue
            p = f'{path}/{k}'
            try:
                oa = a[k]
            except (KeyError, OSError):
                oa = None
            try:
                ob = b[k]
            except (KeyError, OSError):
                ob = None
            if oa is None or ob is None:
                if (oa is None) != (ob is None):
                    self.diff(p, 'readable in one file only')
                continue
            self.count += 1
            if type(oa) != type(ob):
                self.diff(p, f'{type(oa).__name__} != {type(ob).__name__}')
                continue
            self.attrs(p, oa, ob)
            if isinstance(oa, h5py.Dataset):
                self.dataset(p, oa, ob)
            elif isinstance(oa, h5py.Group) and depth < 32:
                key = (oa.file.filename, h5py.h5o.get_info(oa.id).addr)
                if key not in self.seen:
                    self.seen.add(key)
                    self.group(p, oa, ob, depth + 1)


def main(argv):
    args, skip, region = [], [], None
    i = 0
    while i < len(argv):
        if argv[i] == '--region':
            region = [argv[i + 1]] + [int(v) for v in argv[i + 2:i + 8]]
            i += 8
        elif argv[i] == '--skip-values':
            skip.append(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    c = Compare(skip, region)
    with h5py.File(args[0], 'r') as a, h5py.File(args[1], 'r') as b:
        if region:
            c.stack_shape = a[region[0].split(',')[0]].shape
        c.attrs('/', a, b)
        c.group('', a, b)
    for d in c.diffs:
        print(d)
    print(f'compared {c.count} objects, {len(c.diffs)} differences')
    return 1 if c.diffs else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
