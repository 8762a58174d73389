"""Read photonzip archives from Python: ``photonzip.open(path)[t0:t1, y0:y1, x0:x1]`` decodes and checks only the
tiles a selection touches, on several threads, with libphotonzip (the C decoder of this repository)."""
import os

from .archive import Archive
from .errors import ArchiveError
from ._lib import version as library_version

__all__ = ['open', 'Archive', 'ArchiveError', 'Night', 'library_version']


class Night(dict):
    """A night directory (docs/nightly.md): its archives by name (``scan_001`` for ``scan_001.pz``), each opened
    and validated when first used."""

    def __init__(self, path, names, threads):
        super().__init__((n, None) for n in names)
        self.path, self._threads = path, threads

    def __getitem__(self, name):
        a = super().__getitem__(name)
        if a is None:
            a = Archive(os.path.join(self.path, name + '.pz'), self._threads)
            super().__setitem__(name, a)
        return a

    def values(self):
        return [self[n] for n in self]

    def items(self):
        return [(n, self[n]) for n in self]


def open(path, threads=None):  # noqa: A001 (the package's entry point, as h5py.File / zarr.open)
    """An :class:`Archive` for an archive directory (one with ``_SUCCESS``), or a :class:`Night` for a directory
    of archives (``NAME.pz`` subdirectories). ``threads``: decoding threads (default: the CPUs)."""
    path = os.fspath(path)
    if os.path.isdir(path) and not os.path.exists(os.path.join(path, '_SUCCESS')):
        names = sorted(e.name[:-3] for e in os.scandir(path) if e.is_dir() and e.name.endswith('.pz'))
        if names:
            return Night(path, names, threads)
    return Archive(path, threads)
