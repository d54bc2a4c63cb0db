"""Grade a class with nbgrader: autograde every submission, write feedback,
a grades CSV and a readable table.

Each (student, assignment) is autograded by its own ``nbgrader autograde``
process, so a submission nbgrader cannot grade is recorded with its reason
and never stops the batch or touches another student's grades. A
submission counts as done only once its nbgrader process has finished and
the grader has written ``.graded.json`` (with a digest of the submitted
files) next to it: a batch killed midway and run again with ``--resume``
grades again exactly what was not finished.
"""

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .items import GRADED_ITEMS, item_of
from .submissions import ROOT, assignments

__all__ = [
    "GradeRow",
    "SubmissionRun",
    "collect_grades",
    "format_table",
    "grade_class",
    "run_nbgrader",
    "write_csv",
]

CSV_FIELDS = [
    "student", "assignment", "notebook", "item", "grade_id",
    "score", "max_score", "status", "reason",
]
# Status of a grade row: the notebook was graded (``reason`` may tell of
# an incident: a timeout, a kernel that died, output cut); rejected (the
# notebook could not be graded: missing, renamed, unreadable; it scores
# 0); error (nbgrader itself failed on the submission).
STATUSES = ("graded", "rejected", "error")
DONE_MARKER = ".graded.json"


@dataclass
class SubmissionRun:
    """How autograding one student's assignment went."""

    student: str
    assignment: str
    status: str  # "graded", "error" or "skipped" (already graded)
    reason: str = ""
    seconds: float = 0.0


@dataclass
class GradeRow:
    """One grade cell's score in one student's submission."""

    student: str
    assignment: str
    notebook: str
    item: str
    grade_id: str
    score: float
    max_score: float
    status: str = "graded"
    reason: str = ""


def kernel_env(root=ROOT):
    """The environment of nbgrader and its kernels: the course importable,
    this interpreter's scripts (nbgrader runs ``alembic``) on the PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(
        [os.path.dirname(sys.executable), env.get("PATH", "")])
    paths = [str(root)] + [p for p in env.get("PYTHONPATH", "").split(
        os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def run_nbgrader(*args, root=ROOT, env=None):
    """Run an ``nbgrader`` command at the course root; return the result."""
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=root, env=env or kernel_env(root), capture_output=True,
        text=True,
    )


def _failure_reason(result):
    """The most telling line of a failed nbgrader run: its last exception
    message, else its last error line."""
    lines = [line.strip() for line in
             (result.stdout + result.stderr).splitlines() if line.strip()]
    exceptions = [line for line in lines
                  if re.match(r"^[\w.]+(Error|Exception|Entry|Timeout)\b:",
                              line)]
    errors = [line for line in lines if "[ERROR]" in line]
    reason = (exceptions or errors or lines or
              ["nbgrader exited %d" % result.returncode])[-1]
    return reason[:300]


def missing_assignments(db_url, names):
    """The assignments the gradebook does not know (never released)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        known = {a.name for a in gb.assignments}
    return [name for name in names if name not in known]


def submitted_students(assignment, root=ROOT):
    """Students with a submission of ``assignment`` in ``submitted/``."""
    folder = Path(root) / "submitted"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if (p / assignment).is_dir())


def submission_digest(folder):
    """A digest of every file's path and bytes in a submission folder."""
    digest = hashlib.sha256()
    folder = Path(folder)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _done_path(root, assignment, student):
    return Path(root) / "autograded" / student / assignment / DONE_MARKER


def already_graded(root, assignment, student):
    """Whether this exact submission was graded to the end before."""
    try:
        done = json.loads(_done_path(root, assignment, student).read_text())
    except (OSError, ValueError):
        return False
    folder = Path(root) / "submitted" / student / assignment
    return done.get("digest") == submission_digest(folder)


def _autograde(root, assignment, student, resume, env, config_args):
    if resume and already_graded(root, assignment, student):
        return SubmissionRun(student, assignment, "skipped")
    start = time.monotonic()
    digest = submission_digest(
        Path(root) / "submitted" / student / assignment)
    args = ["autograde", assignment, "--student", student, "--force"]
    result = run_nbgrader(*args, *config_args, root=root, env=env)
    seconds = time.monotonic() - start
    if result.returncode == 0:
        _done_path(root, assignment, student).write_text(
            json.dumps({"digest": digest}))
        return SubmissionRun(student, assignment, "graded", seconds=seconds)
    return SubmissionRun(student, assignment, "error",
                         _failure_reason(result), seconds)


def grade_class(root=ROOT, assignment_names=None, force=True, workers=1,
                log=print, config_args=()):
    """Autograde and write feedback for every submission; return the runs.

    ``workers`` nbgrader processes run side by side, each kernel limited
    to one OpenMP thread (MXNet trains these small nets no faster on two).
    ``force=False`` skips submissions graded to the end before (same
    files). ``config_args`` are extra options for ``nbgrader autograde``
    (e.g. ``--Execute.timeout=20``). Refuses to start without the sandbox
    (see :mod:`autograder.sandbox`) unless it is turned off.
    """
    from .sandbox import Sandbox

    Sandbox().require()
    env = kernel_env(root)
    if workers > 1:
        env.setdefault("OMP_NUM_THREADS", "1")
    names = assignment_names or assignments(root)
    jobs = [(assignment, student) for assignment in names
            for student in submitted_students(assignment, root)]
    runs = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(_autograde, root, assignment, student,
                               not force, env, list(config_args))
                   for assignment, student in jobs]
        for future in futures:
            run = future.result()
            runs.append(run)
            log("autograded %-28s %-28s %-7s %5.1f s %s" % (
                run.student, run.assignment, run.status, run.seconds,
                run.reason))
    for assignment in names:
        if any(r.assignment == assignment and r.status != "error"
               for r in runs):
            result = run_nbgrader("generate_feedback", assignment, "--force",
                                  root=root, env=env)
            if result.returncode != 0:
                log("feedback for %s incomplete: %s" % (
                    assignment, _failure_reason(result)))
    return runs


