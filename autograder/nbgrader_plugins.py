"""nbgrader plugins the course wires in through nbgrader_config.py.

``nbgrader autograde`` reads each submitted notebook, sanitizes it, runs
it and records the grade cells' scores. The course changes each step so
that a submission can neither gain points by tricks nor break the batch:

1. ``SafeNotebookExporter`` reads the file; an unreadable notebook
   (corrupt JSON, empty, nbformat 3, too large) is replaced by the
   release's version and marked *rejected* with the reason.
2. ``SanitizeSubmission`` (first sanitize step) gives every nbgrader cell
   the source's metadata, strips it from duplicated, re-pointed, retyped
   or invented cells, and puts missing grade and answer cells back.
3. ``SandboxedExecute`` runs the notebook in the sandbox
   (:mod:`autograder.sandbox`) with hidden tests removed from the source
   it sends, a per-cell and a per-notebook time limit and an output cap;
   a cell that times out or a kernel that dies stops the run, which is
   recorded as an incident. This run only produces what the student
   reads: public test results, plots, training logs.
4. ``TrustedVerdicts`` decides every grade cell from outside the kernel
   (:mod:`autograder.trusted`) and rewrites the test cells' outputs: the
   kernel's output as plain text, then the verdict (an error output with
   the check's message when it fails). nbgrader scores these outputs.
   It also writes ``<notebook>.grading.json`` next to the autograded
   notebook: status (graded / rejected), reason, incidents.
5. ``StripTestTracebacks`` (feedback) keeps test-cell errors to one line.
"""

import copy
import json
import os
import time
from pathlib import Path

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert.exporters import NotebookExporter
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from .items import GRADED_ITEMS, item_of
from .sandbox import Sandbox
from .sandbox_kernel import SandboxedKernelManager

__all__ = [
    "SafeNotebookExporter",
    "SandboxedExecute",
    "SanitizeSubmission",
    "StripTestTracebacks",
    "TrustedVerdicts",
    "grading_record_path",
]

STATE_KEY = "course_grading"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
_CHECKED = {gid for gids in GRADED_ITEMS.values() for gid in gids}


def _is_test_cell(cell):
    return (
        cell.cell_type == "code"
        and utils.is_grade(cell)
        and not utils.is_solution(cell)
    )


def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _state(nb):
    return nb.metadata.setdefault(STATE_KEY, {})


def _rejected(nb):
    return nb.metadata.get(STATE_KEY, {}).get("rejected", "")


def grading_record_path(folder, notebook):
    """Where TrustedVerdicts records how a notebook's grading went."""
    return Path(folder) / (notebook + ".grading.json")


# ----------------------------------------------------------------------
# 1. Reading
# ----------------------------------------------------------------------

def unreadable_reason(path):
    """Why the notebook file at ``path`` cannot be graded, or ''."""
    try:
        size = os.path.getsize(path)
        if size == 0:
            return "笔记本文件是空的 (0 字节)"
        if size > MAX_NOTEBOOK_BYTES:
            return "笔记本文件太大 ({:.0f} MB)".format(size / 2 ** 20)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        data = json.loads(text)
    except UnicodeDecodeError:
        return "笔记本文件不是 UTF-8 文本"
    except ValueError as exc:
        return "笔记本文件不是有效的 JSON ({})".format(str(exc)[:80])
    except OSError as exc:
        return "无法读取笔记本文件 ({})".format(exc.strerror)
    if not isinstance(data, dict) or "cells" not in data and \
            "worksheets" not in data:
        return "文件不是 Jupyter 笔记本"
    if data.get("nbformat") != 4:
        return ("笔记本格式是 nbformat {}，课程只接受 nbformat 4：请用 "
                "JupyterLab 打开后重新保存".format(data.get("nbformat")))
    try:
        nb = nbformat.reads(text, as_version=4)
        for cell in nb.cells:
            cell.cell_type, cell.source, cell.metadata  # noqa: B018
    except Exception as exc:
        return "笔记本结构无效 ({})".format(type(exc).__name__)
    return ""


