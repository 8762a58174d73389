"""Datasets kept as tile streams in metadata-samples.pz (flats, darks; docs/archive-format.md §5.1), decoded and
checked: the parts are exactly those the format prescribes for the shape, each lies inside the file, decodes with
its identity to its SHA-256, and the samples together hash to the dataset's SHA-256."""
import hashlib

import numpy as np

from . import _lib
from .errors import ArchiveError

FILE = 'metadata-samples.pz'
MAX_PART_SAMPLES = 1 << 24
NUMPY = {'uint16': '<u2', 'int16': '<i2', 'uint8': 'u1', 'int8': 'i1'}


def parts(shape):
    frames, height, width = shape
    out = []
    if height * width <= MAX_PART_SAMPLES:
        step = max(1, MAX_PART_SAMPLES // max(1, height * width))
        for t in range(0, frames, step):
            out.append((t, min(step, frames - t), 0, height))
    else:
        rows = max(1, MAX_PART_SAMPLES // max(1, width))
        for t in range(frames):
            for y in range(0, height, rows):
                out.append((t, 1, y, min(rows, height - y)))
    return out


def read(commit, entry):
    """The samples of coded dataset ``entry`` (a summary.json metadata.coded item), as its dtype."""
    path, shape = entry.get('path'), entry.get('shape')
    where = f'Invalid archive {commit.root}: summary.json metadata.coded {path}'
    if not commit.listed(FILE):
        raise ArchiveError(f'Invalid archive {commit.root}: {FILE} is not listed in _SUCCESS but summary.json codes '
                           f'{path} in it')
    if not (isinstance(shape, list) and len(shape) == 3 and all(type(n) is int and n > 0 for n in shape)) \
            or entry.get('dtype') not in NUMPY:
        raise ArchiveError(f'{where}: invalid shape {shape!r} or dtype {entry.get("dtype")!r}')
    listed = [(p.get('t0'), p.get('frames'), p.get('y0'), p.get('rows')) for p in entry.get('parts', [])]
    if listed != parts(shape):
        raise ArchiveError(f'{where}: its parts do not cover its shape {shape} as docs/archive-format.md §5.1 '
                           'prescribes')
    size = commit.length(FILE)
    out = np.empty(shape, dtype='<u2')
    whole = hashlib.sha256()
    tag = _lib.crc32c(path.encode('utf-8'))
    with commit.store.open(commit.path(FILE)) as f:
        for p in entry['parts']:
            t0, frames, y0, rows = p['t0'], p['frames'], p['y0'], p['rows']
            at = f'{where} frames {t0}+{frames} rows {y0}+{rows}'
            off, length = p.get('offset'), p.get('length')
            if type(off) is not int or type(length) is not int or off < 0 or length <= 0 or off > size - length:
                raise ArchiveError(f'{at}: bytes {off}+{length} lie outside {FILE} ({size} bytes)')
            f.seek(off)
            stream = f.read(length)
            block = np.empty((frames, rows, shape[2]), dtype='<u2')
            failed = _lib.decode_expect(stream, (frames, rows, shape[2], t0, y0, 0, tag, *shape), None, block)
            if failed:
                raise ArchiveError(f'{at} in {FILE} does not decode: byte {failed[0]}: {failed[1]}')
            digest = hashlib.sha256(block.tobytes()).hexdigest()
            if digest != p.get('sample_sha256'):
                raise ArchiveError(f'{at} decodes to samples with SHA-256 {digest}, summary.json recorded '
                                   f'{p.get("sample_sha256")}')
            whole.update(block.tobytes())
            out[t0:t0 + frames, y0:y0 + rows] = block
    if whole.hexdigest() != entry.get('sample_sha256'):
        raise ArchiveError(f'{where} decodes to samples with SHA-256 {whole.hexdigest()}, summary.json recorded '
                           f'{entry.get("sample_sha256")}')
    signed = out.view('<i2')
    return {'uint16': out, 'int16': signed, 'uint8': out.astype('u1'), 'int8': signed.astype('i1')}[entry['dtype']]
