"""Can a student fool or break grading?  The adversarial catalogue
(tests/adversarial.py) graded through the real pipeline.

One batch, in a throw-away copy of the course (with its own copy of
autograder/ and course/, as in the repository): every trick, tamper and
bad input, their baselines and two bystanders, graded by ``grade_class``
with small limits.  The tests then hold grading to: no trick or tamper
scores more than its baseline on any grade cell; the bystanders keep
exactly full marks and zero; every bad input is graded or rejected with a
reason, and right answers outside a rejected notebook keep their points;
nothing a student sees shows hidden material or another student's work;
no byte of source/, autograder/, course/, submitted/ or the config
changes; the gradebook holds nothing a trick wrote; no network
connection succeeds; no process outlives its kernel.  A second, smaller
class checks that one plain ``nbgrader autograde`` over a class with
broken submissions still grades the bystander.
"""

import compileall
import dataclasses
import os
import shutil
import signal
import socket
import threading
import time

import adversarial as adv
import pytest
from course_copy import copy_course

from autograder.grading import collect_grades, grade_class, run_nbgrader
from autograder.release import generate_release
from autograder.submissions import ROOT, notebook_names

pytestmark = pytest.mark.pipeline

SMALL_LIMITS = [
    "--Execute.timeout=15",
    "--Sandbox.notebook_timeout=60",
    "--Sandbox.check_timeout=30",
    "--Sandbox.memory_mb=2048",
    "--Sandbox.max_output_bytes=200000",
]
# What no submission may change (folders and files of the course root).
UNCHANGED = ("source", "autograder", "course", "submitted", "release",
             "nbgrader_config.py")
# A big print's notebook and feedback stay small.
LARGEST_OUTPUT_FILE = 5 * 2**20

CATALOGUE = adv.build()
GAINERS = sorted(e.name for e in CATALOGUE if e.kind in ("trick", "tamper"))
BAD = sorted(e.name for e in CATALOGUE if e.kind == "bad")
STUDENTS = sorted({e.name for e in CATALOGUE})


class Listener:
    """A TCP port on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, peer = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    data = conn.recv(64)
                except OSError:
                    data = b""
            self.connections.append((peer, data))

    def close(self):
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


def _course(tmp):
    """A course copy laid out like the repository, released."""
    course = copy_course(tmp, with_release=False)
    for name in ("autograder", "course"):
        if not (course / name).exists():
            shutil.copytree(ROOT / name, course / name,
                            ignore=shutil.ignore_patterns(
                                "__pycache__", "*.pyc"))
        # Bytecode written now: importing later writes nothing, so any
        # change under these folders is a submission's doing.
        compileall.compile_dir(course / name, quiet=2)
    assert generate_release(course, log=lambda *_: None) == []
    return course


def _kill(pids):
    """Kill processes the batch started that outlived their kernels."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = _course(tmp_path_factory.mktemp("adversarial"))
    listener = Listener()
    entries = adv.build(port=listener.port, guard=ROOT)
    adv.write_class(course / "submitted", entries, course)
    before = {name: adv.hash_tree(course / name) for name in UNCHANGED}
    log = []
    start = time.monotonic()
    try:
        runs = grade_class(course, workers=2, log=log.append,
                           config_args=SMALL_LIMITS)
    finally:
        seconds = time.monotonic() - start
        orphans = adv.find_orphans()
        _kill(orphans)
        listener.close()
    db = course / "gradebook.db"
    rows = collect_grades("sqlite:///%s" % db, runs)
    return {
        "course": course, "entries": entries, "runs": runs, "rows": rows,
        "log": log, "seconds": seconds, "orphans": orphans,
        "connections": listener.connections, "db": db,
        "before": before,
        "after": {name: adv.hash_tree(course / name) for name in UNCHANGED},
        "dropped": adv.dropped_files(course),
    }


def _entry(graded, name, kind=None):
    return [e for e in graded["entries"] if e.name == name
            and (kind is None or e.kind == kind)]


