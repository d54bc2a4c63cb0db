"""Right and wrong answers for every graded item, as source code.

Each entry is the source of a notebook answer cell: it defines the item
under the book's name (``sgd``, ``MLP``, ...) and runs after ``PRELUDE``
(the imports the notebooks have made by then). ``load`` executes one in a
fresh namespace; the grading pipeline can paste the same text into a
submission.

- ``RIGHT[item][name]``: a right answer; every check of the item passes.
- ``WRONG[item][name]``: a ``Wrong(source, fails)``; ``fails`` maps each
  grade_id the answer must fail to a piece of text its message must
  contain (the diagnosis), or to None when any message will do. Every
  check of the item not in ``fails`` must pass.
- ``STUBS[item]``: the untouched nbgrader stub (raises
  NotImplementedError); it fails every check.
"""

import textwrap
import warnings
from typing import NamedTuple

PRELUDE = 'from mxnet import nd, autograd\nfrom mxnet.gluon import nn\n'


class Wrong(NamedTuple):
    source: str
    fails: dict


def _src(text):
    return textwrap.dedent(text).lstrip('\n')


def load(item, source):
    """Execute PRELUDE + source in a fresh namespace; return ``item``."""
    namespace = {'__name__': 'submission'}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        exec(compile(PRELUDE + source, '<answer {}>'.format(item), 'exec'),
             namespace)
    return namespace[item]


# --------------------------------------------------------------------------
# squared_loss
# --------------------------------------------------------------------------

RIGHT_SQUARED_LOSS = {
    'book': _src('''
        def squared_loss(y_hat, y):
            return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
        '''),
    'nd_square': _src('''
        def squared_loss(y_hat, y):
            return nd.square(y_hat - y.reshape(y_hat.shape)) / 2
        '''),
    'half_times_power': _src('''
        def squared_loss(y_hat, y):
            diff = y_hat - y.reshape_like(y_hat)
            return 0.5 * nd.power(diff, 2)
        '''),
    'product_with_itself': _src('''
        def squared_loss(y_hat, y):
            y = y.reshape(y_hat.shape)
            diff = y_hat - y
            return diff * diff * 0.5
        '''),
    'float64_result': _src('''
        def squared_loss(y_hat, y):
            diff = (y_hat - y.reshape(y_hat.shape)).astype('float64')
            return diff ** 2 / 2
        '''),
}

WRONG_SQUARED_LOSS = {
    'no_reshape': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat - y) ** 2 / 2
        '''), {'squared_loss_reshapes_y': '把 y 变形 (reshape)'}),
    'reshapes_y_to_column': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat - y.reshape((-1, 1))) ** 2 / 2
        '''), {'squared_loss_value': '无法广播 (broadcast)'}),
    'reshapes_y_hat_instead': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat.reshape(y.shape) - y) ** 2 / 2
        '''), {'squared_loss_reshapes_y': '把 y_hat 变形成了 y 的形状'}),
    'averaged': Wrong(_src('''
        def squared_loss(y_hat, y):
            return ((y_hat - y.reshape(y_hat.shape)) ** 2 / 2).mean()
        '''), {'squared_loss_value': '归约 (reduced)',
               'squared_loss_reshapes_y': '归约 (reduced)',
               'squared_loss_gradient': '平均 (mean)'}),
    'summed': Wrong(_src('''
        def squared_loss(y_hat, y):
            return ((y_hat - y.reshape(y_hat.shape)) ** 2 / 2).sum()
        '''), {'squared_loss_value': '归约 (reduced)',
               'squared_loss_reshapes_y': '归约 (reduced)'}),
    'no_half': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat - y.reshape(y_hat.shape)) ** 2
        '''), {'squared_loss_value': '漏了 / 2',
               'squared_loss_gradient': '漏了 / 2'}),
    'abs_not_square': Wrong(_src('''
        def squared_loss(y_hat, y):
            return nd.abs(y_hat - y.reshape(y_hat.shape)) / 2
        '''), {'squared_loss_value': '绝对值 (abs)',
               'squared_loss_gradient': '绝对值 (abs)'}),
    'via_numpy': Wrong(_src('''
        def squared_loss(y_hat, y):
            diff = y_hat.asnumpy() - y.asnumpy().reshape(y_hat.shape)
            return nd.array(diff ** 2 / 2)
        '''), {'squared_loss_gradient': '计算图'}),
    'returns_numpy': Wrong(_src('''
        def squared_loss(y_hat, y):
            y_hat, y = y_hat.asnumpy(), y.asnumpy()
            return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
        '''), {'squared_loss_gradient': '不是 NDArray'}),
}

