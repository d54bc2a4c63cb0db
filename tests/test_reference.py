"""The reference answers, pinned by numbers computed by hand.

Every expected literal below was worked out on paper from the formula in
the curriculum, not by running numpy on the same formula.
"""

import warnings

import numpy as np
import pytest

with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    from mxnet import autograd, nd
    from mxnet.gluon import nn

from autograder import reference as ref


def test_squared_loss_values():
    """Is squared_loss([[1], [2]], [0, 4]) equal to [[0.5], [2.0]]?"""
    # (1 - 0)^2 / 2 = 0.5 and (2 - 4)^2 / 2 = 2.
    y_hat = nd.array([[1], [2]])
    y = nd.array([0, 4])
    loss = ref.squared_loss(y_hat, y)
    assert loss.shape == (2, 1)
    assert loss.asnumpy().tolist() == [[0.5], [2.0]]


def test_squared_loss_gradient():
    """Is the gradient of squared_loss w.r.t. y_hat equal to y_hat - y?"""
    y_hat = nd.array([[1], [2]])
    y = nd.array([0, 4])
    y_hat.attach_grad()
    with autograd.record():
        loss = ref.squared_loss(y_hat, y)
    loss.backward()
    # d/dy_hat (y_hat - y)^2 / 2 = y_hat - y = [1 - 0, 2 - 4].
    assert y_hat.grad.asnumpy().tolist() == [[1.0], [-2.0]]


def test_sgd_values_in_place():
    """Does sgd move w = [1, 2] with grad [4, 8], lr 0.5, batch 2 to 0?"""
    w = nd.array([1, 2])
    b = nd.array([3])
    w.attach_grad()
    b.attach_grad()
    w.grad[:] = nd.array([4, 8])
    b.grad[:] = nd.array([2])
    w_id, b_id = id(w), id(b)
    returned = ref.sgd([w, b], 0.5, 2)
    assert returned is None
    assert (id(w), id(b)) == (w_id, b_id)
    # 1 - 0.5 * 4 / 2 = 0 and 2 - 0.5 * 8 / 2 = 0.
    assert w.asnumpy().tolist() == [0.0, 0.0]
    # 3 - 0.5 * 2 / 2 = 2.5.
    assert b.asnumpy().tolist() == [2.5]
    # The gradients are left as they were.
    assert w.grad.asnumpy().tolist() == [4.0, 8.0]
    assert b.grad.asnumpy().tolist() == [2.0]


def test_sgd_other_lr_and_batch():
    """Does sgd with lr 0.1, batch 4 move 3 (grad 2) to 2.95?"""
    b = nd.array([3])
    b.attach_grad()
    b.grad[:] = 2
    ref.sgd([b], 0.1, 4)
    # 3 - 0.1 * 2 / 4 = 3 - 0.05 = 2.95.
    assert b.asnumpy()[0] == pytest.approx(2.95, abs=1e-6)


def test_l2_penalty_value():
    """Is l2_penalty([1, 2, 3]) a one-element 7?"""
    # (1 + 4 + 9) / 2 = 7.
    penalty = ref.l2_penalty(nd.array([1, 2, 3]))
    assert penalty.shape == (1,)
    assert penalty.asscalar() == 7.0


def test_l2_penalty_of_column():
    """Is l2_penalty of the column [[3], [4]] equal to 12.5?"""
    # (9 + 16) / 2 = 12.5.
    penalty = ref.l2_penalty(nd.array([[3], [4]]))
    assert penalty.asscalar() == 12.5


def test_l2_penalty_gradient():
    """Is the gradient of l2_penalty at [1, 2, 3] equal to [1, 2, 3]?"""
    w = nd.array([1, 2, 3])
    w.attach_grad()
    with autograd.record():
        penalty = ref.l2_penalty(w)
    penalty.backward()
    assert w.grad.asnumpy().tolist() == [1.0, 2.0, 3.0]


def test_dropout_drop_prob_zero():
    """Does dropout with drop_prob 0 return X's values unchanged?"""
    X = nd.array([[1, 2], [3, 4]])
    assert ref.dropout(X, 0).asnumpy().tolist() == [[1, 2], [3, 4]]


