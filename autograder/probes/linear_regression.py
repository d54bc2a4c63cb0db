"""Probes for 3.2 (linear regression from scratch): squared_loss and sgd.

Each probe calls the student's function on the hidden inputs of its
``*_inputs`` generator (shared with the judges in
``autograder.checks.linear_regression``) and yields what came back.
"""


import numpy as np

from ._common import (
    ProbeFailed,
    _call,
    _f32,
    _numpy,
    _probe,
    _record_and_backward,
    _result,
    _signs,
)
from ._mx import nd

SL_CALL = 'squared_loss(y_hat, y)'
SL_VALUE_SHAPES = [(9, 1), (4, 3)]
SL_RESHAPE_N = 8


def squared_loss_value_inputs():
    """The hidden (y_hat, y) pairs, one per shape of SL_VALUE_SHAPES."""
    rng = np.random.RandomState(1301)
    pairs = []
    for shape in SL_VALUE_SHAPES:
        y_hat = _f32(rng.normal(0, 2, size=shape))
        y = _f32(rng.normal(0, 2, size=shape))
        pairs.append((y_hat, y))
    return pairs


def squared_loss_reshapes_y_inputs():
    """y_hat of shape (n, 1) and y of shape (n,)."""
    rng = np.random.RandomState(1302)
    n = SL_RESHAPE_N
    y_hat = _f32(rng.normal(0, 2, size=(n, 1)))
    y = _f32(rng.normal(0, 2, size=(n,)))
    return y_hat, y


def squared_loss_gradient_inputs():
    """y_hat and y of shape (10, 1)."""
    rng = np.random.RandomState(1303)
    y_hat = _f32(rng.normal(0, 2, size=(10, 1)))
    y = _f32(rng.normal(0, 2, size=(10, 1)))
    return y_hat, y


@_probe('squared_loss 的值')
def probe_squared_loss_value(squared_loss):
    """One result per hidden pair."""
    for y_hat, y in squared_loss_value_inputs():
        value = _call(SL_CALL, squared_loss, nd.array(y_hat), nd.array(y))
        yield _result(value, SL_CALL)


@_probe('squared_loss 对 y 的变形')
def probe_squared_loss_reshapes_y(squared_loss):
    """The result for y of shape (n,), then for y reshaped to (n, 1)."""
    y_hat, y = squared_loss_reshapes_y_inputs()
    value = _call(SL_CALL, squared_loss, nd.array(y_hat), nd.array(y))
    yield _result(value, SL_CALL)
    column = _call(SL_CALL, squared_loss, nd.array(y_hat),
                   nd.array(y.reshape(-1, 1)))
    yield _result(column, SL_CALL)


@_probe('squared_loss 的梯度')
def probe_squared_loss_gradient(squared_loss):
    """y_hat.grad after backward() through squared_loss under record."""
    y_hat, y = squared_loss_gradient_inputs()
    y_hat, y = nd.array(y_hat), nd.array(y)
    _, (grad,) = _record_and_backward(
        squared_loss, SL_CALL, (y_hat, y), [y_hat])
    yield {'grad': grad}


# --------------------------------------------------------------------------
# sgd(params, lr, batch_size)
# --------------------------------------------------------------------------

SGD_CALL = 'sgd(params, lr, batch_size)'
SGD_SHAPES = [(4, 3), (3,), (2, 3, 2), (1,)]
# (lr, batch_size, seed) of each call, per grade cell.
SGD_STEP_VALUE_RUNS = [(0.37, 7, 2101), (0.05, 3, 2102)]
SGD_UPDATES_IN_PLACE_RUN = (0.2, 5, 2103)
SGD_LEAVES_GRAD_RUN = (0.3, 4, 2104)


def sgd_inputs(seed):
    """The parameters' values and gradients, one per SGD_SHAPES."""
    rng = np.random.RandomState(seed)
    before = [_f32(rng.normal(0, 1, size=s)) for s in SGD_SHAPES]
    grads = [_f32(_signs(rng, s, 0.5, 2.0)) for s in SGD_SHAPES]
    return before, grads


def _sgd_run(sgd, lr, batch_size, seed):
    """Call sgd on fresh parameters with gradients; the params it had.

    Returns the step (each caller-held parameter's value after the call,
    and whether the list entry was replaced) and the parameters.
    """
    before, grads = sgd_inputs(seed)
    refs = []
    for value, grad in zip(before, grads):
        param = nd.array(value)
        param.attach_grad()
        param.grad[:] = nd.array(grad)
        refs.append(param)
    passed = list(refs)
    _call(SGD_CALL, sgd, passed, lr, batch_size)
    after = [_numpy(p, SGD_CALL) for p in refs]
    replaced = [new is not old for new, old in zip(passed, refs)]
    return {'after': after, 'replaced': replaced}, refs


@_probe('sgd 更新后的值')
def probe_sgd_step_value(sgd):
    """One step per call of SGD_STEP_VALUE_RUNS."""
    for lr, batch_size, seed in SGD_STEP_VALUE_RUNS:
        yield _sgd_run(sgd, lr, batch_size, seed)[0]


@_probe('sgd 的原地更新')
def probe_sgd_updates_in_place(sgd):
    """The parameters after one call."""
    yield _sgd_run(sgd, *SGD_UPDATES_IN_PLACE_RUN)[0]


@_probe('sgd 是否保留梯度')
def probe_sgd_leaves_grad(sgd):
    """The parameters after one call, then their gradients."""
    step, refs = _sgd_run(sgd, *SGD_LEAVES_GRAD_RUN)
    yield step
    grads = []
    for param in refs:
        grad = param.grad
        if grad is None:
            raise ProbeFailed('调用 sgd 后参数的 grad 不见了：是否在 sgd '
                              '里改变了参数的梯度设置？')
        grads.append(_numpy(grad, 'param.grad'))
    yield {'grads': grads}
