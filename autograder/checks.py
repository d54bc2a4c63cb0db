"""Hidden checks behind the grade cells, one plain function per behaviour.

A grade cell's hidden part calls ``check_<grade_id>(obj)`` with the
student's function (or class, for ``MLP`` and ``MyDense``). The check
returns None when the behaviour is right and raises :class:`CheckFailed`
otherwise, with a one-paragraph message in Simplified Chinese that says
which behaviour failed, what came back and the likely mistake.

Rules every check keeps:

- Inputs come from the check's own ``np.random.RandomState`` with a fixed
  seed, never from the public tests, and never touch MXNet's global RNG
  (no ``mx.random.seed``; parameters are initialised with ``init.Zero``
  and then set from numpy). Only dropout draws from it, through the
  student's own code.
- Messages never contain the reference answer's values (shapes only), and
  the failure is raised from a tiny frame with the check's own frames
  marked ``__tracebackhide__`` so IPython's traceback shows no check code.
- Warnings are silenced while a check runs: nbgrader scores a test cell
  with any stderr output 0.
"""

import functools
import warnings

import numpy as np

with warnings.catch_warnings():
    # mxnet 1.9.1 warns at import about numpy aliases and distutils.
    warnings.simplefilter('ignore')
    from mxnet import autograd, init, nd
    from mxnet.gluon import nn

from .items import GRADED_ITEMS


class CheckFailed(AssertionError):
    """A graded behaviour is wrong; the message is for the student."""


def _fail(message):
    raise CheckFailed(message) from None


__all__ = [
    'CheckFailed', 'GRADED_ITEMS', 'CHECKS',
    'check_squared_loss_value', 'check_squared_loss_reshapes_y',
    'check_squared_loss_gradient',
    'check_sgd_step_value', 'check_sgd_updates_in_place',
    'check_sgd_leaves_grad',
    'check_l2_penalty_value', 'check_l2_penalty_gradient',
    'check_dropout_extremes', 'check_dropout_statistics',
    'check_dropout_fresh_mask', 'check_dropout_autograd',
    'check_mlp_output_shape', 'check_mlp_layers', 'check_mlp_forward',
    'check_mydense_parameters', 'check_mydense_forward',
]

# Tolerances for values computed in float32 and compared in float64.
RTOL = 1e-5
ATOL = 1e-6
# A network output sums hundreds of float32 products.
NET_RTOL = 1e-4
NET_ATOL = 1e-5


# --------------------------------------------------------------------------
# Plumbing: running student code, converting results, writing messages.
# --------------------------------------------------------------------------

class _CallFailed(CheckFailed):
    """Calling or reading the student's object failed (no behaviour yet)."""


def _graded(title):
    """Turn ``inner(obj)`` into a check: silent, re-raised from ``_fail``.

    The CheckFailed raised inside ``inner`` is caught here and raised
    again from ``_fail`` outside any ``except`` block, so the traceback a
    student sees holds only this (hidden) frame and ``_fail``: no check
    code and no chained exception from the student's code. Messages about
    a call that raised get the behaviour's ``title`` in front.
    """
    def decorate(inner):
        @functools.wraps(inner)
        def check(obj):
            __tracebackhide__ = True
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    inner(obj)
            except _CallFailed as failure:
                message = '检查 {}：{}'.format(title, failure)
            except CheckFailed as failure:
                message = str(failure)
            except Exception as exc:  # the student's object misbehaved
                message = ('检查 {} 时使用你的实现出错 ({}: {})：请确认它的'
                           '接口与题目要求一致。'.format(
                               title, type(exc).__name__, _exc_text(exc)))
            else:
                return None
            _fail(message)
        return check
    return decorate


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
                'asnumpy() 转成了 numpy，或用 nd.array(...) 重新包装了'
                '结果？')
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


def _call(what, fn, *args, **kwargs):
    """Call student code; any exception becomes a CheckFailed."""
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


def _gradient_zero_hint(grad):
    if np.all(grad == 0):
        return ('梯度全为零：计算图 (computational graph) 在中途断开了，'
                '是否转成 numpy 再用 nd.array(...) 包装回来，或用了 '
                'detach()？')
    return ''


def _signs(rng, shape, low=0.5, high=1.5):
    """Values bounded away from zero, with random signs."""
    magnitude = rng.uniform(low, high, size=shape)
    return magnitude * rng.choice([-1.0, 1.0], size=shape)


def _f32(array):
    """float64 numbers exactly representable in float32."""
    return np.asarray(array, dtype=np.float32).astype(np.float64)


# --------------------------------------------------------------------------
# squared_loss(y_hat, y)
# --------------------------------------------------------------------------

_SL_CALL = 'squared_loss(y_hat, y)'


def _squared_loss_variants(d):
    """Known-wrong results for d = y_hat - y, with their likely cause."""
    sq = d ** 2
    return [
        (sq, '结果恰好是正确值的 2 倍：是否漏了 / 2？'),
        (np.abs(d) / 2, '是否用了绝对值 (abs) 而不是平方？'),
        (np.abs(d), '是否用了绝对值 (abs) 而不是平方？'),
        (d / 2, '是否忘了平方 (** 2)？'),
        (sq / 2 / d.shape[0], '结果被除以了样本数：squared_loss 应逐个样本'
                              '给出损失，不要平均。'),
    ]


@_graded('squared_loss 的值')
def check_squared_loss_value(squared_loss):
    """squared_loss returns (y_hat - y)^2 / 2 elementwise, shape kept."""
    rng = np.random.RandomState(1301)
    for shape in [(9, 1), (4, 3)]:
        y_hat = _f32(rng.normal(0, 2, size=shape))
        y = _f32(rng.normal(0, 2, size=shape))
        d = y_hat - y
        expected = d ** 2 / 2
        value = _call(_SL_CALL, squared_loss, nd.array(y_hat), nd.array(y))
        actual = _numpy(value, _SL_CALL)
        where = ('在隐藏的输入上（y_hat 与 y 的形状都是 {}）'
                 .format(_shape(shape)))
        if actual.size == 1:
            raise CheckFailed(
                'squared_loss 的值：{}返回了{}，只有一个数。结果被归约 '
                '(reduced) 了：是否用了 sum() 或 mean()？squared_loss 应'
                '逐元素给出每个样本的损失，形状与 y_hat 相同。'.format(
                    where, _describe(value)))
        if actual.shape != expected.shape:
            raise CheckFailed(
                'squared_loss 的值：{}返回了{}，形状应与 y_hat 相同，即 {}。'
                '请把 y 变形 (reshape) 成 y_hat 的形状再相减，不要对结果'
                '变形或求和。'.format(where, _describe(value),
                                    _shape(shape)))
        if not _close(actual, expected):
            hint = _diagnose(actual, _squared_loss_variants(d))
            raise CheckFailed(
                'squared_loss 的值不对：{}返回了{}，{}。{}'.format(
                    where, _describe(value),
                    _value_summary(actual, expected), hint))