def _rows(graded, student, assignment):
    return [r for r in graded["rows"]
            if r.student == student and r.assignment == assignment]


def _scores(rows):
    return {(r.notebook, r.grade_id): r.score for r in rows}


def _grade_cells(course, assignment):
    """{(notebook, grade_id): points} of an assignment's test cells."""
    import nbformat

    cells = {}
    for notebook in notebook_names(assignment, course):
        nb = nbformat.read(course / "release" / assignment /
                           (notebook + ".ipynb"), 4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade"):
                cells[(notebook, meta["grade_id"])] = float(meta["points"])
    return cells


def _show(rows):
    return "\n".join("  %s/%s: %g/%g %s %s" % (
        r.notebook, r.grade_id, r.score, r.max_score, r.status, r.reason)
        for r in rows)


# --------------------------------------------------------------------------
# The catalogue itself
# --------------------------------------------------------------------------

def test_catalogue_is_big_enough():
    """>= 15 code tricks, >= 10 notebook tampers, every bad input."""
    kinds = [e.kind for e in CATALOGUE]
    assert kinds.count("trick") >= 15
    assert kinds.count("tamper") >= 10
    assert len(BAD) >= 12
    names = {e.name for e in CATALOGUE}
    for e in CATALOGUE:
        assert e.description, e.name
        if e.kind in ("trick", "tamper"):
            assert e.baseline in names, e.name


# --------------------------------------------------------------------------
# Grading finished, fairly
# --------------------------------------------------------------------------

def test_the_batch_completed(graded):
    """Did every submission get a run, and every grade cell a row, none of
    them an nbgrader error?"""
    problems = []
    runs = {(r.student, r.assignment): r for r in graded["runs"]}
    for e in graded["entries"]:
        run = runs.get((e.name, e.assignment))
        if run is None:
            problems.append("%s/%s: no run" % (e.name, e.assignment))
            continue
        if run.status != "graded":
            problems.append("%s/%s: run %s: %s" % (
                e.name, e.assignment, run.status, run.reason))
        rows = _rows(graded, e.name, e.assignment)
        missing = set(_grade_cells(graded["course"], e.assignment)) - {
            (r.notebook, r.grade_id) for r in rows}
        if missing:
            problems.append("%s/%s: no row for %s" % (
                e.name, e.assignment, sorted(missing)))
        problems += ["%s/%s: %s/%s is an error: %s" % (
            e.name, e.assignment, r.notebook, r.grade_id, r.reason)
            for r in rows if r.status == "error"]
    assert problems == [], "\n".join(problems + graded["log"])


@pytest.mark.parametrize("name", GAINERS)
def test_no_points_gained(graded, name):
    """Does the trick or tamper score at most its baseline on every grade
    cell, with the instructor's points as maximum?"""
    (entry,) = _entry(graded, name)
    mine = _rows(graded, name, entry.assignment)
    base = _rows(graded, entry.baseline, entry.assignment)
    assert mine and base, "%s or %s was not graded" % (name, entry.baseline)
    points = _grade_cells(graded["course"], entry.assignment)
    base_scores = _scores(base)
    gained = [r for r in mine
              if r.score > base_scores.get((r.notebook, r.grade_id), 0.0)
              or r.max_score != points.get((r.notebook, r.grade_id), 0.0)]
    assert gained == [], (
        "%s (%s) scored more than %s, or changed the points:\n%s\n"
        "baseline:\n%s" % (name, entry.description, entry.baseline,
                           _show(mine), _show(base)))


@pytest.mark.parametrize("student", ["by_instructor", "by_untouched"])
def test_bystanders_keep_exactly_their_marks(graded, student):
    """Does the instructor's submission keep full marks, and the untouched
    release zero, on every notebook they handed in, whatever the class
    did around them?"""
    full = student == "by_instructor"
    for entry in _entry(graded, student):
        rows = [r for r in _rows(graded, student, entry.assignment)
                if r.notebook in entry.notebooks]
        assert rows, "%s/%s not graded" % (student, entry.assignment)
        wrong = [r for r in rows if r.status != "graded"
                 or r.score != (r.max_score if full else 0.0)]
        assert wrong == [], "%s/%s:\n%s" % (
            student, entry.assignment, _show(wrong))


@pytest.mark.parametrize("name", BAD)
def test_bad_input_is_graded_or_rejected_with_a_reason(graded, name):
    """Is a notebook rejected only when unusable (with a reason), graded
    otherwise, with the incident told when its run had one?"""
    (entry,) = _entry(graded, name)
    rows = _rows(graded, name, entry.assignment)
    assert rows, "%s: no grade rows" % name
    problems = []
    for r in rows:
        if r.notebook in entry.unusable:
            if r.status != "rejected" or not r.reason or r.score:
                problems.append("%s: should be rejected, with a reason "
                                "and 0 points" % r.grade_id)
        elif r.status != "graded":
            problems.append("%s: %s, but the notebook is usable" % (
                r.grade_id, r.status))
        if r.notebook == entry.incident and not r.reason:
            problems.append("%s: the incident has no reason" % r.grade_id)
        if name in ("bad_infinite_loop", "bad_sleep") and \
                r.notebook == entry.incident and "时限" not in r.reason:
            problems.append("%s: no time limit stopped the run: %r" % (
                r.grade_id, r.reason))
    assert problems == [], "%s (%s):\n%s\n%s" % (
        name, entry.description, "\n".join(problems), _show(rows))


@pytest.mark.parametrize("name", BAD)
def test_right_answers_elsewhere_keep_their_points(graded, name):
    """Do the right answers in the submission's other notebooks score
    full marks?"""
    (entry,) = _entry(graded, name)
    rows = [r for r in _rows(graded, name, entry.assignment)
            if r.notebook in entry.notebooks and r.notebook != entry.target]
    assert rows, "%s: no other notebook graded" % name
    lost = [r for r in rows if r.score != r.max_score]
    assert lost == [], "%s (%s):\n%s" % (name, entry.description,
                                         _show(lost))


@pytest.mark.parametrize("name", sorted(
    e.name for e in CATALOGUE if e.kind == "bad" and not e.unusable))
def test_bad_cell_costs_no_answer_of_its_notebook(graded, name):
    """Verdicts come from the answer cells, not the kernel: does a cell
    that loops, exits, bombs or prints 100 MB (or extra, reordered,
    deleted, retyped ungraded cells) cost the right answers of its own
    notebook nothing?"""
    (entry,) = _entry(graded, name)
    rows = [r for r in _rows(graded, name, entry.assignment)
            if r.notebook == entry.target]
    assert rows, "%s: %s not graded" % (name, entry.target)
    lost = [r for r in rows if r.score != r.max_score]
    assert lost == [], "%s (%s):\n%s" % (name, entry.description,
                                         _show(lost))


def test_output_is_capped(graded):
    """Does a 100 MB print leave a small autograded notebook and page?"""
    course = graded["course"]
    files = list((course / "autograded" / "bad_big_print").rglob("*.ipynb"))
    files += list((course / "feedback" / "bad_big_print").rglob("*.html"))
    big = {str(p.relative_to(course)): p.stat().st_size for p in files
           if p.stat().st_size > LARGEST_OUTPUT_FILE}
    assert big == {}


# --------------------------------------------------------------------------
# Nothing leaks, nothing changes
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def secrets(graded):
    return adv.secret_lines(graded["course"])


@pytest.mark.parametrize("student", STUDENTS)
def test_nothing_hidden_reaches_the_student(graded, secrets, student):
    """Do the student's feedback pages and autograded outputs show no
    hidden test, solution, reference or check line, no gradebook content
    and nothing of another student?"""
    course = graded["course"]
    allowed = adv.allowed_lines(course, student)
    foreign = () if student == "by_instructor" else (adv.BYSTANDER_SECRET,)
    found = {}
    for label, text in adv.student_outputs(course, student).items():
        hits = adv.leaks(text, allowed, secrets, foreign)
        if hits:
            found[label] = hits[:5]
    assert found == {}, "%s leaks:\n%s" % (student, "\n".join(
        "%s: %s" % item for item in found.items()))


@pytest.mark.parametrize("student", STUDENTS)
def test_no_trick_succeeds_in_the_outputs(graded, student):
    """Does no output say a connection, a hijack or an uncapped bomb
    succeeded (the tricks print these only on success)?"""
    found = {label: [m for m in adv.FORBIDDEN_OUTPUT if m in text]
             for label, text in adv.student_outputs(
                 graded["course"], student).items()}
    found = {label: hits for label, hits in found.items() if hits}
    assert found == {}, "%s: %s" % (student, found)


def test_course_files_are_unchanged(graded):
    """Is every byte of source/, autograder/, course/, submitted/,
    release/ and nbgrader_config.py what it was, and no file dropped?"""
    changed = [name for name in UNCHANGED
               if graded["before"][name] != graded["after"][name]]
    assert changed == [] and graded["dropped"] == [], (
        "changed: %s; dropped: %s" % (changed, graded["dropped"]))


def test_gradebook_holds_nothing_a_trick_wrote(graded):
    """No table, student or extra credit grading never writes."""
    students = {e.name for e in graded["entries"]}
    assert adv.gradebook_intruders(graded["db"], students) == []


def test_no_network_connection(graded):
    """Did no kernel reach the grader's machine (a local port)?"""
    assert graded["connections"] == []


def test_no_process_outlives_its_kernel(graded):
    """Was no process a submission started still alive after grading?"""
    assert graded["orphans"] == []


# --------------------------------------------------------------------------
# Plain nbgrader over a broken class
# --------------------------------------------------------------------------

# (entry, student id): the bystander is graded after the broken ones.
SMALL_CLASS = [("tamper_duplicated_test_cell", "tamper_duplicated"),
               ("bad_corrupt_json", "bad_corrupt_json"),
               ("trick_run_code", "trick_run_code"),
               ("by_instructor", "zz_bystander")]
# What each may score at most: (notebook, grade_id) -> points.
CEILING = {
    "tamper_duplicated": {(adv.NB_DENSE, "mydense_parameters"): 1.0},
    "bad_corrupt_json": {(adv.NB_MLP, "mlp_output_shape"): 1.0,
                         (adv.NB_MLP, "mlp_layers"): 1.0,
                         (adv.NB_MLP, "mlp_forward"): 1.0},
    "trick_run_code": {},
}


def test_plain_nbgrader_autograde_survives_a_broken_class(
        tmp_path_factory):
    """One ``nbgrader autograde --force`` over a class with a duplicated
    test cell, a corrupt notebook and a trick: is the bystander graded,
    with full marks, and does no broken submission gain a point?"""
    from nbgrader.api import Gradebook, MissingEntry

    course = _course(tmp_path_factory.mktemp("plain"))
    for name, student in SMALL_CLASS:
        entry = next(e for e in adv.build(guard=ROOT) if e.name == name
                     and e.assignment == adv.CH04)
        adv.write_entry(course / "submitted",
                        dataclasses.replace(entry, name=student), course)
    result = run_nbgrader("autograde", adv.CH04, "--force", *SMALL_LIMITS,
                          root=course)
    output = (result.stdout + result.stderr)[-3000:]
    with Gradebook("sqlite:///%s" % (course / "gradebook.db")) as gb:
        try:
            bystander = gb.find_submission(adv.CH04, "zz_bystander")
        except MissingEntry:
            pytest.fail("the bystander was not graded:\n" + output)
        assert bystander.max_score > 0
        assert bystander.score == bystander.max_score, output
        gained = []
        for student, ceiling in CEILING.items():
            try:
                submission = gb.find_submission(adv.CH04, student)
            except MissingEntry:
                continue
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    top = ceiling.get((notebook.name, grade.name), 0.0)
                    if grade.score > top:
                        gained.append("%s %s/%s: %g > %g" % (
                            student, notebook.name, grade.name,
                            grade.score, top))
        assert gained == [], "\n".join(gained) + "\n" + output