class SafeNotebookExporter(NotebookExporter):
    """A NotebookExporter that never fails on a student's bad file.

    An unreadable submission is replaced by the released notebook (stubs
    only, so it scores nothing) marked rejected with the reason; the
    submitted file itself is never modified.
    """

    def from_filename(self, filename, resources=None, **kw):
        reason = unreadable_reason(filename)
        if not reason:
            return super().from_filename(filename, resources, **kw)
        self.log.warning("Rejecting %s: %s", filename, reason)
        nb = self._stand_in(filename, resources)
        _state(nb)["rejected"] = reason
        resources = resources if resources is not None else {}
        resources.setdefault("metadata", {})
        path, basename = os.path.split(filename)
        resources["metadata"]["name"] = os.path.splitext(basename)[0]
        resources["metadata"]["path"] = path
        return self.from_notebook_node(nb, resources=resources, **kw)

    def _stand_in(self, filename, resources):
        info = (resources or {}).get("nbgrader", {})
        release = None
        coursedir = getattr(self.parent, "coursedir", None)
        if coursedir is not None and info:
            release = Path(coursedir.format_path(
                coursedir.release_directory, ".", info["assignment"])) / (
                info["notebook"] + ".ipynb")
        if release is not None and release.is_file():
            return nbformat.read(release, as_version=4)
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3",
                                     "display_name": "Python 3",
                                     "language": "python"}
        return nb


# ----------------------------------------------------------------------
# 2. Sanitizing
# ----------------------------------------------------------------------

class SanitizeSubmission(NbGraderPreprocessor):
    """Make the submission's nbgrader cells exactly the source's.

    Only the first cell claiming a grade_id of the source notebook, with
    the source's cell type and kind (answer / test / locked), keeps its
    nbgrader metadata, which is rewritten from the gradebook (points,
    checksum, schema). Every other cell claiming nbgrader metadata becomes
    an ordinary cell. Missing grade cells come back with the source's
    code; a missing answer cell comes back as an empty stub.
    """

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            try:
                source = gb.find_notebook(info["notebook"],
                                          info["assignment"])
            except MissingEntry:
                return nb, resources
            canon = _canonical_cells(source)
        order = list(canon)
        seen = set()
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if meta is None:
                continue
            grade_id = meta.get("grade_id") if isinstance(meta, dict) \
                else None
            want = canon.get(grade_id)
            if (want is None or grade_id in seen
                    or cell.cell_type != want["cell_type"]
                    or not _same_kind(meta, want["metadata"])):
                self.log.warning("Stripping nbgrader metadata from a cell "
                                 "claiming %r", grade_id)
                del cell.metadata["nbgrader"]
                continue
            seen.add(grade_id)
            cell.metadata["nbgrader"] = copy.deepcopy(want["metadata"])
        for grade_id in order:
            if grade_id not in seen and (
                    canon[grade_id]["metadata"]["grade"]
                    or canon[grade_id]["metadata"]["solution"]):
                self._restore(nb, grade_id, canon, order)
        return nb, resources

    def _restore(self, nb, grade_id, canon, order):
        self.log.warning("Restoring missing cell %s", grade_id)
        want = canon[grade_id]
        meta = copy.deepcopy(want["metadata"])
        if meta["solution"]:
            source = "# （答案单元缺失，已由评分程序补回）"
        else:
            source = want["source"]
        if want["cell_type"] == "code":
            cell = nbformat.v4.new_code_cell(source)
        else:
            cell = nbformat.v4.new_markdown_cell(source)
        cell.metadata["nbgrader"] = meta
        position = 0
        earlier = set(order[:order.index(grade_id)])
        for index, other in enumerate(nb.cells):
            other_id = other.get("metadata", {}).get("nbgrader", {}).get(
                "grade_id")
            if other_id in earlier:
                position = index + 1
        nb.cells.insert(position, cell)


