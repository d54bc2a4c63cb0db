"""Verdicts computed where student code cannot reach them.

For each graded item of a notebook, the graded definitions (extracted by
AST, :mod:`autograder.extract`) run in a fresh sandboxed process,
``python -m autograder.probes``, whose probes call them on hidden inputs
and write only data, one record file per grade cell. This process (the
grader's) reads the records with a strict decoder and lets the judges of
:mod:`autograder.checks` decide. Nothing the student's code does in its
process can change a judge, a reference value or another record than the
ones it writes about itself.
"""

import json
import os
import sys
import time
from dataclasses import dataclass, field

from .extract import graded_definitions
from .items import ANSWER_CELLS, GRADED_ITEMS
from .sandbox import Sandbox

__all__ = ["ItemVerdicts", "SandboxBroken", "judge_item"]

# A record file larger than this is not read (dropout's largest record,
# two 10^6-element float64 arrays, is about 22 MB once encoded).
MAX_RECORD_BYTES = 128 * 1024 * 1024


class SandboxBroken(RuntimeError):
    """The probe process could not start: the grader's fault, not the
    student's (the submission is reported as an error, not a zero)."""


@dataclass
class ItemVerdicts:
    """The verdict of every grade cell of one item, and how it went."""

    item: str
    # grade_id -> None (passed) or the student's message.
    messages: dict = field(default_factory=dict)
    # Something the instructor should know (timeout, moved definition).
    incident: str = ""
    seconds: float = 0.0


def _read_record(path):
    from .probes import wire

    try:
        if os.path.getsize(path) > MAX_RECORD_BYTES:
            return None
        with open(path, "rb") as f:
            record = wire.decode(f.read())
    except (OSError, ValueError):  # WireError is a ValueError
        return None
    return record if isinstance(record, dict) else None


def judge_item(nb, item, sandbox=None):
    """ItemVerdicts for ``item`` in notebook ``nb`` (a NotebookNode)."""
    from .checks import verdict

    sandbox = sandbox or Sandbox()
    grade_ids = GRADED_ITEMS[item]
    start = time.monotonic()
    found = graded_definitions(nb, item, ANSWER_CELLS[item])
    result = ItemVerdicts(item, incident=found.note)
    if found.error:
        result.messages = {gid: found.error for gid in grade_ids}
        return result
    uid = sandbox.new_uid()
    scratch = sandbox.make_scratch(uid, prefix="probe-")
    try:
        request = scratch / "request.json"
        request.write_text(json.dumps({
            "item": item, "grade_ids": grade_ids,
            "imports": found.imports, "definitions": found.definitions,
        }), encoding="utf-8")
        out = scratch / "out"
        out.mkdir()
        if sandbox.active and os.geteuid() == 0:
            for path in (request, out):
                os.chown(path, uid, uid)
        code, stderr = sandbox.run(
            [sys.executable, "-m", "autograder.probes", str(request),
             str(out)], scratch, uid, sandbox.check_timeout, probes=True)
        if not (out / ".started").exists():
            # Student code may have deleted the marker: blame the sandbox
            # only if a process running no student code fails there too.
            problem = sandbox.health_problem()
            if problem:
                raise SandboxBroken(
                    "the probe process for %s did not start (exit %s): %s; "
                    "%s" % (item, code, stderr.strip()[-300:], problem))
        records = {gid: _read_record(out / (gid + ".rec"))
                   for gid in grade_ids}
    finally:
        sandbox.remove_scratch(scratch)
    if code is None:
        result.incident = _join(result.incident, (
            '{} 的检查超过了 {} 秒的时限，进程被终止。'.format(
                item, sandbox.check_timeout)))
    elif any(r is None for r in records.values()):
        result.incident = _join(result.incident, (
            '{} 的检查进程中途退出（退出码 {}）。'.format(item, code)))
    result.messages = {gid: verdict(gid, records[gid]) for gid in grade_ids}
    result.seconds = time.monotonic() - start
    return result


def _join(first, second):
    return (first + " " + second).strip()
