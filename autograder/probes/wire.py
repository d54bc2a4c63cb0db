"""The format of a probe's record: JSON with numpy arrays, and nothing else.

``encode`` writes plain data (dicts with str keys, lists, tuples, str,
int, float, bool, None, numpy numbers and numeric or bool arrays) as
UTF-8 JSON (ASCII, NaN and infinities allowed); an array becomes
``{"__ndarray__": "<base64 of np.save's bytes>"}``. Tuples come back as
lists, numpy numbers as Python numbers.

``decode`` runs in the trusted process on bytes the student's process
wrote, so it trusts nothing: it refuses more than ``max_bytes`` of input
or nesting deeper than ``max_depth``, any dict key that is not a str,
any key starting with ``__`` other than the array marker, and any array
that is not a plain ``.npy`` of a bool, integer or float dtype whose
declared size matches its bytes (never a pickle: ``np.load`` runs with
``allow_pickle=False``, after the header was checked). It raises
:class:`WireError` on anything else.
"""

import ast
import base64
import binascii
import io
import json
import re
import struct

import numpy as np

__all__ = ['WireError', 'encode', 'decode', 'read', 'MAX_BYTES',
           'MAX_DEPTH']

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 32
_ARRAY = '__ndarray__'
_KINDS = 'biuf'
_MAX_HEADER = 4096
_MAX_NDIM = 32
_DESCR = re.compile(r'[<>|=]?(b1|[iu][1248]|f[248])')
_MAGIC = b'\x93NUMPY'


class WireError(ValueError):
    """Data that is not a well-formed record."""


# --------------------------------------------------------------------------
# encode
# --------------------------------------------------------------------------

def encode(obj, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH):
    """obj as bytes; WireError if it holds anything but plain data."""
    text = json.dumps(_plain(obj, max_depth), ensure_ascii=True,
                      allow_nan=True, separators=(',', ':'))
    if len(text) > max_bytes:
        raise WireError('record of {} bytes, more than {}'.format(
            len(text), max_bytes))
    return text.encode('ascii')


def _plain(obj, depth):
    if depth < 0:
        raise WireError('nested too deeply')
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, (int, float)):
        return obj if isinstance(obj, bool) else _number(obj)
    if isinstance(obj, np.generic):
        if obj.dtype.kind not in _KINDS:
            raise WireError('numpy scalar of dtype ' + obj.dtype.str)
        return obj.item()
    if isinstance(obj, np.ndarray):
        return {_ARRAY: _array_text(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(item, depth - 1) for item in obj]
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if not isinstance(key, str) or key.startswith('__'):
                raise WireError('dict key {!r}'.format(key))
            out[key] = _plain(value, depth - 1)
        return out
    raise WireError('cannot encode a ' + type(obj).__name__)


def _number(value):
    # int and float subclasses (e.g. a student's) become plain numbers.
    return int(value) if isinstance(value, int) else float(value)


def _array_text(array):
    if array.dtype.kind not in _KINDS or array.dtype.itemsize == 0:
        raise WireError('array of dtype ' + array.dtype.str)
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return base64.b64encode(buffer.getvalue()).decode('ascii')


# --------------------------------------------------------------------------
# decode
# --------------------------------------------------------------------------

def decode(data, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH):
    """The plain data in data (bytes); WireError if it is anything else."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise WireError('expected bytes')
    if len(data) > max_bytes:
        raise WireError('record of {} bytes, more than {}'.format(
            len(data), max_bytes))
    try:
        text = bytes(data).decode('utf-8')
        # Python's decoder raises RecursionError on deep nesting.
        obj = json.loads(text, parse_constant=_constant)
    except (ValueError, RecursionError) as exc:  # incl. UnicodeError
        raise WireError('not JSON: {}'.format(type(exc).__name__)) from None
    return _checked(obj, max_depth)


def _constant(name):
    if name not in ('NaN', 'Infinity', '-Infinity'):
        raise WireError('constant ' + name)
    return float(name)


def _checked(obj, depth):
    if depth < 0:
        raise WireError('nested too deeply')
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, list):
        return [_checked(item, depth - 1) for item in obj]
    if isinstance(obj, dict):
        if _ARRAY in obj:
            if len(obj) != 1:
                raise WireError('array marker with other keys')
            return _array(obj[_ARRAY])
        out = {}
        for key, value in obj.items():
            if key.startswith('__'):
                raise WireError('dict key {!r}'.format(key[:40]))
            out[key] = _checked(value, depth - 1)
        return out
    raise WireError('unexpected ' + type(obj).__name__)


def _array(text):
    """The array in base64 text of a .npy file, checked before loading."""
    if not isinstance(text, str):
        raise WireError('array is not a base64 string')
    try:
        raw = base64.b64decode(text.encode('ascii'), validate=True)
    except (ValueError, binascii.Error):
        raise WireError('array is not base64') from None
    descr, shape, offset = _npy_header(raw)
    dtype = np.dtype(descr)
    count = 1
    for n in shape:
        count *= n
    if len(raw) - offset != count * dtype.itemsize:
        raise WireError('array data does not match its declared shape')
    try:
        array = np.load(io.BytesIO(raw), allow_pickle=False)
    except Exception as exc:
        raise WireError('bad array: ' + type(exc).__name__) from None
    if (not isinstance(array, np.ndarray) or array.dtype.kind not in _KINDS
            or array.shape != shape):
        raise WireError('array of an unexpected kind')
    return array


def _npy_header(raw):
    """(descr, shape, data offset) of a .npy file; WireError if odd."""
    if len(raw) < 10 or raw[:6] != _MAGIC:
        raise WireError('array is not .npy')
    major = raw[6]
    if major == 1:
        (length,), start = struct.unpack('<H', raw[8:10]), 10
    elif major in (2, 3) and len(raw) >= 12:
        (length,), start = struct.unpack('<I', raw[8:12]), 12
    else:
        raise WireError('unknown .npy version')
    if length > _MAX_HEADER or start + length > len(raw):
        raise WireError('bad .npy header length')
    try:
        header = ast.literal_eval(
            raw[start:start + length].decode('latin1'))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise WireError('bad .npy header') from None
    if (not isinstance(header, dict)
            or set(header) != {'descr', 'fortran_order', 'shape'}):
        raise WireError('bad .npy header')
    descr, order, shape = (header['descr'], header['fortran_order'],
                           header['shape'])
    if not (isinstance(descr, str) and _DESCR.fullmatch(descr)):
        raise WireError('array dtype not allowed')
    if not isinstance(order, bool):
        raise WireError('bad .npy header')
    if (not isinstance(shape, tuple) or len(shape) > _MAX_NDIM
            or not all(type(n) is int and n >= 0 for n in shape)):
        raise WireError('bad array shape')
    return descr, shape, start + length


def read(path, max_bytes=MAX_BYTES):
    """decode() of a file; OSError or WireError when it cannot."""
    with open(path, 'rb') as file:
        data = file.read(max_bytes + 1)
    return decode(data, max_bytes)
