"""One real grading run per test session, shared by the pipeline tests.

``graded_class`` copies the course, releases it with nbgrader, hands in the
demo class, a few canned submissions and the whole answer catalogue
(tests/mutants.py), grades them all with the real nbgrader CLI and returns
what the tests need.  Grading once keeps the suite's time in check.
"""

import nbformat
import pytest
from course_copy import copy_course
from mutants import catalogue_entries, write_catalogue_class

from autograder.demo_class import seed_demo_class
from autograder.grading import (
    collect_grades,
    grade_class,
    submission_digest,
)
from autograder.release import generate_release
from autograder.submissions import write_submission

CH03 = "ch03_deep_learning_basics"

WARNING_SGD = '''import warnings


def sgd(params, lr, batch_size):
    """right, but warns on stderr at every call"""
    warnings.warn("a harmless warning on stderr")
    for param in params:
        param[:] = param - lr * param.grad / batch_size
'''

# Passes every public test (whose inputs are all (n, 1)) but not the hidden
# one on a (4, 3) y_hat: only the hidden check can catch it.
COLUMN_LOSS = '''def squared_loss(y_hat, y):
    """reshapes y to a column, whatever y_hat's shape"""
    return (y_hat - y.reshape((-1, 1))) ** 2 / 2
'''

EXTRA = {
    # A right answer that prints warnings on stderr in the test cells.
    "warns_but_right": {"sgd": WARNING_SGD},
    "hidden_only_mistake": {"squared_loss": COLUMN_LOSS},
}


def hash_tree(folder):
    """One digest of every file's path and bytes under ``folder``."""
    return submission_digest(folder)


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("course"),
                         with_release=False)
    assert generate_release(course, log=lambda *_: None) == []
    submitted = course / "submitted"
    seed_demo_class(submitted, root=course)
    for student, answers in EXTRA.items():
        write_submission(submitted, student, CH03, answers, root=course)
    # A student who deleted a test cell: nbgrader must put it back.
    folder = write_submission(submitted, "deleted_test_cell", CH03, {},
                              root=course)
    path = folder / "3_02_linear_regression_scratch.ipynb"
    nb = nbformat.read(path, 4)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get(
        "grade_id") != "sgd_step_value"]
    nbformat.write(nb, path)
    # A notebook that is not JSON: graded as an error, never stops the batch.
    folder = write_submission(submitted, "corrupt_notebook", CH03, {},
                              root=course)
    (folder / "3_12_weight_decay.ipynb").write_text('{"cells": [',
                                                    encoding="utf-8")
    entries = catalogue_entries()
    write_catalogue_class(submitted, entries, course)
    before = hash_tree(submitted)
    runs = grade_class(course, workers=2, log=lambda *_: None)
    db_url = "sqlite:///%s" % (course / "gradebook.db")
    return {"course": course, "runs": runs, "db": db_url,
            "rows": collect_grades(db_url, runs), "entries": entries,
            "submitted_hash_before": before,
            "submitted_hash_after": hash_tree(submitted)}
