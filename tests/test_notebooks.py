"""Are the source notebooks clean and their grade cells well formed?"""

import re

import nbformat
import pytest

from autograder.items import GRADED_ITEMS
from autograder.submissions import ROOT

SOURCE_NOTEBOOKS = sorted((ROOT / "source").glob("*/*.ipynb"))
IDS = [p.name for p in SOURCE_NOTEBOOKS]


def nbgrader_meta(cell):
    return cell.metadata.get("nbgrader", {})


@pytest.mark.parametrize("path", SOURCE_NOTEBOOKS, ids=IDS)
def test_committed_without_outputs(path):
    """Is every code cell stored with no output and no execution count?"""
    nb = nbformat.read(path, 4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], "%s cell %d has output" % (
                path.name, index)
            assert cell.execution_count is None, path.name


@pytest.mark.parametrize("path", SOURCE_NOTEBOOKS, ids=IDS)
def test_first_cell_names_the_book_section(path):
    """Does the notebook open with the book's section number and title?"""
    first = nbformat.read(path, 4).cells[0]
    assert first.cell_type == "markdown"
    section = re.match(r"(\d+)_(\d+)_", path.name)
    number = "%d.%d" % (int(section.group(1)), int(section.group(2)))
    assert first.source.startswith("# %s " % number), first.source[:40]


def test_every_graded_item_has_its_answer_and_grade_cells():
    """Is each graded item one answer cell plus exactly its grade cells,
    each with a public part and a hidden call of its own check?"""
    answers, tests = {}, {}
    for path in SOURCE_NOTEBOOKS:
        for cell in nbformat.read(path, 4).cells:
            meta = nbgrader_meta(cell)
            if meta.get("solution"):
                answers[meta["grade_id"]] = cell
            elif meta.get("grade"):
                tests[meta["grade_id"]] = cell
    assert sorted(answers) == sorted(i.lower() for i in GRADED_ITEMS)
    expected = [g for ids in GRADED_ITEMS.values() for g in ids]
    assert sorted(tests) == sorted(expected)
    for item, cell in answers.items():
        name = next(i for i in GRADED_ITEMS if i.lower() == item)
        assert re.search(r"^(def|class) %s\b" % name, cell.source, re.M), (
            "%s is not defined at top level of its answer cell" % name)
    for grade_id, cell in tests.items():
        public, _, rest = cell.source.partition("### BEGIN HIDDEN TESTS")
        hidden = rest.partition("### END HIDDEN TESTS")[0]
        assert "check_%s(" % grade_id in hidden, grade_id
        code = [line for line in public.splitlines()
                if line.strip() and not line.startswith(('"""', "#"))]
        assert len(code) >= 2, "%s has no public test" % grade_id
        assert nbgrader_meta(cell)["points"] > 0
        assert nbgrader_meta(cell)["locked"]
