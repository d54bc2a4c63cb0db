"""Set-up checks and seeding (the book's 2.1 install, as course helpers)."""

import importlib.metadata
import platform
import random
import re

import numpy as np

from . import data

__all__ = ["check_environment", "seed_everything"]

_SETUP_HINT = (
    "请用 `make test` 或 `make lab` 建好的环境 (virtualenv .venv)，"
    "它会装好正确的版本 (versions)。")


def seed_everything(seed=0):
    """Seed random, numpy and mxnet (course; the book does not seed)."""
    import mxnet as mx

    random.seed(seed)
    np.random.seed(seed)
    mx.random.seed(seed)


def _version_tuple(version):
    return tuple(int(part) for part in re.findall(r"\d+", version)[:2])


def _mxnet_version():
    """Return ``(version or None, import error or None)``."""
    try:
        import mxnet
    except Exception as exc:  # numpy >= 1.24 breaks mxnet's import
        try:
            version = importlib.metadata.version("mxnet")
        except importlib.metadata.PackageNotFoundError:
            version = None
        first_line = (str(exc).strip().splitlines() or [""])[0]
        return version, f"{type(exc).__name__}: {first_line}"
    return mxnet.__version__, None


def check_environment():
    """Print versions and the data folder, warn of problems (book 2.1)."""
    # Problems are printed as warnings (警告), never raised.
    python_version = platform.python_version()
    numpy_version = np.__version__
    mxnet_version, mxnet_error = _mxnet_version()
    located = data._locate()
    folder = located[0] if located else None

    print(f"Python 版本 (version)：{python_version}")
    print(f"MXNet 版本 (version)：{mxnet_version or '未安装 (not installed)'}")
    print(f"NumPy 版本 (version)：{numpy_version}")
    print(f"Fashion-MNIST 数据 (data)：{folder or '未找到 (not found)'}")

    warnings = []
    if _version_tuple(numpy_version) >= (1, 24):
        warnings.append(
            f"NumPy {numpy_version} 太新：MXNet 1.9.1 需要 NumPy < 1.24"
            f"（本课程用 1.23.5）。" + _SETUP_HINT)
    if mxnet_version is None:
        warnings.append("没有安装 MXNet。" + _SETUP_HINT)
    elif _version_tuple(mxnet_version) != (1, 9):
        warnings.append(
            f"MXNet 版本是 {mxnet_version}，本课程需要 1.9.x。"
            + _SETUP_HINT)
    if mxnet_version is not None and mxnet_error is not None:
        warnings.append(
            f"无法导入 (import) MXNet：{mxnet_error}。" + _SETUP_HINT)
    if folder is None:
        warnings.append(
            "没有找到 Fashion-MNIST 数据 (data)。在 Debian/Ubuntu 上运行 "
            "`apt-get install dataset-fashion-mnist`，或者把环境变量 "
            f"(environment variable) {data.ENV_VAR} 设为含有四个 IDX "
            "文件的文件夹；`make test`/`make lab` 也会准备好数据。"
            "联网时 `load_data_fashion_mnist` 会用 MXNet 下载。")
    for message in warnings:
        print("警告 (warning)：" + message)
    if not warnings:
        print("环境检查通过 (OK)。")
    return {
        "python": python_version,
        "mxnet": mxnet_version,
        "numpy": numpy_version,
        "fashion_mnist": folder,
        "warnings": warnings,
    }
