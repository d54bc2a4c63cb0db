"""Probes: run the student's graded definition and record what it does.

A probe ``probe_<grade_id>(obj)`` calls the student's function (or
class) on hidden inputs and returns only data: ``{'steps': [...]}``,
each step a dict of numbers, strings, lists and float64 numpy arrays
(plus ``'failed'``, the final student message, when the student's code
failed part-way), or raises :class:`ProbeFailed` with a final student
message when it failed at once. The judge ``judge_<grade_id>`` in
``autograder.checks`` regenerates the same inputs from the same seeded
generators (``*_inputs`` here) and decides.

In grading, the probes run in a separate, sandboxed process
(``python -m autograder.probes``, see ``__main__``) that sees this
package and nothing else of the autograder: so the code here never
imports ``autograder.checks`` or ``autograder.reference`` and never
computes a right answer. Records cross back as bytes (``wire``).

One module per book section, like the checks: ``linear_regression``,
``weight_decay``, ``dropout``, ``blocks``; ``_common`` holds what they
share.
"""

from ._common import ProbeFailed
from .blocks import (
    probe_mlp_forward,
    probe_mlp_layers,
    probe_mlp_output_shape,
    probe_mydense_forward,
    probe_mydense_parameters,
)
from .dropout import (
    probe_dropout_autograd,
    probe_dropout_extremes,
    probe_dropout_fresh_mask,
    probe_dropout_statistics,
)
from .linear_regression import (
    probe_sgd_leaves_grad,
    probe_sgd_step_value,
    probe_sgd_updates_in_place,
    probe_squared_loss_gradient,
    probe_squared_loss_reshapes_y,
    probe_squared_loss_value,
)
from .weight_decay import probe_l2_penalty_gradient, probe_l2_penalty_value

__all__ = ['PROBES', 'ProbeFailed', 'run_probe']

# Every probe by grade id, in notebook order.
PROBES = {probe.__name__[len('probe_'):]: probe for probe in [
    probe_squared_loss_value, probe_squared_loss_reshapes_y,
    probe_squared_loss_gradient,
    probe_sgd_step_value, probe_sgd_updates_in_place,
    probe_sgd_leaves_grad,
    probe_l2_penalty_value, probe_l2_penalty_gradient,
    probe_dropout_extremes, probe_dropout_statistics,
    probe_dropout_fresh_mask, probe_dropout_autograd,
    probe_mlp_output_shape, probe_mlp_layers, probe_mlp_forward,
    probe_mydense_parameters, probe_mydense_forward,
]}


def run_probe(grade_id, obj):
    """The record of one probe: ``ok`` with its data, or ``failed``.

    Anything but a ProbeFailed (only a BaseException such as SystemExit
    gets past a probe) propagates to the caller.
    """
    try:
        data = PROBES[grade_id](obj)
    except ProbeFailed as failure:
        return {'status': 'failed', 'message': str(failure)}
    return {'status': 'ok', 'data': data}
