"""Right and wrong answers for every graded item, as source code.

Each entry is the source of a notebook answer cell: it defines the item
under the book's name (``sgd``, ``MLP``, ...) and runs after ``PRELUDE``
(the imports the notebooks have made by then). ``load`` executes one in a
fresh namespace; the grading pipeline can paste the same text into a
submission. So an entry uses only ``nd`` and ``autograd`` (and ``nn`` in
chapter 4's items) and imports anything else itself (``numpy``,
``mxnet as mx``, ``gluon``, ``init``); it must not kill or hang a kernel
and runs in well under a second. A comment above each entry names the
mistake (wrong) or the different way of writing it (right) it models.

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
    # The book's line.
    'book': _src('''
        def squared_loss(y_hat, y):
            return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
        '''),
    # nd.square instead of ** 2.
    'nd_square': _src('''
        def squared_loss(y_hat, y):
            return nd.square(y_hat - y.reshape(y_hat.shape)) / 2
        '''),
    # reshape_like, 0.5 * nd.power.
    'half_times_power': _src('''
        def squared_loss(y_hat, y):
            diff = y_hat - y.reshape_like(y_hat)
            return 0.5 * nd.power(diff, 2)
        '''),
    # The difference multiplied by itself.
    'product_with_itself': _src('''
        def squared_loss(y_hat, y):
            y = y.reshape(y_hat.shape)
            diff = y_hat - y
            return diff * diff * 0.5
        '''),
    # A float64 result: the same numbers.
    'float64_result': _src('''
        def squared_loss(y_hat, y):
            diff = (y_hat - y.reshape(y_hat.shape)).astype('float64')
            return diff ** 2 / 2
        '''),
    # The difference taken the other way round: (y - y_hat)² is the same.
    'reversed_difference': _src('''
        def squared_loss(y_hat, y):
            return nd.square(y.reshape(y_hat.shape) - y_hat) / 2
        '''),
}

WRONG_SQUARED_LOSS = {
    # Forgets to reshape y: (n, 1) - (n,) broadcasts to (n, n).
    'no_reshape': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat - y) ** 2 / 2
        '''), {'squared_loss_reshapes_y': '把 y 变形 (reshape)'}),
    # Reshapes y to a column: right only for y_hat of shape (n, 1).
    'reshapes_y_to_column': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat - y.reshape((-1, 1))) ** 2 / 2
        '''), {'squared_loss_value': '无法广播 (broadcast)'}),
    # Reshapes y_hat to y's shape instead of the other way round.
    'reshapes_y_hat_instead': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat.reshape(y.shape) - y) ** 2 / 2
        '''), {'squared_loss_reshapes_y': '把 y_hat 变形成了 y 的形状'}),
    # Averages the loss over the batch.
    'averaged': Wrong(_src('''
        def squared_loss(y_hat, y):
            return ((y_hat - y.reshape(y_hat.shape)) ** 2 / 2).mean()
        '''), {'squared_loss_value': '归约 (reduced)',
               'squared_loss_reshapes_y': '归约 (reduced)',
               'squared_loss_gradient': '平均 (mean)'}),
    # Sums the loss over the batch.
    'summed': Wrong(_src('''
        def squared_loss(y_hat, y):
            return ((y_hat - y.reshape(y_hat.shape)) ** 2 / 2).sum()
        '''), {'squared_loss_value': '归约 (reduced)',
               'squared_loss_reshapes_y': '归约 (reduced)'}),
    # Forgets the / 2.
    'no_half': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat - y.reshape(y_hat.shape)) ** 2
        '''), {'squared_loss_value': '漏了 / 2',
               'squared_loss_gradient': '漏了 / 2'}),
    # Absolute value instead of the square.
    'abs_not_square': Wrong(_src('''
        def squared_loss(y_hat, y):
            return nd.abs(y_hat - y.reshape(y_hat.shape)) / 2
        '''), {'squared_loss_value': '绝对值 (abs)',
               'squared_loss_gradient': '绝对值 (abs)'}),
    # Computes in numpy and wraps the result: cut off from autograd.
    'via_numpy': Wrong(_src('''
        def squared_loss(y_hat, y):
            diff = y_hat.asnumpy() - y.asnumpy().reshape(y_hat.shape)
            return nd.array(diff ** 2 / 2)
        '''), {'squared_loss_gradient': '计算图'}),
    # Returns a numpy array.
    'returns_numpy': Wrong(_src('''
        def squared_loss(y_hat, y):
            y_hat, y = y_hat.asnumpy(), y.asnumpy()
            return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
        '''), {'squared_loss_gradient': '不是 NDArray'}),
    # Detaches the difference (to "save memory"): no gradient reaches
    # y_hat.
    'detached': Wrong(_src('''
        def squared_loss(y_hat, y):
            diff = (y_hat - y.reshape(y_hat.shape)).detach()
            return diff ** 2 / 2
        '''), {'squared_loss_gradient': 'detach()'}),
    # Hard-wires the public tests' shape (3, 1) instead of y_hat.shape.
    'public_shape_hard_wired': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat - y.reshape((3, 1))) ** 2 / 2
        '''), {'squared_loss_value': '写死',
               'squared_loss_reshapes_y': '写死',
               'squared_loss_gradient': '写死'}),
    # Sums each example's row: right only for y_hat of shape (n, 1), the
    # shape of every public test.
    'sums_each_row': Wrong(_src('''
        def squared_loss(y_hat, y):
            loss = (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
            return loss.sum(axis=1, keepdims=True)
        '''), {'squared_loss_value': '形状应与 y_hat 相同'}),
    # Flattens both sides to (n,): the right numbers, y_hat's shape lost.
    'flattens_both': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat.reshape((-1,)) - y.reshape((-1,))) ** 2 / 2
        '''), {'squared_loss_value': '形状应与 y_hat 相同',
               'squared_loss_reshapes_y': '把 y_hat 变形成了 y 的形状'}),
    # Squares before subtracting: (y_hat² - y²) / 2.
    'squares_then_subtracts': Wrong(_src('''
        def squared_loss(y_hat, y):
            return (y_hat ** 2 - y.reshape(y_hat.shape) ** 2) / 2
        '''), {'squared_loss_value': '先平方再相减',
               'squared_loss_gradient': '先平方再相减'}),
    # Subtracts in place from y_hat: overwrites the caller's predictions
    # and cannot run under autograd.record().
    'subtracts_in_place': Wrong(_src('''
        def squared_loss(y_hat, y):
            y_hat -= y.reshape(y_hat.shape)
            return y_hat ** 2 / 2
        '''), {'squared_loss_gradient': '原地修改 (in-place)'}),
}

# --------------------------------------------------------------------------
# sgd
# --------------------------------------------------------------------------

RIGHT_SGD = {
    # The book's line.
    'book': _src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad / batch_size
        '''),
    # In-place -= with the factors in another order.
    'in_place_subtract': _src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param -= lr / batch_size * param.grad
        '''),
    # MXNet's fused sgd_update operator, written back with out=.
    'sgd_update_op': _src('''
        def sgd(params, lr, batch_size):
            for param in params:
                nd.sgd_update(param, param.grad, lr=lr,
                              rescale_grad=1.0 / batch_size, out=param)
        '''),
    # Index loop, step via numpy, returns the list (ignored by callers).
    'index_loop_returns_params': _src('''
        def sgd(params, lr, batch_size):
            for i in range(len(params)):
                step = params[i].grad.asnumpy() * (lr / batch_size)
                params[i][:] = params[i] - nd.array(step)
            return params
        '''),
    # Subtraction written into the parameter with out=.
    'elemwise_sub_out': _src('''
        def sgd(params, lr, batch_size):
            for param in params:
                step = param.grad * (lr / batch_size)
                nd.elemwise_sub(param, step, out=param)
        '''),
    # In-place subtraction on the full slice.
    'slice_minus_equals': _src('''
        def sgd(params, lr, batch_size):
            scale = lr / batch_size
            for param in params:
                param[:] -= scale * param.grad
        '''),
}

WRONG_SGD = {
    # Rebinds the loop variable: the caller's parameters never change.
    'rebinds_param': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param = param - lr * param.grad / batch_size
        '''), {'sgd_step_value': 'param = param -',
               'sgd_updates_in_place': 'param = param -'}),
    # Replaces the list's items with new NDArrays.
    'replaces_list_items': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for i, param in enumerate(params):
                params[i] = param - lr * param.grad / batch_size
        '''), {'sgd_step_value': '换成了新的 NDArray',
               'sgd_updates_in_place': '换成了新的 NDArray'}),
    # Forgets to divide by batch_size.
    'forgets_batch_size': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad
        '''), {'sgd_step_value': '忘了除以 batch_size'}),
    # Multiplies by batch_size instead of dividing.
    'multiplies_by_batch_size': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad * batch_size
        '''), {'sgd_step_value': '写成了乘以'}),
    # Adds the gradient: ascends instead of descends.
    'adds_gradient': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param + lr * param.grad / batch_size
        '''), {'sgd_step_value': '方向反了'}),
    # Forgets the learning rate.
    'forgets_lr': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - param.grad / batch_size
        '''), {'sgd_step_value': '学习率 lr'}),
    # Returns inside the loop: only the first parameter is updated.
    'only_first_param': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad / batch_size
                return
        '''), {'sgd_step_value': '只有第一个参数被更新',
               'sgd_updates_in_place': '只有第一个参数被更新'}),
    # Zeroes the gradient after the step.
    'zeroes_grad': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad / batch_size
                param.grad[:] = 0
        '''), {'sgd_leaves_grad': '清零'}),
    # Scales param.grad in place by 1 / batch_size.
    'scales_grad_in_place': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param.grad[:] = param.grad / batch_size
                param[:] = param - lr * param.grad
        '''), {'sgd_leaves_grad': '1/batch_size'}),
    # Hard-wires the public test's batch_size instead of the argument.
    'batch_size_hard_wired': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad / 2
        '''), {'sgd_step_value': '写死'}),
    # Hard-wires the book's learning rate 0.03.
    'lr_hard_wired': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - 0.03 * param.grad / batch_size
        '''), {'sgd_step_value': '写死'}),
    # Updates a copy in place: the caller's parameters never change.
    'updates_a_copy': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                value = param.copy()
                value -= lr * param.grad / batch_size
        '''), {'sgd_step_value': '副本',
               'sgd_updates_in_place': '副本'}),
    # nd.sgd_update without out=param returns a new array.
    'sgd_update_without_out': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                nd.sgd_update(param, param.grad, lr=lr,
                              rescale_grad=1.0 / batch_size)
        '''), {'sgd_step_value': 'out=param',
               'sgd_updates_in_place': 'out=param'}),
    # Returns the updated parameters instead of updating them.
    'returns_new_list': Wrong(_src('''
        def sgd(params, lr, batch_size):
            return [param - lr * param.grad / batch_size
                    for param in params]
        '''), {'sgd_step_value': 'return',
               'sgd_updates_in_place': 'return'}),
    # The update is dedented out of the loop: only the last parameter.
    'update_after_loop': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                step = lr * param.grad / batch_size
            param[:] = param - step
        '''), {'sgd_step_value': '只有最后一个参数',
               'sgd_updates_in_place': '只有最后一个参数'}),
    # Re-attaches the gradient after the step "to reset it".
    'reattaches_grad': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param[:] = param - lr * param.grad / batch_size
                param.attach_grad()
        '''), {'sgd_leaves_grad': '清零'}),
    # Stores the step in param.grad, then subtracts it.
    'stores_step_in_grad': Wrong(_src('''
        def sgd(params, lr, batch_size):
            for param in params:
                param.grad[:] = lr * param.grad / batch_size
                param[:] = param - param.grad
        '''), {'sgd_leaves_grad': '更新量'}),
}

# --------------------------------------------------------------------------
# l2_penalty
# --------------------------------------------------------------------------

RIGHT_L2_PENALTY = {
    # The book's line.
    'book': _src('''
        def l2_penalty(w):
            return (w ** 2).sum() / 2
        '''),
    # nd.sum of nd.square.
    'nd_sum_square': _src('''
        def l2_penalty(w):
            return nd.sum(nd.square(w)) * 0.5
        '''),
    # The squared norm.
    'norm_squared': _src('''
        def l2_penalty(w):
            return nd.norm(w) ** 2 / 2
        '''),
    # The flattened w dotted with itself.
    'dot_with_itself': _src('''
        def l2_penalty(w):
            flat = w.reshape((-1,))
            return nd.dot(flat, flat) / 2
        '''),
    # Elementwise product with itself, summed with nd.sum.
    'w_times_w': _src('''
        def l2_penalty(w):
            return 0.5 * nd.sum(w * w)
        '''),
}

WRONG_L2_PENALTY = {
    # Forgets the / 2.
    'no_half': Wrong(_src('''
        def l2_penalty(w):
            return (w ** 2).sum()
        '''), {'l2_penalty_value': '漏了 / 2',
               'l2_penalty_gradient': '漏了 / 2'}),
    # L1: the sum of absolute values.
    'sum_of_abs': Wrong(_src('''
        def l2_penalty(w):
            return w.abs().sum()
        '''), {'l2_penalty_value': '绝对值之和 (L1 范数)',
               'l2_penalty_gradient': '绝对值 (abs)'}),
    # mean instead of sum.
    'mean_not_sum': Wrong(_src('''
        def l2_penalty(w):
            return (w ** 2).mean() / 2
        '''), {'l2_penalty_value': 'mean（平均）',
               'l2_penalty_gradient': 'mean'}),
    # Forgets to sum: one penalty per element.
    'no_sum': Wrong(_src('''
        def l2_penalty(w):
            return w ** 2 / 2
        '''), {'l2_penalty_value': '忘了求和 (sum)'}),
    # The norm itself, not its square.
    'norm_not_squared': Wrong(_src('''
        def l2_penalty(w):
            return nd.norm(w) / 2
        '''), {'l2_penalty_value': '范数 (norm)',
               'l2_penalty_gradient': '范数 (norm)'}),
    # Returns a numpy number.
    'returns_numpy': Wrong(_src('''
        def l2_penalty(w):
            return (w.asnumpy() ** 2).sum() / 2
        '''), {'l2_penalty_gradient': '不是 NDArray'}),
    # Takes the value out with asscalar() and wraps it again: the result
    # is cut off from the graph.
    'rewraps_asscalar': Wrong(_src('''
        def l2_penalty(w):
            return nd.array([(w ** 2).sum().asscalar() / 2])
        '''), {'l2_penalty_gradient': '计算图'}),
    # wᵀw / 2: right only for a column w, the public test's shape.
    'w_transpose_w': Wrong(_src('''
        def l2_penalty(w):
            return nd.dot(w.T, w) / 2
        '''), {'l2_penalty_value': '只含一个元素'}),
    # Sums over axis 0 only: right only for a column w.
    'sums_axis_0': Wrong(_src('''
        def l2_penalty(w):
            return (w ** 2).sum(axis=0) / 2
        '''), {'l2_penalty_value': '只含一个元素'}),
    # Puts the book's λ = 3 into the penalty itself.
    'includes_lambda': Wrong(_src('''
        def l2_penalty(w):
            lambd = 3
            return lambd * (w ** 2).sum() / 2
        '''), {'l2_penalty_value': None,
               'l2_penalty_gradient': '常数倍'}),
    # Squares the sum instead of summing the squares.
    'square_of_sum': Wrong(_src('''
        def l2_penalty(w):
            return w.sum() ** 2 / 2
        '''), {'l2_penalty_value': '先求和再平方',
               'l2_penalty_gradient': '先求和再平方'}),
    # Squares w in place: destroys the weights, breaks autograd.
    'squares_in_place': Wrong(_src('''
        def l2_penalty(w):
            w[:] = w ** 2
            return w.sum() / 2
        '''), {'l2_penalty_gradient': '原地修改 (in-place)'}),
    # Detaches w before squaring.
    'detached': Wrong(_src('''
        def l2_penalty(w):
            return (w.detach() ** 2).sum() / 2
        '''), {'l2_penalty_gradient': 'detach()'}),
}

# --------------------------------------------------------------------------
# dropout
# --------------------------------------------------------------------------

RIGHT_DROPOUT = {
    # The book's function.
    'book': _src('''
        def dropout(X, drop_prob):
            assert 0 <= drop_prob <= 1
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''),
    # Keeps where uniform > drop_prob, scaled with nd.where.
    'greater_than_drop_prob_where': _src('''
        def dropout(X, drop_prob):
            if drop_prob == 1:
                return nd.zeros_like(X)
            keep = nd.random.uniform_like(X) > drop_prob
            return nd.where(keep, X / (1 - drop_prob), nd.zeros_like(X))
        '''),
    # The mask drawn with numpy's global RNG.
    'numpy_mask': _src('''
        import numpy as np

        def dropout(X, drop_prob):
            keep_prob = 1.0 - drop_prob
            if keep_prob == 0:
                return nd.zeros(X.shape)
            keep = np.random.uniform(size=X.shape) < keep_prob
            return X * nd.array(keep.astype('float32')) / keep_prob
        '''),
    # The mask from integer draws (fine-grained enough).
    'randint_mask': _src('''
        def dropout(X, drop_prob):
            if drop_prob >= 1:
                return X * 0
            scale = 1000000
            draws = nd.random.randint(0, scale, shape=X.shape)
            mask = (draws >= int(round(drop_prob * scale))).astype('float32')
            return X * mask * (1 / (1 - drop_prob))
        '''),
    # A Bernoulli mask drawn as one of two categories with multinomial.
    'multinomial_mask': _src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return nd.zeros_like(X)
            probs = nd.array([drop_prob, keep_prob])
            keep = nd.random.multinomial(probs, shape=X.size)
            mask = keep.reshape(X.shape).astype(X.dtype)
            return X * mask / keep_prob
        '''),
}

WRONG_DROPOUT = {
    # Forgets to divide by keep_prob.
    'no_rescale': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X
        '''), {'dropout_statistics': '没有除以 keep_prob',
               'dropout_autograd': '没有除以 keep_prob'}),
    # Keeps with probability drop_prob: comparison the wrong way.
    'keep_drop_swapped': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < drop_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '比较方向',
               'dropout_statistics': '弄反了'}),
    # Divides by drop_prob instead of keep_prob.
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
    # No special case for drop_prob 1: divides by zero.
    'divides_by_zero_at_one': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '除零 (division by zero)'}),
    # Returns zeros for drop_prob 0 as well.
    'zeros_when_drop_prob_zero': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0 or drop_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '所有元素都被置零'}),
    # Draws the random numbers once at import and reuses them.
    'mask_drawn_at_import': Wrong(_src('''
        _RANDOM = nd.random.uniform(0, 1, shape=(2000000,))

        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = _RANDOM[:X.size].reshape(X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_fresh_mask': '完全相同的掩码'}),
    # One mask row shared by all rows (broadcast).
    'one_mask_row_broadcast': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape[-1:]) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_statistics': '广播 (broadcast)'}),
    # Multiplies X in place.
    'modifies_x_in_place': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            X *= nd.random.uniform(0, 1, X.shape) < keep_prob
            X /= keep_prob
            return X
        '''), {'dropout_autograd': '原地'}),
    # Computes in numpy: cut off from autograd.
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
    # Reseeds MXNet's RNG inside the function "for reproducibility": the
    # same mask on every call.
    'reseeds_mxnet': Wrong(_src('''
        import mxnet as mx

        def dropout(X, drop_prob):
            mx.random.seed(2019)
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_fresh_mask': '随机种子'}),
    # The same with numpy's RNG.
    'reseeds_numpy': Wrong(_src('''
        import numpy as np

        def dropout(X, drop_prob):
            np.random.seed(0)
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            keep = np.random.uniform(size=X.shape) < keep_prob
            return X * nd.array(keep) / keep_prob
        '''), {'dropout_fresh_mask': '随机种子'}),
    # Returns X when everything should be dropped.
    'returns_x_at_one': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '仍有'}),
    # Treats drop_prob as the probability of keeping an element.
    'drop_prob_as_keep_prob': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '所有元素都被置零',
               'dropout_statistics': '除以了 drop_prob',
               'dropout_autograd': None}),
    # Hard-wires the book's 0.5: right only for drop_prob = 0.5.
    'only_half': Wrong(_src('''
        def dropout(X, drop_prob):
            mask = nd.random.uniform(0, 1, X.shape) < 0.5
            return mask * X * 2
        '''), {'dropout_extremes': '不应丢弃任何元素',
               'dropout_statistics': '写死',
               'dropout_autograd': None}),
    # Compares X itself with drop_prob: no randomness at all.
    'thresholds_x': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = X > drop_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '不应丢弃任何元素',
               'dropout_statistics': '比例',
               'dropout_fresh_mask': '完全相同的掩码'}),
    # MXNet's own operator: outside training mode it drops nothing.
    'builtin_dropout_op': Wrong(_src('''
        def dropout(X, drop_prob):
            return nd.Dropout(X, p=drop_prob)
        '''), {'dropout_extremes': '仍有',
               'dropout_statistics': 'nd.Dropout',
               'dropout_fresh_mask': 'nd.Dropout'}),
    # Returns the scaled mask and forgets to multiply by X.
    'forgets_x': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, X.shape) < keep_prob
            return mask / keep_prob
        '''), {'dropout_extremes': '乘以 X',
               'dropout_statistics': '乘以 X',
               'dropout_autograd': None}),
    # Draws the mask from a normal distribution: wrong drop fraction.
    'normal_not_uniform': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.normal(0, 1, X.shape) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '不应丢弃任何元素',
               'dropout_statistics': '比例'}),
    # One draw per example (row): whole rows kept or dropped.
    'drops_whole_rows': Wrong(_src('''
        def dropout(X, drop_prob):
            keep_prob = 1 - drop_prob
            if keep_prob == 0:
                return X.zeros_like()
            mask = nd.random.uniform(0, 1, (X.shape[0], 1)) < keep_prob
            return mask * X / keep_prob
        '''), {'dropout_extremes': '广播 (broadcast)',
               'dropout_statistics': '广播 (broadcast)'}),
}

# --------------------------------------------------------------------------
# MLP (4.1)
# --------------------------------------------------------------------------

RIGHT_MLP = {
    # The book's class.
    'book': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''),
    # An nn.Sequential inside, built in name_scope.
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
    # A HybridBlock with hybrid_forward.
    'hybrid_block': _src('''
        class MLP(nn.HybridBlock):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def hybrid_forward(self, F, x):
                return self.output(self.hidden(x))
        '''),
    # in_units given (the book's 20); ReLU applied in forward.
    'relu_in_forward': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.fc1 = nn.Dense(256, in_units=20)
                self.fc2 = nn.Dense(10, in_units=256)

            def forward(self, x):
                return self.fc2(nd.relu(self.fc1(x)))
        '''),
    # Layers kept in a list, each registered with register_child.
    'list_with_register_child': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.blocks = [nn.Dense(256, activation='relu'),
                               nn.Dense(10)]
                for block in self.blocks:
                    self.register_child(block)

            def forward(self, x):
                for block in self.blocks:
                    x = block(x)
                return x
        '''),
    # Other attribute names in name_scope; ReLU as nd.maximum.
    'name_scope_other_names': _src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                with self.name_scope():
                    self.fc_in = nn.Dense(256)
                    self.fc_out = nn.Dense(10)

            def forward(self, x):
                return self.fc_out(nd.maximum(self.fc_in(x), 0))
        '''),
}

WRONG_MLP = {
    # Forgets super().__init__(**kwargs).
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
    # Forgets the hidden layer's ReLU.
    'no_activation': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256)
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_forward': '漏了隐藏层的 ReLU'}),
    # Sigmoid instead of ReLU in the hidden layer.
    'sigmoid_hidden': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='sigmoid')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_forward': '而不是 sigmoid'}),
    # ReLU on the output layer too.
    'relu_on_output_too': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10, activation='relu')

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_forward': '输出层不应有激活函数'}),
    # 128 hidden units instead of 256.
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
    # 256 output units instead of 10.
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
    # Layers in a plain Python list: not registered.
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
    # Creates the layers inside forward (and initialises them there):
    # every call replaces them with fresh random weights.
    'layers_created_in_forward': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)

            def forward(self, x):
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)
                self.hidden.initialize()
                self.output.initialize()
                return self.output(self.hidden(x))
        '''), {'mlp_forward': '重新创建'}),
    # The same with local variables: nothing is registered at all.
    'layers_local_to_forward': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)

            def forward(self, x):
                hidden = nn.Dense(256, activation='relu')
                output = nn.Dense(10)
                hidden.initialize()
                output.initialize()
                return output(hidden(x))
        '''), {'mlp_layers': '在 __init__ 中创建',
               'mlp_forward': 'mlp_layers'}),
    # Applies the two layers in the wrong order.
    'layers_in_wrong_order': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.hidden(self.output(x))
        '''), {'mlp_output_shape': '顺序',
               'mlp_layers': '顺序',
               'mlp_forward': 'mlp_layers'}),
    # forward skips the hidden layer.
    'skips_hidden_layer': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(x)
        '''), {'mlp_layers': '没有被用到',
               'mlp_forward': 'mlp_layers'}),
    # Returns the hidden layer's output instead of the output layer's.
    'returns_hidden': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                hidden = self.hidden(x)
                output = self.output(hidden)
                return hidden
        '''), {'mlp_output_shape': '隐藏层的输出',
               'mlp_forward': '应为 (6, 10)'}),
    # Adds a softmax to the output (the loss does that).
    'softmax_output': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                return nd.softmax(self.output(self.hidden(x)))
        '''), {'mlp_forward': 'softmax'}),
    # Turns the hidden layer's bias off.
    'hidden_without_bias': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu',
                                       use_bias=False)
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_layers': '缺少偏置',
               'mlp_forward': 'mlp_layers'}),
    # forward uses a global X (as in the book's demo cell) instead of its
    # argument x: right only for the public tests' batch of 2.
    'uses_global_x': Wrong(_src('''
        X = nd.random.uniform(shape=(2, 20))

        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu')
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(X))
        '''), {'mlp_forward': '全局'}),
    # Copies in_units=784 from chapter 3's Fashion-MNIST MLP.
    'in_units_784': Wrong(_src('''
        class MLP(nn.Block):
            def __init__(self, **kwargs):
                super(MLP, self).__init__(**kwargs)
                self.hidden = nn.Dense(256, activation='relu',
                                       in_units=784)
                self.output = nn.Dense(10)

            def forward(self, x):
                return self.output(self.hidden(x))
        '''), {'mlp_output_shape': '写死了 in_units',
               'mlp_layers': '写死了 in_units',
               'mlp_forward': '写死了 in_units'}),
}

# --------------------------------------------------------------------------
# MyDense (4.4)
# --------------------------------------------------------------------------

RIGHT_MYDENSE = {
    # The book's class.
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
    # Other attribute names in name_scope; ReLU as nd.maximum.
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
    # nd.FullyConnected with the transposed weight.
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
    # self.params.get with initialisers of its own; broadcast_add.
    'params_get_with_init': _src('''
        from mxnet import init

        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get(
                    'weight', shape=(in_units, units),
                    init=init.Normal(0.01))
                self.bias = self.params.get('bias', shape=(units,),
                                            init=init.Zero())

            def forward(self, x):
                z = nd.broadcast_add(nd.dot(x, self.weight.data()),
                                     self.bias.data())
                return nd.relu(z)
        '''),
    # gluon.Parameter objects registered through self.params.update.
    'parameter_via_params_update': _src('''
        from mxnet import gluon

        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = gluon.Parameter(self.prefix + 'weight',
                                              shape=(in_units, units))
                self.bias = gluon.Parameter(self.prefix + 'bias',
                                            shape=(units,))
                self.params.update({p.name: p
                                    for p in [self.weight, self.bias]})

            def forward(self, x):
                linear = nd.dot(x, self.weight.data()) + self.bias.data()
                return nd.relu(linear)
        '''),
}

# A HybridBlock: the parameters arrive as hybrid_forward's arguments.
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
    # No bias parameter.
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
    # A bias parameter that forward never adds.
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
    # Forgets the ReLU.
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
    # Weight created (units, in_units) and transposed in forward.
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
    # The weight named 'w': collect_params('.*weight') misses it.
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
    # Forgets super().__init__(**kwargs).
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
    # Plain NDArrays as attributes: not parameters, collect_params()
    # and initialize() never see them.
    'plain_ndarrays': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = nd.random.normal(shape=(in_units, units))
                self.bias = nd.zeros((units,))

            def forward(self, x):
                return nd.relu(nd.dot(x, self.weight) + self.bias)
        '''), {'mydense_parameters': '不会被注册',
               'mydense_forward': 'self.params.get'}),
    # gluon.Parameter objects assigned to attributes: in MXNet 1.x a
    # Block registers child Blocks, not Parameters.
    'gluon_parameter_attributes': Wrong(_src('''
        from mxnet import gluon

        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = gluon.Parameter('weight',
                                              shape=(in_units, units))
                self.bias = gluon.Parameter('bias', shape=(units,))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data()) + self.bias.data()
                return nd.relu(linear)
        '''), {'mydense_parameters': 'gluon.Parameter',
               'mydense_forward': 'self.params.get'}),
    # Right weight shape, but forward multiplies by its transpose (the
    # public test's square 2 x 2 layer hides it).
    'forward_transposes_weight': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data().T) + self.bias.data()
                return nd.relu(linear)
        '''), {'mydense_forward': '转置'}),
    # ReLU applied before the bias is added.
    'relu_before_bias': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                return nd.relu(nd.dot(x, self.weight.data())) \\
                    + self.bias.data()
        '''), {'mydense_forward': '加上偏置之后'}),
    # Bias of shape (1, units): it broadcasts, but is the wrong shape.
    'bias_row_shape': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(1, units))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data()) + self.bias.data()
                return nd.relu(linear)
        '''), {'mydense_parameters': '偏置的形状应为',
               'mydense_forward': '偏置的形状应为'}),
    # Sigmoid instead of ReLU.
    'sigmoid_activation': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data()) + self.bias.data()
                return nd.sigmoid(linear)
        '''), {'mydense_forward': 'sigmoid'}),
    # Uses the Parameter objects themselves, without .data().
    'forgets_data_call': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight',
                                              shape=(in_units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                return nd.relu(nd.dot(x, self.weight) + self.bias)
        '''), {'mydense_forward': '.data()'}),
    # Uses units for both dimensions of the weight: the public tests'
    # square 2 x 2 layer hides it.
    'square_weight': Wrong(_src('''
        class MyDense(nn.Block):
            def __init__(self, units, in_units, **kwargs):
                super(MyDense, self).__init__(**kwargs)
                self.weight = self.params.get('weight', shape=(units, units))
                self.bias = self.params.get('bias', shape=(units,))

            def forward(self, x):
                linear = nd.dot(x, self.weight.data()) + self.bias.data()
                return nd.relu(linear)
        '''), {'mydense_parameters': '(in_units, units)',
               'mydense_forward': '权重的形状应为'}),
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
