"""What every judge shares: the failure type, tolerances and plumbing.

``CheckFailed`` is what a judge raises. ``_judge`` turns ``inner(steps)``
into ``judge_<grade_id>(data)``: it hands the probe's steps out one by
one (``steps.next()``) and, when the probe stopped early, raises the
probe's failure message at the first missing step, where the old
in-kernel check would have raised it. ``_verdict`` maps a runner record
to None or a student message; ``_checker`` builds the in-process
``check_<grade_id>(obj)`` from a probe and a judge: probe, wire round
trip, verdict, and a failure re-raised from the tiny ``_fail`` frame with
the check's own frame marked ``__tracebackhide__``, so the student's
traceback shows no check code.

The helpers compare the student's data with expected values
(``_close``, ``_diagnose``) and describe the difference without ever
printing an expected value (``_value_summary``, ``_rel_error``,
``_percent``). See the package docstring for the rules every check
keeps.
"""

import functools
import unicodedata
import warnings

import numpy as np

from ..probes import run_probe, wire


class CheckFailed(AssertionError):
    """A graded behaviour is wrong; the message is for the student."""


def _fail(message):
    raise CheckFailed(message) from None
# Tolerances for values computed in float32 and compared in float64.
RTOL = 1e-5
ATOL = 1e-6
# A network output sums hundreds of float32 products.
NET_RTOL = 1e-4
NET_ATOL = 1e-5

# The longest message a student sees.
MESSAGE_LIMIT = 1500


# --------------------------------------------------------------------------
# Plumbing: judges, verdicts, in-process checks.
# --------------------------------------------------------------------------

class _Malformed(ValueError):
    """The probe's data is not what the judge needs (never a student's
    honest answer: a bug or a forged record)."""


class _Steps:
    """The probe's steps, handed out in order."""

    def __init__(self, data):
        if not isinstance(data, dict) or not isinstance(
                data.get('steps'), list):
            raise _Malformed('no steps')
        self._failed = data.get('failed')
        if self._failed is not None and not isinstance(self._failed, str):
            raise _Malformed('failure is not a str')
        self._steps = iter(data['steps'])

    def next(self):
        """The next step; the probe's failure when it stopped before."""
        for step in self._steps:
            if not isinstance(step, dict):
                raise _Malformed('step is not a dict')
            return step
        self.done()
        raise _Malformed('missing step')

    def done(self):
        """Raise the probe's failure if it has one."""
        if self._failed is not None:
            raise CheckFailed(self._failed)


def _judge(inner):
    """Turn ``inner(steps)`` into a judge ``judge_<grade_id>(data)``."""
    @functools.wraps(inner)
    def judge(data):
        steps = _Steps(data)
        inner(steps)
        # A probe does no fallible work the judge does not need: a
        # failure left over means a forged or broken record.
        steps.done()
    return judge


def _array(step, key):
    """step[key] as a float64 array."""
    return _as_array(step[key])


def _arrays(step, key, count):
    """step[key], a list of count arrays, as float64 arrays."""
    values = step[key]
    if not isinstance(values, list) or len(values) != count:
        raise _Malformed('not a list of {} arrays'.format(count))
    return [_as_array(value) for value in values]


def _as_array(value):
    if not isinstance(value, np.ndarray) or value.dtype.kind not in 'biuf':
        raise _Malformed('not a numeric array')
    return value.astype(np.float64)


def _text(step, key):
    value = step[key]
    if not isinstance(value, str):
        raise _Malformed('{} is not a str'.format(key))
    return value


def _params(step):
    """[(name, shape tuple)] of a step's parameters."""
    params = step['params']
    if not isinstance(params, list):
        raise _Malformed('params is not a list')
    out = []
    for entry in params:
        name, shape = entry
        if not isinstance(name, str) or not isinstance(shape, list) or \
                not all(type(n) is int for n in shape):
            raise _Malformed('bad parameter entry')
        out.append((name, tuple(shape)))
    return out


_MISSING = ('检查 {} 时运行你的代码的进程没有给出结果：它可能超时、超出内存'
            '或被终止。是否有死循环、很大的数组或 os._exit？')
