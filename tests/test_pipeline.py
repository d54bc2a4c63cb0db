"""Does the real nbgrader pipeline grade the demo class as it should?

The class is graded once per session (``graded_class`` in conftest.py):
a copy of the course, the demo class plus a few canned submissions,
``nbgrader autograde`` and ``generate_feedback`` through the real CLI,
scores read back through nbgrader's Gradebook API.
"""

import csv

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.demo_class import STUDENTS
from autograder.grading import format_table, item_scores, write_csv
from autograder.items import GRADED_ITEMS
from autograder.release import hidden_material
from autograder.submissions import answer_cells

pytestmark = pytest.mark.pipeline


@pytest.fixture(scope="module")
def graded(graded_class):
    return graded_class


def test_every_submission_is_graded(graded):
    """Did nbgrader grade every well-formed submission without an error?"""
    bad = [(r.student, r.assignment, r.reason) for r in graded["runs"]
           if r.status != "graded" and r.student != "corrupt_notebook"]
    assert bad == []


def test_corrupt_notebook_is_rejected_not_zeroed(graded, tmp_path):
    """Is a notebook nbgrader cannot read rejected with its reason, apart
    from a real zero, in the CSV and the table, while the student's other
    notebooks are graded as usual?"""
    run = next(r for r in graded["runs"] if r.student == "corrupt_notebook")
    assert run.status == "graded"
    rows = [r for r in graded["rows"] if r.student == "corrupt_notebook"
            and r.assignment == "ch03_deep_learning_basics"]
    rejected = [r for r in rows if r.notebook == "3_12_weight_decay"]
    others = [r for r in rows if r.notebook != "3_12_weight_decay"]
    assert rejected and all(
        r.status == "rejected" and "JSON" in r.reason and r.score == 0
        for r in rejected)
    assert others and all(r.status == "graded" and r.score == r.max_score
                          for r in others)
    path = tmp_path / "grades.csv"
    write_csv(graded["rows"], path)
    with open(path, encoding="utf-8") as f:
        found = {(r["notebook"], r["status"], r["reason"])
                 for r in csv.DictReader(f)
                 if r["student"] == "corrupt_notebook"
                 and r["status"] != "graded"}
    assert found == {("3_12_weight_decay", "rejected", rejected[0].reason)}
    line = next(x for x in format_table(graded["rows"]).splitlines()
                if x.startswith("corrupt_notebook"))
    assert "REJECTED" in line


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


def assert_no_hidden_material(html):
    assert hidden_material(html) == []
    # These students' own cells all ran: any traceback is a test cell's.
    assert "Traceback (most recent call last)" not in html


def test_feedback_shows_the_public_test_message(graded):
    """Does feedback show a failed public test's message and hint?"""
    html = _feedback(graded, "demo_sgd_no_batch_size",
                     "3_02_linear_regression_scratch")
    assert "AssertionError" in html and "别忘了除以 batch_size" in html
    assert_no_hidden_material(html)


def test_feedback_shows_the_hidden_check_message_only(graded):
    """Does a mistake only a hidden check catches show its message, and no
    hidden test code or traceback?"""
    html = _feedback(graded, "hidden_only_mistake",
                     "3_02_linear_regression_scratch")
    assert "CheckFailed" in html and "squared_loss" in html
    assert_no_hidden_material(html)


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
