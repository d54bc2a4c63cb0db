"""Build submission notebooks from the release: the instructor's answers,
the untouched stubs, or answers given per answer cell.

Used by the demo class and by the tests, which grade canned submissions
through the real nbgrader pipeline.
"""

import datetime
import os
from pathlib import Path

import nbformat

__all__ = [
    "ROOT",
    "answer_cells",
    "assignments",
    "instructor_answers",
    "notebook_names",
    "write_submission",
]

ROOT = Path(__file__).resolve().parent.parent
_SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def assignments(root=ROOT):
    """The assignment names: the folders of ``source/``."""
    return sorted(p.name for p in (Path(root) / "source").iterdir()
                  if p.is_dir() and not p.name.startswith("."))


def notebook_names(assignment, root=ROOT):
    """The notebooks of an assignment, without the ``.ipynb`` suffix."""
    folder = Path(root) / "source" / assignment
    return sorted(p.stem for p in folder.glob("*.ipynb"))


def answer_cells(nb):
    """The answer (solution) cells of a notebook, by nbgrader grade_id."""
    return {
        cell.metadata.nbgrader["grade_id"]: cell
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def _without_solution_markers(source):
    return "\n".join(
        line for line in source.splitlines()
        if line.strip() not in _SOLUTION_MARKERS
    )


def instructor_answers(assignment, notebook, root=ROOT):
    """The instructor's answer cells' code, by grade_id, markers removed."""
    path = Path(root) / "source" / assignment / (notebook + ".ipynb")
    nb = nbformat.read(path, as_version=4)
    return {
        grade_id: _without_solution_markers(cell.source)
        for grade_id, cell in answer_cells(nb).items()
    }


def write_submission(submitted_dir, student, assignment, answers=None,
                     root=ROOT, timestamp=None, notebooks=None):
    """Write one student's submission of an assignment from the release.

    ``answers`` maps grade_id to the code of that answer cell; answer cells
    not named keep the instructor's answer.  ``answers=None`` hands in the
    release untouched.  ``notebooks`` limits the submission to those
    notebooks (nbgrader scores the missing ones 0).  Returns the folder.
    """
    release = Path(root) / "release" / assignment
    folder = Path(submitted_dir) / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    for notebook in notebooks or notebook_names(assignment, root):
        nb = nbformat.read(release / (notebook + ".ipynb"), as_version=4)
        if answers is not None:
            solutions = instructor_answers(assignment, notebook, root)
            for grade_id, cell in answer_cells(nb).items():
                cell.source = answers.get(grade_id, solutions[grade_id])
        nbformat.write(nb, folder / (notebook + ".ipynb"))
    stamp = timestamp or datetime.datetime.now(datetime.timezone.utc)
    (folder / "timestamp.txt").write_text(
        stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z") + os.linesep
    )
    return folder
