"""ctypes binding of libphotonzip (libphotonzip/include/photonzip.h, API version 1).

Every call releases the GIL (ctypes does so for foreign calls), so tiles decode in parallel on Python threads."""
import ctypes
import os
import pathlib

from .errors import ArchiveError


class _Error(ctypes.Structure):
    _fields_ = [('code', ctypes.c_int), ('offset', ctypes.c_size_t), ('message', ctypes.c_char * 200)]


class _Identity(ctypes.Structure):
    _fields_ = [(n, ctypes.c_uint32) for n in ('frames', 'height', 'width', 't0', 'y0', 'x0', 'dataset_tag',
                                                  'stack_frames', 'stack_height', 'stack_width')]


def _candidates():
    env = os.environ.get('PHOTONZIP_LIBRARY')
    if env:
        yield pathlib.Path(env)
        return
    here = pathlib.Path(__file__).resolve().parent
    yield here / 'libphotonzip.so'                                  # installed beside the package
    yield here.parent.parent / 'libphotonzip' / 'build' / 'libphotonzip.so'  # this repository's build


def _load():
    tried = []
    for path in _candidates():
        tried.append(str(path))
        if path.is_file():
            lib = ctypes.CDLL(str(path))
            break
    else:
        raise ImportError('libphotonzip not found (tried ' + ', '.join(tried) + '): build it with '
                          '`make -C libphotonzip` or set PHOTONZIP_LIBRARY to the path of libphotonzip.so')
    u8p = ctypes.c_char_p  # bytes passed without a copy
    lib.pz_version.restype = ctypes.c_char_p
    lib.pz_crc32c.argtypes = [ctypes.c_uint32, u8p, ctypes.c_size_t]
    lib.pz_crc32c.restype = ctypes.c_uint32
    lib.pz_model_load.argtypes = [u8p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(_Error)]
    lib.pz_model_load.restype = ctypes.c_int
    lib.pz_model_sha256.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.pz_model_sha256.restype = None
    lib.pz_model_free.argtypes = [ctypes.c_void_p]
    lib.pz_model_free.restype = None
    lib.pz_decode_tile_expect.argtypes = [u8p, ctypes.c_size_t, ctypes.POINTER(_Identity), ctypes.c_void_p,
                                          ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(_Error)]
    lib.pz_decode_tile_expect.restype = ctypes.c_int
    return lib


_lib = _load()


def version():
    return _lib.pz_version().decode()


def crc32c(data: bytes):
    """CRC32C (Castagnoli) of ``data``, unsigned."""
    return _lib.pz_crc32c(0, data, len(data))


class Model:
    """A learned model file loaded (and checked against its own SHA-256) by libphotonzip."""

    def __init__(self, data: bytes, where: str):
        err = _Error()
        ptr = ctypes.c_void_p()
        if _lib.pz_model_load(data, len(data), ctypes.byref(ptr), ctypes.byref(err)) != 0:
            raise ArchiveError(f'{where}: byte {err.offset}: {err.message.decode(errors="replace")}')
        self._ptr = ptr

    def sha256(self):
        out = ctypes.create_string_buffer(32)
        _lib.pz_model_sha256(self._ptr, out)
        return out.raw.hex()

    @property
    def pointer(self):
        return self._ptr

    def __del__(self):
        if getattr(self, '_ptr', None):
            _lib.pz_model_free(self._ptr)
            self._ptr = None


def decode_expect(stream: bytes, identity, model, out):
    """Decodes ``stream`` into the uint16 numpy array ``out`` (C order, the tile's shape), refusing a stream of any
    other identity; returns None, or (offset, message) of the failure."""
    err = _Error()
    ident = _Identity(*identity)
    status = _lib.pz_decode_tile_expect(stream, len(stream), ctypes.byref(ident),
                                        model.pointer if model is not None else None,
                                        out.ctypes.data_as(ctypes.c_void_p), out.size, ctypes.byref(err))
    if status != 0:
        return err.offset, err.message.decode(errors='replace')
    return None
