"""Killing the grader mid-batch and running it again with --resume gives
the same gradebook as an uninterrupted run."""

import os
import shutil
import signal
import subprocess
import sys
import time

import catalogue
import pytest
from course_copy import copy_course
from nbgrader.api import Gradebook

from autograder.grading import kernel_env
from autograder.release import generate_release
from autograder.submissions import write_submission

pytestmark = pytest.mark.pipeline

CH04 = "ch04_deep_learning_computation"
NO_RELU = catalogue.WRONG["MLP"]["no_activation"].source
CLASS = {"a_right": {}, "b_no_relu": {"mlp": NO_RELU}, "c_untouched": None}


def make_class(folder):
    course = copy_course(folder, with_release=False)
    assert generate_release(course, log=lambda *_: None) == []
    for student, answers in CLASS.items():
        write_submission(course / "submitted", student, CH04, answers,
                         root=course)
    return course


def grade_command(course, *extra):
    return [sys.executable, "-m", "autograder", "--root", str(course),
            "grade", "--assignment", CH04, "--workers", "1", *extra]


def scores(course):
    with Gradebook("sqlite:///%s" % (course / "gradebook.db")) as gb:
        return {(s.student.id, n.name, g.name): (g.score, g.max_score)
                for s in gb.assignment_submissions(CH04)
                for n in s.notebooks for g in n.grades}


def test_killed_batch_resumes_to_the_same_gradebook(tmp_path):
    env = kernel_env()
    whole = make_class(tmp_path / "whole")
    killed = tmp_path / "killed"
    shutil.copytree(whole, killed)
    subprocess.run(grade_command(whole), env=env, check=True,
                   capture_output=True)
    expected = scores(whole)
    assert len({key[0] for key in expected}) == len(CLASS)

    proc = subprocess.Popen(grade_command(killed), env=env,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                            start_new_session=True)
    first = killed / "autograded" / "a_right" / CH04 / ".graded.json"
    deadline = time.monotonic() + 300
    while not first.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # the second submission is being graded now
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert first.exists()
    done = [s for s in CLASS if (killed / "autograded" / s / CH04 /
                                 ".graded.json").exists()]
    assert len(done) < len(CLASS), "the batch finished before the kill"

    resumed = subprocess.run(grade_command(killed, "--resume"), env=env,
                             capture_output=True, text=True, check=True)
    assert "already graded (--resume)" in resumed.stdout
    assert scores(killed) == expected
