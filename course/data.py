"""Fashion-MNIST: reading the IDX files and minibatch iterators (book 3.5)."""

import functools
import gzip
import os
import zlib

import numpy as np

__all__ = [
    "ArrayBatches",
    "DataNotFoundError",
    "get_fashion_mnist_labels",
    "load_data_fashion_mnist",
    "load_fashion_mnist",
    "read_idx",
]

#: Environment variable naming a folder that holds the four IDX files.
ENV_VAR = "COURSE_FASHION_MNIST"
#: Where Debian's package ``dataset-fashion-mnist`` installs the files.
DEBIAN_DIR = "/usr/share/datasets/fashion-mnist"
#: The four files, each either plain or gzip-compressed (``.gz``).
FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
#: dtype of the label batches (the images are always float32).
LABEL_DTYPE = "float32"

_TEXT_LABELS = [
    "t-shirt", "trouser", "pullover", "dress", "coat",
    "sandal", "shirt", "sneaker", "bag", "ankle boot",
]
_UINT8_CODE = 0x08


class DataNotFoundError(FileNotFoundError):
    """No local copy of Fashion-MNIST and the download failed (book 3.5)."""


def read_idx(path):
    """Read an IDX file (``.gz`` or raw) into a numpy array (book 3.5)."""
    path = os.fspath(path)
    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rb") as f:
                data = f.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ValueError(
            f"{path}: damaged or truncated gzip file ({exc})") from exc
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(
            f"{path}: not an IDX file (bad magic number {data[:4]!r}; "
            "expected 0x00 0x00 <dtype code> <ndim>)")
    code, ndim = data[2], data[3]
    if code != _UINT8_CODE:
        raise ValueError(
            f"{path}: IDX dtype code 0x{code:02x} is not supported "
            f"(expected 0x{_UINT8_CODE:02x}, unsigned byte)")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(
            f"{path}: truncated IDX header ({len(data)} bytes, "
            f"{ndim} dimensions need {header})")
    shape = tuple(int(d) for d in np.frombuffer(data, ">u4", ndim, 4))
    expected = int(np.prod(shape, dtype=np.int64))
    if len(data) - header != expected:
        raise ValueError(
            f"{path}: IDX payload has {len(data) - header} bytes, "
            f"shape {shape} needs {expected} (truncated or damaged file)")
    return np.frombuffer(data, np.uint8, expected, header).reshape(shape)


def _mxnet_dir():
    """MXNet's own Fashion-MNIST folder, honouring ``MXNET_HOME``."""
    home = os.environ.get("MXNET_HOME")
    if not home:
        home = os.path.join(os.path.expanduser("~"), ".mxnet")
    return os.path.join(home, "datasets", "fashion-mnist")


def _candidate_dirs(root=None):
    """The folders searched, best first, as ``(where, path)`` pairs."""
    found = []
    if root is not None:
        found.append(("root", os.path.expanduser(os.fspath(root))))
    env = os.environ.get(ENV_VAR)
    if env:
        found.append((ENV_VAR, os.path.expanduser(env)))
    found.append(("Debian dataset-fashion-mnist", DEBIAN_DIR))
    found.append(("MXNet", _mxnet_dir()))
    return found


def _files_in(folder):
    """Map each of the four files to its path in folder, or return None."""
    paths = {}
    for key, name in FILES.items():
        for candidate in (name, name + ".gz"):
            path = os.path.join(folder, candidate)
            if os.path.isfile(path):
                paths[key] = path
                break
        else:
            return None
    return paths


def _locate(root=None):
    """Return ``(folder, files)`` of the first complete copy, or None."""
    for _, folder in _candidate_dirs(root):
        files = _files_in(folder)
        if files is not None:
            return os.path.abspath(folder), files
    return None


def _download_fashion_mnist(folder):
    """Let MXNet download the four ``.gz`` files into folder (internet)."""
    from mxnet.gluon.data.vision import FashionMNIST

    for train in (True, False):
        FashionMNIST(root=folder, train=train)


def _not_found_message(root, reason):
    searched = "；".join(
        f"{path} ({where})" for where, path in _candidate_dirs(root))
    names = ", ".join(FILES.values())
    return (
        f"找不到 Fashion-MNIST 数据集 (dataset)。已查找的文件夹 (folders "
        f"searched)：{searched}。用 MXNet 下载 (download) 也失败了："
        f"{reason}。获取数据的办法：在 Debian/Ubuntu 上运行 "
        f"`apt-get install dataset-fashion-mnist`；或者把环境变量 "
        f"(environment variable) {ENV_VAR} 设为一个含有这四个 IDX 文件"
        f"（也可以是 .gz）的文件夹：{names}。")


def _stamp(files):
    """Key for the cache: the files with their sizes and times."""
    stamps = []
    for key in sorted(files):
        info = os.stat(files[key])
        stamps.append((files[key], info.st_size, info.st_mtime_ns))
    return tuple(stamps)


@functools.lru_cache(maxsize=4)
def _load_files(stamp):
    """Read the files once per process (and again if they change)."""
    arrays = {}
    for path, _, _ in stamp:
        arrays[path] = read_idx(path)
        arrays[path].flags.writeable = False
    return arrays


