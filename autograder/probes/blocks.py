"""Probes for chapter 4's Blocks: MLP (4.1) and MyDense (4.4).

A probe instantiates the student's class, initialises it with
``init.Zero`` (so no draw from MXNet's global RNG), records its
parameters' names and shapes (found through ``collect_params()``), sets
them to the hidden values of its ``*_inputs`` generator (shared with the
judges in ``autograder.checks.blocks``) and yields the forward outputs.
Which parameter receives which value follows the public specification
(the shapes and names the exercise asks for), never a right answer.
"""


import numpy as np

from ._common import (
    ProbeFailed,
    _call,
    _CallFailed,
    _f32,
    _numpy,
    _probe,
    _raised,
    _result,
)
from ._mx import init, nd, nn


def _require_block_class(cls, name):
    if not (isinstance(cls, type) and issubclass(cls, nn.Block)):
        raise ProbeFailed(
            '{} 应是 nn.Block 的子类 (subclass)，例如 class {}(nn.Block): '
            '...，但得到的是 {}。'.format(name, name, _type_name(cls)))


def _type_name(obj):
    if isinstance(obj, type):
        return '类 {}'.format(obj.__name__)
    return '一个 {} 类型的对象'.format(type(obj).__name__)


def _initialize(block, what):
    # Zero init draws nothing from MXNet's global RNG; values are set later.
    _call(what + '.initialize()', block.initialize, init.Zero())


def _param_items(block, what):
    try:
        return list(block.collect_params().items())
    except Exception as exc:
        raise _CallFailed(
            _raised(what + '.collect_params()', exc)) from None


def _params_data(items):
    """[name, shape] of each parameter, shape a list of ints."""
    return [[str(name), [int(n) for n in tuple(param.shape)]]
            for name, param in items]


def _set(param, value, what):
    _call(what, param.set_data, nd.array(value))


# --------------------------------------------------------------------------
# MLP (4.1)
# --------------------------------------------------------------------------

MLP_IN = 20
MLP_SHAPES = {
    'hidden_weight': (256, MLP_IN), 'hidden_bias': (256,),
    'output_weight': (10, 256), 'output_bias': (10,),
}


def mlp_output_shape_inputs():
    """X of shape (2, 20)."""
    rng = np.random.RandomState(5101)
    return _f32(rng.normal(0, 1, size=(2, MLP_IN)))


def mlp_layers_inputs():
    """X of shape (2, 20)."""
    rng = np.random.RandomState(5102)
    return _f32(rng.normal(0, 1, size=(2, MLP_IN)))


def mlp_forward_inputs():
    """X0 (2, 20) for the first pass, parameter values, x (6, 20)."""
    rng = np.random.RandomState(5103)
    X0 = _f32(rng.normal(0, 1, size=(2, MLP_IN)))
    values = {
        'hidden_weight': _f32(rng.normal(0, 0.3, size=(256, MLP_IN))),
        'hidden_bias': _f32(rng.normal(0, 0.5, size=(256,))),
        'output_weight': _f32(rng.normal(0, 0.1, size=(10, 256))),
        'output_bias': _f32(rng.normal(0, 0.5, size=(10,))),
    }
    x = _f32(rng.normal(0, 1, size=(6, MLP_IN)))
    return X0, values, x


def mlp_assignable(params):
    """Whether the parameters are exactly one of each MLP_SHAPES."""
    shapes = [tuple(shape) for _, shape in params]
    return len(shapes) == 4 and all(
        shapes.count(shape) == 1 for shape in MLP_SHAPES.values())


def _mlp_forward_once(MLP, X):
    """A new, initialised net and its output on X."""
    _require_block_class(MLP, 'MLP')
    net = _call('MLP()', MLP)
    _initialize(net, 'net')
    return net, _call('net(X)', net, nd.array(X))


def _shapes_or_empty(net):
    try:
        return [[int(n) for n in tuple(p.shape)]
                for p in net.collect_params().values()]
    except Exception:
        return []


@_probe('MLP 的输出形状')
def probe_mlp_output_shape(MLP):
    """net(X) and the shapes of net's parameters."""
    net, value = _mlp_forward_once(MLP, mlp_output_shape_inputs())
    step = _result(value, 'net(X)')
    step['shapes'] = _shapes_or_empty(net)
    yield step


@_probe('MLP 的层')
def probe_mlp_layers(MLP):
    """net's parameters after one forward pass."""
    net, value = _mlp_forward_once(MLP, mlp_layers_inputs())
    _numpy(value, 'net(X)')
    yield {'params': _params_data(_param_items(net, 'net'))}


