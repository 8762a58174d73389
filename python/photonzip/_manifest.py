"""manifest.csv (docs/archive-format.md §3, §9 step 6): every row valid, inside its pack and the stack, no two rows
sharing pack bytes, and the tiles covering the stack exactly once."""
import csv
import io
import re
from collections import namedtuple

import numpy as np

from .errors import ArchiveError

COLUMNS = ['dataset', 't0', 'frames', 'y0', 'height', 'x0', 'width', 'pack', 'offset', 'length', 'crc32c',
           'pixel_sha256', 'bits_per_pixel', 'model_id']
MAX_SAMPLES = (1 << 31) - 9
HEADER_BYTES = 60
MAX_CELLS_PER_TILE = 16
Row = namedtuple('Row', 'dataset t0 frames y0 height x0 width pack offset length crc32c pixel_sha256 model_id')
SHA256 = re.compile('[0-9a-f]{64}')


def position(r):
    return f'tile {r.frames}x{r.height}x{r.width} at frame {r.t0} row {r.y0} column {r.x0}'


def parse(data: bytes, commit, dataset, shape, has_model):
    where = f'Invalid archive {commit.root}: manifest.csv'
    try:
        lines = list(csv.reader(io.StringIO(data.decode('utf-8'))))
    except (UnicodeDecodeError, csv.Error) as e:
        raise ArchiveError(f'{where}: not UTF-8 CSV ({e})') from None
    if not lines or lines[0] != COLUMNS:
        raise ArchiveError(f'{where}: the header is not {",".join(COLUMNS)}')
    body = [line for line in lines[1:] if line]
    if len(body) != commit.tiles:
        raise ArchiveError(f'{where} has {len(body)} rows, _SUCCESS field tiles says {commit.tiles}')
    rows = []
    for i, line in enumerate(body):
        at = f'{where} row {i}'
        if len(line) != len(COLUMNS):
            raise ArchiveError(f'{at}: {len(line)} fields, expected {len(COLUMNS)}')
        try:
            ints = [int(line[k]) for k in (1, 2, 3, 4, 5, 6, 8, 9, 10)]
        except ValueError:
            raise ArchiveError(f'{at}: a position, offset, length or crc32c field is not an integer') from None
        r = Row(line[0], *ints[:6], line[7], ints[6], ints[7], ints[8], line[11], line[13])
        rows.append(check_row(r, f'{at} ({position(r)}): field', commit, dataset, shape, has_model))
    check_ranges(rows, where)
    check_coverage(rows, shape, where)
    return rows


def check_row(r, at, commit, dataset, shape, has_model):
    pack = 'packs/' + r.pack
    if '/' in r.pack or not commit.listed(pack):
        raise ArchiveError(f'{at} pack names {r.pack!r}, which _SUCCESS does not list')
    if r.dataset != dataset:
        raise ArchiveError(f'{at} dataset is {r.dataset}, the summary\'s stack is {dataset}')
    if not within(r, shape):
        raise ArchiveError(f'{at} t0/y0/x0/frames/height/width: the tile lies outside the stack '
                           f'{shape[0]}x{shape[1]}x{shape[2]}')
    n = r.frames * r.height * r.width
    if n > MAX_SAMPLES:
        raise ArchiveError(f'{at} frames/height/width: the tile holds more than {MAX_SAMPLES} samples')
    if r.offset < 0:
        raise ArchiveError(f'{at} offset is {r.offset}, negative')
    most = min(HEADER_BYTES + 2 * n, MAX_SAMPLES)
    if not 0 < r.length <= most:
        raise ArchiveError(f'{at} length is {r.length}, expected 1..{most} for a tile of {n} samples')
    if r.offset > commit.length(pack) - r.length:
        raise ArchiveError(f'{at} offset/length: bytes [{r.offset}, {r.offset + r.length}) do not lie within '
                           f'{r.pack} ({commit.length(pack)} bytes)')
    if not 0 <= r.crc32c <= 0xFFFFFFFF:
        raise ArchiveError(f'{at} crc32c is {r.crc32c}, not an unsigned 32-bit value')
    if not SHA256.fullmatch(r.pixel_sha256):
        raise ArchiveError(f'{at} pixel_sha256 is not 64 lowercase hex digits')
    if r.model_id not in ('classical', 'learned') or r.model_id == 'learned' and not has_model:
        raise ArchiveError(f'{at} model_id is {r.model_id}' + (', but the archive has no model file'
                           if r.model_id == 'learned' else ', expected classical or learned'))
    return r


def within(r, shape):
    return (r.t0 >= 0 and r.y0 >= 0 and r.x0 >= 0 and r.frames > 0 and r.height > 0 and r.width > 0
            and r.t0 + r.frames <= shape[0] and r.y0 + r.height <= shape[1] and r.x0 + r.width <= shape[2])


def check_ranges(rows, where):
    by_pack = {}
    for r in rows:
        by_pack.setdefault(r.pack, []).append(r)
    for rs in by_pack.values():
        rs.sort(key=lambda r: r.offset)
        for a, b in zip(rs, rs[1:]):
            if b.offset < a.offset + a.length:
                raise ArchiveError(f'{where}: field offset: {position(b)} and {position(a)} share bytes of '
                                   f'{b.pack} (at {b.offset})')


def check_coverage(rows, shape, where):
    """The tiles' edges cut the stack into cells; every cell must belong to exactly one tile."""
    edges = []
    for axis, (start, size) in enumerate((('t0', 'frames'), ('y0', 'height'), ('x0', 'width'))):
        e = {0, shape[axis]}
        for r in rows:
            e.add(getattr(r, start))
            e.add(getattr(r, start) + getattr(r, size))
        edges.append(np.array(sorted(e)))
    counts = [len(e) - 1 for e in edges]
    cells = counts[0] * counts[1] * counts[2]
    if cells > MAX_CELLS_PER_TILE * len(rows) + 4096:
        raise ArchiveError(f'{where}: the tiles do not cover the stack exactly once: the tiles\' edges cut the '
                           f'stack into {cells} cells for {len(rows)} tiles: not a tile grid')
    owner = np.zeros(counts, dtype=np.int64)
    for i, r in enumerate(rows):
        box = tuple(slice(int(np.searchsorted(edges[k], a)), int(np.searchsorted(edges[k], a + n)))
                    for k, (a, n) in enumerate(((r.t0, r.frames), (r.y0, r.height), (r.x0, r.width))))
        if owner[box].any():
            other = rows[int(owner[box].max()) - 1]
            raise ArchiveError(f'{where}: the tiles do not cover the stack exactly once: {position(r)} overlaps '
                               f'{position(other)}')
        owner[box] = i + 1
    if not owner.all():
        t, y, x = (int(v[0]) for v in np.nonzero(owner == 0))
        raise ArchiveError(f'{where}: the tiles do not cover the stack exactly once: no tile covers frame '
                           f'{edges[0][t]} row {edges[1][y]} column {edges[2][x]}')