# --------------------------------------------------------------------------
# sgd
# --------------------------------------------------------------------------

RIGHT_SGD = {
    'book': _src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad / batch_size
        '''),
    'in_place_subtract': _src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param -= lr / batch_size * param.grad
        '''),
    'sgd_update_op': _src('''
        def sgd(params, lr, batch_size):
            for param in params:
                nd.sgd_update(param, param.grad, lr=lr,
                              rescale_grad=1.0 / batch_size, out=param)
        '''),
    'index_loop_returns_params': _src('''
        def sgd(params, lr, batch_size):
            for i in range(len(params)):
                step = params[i].grad.asnumpy() * (lr / batch_size)
                params[i][:] = params[i] - nd.array(step)
            return params
        '''),
}

WRONG_SGD = {
    'rebinds_param': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param = param - lr * param.grad / batch_size
        '''), {'sgd_step_value': 'param = param -',
               'sgd_updates_in_place': 'param = param -'}),
    'replaces_list_items': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for i, param in enumerate(params):
                params[i] = param - lr * param.grad / batch_size
        '''), {'sgd_step_value': '换成了新的 NDArray',
               'sgd_updates_in_place': '换成了新的 NDArray'}),
    'forgets_batch_size': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad
        '''), {'sgd_step_value': '忘了除以 batch_size'}),
    'multiplies_by_batch_size': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad * batch_size
        '''), {'sgd_step_value': '写成了乘以'}),
    'adds_gradient': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param + lr * param.grad / batch_size
        '''), {'sgd_step_value': '方向反了'}),
    'forgets_lr': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - param.grad / batch_size
        '''), {'sgd_step_value': '学习率 lr'}),
    'only_first_param': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad / batch_size
                return
        '''), {'sgd_step_value': '只有第一个参数被更新',
               'sgd_updates_in_place': '只有第一个参数被更新'}),
    'zeroes_grad': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad / batch_size
                param.grad[:] = 0
        '''), {'sgd_leaves_grad': '清零'}),
    'scales_grad_in_place': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param.grad[:] = param.grad / batch_size
                param[:] = param - lr * param.grad
        '''), {'sgd_leaves_grad': '1/batch_size'}),
}

# --------------------------------------------------------------------------
# l2_penalty
# --------------------------------------------------------------------------

RIGHT_L2_PENALTY = {
    'book': _src('''
        def l2_penalty(w):
            return (w ** 2).sum() / 2
        '''),
    'nd_sum_square': _src('''
        def l2_penalty(w):
            return nd.sum(nd.square(w)) * 0.5
        '''),
    'norm_squared': _src('''
        def l2_penalty(w):
            return nd.norm(w) ** 2 / 2
        '''),
    'dot_with_itself': _src('''
        def l2_penalty(w):
            flat = w.reshape((-1,))
            return nd.dot(flat, flat) / 2
        '''),
}

WRONG_L2_PENALTY = {
    'no_half': Wrong(_src('''
        def l2_penalty(w):
            return (w ** 2).sum()
        '''), {'l2_penalty_value': '漏了 / 2',
               'l2_penalty_gradient': '漏了 / 2'}),
    'sum_of_abs': Wrong(_src('''
        def l2_penalty(w):
            return w.abs().sum()
        '''), {'l2_penalty_value': '绝对值之和 (L1 范数)',
               'l2_penalty_gradient': '绝对值 (abs)'}),
    'mean_not_sum': Wrong(_src('''
        def l2_penalty(w):
            return (w ** 2).mean() / 2
        '''), {'l2_penalty_value': 'mean（平均）',
               'l2_penalty_gradient': 'mean'}),
    'no_sum': Wrong(_src('''
        def l2_penalty(w):
            return w ** 2 / 2
        '''), {'l2_penalty_value': '忘了求和 (sum)'}),
    'norm_not_squared': Wrong(_src('''
        def l2_penalty(w):
            return nd.norm(w) / 2
        '''), {'l2_penalty_value': '范数 (norm)',
               'l2_penalty_gradient': None}),
    'returns_numpy': Wrong(_src('''
        def l2_penalty(w):
            return (w.asnumpy() ** 2).sum() / 2
        '''), {'l2_penalty_gradient': '不是 NDArray'}),
}

# --------------------------------------------------------------------------
# dropout
# --------------------------------------------------------------------------

RIGHT_DROPOUT = {
    'book': _src('''
        def dropout(X, drop_prob):
            assert 0 <= drop_prob <= 1
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''),
    'greater_than_drop_prob_where': _src('''
        def dropout(X, drop_prob):
            if drop_prob == 1:
                return nd.zeros_like(X)
            keep = nd.random.uniform_like(X) > drop_prob
            return nd.where(keep, X / (1 - drop_prob), nd.zeros_like(X))
        '''),
    'numpy_mask': _src('''
        import numpy as np

        def dropout(X, drop_prob):
            keep_prob = 1.0 - drop_prob
            if keep_prob == 0:
                return nd.zeros(X.shape)
            keep = np.random.uniform(size=X.shape) < keep_prob
            return X * nd.array(keep.astype('float32')) / keep_prob
        '''),
    'randint_mask': _src('''
        def dropout(X, drop_prob):
            if drop_prob >= 1:
                return X * 0
            scale = 1000000
            draws = nd.random.randint(0, scale, shape=X.shape)
            mask = (draws >= int(round(drop_prob * scale))).astype('float32')
            return X * mask * (1 / (1 - drop_prob))
        '''),
}