def _canonical_cells(source):
    grade = {c.name: c for c in source.grade_cells}
    solution = {c.name for c in source.solution_cells}
    task = {c.name for c in source.task_cells}
    canon = {}
    for cell in source.source_cells:
        meta = {
            "grade": cell.name in grade and cell.name not in task,
            "grade_id": cell.name,
            "locked": bool(cell.locked),
            "schema_version": 3,
            "solution": cell.name in solution,
            "task": cell.name in task,
        }
        if cell.name in grade:
            meta["points"] = float(grade[cell.name].max_score)
        if cell.checksum:
            meta["checksum"] = cell.checksum
        canon[cell.name] = {"cell_type": cell.cell_type, "metadata": meta,
                            "source": cell.source}
    return canon


def _same_kind(meta, want):
    return all(bool(meta.get(key)) == bool(want.get(key))
               for key in ("grade", "solution", "locked", "task"))


# ----------------------------------------------------------------------
# 3. Running in the sandbox
# ----------------------------------------------------------------------

def _without_hidden_tests(source):
    lines, hidden = [], False
    for line in source.splitlines(keepends=True):
        if BEGIN_HIDDEN in line:
            hidden = True
        elif END_HIDDEN in line:
            hidden = False
        elif not hidden:
            lines.append(line)
    return "".join(lines)


