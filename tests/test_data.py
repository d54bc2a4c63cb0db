"""Tests for course.data: IDX files, finding Fashion-MNIST, batches."""

import gzip
import os
import struct

import numpy as np
import pytest

from course import data
from course.data import (
    ArrayBatches,
    DataNotFoundError,
    load_data_fashion_mnist,
    load_fashion_mnist,
    read_idx,
)

REAL_DIR = "/usr/share/datasets/fashion-mnist"


def idx_bytes(array, code=0x08):
    array = np.asarray(array, dtype=np.uint8)
    header = bytes([0, 0, code, array.ndim])
    header += struct.pack(">" + "I" * array.ndim, *array.shape)
    return header + array.tobytes()


def write_idx(path, array, gz=None):
    path = str(path)
    raw = idx_bytes(array)
    if gz is None:
        gz = path.endswith(".gz")
    if gz:
        with gzip.open(path, "wb") as f:
            f.write(raw)
    else:
        with open(path, "wb") as f:
            f.write(raw)
    return path


def fake_images(n, marker=0):
    """Image i has pixel [0, 0] = i, [0, 1] = marker, [27, 27] = 255."""
    images = np.full((n, 28, 28), 7, dtype=np.uint8)
    images[:, 0, 0] = np.arange(n)
    images[:, 0, 1] = marker
    images[:, 27, 27] = 255
    return images


def fake_labels(n):
    return (np.arange(n) % 10).astype(np.uint8)


def make_dataset(folder, n_train=5, n_test=3, marker=0, gz=True,
                 skip=()):
    os.makedirs(folder, exist_ok=True)
    suffix = ".gz" if gz else ""
    parts = {
        "train-images-idx3-ubyte": fake_images(n_train, marker),
        "train-labels-idx1-ubyte": fake_labels(n_train),
        "t10k-images-idx3-ubyte": fake_images(n_test, marker),
        "t10k-labels-idx1-ubyte": fake_labels(n_test),
    }
    for name, array in parts.items():
        if name not in skip:
            write_idx(os.path.join(folder, name + suffix), array)
    return str(folder)


def marker_of(root=None):
    (X_train, _), _ = load_fashion_mnist(root)
    return int(X_train[0, 0, 1])


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """No real data anywhere; a download is a test failure."""
    monkeypatch.setattr(data, "DEBIAN_DIR", str(tmp_path / "debian"))
    monkeypatch.setenv("MXNET_HOME", str(tmp_path / "mxnet-home"))
    monkeypatch.delenv(data.ENV_VAR, raising=False)

    def no_download(folder):
        pytest.fail(f"unexpected download into {folder}")

    monkeypatch.setattr(data, "_download_fashion_mnist", no_download)
    return tmp_path


# read_idx ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["x-idx3-ubyte", "x-idx3-ubyte.gz"])
def test_read_idx_raw_and_gzip(tmp_path, name):
    images = fake_images(5)
    path = write_idx(tmp_path / name, images)
    got = read_idx(path)
    assert got.shape == (5, 28, 28)
    assert got.dtype == np.uint8
    np.testing.assert_array_equal(got, images)


def test_read_idx_labels_1d(tmp_path):
    path = write_idx(tmp_path / "l-idx1-ubyte", [3, 1, 4, 1, 5])
    got = read_idx(path)
    assert got.shape == (5,)
    assert got.tolist() == [3, 1, 4, 1, 5]


def test_read_idx_gz_name_but_raw_content_is_an_error(tmp_path):
    path = write_idx(tmp_path / "x.gz", [1, 2], gz=False)
    with pytest.raises(ValueError, match="gzip"):
        read_idx(path)


def test_read_idx_bad_magic(tmp_path):
    path = tmp_path / "bad"
    path.write_bytes(b"\x01\x02\x08\x01" + struct.pack(">I", 2) + b"ab")
    with pytest.raises(ValueError, match="magic"):
        read_idx(path)


def test_read_idx_wrong_dtype_code(tmp_path):
    path = tmp_path / "float"
    path.write_bytes(idx_bytes([1, 2], code=0x0D))
    with pytest.raises(ValueError, match="dtype code 0x0d"):
        read_idx(path)


def test_read_idx_truncated_payload(tmp_path):
    path = tmp_path / "short"
    path.write_bytes(idx_bytes(fake_images(2))[:-10])
    with pytest.raises(ValueError, match="truncated"):
        read_idx(path)


def test_read_idx_truncated_header(tmp_path):
    path = tmp_path / "header"
    path.write_bytes(b"\x00\x00\x08\x03" + struct.pack(">I", 2))
    with pytest.raises(ValueError, match="truncated"):
        read_idx(path)


