"""Grade the adversarial catalogue through a grading pipeline and report.

``python tests/adversarial_demo.py [--rev REV]`` exports a commit (``git
archive``, default HEAD) to a temporary folder and grades the whole
catalogue of tests/adversarial.py with that code, exactly as it grades: a
course copy (with that commit's autograder/ and course/), the release,
every submission, ``grade_class`` (called without ``config_args``, which
older graders do not take), then one plain ``nbgrader autograde`` over a
small broken class.  It prints, per entry: the points gained over its
baseline, what leaked into what the student sees, what the trick says it
wrote, and how its run ended; then what changed on disk, in the gradebook
and on the network.  ``--code-root DIR`` grades with the code in DIR
instead (e.g. the working tree).  Not collected by pytest.

Without a sandbox the tricks run with your permissions; they never write
into this repository (``adversarial.build(guard=...)``), only into the
throw-away course copy.
"""

import argparse
import compileall
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _reexec(rev, args):
    """Run this script again with the code of ``git archive <rev>``."""
    export = Path(tempfile.mkdtemp(prefix="adversarial-head-"))
    archive = subprocess.run(["git", "archive", rev], cwd=REPO,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(export)], input=archive,
                   check=True)
    env = dict(os.environ, PYTHONPATH=str(export))
    argv = [sys.executable, str(Path(__file__).resolve()),
            "--code-root", str(export)] + args
    try:
        return subprocess.call(argv, cwd=export, env=env)
    finally:
        shutil.rmtree(export, ignore_errors=True)


def _course(workdir, code_root):
    from course_copy import copy_course

    from autograder.release import generate_release

    course = copy_course(Path(workdir) / "course", with_release=False)
    for name in ("autograder", "course"):
        if not (course / name).exists():
            shutil.copytree(Path(code_root) / name, course / name,
                            ignore=shutil.ignore_patterns(
                                "__pycache__", "*.pyc"))
        compileall.compile_dir(course / name, quiet=2)
    failed = generate_release(course, log=lambda *_: None)
    if failed:
        raise SystemExit("release failed: %s" % failed)
    return course


def _scores(rows, student, assignment):
    return {(r.notebook, r.grade_id): r.score for r in rows
            if r.student == student and r.assignment == assignment}


def _status(rows, student, assignment):
    found = sorted({"%s%s" % (r.status, (": " + r.reason)
                              if getattr(r, "reason", "") else "")
                    for r in rows if r.student == student
                    and r.assignment == assignment})
    return "; ".join(s[:90] for s in found)


