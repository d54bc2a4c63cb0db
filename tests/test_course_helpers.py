"""Tests for course's testing, training, environment and plot helpers."""

import io
import random
import re
import subprocess
import sys

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import loss as gloss
from mxnet.gluon import nn

import course
from course import data, env, plot
from course.data import ArrayBatches

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    matplotlib.pyplot.close("all")


# assert_close / assert_shape ------------------------------------------

def message_of(func, *args, **kwargs):
    with pytest.raises(AssertionError) as info:
        func(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_assert_close_passes():
    course.assert_close(nd.array([1, 2]), [1, 2.000001], "w")
    course.assert_close(np.float32(3), 3, "b")
    course.assert_close([[1, 2]], nd.array([[1, 2]]), "X")
    course.assert_close(nd.array([True, False]) == 1, [1, 0], "mask")


def test_assert_close_shape_message():
    message = message_of(course.assert_close, nd.ones((2, 3)),
                         np.ones((3, 2)), "softmax(X)", hint="按行求和。")
    assert message == ("softmax(X)的形状 (shape) 应为 (3, 2)，"
                       "实际得到 (2, 3)。提示：按行求和。")


def test_assert_close_value_message_shows_both_values():
    message = message_of(course.assert_close, nd.array([1, 2]),
                         [1.0, 2.5], "y_hat", hint="提示：先 reshape。")
    assert message.startswith("y_hat的值 (values) 不对")
    assert "[1, 2.5]" in message and "[1, 2]" in message
    assert message.endswith("提示：先 reshape。")
    assert message.count("提示") == 1


def test_assert_close_caps_big_arrays():
    big = np.arange(10000.0).reshape(100, 100)
    wrong = big.copy()
    wrong[50, 60] = -1
    message = message_of(course.assert_close, wrong, big, "corr2d(X, K)")
    assert len(message) < 400
    assert "(50, 60)" in message and "5060" in message


def test_assert_close_none():
    message = message_of(course.assert_close, None, [1], "linreg(X, w, b)")
    assert message == "linreg(X, w, b)返回了 None：是否忘了 return？"
    message = message_of(course.assert_shape, None, (1,), "relu(X)",
                         hint="用 nd.maximum。")
    assert message.startswith("relu(X)返回了 None")
    assert message.endswith("提示：用 nd.maximum。")


def test_assert_close_rejects_non_arrays():
    message = message_of(course.assert_close, "abc", [1, 2], "f(x)")
    assert "f(x)" in message and "str" in message


def test_assert_close_nan_is_a_failure():
    message = message_of(course.assert_close, [np.nan], [1.0], "loss")
    assert "nan" in message


def test_assert_shape():
    course.assert_shape(nd.ones((2, 1)), (2, 1), "y_hat")
    course.assert_shape(np.ones(3), [3], "b")
    message = message_of(course.assert_shape, nd.ones((4,)), (4, 1),
                         "squared_loss(y_hat, y)")
    assert message == ("squared_loss(y_hat, y)的形状 (shape) 应为 (4, 1)，"
                       "实际得到 (4,)。")


# train_ch3 --------------------------------------------------------------

def blobs(n=90, seed=0):
    """Three separable 2-D Gaussian blobs, labels float32 as the data."""
    rng = np.random.RandomState(seed)
    centers = np.array([[0, 3], [3, -2], [-3, -2]], dtype=np.float32)
    labels = np.arange(n) % 3
    points = centers[labels] + rng.normal(scale=0.5, size=(n, 2))
    return (nd.array(points, dtype="float32"),
            nd.array(labels, dtype="float32"))


EPOCH_LINE = re.compile(
    r"^epoch \d+, loss \d+\.\d{4}, train acc \d\.\d{3}, test acc \d\.\d{3}$")


def test_train_ch3_with_params_updates_in_place(capsys):
    course.seed_everything(0)
    X, y = blobs()
    train_iter = ArrayBatches(X, y, 10, shuffle=True)
    test_iter = ArrayBatches(X, y, 30)
    W = nd.random.normal(scale=0.01, shape=(2, 3))
    b = nd.zeros(3)
    W.attach_grad()
    b.attach_grad()
    W_before = W.copy()
    params = [W, b]

    def net(X):
        return nd.dot(X, W) + b

    history = course.train_ch3(net, train_iter, test_iter,
                               gloss.SoftmaxCrossEntropyLoss(), 4, 10,
                               params, 0.3)
    assert params[0] is W and params[1] is b
    assert not np.allclose(W.asnumpy(), W_before.asnumpy())
    assert [h["epoch"] for h in history] == [1, 2, 3, 4]
    assert set(history[0]) == {"epoch", "loss", "train_acc", "test_acc"}
    assert all(isinstance(v, float) for h in history
               for k, v in h.items() if k != "epoch")
    assert history[-1]["loss"] < history[0]["loss"]
    assert history[-1]["test_acc"] > 0.9
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert all(EPOCH_LINE.match(line) for line in lines)
    last = history[-1]
    assert lines[-1] == ("epoch 4, loss %.4f, train acc %.3f, test acc %.3f"
                         % (last["loss"], last["train_acc"],
                            last["test_acc"]))


def test_train_ch3_one_step_is_minibatch_sgd(capsys):
    X, y = blobs(n=6)
    W = nd.array(np.arange(6.0).reshape(2, 3) / 10)
    b = nd.array([0.1, -0.2, 0.3])
    loss = gloss.SoftmaxCrossEntropyLoss()

    def net(X):
        return nd.dot(X, W) + b

    W_copy, b_copy = W.copy(), b.copy()
    W_copy.attach_grad()
    b_copy.attach_grad()
    with autograd.record():
        total = loss(nd.dot(X, W_copy) + b_copy, y).sum()
    total.backward()
    lr, batch_size = 0.5, 4  # deliberately not the batch's length
    W_expected = W_copy - lr * W_copy.grad / batch_size
    b_expected = b_copy - lr * b_copy.grad / batch_size

    W.attach_grad()
    b.attach_grad()
    W_id = id(W)
    course.train_ch3(net, ArrayBatches(X, y, 6), ArrayBatches(X, y, 6),
                     loss, 1, batch_size, [W, b], lr)
    assert id(W) == W_id
    np.testing.assert_allclose(W.asnumpy(), W_expected.asnumpy(),
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(b.asnumpy(), b_expected.asnumpy(),
                               rtol=1e-5, atol=1e-6)


class RecordingTrainer:
    def __init__(self, trainer):
        self.trainer = trainer
        self.steps = []

    def step(self, batch_size):
        self.steps.append(batch_size)
        self.trainer.step(batch_size)


def test_train_ch3_with_trainer(capsys):
    course.seed_everything(0)
    X, y = blobs()
    train_iter = ArrayBatches(X, y, 20, shuffle=True)
    net = nn.Sequential()
    net.add(nn.Dense(3))
    net.initialize(init.Normal(sigma=0.01))
    trainer = RecordingTrainer(gluon.Trainer(
        net.collect_params(), "sgd", {"learning_rate": 0.3}))
    history = course.train_ch3(net, train_iter, ArrayBatches(X, y, 50),
                               gloss.SoftmaxCrossEntropyLoss(), 3, 20,
                               trainer=trainer)
    assert trainer.steps == [20] * (3 * len(train_iter))
    assert history[-1]["loss"] < history[0]["loss"]
    assert history[-1]["train_acc"] > 0.9


def test_train_ch3_needs_params_and_lr_or_trainer():
    X, y = blobs(n=6)
    with pytest.raises(ValueError, match="trainer"):
        course.train_ch3(lambda X: X, ArrayBatches(X, y, 3),
                         ArrayBatches(X, y, 3), gloss.L2Loss(), 1, 3)


def test_evaluate_accuracy_stays_private():
    assert not hasattr(course, "evaluate_accuracy")
    assert "_evaluate_accuracy" not in course.train.__all__


# labels, seeds, environment -------------------------------------------

def test_get_fashion_mnist_labels():
    expected = ["t-shirt", "trouser", "pullover", "dress", "coat",
                "sandal", "shirt", "sneaker", "bag", "ankle boot"]
    assert course.get_fashion_mnist_labels(range(10)) == expected
    assert course.get_fashion_mnist_labels(np.array([9, 0])) == [
        "ankle boot", "t-shirt"]
    assert course.get_fashion_mnist_labels(nd.array([2, 8])) == [
        "pullover", "bag"]
    mixed = [nd.array([3]), np.int64(5), 7, np.float32(1)]
    assert course.get_fashion_mnist_labels(mixed) == [
        "dress", "sandal", "sneaker", "trouser"]
    with pytest.raises(ValueError):
        course.get_fashion_mnist_labels([10])


def draw_all():
    return (nd.random.normal(shape=(4,)).asnumpy(), np.random.rand(3),
            random.random())


def test_seed_everything():
    course.seed_everything(1)
    first = draw_all()
    course.seed_everything(1)
    again = draw_all()
    course.seed_everything(2)
    other = draw_all()
    for a, b, c in zip(first, again, other):
        np.testing.assert_array_equal(a, b)
        assert not np.array_equal(a, c)


@pytest.fixture
def no_data(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DEBIAN_DIR", str(tmp_path / "debian"))
    monkeypatch.setenv("MXNET_HOME", str(tmp_path / "mxnet-home"))
    monkeypatch.delenv(data.ENV_VAR, raising=False)
    return tmp_path


def test_check_environment_without_data(no_data, capsys):
    found = course.check_environment()
    out = capsys.readouterr().out
    assert found["fashion_mnist"] is None
    assert found["mxnet"].startswith("1.9.")
    assert found["numpy"] == np.__version__
    assert "apt-get install dataset-fashion-mnist" in out
    assert "警告 (warning)" in out
    assert "MXNet 版本 (version)" in out


def test_check_environment_with_data(no_data, monkeypatch, capsys):
    folder = no_data / "fm"
    folder.mkdir()
    for name in data.FILES.values():
        (folder / (name + ".gz")).write_bytes(b"")  # located, not read
    monkeypatch.setenv(data.ENV_VAR, str(folder))
    found = course.check_environment()
    out = capsys.readouterr().out
    assert found["fashion_mnist"] == str(folder)
    assert str(folder) in out
    assert found["warnings"] == []
    assert "环境检查通过" in out


def test_check_environment_warns_about_new_numpy(no_data, monkeypatch,
                                                 capsys):
    monkeypatch.setattr(env.np, "__version__", "1.26.4")
    found = course.check_environment()
    out = capsys.readouterr().out
    assert "NumPy 1.26.4 太新" in out
    assert any("1.24" in w for w in found["warnings"])


@pytest.mark.parametrize("version, error, expected", [
    ("2.0.0", None, "MXNet 版本是 2.0.0"),
    ("1.9.1", "AttributeError: module 'numpy' has no attribute 'bool'",
     "无法导入 (import) MXNet"),
    (None, "ModuleNotFoundError: No module named 'mxnet'", "没有安装 MXNet"),
])
def test_check_environment_warns_about_mxnet(no_data, monkeypatch, capsys,
                                             version, error, expected):
    monkeypatch.setattr(env, "_mxnet_version", lambda: (version, error))
    found = course.check_environment()
    out = capsys.readouterr().out
    assert expected in out and "make test" in out
    assert found["mxnet"] == version


# plots ----------------------------------------------------------------

def svg_bytes(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", **plot.PRINT_FIGURE_KWARGS)
    return buffer.getvalue()


def draw_semilogy():
    return course.semilogy(range(1, 4), [1, 10, 100], "epochs", "loss",
                           range(1, 4), [2, 20, 200], ["train", "test"])


def test_semilogy_returns_figure():
    fig = draw_semilogy()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert len(ax.lines) == 2 and ax.lines[1].get_linestyle() == ":"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "train", "test"]
    assert tuple(fig.get_size_inches()) == (3.5, 2.5)
    single = course.semilogy(np.arange(3), np.ones(3), "x", "y")
    assert len(single.axes[0].lines) == 1


@pytest.mark.parametrize("images", [
    nd.zeros((3, 1, 28, 28)), np.zeros((3, 28, 28)),
    np.zeros((3, 28, 28, 1), dtype=np.uint8)])
def test_show_fashion_mnist_returns_figure(images):
    labels = course.get_fashion_mnist_labels([0, 1, 9])
    fig = course.show_fashion_mnist(images, labels)
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == labels
    assert not any(ax.get_xaxis().get_visible() for ax in fig.axes)


def test_show_one_image():
    fig = course.show_fashion_mnist(nd.zeros((1, 28, 28)), ["bag"])
    assert [ax.get_title() for ax in fig.axes] == ["bag"]


def test_svg_is_reproducible_in_process():
    course.use_svg_display()
    assert matplotlib.rcParams["svg.hashsalt"] == plot.SVG_HASHSALT
    first = svg_bytes(draw_semilogy())
    second = svg_bytes(draw_semilogy())
    assert first == second
    assert b"<dc:date>" not in first


INLINE_SCRIPT = """
import sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
import matplotlib
matplotlib.use("module://matplotlib_inline.backend_inline")
import course
course.use_svg_display()
figures = [course.semilogy([1, 2, 3], [1, 10, 100], "x", "y",
                           [1, 2, 3], [2, 20, 200], ["a", "b"]),
           course.show_fashion_mnist([[[0, 255], [128, 7]]], ["bag"])]
for fig in figures:
    formats, _ = shell.display_formatter.format(fig)
    assert "image/png" not in formats, sorted(formats)
    sys.stdout.write(formats["image/svg+xml"])
"""


def test_svg_is_reproducible_across_notebook_runs():
    """Two kernels render the same SVG: what nbval compares."""
    runs = [subprocess.Popen([sys.executable, "-c", INLINE_SCRIPT],
                             stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        outputs.append(out)
    assert outputs[0] == outputs[1]
    assert "<svg" in outputs[0] and "<dc:date>" not in outputs[0]
