"""Does the grader judge every catalogue entry right, through nbgrader?

Every right entry must score full marks on its item, every wrong one must
lose points there (at least on the cells its checks must fail), and the
feedback each student gets must explain each failed cell without showing
hidden material.  ``make mutants`` prints the same verdicts as a matrix.
"""

import html
import re

import pytest
from mutants import kill_matrix, rates, verdicts

from autograder.release import hidden_material

pytestmark = pytest.mark.pipeline


@pytest.fixture(scope="module")
def results(graded_class):
    return verdicts(graded_class["entries"], graded_class["rows"])


def test_catalogue_is_big_enough(graded_class):
    """Has every item at least 10 wrong and 4 right entries?"""
    entries = graded_class["entries"]
    for item in {e.item for e in entries}:
        mine = [e for e in entries if e.item == item]
        assert sum(not e.right for e in mine) >= 10, item
        assert sum(e.right for e in mine) >= 4, item


def test_every_wrong_entry_loses_points_on_its_item(results):
    """Is every wrong entry caught (100 % kill rate)?"""
    missed = [v.entry.label for v in results
              if not v.entry.right and not v.correct]
    assert missed == [], kill_matrix(results)
    assert rates(results)[0] == 1.0


def test_every_right_entry_scores_full_marks(results):
    """Does no right entry lose a point (0 % false failures)?"""
    failed = [v.entry.label for v in results
              if v.entry.right and not v.correct]
    assert failed == [], kill_matrix(results)
    assert rates(results)[1] == 0.0


_GRADE_CELL = re.compile(r"Grade cell: (\w+)")


def _cells_of(feedback_html):
    """{grade_id: text of that cell's block} from nbgrader's feedback."""
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(
        r"<style.*?</style>", "", feedback_html, flags=re.S)))
    parts = _GRADE_CELL.split(text)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_feedback_explains_each_failed_cell_and_hides_the_tests(
        graded_class, results):
    """Does each failed cell's feedback carry a message, and no feedback
    show hidden tests, reference code or tracebacks through them?"""
    feedback = graded_class["course"] / "feedback"
    checked = 0
    for v in results:
        if v.entry.right:
            continue
        pages = [p.read_text(encoding="utf-8") for p in
                 (feedback / v.entry.student).rglob("*.html")]
        assert pages, v.entry.label
        for page in pages:
            # Tracebacks of the student's own cells may stay (they run
            # through the student's code and course/ only).
            assert hidden_material(page) == [], v.entry.label
        cells = {}
        for page in pages:
            cells.update(_cells_of(page))
        for grade_id in v.lost:
            block = cells[grade_id]
            assert re.search(r"\b\w*(Error|Failed)\b: \S", block), (
                v.entry.label, grade_id, block[-300:])
            checked += 1
    assert checked > 0
