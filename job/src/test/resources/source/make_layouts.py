"""Writes HDF5 datasets in every layout, element type and byte order the stack reader accepts, plus for each the
values h5py reads back as little-endian uint16 (NAME.u16), so the Java reader is checked against libhdf5."""
import sys

import h5py
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(5)
base = rng.integers(0, 65536, size=(7, 9, 11)).astype(np.uint16)

with h5py.File(out + "/layouts.h5", "w") as f:
    f.create_dataset("be_contiguous", data=base.astype(">u2"))
    f.create_dataset("be_chunked_gzip", data=base.astype(">u2"), chunks=(2, 4, 5), compression="gzip", shuffle=True)
    f.create_dataset("le_chunked_raw", data=base, chunks=(3, 9, 4))  # unfiltered, partial edge chunks
    f.create_dataset("be_chunked_raw", data=base.astype(">u2"), chunks=(2, 2, 11))
    f.create_dataset("i2_be_contiguous", data=(base >> 1).astype(">i2"))
    f.create_dataset("i2_chunked_gzip", data=(base >> 1).astype("<i2"), chunks=(4, 9, 11), compression="gzip")
    f.create_dataset("u1_chunked_gzip", data=(base >> 8).astype("u1"), chunks=(1, 9, 11), compression="gzip")
    f.create_dataset("u1_contiguous", data=(base >> 8).astype("u1"))
    sparse = f.create_dataset("sparse_raw", shape=base.shape, dtype="<u2", chunks=(2, 3, 4))
    sparse[0:2, 0:3, 0:4] = base[0:2, 0:3, 0:4]  # the other chunks are never written: the fill value, 0
    sparse_gzip = f.create_dataset("sparse_gzip", shape=base.shape, dtype="<u2", chunks=(2, 3, 4), compression="gzip")
    sparse_gzip[2:4, 3:6, 4:8] = base[2:4, 3:6, 4:8]
    filled = f.create_dataset("sparse_fill_raw", shape=base.shape, dtype="<u2", chunks=(2, 3, 4), fillvalue=4097)
    filled[0:2, 0:3, 0:4] = base[0:2, 0:3, 0:4]
    filled_gzip = f.create_dataset("sparse_fill_gzip", shape=base.shape, dtype=">u2", chunks=(2, 3, 4), fillvalue=517,
                                   compression="gzip")
    filled_gzip[0:2, 0:3, 0:4] = base[0:2, 0:3, 0:4]
    filled_be = f.create_dataset("be_sparse_fill_raw", shape=base.shape, dtype=">u2", chunks=(3, 4, 4), fillvalue=0x1234)
    filled_be[3:6, 4:8, 0:4] = base[3:6, 4:8, 0:4]
    filled_u1 = f.create_dataset("u1_sparse_fill_raw", shape=base.shape, dtype="u1", chunks=(7, 9, 5), fillvalue=200)
    filled_u1[:, :, 0:5] = base[:, :, 0:5] >> 8
    negative = f.create_dataset("sparse_fill_negative", shape=base.shape, dtype="<i2", chunks=(2, 3, 4), fillvalue=-1)
    negative[0:2, 0:3, 0:4] = 5
    full = f.create_dataset("full_fill_gzip", data=base, chunks=(7, 9, 11), fillvalue=9, compression="gzip")
    space = h5py.h5s.create_simple((2, 3, 4))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    compact = h5py.h5d.create(f.id, b"i1_compact", h5py.h5t.STD_I8BE, space, dcpl=dcpl)
    compact.write(h5py.h5s.ALL, h5py.h5s.ALL, np.ascontiguousarray((base[0:2, 0:3, 0:4] >> 9).astype(">i1")))

with h5py.File(out + "/layouts.h5", "r") as f:
    for name in f:
        np.asarray(f[name]).astype("<u2").tofile(out + "/" + name + ".u16")
