"""Where an archive's files are read from: the local file system, or any fsspec file system for a URL
(``file://``, ``memory://``, ``s3://``, ``hdfs://``, ... as the installed fsspec and its back-ends allow).
Only the operations the reader needs: sizes, whole reads, ranged reads, a file object for h5py, listing."""
import os
import posixpath


class LocalStore:
    def join(self, root, *names):
        return os.path.join(root, *names)

    def size(self, path):
        return os.path.getsize(path)

    def open(self, path):
        return open(path, 'rb')

    def pread(self, path, offset, length):
        fd = os.open(path, os.O_RDONLY)
        try:
            return os.pread(fd, length, offset)
        finally:
            os.close(fd)

    def isdir(self, path):
        return os.path.isdir(path)

    def exists(self, path):
        return os.path.exists(path)

    def subdirs(self, path):
        return [e.name for e in os.scandir(path) if e.is_dir()]


class FsspecStore:
    """An fsspec file system; paths are the file system's own (the URL's protocol stripped)."""

    def __init__(self, fs):
        self.fs = fs

    def join(self, root, *names):
        return posixpath.join(root, *names)

    def size(self, path):
        return self.fs.size(path)

    def open(self, path):
        return self.fs.open(path, 'rb')

    def pread(self, path, offset, length):
        return self.fs.cat_file(path, start=offset, end=offset + length)

    def isdir(self, path):
        return self.fs.isdir(path)

    def exists(self, path):
        return self.fs.exists(path)

    def subdirs(self, path):
        return [posixpath.basename(e['name'].rstrip('/')) for e in self.fs.ls(path, detail=True)
                if e.get('type') == 'directory']


def resolve(path, storage_options=None):
    """(store, path in it) for a local path or a URL; a URL needs fsspec (Debian: python3-fsspec)."""
    path = os.fspath(path)
    if '://' not in path:
        if storage_options:
            raise ValueError('storage_options apply to URLs only')
        return LocalStore(), path
    try:
        import fsspec
    except ImportError:
        raise ImportError(f'{path}: reading URLs needs fsspec (Debian: apt-get install python3-fsspec)') from None
    fs, inner = fsspec.core.url_to_fs(path, **(storage_options or {}))
    return FsspecStore(fs), inner.rstrip('/') or inner
