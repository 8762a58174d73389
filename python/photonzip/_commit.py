"""The commit record (_SUCCESS) and the files it lists (docs/archive-format.md §2, §9 steps 1-2): only listed
files are ever opened, each with exactly its listed length and, in format 2, its SHA-256."""
import hashlib
import json
import re

from ._store import LocalStore
from .errors import ArchiveError

MAX_SUCCESS_BYTES = 256 << 20
PLAIN_NAME = re.compile(r'[A-Za-z0-9_][A-Za-z0-9_.+-]{0,254}')
FORMAT_VERSIONS = (1, 2)
REQUIRED = ('summary.json', 'manifest.parquet', 'metadata.h5')


def _valid_name(name):
    plain = name[len('packs/'):] if name.startswith('packs/') else name
    return isinstance(name, str) and PLAIN_NAME.fullmatch(plain) is not None and '..' not in plain


class CommitRecord:
    """A parsed, validated _SUCCESS and access to the files it lists."""

    def __init__(self, root, store=None):
        self.root = root
        self.store = store = store or LocalStore()
        path = store.join(root, '_SUCCESS')
        try:
            size = store.size(path)
        except OSError:
            raise ArchiveError(f'Invalid archive {root}: no _SUCCESS (the archive is incomplete or was never '
                               'committed)') from None
        if size > MAX_SUCCESS_BYTES:
            raise ArchiveError(f'Invalid archive {root}: _SUCCESS has {size} bytes, more than a reader accepts')
        with store.open(path) as f:
            self.raw = f.read(MAX_SUCCESS_BYTES)
        try:
            m = json.loads(self.raw)
        except ValueError as e:
            raise ArchiveError(f'Invalid archive {root}: _SUCCESS is not JSON ({e})') from None
        if not isinstance(m, dict) or m.get('format') != 'photonzip-archive':
            self.fail('_SUCCESS', 'format', 'is not "photonzip-archive"')
        v = m.get('format_version')
        if type(v) is not int or v not in FORMAT_VERSIONS:
            if type(v) is int and v > max(FORMAT_VERSIONS):
                raise ArchiveError(f'Unsupported archive {root}: format version {v} is newer than this reader '
                                   f'(it reads {FORMAT_VERSIONS})')
            self.fail('_SUCCESS', 'format_version', f'{v!r} is not a known version')
        self.version = v
        self.archive_id = m.get('archive_id')
        tiles = m.get('tiles')
        if type(tiles) is not int or tiles < 1:
            self.fail('_SUCCESS', 'tiles', f'{tiles!r} is not a positive integer')
        self.tiles = tiles
        files = m.get('files')
        if not isinstance(files, list):
            self.fail('_SUCCESS', 'files', 'is not a list')
        self.files = {}
        for e in files:
            name = e.get('name') if isinstance(e, dict) else None
            if not _valid_name(name):
                self.fail('_SUCCESS', 'files', f'name {name!r} is not a file of the archive')
            if name in self.files:
                self.fail('_SUCCESS', 'files', f'{name} is listed twice')
            length = e.get('bytes')
            if type(length) is not int or length < 0:
                self.fail('_SUCCESS', 'files', f'{name}: bytes {length!r} is not a length')
            sha = e.get('sha256')
            if v >= 2 and not (isinstance(sha, str) and re.fullmatch('[0-9a-f]{64}', sha)):
                self.fail('_SUCCESS', 'files', f'{name}: sha256 {sha!r} is not a SHA-256')
            self.files[name] = (length, sha if v >= 2 else None)
        for name in REQUIRED:
            if name not in self.files:
                self.fail('_SUCCESS', 'files', f'{name} is not listed')
        for name, (length, _) in self.files.items():
            if name == 'report.html':
                continue  # derived, never read here
            try:
                actual = self.store.size(self.path(name))
            except OSError:
                self.fail(name, 'bytes', 'is listed in _SUCCESS but missing')
            if actual != length:
                self.fail(name, 'bytes', f'has {actual} bytes, _SUCCESS lists {length}')

    def fail(self, file, field, problem):
        raise ArchiveError(f'Invalid archive {self.root}: {file}: field {field}: {problem}')

    def path(self, name):
        return self.store.join(self.root, *name.split('/'))

    def listed(self, name):
        return name in self.files

    def length(self, name):
        return self.files[name][0]

    def read(self, name, limit):
        """The whole of listed file ``name`` (at most ``limit`` bytes), checked against its SHA-256."""
        if name not in self.files:
            raise ArchiveError(f'Invalid archive {self.root}: {name} is not listed in _SUCCESS')
        length, sha = self.files[name]
        if length > limit:
            self.fail(name, 'bytes', f'{length} bytes, more than a reader accepts ({limit})')
        with self.store.open(self.path(name)) as f:
            data = f.read(length + 1)
        if len(data) != length:
            self.fail(name, 'bytes', f'has {len(data)} bytes, _SUCCESS lists {length}')
        self.check_hash(name, hashlib.sha256(data).hexdigest())
        return data

    def check_file_hash(self, name):
        """Checks a listed file too large to hold in memory against its SHA-256, reading it once."""
        h = hashlib.sha256()
        n = 0
        with self.store.open(self.path(name)) as f:
            for block in iter(lambda: f.read(8 << 20), b''):
                h.update(block)
                n += len(block)
        if n != self.length(name):
            self.fail(name, 'bytes', f'has {n} bytes, _SUCCESS lists {self.length(name)}')
        self.check_hash(name, h.hexdigest())

    def check_hash(self, name, actual):
        expected = self.files[name][1]
        if expected is not None and actual != expected:
            self.fail(name, 'sha256', f'the file has SHA-256 {actual}, _SUCCESS lists {expected}')
