"""Helpers the course's notebooks import: the role of the book's ``d2lzh``.

Never holds a graded answer: ``tests/test_course_has_no_answers.py`` runs
every graded check against every public function here and expects each to
fail.
"""

from .data import (
    DataNotFoundError,
    get_fashion_mnist_labels,
    load_data_fashion_mnist,
    load_fashion_mnist,
    read_idx,
)
from .env import check_environment, seed_everything
from .plot import semilogy, set_figsize, show_fashion_mnist, use_svg_display
from .testing import assert_close, assert_shape
from .train import train_ch3

__all__ = [
    "DataNotFoundError",
    "assert_close",
    "assert_shape",
    "check_environment",
    "get_fashion_mnist_labels",
    "load_data_fashion_mnist",
    "load_fashion_mnist",
    "read_idx",
    "seed_everything",
    "semilogy",
    "set_figsize",
    "show_fashion_mnist",
    "train_ch3",
    "use_svg_display",
]
