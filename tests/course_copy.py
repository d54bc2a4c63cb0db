"""A throw-away copy of the course (source/, release/, config) to grade in,
so tests never touch the repository's gradebook or folders."""

import shutil
from pathlib import Path

from autograder.submissions import ROOT


def copy_course(dest, with_release=True):
    """Copy what nbgrader needs into ``dest``; return it as a Path."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", dest)
    folders = ["source"] + (["release"] if with_release else [])
    for name in folders:
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest
