"""Judges for 3.2 (linear regression from scratch): squared_loss and sgd.

``squared_loss(y_hat, y)`` is elementwise (y_hat - y)^2 / 2 with y
reshaped to y_hat's shape, differentiable; ``sgd(params, lr,
batch_size)`` updates every parameter in place by lr * grad / batch_size
and leaves the gradients alone. Hidden inputs come from the seeded
generators of ``autograder.probes.linear_regression``, which the probes
fed to the student's code; shapes, ``lr`` and ``batch_size`` differ from
the public tests.
"""

import numpy as np

from ..probes._common import _shape
from ..probes.linear_regression import (
    SGD_LEAVES_GRAD_RUN,
    SGD_SHAPES,
    SGD_STEP_VALUE_RUNS,
    SGD_UPDATES_IN_PLACE_RUN,
    SL_RESHAPE_N,
    probe_sgd_leaves_grad,
    probe_sgd_step_value,
    probe_sgd_updates_in_place,
    probe_squared_loss_gradient,
    probe_squared_loss_reshapes_y,
    probe_squared_loss_value,
    sgd_inputs,
    squared_loss_gradient_inputs,
    squared_loss_value_inputs,
)
from ._common import (
    CheckFailed,
    _array,
    _arrays,
    _checker,
    _close,
    _diagnose,
    _gradient_zero_hint,
    _judge,
    _Malformed,
    _percent,
    _rel_error,
    _text,
    _value_summary,
)

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


@_judge
def judge_squared_loss_value(steps):
    """squared_loss returns (y_hat - y)^2 / 2 elementwise, shape kept."""
    for y_hat, y in squared_loss_value_inputs():
        step = steps.next()
        actual, kind = _array(step, 'value'), _text(step, 'kind')
        d = y_hat - y
        expected = d ** 2 / 2
        where = ('在隐藏的输入上（y_hat 与 y 的形状都是 {}）'
                 .format(_shape(y_hat.shape)))
        if actual.size == 1:
            raise CheckFailed(
                'squared_loss 的值：{}返回了{}，只有一个数。结果被归约 '
                '(reduced) 了：是否用了 sum() 或 mean()？squared_loss 应'
                '逐元素给出每个样本的损失，形状与 y_hat 相同。'.format(
                    where, kind))
        if actual.shape != expected.shape:
            raise CheckFailed(
                'squared_loss 的值：{}返回了{}，形状应与 y_hat 相同，即 {}。'
                '请把 y 变形 (reshape) 成 y_hat 的形状再相减，不要对结果'
                '变形或求和。'.format(where, kind, _shape(y_hat.shape)))
        if not _close(actual, expected):
            hint = _diagnose(actual, _squared_loss_variants(y_hat, y))
            raise CheckFailed(
                'squared_loss 的值不对：{}返回了{}，{}。{}'.format(
                    where, kind, _value_summary(actual, expected), hint))


@_judge
def judge_squared_loss_reshapes_y(steps):
    """With y_hat (n, 1) and y (n,), the result has y_hat's shape."""
    n = SL_RESHAPE_N
    step = steps.next()
    actual, kind = _array(step, 'value'), _text(step, 'kind')
    where = 'y_hat 的形状为 ({}, 1)、y 的形状为 ({},) 时，'.format(n, n)
    if actual.shape == (n, n):
        raise CheckFailed(
            'squared_loss 没有保持 y_hat 的形状：{}返回了{}。y_hat - y 被'
            '广播 (broadcast) 成了 ({}, {})，每个预测都和所有标签相减了。'
            '是否把 y 变形 (reshape) 成 y_hat 的形状？例如 '
            'y.reshape(y_hat.shape)。'.format(where, kind, n, n))
    if actual.shape == (n,):
        raise CheckFailed(
            'squared_loss 没有保持 y_hat 的形状：{}返回了{}，应为 ({}, 1)。'
            '是否把 y_hat 变形成了 y 的形状？应反过来，把 y 变形 '
            '(reshape) 成 y_hat 的形状。'.format(where, kind, n))
    if actual.size == 1:
        raise CheckFailed(
            'squared_loss 没有保持 y_hat 的形状：{}返回了{}，只有一个数。'
            '结果被归约 (reduced) 了：是否用了 sum() 或 mean()？'.format(
                where, kind))
    if actual.shape != (n, 1):
        raise CheckFailed(
            'squared_loss 没有保持 y_hat 的形状：{}返回了{}，应为 ({}, 1)。'
            '请把 y 变形 (reshape) 成 y_hat 的形状再相减。'.format(
                where, kind, n))
    # The same inputs with y already shaped (n, 1) must give the same
    # numbers: y must be paired element by element with y_hat.
    same = _array(steps.next(), 'value')
    if not _close(actual, same):
        raise CheckFailed(
            'squared_loss 对 y 的形状不一致：{}的结果与把 y 写成 ({}, 1) '
            '时的结果不同（相对误差约 {}）。y 的第 i 个元素应与 y_hat '
            '的第 i 行配对：请用 y.reshape(y_hat.shape)。'.format(
                where, n, _rel_error(actual, same)))


