"""A committed photonzip archive as a read-only numpy-like array (docs/archive-format.md §9 says what is checked)."""
import hashlib
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from . import _coded, _commit, _lib, _manifest, _store, _summary
from .errors import ArchiveError

MAX_SUMMARY_BYTES = 64 << 20
MAX_MODEL_BYTES = 256 << 20
MAX_MANIFEST_BYTES = 1 << 30
NUMPY = {'uint16': np.dtype('<u2'), 'int16': np.dtype('<i2'), 'uint8': np.dtype('u1'), 'int8': np.dtype('i1')}
PLACEHOLDER = 'photonzip_stack_placeholder'
# Where flats, darks and angles are found, relative to the stack's group or the file's root.
FLATS = ('flats', 'flat', 'data_white', '/exchange/data_white')
DARKS = ('darks', 'dark', 'data_dark', '/exchange/data_dark')
ANGLES = ('rotation_angle', 'angles', 'angles_deg', 'theta', '/exchange/theta')


class Archive:
    """One archive directory. Opening validates the commit record, summary, model and manifest (§9 steps 1-6);
    indexing decodes and checks only the tiles the selection touches (step 7), on ``threads`` threads."""

    def __init__(self, path, threads=None, storage_options=None):
        """``path``: a local path, or a URL read through fsspec (``file://``, ``memory://``, ``s3://``, ...;
        ``storage_options`` are passed to its file system)."""
        self.path = os.fspath(path)
        self._store, root = _store.resolve(self.path, storage_options)
        if not self._store.isdir(root):
            raise ArchiveError(f'Invalid archive {self.path}: not a directory')
        self.threads = threads or os.cpu_count() or 1
        self._commit = c = _commit.CommitRecord(root, self._store)
        self.summary = _summary.parse(c.read('summary.json', MAX_SUMMARY_BYTES), c)
        src = self.summary['source']
        self.dataset = src['dataset']
        self.shape = tuple(src['shape'])
        self.dtype = NUMPY[src['dtype']]
        self._max = _summary.MAX_VALUE[src['dtype']]
        self._model = self._load_model()
        for name in c.files:
            if name in ('manifest.parquet', 'frames.csv', 'stages.csv', 'quality.json', 'quality-frames.csv'):
                c.read(name, MAX_MANIFEST_BYTES)  # every small file matches its SHA-256 (step 5)
        if not c.listed('manifest.csv'):
            raise ArchiveError(f'Invalid archive {self.path}: manifest.csv is not listed in _SUCCESS (this reader '
                               'needs the CSV manifest)')
        self.rows = _manifest.parse(c.read('manifest.csv', MAX_MANIFEST_BYTES), c, self.dataset, self.shape,
                                    self._model is not None)
        self._tag = _lib.crc32c(self.dataset.encode('utf-8'))
        self._metadata = self._metadata_file = None
        self._lock = threading.Lock()

    def _load_model(self):
        want = (self.summary.get('codec') or {}).get('model_sha256')
        if want is None:
            return None
        model = _lib.Model(self._commit.read('model.pzm', MAX_MODEL_BYTES), f'Invalid archive {self.path}: model.pzm')
        if model.sha256() != want:
            raise ArchiveError(f'Invalid archive {self.path}: model.pzm is model {model.sha256()}, summary.json field '
                               f'codec.model_sha256 names {want}')
        return model

    # --- array interface -------------------------------------------------------------------------------------
    @property
    def ndim(self):
        return 3

    @property
    def size(self):
        return self.shape[0] * self.shape[1] * self.shape[2]

    def __len__(self):
        return self.shape[0]

    def __array__(self, dtype=None, copy=None):
        a = self[...]
        return a if dtype is None else a.astype(dtype)

    def __repr__(self):
        return f'<photonzip.Archive {self.path!r} {self.dataset} shape={self.shape} dtype={self.dtype}>'

    def __getitem__(self, key):
        picks = _selection(key, self.shape)
        out = np.empty(tuple(len(p) for p, _ in picks), dtype=self.dtype)
        if out.size == 0:
            return out[tuple(0 if scalar else slice(None) for _, scalar in picks)]
        jobs = []
        for r in self.rows:
            sel = []
            for (p, _), a, n in zip(picks, (r.t0, r.y0, r.x0), (r.frames, r.height, r.width)):
                where = np.nonzero((p >= a) & (p < a + n))[0]
                if where.size == 0:
                    break
                sel.append((where, p[where] - a))
            else:
                jobs.append((r, sel))
        self._run(jobs, out)
        return out[tuple(0 if scalar else slice(None) for _, scalar in picks)]

    def _run(self, jobs, out):
        if self.threads <= 1 or len(jobs) <= 1:
            for job in jobs:
                self._fill(job, out)
            return
        with ThreadPoolExecutor(min(self.threads, len(jobs))) as pool:
            for f in [pool.submit(self._fill, job, out) for job in jobs]:
                f.result()

    def _fill(self, job, out):
        r, sel = job
        tile = self.read_tile(r)
        dst = tuple(_as_index(w) for w, _ in sel)
        src = tuple(_as_index(local) for _, local in sel)
        if all(isinstance(i, slice) for i in dst + src):
            out[dst] = tile[src]
        else:
            out[np.ix_(*(w for w, _ in sel))] = tile[np.ix_(*(local for _, local in sel))]

    def read_tile(self, r):
        """The checked samples of manifest row ``r`` (docs/archive-format.md §9 step 7), as the stack's dtype."""
        where = (f'Invalid tile in {self.path}: {_manifest.position(r)} (packs/{r.pack} at offset {r.offset})')
        stream = self._store.pread(self._commit.path('packs/' + r.pack), r.offset, r.length)
        if len(stream) != r.length:
            raise ArchiveError(f'{where}: packs/{r.pack} ends before byte {r.offset + r.length}')
        crc = _lib.crc32c(stream)
        if crc != r.crc32c:
            raise ArchiveError(f'{where}: field crc32c: the stored bytes have CRC32C {crc:08x}, the manifest recorded '
                               f'{r.crc32c:08x}')
        tile = np.empty((r.frames, r.height, r.width), dtype='<u2')
        identity = (r.frames, r.height, r.width, r.t0, r.y0, r.x0, self._tag, *self.shape)
        failed = _lib.decode_expect(stream, identity, self._model, tile)
        if failed:
            raise ArchiveError(f'{where}: stream byte {failed[0]} (pack byte {r.offset + failed[0]}): {failed[1]}')
        if self._max < 65535 and int(tile.max()) > self._max:
            raise ArchiveError(f'{where}: a sample is {int(tile.max())}, beyond the stack\'s dtype {self.dtype} '
                               '(summary.json field source.dtype)')
        digest = hashlib.sha256(tile.data).hexdigest()
        if digest != r.pixel_sha256:
            raise ArchiveError(f'{where}: field pixel_sha256: the decoded samples have SHA-256 {digest}, the '
                               f'manifest recorded {r.pixel_sha256}')
        return tile if self.dtype == tile.dtype else tile.view('<i2') if self.dtype == NUMPY['int16'] \
            else tile.astype(self.dtype)

    # --- everything but the stack ------------------------------------------------------------------------------
    def _h5(self):
        """metadata.h5, checked against its SHA-256 once, opened with h5py."""
        with self._lock:
            if self._metadata is None:
                import h5py
                self._commit.check_file_hash('metadata.h5')
                path = self._commit.path('metadata.h5')
                if not isinstance(self._store, _store.LocalStore):
                    path = self._metadata_file = self._store.open(path)  # h5py reads a file object
                self._metadata = h5py.File(path, 'r')
            return self._metadata

    @property
    def attrs(self):
        """The stack dataset's attributes as captured (dict of numpy values)."""
        ds = self._h5()[self.dataset]
        return {k: v for k, v in ds.attrs.items() if k != PLACEHOLDER}

    def metadata(self, path):
        """Any dataset of the source but the stack, by its path: coded ones (flats, darks) decoded and checked."""
        for entry in (self.summary.get('metadata') or {}).get('coded') or []:
            if entry.get('path') == path:
                return _coded.read(self._commit, entry)
        h5 = self._h5()
        if path not in h5:
            raise KeyError(path)
        return h5[path][()]

    def _find(self, names):
        h5 = self._h5()
        group = self.dataset.rsplit('/', 1)[0] or '/'
        coded = {e.get('path') for e in (self.summary.get('metadata') or {}).get('coded') or []}
        for n in names:
            path = n if n.startswith('/') else f'{group.rstrip("/")}/{n}'
            if path in coded or (path in h5 and hasattr(h5[path], 'shape') and path != self.dataset):
                return self.metadata(path)
        return None

    @property
    def flats(self):
        return self._find(FLATS)

    @property
    def darks(self):
        return self._find(DARKS)

    @property
    def angles(self):
        return self._find(ANGLES)

    def close(self):
        if self._metadata is not None:
            self._metadata.close()
            self._metadata = None
        if self._metadata_file is not None:
            self._metadata_file.close()
            self._metadata_file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _selection(key, shape):
    """Per axis: the selected indices (numpy's meaning of ints, slices with steps, negative indices) and whether the
    axis was indexed by an integer (and so is dropped)."""
    if not isinstance(key, tuple):
        key = (key,)
    if sum(k is Ellipsis for k in key) > 1:
        raise IndexError('an index can only have a single ellipsis')
    if Ellipsis in key:
        i = key.index(Ellipsis)
        key = key[:i] + (slice(None),) * (3 - len(key) + 1) + key[i + 1:]
    if len(key) > 3:
        raise IndexError(f'too many indices: the archive is 3-dimensional, {len(key)} were given')
    key = key + (slice(None),) * (3 - len(key))
    picks = []
    for axis, (k, n) in enumerate(zip(key, shape)):
        if isinstance(k, slice):
            picks.append((np.arange(*k.indices(n), dtype=np.int64), False))
        elif isinstance(k, (int, np.integer)) and not isinstance(k, bool):
            i = int(k)
            if not -n <= i < n:
                raise IndexError(f'index {i} is out of bounds for axis {axis} with size {n}')
            picks.append((np.array([i % n], dtype=np.int64), True))
        else:
            raise TypeError(f'only integers, slices and ... index an archive, not {type(k).__name__}')
    return picks


def _as_index(positions):
    """A slice equal to ``positions`` when they are evenly spaced, else the array itself."""
    if len(positions) == 1:
        return slice(int(positions[0]), int(positions[0]) + 1)
    step = int(positions[1] - positions[0])
    if step == 0 or not np.all(np.diff(positions) == step):
        return positions
    stop = int(positions[-1]) + step
    return slice(int(positions[0]), stop if stop >= 0 else None, step)
