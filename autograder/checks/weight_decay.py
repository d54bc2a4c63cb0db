"""Judges for 3.12 (weight decay): l2_penalty.

``l2_penalty(w)`` is half the sum of the squares of w, one element,
with gradient w under autograd. Hidden w come from the seeded generators
of ``autograder.probes.weight_decay`` in several shapes (1-D, column,
matrix).
"""

import numpy as np

from ..probes._common import _shape
from ..probes.weight_decay import (
    l2_penalty_gradient_inputs,
    l2_penalty_value_inputs,
    probe_l2_penalty_gradient,
    probe_l2_penalty_value,
)
from ._common import (
    CheckFailed,
    _array,
    _checker,
    _close,
    _diagnose,
    _gradient_zero_hint,
    _judge,
    _rel_error,
    _text,
    _value_summary,
)

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


@_judge
def judge_l2_penalty_value(steps):
    """l2_penalty(w) is one number, half the sum of squares of w."""
    for w in l2_penalty_value_inputs():
        step = steps.next()
        actual, kind = _array(step, 'value'), _text(step, 'kind')
        expected = np.sum(w ** 2) / 2
        where = '对形状为 {} 的隐藏 w，'.format(_shape(w.shape))
        if actual.size != 1:
            hint = ('是否忘了求和 (sum)？' if actual.shape == w.shape
                    else '请对所有元素的平方求和再除以 2。')
            raise CheckFailed(
                'l2_penalty 应返回只含一个元素的 NDArray（形状 (1,)），但{}'
                '返回了{}。{}'.format(where, kind, hint))
        actual = actual.reshape(())
        if not _close(actual, expected):
            hint = _diagnose(actual, _l2_variants(w))
            raise CheckFailed(
                'l2_penalty 的值不对：{}返回了{}，相对误差 (relative error)'
                ' 约 {}。{}'.format(where, kind,
                                  _rel_error(actual, expected), hint))


def _l2_scaled_hint(grad, w):
    """A hint when grad is c * w for a constant c other than 1."""
    scale = float(np.sum(grad * w) / np.sum(w * w))
    if _close(grad, scale * w) and not _close(scale, 1.0):
        return ('梯度是 w 的常数倍，而不是 w 本身：是否在 l2_penalty 里乘了'
                '系数（例如 λ，lambd）？l2_penalty 只计算 ½·Σw²，系数 λ '
                '在训练时再乘。')
    return ''


@_judge
def judge_l2_penalty_gradient(steps):
    """Under autograd.record(), d l2_penalty(w) / d w = w."""
    w = l2_penalty_gradient_inputs()
    grad = _array(steps.next(), 'grad')
    if _close(grad, w):
        return
    n = w.size
    hint = _gradient_zero_hint(grad) or _diagnose(grad, [
        (2 * w, '梯度是正确值的 2 倍：是否漏了 / 2？'),
        (np.sign(w), '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (np.sign(w) / 2, '梯度只剩符号：是否用了绝对值 (abs) 而不是平方？'),
        (w / n, '梯度被除以了元素个数：是否用了 mean 而不是 sum？'),
        (2 * w / n, '梯度被除以了元素个数：是否用了 mean 而不是 sum？'),
        (np.full_like(w, 0.5), '梯度是常数：是否忘了平方 (** 2)？'),
        (np.ones_like(w), '梯度是常数：是否忘了平方 (** 2)？'),
        (w / np.linalg.norm(w) / 2,
         '算成了 L2 范数 (norm) 的一半：应是平方和的一半，不开方。'),
        (w / np.linalg.norm(w),
         '算成了 L2 范数 (norm) 本身：应是平方和的一半，不开方。'),
        (np.full_like(w, np.sum(w)),
         '梯度的每个元素都等于 w 的元素之和：' + _L2_SUM_FIRST),
    ]) or _l2_scaled_hint(grad, w)
    raise CheckFailed(
        'l2_penalty 的梯度 (gradient) 不对：在 autograd.record() 中计算并 '
        'backward() 后，w.grad 应等于 w，实际{}。{}'.format(
            _value_summary(grad, w), hint))


check_l2_penalty_value = _checker(
    probe_l2_penalty_value, judge_l2_penalty_value)
check_l2_penalty_gradient = _checker(
    probe_l2_penalty_gradient, judge_l2_penalty_gradient)
