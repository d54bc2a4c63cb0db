"""Checks for 3.12 (weight decay): l2_penalty.

``l2_penalty(w)`` is half the sum of the squares of w, one element,
with gradient w under autograd. Hidden w come from each check's own seeded
``np.random.RandomState`` in several shapes (1-D, column, matrix).
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
    _record_and_backward,
    _rel_error,
    _shape,
    _value_summary,
)

_L2_CALL = 'l2_penalty(w)'
_L2_SUM_FIRST = ('是否先求和再平方了？应先对每个元素平方，再求和：'
                 '(w ** 2).sum() / 2。')


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
        (np.sum(w) ** 2 / 2, _L2_SUM_FIRST),
        (np.sum(w) ** 2, _L2_SUM_FIRST),
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


def _l2_scaled_hint(grad, w):
    """A hint when grad is c * w for a constant c other than 1."""
    scale = float(np.sum(grad * w) / np.sum(w * w))
    if _close(grad, scale * w) and not _close(scale, 1.0):
        return ('梯度是 w 的常数倍，而不是 w 本身：是否在 l2_penalty 里乘了'
                '系数（例如 λ，lambd）？l2_penalty 只计算 ½·Σw²，系数 λ '
                '在训练时再乘。')
    return ''


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
        (w_np / np.linalg.norm(w_np) / 2,
         '算成了 L2 范数 (norm) 的一半：应是平方和的一半，不开方。'),
        (w_np / np.linalg.norm(w_np),
         '算成了 L2 范数 (norm) 本身：应是平方和的一半，不开方。'),
        (np.full_like(w_np, np.sum(w_np)),
         '梯度的每个元素都等于 w 的元素之和：' + _L2_SUM_FIRST),
    ]) or _l2_scaled_hint(grad, w_np)
    raise CheckFailed(
        'l2_penalty 的梯度 (gradient) 不对：在 autograd.record() 中计算并 '
        'backward() 后，w.grad 应等于 w，实际{}。{}'.format(
            _value_summary(grad, w_np), hint))
