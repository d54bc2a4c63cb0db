"""Checks for the notebooks' public test cells, with Chinese messages.

Not from the book: every message is one paragraph, so it reads well as
the last line of a Jupyter traceback, and prints at most a few elements.
"""

import numpy as np

__all__ = ["assert_close", "assert_shape"]

_EDGE_ITEMS = 2
_THRESHOLD = 8
_FORMATTER = {"float_kind": lambda x: f"{x:.4g}"}


def _hint(hint):
    if not hint:
        return ""
    hint = str(hint).strip()
    if hint.startswith("提示"):
        return hint
    return "提示：" + hint


def _fail(message, hint=None):
    text = "".join(part for part in (message, _hint(hint)) if part)
    raise AssertionError(" ".join(text.split()))


def _check_not_none(actual, what, hint):
    if actual is None:
        _fail(f"{what}返回了 None：是否忘了 return？", hint)


def _to_numpy(value, what, hint):
    if hasattr(value, "asnumpy"):
        return value.asnumpy()
    try:
        array = np.asarray(value)
    except Exception:  # e.g. a ragged list
        array = None
    if array is None or array.dtype.kind in "OUSV":
        _fail(f"{what}应为数组 (NDArray/array) 或数值，实际得到 "
              f"{type(value).__name__}。", hint)
    return array


def _shape_of(value):
    shape = getattr(value, "shape", None)
    if shape is None:
        shape = np.shape(value)
    return tuple(int(d) for d in shape)


def _format(array):
    """A short one-line rendering of an array or scalar."""
    text = np.array2string(
        array, separator=", ", formatter=_FORMATTER, threshold=_THRESHOLD,
        edgeitems=_EDGE_ITEMS, max_line_width=10**6)
    return " ".join(text.split()).replace("[ ", "[")


def assert_shape(actual, shape, what, hint=None):
    """Fail unless actual has this shape (course test cells)."""
    _check_not_none(actual, what, hint)
    expected = tuple(int(d) for d in shape)
    got = _shape_of(actual)
    if got != expected:
        _fail(f"{what}的形状 (shape) 应为 {expected}，实际得到 {got}。", hint)


def assert_close(actual, expected, what, hint=None, rtol=1e-5, atol=1e-6):
    """Fail unless actual matches expected (course test cells)."""
    _check_not_none(actual, what, hint)
    actual_np = _to_numpy(actual, what, hint)
    expected_np = _to_numpy(expected, "期望值 (expected)", None)
    if actual_np.shape != expected_np.shape:
        _fail(f"{what}的形状 (shape) 应为 {expected_np.shape}，"
              f"实际得到 {actual_np.shape}。", hint)
    a = actual_np.astype(np.float64) if actual_np.dtype == bool else actual_np
    e = (expected_np.astype(np.float64) if expected_np.dtype == bool
         else expected_np)
    try:
        ok = np.allclose(a, e, rtol=rtol, atol=atol)
    except TypeError:  # not numeric: compare exactly
        ok = np.array_equal(a, e)
    if not ok:
        _fail(f"{what}的值 (values) 不对：应为 {_format(expected_np)}，"
              f"实际得到 {_format(actual_np)}。"
              + _first_difference(a, e, rtol, atol), hint)


def _first_difference(actual, expected, rtol, atol):
    """Where a large array first differs (its print is cut short)."""
    if actual.size <= _THRESHOLD:
        return ""
    try:
        close = np.isclose(actual, expected, rtol=rtol, atol=atol)
    except TypeError:
        close = actual == expected
    index = tuple(int(i) for i in np.argwhere(~close)[0])
    return (f"第一个不同的元素在索引 (index) {index}：应为 "
            f"{_format(np.asarray(expected[index]))}，实际得到 "
            f"{_format(np.asarray(actual[index]))}。")
