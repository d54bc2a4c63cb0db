"""Probes for 3.12 (weight decay): l2_penalty.

Each probe calls the student's function on the hidden w of its
``*_inputs`` generator (shared with the judges in
``autograder.checks.weight_decay``) and yields what came back.
"""


import numpy as np

from ._common import _call, _f32, _probe, _record_and_backward, _result
from ._mx import nd

L2_CALL = 'l2_penalty(w)'
L2_VALUE_SHAPES = [(13, 1), (4, 5), (7,)]


def l2_penalty_value_inputs():
    """One hidden w per shape of L2_VALUE_SHAPES."""
    rng = np.random.RandomState(3101)
    return [_f32(rng.normal(0, 1.5, size=shape))
            for shape in L2_VALUE_SHAPES]


def l2_penalty_gradient_inputs():
    """A hidden column w of shape (6, 1)."""
    rng = np.random.RandomState(3102)
    return _f32(rng.normal(0, 1.5, size=(6, 1)))


@_probe('l2_penalty 的值')
def probe_l2_penalty_value(l2_penalty):
    """One result per hidden w."""
    for w in l2_penalty_value_inputs():
        yield _result(_call(L2_CALL, l2_penalty, nd.array(w)), L2_CALL)


@_probe('l2_penalty 的梯度')
def probe_l2_penalty_gradient(l2_penalty):
    """w.grad after backward() through l2_penalty under record."""
    w = nd.array(l2_penalty_gradient_inputs())
    _, (grad,) = _record_and_backward(l2_penalty, L2_CALL, (w,), [w])
    yield {'grad': grad}
