"""nbgrader configuration of the course (read by every ``nbgrader`` command
run at the repo root, and by ``python -m autograder``)."""

import os

from nbconvert.preprocessors import (
    ClearMetadataPreprocessor,
    CSSHTMLHeaderPreprocessor,
)
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    Execute,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from autograder.nbgrader_plugins import StderrToStdout, StripTestTracebacks

c = get_config()  # noqa: F821 (injected by traitlets)

ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = ROOT
c.CourseDirectory.course_id = "d2l-zh-mxnet"
# sqlite waits up to 60 s for a lock instead of aborting the batch after 5 s.
c.CourseDirectory.db_url = (
    "sqlite:///" + os.path.join(ROOT, "gradebook.db") + "?timeout=60"
)

# The answer stub students see in release/.
c.ClearSolutions.code_stub = {
    "python": "# 请在此处作答 (YOUR CODE HERE)\nraise NotImplementedError()",
}

# Training cells (3.13 trains an MLP on Fashion-MNIST for 5 epochs, about
# 20 s on 2 cores) need far more than nbgrader's default 30 s per cell.
c.Execute.timeout = 300
c.Execute.interrupt_on_timeout = True

# A student who deletes a test cell gets it back, and it is graded.
c.OverwriteCells.add_missing_cells = True

# nbgrader scores a test cell 0 if it wrote anything to stderr; MXNet's and
# Python's warnings would zero a passing cell.  Relabel stderr in test cells
# as stdout right after execution: a failing test raises, and its error
# output still scores 0.
c.Autograde.autograde_preprocessors = [
    Execute,
    StderrToStdout,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# Feedback never shows hidden tests, nor traceback lines from them or from
# the autograder's code: a failing test cell shows its message only.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    StripTestTracebacks,
    CSSHTMLHeaderPreprocessor,
]
