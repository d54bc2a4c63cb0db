"""Probes for 3.13 (dropout): inverted dropout from scratch.

Each probe calls the student's function on the hidden X of its
``*_inputs`` generator (shared with the judges in
``autograder.checks.dropout``) and yields the outputs whole: the judges
decide on statistics of the student's random masks.
"""


import numpy as np

from ._common import (
    _call,
    _f32,
    _numpy,
    _probe,
    _record_and_backward,
    _result,
    _signs,
)
from ._mx import nd

DO_CALL = 'dropout(X, drop_prob)'
# (shape, drop_prob 0, drop_prob 1): 0 and 1 as int, then as float.
DO_EXTREME_CASES = [((6, 7), 0, 1), ((5,), 0.0, 1.0)]
DO_ROWS = DO_COLS = 1000
DO_STATISTICS_PROBS = [0.3, 0.7]
DO_FRESH_PROB = 0.5
DO_AUTOGRAD_PROB = 0.4


def dropout_extremes_inputs():
    """(X, 0, 1) per case of DO_EXTREME_CASES."""
    rng = np.random.RandomState(4101)
    return [(_f32(_signs(rng, shape)), zero, one)
            for shape, zero, one in DO_EXTREME_CASES]


def dropout_statistics_inputs():
    """One X of DO_ROWS x DO_COLS elements, |x| in [0.5, 1.5]."""
    rng = np.random.RandomState(4102)
    return _f32(_signs(rng, (DO_ROWS, DO_COLS)))


def dropout_fresh_mask_inputs():
    """One X of shape (64, 64)."""
    rng = np.random.RandomState(4103)
    return _f32(_signs(rng, (64, 64)))


def dropout_autograd_inputs():
    """One X of shape (40, 50)."""
    rng = np.random.RandomState(4104)
    return _f32(_signs(rng, (40, 50)))


@_probe('dropout 在 drop_prob 为 0 和 1 时的结果')
def probe_dropout_extremes(dropout):
    """Per case, the result for drop_prob 0, then for drop_prob 1."""
    for x, zero, one in dropout_extremes_inputs():
        yield _result(_call(DO_CALL, dropout, nd.array(x), zero), DO_CALL)
        yield _result(_call(DO_CALL, dropout, nd.array(x), one), DO_CALL)


@_probe('dropout 的统计性质')
def probe_dropout_statistics(dropout):
    """The result for each drop_prob of DO_STATISTICS_PROBS."""
    x = dropout_statistics_inputs()
    for drop_prob in DO_STATISTICS_PROBS:
        value = _call(DO_CALL, dropout, nd.array(x), drop_prob)
        yield _result(value, DO_CALL)


@_probe('dropout 每次重新生成掩码')
def probe_dropout_fresh_mask(dropout):
    """The results of two calls on the same X."""
    X = nd.array(dropout_fresh_mask_inputs())
    for _ in range(2):
        yield _result(_call(DO_CALL, dropout, X, DO_FRESH_PROB), DO_CALL)


@_probe('dropout 与自动求梯度')
def probe_dropout_autograd(dropout):
    """X after a call; then the output and X.grad under record."""
    x = dropout_autograd_inputs()
    X = nd.array(x)
    _numpy(_call(DO_CALL, dropout, X, DO_AUTOGRAD_PROB), DO_CALL)
    yield {'x_after': _numpy(X, 'X')}
    X = nd.array(x)
    out, (grad,) = _record_and_backward(
        dropout, DO_CALL, (X, DO_AUTOGRAD_PROB), [X])
    yield {'out': _numpy(out, DO_CALL), 'grad': grad}