WRONG_DROPOUT = {
    'no_rescale': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X
        '''), {'dropout_statistics': '没有除以 keep_prob',
               'dropout_autograd': '没有除以 keep_prob'}),
    'keep_drop_swapped': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < drop_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '比较方向',
               'dropout_statistics': '弄反了'}),
    'divides_by_drop_prob': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / drop_prob
        '''), {'dropout_extremes': 'NaN 或 inf',
               'dropout_statistics': '除以了 drop_prob',
               'dropout_autograd': None}),
    'divides_by_zero_at_one': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '除零 (division by zero)'}),
    'zeros_when_drop_prob_zero': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0 or drop_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '所有元素都被置零'}),
    'mask_drawn_at_import': Wrong(_src('''
        _RANDOM = nd.random.uniform(0, 1, shape=(2000000,))

        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = _RANDOM[:X.size].reshape(X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_fresh_mask': '完全相同的掩码'}),
    'one_mask_row_broadcast': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape[-1:]) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_statistics': '广播 (broadcast)'}),
    'modifies_x_in_place': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            X *= nd.random.uniform(0, 1, X.shape) < keep_prob
            X /= keep_prob
            return X
        '''), {'dropout_autograd': '原地'}),
    'numpy_based': Wrong(_src('''
        import numpy as np

        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            x = X.asnumpy()
            mask = np.random.uniform(size=x.shape) < keep_prob
            return nd.array(mask * x / keep_prob)
        '''), {'dropout_autograd': '计算图'}),
}

# --------------------------------------------------------------------------
# MLP (4.1)
# --------------------------------------------------------------------------

RIGHT_MLP = {
    'book': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''),
    'sequential_inside': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                with self.name_scope():
                    self.net = nn.Sequential()
                    self.net.add(nn.Dense(256, activation='relu'),
                                 nn.Dense(10))

            def forward(self, x):
                return self.net(x)
        '''),
    'hybrid_block': _src('''
        class MLP(nn.HybridBlock):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def hybrid_forward(self, F, x):
                return self.output(self.hidden(x))
        '''),
    'relu_in_forward': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.fc1 = nn.Dense(256, in_units=20)
                self.fc2 = nn.Dense(10, in_units=256)

            def forward(self, x):
                return self.fc2(nd.relu(self.fc1(x)))
        '''),
}

WRONG_MLP = {
    'no_super_init': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_output_shape': 'super().__init__',
               'mlp_layers': 'super().__init__',
               'mlp_forward': 'super().__init__'}),
    'no_activation': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256)
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_forward': '漏了隐藏层的 ReLU'}),
    'sigmoid_hidden': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='sigmoid')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_forward': '而不是 sigmoid'}),
    'relu_on_output_too': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10, activation='relu')

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_forward': '输出层不应有激活函数'}),
    'hidden_128': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(128, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_layers': '隐藏层有 128 个单元',
               'mlp_forward': 'mlp_layers'}),
    'output_256': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(256)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_output_shape': '10 个单元',
               'mlp_layers': '输出层有 256 个单元',
               'mlp_forward': 'mlp_layers'}),
    'layers_in_plain_list': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.layers = [nn.Dense(256, activation='relu'),
                               nn.Dense(10)]

            def forward(self, x):
                for layer in self.layers:
                    x = layer(x)
                return x
        '''), {'mlp_output_shape': '普通 list',
               'mlp_layers': '普通 list',
               'mlp_forward': '普通 list'}),
}

# --------------------------------------------------------------------------
# MyDense (4.4)
# --------------------------------------------------------------------------

RIGHT_MYDENSE = {
    'book': _src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data()) + self.bias.data()
                return nd.relu(linear)
        '''),
    'name_scope_maximum': _src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super().__init__(**kwargs)
                with self.name_scope():
                    self.w = self.params.get('weight',
                                             shape=(in_units, units))
                    self.b = self.params.get('bias', shape=(units,))

            def forward(self, x):
                z = nd.dot(x, self.w.data()) + self.b.data()
                return nd.maximum(z, 0)
        '''),
    'fully_connected_op': _src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super().__init__(**kwargs)
                self.units = units
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                out = nd.FullyConnected(x, self.weight.data().T,
                                        self.bias.data(),
                                        num_hidden=self.units)
                return out.relu()
        '''),
}

