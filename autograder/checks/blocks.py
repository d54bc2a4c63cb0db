"""Judges for chapter 4's Blocks: MLP (4.1) and MyDense (4.4).

The probes of ``autograder.probes.blocks`` instantiate the student's
class, initialise it with ``init.Zero`` (so no draw from MXNet's global
RNG), record its parameters' names and shapes (``collect_params()``),
set them to hidden values from the shared seeded generators and send
the forward outputs; the judges compare them with numpy's.
"""

import numpy as np

from ..probes._common import _shape
from ..probes.blocks import (
    MLP_IN,
    MLP_SHAPES,
    MYDENSE_FORWARD_IN,
    MYDENSE_FORWARD_UNITS,
    MYDENSE_PARAMETER_CASES,
    mlp_assignable,
    mlp_forward_inputs,
    mydense_call,
    mydense_forward_inputs,
    mydense_pick,
    probe_mlp_forward,
    probe_mlp_layers,
    probe_mlp_output_shape,
    probe_mydense_forward,
    probe_mydense_parameters,
)
from ._common import (
    NET_ATOL,
    NET_RTOL,
    CheckFailed,
    _array,
    _checker,
    _close,
    _diagnose,
    _judge,
    _Malformed,
    _params,
    _text,
    _value_summary,
)


def _shapes_text(params):
    if not params:
        return '（没有参数）'
    return '、'.join('{} {}'.format(name, _shape(shape))
                    for name, shape in params)


_MLP_ORDER_HINT = ('两层的顺序反了：forward 应先经过隐藏层、再经过输出层，'
                   '即 self.output(self.hidden(x))。')


@_judge
def judge_mlp_output_shape(steps):
    """MLP() is a Block; initialize() works; (2, 20) maps to (2, 10)."""
    step = steps.next()
    actual, kind = _array(step, 'value'), _text(step, 'kind')
    if actual.shape == (2, 10):
        return
    hint = ''
    if actual.shape == (2, 256):
        shapes = {tuple(shape) for shape in step['shapes']}
        if (10, MLP_IN) in shapes and (256, 10) in shapes:
            hint = _MLP_ORDER_HINT
        elif (10, 256) in shapes:
            hint = ('forward 返回的是隐藏层的输出，输出层的结果没有被返回：'
                    '应返回 self.output(self.hidden(x))。')
        else:
            hint = '输出层应有 10 个单元：nn.Dense(10)。'
    elif actual.ndim == 2 and actual.shape[0] == 2:
        hint = '输出层的单元数应为 10。'
    raise CheckFailed(
        'MLP 的输出形状不对：输入形状为 (2, 20) 时应输出 (2, 10)，但 net(X) '
        '返回了{}。{}'.format(kind, hint))


def _mlp_layers_hint(shapes):
    hidden = [s for s in shapes if len(s) == 2 and s[1] == MLP_IN]
    if not shapes:
        return ('collect_params() 找不到任何参数：层是否在 __init__ 中创建并'
                '赋给了 self 的属性（例如 self.hidden = nn.Dense(256, '
                'activation=\'relu\')）？放进普通 list 的层不会被注册。')
    if any(0 in s for s in shapes):
        return '有的参数形状里含 0：是否有层在 forward 中没有被用到？'
    if (10, MLP_IN) in shapes and (256, 10) in shapes:
        return _MLP_ORDER_HINT
    if hidden and hidden[0][0] != 256:
        return '隐藏层有 {} 个单元，应为 256。'.format(hidden[0][0])
    if (256, 256) in shapes and (10, 256) not in shapes:
        return '输出层有 256 个单元，应为 10：nn.Dense(10)。'
    if len(shapes) < 4 and sum(len(s) == 1 for s in shapes) < 2:
        return '缺少偏置 (bias)：nn.Dense 默认带偏置，不要设 use_bias=False。'
    if len(shapes) < 4:
        return '层数不够：应有一个隐藏层和一个输出层。'
    if len(shapes) > 4:
        return '参数多了：应只有一个隐藏层和一个输出层。'
    return ''


@_judge
def judge_mlp_layers(steps):
    """The parameters are exactly (256, 20), (256,), (10, 256), (10,)."""
    params = _params(steps.next())
    shapes = sorted(shape for _, shape in params)
    expected = sorted(MLP_SHAPES.values())
    if shapes == expected:
        return
    raise CheckFailed(
        'MLP 的层不对：对 (2, 20) 的输入做一次前向计算后，collect_params() '
        '里应恰好有形状为 (256, 20)、(256,)、(10, 256)、(10,) 的两个权重和'
        '两个偏置，实际找到 {} 个参数：{}。{}'.format(
            len(params), _shapes_text(params), _mlp_layers_hint(shapes)))


def _relu(z):
    return np.maximum(z, 0)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@_judge
