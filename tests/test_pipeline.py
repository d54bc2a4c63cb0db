"""Does the real nbgrader pipeline grade the demo class as it should?

One module-scoped run: a copy of the course, the demo class plus a few
canned submissions, ``nbgrader autograde`` and ``generate_feedback``
through the real CLI, scores read back through nbgrader's Gradebook API.
"""

import csv
import hashlib

import nbformat
import pytest
from course_copy import copy_course
from nbgrader.api import Gradebook

from autograder.demo_class import STUDENTS, seed_demo_class
from autograder.grading import (
    collect_grades,
    format_table,
    grade_class,
    item_scores,
    write_csv,
)
from autograder.items import GRADED_ITEMS
from autograder.release import generate_release
from autograder.submissions import answer_cells, write_submission

pytestmark = pytest.mark.pipeline

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
    # Right answers that print warnings on stderr in the test cells.
    "warns_but_right": {"sgd": WARNING_SGD},
    "hidden_only_mistake": {"squared_loss": COLUMN_LOSS},
}


def _hash_tree(folder):
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("course"),
                         with_release=False)
    assert generate_release(course, log=lambda *_: None) == []
    submitted = course / "submitted"
    seed_demo_class(submitted, root=course)
    for student, answers in EXTRA.items():
        write_submission(submitted, student, "ch03_deep_learning_basics",
                         answers, root=course)
    # A student who deleted a test cell: nbgrader must put it back.
    folder = write_submission(submitted, "deleted_test_cell",
                              "ch03_deep_learning_basics", {}, root=course)
    path = folder / "3_02_linear_regression_scratch.ipynb"
    nb = nbformat.read(path, 4)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get(
        "grade_id") != "sgd_step_value"]
    nbformat.write(nb, path)
    before = _hash_tree(submitted)
    runs = grade_class(course, log=lambda *_: None)
    db_url = "sqlite:///%s" % (course / "gradebook.db")
    rows = collect_grades(db_url, runs)
    return {"course": course, "runs": runs, "rows": rows, "db": db_url,
            "submitted_hash_before": before,
            "submitted_hash_after": _hash_tree(submitted)}


def test_every_submission_is_graded(graded):
    """Did nbgrader grade every submission without an error?"""
    bad = [(r.student, r.assignment, r.reason) for r in graded["runs"]
           if r.status != "graded"]
    assert bad == []


def test_instructor_answers_score_full_marks(graded):
    """Does the instructor's answer score every point of every notebook?"""
    with Gradebook(graded["db"]) as gb:
        for assignment in gb.assignments:
            submission = gb.find_submission(assignment.name,
                                            "demo_instructor")
            for notebook in submission.notebooks:
                assert notebook.max_score > 0
                assert notebook.score == notebook.max_score, notebook.name


def test_untouched_release_scores_zero(graded):
    """Does the untouched release get 0 on every grade cell?"""
    with Gradebook(graded["db"]) as gb:
        for assignment in gb.assignments:
            submission = gb.find_submission(assignment.name,
                                            "demo_untouched")
            for notebook in submission.notebooks:
                assert notebook.score == 0, notebook.name
                assert all(g.score == 0 for g in notebook.grades)


@pytest.mark.parametrize("student", sorted(STUDENTS))
def test_demo_student_loses_points_exactly_on_its_mistakes(graded,
                                                           student):
    """Does each canned mistake cost points on its item, and only there?"""
    scores = item_scores(graded["rows"])[student]
    lost = {item for item, (score, max_score) in scores.items()
            if score < max_score}
    assert lost == STUDENTS[student].loses
    assert set(scores) == set(GRADED_ITEMS)


def test_warnings_on_stderr_do_not_zero_a_passing_cell(graded):
    """Does a right sgd that warns on stderr still score full marks?"""
    scores = item_scores(graded["rows"])["warns_but_right"]
    assert all(score == max_score for score, max_score in scores.values())


def test_deleted_test_cell_is_restored_and_graded(graded):
    """Is a test cell a student deleted put back and graded?"""
    scores = item_scores(graded["rows"])["deleted_test_cell"]
    assert scores["sgd"][0] == scores["sgd"][1] == 3


def test_submissions_are_never_modified(graded):
    """Are the submitted files byte for byte what the students handed in?"""
    assert graded["submitted_hash_after"] == graded["submitted_hash_before"]


def test_csv_and_table(graded, tmp_path):
    """Do the CSV and the table show every student's points per item?"""
    path = tmp_path / "grades.csv"
    write_csv(graded["rows"], path)
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    mine = [r for r in rows if r["student"] == "demo_sgd_no_batch_size"]
    assert {r["grade_id"] for r in mine if r["score"] != r["max_score"]} \
        == {"sgd_step_value"}
    table = format_table(graded["rows"])
    line = next(x for x in table.splitlines()
                if x.startswith("demo_sgd_no_batch_size"))
    assert "2/3 x" in line and "17/17" not in line


def _feedback(graded, student, notebook):
    path = (graded["course"] / "feedback" / student /
            "ch03_deep_learning_basics" / (notebook + ".html"))
    return path.read_text(encoding="utf-8")


SECRETS = ("BEGIN HIDDEN TESTS", "from autograder", "check_sgd",
           "check_squared_loss", "checks.py", "reference.py",
           "Traceback (most recent call last)")


def test_feedback_shows_the_public_test_message(graded):
    """Does feedback show a failed public test's message and hint?"""
    html = _feedback(graded, "demo_sgd_no_batch_size",
                     "3_02_linear_regression_scratch")
    assert "AssertionError" in html and "别忘了除以 batch_size" in html
    for secret in SECRETS:
        assert secret not in html


def test_feedback_shows_the_hidden_check_message_only(graded):
    """Does a mistake only a hidden check catches show its message, and no
    hidden test code or traceback?"""
    html = _feedback(graded, "hidden_only_mistake",
                     "3_02_linear_regression_scratch")
    assert "CheckFailed" in html and "squared_loss" in html
    for secret in SECRETS:
        assert secret not in html


def test_hidden_only_mistake_loses_exactly_its_item(graded):
    """Does an answer hard-wired to the public inputs' shape lose points?"""
    scores = item_scores(graded["rows"])["hidden_only_mistake"]
    lost = {i for i, (score, top) in scores.items() if score < top}
    assert lost == {"squared_loss"}


def test_feedback_for_the_untouched_release_says_not_implemented(graded):
    """Is a stub's failure explained, without a traceback into checks?"""
    html = _feedback(graded, "demo_untouched",
                     "3_12_weight_decay")
    assert "NotImplementedError" in html or "尚未实现" in html
    assert "autograder" not in html


def test_answer_cells_of_demo_students_match_release(graded):
    """Do demo submissions keep the release's cell structure?"""
    course = graded["course"]
    for path in (course / "submitted" / "demo_blocks_wrong").rglob(
            "*.ipynb"):
        release = course / "release" / path.parent.name / path.name
        ids = [c.get("id") for c in nbformat.read(release, 4).cells]
        assert [c.get("id") for c in nbformat.read(path, 4).cells] == ids
        assert answer_cells(nbformat.read(path, 4))