WRITE_LABELS = ("gradebook edited", "fake gradebook written",
                "appended to a source notebook", "checks patched on disk",
                "bytecode poisoned", "config rewritten", "orphan started",
                "READ-OK")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code-root", help="grade with the code here")
    parser.add_argument("--rev", default="HEAD",
                        help="else grade with this commit's code")
    parser.add_argument("--workdir", help="keep the graded course here")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", action="append",
                        help="grade only these entries (and bystanders, "
                             "baselines)")
    args, rest = parser.parse_known_args(argv)
    if args.code_root is None:
        return _reexec(args.rev, sys.argv[1:] if argv is None else argv)
    sys.path.insert(0, str(HERE))
    sys.path.insert(1, args.code_root)

    import adversarial as adv

    from autograder.grading import collect_grades, grade_class, run_nbgrader

    workdir = args.workdir or tempfile.mkdtemp(prefix="adversarial-demo-")
    course = _course(workdir, args.code_root)
    from test_adversarial import CEILING, SMALL_CLASS, UNCHANGED, Listener

    listener = Listener()
    entries = adv.build(port=listener.port, guard=REPO)
    if args.only:
        keep = set(args.only)
        keep |= {e.baseline for e in entries if e.name in keep}
        entries = [e for e in entries if e.name in keep
                   or e.kind == "bystander"]
    adv.write_class(course / "submitted", entries, course)
    before = {name: adv.hash_tree(course / name) for name in UNCHANGED}
    start = time.monotonic()
    try:
        runs = grade_class(course, workers=args.workers)
    finally:
        seconds = time.monotonic() - start
        orphans = adv.find_orphans()
        for pid in orphans:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        listener.close()
    after = {name: adv.hash_tree(course / name) for name in UNCHANGED}
    db = course / "gradebook.db"
    rows = collect_grades("sqlite:///%s" % db, runs)
    secrets = adv.secret_lines(course)
    run_of = {(r.student, r.assignment): r for r in runs}

    print("\nleaks: fb = feedback page, ag = autograded notebook outputs")
    print("%-32s %-7s %-8s %-22s %-30s %s" % (
        "entry", "kind", "gain", "leaks", "says it did", "run / status"))
    for e in entries:
        mine = _scores(rows, e.name, e.assignment)
        gain = ""
        if e.baseline:
            base = _scores(rows, e.baseline, e.assignment)
            cells = [g for (n, g), s in mine.items()
                     if s > base.get((n, g), 0.0)]
            total = sum(mine.values()) - sum(base.values())
            gain = "%+g" % total if cells else "0"
            if cells:
                gain += " " + ",".join(c.split("_", 1)[1][:6]
                                       for c in cells)
        elif e.kind == "bad":
            right = [s for (n, g), s in mine.items()
                     if n in e.notebooks and n != e.target]
            gain = "other %g/%d" % (sum(right), len(right))
        outputs = adv.student_outputs(course, e.name)
        allowed = adv.allowed_lines(course, e.name)
        foreign = () if e.name == "by_instructor" else (
            adv.BYSTANDER_SECRET,)
        kinds = set()
        said = set()
        for label, text in outputs.items():
            where = "ag:" if label.endswith("(outputs)") else "fb:"
            for hit in adv.leaks(text, allowed, secrets, foreign):
                kinds.add(where + (hit.split(" ")[0] if hit[0] != "'"
                                   else "other-student"))
            said |= {m for m in adv.FORBIDDEN_OUTPUT if m in text}
            said |= {m for m in WRITE_LABELS if m in text}
        run = run_of.get((e.name, e.assignment))
        how = "%s %.0fs" % (run.status, run.seconds) if run else "NO RUN"
        if run and run.status != "graded":
            how += " " + run.reason[:60]
        status = _status(rows, e.name, e.assignment)
        if status and status != "graded":
            how += " | " + status
        print("%-32s %-7s %-8s %-22s %-30s %s" % (
            e.name, e.kind, gain, ",".join(sorted(kinds)),
            ",".join(sorted(said))[:30], how))

    print("\nbatch: %.0f s for %d submissions with %d workers" % (
        seconds, len(runs), args.workers))
    print("changed: %s" % [n for n in UNCHANGED if before[n] != after[n]])
    print("dropped files: %s" % adv.dropped_files(course))
    print("gradebook intruders: %s" % adv.gradebook_intruders(
        db, {e.name for e in entries}))
    print("local connections: %s" % listener.connections)
    print("orphans alive after grading: %s" % orphans)
    for student in ("by_instructor", "by_untouched"):
        for assignment in (adv.CH03, adv.CH04):
            got = [r for r in rows if r.student == student
                   and r.assignment == assignment]
            print("%s %s: %g/%g" % (student, assignment,
                                    sum(r.score for r in got),
                                    sum(r.max_score for r in got)))

    # One plain nbgrader autograde over a small broken class.
    plain = _course(Path(workdir) / "plain", args.code_root)
    for name, student in SMALL_CLASS:
        entry = next(e for e in adv.build(guard=REPO)
                     if e.name == name and e.assignment == adv.CH04)
        adv.write_entry(plain / "submitted",
                        dataclasses.replace(entry, name=student), plain)
    start = time.monotonic()
    result = run_nbgrader("autograde", adv.CH04, "--force", root=plain)
    print("\nplain nbgrader autograde: exit %d in %.0f s" % (
        result.returncode, time.monotonic() - start))
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook("sqlite:///%s" % (plain / "gradebook.db")) as gb:
        for _, student in SMALL_CLASS:
            try:
                sub = gb.find_submission(adv.CH04, student)
                print("  %-20s %g/%g (ceiling %s)" % (
                    student, sub.score, sub.max_score,
                    "full" if student == "zz_bystander" else
                    "%g" % sum(CEILING[student].values())))
            except MissingEntry:
                print("  %-20s NOT GRADED" % student)
    print("workdir: %s" % workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