@_judge
def judge_squared_loss_gradient(steps):
    """Under autograd.record(), d loss / d y_hat = y_hat - y."""
    y_hat, y = squared_loss_gradient_inputs()
    n = y_hat.shape[0]
    grad = _array(steps.next(), 'grad')
    d = y_hat - y
    if _close(grad, d):
        return
    hint = _gradient_zero_hint(grad) or _diagnose(grad, [
        (2 * d, '梯度是正确值的 2 倍：是否漏了 / 2？'),
        (np.sign(d) / 2, '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (np.sign(d), '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (d / n, '梯度被除以了样本数：是否对结果求了平均 (mean)？'),
        (2 * d / n, '梯度被除以了样本数：是否对结果求了平均 (mean)？'),
        (np.ones_like(d) / 2, '梯度是常数：是否忘了平方 (** 2)？'),
        (y_hat, '梯度等于 y_hat 而不是 y_hat - y：' + _SL_SQUARES_FIRST),
    ])
    raise CheckFailed(
        'squared_loss 的梯度 (gradient) 不对：在 autograd.record() 中计算'
        '并 backward() 后，y_hat.grad 应等于 y_hat - y，实际{}。{}'.format(
            _value_summary(grad, d), hint))


# --------------------------------------------------------------------------
# sgd(params, lr, batch_size)
# --------------------------------------------------------------------------

class _SgdRun:
    """One call of the student's sgd: the hidden inputs and the probe's
    record of what the call did to the caller's parameters."""

    def __init__(self, step, lr, batch_size, seed):
        self.lr, self.batch_size = lr, batch_size
        self.before, self.grads = sgd_inputs(seed)
        n = len(self.before)
        self.after = _arrays(step, 'after', n)
        replaced = step['replaced']
        if not isinstance(replaced, list) or len(replaced) > n or \
                not all(isinstance(r, bool) for r in replaced):
            raise _Malformed('replaced')
        self.replaced = replaced
        if not all(a.shape == b.shape
                   for a, b in zip(self.after, self.before)):
            raise _Malformed('parameter shapes')
        self.changed = [bool(np.any(a != b))
                        for a, b in zip(self.after, self.before)]

    def expected(self, lr=None, batch_size=None, sign=-1):
        lr = self.lr if lr is None else lr
        bs = self.batch_size if batch_size is None else batch_size
        return [b + sign * lr * g / bs
                for b, g in zip(self.before, self.grads)]


def _all_close(actuals, expecteds):
    return len(actuals) == len(expecteds) and all(
        _close(a, e) for a, e in zip(actuals, expecteds))


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


@_judge
def judge_sgd_step_value(steps):
    """Each param becomes p - lr * p.grad / batch_size."""
    for lr, batch_size, seed in SGD_STEP_VALUE_RUNS:
        run = _SgdRun(steps.next(), lr, batch_size, seed)
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
                len(SGD_SHAPES), bad,
                _percent(error / np.linalg.norm(step)),
                _sgd_value_hint(run)))


@_judge
def judge_sgd_updates_in_place(steps):
    """Every param is updated in place: the caller's references see it."""
    run = _SgdRun(steps.next(), *SGD_UPDATES_IN_PLACE_RUN)
    n = len(run.before)
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


@_judge
def judge_sgd_leaves_grad(steps):
    """p.grad is the same after the call as before it."""
    run = _SgdRun(steps.next(), *SGD_LEAVES_GRAD_RUN)
    after = _arrays(steps.next(), 'grads', len(run.grads))
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


check_squared_loss_value = _checker(
    probe_squared_loss_value, judge_squared_loss_value)
check_squared_loss_reshapes_y = _checker(
    probe_squared_loss_reshapes_y, judge_squared_loss_reshapes_y)
check_squared_loss_gradient = _checker(
    probe_squared_loss_gradient, judge_squared_loss_gradient)
check_sgd_step_value = _checker(probe_sgd_step_value, judge_sgd_step_value)
check_sgd_updates_in_place = _checker(
    probe_sgd_updates_in_place, judge_sgd_updates_in_place)
check_sgd_leaves_grad = _checker(probe_sgd_leaves_grad, judge_sgd_leaves_grad)