@_graded('squared_loss 对 y 的变形')
def check_squared_loss_reshapes_y(squared_loss):
    """With y_hat (n, 1) and y (n,), the result has y_hat's shape."""
    rng = np.random.RandomState(1302)
    n = 8
    y_hat = _f32(rng.normal(0, 2, size=(n, 1)))
    y = _f32(rng.normal(0, 2, size=(n,)))
    value = _call(_SL_CALL, squared_loss, nd.array(y_hat), nd.array(y))
    actual = _numpy(value, _SL_CALL)
    where = 'y_hat 的形状为 ({}, 1)、y 的形状为 ({},) 时，'.format(n, n)
    if actual.shape == (n, n):
        raise CheckFailed(
            'squared_loss 没有保持 y_hat 的形状：{}返回了{}。y_hat - y 被'
            '广播 (broadcast) 成了 ({}, {})，每个预测都和所有标签相减了。'
            '是否把 y 变形 (reshape) 成 y_hat 的形状？例如 '
            'y.reshape(y_hat.shape)。'.format(where, _describe(value), n, n))
    if actual.shape == (n,):
        raise CheckFailed(
            'squared_loss 没有保持 y_hat 的形状：{}返回了{}，应为 ({}, 1)。'
            '是否把 y_hat 变形成了 y 的形状？应反过来，把 y 变形 '
            '(reshape) 成 y_hat 的形状。'.format(where, _describe(value), n))
    if actual.size == 1:
        raise CheckFailed(
            'squared_loss 没有保持 y_hat 的形状：{}返回了{}，只有一个数。'
            '结果被归约 (reduced) 了：是否用了 sum() 或 mean()？'.format(
                where, _describe(value)))
    if actual.shape != (n, 1):
        raise CheckFailed(
            'squared_loss 没有保持 y_hat 的形状：{}返回了{}，应为 ({}, 1)。'
            '请把 y 变形 (reshape) 成 y_hat 的形状再相减。'.format(
                where, _describe(value), n))
    # The same inputs with y already shaped (n, 1) must give the same
    # numbers: y must be paired element by element with y_hat.
    column = _call(_SL_CALL, squared_loss, nd.array(y_hat),
                   nd.array(y.reshape(n, 1)))
    same = _numpy(column, _SL_CALL)
    if not _close(actual, same):
        raise CheckFailed(
            'squared_loss 对 y 的形状不一致：{}的结果与把 y 写成 ({}, 1) '
            '时的结果不同（相对误差约 {}）。y 的第 i 个元素应与 y_hat '
            '的第 i 行配对：请用 y.reshape(y_hat.shape)。'.format(
                where, n, _rel_error(actual, same)))