def judge_mlp_forward(steps):
    """net(X) = relu(X W1^T + b1) W2^T + b2 from its own parameters."""
    _, values, x = mlp_forward_inputs()
    params = _params(steps.next())
    if not mlp_assignable(params):
        raise CheckFailed(
            'MLP 的前向计算 (forward) 无法检查：找不到形状分别为 (256, 20)、'
            '(256,)、(10, 256)、(10,) 的四个参数，实际有：{}。请先让层的'
            '检查 (mlp_layers) 通过。'.format(_shapes_text(params)))
    step = steps.next()
    actual, kind = _array(step, 'value'), _text(step, 'kind')
    if not isinstance(step['replaced'], bool):
        raise _Malformed('replaced')
    W1, b1 = values['hidden_weight'], values['hidden_bias']
    W2, b2 = values['output_weight'], values['output_bias']
    pre = x @ W1.T + b1
    expected = _relu(pre) @ W2.T + b2
    if _close(actual, expected, NET_RTOL, NET_ATOL):
        return
    if step['replaced']:
        raise CheckFailed(
            'MLP 的前向计算 (forward) 不对：调用 net(X) 后，它的参数被换成了'
            '别的对象或别的值。是否在 forward 里重新创建了层（例如 '
            'self.hidden = nn.Dense(...)）或重新初始化了参数？层应只在 '
            '__init__ 中创建一次，否则每次前向计算都用新的随机权重，'
            '训练学不到东西。')
    if actual.shape != expected.shape:
        hint = ''
        if actual.ndim == 2 and actual.shape[0] != x.shape[0]:
            hint = ('输出的行数与输入的批量大小不同：forward 是否没有用传入的'
                    ' x，而用了别的变量（例如全局的 X）？')
        raise CheckFailed(
            'MLP 的前向计算 (forward) 不对：输入形状为 (6, 20) 时返回了{}，'
            '应为 (6, 10)。{}'.format(kind, hint))
    hint = _diagnose(actual, [
        (pre @ W2.T + b2, '是否漏了隐藏层的 ReLU 激活函数 (activation)？例如 '
                          'nn.Dense(256, activation=\'relu\')。'),
        (_sigmoid(pre) @ W2.T + b2, '隐藏层的激活函数应是 ReLU，而不是 '
                                    'sigmoid。'),
        (np.tanh(pre) @ W2.T + b2, '隐藏层的激活函数应是 ReLU，而不是 tanh。'),
        (_relu(expected), '输出层不应有激活函数：nn.Dense(10) 不加 '
                          'activation。'),
        (_relu(pre @ W2.T + b2), '激活函数加在了输出层上：ReLU 应在隐藏层，'
                                 '输出层不加激活函数。'),
        (_softmax(expected), '输出层之后不应加 softmax：MLP 输出未归一化的'
                             '分数，softmax 由损失函数（如 '
                             'SoftmaxCrossEntropyLoss）完成。'),
    ], NET_RTOL, NET_ATOL)
    raise CheckFailed(
        'MLP 的前向计算 (forward) 不对：用它自己的参数（设为隐藏的随机值）'
        '计算 output(hidden(X)) 时，{}。{}'.format(
            _value_summary(actual, expected, NET_RTOL, NET_ATOL), hint))


def _mydense_find(items, suffix, shape):
    named = [(n, s) for n, s in items if n.endswith(suffix)]
    right = [(n, s) for n, s in named if s == shape]
    return named, right


