"""Is release/ what nbgrader generates from source/, and free of leaks?"""

import filecmp

import nbformat
from course_copy import copy_course

from autograder.release import generate_release, release_leaks
from autograder.submissions import ROOT, assignments, notebook_names


def test_release_is_in_sync_with_source(tmp_path):
    """Does regenerating release/ from source/ reproduce it byte for byte?"""
    course = copy_course(tmp_path / "course", with_release=False)
    assert generate_release(course, log=lambda *_: None) == []
    for assignment in assignments():
        generated = course / "release" / assignment
        committed = ROOT / "release" / assignment
        names = sorted(p.name for p in generated.iterdir())
        assert names == sorted(p.name for p in committed.iterdir()), (
            "release/%s has other files than nbgrader generates: run "
            "`make release`" % assignment)
        for name in names:
            assert filecmp.cmp(generated / name, committed / name,
                               shallow=False), (
                "release/%s/%s is stale: run `make release` and commit it"
                % (assignment, name))


def test_release_leaks_nothing():
    """Is release/ free of solutions, hidden tests and autograder code?"""
    assert release_leaks() == []


def test_leak_scan_finds_a_pasted_solution(tmp_path):
    """Does the scan catch a solution line copied into the release?"""
    course = copy_course(tmp_path / "course")
    assignment = assignments()[0]
    notebook = notebook_names(assignment)[0]
    source = nbformat.read(
        course / "source" / assignment / (notebook + ".ipynb"), 4)
    path = course / "release" / assignment / (notebook + ".ipynb")
    release = nbformat.read(path, 4)
    answer = next(c for c in source.cells
                  if "### BEGIN SOLUTION" in c.source)
    release.cells.append(nbformat.v4.new_code_cell(answer.source))
    nbformat.write(release, path)
    found = {what.split(":")[0] for _, _, what in release_leaks(course)}
    assert "solution marker" in found
    assert "solution or hidden-test line" in found


def test_failed_regeneration_keeps_the_previous_release(tmp_path):
    """Does a release run that breaks midway leave release/ as it was?"""
    course = copy_course(tmp_path / "course")
    assignment = assignments()[0]
    notebook = notebook_names(assignment)[0]
    before = {p.name: p.read_bytes()
              for p in (course / "release" / assignment).iterdir()}
    # A source notebook that is not JSON: nbgrader fails on it.
    (course / "source" / assignment / (notebook + ".ipynb")).write_text(
        "{", encoding="utf-8")
    failed = generate_release(course, log=lambda *_: None)
    assert assignment in failed
    after = {p.name: p.read_bytes()
             for p in (course / "release" / assignment).iterdir()}
    assert after == before
    assert not (course / ".release-staging").exists()
