"""Read photonzip archives from Python: ``photonzip.open(path)[t0:t1, y0:y1, x0:x1]`` decodes and checks only the
tiles a selection touches, on several threads, with libphotonzip (the C decoder of this repository)."""
import os

from . import _store
from .archive import Archive
from .errors import ArchiveError
from ._lib import version as library_version

__all__ = ['open', 'Archive', 'ArchiveError', 'Night', 'library_version']


class Night(dict):
    """A night directory (docs/nightly.md): its archives by name (``scan_001`` for ``scan_001.pz``), each opened
    and validated when first used."""

    def __init__(self, path, names, threads, storage_options=None):
        super().__init__((n, None) for n in names)
        self.path, self._threads, self._options = path, threads, storage_options

    def __getitem__(self, name):
        a = super().__getitem__(name)
        if a is None:
            a = Archive(self.path.rstrip('/') + '/' + name + '.pz' if '://' in self.path
                        else os.path.join(self.path, name + '.pz'), self._threads, self._options)
            super().__setitem__(name, a)
        return a

    def values(self):
        return [self[n] for n in self]

    def items(self):
        return [(n, self[n]) for n in self]


def open(path, threads=None, storage_options=None):  # noqa: A001 (the package's entry point, as h5py.File)
    """An :class:`Archive` for an archive directory (one with ``_SUCCESS``), or a :class:`Night` for a directory
    of archives (``NAME.pz`` subdirectories). ``path``: a local path, or a URL read through fsspec (``file://``,
    ``memory://``, ``s3://``, ...; ``storage_options`` go to its file system). ``threads``: decoding threads
    (default: the CPUs)."""
    path = os.fspath(path)
    store, root = _store.resolve(path, storage_options)
    if store.isdir(root) and not store.exists(store.join(root, '_SUCCESS')):
        names = sorted(n[:-3] for n in store.subdirs(root) if n.endswith('.pz'))
        if names:
            return Night(path, names, threads, storage_options)
    return Archive(path, threads, storage_options)
