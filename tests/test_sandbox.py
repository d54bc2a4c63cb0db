"""The sandbox student code runs in: what it hides, forbids and caps.

Each test runs a small Python program the way grading runs student code
(``Sandbox.run``: bubblewrap, its own uid, rlimits, clean environment)
and looks at what the program could see or do.
"""

import json
import os
import shutil
import sys
import textwrap

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.sandbox import ROOT, Sandbox, SandboxUnavailable
from autograder.sandbox_kernel import SandboxedKernelManager

pytestmark = pytest.mark.skipif(
    shutil.which("bwrap") is None, reason="bubblewrap is not installed")


def run_python(code, timeout=60, **limits):
    """Run ``code`` sandboxed; return (exit code, its JSON report)."""
    sandbox = Sandbox(**limits)
    uid = sandbox.new_uid()
    scratch = sandbox.make_scratch(uid)
    try:
        script = scratch / "probe.py"
        script.write_text(textwrap.dedent(code), encoding="utf-8")
        os.chmod(script, 0o644)
        code, stderr = sandbox.run([sys.executable, str(script)], scratch,
                                   uid, timeout)
        report = scratch / "report.json"
        data = json.loads(report.read_text()) if report.exists() else None
    finally:
        sandbox.remove_scratch(scratch)
    assert not scratch.exists()
    return code, data, stderr


REPORT = '''
import json
def report(**values):
    with open("report.json", "w") as f:
        json.dump(values, f)
'''


def test_student_code_sees_only_course_and_scratch():
    code, seen, _ = run_python(REPORT + '''
import os
root = %r
def visible(path):
    try:
        os.stat(path)
        return True
    except OSError:
        return False
report(
    root=sorted(os.listdir(root)),
    secret=[p for p in ["source", "autograder", "gradebook.db",
                        "submitted", "nbgrader_config.py"]
            if visible(os.path.join(root, p))],
    uid=os.getuid(),
    home=sorted(os.listdir("/root")) if visible("/root") else None,
    top=sorted(os.listdir("/")),
    pids=sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
    env=sorted(os.environ),
)
''' % str(ROOT))
    assert code == 0
    assert seen["secret"] == []
    assert set(seen["root"]) <= {"course", ".venv"}
    assert seen["uid"] >= 200000
    # Only what the interpreter and the data need of the home folder.
    assert set(seen["home"] or []) <= {".pyenv", ".mxnet"}
    # Nothing of the machine but the system and what is bound on top.
    assert not {"home", "srv", "var", "run", "mnt"} & set(seen["top"])
    # A PID namespace of its own: the grader's processes are invisible.
    assert max(seen["pids"]) < 50
    assert "JPY_PARENT_PID" not in seen["env"]


def test_probe_processes_also_see_the_probes_only():
    sandbox = Sandbox()
    uid = sandbox.new_uid()
    scratch = sandbox.make_scratch(uid)
    try:
        script = scratch / "probe.py"
        script.write_text(
            "import os, json\n"
            "json.dump(sorted(os.listdir(%r)), open('r.json', 'w'))\n"
            % str(ROOT / "autograder"), encoding="utf-8")
        os.chmod(script, 0o644)
        code, _ = sandbox.run([sys.executable, str(script)], scratch, uid,
                              60, probes=True)
        listed = json.loads((scratch / "r.json").read_text())
    finally:
        sandbox.remove_scratch(scratch)
    assert code == 0
    assert listed == ["items.py", "probes"]


def test_no_network_and_a_read_only_system():
    code, seen, _ = run_python(REPORT + '''
import socket
def connect(host, port):
    try:
        socket.create_connection((host, port), timeout=2).close()
        return "CONNECTED"
    except OSError as exc:
        return type(exc).__name__
def write(path):
    try:
        with open(path, "a") as f:
            f.write("x")
        return "WROTE"
    except OSError as exc:
        return type(exc).__name__
report(net=connect("8.8.8.8", 53), local=connect("127.0.0.1", 22),
       etc=write("/etc/passwd"), usr=write("/usr/lib/x"),
       course=write(%r), scratch=write("mine.txt"))
''' % str(ROOT / "course" / "__init__.py"))
    assert code == 0
    assert seen["net"] != "CONNECTED" and seen["local"] != "CONNECTED"
    assert "WROTE" not in (seen["etc"], seen["usr"], seen["course"])
    assert seen["scratch"] == "WROTE"


def test_memory_is_capped():
    code, seen, _ = run_python(REPORT + '''
try:
    block = bytearray(3 * 2 ** 30)
    report(result="ALLOCATED")
except MemoryError:
    report(result="MemoryError")
''', memory_mb=1024)
    assert code == 0 and seen["result"] == "MemoryError"


def test_processes_are_capped_and_die_with_the_sandbox():
    code, seen, _ = run_python(REPORT + '''
import os, time
children = 0
try:
    for _ in range(500):
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        children += 1
    report(children=children, capped=False)
except OSError:
    report(children=children, capped=True)
''', max_processes=40)
    assert code == 0 and seen["capped"] and seen["children"] < 40


def test_wall_clock_limit_kills_the_whole_sandbox():
    code, seen, _ = run_python('''
import os, time
if os.fork() == 0:
    time.sleep(600)
time.sleep(600)
''', timeout=3)
    assert code is None


def test_file_size_is_capped():
    code, seen, _ = run_python(REPORT + '''
try:
    with open("big.bin", "wb") as f:
        f.write(b"x" * (3 * 2 ** 20))
    report(result="WROTE")
except OSError as exc:
    report(result=type(exc).__name__)
''', max_file_mb=1)
    # Python ignores SIGXFSZ, so the write fails with EFBIG.
    assert seen["result"] == "OSError"


def test_grading_refuses_to_start_without_bubblewrap(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda tool: None)
    with pytest.raises(SandboxUnavailable, match="bwrap"):
        Sandbox().require()
    monkeypatch.setenv("COURSE_SANDBOX", "off")
    Sandbox().require()  # explicit opt-out: a warning, no error
    assert Sandbox(enabled=False).command(["true"], "/tmp", 1, {}) == [
        "env", "-i", "true"]


def test_sandboxed_kernel_runs_a_notebook_without_network():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in [
        "import os, socket\nprint(os.getuid() >= 200000)",
        "from mxnet import nd\nprint(nd.ones((2, 3)).sum().asscalar())",
        "try:\n    socket.create_connection(('8.8.8.8', 53), timeout=2)\n"
        "    print('CONNECTED')\nexcept OSError:\n    print('offline')",
    ]]
    client = NotebookClient(nb, kernel_manager_class=SandboxedKernelManager,
                            timeout=120)
    client.execute()
    texts = ["".join(o.get("text", "") for o in cell.outputs)
             for cell in nb.cells]
    assert texts == ["True\n", "6.0\n", "offline\n"]
