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
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from autograder.nbgrader_plugins import (
    SafeNotebookExporter,
    SandboxedExecute,
    SanitizeSubmission,
    StripTestTracebacks,
    TrustedVerdicts,
)

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

# Grading cannot be fooled or broken by a submission (README, "Grading
# safely"): an unreadable notebook is rejected with its reason; nbgrader
# metadata is rebuilt from the source; the notebook runs in the sandbox;
# every grade cell's verdict comes from outside the kernel.
c.Autograde.exporter_class = SafeNotebookExporter
c.Autograde.sanitize_preprocessors = [
    SanitizeSubmission,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    SandboxedExecute,
    TrustedVerdicts,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# SanitizeSubmission already puts missing cells back; nbgrader's own
# restoring stays on as a second line.
c.OverwriteCells.add_missing_cells = True

# Limits of the sandbox (autograder/sandbox.py has them all). A cell may
# run 5 minutes (3.13 trains an MLP for about 20 s on 2 cores), a whole
# notebook 20 minutes; a graded item's probes 2 minutes.
c.Execute.timeout = 300
c.Sandbox.notebook_timeout = 1200
c.Sandbox.check_timeout = 120
c.Sandbox.memory_mb = 3072

# Feedback never shows hidden tests, nor traceback lines from them or from
# the autograder's code: a failing test cell shows its message only.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    StripTestTracebacks,
    CSSHTMLHeaderPreprocessor,
]
