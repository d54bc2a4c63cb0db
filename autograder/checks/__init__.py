"""Hidden checks behind the grade cells, one plain function per behaviour.

A grade cell's hidden part calls ``check_<grade_id>(obj)`` with the
student's function (or class, for ``MLP`` and ``MyDense``). The check
returns None when the behaviour is right and raises :class:`CheckFailed`
otherwise, with a one-paragraph message in Simplified Chinese that says
which behaviour failed, what came back and the likely mistake.

The checks live in one module per book section: ``linear_regression``
(3.2: squared_loss, sgd), ``weight_decay`` (3.12: l2_penalty),
``dropout`` (3.13) and ``blocks`` (4.1 MLP, 4.4 MyDense); ``_common``
holds what they share. This package re-exports every check, so a grade
cell imports ``from autograder.checks import check_<grade_id>``.

Rules every check keeps:

- Inputs come from the check's own ``np.random.RandomState`` with a fixed
  seed, never from the public tests, and never touch MXNet's global RNG
  (no ``mx.random.seed``; parameters are initialised with ``init.Zero``
  and then set from numpy). Only dropout draws from it, through the
  student's own code.
- Randomised behaviour is judged by statistics on large samples, each
  with a documented bound below 1e-6 on the chance that a right answer
  fails; never by one exact random stream.
- Messages never contain the reference answer's values (shapes only), and
  the failure is raised from a tiny frame with the check's own frames
  marked ``__tracebackhide__`` so IPython's traceback shows no check code.
- Warnings are silenced while a check runs: nbgrader scores a test cell
  with any stderr output 0.
"""

from ..items import GRADED_ITEMS
from ._common import CheckFailed
from .blocks import (
    check_mlp_forward,
    check_mlp_layers,
    check_mlp_output_shape,
    check_mydense_forward,
    check_mydense_parameters,
)
from .dropout import (
    check_dropout_autograd,
    check_dropout_extremes,
    check_dropout_fresh_mask,
    check_dropout_statistics,
)
from .linear_regression import (
    check_sgd_leaves_grad,
    check_sgd_step_value,
    check_sgd_updates_in_place,
    check_squared_loss_gradient,
    check_squared_loss_reshapes_y,
    check_squared_loss_value,
)
from .weight_decay import check_l2_penalty_gradient, check_l2_penalty_value

__all__ = [
    'CheckFailed', 'GRADED_ITEMS', 'CHECKS',
    'check_squared_loss_value', 'check_squared_loss_reshapes_y',
    'check_squared_loss_gradient',
    'check_sgd_step_value', 'check_sgd_updates_in_place',
    'check_sgd_leaves_grad',
    'check_l2_penalty_value', 'check_l2_penalty_gradient',
    'check_dropout_extremes', 'check_dropout_statistics',
    'check_dropout_fresh_mask', 'check_dropout_autograd',
    'check_mlp_output_shape', 'check_mlp_layers', 'check_mlp_forward',
    'check_mydense_parameters', 'check_mydense_forward',
]

# The graded items' checks, in notebook order.
CHECKS = {grade_id: globals()['check_' + grade_id]
          for grade_ids in GRADED_ITEMS.values() for grade_id in grade_ids}