def _replaced(net, items, values):
    """Whether net's parameters are other objects or values than set."""
    try:
        after = [p for _, p in net.collect_params().items()]
        before = [p for _, p in items]
        if len(after) != len(before) or any(
                a is not b for a, b in zip(after, before)):
            return True
        return any(not np.array_equal(p.data().asnumpy(), value)
                   for p, value in values)
    except Exception:
        return True


@_probe('MLP 的前向计算')
def probe_mlp_forward(MLP):
    """net's parameters; net(x) with them set to the hidden values."""
    X0, values, x = mlp_forward_inputs()
    net, value = _mlp_forward_once(MLP, X0)
    _numpy(value, 'net(X)')
    items = _param_items(net, 'net')
    params = _params_data(items)
    yield {'params': params}
    if not mlp_assignable(params):
        return  # the judge says why it cannot check
    by_shape = {tuple(shape): param
                for (_, shape), (_, param) in zip(params, items)}
    for key, shape in MLP_SHAPES.items():
        _set(by_shape[shape], values[key], 'param.set_data')
    set_values = [(by_shape[shape], values[key].astype(np.float32))
                  for key, shape in MLP_SHAPES.items()]
    step = _result(_call('net(X)', net, nd.array(x)), 'net(X)')
    step['replaced'] = _replaced(net, items, set_values)
    yield step


# --------------------------------------------------------------------------
# MyDense (4.4)
# --------------------------------------------------------------------------

# (units, in_units) of each layer mydense_parameters builds.
MYDENSE_PARAMETER_CASES = [(3, 5), (4, 2)]
MYDENSE_FORWARD_UNITS, MYDENSE_FORWARD_IN = 4, 6


def mydense_forward_inputs():
    """weight (6, 4), bias (4,) and x (9, 6)."""
    rng = np.random.RandomState(6102)
    units, in_units = MYDENSE_FORWARD_UNITS, MYDENSE_FORWARD_IN
    W = _f32(rng.normal(0, 0.6, size=(in_units, units)))
    b = _f32(rng.uniform(0.5, 1.5, size=units) * np.array([1, -1, 1, -1]))
    x = _f32(rng.normal(0, 1, size=(9, in_units)))
    return W, b, x


def mydense_call(units, in_units):
    return 'MyDense(units={}, in_units={})'.format(units, in_units)


def mydense_pick(params, shape, suffix):
    """Index of the parameter to use as weight or bias, or None.

    The first parameter of the shape whose name ends with suffix, else the
    first of the shape.
    """
    shape = tuple(shape)
    matches = [i for i, (_, s) in enumerate(params) if tuple(s) == shape]
    named = [i for i in matches if params[i][0].endswith(suffix)]
    return (named or matches or [None])[0]


def _new_mydense(MyDense, units, in_units):
    _require_block_class(MyDense, 'MyDense')
    what = mydense_call(units, in_units)
    return _call(what, MyDense, units=units, in_units=in_units), what


def _probe_forward(layer, in_units, what):
    """Run a forward pass only to surface a NotImplementedError stub."""
    try:
        layer.initialize(init.Zero())
        layer(nd.zeros((2, in_units)))
    except NotImplementedError as exc:
        raise _CallFailed(_raised(what, exc)) from None
    except Exception:
        pass


@_probe('MyDense 的参数')
def probe_mydense_parameters(MyDense):
    """The parameters of each layer of MYDENSE_PARAMETER_CASES."""
    for units, in_units in MYDENSE_PARAMETER_CASES:
        layer, what = _new_mydense(MyDense, units, in_units)
        items = _param_items(layer, 'layer')
        params = _params_data(items)
        if not items:
            _probe_forward(layer, in_units, what)
        yield {'params': params}


@_probe('MyDense 的前向计算')
def probe_mydense_forward(MyDense):
    """The layer's parameters; layer(x) with them set to hidden values."""
    W, b, x = mydense_forward_inputs()
    units, in_units = MYDENSE_FORWARD_UNITS, MYDENSE_FORWARD_IN
    layer, what = _new_mydense(MyDense, units, in_units)
    _initialize(layer, 'layer')
    items = _param_items(layer, 'layer')
    params = _params_data(items)
    weight = mydense_pick(params, (in_units, units), 'weight')
    bias = mydense_pick(params, (units,), 'bias')
    if weight is None or bias is None:
        _probe_forward(layer, in_units, what)
        yield {'params': params}
        return  # the judge says why it cannot check
    yield {'params': params}
    _set(items[weight][1], W, 'weight.set_data')
    _set(items[bias][1], b, 'bias.set_data')
    yield _result(_call('layer(x)', layer, nd.array(x)), 'layer(x)')