RIGHT_MYDENSE['hybrid_block'] = _src('''
    class MyDense(nn.HybridBlock):
        def __init__(self, units, in_units, **kwargs):
            super().__init__(**kwargs)
            self.weight = self.params.get('weight', shape=(in_units, units))
            self.bias = self.params.get('bias', shape=(units,))

        def hybrid_forward(self, F, x, weight, bias):
            return F.relu(F.dot(x, weight) + bias)
    ''')

WRONG_MYDENSE = {
    'no_bias': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))

            def forward(self, x):
                return nd.relu(nd.dot(x, self.weight.data()))
        '''), {'mydense_parameters': '缺少偏置',
               'mydense_forward': '缺少偏置'}),
    'bias_unused': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                return nd.relu(nd.dot(x, self.weight.data()))
        '''), {'mydense_forward': '漏了偏置'}),
    'no_relu': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                return nd.dot(x, self.weight.data()) + self.bias.data()
        '''), {'mydense_forward': '漏了 ReLU'}),
    'transposed_weight': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(units, in_units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data().T) + self.bias.data()
                return nd.relu(linear)
        '''), {'mydense_parameters': '写反了',
               'mydense_forward': '写反了'}),
    'weight_named_w': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('w', shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data()) + self.bias.data()
                return nd.relu(linear)
        '''), {'mydense_parameters': '不以 weight 结尾'}),
    'no_super_init': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data()) + self.bias.data()
                return nd.relu(linear)
        '''), {'mydense_parameters': 'super().__init__',
               'mydense_forward': 'super().__init__'}),
}

# --------------------------------------------------------------------------
# Untouched nbgrader stubs: the solution regions replaced by
# ``# YOUR CODE HERE`` / ``raise NotImplementedError()``.
# --------------------------------------------------------------------------

STUBS = {
    'squared_loss': _src('''
        def squared_loss(y_hat, y):
            # YOUR CODE HERE
            raise NotImplementedError()
        '''),
    'sgd': _src('''
        def sgd(params, lr, batch_size):
            # YOUR CODE HERE
            raise NotImplementedError()
        '''),
    'l2_penalty': _src('''
        def l2_penalty(w):
            # YOUR CODE HERE
            raise NotImplementedError()
        '''),
    'dropout': _src('''
        def dropout(X, drop_prob):
            # YOUR CODE HERE
            raise NotImplementedError()
        '''),
    'MLP': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                # YOUR CODE HERE
                raise NotImplementedError()

            def forward(self, x):
                # YOUR CODE HERE
                raise NotImplementedError()
        '''),
    'MyDense': _src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                # YOUR CODE HERE
                raise NotImplementedError()

            def forward(self, x):
                # YOUR CODE HERE
                raise NotImplementedError()
        '''),
}

# Class stubs whose constructor was filled in with nothing but the parent
# call: only forward raises.
FORWARD_STUBS = {
    'MLP': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)

            def forward(self, x):
                # YOUR CODE HERE
                raise NotImplementedError()
        '''),
    'MyDense': _src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)

            def forward(self, x):
                # YOUR CODE HERE
                raise NotImplementedError()
        '''),
}

RIGHT = {
    'squared_loss': RIGHT_SQUARED_LOSS,
    'sgd': RIGHT_SGD,
    'l2_penalty': RIGHT_L2_PENALTY,
    'dropout': RIGHT_DROPOUT,
    'MLP': RIGHT_MLP,
    'MyDense': RIGHT_MYDENSE,
}

WRONG = {
    'squared_loss': WRONG_SQUARED_LOSS,
    'sgd': WRONG_SGD,
    'l2_penalty': WRONG_L2_PENALTY,
    'dropout': WRONG_DROPOUT,
    'MLP': WRONG_MLP,
    'MyDense': WRONG_MYDENSE,
}
