"""Command line of the course's grading: ``python -m autograder --help``."""

import argparse
import os
import sys
import time
from pathlib import Path

from .demo_class import seed_demo_class
from .grading import (
    collect_grades,
    format_table,
    grade_class,
    missing_assignments,
    write_csv,
)
from .release import generate_release
from .submissions import ROOT, assignments


def _db_url(root):
    """The gradebook URL nbgrader_config.py sets for this course root."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py",
                                path=str(root)).load_config()
    return config.CourseDirectory.db_url


def cmd_release(args):
    failed = generate_release(Path(args.root))
    return 1 if failed else 0


def cmd_grade(args):
    root = Path(args.root)
    if args.demo:
        seed_demo_class(root / "submitted", root=root)
        print("demo class written to %s" % (root / "submitted"))
    db_url = _db_url(root)
    names = args.assignment or assignments(root)
    missing = missing_assignments(db_url, names)
    if missing:
        print("the gradebook has no assignment %s: generate the release "
              "first (`make release` or `python -m autograder release`)"
              % ", ".join(missing), file=sys.stderr)
        return 2
    from .sandbox import SandboxUnavailable

    start = time.monotonic()
    try:
        runs = grade_class(root, names, force=not args.resume,
                           workers=args.workers)
    except SandboxUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    wall = time.monotonic() - start
    rows = collect_grades(db_url, runs, root=root)
    csv_path = root / "grades.csv"
    write_csv(rows, csv_path)
    print()
    print(format_table(rows))
    print()
    graded = [r for r in runs if r.status == "graded"]
    skipped = [r for r in runs if r.status == "skipped"]
    print("graded %d of %d submissions in %.0f s with %d worker(s); "
          "%.1f s per submission on average%s" % (
              len(graded), len(runs), wall, args.workers,
              sum(r.seconds for r in graded) / max(1, len(graded)),
              "; %d already graded (--resume)" % len(skipped)
              if skipped else ""))
    print("grades CSV:   %s" % csv_path)
    print("feedback:     %s" % (root / "feedback"))
    for r in runs:
        if r.status == "error":
            print("not graded:   %s / %s: %s" % (r.student, r.assignment,
                                                 r.reason))
    notes = sorted({(r.student, r.assignment, r.notebook, r.status,
                     r.reason) for r in rows if r.reason})
    for student, assignment, notebook, status, reason in notes:
        if status != "error":
            print("%-13s %s / %s / %s: %s" % (status + ":", student,
                                              assignment, notebook, reason))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder",
                                     description=__doc__)
    parser.add_argument("--root", default=str(ROOT),
                        help="course root (default: this repository)")
    sub = parser.add_subparsers(dest="command", required=True)

    release = sub.add_parser(
        "release", help="regenerate release/ from source/ with nbgrader")
    release.set_defaults(func=cmd_release)

    grade = sub.add_parser(
        "grade", help="autograde submitted/, write feedback and grades.csv")
    grade.add_argument("--demo", action="store_true",
                       help="first write the bundled demo class into "
                            "submitted/")
    grade.add_argument("--assignment", action="append",
                       help="grade only this assignment (repeatable)")
    grade.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="nbgrader processes side by side "
                            "(default: one per core)")
    grade.add_argument("--resume", action="store_true",
                       help="skip submissions graded to the end before "
                            "(same files); e.g. after killing a batch")
    grade.set_defaults(func=cmd_grade)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
