"""The graded items of the course and the grade cells that judge each.

A grade cell ``<item>_<behaviour>`` is checked by ``check_<grade cell>``
in ``autograder.checks``.  Light on purpose (no mxnet import): the grading
pipeline reads it to group grades by item.
"""

__all__ = ["ANSWER_CELLS", "GRADED_ITEMS", "item_of"]

GRADED_ITEMS = {
    "squared_loss": [
        "squared_loss_value",
        "squared_loss_reshapes_y",
        "squared_loss_gradient",
    ],
    "sgd": ["sgd_step_value", "sgd_updates_in_place", "sgd_leaves_grad"],
    "l2_penalty": ["l2_penalty_value", "l2_penalty_gradient"],
    "dropout": [
        "dropout_extremes",
        "dropout_statistics",
        "dropout_fresh_mask",
        "dropout_autograd",
    ],
    "MLP": ["mlp_output_shape", "mlp_layers", "mlp_forward"],
    "MyDense": ["mydense_parameters", "mydense_forward"],
}

# The answer cell (nbgrader grade_id) that defines each graded item.
ANSWER_CELLS = {
    "squared_loss": "squared_loss",
    "sgd": "sgd",
    "l2_penalty": "l2_penalty",
    "dropout": "dropout",
    "MLP": "mlp",
    "MyDense": "mydense",
}

_ITEM_OF = {
    grade_id: item
    for item, grade_ids in GRADED_ITEMS.items()
    for grade_id in grade_ids
}


def item_of(grade_id):
    """The graded item a grade cell belongs to (its own id if unknown)."""
    return _ITEM_OF.get(grade_id, grade_id)
