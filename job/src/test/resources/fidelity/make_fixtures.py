#!/usr/bin/env python3
"""Writes the HDF5 files the fidelity tests archive and restore: what h5py and NeXus writers produce in practice.
Usage: make_fixtures.py OUTDIR. Files: links.h5 (+ links-data.h5), bigendian.h5, gzip8.h5, and remote/master.nxs
(+ remote/scan/detector.h5, remote/beam.h5), the NeXus scan the remote-input tests put on HDFS and S3."""
import os
import sys

import h5py
import numpy as np

VLEN = h5py.string_dtype('utf-8')


def nexus_attrs(group, cls):
    group.attrs['NX_class'] = cls  # a Python str: h5py writes a variable-length UTF-8 string


def assorted_attributes(obj):
    obj.attrs['units'] = 'μm'  # variable-length UTF-8 with a non-ASCII character
    obj.attrs.create('long_name', 'Intensität'.encode('utf-8'), dtype=h5py.string_dtype('utf-8', 24))
    obj.attrs['ascii_fixed'] = np.bytes_('counts')  # fixed-length ASCII, |S6
    obj.attrs['wide_fixed'] = np.array(b'x' * 10, dtype='S1024')  # fixed |S1024
    obj.attrs['vlen_list'] = np.array(['a', 'bé', 'ccc'], dtype=VLEN)
    obj.attrs['ints_be'] = np.arange(3, dtype='>i4')
    obj.attrs['scalar_f4'] = np.float32(1.5)
    obj.attrs['u64'] = np.uint64(2 ** 63 + 5)


def frames(rng, n, h, w, base):
    return (base + rng.poisson(200, size=(n, h, w))).astype(np.uint16)


def links(out):
    rng = np.random.default_rng(7)
    with h5py.File(os.path.join(out, 'links-data.h5'), 'w') as d:
        ds = d.create_dataset('images', data=frames(rng, 24, 20, 36, 1000), chunks=(1, 20, 36))
        ds.attrs['units'] = 'counts'
    with h5py.File(os.path.join(out, 'links.h5'), 'w') as f:
        entry = f.create_group('entry')
        nexus_attrs(entry, 'NXentry')
        data = entry.create_group('data')
        nexus_attrs(data, 'NXdata')
        data.attrs['signal'] = 'data'
        data['data'] = h5py.ExternalLink('links-data.h5', '/images')
        data['flats'] = frames(rng, 6, 20, 36, 30000)
        data['darks'] = frames(rng, 8, 20, 36, 90)
        data['angles'] = np.linspace(0, 180, 24)
        data['signed_cube'] = rng.integers(-120, 120, size=(8, 20, 36)).astype(np.int8)
        data['signed16'] = rng.integers(-30000, 30000, size=(6, 20, 36)).astype('>i2')
        data['tiny_cube'] = np.arange(8, dtype=np.uint16).reshape(2, 2, 2)
        assorted_attributes(data['flats'])
        inst = entry.create_group('instrument')
        nexus_attrs(inst, 'NXinstrument')
        det = inst.create_group('detector')
        nexus_attrs(det, 'NXdetector')
        det['data'] = h5py.ExternalLink('links-data.h5', '/images')  # a second link to the stack
        det['data_soft'] = h5py.SoftLink('/entry/data/data')
        det['flats_hard'] = data['flats']  # a hard link to a coded dataset
        det['angles_soft'] = h5py.SoftLink('/entry/data/angles')
        det['dangling'] = h5py.SoftLink('/entry/nowhere')
        det['missing_file'] = h5py.ExternalLink('absent.h5', '/x')
        det['text'] = 'Detector “PCO” – μm'  # vlen UTF-8 scalar dataset
        det['fixed_text'] = np.bytes_('fixed')
        det['names'] = np.array(['one', 'two'], dtype=VLEN)
        det.create_dataset('empty', shape=(0,), dtype='f8')


def bigendian(out):
    rng = np.random.default_rng(11)
    with h5py.File(os.path.join(out, 'bigendian.h5'), 'w') as f:
        g = f.create_group('entry/data')
        nexus_attrs(f['entry'], 'NXentry')
        nexus_attrs(g, 'NXdata')
        ds = g.create_dataset('data', data=frames(rng, 20, 24, 40, 5000).astype('>u2'), chunks=(4, 12, 40),
                              compression='gzip', compression_opts=4, shuffle=True)
        assorted_attributes(ds)
        g.create_dataset('flats', data=frames(rng, 5, 24, 40, 40000).astype('>u2'), chunks=(1, 24, 40),
                         compression='gzip', shuffle=True)
        g['angles'] = np.linspace(0, 3.14, 20).astype('>f8')
        f['entry/data/alias'] = h5py.SoftLink('/entry/data/data')
        f['entry/hard_alias'] = g['data']


def gzip8(out):
    rng = np.random.default_rng(13)
    with h5py.File(os.path.join(out, 'gzip8.h5'), 'w') as f:
        f.create_dataset('stack', data=rng.integers(0, 255, size=(12, 30, 50)).astype(np.uint8), chunks=(1, 30, 50),
                         compression='gzip', compression_opts=6, shuffle=True)
        f['stack'].attrs['NX_class'] = 'NXdata'


def remote(out):
    """A NeXus master whose big-endian chunked stack is in scan/detector.h5, which links ../beam.h5 in turn."""
    rng = np.random.default_rng(17)
    os.makedirs(os.path.join(out, 'remote', 'scan'), exist_ok=True)
    with h5py.File(os.path.join(out, 'remote', 'beam.h5'), 'w') as b:
        b['current'] = np.linspace(200, 199, 50).astype('>f4')
        b['current'].attrs['units'] = 'mA'
    with h5py.File(os.path.join(out, 'remote', 'scan', 'detector.h5'), 'w') as d:
        ds = d.create_dataset('frames', data=frames(rng, 48, 64, 96, 2000).astype('>u2'), chunks=(4, 64, 96))
        assorted_attributes(ds)
        d['beam'] = h5py.ExternalLink('../beam.h5', '/')
    with h5py.File(os.path.join(out, 'remote', 'master.nxs'), 'w') as f:
        entry = f.create_group('entry')
        nexus_attrs(entry, 'NXentry')
        data = entry.create_group('data')
        nexus_attrs(data, 'NXdata')
        data['data'] = h5py.ExternalLink('scan/detector.h5', '/frames')
        data['flats'] = frames(rng, 10, 64, 96, 30000)
        data['darks'] = frames(rng, 10, 64, 96, 90).astype('>u2')
        data['angles'] = np.linspace(0, 180, 48)
        assorted_attributes(data['flats'])
        inst = entry.create_group('instrument')
        nexus_attrs(inst, 'NXinstrument')
        inst['source'] = h5py.ExternalLink('scan/detector.h5', '/beam')  # a file reached through a linked file
        inst['data_soft'] = h5py.SoftLink('/entry/data/data')
        inst['flats_hard'] = data['flats']
        inst['missing_file'] = h5py.ExternalLink('absent.h5', '/x')
        inst['text'] = 'Detector “PCO” – μm'
        inst['names'] = np.array(['one', 'two'], dtype=VLEN)


if __name__ == '__main__':
    os.makedirs(sys.argv[1], exist_ok=True)
    links(sys.argv[1])
    bigendian(sys.argv[1])
    gzip8(sys.argv[1])
    remote(sys.argv[1])