def load_fashion_mnist(root=None):
    """Fashion-MNIST as read-only uint8 numpy arrays (book 3.5)."""
    # Returns ((X_train, y_train), (X_test, y_test)). Searches root, then
    # $COURSE_FASHION_MNIST, Debian's folder, MXNet's folder; only when
    # none holds the four files does MXNet download them. Cached per
    # folder, hence read-only.
    located = _locate(root)
    if located is None:
        target = _mxnet_dir()
        try:
            _download_fashion_mnist(target)
        except Exception as exc:  # network, disk, checksum...
            reason = f"{type(exc).__name__}: {exc}"
            raise DataNotFoundError(_not_found_message(root, reason)) from exc
        files = _files_in(target)
        if files is None:
            raise DataNotFoundError(_not_found_message(
                root, f"{target} is still incomplete after the download"))
        located = os.path.abspath(target), files
    folder, files = located
    arrays = _load_files(_stamp(files))
    result = []
    for part in ("train", "test"):
        images = arrays[files[part + "_images"]]
        labels = arrays[files[part + "_labels"]]
        if images.ndim != 3 or labels.ndim != 1:
            raise ValueError(
                f"{folder}: {part} images should be (n, rows, cols) and "
                f"labels (n,), got {images.shape} and {labels.shape}")
        if len(images) != len(labels):
            raise ValueError(
                f"{folder}: {len(images)} {part} images but "
                f"{len(labels)} labels")
        result.append((images, labels))
    return tuple(result)


class ArrayBatches:
    """Re-iterable minibatches from NDArrays in memory (book 3.5)."""

    # Each ``for`` loop is a new pass; with shuffle=True every pass draws
    # a new order from numpy's global generator, so np.random.seed makes
    # it repeatable. The last batch may be short. transform, if given,
    # maps each batch of features.

    def __init__(self, features, labels, batch_size, shuffle=False,
                 transform=None):
        if features.shape[0] != labels.shape[0]:
            raise ValueError(
                f"{features.shape[0]} examples but {labels.shape[0]} labels")
        if int(batch_size) < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.features = features
        self.labels = labels
        self.batch_size = int(batch_size)
        self.shuffle = shuffle
        self.transform = transform

    def __len__(self):
        return -(-self.features.shape[0] // self.batch_size)

    def __iter__(self):
        from mxnet import nd

        n = self.features.shape[0]
        order = np.random.permutation(n) if self.shuffle else None
        for start in range(0, n, self.batch_size):
            stop = min(start + self.batch_size, n)
            if order is None:  # copies: a slice would share memory
                X = self.features[start:stop].copy()
                y = self.labels[start:stop].copy()
            else:
                idx = nd.array(order[start:stop], dtype="int64")
                X = nd.take(self.features, idx)
                y = nd.take(self.labels, idx)
            if self.transform is not None:
                X = self.transform(X)
            yield X, y

    def __repr__(self):
        return (f"ArrayBatches({self.features.shape[0]} examples, "
                f"batch_size={self.batch_size}, shuffle={self.shuffle})")


def _to_batches(images, labels, batch_size, shuffle, resize):
    """Keep the pixels as uint8 and scale each batch (4x less memory)."""
    from mxnet import nd

    X = nd.array(images.reshape(images.shape[0], 1, *images.shape[1:]),
                 dtype="uint8")
    y = nd.array(labels, dtype=LABEL_DTYPE)
    size = None if resize is None else int(resize)

    def to_tensor(batch):
        # As ToTensor: float32 pixel / 255 (the same float32 rounding).
        batch = batch.astype("float32") / 255
        if size is not None:
            batch = nd.contrib.BilinearResize2D(
                batch, height=size, width=size, align_corners=False)
        return batch

    return ArrayBatches(X, y, batch_size, shuffle=shuffle,
                        transform=to_tensor)


def load_data_fashion_mnist(batch_size, resize=None, root=None):
    """Fashion-MNIST minibatch iterators, train and test (book 3.5)."""
    # X: float32 (b, 1, 28, 28), pixel / 255 as ToTensor; y: float32 (b,).
    # train_iter reshuffles every pass; test_iter keeps the files' order.
    # resize (int) resizes each batch bilinearly, as the book's Resize.
    (X_train, y_train), (X_test, y_test) = load_fashion_mnist(root)
    train_iter = _to_batches(X_train, y_train, batch_size, True, resize)
    test_iter = _to_batches(X_test, y_test, batch_size, False, resize)
    return train_iter, test_iter


def get_fashion_mnist_labels(labels):
    """Turn numeric labels into the text labels (book 3.5)."""
    if hasattr(labels, "asnumpy"):
        labels = labels.asnumpy()
    if isinstance(labels, (np.ndarray, np.generic)):
        labels = np.reshape(labels, -1)
    elif not hasattr(labels, "__iter__"):
        labels = [labels]
    text = []
    for label in labels:
        if hasattr(label, "asscalar"):
            label = label.asscalar()
        index = int(label)
        if not 0 <= index < len(_TEXT_LABELS):
            raise ValueError(
                f"Fashion-MNIST labels are 0 to 9, got {label!r}")
        text.append(_TEXT_LABELS[index])
    return text
