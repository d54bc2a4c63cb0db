"""Grade every catalogue entry through the real nbgrader pipeline.

``python tests/mutants.py`` (``make mutants``) builds a throw-away copy of
the course, hands in one submission per group of entries, runs nbgrader
autograde and generate_feedback, reads the scores back through nbgrader's
Gradebook API and prints the kill matrix: entry × grade cell, which cell
caught what, the share of wrong entries caught and of right ones failed.

Each submission carries at most one entry per graded item (its other
answers are the instructor's), so a dozen or so submissions cover the whole
catalogue; grade cells only ever call their own item, so entries of
different items in one submission cannot affect each other's verdicts.
"""

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import catalogue  # noqa: E402
from course_copy import copy_course  # noqa: E402

from autograder.grading import collect_grades, grade_class  # noqa: E402
from autograder.items import GRADED_ITEMS  # noqa: E402
from autograder.release import generate_release  # noqa: E402
from autograder.submissions import (  # noqa: E402
    assignments,
    instructor_answers,
    notebook_names,
    write_submission,
)


@dataclass
class Entry:
    """One catalogue implementation and the verdict it must get."""

    item: str
    name: str
    right: bool
    source: str
    must_fail: frozenset = field(default_factory=frozenset)
    student: str = ""

    @property
    def label(self):
        return "%s/%s" % (self.item, self.name)


def catalogue_entries():
    """Every right and wrong entry of the catalogue, item by item."""
    entries = []
    for item in GRADED_ITEMS:
        for name, source in catalogue.RIGHT[item].items():
            entries.append(Entry(item, name, True, source))
        for name, wrong in catalogue.WRONG[item].items():
            entries.append(Entry(item, name, False, wrong.source,
                                 frozenset(wrong.fails)))
    return entries


def pack(entries, prefix="mutant"):
    """Assign entries to students, at most one entry per item each."""
    position = {}
    for entry in entries:
        index = position.get(entry.item, 0)
        position[entry.item] = index + 1
        entry.student = "%s_%02d" % (prefix, index + 1)
    students = {}
    for entry in entries:
        students.setdefault(entry.student, []).append(entry)
    return students


def notebook_of(root):
    """{answer cell grade_id: (assignment, notebook)} from source/."""
    return {grade_id: (assignment, notebook)
            for assignment in assignments(root)
            for notebook in notebook_names(assignment, root)
            for grade_id in instructor_answers(assignment, notebook, root)}


def write_catalogue_class(submitted, entries, root):
    """Write the packed students' submissions: only the notebooks that
    hold the items they carry (nbgrader scores the others 0, unread)."""
    where = notebook_of(root)
    for student, carried in pack(entries).items():
        answers = {e.item.lower(): catalogue.PRELUDE + e.source
                   for e in carried}
        notebooks = {}
        for grade_id in answers:
            assignment, notebook = where[grade_id]
            notebooks.setdefault(assignment, set()).add(notebook)
        for assignment, names in sorted(notebooks.items()):
            write_submission(submitted, student, assignment, answers,
                             root=root, notebooks=sorted(names))


@dataclass
class Verdict:
    """What the pipeline made of one entry."""

    entry: Entry
    scores: dict  # grade_id -> (score, max_score)
    status: str

    @property
    def lost(self):
        return {g for g, (score, top) in self.scores.items() if score < top}

    @property
    def correct(self):
        """Did the entry get the verdict it must get?"""
        if self.status != "graded" or set(self.scores) != set(
                GRADED_ITEMS[self.entry.item]):
            return False
        if self.entry.right:
            return not self.lost
        return bool(self.lost) and self.entry.must_fail <= self.lost


def verdicts(entries, rows):
    """Match the grade rows back to the entries."""
    by_student = {}
    for row in rows:
        by_student.setdefault(row.student, []).append(row)
    result = []
    for entry in entries:
        mine = [r for r in by_student.get(entry.student, [])
                if r.item == entry.item]
        status = next((r.status for r in mine if r.status != "graded"),
                      "graded" if mine else "missing")
        result.append(Verdict(
            entry, {r.grade_id: (r.score, r.max_score) for r in mine},
            status))
    return result


def rates(results):
    """(share of wrong entries caught, share of right entries failed)."""
    wrong = [v for v in results if not v.entry.right]
    right = [v for v in results if v.entry.right]
    caught = sum(bool(v.lost) for v in wrong) / max(1, len(wrong))
    failed = sum(bool(v.lost) or v.status != "graded"
                 for v in right) / max(1, len(right))
    return caught, failed


def kill_matrix(results):
    """The kill matrix as text: X = cell lost points, . = full marks."""
    lines = []
    for item, grade_ids in GRADED_ITEMS.items():
        if not any(v.entry.item == item for v in results):
            continue
        lines.append("")
        lines.append("%s: %s" % (item, "  ".join(
            "[%d] %s" % (i + 1, g) for i, g in enumerate(grade_ids))))
        width = max(len(v.entry.name) for v in results
                    if v.entry.item == item) + 2
        header = "  %-7s %-*s %s  verdict" % (
            "", width, "entry",
            " ".join("[%d]" % (i + 1) for i in range(len(grade_ids))))
        lines.append(header)
        for v in results:
            if v.entry.item != item:
                continue
            marks = " ".join(
                " %s " % ("?" if g not in v.scores else
                          "X" if g in v.lost else ".")
                for g in grade_ids)
            kind = "right" if v.entry.right else "wrong"
            verdict = "ok" if v.correct else "WRONG VERDICT"
            if v.status != "graded":
                verdict += " (%s)" % v.status
            lines.append("  %-7s %-*s %s  %s" % (
                kind, width, v.entry.name, marks, verdict))
    caught, failed = rates(results)
    n_wrong = sum(not v.entry.right for v in results)
    n_right = sum(v.entry.right for v in results)
    lines.append("")
    lines.append("wrong entries caught: %d/%d (%.0f %%)" % (
        round(caught * n_wrong), n_wrong, 100 * caught))
    lines.append("right entries failed: %d/%d (%.0f %%)" % (
        round(failed * n_right), n_right, 100 * failed))
    return "\n".join(lines)


def grade_catalogue(workdir, workers=2, items=None, log=print):
    """Grade the catalogue (or the entries of ``items``) in a fresh course
    copy under ``workdir``.

    Returns ``(course folder, entries, grade rows, runs)``.
    """
    course = copy_course(Path(workdir) / "course", with_release=False)
    failed = generate_release(course, log=lambda *_: None)
    if failed:
        raise RuntimeError("nbgrader could not release %s" % failed)
    entries = [e for e in catalogue_entries()
               if items is None or e.item in items]
    write_catalogue_class(course / "submitted", entries, course)
    runs = grade_class(course, workers=workers, log=log)
    rows = collect_grades("sqlite:///%s" % (course / "gradebook.db"), runs)
    return course, entries, rows, runs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", help="keep the graded course here")
    parser.add_argument("--item", action="append", choices=GRADED_ITEMS,
                        help="only this item's entries (repeatable)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or tmp
        _, entries, rows, _ = grade_catalogue(workdir, args.workers,
                                              args.item)
        results = verdicts(entries, rows)
        print(kill_matrix(results))
    return 0 if all(v.correct for v in results) else 1


if __name__ == "__main__":
    sys.exit(main())