def _text_output(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


class SandboxedExecute(Execute):
    """nbgrader's Execute with the kernel in the sandbox, and limits.

    Test cells run without their hidden part (the kernel cannot import
    the checks anyway); their full source is put back afterwards.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources, km=None):
        state = _state(nb)
        if _rejected(nb):
            return nb, resources
        self.sandbox = Sandbox(parent=self)
        self.sandbox.require()
        hidden = {}
        for index, cell in enumerate(nb.cells):
            if _is_test_cell(cell) and BEGIN_HIDDEN in cell.source:
                hidden[index] = cell.source
                cell.source = _without_hidden_tests(cell.source)
        self._deadline = time.monotonic() + self.sandbox.notebook_timeout
        self._stopped = ""
        self._incidents = []
        self._cut = set()
        self._sizes = {}
        self.interrupt_on_timeout = False
        start = time.monotonic()
        try:
            nb, resources = super().preprocess(nb, resources, km)
        finally:
            for index, source in hidden.items():
                nb.cells[index].source = source
        state["incidents"] = state.get("incidents", []) + (
            self._incidents) + ([self._stopped] if self._stopped else []) + [
            "第 {} 个单元的输出超过 {} 字节，已截断。".format(
                i + 1, self.sandbox.max_output_bytes)
            for i in sorted(self._cut)]
        state["run_seconds"] = round(time.monotonic() - start, 2)
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, resources
        if not self._stopped and time.monotonic() >= self._deadline:
            self._stop("整个笔记本的运行超过了 {} 秒的时限，之后的单元没有"
                       "运行。".format(self.sandbox.notebook_timeout))
        if self._stopped:
            cell.outputs = [_text_output("（未运行：{}）\n".format(
                self._stopped))]
            return cell, resources
        limit = self.timeout or self.sandbox.notebook_timeout
        saved = self.timeout
        self.timeout = max(1, int(min(
            limit, self._deadline - time.monotonic())))
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
            if any(out.get("ename") == "MemoryError"
                   for out in cell.get("outputs", [])):
                self._incidents.append(
                    "第 {} 个单元内存不足 (MemoryError)：超出了 {} MB 的"
                    "上限。".format(index + 1, self.sandbox.memory_mb))
            return cell, resources
        except CellTimeoutError:
            self._stop("第 {} 个单元运行超过了 {} 秒的时限，内核被终止，之后的"
                       "单元没有运行。".format(index + 1, self.timeout))
        except DeadKernelError:
            self._stop("内核在运行第 {} 个单元时退出（是否调用了 os._exit，或"
                       "超出了内存、CPU 时间或进程数的上限？），之后的单元没有"
                       "运行。".format(index + 1))
        finally:
            self.timeout = saved
        cell.outputs.append(nbformat.v4.new_output(
            "error", ename="RunStopped", evalue=self._stopped,
            traceback=["RunStopped: " + self._stopped]))
        return cell, resources

    def _stop(self, reason):
        self._stopped = reason
        self.shutdown_kernel = "immediate"

    def output(self, outs, msg, display_id, cell_index):
        """Keep at most ``max_output_bytes`` of each cell's output."""
        out = super().output(outs, msg, display_id, cell_index)
        if out is None:
            return out
        cap = self.sandbox.max_output_bytes
        size = len(json.dumps(out))
        before = self._sizes.get(cell_index, 0)
        self._sizes[cell_index] = before + size
        if before + size <= cap:
            return out
        outs.pop()
        if cell_index not in self._cut:
            self._cut.add(cell_index)
            room = max(0, cap - before)
            if out.get("output_type") == "stream" and room:
                outs.append(_text_output(out.get("text", "")[:room],
                                         out.get("name", "stdout")))
            outs.append(_text_output(
                "\n（输出超过 {} 字节，其余部分已截断。）\n".format(cap)))
        return None


# ----------------------------------------------------------------------
# 4. Verdicts
# ----------------------------------------------------------------------

def _plain(outputs):
    """The kernel's outputs of a test cell, unable to change its score:
    errors and results become text, stderr becomes stdout."""
    plain = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            plain.append(_text_output(out.get("text", "")))
        elif kind == "error":
            plain.append(_text_output("{}: {}\n".format(
                out.get("ename", ""), out.get("evalue", ""))))
        elif kind == "execute_result":
            text = out.get("data", {}).get("text/plain", "")
            if text:
                plain.append(_text_output(str(text) + "\n"))
        elif kind == "display_data":
            plain.append(out)
    if plain:
        plain.insert(0, _text_output(
            "【你的代码在这个单元的输出（不计分）】\n"))
    return plain


def _verdict_output(grade_id, message):
    if message is None:
        return _text_output("【评分】{}：通过 (passed)。\n".format(grade_id))
    return nbformat.v4.new_output(
        "error", ename="CheckFailed", evalue=message,
        traceback=["CheckFailed: " + message])


class TrustedVerdicts(NbGraderPreprocessor):
    """Score every checked test cell from outside the kernel."""

    def preprocess(self, nb, resources):
        from .trusted import judge_item

        state = _state(nb)
        tests = [c for c in nb.cells
                 if _is_test_cell(c) and _grade_id(c) in _CHECKED]
        items = []
        for cell in tests:
            item = item_of(_grade_id(cell))
            if item not in items:
                items.append(item)
        reason = _rejected(nb)
        messages, incidents = {}, list(state.get("incidents", []))
        if reason:
            note = "这个笔记本没有评分：{}。".format(reason)
            messages = {_grade_id(c): note for c in tests}
        else:
            sandbox = Sandbox(parent=self)
            sandbox.require()
            start = time.monotonic()
            for item in items:
                verdicts = judge_item(nb, item, sandbox)
                messages.update(verdicts.messages)
                if verdicts.incident:
                    incidents.append(verdicts.incident)
            state["check_seconds"] = round(time.monotonic() - start, 2)
        for cell in tests:
            grade_id = _grade_id(cell)
            cell.outputs = _plain(cell.outputs) + [
                _verdict_output(grade_id, messages.get(grade_id))]
        record = {
            "status": "rejected" if reason else "graded",
            "reason": reason,
            "incidents": incidents,
            "run_seconds": state.get("run_seconds"),
            "check_seconds": state.get("check_seconds"),
        }
        folder = resources.get("metadata", {}).get("path")
        if folder:
            path = grading_record_path(folder, resources["nbgrader"][
                "notebook"])
            path.write_text(json.dumps(record, ensure_ascii=False, indent=1),
                            encoding="utf-8")
        nb.metadata.pop(STATE_KEY, None)
        return nb, resources


# ----------------------------------------------------------------------
# 5. Feedback
# ----------------------------------------------------------------------

class StripTestTracebacks(NbGraderPreprocessor):
    """Reduce the errors of test cells to their last line for feedback."""

    def preprocess_cell(self, cell, resources, cell_index):
        if _is_test_cell(cell):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [
                        "%s: %s" % (output.ename, output.evalue)
                    ]
        return cell, resources

