"""Judges for 3.13 (dropout): inverted dropout from scratch.

``dropout(X, drop_prob)`` zeroes each element independently with
probability drop_prob and divides the rest by keep_prob; drop_prob 0
returns X, 1 returns zeros; a fresh mask on every call; X untouched;
differentiable. Randomness is judged by statistics on large samples
with a false-failure bound below 1e-6 (derived below), never by one
exact random stream. The probes of ``autograder.probes.dropout`` send
the student's outputs whole; the hidden X come from their seeded
generators.
"""

import numpy as np

from ..probes._common import _shape
from ..probes.dropout import (
    DO_AUTOGRAD_PROB,
    DO_FRESH_PROB,
    DO_STATISTICS_PROBS,
    dropout_autograd_inputs,
    dropout_extremes_inputs,
    dropout_statistics_inputs,
    probe_dropout_autograd,
    probe_dropout_extremes,
    probe_dropout_fresh_mask,
    probe_dropout_statistics,
)
from ._common import (
    ATOL,
    RTOL,
    CheckFailed,
    _array,
    _checker,
    _close,
    _diagnose,
    _gradient_zero_hint,
    _judge,
    _percent,
    _rel_error,
    _text,
    _value_summary,
)

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

_DO_SHAPE_HINT = ('掩码 (mask) 的形状是否与 X 不同，相乘时被广播 '
                  '(broadcast) 了？掩码的形状应是 X.shape。')
_DO_FORGETS_X = ('输出与 X 无关（保留处都等于 1 / keep_prob）：是否忘了把'
                 '掩码 (mask) 乘以 X？')
_DO_BUILTIN = ('若用了 nd.Dropout：它只在训练模式（autograd.record() 中）'
               '才丢弃，本题要求自己生成随机掩码，任何时候调用都丢弃。')


@_judge
def judge_dropout_extremes(steps):
    """drop_prob 0 returns X's values; drop_prob 1 returns all zeros."""
    for X, _, _ in dropout_extremes_inputs():
        where = '对形状为 {} 的隐藏 X，'.format(_shape(X.shape))
        step = steps.next()
        actual, kind = _array(step, 'value'), _text(step, 'kind')
        if actual.shape != X.shape:
            raise CheckFailed(
                'dropout(X, 0) 应原样返回 X：{}返回了{}，形状应与 X 相同。{}'
                .format(where, kind, _DO_SHAPE_HINT))
        if not _close(actual, X):
            zeroed = float(np.mean(actual == 0))
            if np.all(actual == 1):
                hint = _DO_FORGETS_X
            elif zeroed == 1:
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
                    where, kind, hint))
        step = steps.next()
        actual, kind = _array(step, 'value'), _text(step, 'kind')
        if actual.shape != X.shape:
            raise CheckFailed(
                'dropout(X, 1) 应返回与 X 同形状的全零数组：{}返回了{}。'
                .format(where, kind))
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
    if _close(a, np.full_like(a, 1 / keep_prob)):
        return _DO_FORGETS_X
    if _close(a, v):
        return ('保留下来的元素没有除以 keep_prob：倒置丢弃法 (inverted '
                'dropout) 要把保留的元素除以 keep_prob = 1 - drop_prob，'
                '输出的期望才等于 X。')
    if _close(a, v / drop_prob):
        return '保留的元素除以了 drop_prob，应除以 keep_prob = 1 - drop_prob。'
    if _close(a, v * keep_prob):
        return '保留的元素乘以了 keep_prob，应除以 keep_prob。'
    ratio = a / v
    if ratio.size and _close(ratio, np.full_like(ratio, ratio[0])):
        return ('保留的元素都乘以了同一个数，但不是 1 / keep_prob：是否把 '
                'drop_prob 或 keep_prob 写死成了某个数（例如书里的 0.5），'
                '而没有用传入的 drop_prob？')
    return ''


def _chi2_per_dof(zeroed, drop_prob, axis):
    """Mean squared standardised deviation of zero counts along axis."""
    counts = zeroed.sum(axis=axis)
    m = zeroed.shape[axis]
    var = m * drop_prob * (1 - drop_prob)
    return float(np.mean((counts - m * drop_prob) ** 2 / var))


@_judge
def judge_dropout_statistics(steps):
    """Each element is 0 (prob drop_prob) or x / keep_prob, independently."""
    x = dropout_statistics_inputs()
    n = x.size
    for drop_prob in DO_STATISTICS_PROBS:
        keep_prob = 1 - drop_prob
        step = steps.next()
        actual, kind = _array(step, 'value'), _text(step, 'kind')
        where = '对 {} 个元素的隐藏 X、drop_prob = {} 时，'.format(
            n, drop_prob)
        if actual.shape != x.shape:
            raise CheckFailed(
                'dropout 的输出形状应与 X 相同：{}返回了{}。'.format(
                    where, kind))
        if not np.all(np.isfinite(actual)):
            raise CheckFailed(
                'dropout 的输出含 NaN 或 inf：{}有 {} 的元素不是有限数。'
                .format(where, _percent(np.mean(~np.isfinite(actual)))))
        if np.array_equal(actual, x):
            raise CheckFailed(
                'dropout 没有丢弃任何元素：{}输出与 X 完全相同。{}'.format(
                    where, _DO_BUILTIN))
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


@_judge
def judge_dropout_fresh_mask(steps):
    """Two calls on the same X draw two different masks."""
    first = _array(steps.next(), 'value')
    second = _array(steps.next(), 'value')
    mask1, mask2 = first != 0, second != 0
    if np.all(mask1) and np.all(mask2):
        raise CheckFailed(
            'dropout 每次调用应重新随机生成掩码 (mask)：对同一个 X 以 '
            'drop_prob = {} 调用两次，但没有任何元素被置零，无法比较。'
            '请以概率 drop_prob 把每个元素置零。{}'.format(
                DO_FRESH_PROB, _DO_BUILTIN))
    if mask1.shape == mask2.shape and np.all(mask1 == mask2):
        # Two independent masks over 4096 elements coincide with
        # probability 0.5 ** 4096.
        raise CheckFailed(
            'dropout 每次调用应重新随机生成掩码 (mask)：对同一个 X 以 '
            'drop_prob = {} 调用两次，得到了完全相同的掩码（{} 个元素）。'
            '是否只在函数外生成了一次随机数并反复使用，或在函数里设置了'
            '随机种子（mx.random.seed 或 np.random.seed）？'.format(
                DO_FRESH_PROB, mask1.size))


@_judge
def judge_dropout_autograd(steps):
    """X is left alone; under record, dX = mask / keep_prob."""
    x = dropout_autograd_inputs()
    drop_prob = DO_AUTOGRAD_PROB
    keep_prob = 1 - drop_prob
    after = _array(steps.next(), 'x_after')
    if not _close(after, x, rtol=0, atol=0):
        raise CheckFailed(
            'dropout 修改了输入 X：调用后 X 有 {} 的元素变了。是否用了原地'
            '操作 (in-place)，例如 X *= mask 或 X[:] = ...？请计算并返回'
            '一个新的 NDArray。'.format(_percent(np.mean(after != x))))
    step = steps.next()
    out, grad = _array(step, 'out'), _array(step, 'grad')
    kept = out != 0
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


check_dropout_extremes = _checker(
    probe_dropout_extremes, judge_dropout_extremes)
check_dropout_statistics = _checker(
    probe_dropout_statistics, judge_dropout_statistics)
check_dropout_fresh_mask = _checker(
    probe_dropout_fresh_mask, judge_dropout_fresh_mask)
check_dropout_autograd = _checker(
    probe_dropout_autograd, judge_dropout_autograd)