@_graded('squared_loss 的梯度')
def check_squared_loss_gradient(squared_loss):
    """Under autograd.record(), d loss / d y_hat = y_hat - y."""
    rng = np.random.RandomState(1303)
    n = 10
    y_hat = nd.array(rng.normal(0, 2, size=(n, 1)))
    y = nd.array(rng.normal(0, 2, size=(n, 1)))
    _, (grad,) = _record_and_backward(
        squared_loss, _SL_CALL, (y_hat, y), [y_hat])
    d = y_hat.asnumpy().astype(np.float64) - y.asnumpy()
    if _close(grad, d):
        return
    hint = _gradient_zero_hint(grad) or _diagnose(grad, [
        (2 * d, '梯度是正确值的 2 倍：是否漏了 / 2？'),
        (np.sign(d) / 2, '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (np.sign(d), '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (d / n, '梯度被除以了样本数：是否对结果求了平均 (mean)？'),
        (2 * d / n, '梯度被除以了样本数：是否对结果求了平均 (mean)？'),
        (np.ones_like(d) / 2, '梯度是常数：是否忘了平方 (** 2)？'),
    ])
    raise CheckFailed(
        'squared_loss 的梯度 (gradient) 不对：在 autograd.record() 中计算'
        '并 backward() 后，y_hat.grad 应等于 y_hat - y，实际{}。{}'.format(
            _value_summary(grad, d), hint))


# --------------------------------------------------------------------------
# sgd(params, lr, batch_size)
# --------------------------------------------------------------------------

_SGD_CALL = 'sgd(params, lr, batch_size)'
_SGD_SHAPES = [(4, 3), (3,), (2, 3, 2), (1,)]


class _SgdRun:
    """One call of the student's sgd on fresh parameters with gradients."""

    def __init__(self, sgd, lr, batch_size, seed):
        rng = np.random.RandomState(seed)
        self.lr, self.batch_size = lr, batch_size
        self.before = [_f32(rng.normal(0, 1, size=s)) for s in _SGD_SHAPES]
        self.grads = [_f32(_signs(rng, s, 0.5, 2.0)) for s in _SGD_SHAPES]
        self.refs = []
        for value, grad in zip(self.before, self.grads):
            param = nd.array(value)
            param.attach_grad()
            param.grad[:] = nd.array(grad)
            self.refs.append(param)
        self.passed = list(self.refs)
        _call(_SGD_CALL, sgd, self.passed, lr, batch_size)
        self.after = [_numpy(p, _SGD_CALL) for p in self.refs]
        self.replaced = [new is not old
                         for new, old in zip(self.passed, self.refs)]
        self.changed = [bool(np.any(a != b))
                        for a, b in zip(self.after, self.before)]

    def expected(self, lr=None, batch_size=None, sign=-1):
        lr = self.lr if lr is None else lr
        bs = self.batch_size if batch_size is None else batch_size
        return [b + sign * lr * g / bs
                for b, g in zip(self.before, self.grads)]

    def grads_after(self):
        out = []
        for param in self.refs:
            grad = param.grad
            if grad is None:
                raise CheckFailed('调用 sgd 后参数的 grad 不见了：是否在 sgd '
                                  '里改变了参数的梯度设置？')
            out.append(_numpy(grad, 'param.grad'))
        return out


def _all_close(actuals, expecteds):
    return all(_close(a, e) for a, e in zip(actuals, expecteds))


def _concat(arrays):
    return np.concatenate([np.ravel(a) for a in arrays])


_SGD_REBIND_HINT = (
    '是否写成了 param = param - ...？这只是让循环变量指向一个新的 '
    'NDArray，调用者手里的参数没有变。请原地 (in-place) 更新，例如 '
    'param[:] = param - lr * param.grad / batch_size 或 param -= ...。')
_SGD_REPLACE_HINT = (
    'sgd 把列表 params 里的元素换成了新的 NDArray（例如 params[i] = '
    'params[i] - ...），调用者手里的 w、b 并没有变。请原地 (in-place) '
    '更新，例如 param[:] = ... 或 param -= ...。')
_SGD_FIRST_HINT = (
    '只有第一个参数被更新了：是否在 for 循环里提前 return，或只更新了 '
    'params[0]？每个参数都要更新。')


def _sgd_value_hint(run):
    if any(run.replaced):
        return _SGD_REPLACE_HINT
    if not any(run.changed):
        return '参数完全没有变化。' + _SGD_REBIND_HINT
    right = run.expected()
    if (_close(run.after[0], right[0])
            and _all_close(run.after[1:], run.before[1:])):
        return _SGD_FIRST_HINT
    variants = [
        (run.expected(batch_size=1), '是否忘了除以 batch_size？'),
        (run.expected(batch_size=1.0 / run.batch_size),
         '是否把除以 batch_size 写成了乘以？'),
        (run.expected(sign=1),
         '更新方向反了：应减去 lr * param.grad / batch_size（沿梯度的反方向'
         '走），而不是加上。'),
        (run.expected(lr=1), '是否忘了乘以学习率 lr？'),
        (run.expected(lr=1, batch_size=1),
         '是否既没有乘以 lr 也没有除以 batch_size？'),
    ]
    for expected, hint in variants:
        if _all_close(run.after, expected):
            return hint
    return ''


@_graded('sgd 更新后的值')
def check_sgd_step_value(sgd):
    """Each param becomes p - lr * p.grad / batch_size."""
    for lr, batch_size, seed in [(0.37, 7, 2101), (0.05, 3, 2102)]:
        run = _SgdRun(sgd, lr, batch_size, seed)
        expected = run.expected()
        if _all_close(run.after, expected):
            continue
        bad = sum(not _close(a, e) for a, e in zip(run.after, expected))
        step = _concat(expected) - _concat(run.before)
        error = np.linalg.norm(_concat(run.after) - _concat(expected))
        raise CheckFailed(
            'sgd 更新后的参数值不对：隐藏测试用了 {} 个形状不同的参数，lr '
            '与 batch_size 也和公开测试不同；调用后有 {} 个参数的值不对，'
            '更新量的相对误差 (relative error) 约 {}。{}'.format(
                len(_SGD_SHAPES), bad,
                _percent(error / np.linalg.norm(step)),
                _sgd_value_hint(run)))


@_graded('sgd 的原地更新')
def check_sgd_updates_in_place(sgd):
    """Every param is updated in place: the caller's references see it."""
    run = _SgdRun(sgd, 0.2, 5, 2103)
    n = len(run.refs)
    if any(run.replaced):
        raise CheckFailed('sgd 没有原地更新参数：' + _SGD_REPLACE_HINT)
    if not any(run.changed):
        raise CheckFailed(
            'sgd 没有原地更新参数：调用后，调用者手里的 {} 个参数都没有'
            '变化。{}'.format(n, _SGD_REBIND_HINT))
    if run.changed[0] and not any(run.changed[1:]):
        raise CheckFailed('sgd 没有更新所有参数：' + _SGD_FIRST_HINT)
    if not all(run.changed):
        missing = [str(i + 1) for i, c in enumerate(run.changed) if not c]
        raise CheckFailed(
            'sgd 没有更新所有参数：{} 个参数中第 {} 个调用后没有变化。'
            '请对 params 中的每个参数原地更新。'.format(
                n, '、'.join(missing)))


@_graded('sgd 是否保留梯度')
def check_sgd_leaves_grad(sgd):
    """p.grad is the same after the call as before it."""
    run = _SgdRun(sgd, 0.3, 4, 2104)
    after = run.grads_after()
    if _all_close(after, run.grads):
        return
    grads, after_all = _concat(run.grads), _concat(after)
    if np.all(after_all == 0):
        hint = ('param.grad 被清零了：是否在 sgd 里写了 param.grad[:] = 0 '
                '或重新调用了 attach_grad()？sgd 只应更新参数；MXNet 的 '
                'backward() 默认覆盖写入 (grad_req=\'write\') 梯度，不需要'
                '手动清零。')
    elif _close(after_all, grads / run.batch_size):
        hint = ('param.grad 变成了原来的 1/batch_size：是否原地修改了梯度'
                '（例如 param.grad /= batch_size）？请把缩放后的梯度存进'
                '新变量，或直接写在更新式里。')
    elif _close(after_all, grads * run.lr / run.batch_size):
        hint = ('param.grad 被原地改成了更新量 lr * grad / batch_size：'
                '请不要修改 param.grad。')
    else:
        hint = ('调用后 param.grad 相对原来的变化约 {}：请不要原地修改 '
                'param.grad。'.format(_rel_error(after_all, grads)))
    raise CheckFailed('sgd 修改了参数的梯度 (param.grad)，它应保持调用前的'
                      '样子。' + hint)


# --------------------------------------------------------------------------
# l2_penalty(w)
# --------------------------------------------------------------------------

_L2_CALL = 'l2_penalty(w)'


def _l2_variants(w):
    sq = np.sum(w ** 2)
    return [
        (sq, '结果恰好是正确值的 2 倍：是否漏了 / 2？'),
        (np.sum(np.abs(w)),
         '是否用了绝对值之和 (L1 范数)？应是平方和的一半。'),
        (np.sum(np.abs(w)) / 2,
         '是否用了绝对值之和 (L1 范数)？应是平方和的一半。'),
        (np.mean(w ** 2) / 2, '是否用了 mean（平均）而不是 sum（求和）？'),
        (np.mean(w ** 2), '是否用了 mean（平均）而不是 sum（求和）？'),
        (np.sqrt(sq),
         '算成了 L2 范数 (norm) 本身：应是平方和的一半，不开方。'),
        (np.sqrt(sq) / 2,
         '算成了 L2 范数 (norm) 的一半：应是平方和的一半，不开方。'),
        (np.sum(w) / 2, '是否忘了平方 (** 2)？'),
        (np.sum(w), '是否忘了平方 (** 2)？'),
    ]


@_graded('l2_penalty 的值')
def check_l2_penalty_value(l2_penalty):
    """l2_penalty(w) is one number, half the sum of squares of w."""
    rng = np.random.RandomState(3101)
    for shape in [(13, 1), (4, 5), (7,)]:
        w = _f32(rng.normal(0, 1.5, size=shape))
        expected = np.sum(w ** 2) / 2
        value = _call(_L2_CALL, l2_penalty, nd.array(w))
        actual = _numpy(value, _L2_CALL)
        where = '对形状为 {} 的隐藏 w，'.format(_shape(shape))
        if actual.size != 1:
            hint = ('是否忘了求和 (sum)？' if actual.shape == w.shape
                    else '请对所有元素的平方求和再除以 2。')
            raise CheckFailed(
                'l2_penalty 应返回只含一个元素的 NDArray（形状 (1,)），但{}'
                '返回了{}。{}'.format(where, _describe(value), hint))
        actual = actual.reshape(())
        if not _close(actual, expected):
            hint = _diagnose(actual, _l2_variants(w))
            raise CheckFailed(
                'l2_penalty 的值不对：{}返回了{}，相对误差 (relative error)'
                ' 约 {}。{}'.format(where, _describe(value),
                                  _rel_error(actual, expected), hint))


@_graded('l2_penalty 的梯度')
def check_l2_penalty_gradient(l2_penalty):
    """Under autograd.record(), d l2_penalty(w) / d w = w."""
    rng = np.random.RandomState(3102)
    w = nd.array(rng.normal(0, 1.5, size=(6, 1)))
    _, (grad,) = _record_and_backward(l2_penalty, _L2_CALL, (w,), [w])
    w_np = w.asnumpy().astype(np.float64)
    if _close(grad, w_np):
        return
    n = w_np.size
    hint = _gradient_zero_hint(grad) or _diagnose(grad, [
        (2 * w_np, '梯度是正确值的 2 倍：是否漏了 / 2？'),
        (np.sign(w_np), '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (np.sign(w_np) / 2, '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (w_np / n, '梯度被除以了元素个数：是否用了 mean 而不是 sum？'),
        (2 * w_np / n, '梯度被除以了元素个数：是否用了 mean 而不是 sum？'),
        (np.full_like(w_np, 0.5), '梯度是常数：是否忘了平方 (** 2)？'),
        (np.ones_like(w_np), '梯度是常数：是否忘了平方 (** 2)？'),
    ])
    raise CheckFailed(
        'l2_penalty 的梯度 (gradient) 不对：在 autograd.record() 中计算并 '
        'backward() 后，w.grad 应等于 w，实际{}。{}'.format(
            _value_summary(grad, w_np), hint))


# --------------------------------------------------------------------------
# dropout(X, drop_prob)
# --------------------------------------------------------------------------

_DO_CALL = 'dropout(X, drop_prob)'

# Bounds for the large-sample statistics (n = 10^6 elements):
# - The zeroed count is Binomial(n, p): its fraction has standard
#   deviation sqrt(p (1 - p) / n) (4.6e-4 for p = 0.3 or 0.7). We allow
#   Z_DROPOUT = 6 of them. Normal tail: P(|Z| > 6) = 2.0e-9; Bernstein's
#   inequality, which needs no normal approximation, bounds it by
#   2 exp(-36 / 2 / (1 + 6 / (3 sqrt(n p (1 - p))))) < 3.5e-8.
# - The output mean minus the input mean is a sum of independent terms
#   x_i (B_i / q - 1) / n, B_i ~ Bernoulli(q), q = keep_prob, |x_i| <= 1.5:
#   variance sum(x_i^2) (1 - q) / q / n^2. The same 6 standard deviations;
#   Bernstein (terms bounded by 1.5 / q <= 5) gives < 3.5e-8 again.
# - Independence: the zeroed count of each of the C = 1000 columns (and
#   rows) is Binomial(1000, p). Standardised with the observed fraction
#   p^ (a test of homogeneity, so a wrong fraction is not mistaken for
#   dependence), the sum of their squares is chi-square with 999 degrees
#   of freedom: mean 999, std 44.7. We allow 1.5 per column (1500), 11
#   std; by Wilson-Hilferty P(chi2_999 > 1500) ~ P(Z > 9.7) < 1e-21. A
#   mask shared by all rows (drawn with shape X.shape[1]) gives 1000 per
#   column.
# Two drop probabilities, four bounds each: a right implementation fails
# with probability below 2 * (2 * 3.5e-8 + 2e-21) < 1.5e-7.
Z_DROPOUT = 6.0
CHI2_PER_DOF_MAX = 1.5
_DO_ROWS = _DO_COLS = 1000


@_graded('dropout 在 drop_prob 为 0 和 1 时的结果')
def check_dropout_extremes(dropout):
    """drop_prob 0 returns X's values; drop_prob 1 returns all zeros."""
    rng = np.random.RandomState(4101)
    cases = [((6, 7), 0, 1), ((5,), 0.0, 1.0)]
    for shape, zero, one in cases:
        X = _f32(_signs(rng, shape))
        where = '对形状为 {} 的隐藏 X，'.format(_shape(shape))
        value = _call(_DO_CALL, dropout, nd.array(X), zero)
        actual = _numpy(value, _DO_CALL)
        if actual.shape != X.shape:
            raise CheckFailed(
                'dropout(X, 0) 应原样返回 X：{}返回了{}，形状应与 X 相同。'
                .format(where, _describe(value)))
        if not _close(actual, X):
            zeroed = float(np.mean(actual == 0))
            if zeroed == 1:
                hint = ('所有元素都被置零了：掩码 (mask) 的比较方向是否反'
                        '了？应保留随机数小于 keep_prob 的元素。')
            elif zeroed > 0:
                hint = ('有 {} 的元素被置零：drop_prob 为 0 时不应丢弃任何'
                        '元素。'.format(_percent(zeroed)))
            elif not np.all(np.isfinite(actual)):
                hint = ('结果含 NaN 或 inf：是否除以了 drop_prob（此时为 0）？'
                        '保留的元素应除以 keep_prob = 1 - drop_prob。')
            else:
                hint = '值被改变了（相对误差约 {}）。'.format(
                    _rel_error(actual, X))
            raise CheckFailed(
                'dropout(X, 0) 应原样返回 X 的值：{}返回了{}。{}'.format(
                    where, _describe(value), hint))
        value = _call(_DO_CALL, dropout, nd.array(X), one)
        actual = _numpy(value, _DO_CALL)
        if actual.shape != X.shape:
            raise CheckFailed(
                'dropout(X, 1) 应返回与 X 同形状的全零数组：{}返回了{}。'
                .format(where, _describe(value)))
        if not np.all(np.isfinite(actual)):
            raise CheckFailed(
                'dropout(X, 1) 应返回全零：{}结果含 NaN 或 inf。是否除以了 '
                'keep_prob = 0（除零 (division by zero)）？drop_prob 为 1 '
                '时应直接返回全零，例如 X.zeros_like()。'.format(where))
        if np.any(actual != 0):
            raise CheckFailed(
                'dropout(X, 1) 应返回全零：{}仍有 {} 的元素不为零。drop_prob'
                ' 为 1 时每个元素都要被丢弃。'.format(
                    where, _percent(np.mean(actual != 0))))


def _dropout_kept_hint(actual, x, kept, drop_prob):
    keep_prob = 1 - drop_prob
    a, v = actual[kept], x[kept]
    if _close(a, v):
        return ('保留下来的元素没有除以 keep_prob：倒置丢弃法 (inverted '
                'dropout) 要把保留的元素除以 keep_prob = 1 - drop_prob，'
                '输出的期望才等于 X。')
    if _close(a, v / drop_prob):
        return '保留的元素除以了 drop_prob，应除以 keep_prob = 1 - drop_prob。'
    if _close(a, v * keep_prob):
        return '保留的元素乘以了 keep_prob，应除以 keep_prob。'
    return ''


def _chi2_per_dof(zeroed, drop_prob, axis):
    """Mean squared standardised deviation of zero counts along axis."""
    counts = zeroed.sum(axis=axis)
    m = zeroed.shape[axis]
    var = m * drop_prob * (1 - drop_prob)
    return float(np.mean((counts - m * drop_prob) ** 2 / var))


@_graded('dropout 的统计性质')
def check_dropout_statistics(dropout):
    """Each element is 0 (prob drop_prob) or x / keep_prob, independently."""
    rng = np.random.RandomState(4102)
    shape = (_DO_ROWS, _DO_COLS)
    x = _f32(_signs(rng, shape))
    n = x.size
    for drop_prob in [0.3, 0.7]:
        keep_prob = 1 - drop_prob
        X = nd.array(x)
        value = _call(_DO_CALL, dropout, X, drop_prob)
        actual = _numpy(value, _DO_CALL)
        where = '对 {} 个元素的隐藏 X、drop_prob = {} 时，'.format(
            n, drop_prob)
        if actual.shape != x.shape:
            raise CheckFailed(
                'dropout 的输出形状应与 X 相同：{}返回了{}。'.format(
                    where, _describe(value)))
        if not np.all(np.isfinite(actual)):
            raise CheckFailed(
                'dropout 的输出含 NaN 或 inf：{}有 {} 的元素不是有限数。'
                .format(where, _percent(np.mean(~np.isfinite(actual)))))
        zeroed = actual == 0
        kept = ~zeroed
        right = np.isclose(actual, x / keep_prob, rtol=RTOL, atol=ATOL)
        bad = kept & ~right
        if np.any(bad):
            raise CheckFailed(
                'dropout 的每个输出元素应是 0 或 x / keep_prob：{}有 {} 的'
                '非零元素两者都不是。{}'.format(
                    where, _percent(np.mean(bad)),
                    _dropout_kept_hint(actual, x, kept, drop_prob)))
        fraction = float(np.mean(zeroed))
        # Independence first, against the observed fraction, so that a
        # wrong fraction is reported as such below and not as dependence.
        if 0 < fraction < 1:
            rows = _chi2_per_dof(zeroed, fraction, axis=1)
            cols = _chi2_per_dof(zeroed, fraction, axis=0)
            if max(rows, cols) > CHI2_PER_DOF_MAX:
                raise CheckFailed(
                    'dropout 的掩码 (mask) 不是逐元素独立的：{}各{}被置零'
                    '的个数远比独立抽样时参差（卡方统计量 (chi-square) 约'
                    '为期望的 {:.0f} 倍）。是否只生成了一行或一列的掩码再'
                    '广播 (broadcast)？掩码的形状应与 X 相同，例如 '
                    'X.shape。'.format(where, '列' if cols >= rows else '行',
                                      max(rows, cols)))
        tol = Z_DROPOUT * np.sqrt(drop_prob * (1 - drop_prob) / n)
        if abs(fraction - drop_prob) > tol:
            if fraction == 0:
                hint = '没有任何元素被置零。'
            elif abs(fraction - keep_prob) <= tol:
                hint = ('被置零的比例约为 1 - drop_prob：是否把保留概率和'
                        '丢弃概率弄反了？每个元素应以概率 drop_prob 被置零。')
            else:
                hint = '每个元素应以概率 drop_prob 被置零。'
            raise CheckFailed(
                'dropout 置零的比例不对：{}有 {} 的元素被置零，与 drop_prob '
                '的差超过了随机波动的范围 (binomial tolerance)。{}'.format(
                    where, _percent(fraction), hint))
        sd = np.sqrt(np.sum(x ** 2) * (1 - keep_prob) / keep_prob) / n
        if abs(actual.mean() - x.mean()) > Z_DROPOUT * sd:
            raise CheckFailed(
                'dropout 没有保持均值：{}输出的均值与 X 的均值相差 {:.1f} '
                '个标准差。是否让置零与元素的值有关？每个元素都应以相同'
                '的概率、与值无关地被置零。'.format(
                    where, abs(actual.mean() - x.mean()) / sd))


@_graded('dropout 每次重新生成掩码')
def check_dropout_fresh_mask(dropout):
    """Two calls on the same X draw two different masks."""
    rng = np.random.RandomState(4103)
    X = nd.array(_signs(rng, (64, 64)))
    first = _numpy(_call(_DO_CALL, dropout, X, 0.5), _DO_CALL)
    second = _numpy(_call(_DO_CALL, dropout, X, 0.5), _DO_CALL)
    mask1, mask2 = first != 0, second != 0
    if np.all(mask1) and np.all(mask2):
        raise CheckFailed(
            'dropout 每次调用应重新随机生成掩码 (mask)：对同一个 X 以 '
            'drop_prob = 0.5 调用两次，但没有任何元素被置零，无法比较。'
            '请以概率 drop_prob 把每个元素置零。')
    if mask1.shape == mask2.shape and np.all(mask1 == mask2):
        # Two independent masks over 4096 elements coincide with
        # probability 0.5 ** 4096.
        raise CheckFailed(
            'dropout 每次调用应重新随机生成掩码 (mask)：对同一个 X 以 '
            'drop_prob = 0.5 调用两次，得到了完全相同的掩码（{} 个元素）。'
            '是否只在函数外生成了一次随机数并反复使用，或在函数里设置了'
            '随机种子 (mx.random.seed)？'.format(mask1.size))


@_graded('dropout 与自动求梯度')
def check_dropout_autograd(dropout):
    """X is left alone; under record, dX = mask / keep_prob."""
    rng = np.random.RandomState(4104)
    x = _f32(_signs(rng, (40, 50)))
    drop_prob = 0.4
    keep_prob = 1 - drop_prob
    X = nd.array(x)
    value = _call(_DO_CALL, dropout, X, drop_prob)
    _numpy(value, _DO_CALL)
    after = _numpy(X, 'X')
    if not _close(after, x, rtol=0, atol=0):
        raise CheckFailed(
            'dropout 修改了输入 X：调用后 X 有 {} 的元素变了。是否用了原地'
            '操作 (in-place)，例如 X *= mask 或 X[:] = ...？请计算并返回'
            '一个新的 NDArray。'.format(_percent(np.mean(after != x))))
    X = nd.array(x)
    out, (grad,) = _record_and_backward(
        dropout, _DO_CALL, (X, drop_prob), [X])
    kept = _numpy(out, _DO_CALL) != 0
    expected = kept / keep_prob
    if _close(grad, expected):
        return
    hint = _gradient_zero_hint(grad) or _diagnose(grad, [
        (kept.astype(np.float64),
         '被保留处的梯度是 1 而不是 1 / keep_prob：是否没有除以 keep_prob？'),
        (np.ones_like(expected),
         '梯度处处为 1：掩码 (mask) 没有作用到 X 上。'),
    ])
    raise CheckFailed(
        'dropout 的梯度 (gradient) 不对：在 autograd.record() 中以 drop_prob'
        ' = {} 调用并 backward() 后，X.grad 应在被丢弃处为 0、在保留处为 '
        '1 / keep_prob，实际{}。{}'.format(
            drop_prob, _value_summary(grad, expected), hint))


# --------------------------------------------------------------------------
# Blocks: MLP and MyDense (classes)
# --------------------------------------------------------------------------

def _require_block_class(cls, name):
    if not (isinstance(cls, type) and issubclass(cls, nn.Block)):
        raise CheckFailed(
            '{} 应是 nn.Block 的子类 (subclass)，例如 class {}(nn.Block): '
            '...，但得到的是 {}。'.format(name, name, _type_name(cls)))


def _type_name(obj):
    if isinstance(obj, type):
        return '类 {}'.format(obj.__name__)
    return '一个 {} 类型的对象'.format(type(obj).__name__)


def _initialize(block, what):
    # Zero init draws nothing from MXNet's global RNG; values are set later.
    _call(what + '.initialize()', block.initialize, init.Zero())


def _param_items(block, what):
    try:
        return list(block.collect_params().items())
    except Exception as exc:
        raise _CallFailed(
            _raised(what + '.collect_params()', exc)) from None


def _shapes_text(items):
    if not items:
        return '（没有参数）'
    return '、'.join('{} {}'.format(name, _shape(p.shape))
                    for name, p in items)


def _set(param, value, what):
    _call(what, param.set_data, nd.array(value))


_MLP_IN = 20
_MLP_SHAPES = {
    'hidden_weight': (256, _MLP_IN), 'hidden_bias': (256,),
    'output_weight': (10, 256), 'output_bias': (10,),
}


def _mlp_forward_once(MLP, rng, batch=2):
    _require_block_class(MLP, 'MLP')
    net = _call('MLP()', MLP)
    _initialize(net, 'net')
    X = nd.array(rng.normal(0, 1, size=(batch, _MLP_IN)))
    value = _call('net(X)', net, X)
    return net, value, _numpy(value, 'net(X)')


@_graded('MLP 的输出形状')
def check_mlp_output_shape(MLP):
    """MLP() is a Block; initialize() works; (2, 20) maps to (2, 10)."""
    rng = np.random.RandomState(5101)
    _, value, actual = _mlp_forward_once(MLP, rng)
    if actual.shape == (2, 10):
        return
    hint = ''
    if actual.shape == (2, 256):
        hint = '输出层应有 10 个单元：nn.Dense(10)。'
    elif actual.ndim == 2 and actual.shape[0] == 2:
        hint = '输出层的单元数应为 10。'
    raise CheckFailed(
        'MLP 的输出形状不对：输入形状为 (2, 20) 时应输出 (2, 10)，但 net(X) '
        '返回了{}。{}'.format(_describe(value), hint))


def _mlp_layers_hint(shapes):
    hidden = [s for s in shapes if len(s) == 2 and s[1] == _MLP_IN]
    if not shapes:
        return ('collect_params() 找不到任何参数：层是否在 __init__ 中创建并'
                '赋给了 self 的属性（例如 self.hidden = nn.Dense(256, '
                'activation=\'relu\')）？放进普通 list 的层不会被注册。')
    if any(0 in s for s in shapes):
        return '有的参数形状里含 0：是否有层在 forward 中没有被用到？'
    if hidden and hidden[0][0] != 256:
        return '隐藏层有 {} 个单元，应为 256。'.format(hidden[0][0])
    if (256, 256) in shapes and (10, 256) not in shapes:
        return '输出层有 256 个单元，应为 10：nn.Dense(10)。'
    if len(shapes) < 4 and sum(len(s) == 1 for s in shapes) < 2:
        return '缺少偏置 (bias)：nn.Dense 默认带偏置，不要设 use_bias=False。'
    if len(shapes) < 4:
        return '层数不够：应有一个隐藏层和一个输出层。'
    if len(shapes) > 4:
        return '参数多了：应只有一个隐藏层和一个输出层。'
    return ''


@_graded('MLP 的层')
def check_mlp_layers(MLP):
    """The parameters are exactly (256, 20), (256,), (10, 256), (10,)."""
    rng = np.random.RandomState(5102)
    net, _, _ = _mlp_forward_once(MLP, rng)
    items = _param_items(net, 'net')
    shapes = sorted(tuple(p.shape) for _, p in items)
    expected = sorted(_MLP_SHAPES.values())
    if shapes == expected:
        return
    raise CheckFailed(
        'MLP 的层不对：对 (2, 20) 的输入做一次前向计算后，collect_params() '
        '里应恰好有形状为 (256, 20)、(256,)、(10, 256)、(10,) 的两个权重和'
        '两个偏置，实际找到 {} 个参数：{}。{}'.format(
            len(items), _shapes_text(items), _mlp_layers_hint(shapes)))


def _relu(z):
    return np.maximum(z, 0)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


@_graded('MLP 的前向计算')
def check_mlp_forward(MLP):
    """net(X) = relu(X W1^T + b1) W2^T + b2 from its own parameters."""
    rng = np.random.RandomState(5103)
    net, _, _ = _mlp_forward_once(MLP, rng)
    items = _param_items(net, 'net')
    by_shape = {}
    for _, param in items:
        by_shape.setdefault(tuple(param.shape), []).append(param)
    if len(items) != 4 or any(len(by_shape.get(s, [])) != 1
                              for s in _MLP_SHAPES.values()):
        raise CheckFailed(
            'MLP 的前向计算 (forward) 无法检查：找不到形状分别为 (256, 20)、'
            '(256,)、(10, 256)、(10,) 的四个参数，实际有：{}。请先让层的'
            '检查 (mlp_layers) 通过。'.format(_shapes_text(items)))
    values = {
        'hidden_weight': _f32(rng.normal(0, 0.3, size=(256, _MLP_IN))),
        'hidden_bias': _f32(rng.normal(0, 0.5, size=(256,))),
        'output_weight': _f32(rng.normal(0, 0.1, size=(10, 256))),
        'output_bias': _f32(rng.normal(0, 0.5, size=(10,))),
    }
    for key, shape in _MLP_SHAPES.items():
        _set(by_shape[shape][0], values[key], 'param.set_data')
    x = _f32(rng.normal(0, 1, size=(6, _MLP_IN)))
    value = _call('net(X)', net, nd.array(x))
    actual = _numpy(value, 'net(X)')
    W1, b1 = values['hidden_weight'], values['hidden_bias']
    W2, b2 = values['output_weight'], values['output_bias']
    pre = x @ W1.T + b1
    expected = _relu(pre) @ W2.T + b2
    if _close(actual, expected, NET_RTOL, NET_ATOL):
        return
    if actual.shape != expected.shape:
        raise CheckFailed(
            'MLP 的前向计算 (forward) 不对：输入形状为 (6, 20) 时返回了{}，'
            '应为 (6, 10)。'.format(_describe(value)))
    hint = _diagnose(actual, [
        (pre @ W2.T + b2, '是否漏了隐藏层的 ReLU 激活函数 (activation)？例如 '
                          'nn.Dense(256, activation=\'relu\')。'),
        (_sigmoid(pre) @ W2.T + b2, '隐藏层的激活函数应是 ReLU，而不是 '
                                    'sigmoid。'),
        (np.tanh(pre) @ W2.T + b2, '隐藏层的激活函数应是 ReLU，而不是 tanh。'),
        (_relu(expected), '输出层不应有激活函数：nn.Dense(10) 不加 '
                          'activation。'),
        (_relu(pre @ W2.T + b2), '激活函数加在了输出层上：ReLU 应在隐藏层，'
                                 '输出层不加激活函数。'),
    ], NET_RTOL, NET_ATOL)
    raise CheckFailed(
        'MLP 的前向计算 (forward) 不对：用它自己的参数（设为隐藏的随机值）'
        '计算 output(hidden(X)) 时，{}。{}'.format(
            _value_summary(actual, expected, NET_RTOL, NET_ATOL), hint))


def _new_mydense(MyDense, units, in_units):
    _require_block_class(MyDense, 'MyDense')
    what = 'MyDense(units={}, in_units={})'.format(units, in_units)
    return _call(what, MyDense, units=units, in_units=in_units), what


def _probe_forward(layer, in_units, what):
    """Run a forward pass only to surface a NotImplementedError stub."""
    try:
        layer.initialize(init.Zero())
        layer(nd.zeros((2, in_units)))
    except NotImplementedError as exc:
        raise _CallFailed(_raised(what, exc)) from None
    except Exception:
        pass


def _mydense_find(items, suffix, shape):
    named = [(n, p) for n, p in items if n.endswith(suffix)]
    right = [(n, p) for n, p in named if tuple(p.shape) == shape]
    return named, right


@_graded('MyDense 的参数')
def check_mydense_parameters(MyDense):
    """weight (in_units, units) and bias (units,), named *weight / *bias."""
    for units, in_units in [(3, 5), (4, 2)]:
        layer, what = _new_mydense(MyDense, units, in_units)
        items = _param_items(layer, 'layer')
        w_shape, b_shape = (in_units, units), (units,)
        found = '{} 的参数有：{}。'.format(what, _shapes_text(items))
        if not items:
            _probe_forward(layer, in_units, what)
            raise CheckFailed(
                'MyDense 的参数 (parameters)：collect_params() 找不到任何参'
                '数。请用 self.params.get(\'weight\', shape=(in_units, units))'
                ' 和 self.params.get(\'bias\', shape=(units,)) 创建参数；'
                '普通的 NDArray 属性不会被注册。')
        named, right = _mydense_find(items, 'weight', w_shape)
        if len(right) != 1:
            if any(tuple(p.shape) == (units, in_units) for _, p in named):
                hint = ('权重的形状写反了（转置 (transpose)）：应为 '
                        '(in_units, units) = {}，这样才能计算 nd.dot(x, '
                        'weight)。'.format(_shape(w_shape)))
            elif any(tuple(p.shape) == w_shape for _, p in items):
                name = [n for n, p in items if tuple(p.shape) == w_shape][0]
                hint = ('形状为 {} 的参数名为 \'{}\'，不以 weight 结尾，'
                        'collect_params(\'.*weight\') 找不到它：请用 '
                        'self.params.get(\'weight\', ...) 创建。'.format(
                            _shape(w_shape), name))
            else:
                hint = ('应有一个名字以 weight 结尾、形状为 (in_units, units)'
                        ' = {} 的参数。'.format(_shape(w_shape)))
            raise CheckFailed('MyDense 的权重 (weight) 不对：' + found + hint)
        named, right = _mydense_find(items, 'bias', b_shape)
        if len(right) != 1:
            if named:
                hint = '偏置的形状应为 (units,) = {}。'.format(_shape(b_shape))
            elif any(tuple(p.shape) == b_shape for _, p in items):
                name = [n for n, p in items if tuple(p.shape) == b_shape][0]
                hint = ('形状为 {} 的参数名为 \'{}\'，不以 bias 结尾：请用 '
                        'self.params.get(\'bias\', ...) 创建。'.format(
                            _shape(b_shape), name))
            else:
                hint = ('缺少偏置：请用 self.params.get(\'bias\', '
                        'shape=(units,)) 创建形状为 {} 的偏置。'.format(
                            _shape(b_shape)))
            raise CheckFailed('MyDense 的偏置 (bias) 不对：' + found + hint)
        if len(items) != 2:
            raise CheckFailed(
                'MyDense 的参数 (parameters)：应只有 weight 和 bias 两个参数，'
                + found)


@_graded('MyDense 的前向计算')
def check_mydense_forward(MyDense):
    """layer(x) = relu(x . weight + bias) from its own parameters."""
    rng = np.random.RandomState(6102)
    units, in_units = 4, 6
    layer, what = _new_mydense(MyDense, units, in_units)
    _initialize(layer, 'layer')
    items = _param_items(layer, 'layer')

    def pick(shape, suffix):
        matches = [p for _, p in items if tuple(p.shape) == shape]
        named = [p for n, p in items
                 if tuple(p.shape) == shape and n.endswith(suffix)]
        return (named or matches or [None])[0]

    weight = pick((in_units, units), 'weight')
    bias = pick((units,), 'bias')
    if weight is None or bias is None:
        _probe_forward(layer, in_units, what)
        if weight is None and bias is None:
            hint = ('是否用 self.params.get(\'weight\', shape=(in_units, '
                    'units)) 和 self.params.get(\'bias\', shape=(units,)) '
                    '创建了参数？')
        elif weight is None:
            hint = '是否把权重的形状写反了（应为 (in_units, units)）？'
        else:
            hint = '是否缺少偏置 (bias)？'
        raise CheckFailed(
            'MyDense 的前向计算 (forward) 无法检查：{} 应有形状为 {} 的权重'
            '和形状为 {} 的偏置，实际参数有：{}。{}'.format(
                what, _shape((in_units, units)), _shape((units,)),
                _shapes_text(items), hint))
    W = _f32(rng.normal(0, 0.6, size=(in_units, units)))
    b = _f32(rng.uniform(0.5, 1.5, size=units) * np.array([1, -1, 1, -1]))
    _set(weight, W, 'weight.set_data')
    _set(bias, b, 'bias.set_data')
    x = _f32(rng.normal(0, 1, size=(9, in_units)))
    value = _call('layer(x)', layer, nd.array(x))
    actual = _numpy(value, 'layer(x)')
    expected = _relu(x @ W + b)
    if _close(actual, expected):
        return
    if actual.shape != expected.shape:
        raise CheckFailed(
            'MyDense 的前向计算 (forward) 不对：{} 对形状为 (9, {}) 的输入返回'
            '了{}，应为 (9, {})。'.format(what, in_units, _describe(value),
                                        units))
    hint = _diagnose(actual, [
        (x @ W + b, '是否漏了 ReLU（nd.relu）？'),
        (_relu(x @ W), '是否漏了偏置：+ self.bias.data()？'),
        (x @ W, '是否既漏了偏置也漏了 ReLU？'),
        (_relu(x @ W - b), '偏置应加上而不是减去。'),
    ])
    raise CheckFailed(
        'MyDense 的前向计算 (forward) 不对：把它自己的 weight 和 bias 设为'
        '隐藏的随机值后，layer(x) 应等于 relu(x · weight + bias)，实际'
        '{}。{}'.format(_value_summary(actual, expected), hint))


# --------------------------------------------------------------------------
# The graded items, in notebook order.
# --------------------------------------------------------------------------

CHECKS = {grade_id: globals()['check_' + grade_id]
          for grade_ids in GRADED_ITEMS.values() for grade_id in grade_ids}
