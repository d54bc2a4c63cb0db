"""Reference answers for the graded functions, following the book.

Each function is the one 《动手学深度学习》 (MXNet/Gluon first edition,
``d2lzh``) writes in the section named in its docstring, line by line.
``tests/test_reference.py`` pins them with hand-computed numbers; the
checks in ``autograder.checks`` never print their values.
"""

import warnings

with warnings.catch_warnings():
    # mxnet 1.9.1 warns at import about numpy aliases and distutils.
    warnings.simplefilter('ignore')
    from mxnet import nd
    from mxnet.gluon import nn

__all__ = ['sgd', 'squared_loss', 'l2_penalty', 'dropout', 'MLP', 'MyDense']


def sgd(params, lr, batch_size):
    """Minibatch stochastic gradient descent, in place (3.2)."""
    for param in params:
        param[:] = param - lr * param.grad / batch_size


def squared_loss(y_hat, y):
    """Squared loss per example, y reshaped to y_hat's shape (3.2)."""
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def l2_penalty(w):
    """Half the squared L2 norm of w (3.12)."""
    return (w ** 2).sum() / 2


def dropout(X, drop_prob):
    """Inverted dropout: zero with probability drop_prob, rescale (3.13)."""
    assert 0 <= drop_prob <= 1
    keep_prob = 1 - drop_prob
    # In this case every element is dropped.
    if keep_prob == 0:
        return X.zeros_like()
    mask = nd.random.uniform(0, 1, X.shape) < keep_prob
    return mask * X / keep_prob


class MLP(nn.Block):
    """A hidden layer of 256 ReLU units and an output layer of 10 (4.1)."""

    def __init__(self, **kwargs):
        super(MLP, self).__init__(**kwargs)
        self.hidden = nn.Dense(256, activation='relu')
        self.output = nn.Dense(10)

    def forward(self, x):
        return self.output(self.hidden(x))


class MyDense(nn.Block):
    """A fully connected layer with ReLU, parameters made by hand (4.4)."""

    def __init__(self, units, in_units, **kwargs):
        super(MyDense, self).__init__(**kwargs)
        self.weight = self.params.get('weight', shape=(in_units, units))
        self.bias = self.params.get('bias', shape=(units,))

    def forward(self, x):
        linear = nd.dot(x, self.weight.data()) + self.bias.data()
        return nd.relu(linear)