_CRASHED = '检查 {} 时运行你的代码的进程出错 ({}: {})。'
_UNCHECKABLE = ('检查 {} 时，你的实现返回的数据无法检查：请确认它的接口与'
                '题目要求一致。')


def _verdict(title, judge, record):
    """None if the record passes, else the student's message.

    record is what the probe runner wrote, decoded, or None when there is
    none (the process was killed, timed out, or wrote garbage).
    """
    if record is None:
        return _clean(_MISSING.format(title))
    status = record.get('status') if isinstance(record, dict) else None
    if status == 'ok':
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                judge(record.get('data'))
        except CheckFailed as failure:
            return _clean(str(failure))
        except Exception:  # malformed data: never the judge's details
            return _clean(_UNCHECKABLE.format(title))
        return None
    if status == 'failed' and isinstance(record.get('message'), str):
        return _clean(record['message'])
    if status == 'crashed':
        return _clean(_CRASHED.format(
            title, str(record.get('type'))[:100],
            str(record.get('text'))[:500]))
    return _clean(_UNCHECKABLE.format(title))


def _clean(message):
    """message without control characters, at most MESSAGE_LIMIT long."""
    message = ''.join(
        c for c in message
        if unicodedata.category(c) not in ('Cc', 'Cf', 'Cs', 'Zl', 'Zp'))
    if len(message) > MESSAGE_LIMIT:
        message = message[:MESSAGE_LIMIT - 1] + '…'
    return message


def _checker(probe, judge):
    """``check_<grade_id>(obj)``: probe obj here, judge, raise if wrong.

    The probe's record goes through the wire format, exactly as from the
    sandboxed runner, so the judge sees the same data either way.
    """
    grade_id = probe.__name__[len('probe_'):]

    def check(obj):
        __tracebackhide__ = True
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            record = wire.decode(wire.encode(run_probe(grade_id, obj)))
            message = _verdict(probe.title, judge, record)
        if message is not None:
            _fail(message)
    check.__name__ = check.__qualname__ = 'check_' + grade_id
    check.__module__ = judge.__module__
    check.__doc__ = judge.__doc__
    return check


# --------------------------------------------------------------------------
# Comparing with expected values, and saying how far off without them.
# --------------------------------------------------------------------------

def _close(actual, expected, rtol=RTOL, atol=ATOL):
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    return (actual.shape == expected.shape
            and bool(np.allclose(actual, expected, rtol=rtol, atol=atol)))


def _rel_error(actual, expected):
    """Relative error of actual against expected, as a short string."""
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if not np.all(np.isfinite(actual)):
        return '无法计算（结果含 NaN 或 inf）'
    scale = np.linalg.norm(expected)
    error = np.linalg.norm(actual - expected) / (scale if scale else 1.0)
    return _percent(error)


def _percent(fraction):
    value = 100 * float(fraction)
    if value >= 1:
        return '{:.0f}%'.format(value)
    return '{:.2g}%'.format(value)


def _count_wrong(actual, expected, rtol=RTOL, atol=ATOL):
    ok = np.isclose(actual, expected, rtol=rtol, atol=atol)
    return int(ok.size - ok.sum()), int(ok.size)


def _diagnose(actual, variants, rtol=RTOL, atol=ATOL):
    """The hint of the first known-wrong variant actual matches, or ''."""
    for expected, hint in variants:
        if _close(actual, expected, rtol, atol):
            return hint
    return ''


def _value_summary(actual, expected, rtol=RTOL, atol=ATOL):
    wrong, total = _count_wrong(actual, expected, rtol, atol)
    return ('在 {} 个元素中有 {} 个不对，相对误差 (relative error) 约 {}'
            .format(total, wrong, _rel_error(actual, expected)))


def _gradient_zero_hint(grad):
    if np.all(grad == 0):
        return ('梯度全为零：计算图 (computational graph) 在中途断开了，'
                '是否转成 numpy 再用 nd.array(...) 包装回来，或用了 '
                'detach()？')
    return ''
