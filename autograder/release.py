"""Regenerate ``release/`` from ``source/`` with nbgrader, and scan it."""

import os
import re
import shutil
from pathlib import Path

import nbformat

from .submissions import ROOT, assignments

__all__ = ["generate_release", "hidden_material", "release_leaks"]


STAGING = ".release-staging"


def generate_release(root=ROOT, log=print):
    """Run ``nbgrader generate_assignment --force`` for every assignment.

    nbgrader writes into a staging folder; only a complete new version
    replaces ``release/<assignment>`` (a rename), so a failed or killed
    run leaves the previous release in place. Returns the assignments that
    failed.
    """
    from .grading import run_nbgrader

    root = Path(root)
    staging = root / STAGING
    failed = []
    for assignment in assignments(root):
        shutil.rmtree(staging / assignment, ignore_errors=True)
        result = run_nbgrader(
            "generate_assignment", assignment, "--force",
            "--CourseDirectory.release_directory=" + STAGING, root=root)
        if result.returncode != 0 or not (staging / assignment).is_dir():
            failed.append(assignment)
            log(result.stdout + result.stderr)
            continue
        _replace_folder(staging / assignment,
                        root / "release" / assignment)
        log("release/%s regenerated" % assignment)
    shutil.rmtree(staging, ignore_errors=True)
    return failed


def _replace_folder(new, target):
    """Put the complete folder ``new`` in place of ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.parent / ("." + target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


_HIDDEN_MATERIAL = [
    (re.compile(r"BEGIN SOLUTION|END SOLUTION"), "solution marker"),
    (re.compile(r"BEGIN HIDDEN TESTS|END HIDDEN TESTS"),
     "hidden test marker"),
    (re.compile(r"\bautograder\b|\b(reference|checks)\.py\b"),
     "reference to the autograder"),
    (re.compile(r"(?<![\w.])check_[a-z0-9_]+\("), "call of a hidden check"),
    (re.compile(r"__tracebackhide__|(?<![\w.])_fail\("),
     "the checks' own code"),
]


def hidden_material(text):
    """What in ``text`` belongs to the instructor only (solutions, hidden
    tests, the autograder); empty when a student may see it all.  Used for
    release/ here and, in the tests, for the feedback students get."""
    return [what for pattern, what in _HIDDEN_MATERIAL
            if pattern.search(text)]


def _solution_lines(source_nb):
    """Lines inside solution and hidden-test regions of a source notebook."""
    lines = set()
    for cell in source_nb.cells:
        inside = False
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"):
                inside = True
            elif stripped in ("### END SOLUTION", "### END HIDDEN TESTS"):
                inside = False
            elif inside and len(stripped) > 12:
                lines.add(stripped)
    return lines


def release_leaks(root=ROOT):
    """What in release/ gives away a solution or a hidden test.

    Returns a list of ``(path, cell index, what)``; empty when clean.
    """
    root = Path(root)
    leaks = []
    for assignment in assignments(root):
        for source_path in sorted((root / "source" / assignment)
                                  .glob("*.ipynb")):
            release_path = (root / "release" / assignment /
                            source_path.name)
            if not release_path.exists():
                leaks.append((release_path, None, "missing release"))
                continue
            secret = _solution_lines(nbformat.read(source_path, 4))
            nb = nbformat.read(release_path, 4)
            for index, cell in enumerate(nb.cells):
                for what in hidden_material(cell.source):
                    leaks.append((release_path, index, what))
                for line in cell.source.splitlines():
                    if line.strip() in secret:
                        leaks.append((release_path, index,
                                      "solution or hidden-test line: "
                                      + line.strip()))
                if cell.get("outputs"):
                    leaks.append((release_path, index, "stored output"))
    return leaks
