"""What every probe shares: calling student code and recording its data.

A probe is a generator decorated with ``_probe(title)``: it calls the
student's object on hidden inputs and yields one *step* (a dict of plain
data: numbers, strings, lists, float64 numpy arrays) per thing it
observed, in the order the judge needs them. ``_probe`` collects the
steps into ``{'steps': [...]}``. When the student's code fails part-way
(it raises, returns None, returns no array, ...), the probe stops and
the final student message goes into ``'failed'``; the judge raises it
when it reaches the first step that is missing, so a failure is reported
exactly where the check would have reported it, after the steps before
it were judged. A failure before any step raises :class:`ProbeFailed`.

Nothing here knows a right answer: the helpers call the student's code
(``_call``, ``_record_and_backward``), turn its results into float64
numpy arrays (``_numpy``, ``_result``), describe them (``_describe``)
and explain well-known exceptions (``_raised``, ``_exc_hint``). The
input generators' helpers (``_signs``, ``_f32``) are shared with the
judges, which regenerate the same inputs from the same seeds.
"""

import functools
import warnings

import numpy as np

from ._mx import autograd, nd


class ProbeFailed(Exception):
    """The student's code failed; the message is final, for the student."""


class _CallFailed(ProbeFailed):
    """Calling or reading the student's object failed (no behaviour yet).

    ``_probe`` puts the behaviour's title in front of the message.
    """


def _probe(title):
    """Turn a generator of steps ``inner(obj)`` into a probe.

    The probe returns ``{'steps': [...]}``, with ``'failed'`` (the final
    student message) when the student's code failed after the first step;
    before it, it raises :class:`ProbeFailed`. Any other exception from
    the student's object becomes such a message too. Warnings are
    silenced. The probe's ``title`` names the behaviour in messages.
    """
    def decorate(inner):
        @functools.wraps(inner)
        def probe(obj):
            steps = []
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    for step in inner(obj):
                        steps.append(_compact(step))
            except _CallFailed as failure:
                message = '检查 {}：{}'.format(title, failure)
            except ProbeFailed as failure:
                message = str(failure)
            except Exception as exc:  # the student's object misbehaved
                message = ('检查 {} 时使用你的实现出错 ({}: {})：请确认它的'
                           '接口与题目要求一致。'.format(
                               title, type(exc).__name__, _exc_text(exc)))
            else:
                return {'steps': steps}
            if not steps:
                raise ProbeFailed(message)
            return {'steps': steps, 'failed': message}
        probe.title = title
        return probe
    return decorate


