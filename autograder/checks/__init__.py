"""Hidden checks behind the grade cells: probes run, judges decide.

Every graded behaviour ``<grade_id>`` is split in two:

- the *probe* ``autograder.probes.probe_<grade_id>(obj)`` calls the
  student's function (or class, for ``MLP`` and ``MyDense``) on hidden
  inputs and records only data: the arrays, numbers, shapes and flags it
  observed, and failure messages that need no right answer ("returned
  None", "raised NotImplementedError", "not an nn.Block subclass");
- the *judge* ``judge_<grade_id>(data)`` here regenerates the same
  hidden inputs from the same seeded generators, computes the expected
  values with numpy, compares, and raises :class:`CheckFailed` with a
  one-paragraph message in Simplified Chinese that says which behaviour
  failed, what came back and the likely mistake.

Why: in grading, the probe runs in a separate, sandboxed process
(``python -m autograder.probes``) that sees the probes and nothing else
of the autograder, and only its data crosses back (``probes.wire``,
which decodes hostile bytes safely). The judge runs in the trusted
grading process, so the student's code can change what its own
functions return but cannot see the expected values, patch numpy or
MXNet under the judge, or alter the judge. ``verdict(grade_id, record)``
turns the runner's record of a grade cell (or None when the process
left none) into None (pass) or the student's message.

``check_<grade_id>(obj)`` keeps the old in-process interface (source
notebooks under nbval, the tests): it runs the probe in this process,
sends its record through the wire format and applies ``verdict``,
raising CheckFailed when the behaviour is wrong.

The judges live in one module per book section: ``linear_regression``
(3.2: squared_loss, sgd), ``weight_decay`` (3.12: l2_penalty),
``dropout`` (3.13) and ``blocks`` (4.1 MLP, 4.4 MyDense); ``_common``
holds what they share. This package re-exports every check, so a grade
cell imports ``from autograder.checks import check_<grade_id>``.

Rules every check keeps:

- Inputs come from seeded ``np.random.RandomState`` generators shared by
  probe and judge, never from the public tests, and never touch MXNet's
  global RNG (no ``mx.random.seed``; parameters are initialised with
  ``init.Zero`` and then set from numpy). Only dropout draws from it,
  through the student's own code.
- Randomised behaviour is judged by statistics on large samples, each
  with a documented bound below 1e-6 on the chance that a right answer
  fails; never by one exact random stream.
- Probes never compute a right answer and never import the judges or
  the reference implementations.
- Messages never contain the reference answer's values (shapes only),
  nor check code: a failed check is raised from a tiny frame with the
  check's own frame marked ``__tracebackhide__``.
- Warnings are silenced while a check runs: nbgrader scores a test cell
  with any stderr output 0.
"""

from ..items import GRADED_ITEMS
from ..probes import PROBES
from ._common import CheckFailed, _verdict
from .blocks import (
    check_mlp_forward,
    check_mlp_layers,
    check_mlp_output_shape,
    check_mydense_forward,
    check_mydense_parameters,
    judge_mlp_forward,
    judge_mlp_layers,
    judge_mlp_output_shape,
    judge_mydense_forward,
    judge_mydense_parameters,
)
from .dropout import (
    check_dropout_autograd,
    check_dropout_extremes,
    check_dropout_fresh_mask,
    check_dropout_statistics,
    judge_dropout_autograd,
    judge_dropout_extremes,
    judge_dropout_fresh_mask,
    judge_dropout_statistics,
)
from .linear_regression import (
    check_sgd_leaves_grad,
    check_sgd_step_value,
    check_sgd_updates_in_place,
    check_squared_loss_gradient,
    check_squared_loss_reshapes_y,
    check_squared_loss_value,
    judge_sgd_leaves_grad,
    judge_sgd_step_value,
    judge_sgd_updates_in_place,
    judge_squared_loss_gradient,
    judge_squared_loss_reshapes_y,
    judge_squared_loss_value,
)
from .weight_decay import (
    check_l2_penalty_gradient,
    check_l2_penalty_value,
    judge_l2_penalty_gradient,
    judge_l2_penalty_value,
)

__all__ = [
    'CheckFailed', 'GRADED_ITEMS', 'CHECKS', 'JUDGES', 'verdict',
    'check_squared_loss_value', 'check_squared_loss_reshapes_y',
    'check_squared_loss_gradient',
    'check_sgd_step_value', 'check_sgd_updates_in_place',
    'check_sgd_leaves_grad',
    'check_l2_penalty_value', 'check_l2_penalty_gradient',
    'check_dropout_extremes', 'check_dropout_statistics',
    'check_dropout_fresh_mask', 'check_dropout_autograd',
    'check_mlp_output_shape', 'check_mlp_layers', 'check_mlp_forward',
    'check_mydense_parameters', 'check_mydense_forward',
    'judge_squared_loss_value', 'judge_squared_loss_reshapes_y',
    'judge_squared_loss_gradient',
    'judge_sgd_step_value', 'judge_sgd_updates_in_place',
    'judge_sgd_leaves_grad',
    'judge_l2_penalty_value', 'judge_l2_penalty_gradient',
    'judge_dropout_extremes', 'judge_dropout_statistics',
    'judge_dropout_fresh_mask', 'judge_dropout_autograd',
    'judge_mlp_output_shape', 'judge_mlp_layers', 'judge_mlp_forward',
    'judge_mydense_parameters', 'judge_mydense_forward',
]

# The graded items' checks, in notebook order.
CHECKS = {grade_id: globals()['check_' + grade_id]
          for grade_ids in GRADED_ITEMS.values() for grade_id in grade_ids}

# The graded items' judges, in the same order.
JUDGES = {grade_id: globals()['judge_' + grade_id] for grade_id in CHECKS}


def verdict(grade_id, record):
    """None if the probe runner's record of grade_id passes, else why not.

    record is the decoded ``OUTDIR/<grade_id>.rec`` the runner wrote
    (``probes.wire.read``), or None when it is missing or unreadable (the
    process timed out, ran out of memory, was killed, wrote garbage).
    ``ok`` goes to the judge; ``failed`` gives its message; ``crashed``
    and a missing record say what happened to the process. The message
    (one paragraph, Chinese, at most 1500 characters, no control
    characters) never holds an expected value or check code.
    """
    return _verdict(PROBES[grade_id].title, JUDGES[grade_id], record)
