"""Checks for 3.2 (linear regression from scratch): squared_loss and sgd.

``squared_loss(y_hat, y)`` is elementwise (y_hat - y)^2 / 2 with y
reshaped to y_hat's shape, differentiable; ``sgd(params, lr,
batch_size)`` updates every parameter in place by lr * grad / batch_size
and leaves the gradients alone. Hidden inputs come from each check's own
seeded ``np.random.RandomState``; shapes, ``lr`` and ``batch_size``
differ from the public tests.
"""

import warnings

import numpy as np

with warnings.catch_warnings():
    # mxnet 1.9.1 warns at import about numpy aliases and distutils.
    warnings.simplefilter('ignore')
    from mxnet import nd

from ._common import (
    CheckFailed,
    _call,
    _close,
    _describe,
    _diagnose,
    _f32,
    _graded,
    _gradient_zero_hint,
    _numpy,
    _percent,
    _record_and_backward,
    _rel_error,
    _shape,
    _signs,
    _value_summary,
)

_SL_CALL = 'squared_loss(y_hat, y)'


_SL_SQUARES_FIRST = ('是否先平方再相减了？应先相减再平方：'
                     '(y_hat - y) ** 2 / 2。')


def _squared_loss_variants(y_hat, y):
    """Known-wrong results for y_hat and y, with their likely cause."""
    d = y_hat - y
    sq = d ** 2
    return [
        (sq, '结果恰好是正确值的 2 倍：是否漏了 / 2？'),
        (np.abs(d) / 2, '是否用了绝对值 (abs) 而不是平方？'),
        (np.abs(d), '是否用了绝对值 (abs) 而不是平方？'),
        (d / 2, '是否忘了平方 (** 2)？'),
        (sq / 2 / d.shape[0], '结果被除以了样本数：squared_loss 应逐个样本'
                              '给出损失，不要平均。'),
        ((y_hat ** 2 - y ** 2) / 2, _SL_SQUARES_FIRST),
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
            hint = _diagnose(actual, _squared_loss_variants(y_hat, y))
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
    y_hat_np = y_hat.asnumpy().astype(np.float64)
    d = y_hat_np - y.asnumpy()
    if _close(grad, d):
        return
    hint = _gradient_zero_hint(grad) or _diagnose(grad, [
        (2 * d, '梯度是正确值的 2 倍：是否漏了 / 2？'),
        (np.sign(d) / 2, '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (np.sign(d), '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (d / n, '梯度被除以了样本数：是否对结果求了平均 (mean)？'),
        (2 * d / n, '梯度被除以了样本数：是否对结果求了平均 (mean)？'),
        (np.ones_like(d) / 2, '梯度是常数：是否忘了平方 (** 2)？'),
        (y_hat_np, '梯度等于 y_hat 而不是 y_hat - y：' + _SL_SQUARES_FIRST),
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
    'NDArray，调用者手里的参数没有变。同样无效的还有：只更新一个副本 '
    '(copy)（如 param.copy()、param.asnumpy()）、把新值 return 出去（'
    '训练循环不使用 sgd 的返回值）、调用 nd.sgd_update 等运算却没有写 '
    'out=param。请原地 (in-place) 更新，例如 param[:] = param - lr * '
    'param.grad / batch_size 或 param -= ...。')
_SGD_REPLACE_HINT = (
    'sgd 把列表 params 里的元素换成了新的 NDArray（例如 params[i] = '
    'params[i] - ...），调用者手里的 w、b 并没有变。请原地 (in-place) '
    '更新，例如 param[:] = ... 或 param -= ...。')
_SGD_FIRST_HINT = (
    '只有第一个参数被更新了：是否在 for 循环里提前 return，或只更新了 '
    'params[0]？每个参数都要更新。')
_SGD_LAST_HINT = (
    '只有最后一个参数被更新了：更新语句是否写在了 for 循环外面（缩进不'
    '对），或只更新了 params[-1]？每个参数都要在循环里更新。')
_SGD_CONSTANT_HINT = (
    '每个参数的更新量都与 param.grad 成正比，但比例不是 lr / batch_size'
    '（隐藏测试的 lr 与 batch_size 和公开测试、书里的都不同）：是否把 lr '
    '或 batch_size 写死成了某个数，而没有用传入的参数？')


def _only_last_changed(changed):
    return len(changed) > 1 and changed[-1] and not any(changed[:-1])


def _proportional_to_grad(run):
    """Whether every update is the same positive multiple of its grad."""
    step = _concat(run.before) - _concat(run.after)
    grad = _concat(run.grads)
    scale = float(np.dot(step, grad) / np.dot(grad, grad))
    return scale > 0 and _close(step, scale * grad)


def _sgd_value_hint(run):
    if any(run.replaced):
        return _SGD_REPLACE_HINT
    if not any(run.changed):
        return '参数完全没有变化。' + _SGD_REBIND_HINT
    right = run.expected()
    if (_close(run.after[0], right[0])
            and _all_close(run.after[1:], run.before[1:])):
        return _SGD_FIRST_HINT
    if (_only_last_changed(run.changed)
            and _close(run.after[-1], right[-1])):
        return _SGD_LAST_HINT
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
    if all(run.changed) and _proportional_to_grad(run):
        return _SGD_CONSTANT_HINT
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
    if _only_last_changed(run.changed):
        raise CheckFailed('sgd 没有更新所有参数：' + _SGD_LAST_HINT)
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