def _compact(data):
    """data with every float64 array that float32 holds exactly as float32.

    Lossless (the judges read arrays as float64 again) and halves what
    crosses the wire: results of float32 NDArrays always qualify.
    """
    if isinstance(data, dict):
        return {key: _compact(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_compact(value) for value in data]
    if isinstance(data, np.ndarray) and data.dtype == np.float64:
        with np.errstate(all='ignore'):
            single = data.astype(np.float32)
        if np.array_equal(single, data, equal_nan=True):
            return single
    return data


# --------------------------------------------------------------------------
# Exceptions of the student's code, explained.
# --------------------------------------------------------------------------

def _exc_text(exc, limit=200):
    """The informative line of an exception's message, shortened."""
    lines = [line.strip() for line in str(exc).splitlines()
             if line.strip()]
    if not lines:
        return ''
    # MXNetError messages start with a C++ traceback; the reason is last.
    text = lines[-1] if lines[0].startswith('Traceback') else lines[0]
    text = text.replace('MXNetError: ', '', 1)
    if len(text) > limit:
        text = text[:limit] + '…'
    return text


def _exc_hint(exc):
    """A likely cause for well-known exceptions, or ''."""
    text = str(exc)
    if isinstance(exc, AttributeError) and "no attribute '_" in text:
        return ('是否忘了在 __init__ 的第一行调用 super().__init__(**kwargs)？'
                'nn.Block 的内部状态要由父类的构造函数建立。')
    if ('computational graph' in text and 'Assigning' in text) or \
            'inplace operations' in text.lower():
        return ('在 autograd.record() 里不能原地修改 (in-place) 已在计算图中'
                '的数组，例如 X[:] = ...、X *= ...：请计算并返回一个新的 '
                'NDArray。')
    if 'not in a computational graph' in text:
        return ('结果不在计算图 (computational graph) 中：是否中途用 '
                'asnumpy() 或 asscalar() 转成了 numpy 或 Python 的数，'
                '用 nd.array(...) 重新包装了结果，或用了 detach()？')
    if 'Cannot reshape array' in text or 'must have the same size' in text \
            or 'Target shape size is different' in text:
        return ('变形 (reshape) 的目标形状与数组的元素个数不符：是否把形状'
                '写死成了公开测试里的数？请从输入的数组取形状（例如 '
                'y_hat.shape），不要写死。')
    if 'dot shape error' in text:
        return ('矩阵乘法 (nd.dot) 两边的形状对不上：是否多做或漏做了转置 '
                '(.T)？请核对相乘的两个数组的形状。')
    if 'must have NDArray type, but got Parameter' in text:
        return ('参数 (Parameter) 不能直接参与运算：请用 .data() 取出它的 '
                'NDArray，例如 self.weight.data()。')
    if 'Shape inconsistent' in text:
        return ('层的参数形状与输入的形状不一致：是否给层写死了 in_units'
                '（例如第 3 章的 784）？不写 in_units 时，Gluon 会在第一次'
                '前向计算时推断输入的维数。')
    if 'could not be broadcast' in text:
        return ('形状不匹配，无法广播 (broadcast)：请检查参与运算的各个数组'
                '的形状。')
    if 'has not been initialized' in text:
        return ('有参数没有被初始化：参数是否用 self.params.get(...) 或 '
                'nn.Dense 创建并赋给了 self 的属性？放进普通 list 的层不会'
                '被注册，initialize() 找不到它们。')
    return ''


def _raised(what, exc):
    if isinstance(exc, NotImplementedError):
        return ('{} 尚未实现 (not implemented)：调用时抛出了 '
                'NotImplementedError。请把 raise NotImplementedError() '
                '换成你的实现。'.format(what))
    message = '调用 {} 时抛出了异常 (exception) {}: {}。'.format(
        what, type(exc).__name__, _exc_text(exc))
    return message + _exc_hint(exc)


# --------------------------------------------------------------------------
# Calling the student's code and recording what came back.
# --------------------------------------------------------------------------

def _call(what, fn, *args, **kwargs):
    """Call student code; any exception becomes a _CallFailed."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        raise _CallFailed(_raised(what, exc)) from None


def _describe(value):
    """'形状为 (4, 1)、dtype 为 float32 的 NDArray' and the like."""
    if isinstance(value, nd.NDArray):
        kind = 'NDArray'
    elif isinstance(value, np.ndarray):
        kind = 'numpy 数组'
    else:
        return '一个 {} 类型的值'.format(type(value).__name__)
    return '形状为 {}、dtype 为 {} 的 {}'.format(
        _shape(value.shape), np.dtype(value.dtype).name, kind)


def _shape(shape):
    return str(tuple(int(n) for n in shape))


def _numpy(value, what):
    """The student's result as a float64 numpy array."""
    if value is None:
        raise _CallFailed(
            '{} 返回了 None：是否忘了 return 结果？'.format(what))
    try:
        if isinstance(value, nd.NDArray):
            array = value.asnumpy()
        else:
            array = np.asarray(value)
    except Exception as exc:
        # MXNet runs operators lazily: their errors surface here.
        raise _CallFailed(_raised(what, exc)) from None
    if array.dtype == object or not (
            np.issubdtype(array.dtype, np.number)
            or array.dtype == bool):
        raise _CallFailed('{} 应返回 NDArray，但返回了{}。'.format(
            what, _describe(value)))
    return array.astype(np.float64)


def _result(value, what):
    """A step for one returned value: its float64 array and description."""
    return {'value': _numpy(value, what), 'kind': _describe(value)}


def _record_and_backward(fn, what, args, wrt):
    """Call fn under autograd.record(), run backward, return wrt.grad."""
    for array in wrt:
        array.attach_grad()
    with autograd.record():
        out = _call(what, fn, *args)
    if not isinstance(out, nd.NDArray):
        raise _CallFailed(
            '{} 在 autograd.record() 中返回了{}，不是 NDArray，autograd '
            '无法对它求梯度：请全程使用 nd 的运算，不要转成 numpy。'.format(
                what, _describe(out)))
    try:
        out.backward()
    except Exception as exc:
        hint = _exc_hint(exc) or '请全程使用 nd 的运算，不要转成 numpy。'
        raise _CallFailed(
            '对 {} 的返回值调用 backward() 失败 ({}: {})。{}'.format(
                what, type(exc).__name__, _exc_text(exc), hint)) from None
    return out, [_numpy(array.grad, what + ' 的梯度') for array in wrt]


# --------------------------------------------------------------------------
# Hidden inputs: shared with the judges, which regenerate them.
# --------------------------------------------------------------------------

def _signs(rng, shape, low=0.5, high=1.5):
    """Values bounded away from zero, with random signs."""
    magnitude = rng.uniform(low, high, size=shape)
    return magnitude * rng.choice([-1.0, 1.0], size=shape)


def _f32(array):
    """float64 numbers exactly representable in float32."""
    return np.asarray(array, dtype=np.float32).astype(np.float64)