def test_dropout_drop_prob_one():
    """Does dropout with drop_prob 1 return zeros of X's shape?"""
    X = nd.array([[1, 2], [3, 4]])
    out = ref.dropout(X, 1)
    assert out.asnumpy().tolist() == [[0, 0], [0, 0]]


def test_dropout_rejects_bad_probability():
    """Does dropout refuse a drop_prob above 1, as the book asserts?"""
    with pytest.raises(AssertionError):
        ref.dropout(nd.ones((2, 2)), 1.5)


def test_dropout_fraction_and_scale():
    """Does dropout(ones(10^6), 0.5) zero about half and double the rest?"""
    out = ref.dropout(nd.ones((1000, 1000)), 0.5).asnumpy()
    # Kept elements are 1 / (1 - 0.5) = 2.
    assert set(np.unique(out).tolist()) == {0.0, 2.0}
    # Zeroed count ~ Binomial(10^6, 0.5): std = sqrt(10^6 / 4) / 10^6
    # = 0.0005 as a fraction; 0.004 is 8 std, never hit by chance.
    assert abs((out == 0).mean() - 0.5) < 0.004


def test_dropout_leaves_x_alone():
    """Does dropout leave its input X unmodified?"""
    X = nd.array([[1, 2], [3, 4]])
    ref.dropout(X, 0.5)
    assert X.asnumpy().tolist() == [[1, 2], [3, 4]]


def test_mlp_shapes():
    """Does MLP map (2, 20) to (2, 10) with 256 hidden units?"""
    net = ref.MLP()
    assert isinstance(net, nn.Block)
    net.initialize()
    out = net(nd.ones((2, 20)))
    assert out.shape == (2, 10)
    shapes = sorted(p.shape for p in net.collect_params().values())
    assert shapes == [(10,), (10, 256), (256,), (256, 20)]


def test_mlp_hidden_relu():
    """Does MLP compute output(relu(hidden(x)))?"""
    net = ref.MLP()
    net.initialize()
    net(nd.ones((1, 20)))
    # All hidden weights 0, hidden bias -1 for the first 128 units and +1
    # for the rest: the ReLU keeps 128 ones. Output weights all 1, bias 0:
    # every output is 128 (it would be 0 without the ReLU).
    net.hidden.weight.set_data(nd.zeros((256, 20)))
    net.hidden.bias.set_data(nd.array([-1] * 128 + [1] * 128))
    net.output.weight.set_data(nd.ones((10, 256)))
    net.output.bias.set_data(nd.zeros((10,)))
    out = net(nd.ones((1, 20)))
    assert out.asnumpy().tolist() == [[128.0] * 10]


def test_mydense_parameters():
    """Does MyDense(3, 5) own weight (5, 3) and bias (3,) by those names?"""
    layer = ref.MyDense(units=3, in_units=5)
    params = layer.collect_params()
    shapes = {name.split('_')[-1]: p.shape for name, p in params.items()}
    assert shapes == {'weight': (5, 3), 'bias': (3,)}
    weights = layer.collect_params('.*weight')
    assert [p.shape for p in weights.values()] == [(5, 3)]


def test_mydense_forward_by_hand():
    """Does MyDense(3, 5) give relu(x . W + b) on numbers set by hand?"""
    layer = ref.MyDense(units=3, in_units=5)
    layer.initialize()
    layer.weight.set_data(nd.array([[1, 0, -1],
                                    [0, 1, 1],
                                    [2, -1, 0],
                                    [0, 0, 1],
                                    [1, 1, 1]]))
    layer.bias.set_data(nd.array([0.5, -1, 2]))
    x = nd.array([[1, 0, 2, 0, -1],
                  [0, 1, 0, 1, 0]])
    # Row 1: 1*W0 + 2*W2 - W4 = [1+4-1, 0-2-1, -1+0-1] = [4, -3, -2];
    # + b = [4.5, -4, 0]; relu -> [4.5, 0, 0].
    # Row 2: W1 + W3 = [0, 1, 2]; + b = [0.5, 0, 4]; relu -> [0.5, 0, 4].
    out = layer(x)
    assert out.asnumpy().tolist() == [[4.5, 0, 0], [0.5, 0, 4]]
