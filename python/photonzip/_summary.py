"""summary.json's fields a reader relies on (docs/archive-format.md §6, §9 step 3)."""
import json
import re

from .errors import ArchiveError

DTYPES = ('uint16', 'int16', 'uint8', 'int8')
MAX_VALUE = {'uint16': 65535, 'int16': 32767, 'uint8': 255, 'int8': 127}


def parse(data: bytes, commit):
    at = f'Invalid archive {commit.root}: summary.json field'
    try:
        s = json.loads(data)
    except ValueError as e:
        raise ArchiveError(f'Invalid archive {commit.root}: summary.json is not JSON ({e})') from None
    if not isinstance(s, dict):
        raise ArchiveError(f'{at} (root) is not an object')
    if s.get('format_version') != commit.version or type(s.get('format_version')) is not int:
        raise ArchiveError(f'{at} format_version is {s.get("format_version")!r}, _SUCCESS says {commit.version}')
    if s.get('archive_id') != commit.archive_id:
        raise ArchiveError(f'{at} archive_id is {s.get("archive_id")!r}, _SUCCESS says {commit.archive_id}')
    src = s.get('source')
    if not isinstance(src, dict):
        raise ArchiveError(f'{at} source is not an object')
    ds = src.get('dataset')
    if not isinstance(ds, str) or not ds.startswith('/') or len(ds) > 4096:
        raise ArchiveError(f'{at} source.dataset is {ds!r}, expected an HDF5 path')
    if src.get('dtype') not in DTYPES:
        raise ArchiveError(f'{at} source.dtype is {src.get("dtype")!r}, expected one of {DTYPES}')
    for name in ('shape', 'chunks'):
        v = src.get(name)
        if name == 'chunks' and v is None:
            continue
        if not (isinstance(v, list) and len(v) == 3 and all(type(n) is int and 0 < n < 2 ** 31 for n in v)):
            raise ArchiveError(f'{at} source.{name} is {v!r}, expected three positive 32-bit integers')
    if not isinstance(src.get('layout'), str):
        raise ArchiveError(f'{at} source.layout is {src.get("layout")!r}, expected text')
    if 'byte_order' in src and src['byte_order'] not in ('little', 'big'):
        raise ArchiveError(f'{at} source.byte_order is {src["byte_order"]!r}, expected little or big')
    count = (s.get('tiles') or {}).get('count') if isinstance(s.get('tiles'), dict) else None
    if type(count) is not int or count != commit.tiles:
        raise ArchiveError(f'{at} tiles.count is {count!r}, _SUCCESS says {commit.tiles}')
    codec = s.get('codec') if isinstance(s.get('codec'), dict) else {}
    model = codec.get('model_sha256')
    if model is not None and not (isinstance(model, str) and re.fullmatch('[0-9a-f]{64}', model)):
        raise ArchiveError(f'{at} codec.model_sha256 is {model!r}, expected null or a SHA-256')
    return s