def test_read_idx_truncated_gzip(tmp_path):
    good = write_idx(tmp_path / "good.gz", fake_images(3))
    with open(good, "rb") as f:
        blob = f.read()
    path = tmp_path / "cut.gz"
    path.write_bytes(blob[: len(blob) // 2])
    with pytest.raises(ValueError, match="cut.gz"):
        read_idx(path)


# finding the data -------------------------------------------------------

def test_search_order(isolated, monkeypatch):
    tmp = isolated
    root = make_dataset(tmp / "root", marker=1)
    env = make_dataset(tmp / "env", marker=2, gz=False)
    make_dataset(tmp / "debian", marker=3)
    make_dataset(tmp / "mxnet-home" / "datasets" / "fashion-mnist",
                 marker=4)
    monkeypatch.setenv(data.ENV_VAR, env)
    assert marker_of(root) == 1
    assert marker_of() == 2
    monkeypatch.delenv(data.ENV_VAR)
    assert marker_of() == 3
    monkeypatch.setattr(data, "DEBIAN_DIR", str(tmp / "missing"))
    assert marker_of() == 4


def test_incomplete_folder_is_skipped(isolated):
    tmp = isolated
    partial = make_dataset(tmp / "partial", marker=1,
                           skip=("t10k-labels-idx1-ubyte",))
    make_dataset(tmp / "debian", marker=3)
    assert marker_of(partial) == 3


def test_mixed_plain_and_gz_files(isolated):
    folder = make_dataset(isolated / "mixed", marker=5, gz=True,
                          skip=("train-images-idx3-ubyte",))
    write_idx(os.path.join(folder, "train-images-idx3-ubyte"),
              fake_images(5, marker=5))
    assert marker_of(folder) == 5


def test_root_with_tilde(isolated, monkeypatch):
    monkeypatch.setenv("HOME", str(isolated))
    make_dataset(isolated / "fm", marker=6)
    assert marker_of("~/fm") == 6


def test_mxnet_dir_honours_mxnet_home(tmp_path, monkeypatch):
    monkeypatch.setenv("MXNET_HOME", str(tmp_path / "mx"))
    assert data._mxnet_dir() == str(
        tmp_path / "mx" / "datasets" / "fashion-mnist")
    monkeypatch.delenv("MXNET_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data._mxnet_dir() == str(
        tmp_path / ".mxnet" / "datasets" / "fashion-mnist")


def test_load_fashion_mnist_values_and_cache(isolated):
    folder = make_dataset(isolated / "fm", n_train=5, n_test=3)
    (X_train, y_train), (X_test, y_test) = load_fashion_mnist(folder)
    assert X_train.shape == (5, 28, 28) and X_test.shape == (3, 28, 28)
    assert y_train.shape == (5,) and y_test.shape == (3,)
    assert X_train.dtype == y_train.dtype == np.uint8
    np.testing.assert_array_equal(X_train, fake_images(5))
    np.testing.assert_array_equal(y_test, fake_labels(3))
    again = load_fashion_mnist(folder)
    assert again[0][0] is X_train
    assert not X_train.flags.writeable


def test_cache_notices_changed_files(isolated):
    folder = make_dataset(isolated / "fm", n_train=5)
    assert len(load_fashion_mnist(folder)[0][0]) == 5
    make_dataset(folder, n_train=7)
    assert len(load_fashion_mnist(folder)[0][0]) == 7


def test_count_mismatch(isolated):
    folder = make_dataset(isolated / "fm", n_train=5)
    write_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz"),
              fake_labels(4))
    with pytest.raises(ValueError, match="5 train images but 4 labels"):
        load_fashion_mnist(folder)


def test_no_download_when_local_copy(isolated, monkeypatch):
    calls = []
    monkeypatch.setattr(data, "_download_fashion_mnist", calls.append)
    make_dataset(isolated / "debian", marker=3)
    assert marker_of() == 3
    assert calls == []


def test_download_fallback_used_when_nothing_local(isolated, monkeypatch):
    calls = []

    def fake_download(folder):
        calls.append(folder)
        make_dataset(folder, marker=9)

    monkeypatch.setattr(data, "_download_fashion_mnist", fake_download)
    assert marker_of() == 9
    assert calls == [data._mxnet_dir()]
    assert marker_of() == 9  # now found locally: no second download
    assert len(calls) == 1


def test_download_failure_raises_data_not_found(isolated, monkeypatch):
    def offline(folder):
        raise OSError("network is unreachable")

    monkeypatch.setattr(data, "_download_fashion_mnist", offline)
    root = str(isolated / "nowhere")
    with pytest.raises(DataNotFoundError) as info:
        load_fashion_mnist(root)
    message = str(info.value)
    assert isinstance(info.value, FileNotFoundError)
    assert "apt-get install dataset-fashion-mnist" in message
    assert data.ENV_VAR in message
    assert "network is unreachable" in message
    for folder in (root, data.DEBIAN_DIR, data._mxnet_dir()):
        assert folder in message
    assert "train-images-idx3-ubyte" in message


def test_download_that_leaves_nothing_raises(isolated, monkeypatch):
    monkeypatch.setattr(data, "_download_fashion_mnist", lambda f: None)
    with pytest.raises(DataNotFoundError, match="dataset-fashion-mnist"):
        load_fashion_mnist()


# batches ----------------------------------------------------------------

def collect(batches):
    return [(X.asnumpy(), y.asnumpy()) for X, y in batches]


def test_batches_shapes_dtypes_and_scaling(isolated):
    folder = make_dataset(isolated / "fm", n_train=5, n_test=3)
    train_iter, test_iter = load_data_fashion_mnist(2, root=folder)
    assert len(train_iter) == 3 and len(test_iter) == 2
    batches = collect(train_iter)
    assert [X.shape for X, _ in batches] == [
        (2, 1, 28, 28), (2, 1, 28, 28), (1, 1, 28, 28)]
    assert [y.shape for _, y in batches] == [(2,), (2,), (1,)]
    X, y = next(iter(test_iter))
    assert X.dtype == np.float32 and y.dtype == np.float32
    X = X.asnumpy()
    assert X[0, 0, 27, 27] == 1.0
    assert X[0, 0, 0, 0] == 0.0
    assert X[1, 0, 0, 0] == np.float32(1) / np.float32(255)
    assert X.min() >= 0.0 and X.max() <= 1.0


def test_test_iterator_in_order_every_pass(isolated):
    folder = make_dataset(isolated / "fm", n_test=3)
    _, test_iter = load_data_fashion_mnist(2, root=folder)
    for _ in range(2):
        X = np.concatenate([X for X, _ in collect(test_iter)])
        y = np.concatenate([y for _, y in collect(test_iter)])
        expected = fake_images(3)[:, None].astype(np.float32) / 255
        np.testing.assert_array_equal(X, expected)
        assert y.tolist() == [0, 1, 2]


def train_order(train_iter):
    """Example indices (pixel [0, 0]) in the order of one pass."""
    order = []
    for X, y in collect(train_iter):
        index = np.rint(X[:, 0, 0, 0] * 255).astype(int)
        assert (index % 10 == y).all()  # images and labels stay paired
        order.extend(index.tolist())
    return order


def test_train_iterator_reshuffles_reproducibly(isolated):
    folder = make_dataset(isolated / "fm", n_train=40)
    train_iter, _ = load_data_fashion_mnist(8, root=folder)
    np.random.seed(0)
    first, second = train_order(train_iter), train_order(train_iter)
    assert sorted(first) == sorted(second) == list(range(40))
    assert first != second
    assert first != list(range(40))
    np.random.seed(0)
    assert train_order(train_iter) == first
    assert train_order(train_iter) == second


def test_resize(isolated):
    folder = make_dataset(isolated / "fm", n_train=5, n_test=3)
    train_iter, test_iter = load_data_fashion_mnist(
        4, resize=14, root=folder)
    X, y = next(iter(test_iter))
    assert X.shape == (3, 1, 14, 14) and y.shape == (3,)
    assert abs(float(X[0, 0, 7, 7].asscalar()) - 7 / 255) < 1e-6


def test_array_batches_directly():
    from mxnet import nd

    features = nd.arange(10).reshape((5, 2))
    labels = nd.arange(5)
    batches = ArrayBatches(features, labels, 2)
    assert len(batches) == 3
    got = [y.asnumpy().tolist() for _, y in batches]
    assert got == [[0, 1], [2, 3], [4]]
    with pytest.raises(ValueError):
        ArrayBatches(features, nd.arange(4), 2)


@pytest.mark.skipif(not os.path.isdir(REAL_DIR),
                    reason="Debian's dataset-fashion-mnist not installed")
def test_real_debian_data():
    (X_train, y_train), (X_test, y_test) = load_fashion_mnist(REAL_DIR)
    assert X_train.shape == (60000, 28, 28)
    assert X_test.shape == (10000, 28, 28)
    assert y_train.shape == (60000,) and y_test.shape == (10000,)
    assert set(np.unique(y_train).tolist()) == set(range(10))


def test_batches_do_not_share_memory_with_the_data():
    from mxnet import nd

    features = nd.zeros((4, 2))
    batches = ArrayBatches(features, nd.arange(4), 2)
    for X, y in batches:
        X[:] = 1
        y[:] = -1
    assert features.sum().asscalar() == 0
    assert batches.labels.asnumpy().tolist() == [0, 1, 2, 3]