def _root_of(db_url):
    path = db_url.split("sqlite:///", 1)[-1].split("?", 1)[0]
    return Path(path).resolve().parent


def notebook_status(root, student, assignment, notebook):
    """(status, reason) of one graded notebook, from what grading left."""
    submitted = Path(root) / "submitted" / student / assignment
    if not (submitted / (notebook + ".ipynb")).exists():
        reason = "缺少笔记本 %s.ipynb" % notebook
        strays = sorted(p.name for p in submitted.glob("*.ipynb")
                        if not (Path(root) / "source" / assignment /
                                p.name).exists())
        if strays:
            reason += "；提交中有未知的笔记本 %s（是否改了名？）" % "、".join(
                strays)
        return "rejected", reason
    from .nbgrader_plugins import grading_record_path

    path = grading_record_path(
        Path(root) / "autograded" / student / assignment, notebook)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "graded", ""
    if record.get("status") == "rejected":
        return "rejected", record.get("reason") or "无法读取"
    return "graded", " ".join(record.get("incidents") or [])


def collect_grades(db_url, runs=(), root=None):
    """Every grade cell's score, from nbgrader's Gradebook, as GradeRows.

    A submission whose autograding failed gets one row per grade cell with
    score 0 and the status ``error``; a notebook that could not be graded
    (missing, renamed, unreadable) has the status ``rejected``; both carry
    their reason, so they are told apart from a real zero.
    """
    from nbgrader.api import Gradebook, MissingEntry

    root = Path(root) if root is not None else _root_of(db_url)
    failed = {(r.student, r.assignment): r.reason for r in runs
              if r.status == "error"}
    rows = []
    with Gradebook(db_url) as gb:
        for assignment in gb.assignments:
            for student in gb.students:
                reason = failed.get((student.id, assignment.name))
                if reason is not None:
                    rows += [GradeRow(student.id, assignment.name,
                                      notebook.name, item_of(cell.name),
                                      cell.name, 0.0, cell.max_score,
                                      "error", reason)
                             for notebook in assignment.notebooks
                             for cell in notebook.grade_cells]
                    continue
                try:
                    submission = gb.find_submission(
                        assignment.name, student.id)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    status, why = notebook_status(
                        root, student.id, assignment.name, notebook.name)
                    rows += [GradeRow(student.id, assignment.name,
                                      notebook.name, item_of(grade.name),
                                      grade.name, float(grade.score),
                                      float(grade.max_score), status, why)
                             for grade in notebook.grades]
    order = {g: i for i, g in enumerate(
        g for ids in GRADED_ITEMS.values() for g in ids)}
    rows.sort(key=lambda r: (r.student, r.assignment,
                             order.get(r.grade_id, len(order)), r.grade_id))
    return rows


def write_csv(rows, path):
    """Write the grade rows as CSV (one row per student and grade cell)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_FIELDS)
        for r in rows:
            writer.writerow([r.student, r.assignment, r.notebook, r.item,
                             r.grade_id, "%g" % r.score, "%g" % r.max_score,
                             r.status, r.reason])


def item_scores(rows):
    """{student: {item: (score, max_score)}} summed over grade cells."""
    table = {}
    for r in rows:
        score, max_score = table.setdefault(r.student, {}).get(
            r.item, (0.0, 0.0))
        table[r.student][r.item] = (score + r.score, max_score + r.max_score)
    return table


def format_table(rows):
    """A plain-text table: students by graded item, with totals."""
    table = item_scores(rows)
    items = [i for i in GRADED_ITEMS if any(i in t for t in table.values())]
    items += sorted({i for t in table.values() for i in t} - set(items))
    marks = {}
    for r in rows:
        if r.status != "graded":
            marks.setdefault(r.student, set()).add(r.status.upper())
        elif r.reason:
            marks.setdefault(r.student, set()).add("incident")
    header = ["student"] + items + ["total", "status"]
    lines = []
    for student in sorted(table):
        cells = [student]
        total = total_max = 0.0
        for item in items:
            score, max_score = table[student].get(item, (0.0, 0.0))
            total += score
            total_max += max_score
            mark = "" if score == max_score else " x"
            cells.append("%g/%g%s" % (score, max_score, mark))
        cells.append("%g/%g" % (total, total_max))
        cells.append("graded" if student not in marks else
                     ", ".join(sorted(marks[student])) + " (see CSV)")
        lines.append(cells)
    widths = [max(len(row[i]) for row in [header] + lines)
              for i in range(len(header))]

    def fmt(row):
        return "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()

    out = [fmt(header), fmt(["-" * w for w in widths])]
    out += [fmt(row) for row in lines]
    out.append("x: points lost on that item")
    return "\n".join(out)