@_judge
def judge_mydense_parameters(steps):
    """weight (in_units, units) and bias (units,), named *weight / *bias."""
    for units, in_units in MYDENSE_PARAMETER_CASES:
        what = mydense_call(units, in_units)
        items = _params(steps.next())
        w_shape, b_shape = (in_units, units), (units,)
        found = '{} 的参数有：{}。'.format(what, _shapes_text(items))
        if not items:
            raise CheckFailed(
                'MyDense 的参数 (parameters)：collect_params() 找不到任何参'
                '数。请用 self.params.get(\'weight\', shape=(in_units, units))'
                ' 和 self.params.get(\'bias\', shape=(units,)) 创建参数；'
                '普通的 NDArray 属性、直接赋给属性的 gluon.Parameter 都不会'
                '被注册。')
        named, right = _mydense_find(items, 'weight', w_shape)
        if len(right) != 1:
            if any(s == (units, in_units) for _, s in named):
                hint = ('权重的形状写反了（转置 (transpose)）：应为 '
                        '(in_units, units) = {}，这样才能计算 nd.dot(x, '
                        'weight)。'.format(_shape(w_shape)))
            elif any(s == w_shape for _, s in items):
                name = [n for n, s in items if s == w_shape][0]
                hint = ('形状为 {} 的参数名为 \'{}\'，不以 weight 结尾，'
                        'collect_params(\'.*weight\') 找不到它：请用 '
                        'self.params.get(\'weight\', ...) 创建。'.format(
                            _shape(w_shape), name))
            else:
                hint = ('应有一个名字以 weight 结尾、形状为 (in_units, units)'
                        ' = {} 的参数。'.format(_shape(w_shape)))
            raise CheckFailed('MyDense 的权重 (weight) 不对：' + found + hint)
        named, right = _mydense_find(items, 'bias', b_shape)
        if len(right) != 1:
            if named:
                hint = '偏置的形状应为 (units,) = {}。'.format(_shape(b_shape))
            elif any(s == b_shape for _, s in items):
                name = [n for n, s in items if s == b_shape][0]
                hint = ('形状为 {} 的参数名为 \'{}\'，不以 bias 结尾：请用 '
                        'self.params.get(\'bias\', ...) 创建。'.format(
                            _shape(b_shape), name))
            else:
                hint = ('缺少偏置：请用 self.params.get(\'bias\', '
                        'shape=(units,)) 创建形状为 {} 的偏置。'.format(
                            _shape(b_shape)))
            raise CheckFailed('MyDense 的偏置 (bias) 不对：' + found + hint)
        if len(items) != 2:
            raise CheckFailed(
                'MyDense 的参数 (parameters)：应只有 weight 和 bias 两个参数，'
                + found)


@_judge
def judge_mydense_forward(steps):
    """layer(x) = relu(x . weight + bias) from its own parameters."""
    W, b, x = mydense_forward_inputs()
    units, in_units = MYDENSE_FORWARD_UNITS, MYDENSE_FORWARD_IN
    what = mydense_call(units, in_units)
    items = _params(steps.next())
    weight = mydense_pick(items, (in_units, units), 'weight')
    bias = mydense_pick(items, (units,), 'bias')
    if weight is None or bias is None:
        named = {suffix: [s for n, s in items if n.endswith(suffix)]
                 for suffix in ['weight', 'bias']}
        if weight is None and bias is None:
            hint = ('是否用 self.params.get(\'weight\', shape=(in_units, '
                    'units)) 和 self.params.get(\'bias\', shape=(units,)) '
                    '创建了参数？')
        elif weight is None and (units, in_units) in named['weight']:
            hint = '是否把权重的形状写反了（应为 (in_units, units)）？'
        elif weight is None:
            hint = '权重的形状应为 (in_units, units) = {}。'.format(
                _shape((in_units, units)))
        elif named['bias']:
            hint = '偏置的形状应为 (units,) = {}。'.format(_shape((units,)))
        else:
            hint = '是否缺少偏置 (bias)？'
        raise CheckFailed(
            'MyDense 的前向计算 (forward) 无法检查：{} 应有形状为 {} 的权重'
            '和形状为 {} 的偏置，实际参数有：{}。{}'.format(
                what, _shape((in_units, units)), _shape((units,)),
                _shapes_text(items), hint))
    step = steps.next()
    actual, kind = _array(step, 'value'), _text(step, 'kind')
    expected = _relu(x @ W + b)
    if _close(actual, expected):
        return
    if actual.shape != expected.shape:
        raise CheckFailed(
            'MyDense 的前向计算 (forward) 不对：{} 对形状为 (9, {}) 的输入返回'
            '了{}，应为 (9, {})。'.format(what, in_units, kind, units))
    hint = _diagnose(actual, [
        (x @ W + b, '是否漏了 ReLU（nd.relu）？'),
        (_relu(x @ W), '是否漏了偏置：+ self.bias.data()？'),
        (x @ W, '是否既漏了偏置也漏了 ReLU？'),
        (_relu(x @ W - b), '偏置应加上而不是减去。'),
        (_relu(x @ W) + b, 'ReLU 应在加上偏置之后：relu(x · weight + '
                           'bias)，而不是 relu(x · weight) + bias。'),
        (_sigmoid(x @ W + b), '激活函数应是 ReLU（nd.relu），而不是 '
                              'sigmoid。'),
    ])
    raise CheckFailed(
        'MyDense 的前向计算 (forward) 不对：把它自己的 weight 和 bias 设为'
        '隐藏的随机值后，layer(x) 应等于 relu(x · weight + bias)，实际'
        '{}。{}'.format(_value_summary(actual, expected), hint))


check_mlp_output_shape = _checker(
    probe_mlp_output_shape, judge_mlp_output_shape)
check_mlp_layers = _checker(probe_mlp_layers, judge_mlp_layers)
check_mlp_forward = _checker(probe_mlp_forward, judge_mlp_forward)
check_mydense_parameters = _checker(
    probe_mydense_parameters, judge_mydense_parameters)
check_mydense_forward = _checker(
    probe_mydense_forward, judge_mydense_forward)
