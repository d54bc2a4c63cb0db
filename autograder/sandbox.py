"""The sandbox every piece of student code runs in: bubblewrap + limits.

A sandboxed process (the student's kernel, or a probe process that
exercises one graded definition) sees:

- the system read-only (``/usr``, ``/etc``, ``/bin``, ``/lib*``), with
  private ``/proc``, ``/dev`` and ``/tmp``; nothing else of the machine
  exists in it (no home folders, ``/run``, ``/var``, course roots);
- of the course, only ``course/`` (what notebooks import), the
  interpreter and virtualenv, the data, and, for probe processes only,
  ``autograder/probes/`` (the harness that calls the student's code; it
  holds no expected values);
- one writable scratch folder, fresh for each process and deleted after;
- no network (``--unshare-net``: only a private loopback), its own PID,
  IPC and UTS namespaces, a new session, and death with its parent;
- a uid of its own (not root, so the process cap applies), no
  capabilities, ``no_new_privs``;
- caps on address space, CPU seconds, processes/threads, file size and
  core dumps (``prlimit``), and a clean environment.

Grading refuses to start where ``bwrap`` is missing, unless the
instructor opts out (``--Sandbox.enabled=False`` or ``COURSE_SANDBOX=off``),
in which case student code runs with the grader's permissions.
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from traitlets import Bool, Integer
from traitlets.config import LoggingConfigurable

__all__ = ["Sandbox", "SandboxUnavailable", "ROOT"]

ROOT = Path(__file__).resolve().parent.parent

_TOOLS = ("bwrap", "setpriv", "prlimit")
# The system a sandbox sees, read-only. Nothing else exists in it (no
# /home, /root, /run, /srv, /var, /work ...) but what is bound on top:
# course/, the interpreter and the virtualenv, the data, the scratch.
_SYSTEM = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
           "/libx32")
_PASSED_PREFIXES = ("OPENBLAS_", "GOTO_", "OMP_", "MKL_", "MXNET_")
# Sandbox uids: outside any real account; one per sandbox so that the
# process cap of one kernel never counts another's threads.
_UID_RANGE = (200000, 299999)


class SandboxUnavailable(RuntimeError):
    """The sandbox tool is missing and the instructor did not opt out."""


def _env_flag_off():
    return os.environ.get("COURSE_SANDBOX", "").lower() in (
        "off", "0", "no", "false")


class Sandbox(LoggingConfigurable):
    """Limits and plumbing of the sandbox (configurable in nbgrader_config).

    The wall-clock limits are enforced by the grader (``Execute.timeout``
    per cell, ``notebook_timeout`` per notebook, ``check_timeout`` per
    probe process); the others by the kernel (rlimits).
    """

    enabled = Bool(
        True, help="Run student code in bubblewrap. Turning this off runs "
        "it with the grader's permissions (COURSE_SANDBOX=off does too)."
    ).tag(config=True)
    memory_mb = Integer(
        3072, help="Address-space cap of each sandboxed process (MiB)."
    ).tag(config=True)
    cpu_seconds = Integer(
        900, help="CPU-time cap of each sandboxed process (s)."
    ).tag(config=True)
    max_processes = Integer(
        512, help="Cap on processes and threads of one sandbox (MXNet "
        "starts a few dozen threads)."
    ).tag(config=True)
    max_file_mb = Integer(
        64, help="Largest file a sandboxed process may write (MiB)."
    ).tag(config=True)
    notebook_timeout = Integer(
        1200, help="Wall-clock limit of one notebook's whole run (s)."
    ).tag(config=True)
    check_timeout = Integer(
        120, help="Wall-clock limit of one graded item's probe process (s)."
    ).tag(config=True)
    max_output_bytes = Integer(
        200000, help="Output kept per cell; the rest is cut (bytes)."
    ).tag(config=True)

    @property
    def active(self):
        return self.enabled and not _env_flag_off()

    def require(self):
        """Raise SandboxUnavailable unless the sandbox can run (or is off)."""
        if not self.active:
            self.log.warning(
                "Sandbox disabled: student code runs with the grader's "
                "permissions.")
            return
        missing = [tool for tool in _TOOLS if shutil.which(tool) is None]
        if missing:
            raise SandboxUnavailable(
                "Cannot grade safely: %s not found. Install them (Debian: "
                "apt-get install bubblewrap util-linux), or opt out "
                "explicitly with --Sandbox.enabled=False or "
                "COURSE_SANDBOX=off (student code then runs with your "
                "permissions)." % ", ".join(missing))

    # ------------------------------------------------------------------
    # Scratch folders and the command line
    # ------------------------------------------------------------------

    def new_uid(self):
        return random.randint(*_UID_RANGE)

    def make_scratch(self, uid, prefix="sandbox-"):
        """A fresh folder the sandboxed uid owns (0700)."""
        scratch = Path(tempfile.mkdtemp(prefix=prefix))
        if self.active and os.geteuid() == 0:
            os.chown(scratch, uid, uid)
        return scratch

    def remove_scratch(self, scratch):
        shutil.rmtree(scratch, ignore_errors=True)

    def environment(self, scratch, extra=None):
        """The whole environment of a sandboxed process (nothing leaks in
        from the grader's: no tokens, no JPY_PARENT_PID, whose parent
        poller would see the PID namespace's init and exit)."""
        env = {
            "PATH": os.pathsep.join([os.path.dirname(sys.executable),
                                     "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": str(scratch),
            "TMPDIR": str(scratch),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PYTHONPATH": str(ROOT),
            "PYTHONDONTWRITEBYTECODE": "1",
            "MPLCONFIGDIR": str(Path(scratch) / ".matplotlib"),
            "IPYTHONDIR": str(Path(scratch) / ".ipython"),
            "JUPYTER_RUNTIME_DIR": str(Path(scratch) / ".jupyter"),
            "MXNET_HOME": _mxnet_home(),
        }
        # Numeric tuning of the machine (e.g. OPENBLAS_CORETYPE: without
        # it OpenBLAS may pick slow generic kernels in a VM) and the data.
        for key, value in os.environ.items():
            if key.startswith(_PASSED_PREFIXES) or \
                    key == "COURSE_FASHION_MNIST":
                env[key] = value
        env.update(extra or {})
        return env

    def command(self, argv, scratch, uid, env, probes=False):
        """``argv`` wrapped in bwrap, setpriv and prlimit.

        With the sandbox off, only the environment is applied.
        """
        env_argv = ["env", "-i"] + ["%s=%s" % kv for kv in sorted(
            env.items())]
        if not self.active:
            return env_argv + list(argv)
        return (self._bwrap(scratch, probes) + self._setpriv(uid)
                + self._prlimit() + env_argv + list(argv))

    def _bwrap(self, scratch, probes):
        args = ["bwrap"]
        for path in _SYSTEM:
            if os.path.islink(path):
                args += ["--symlink", os.readlink(path), path]
            elif os.path.isdir(path):
                args += ["--ro-bind", path, path]
        args += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                 "--tmpfs", "/dev/shm"]
        visible = [ROOT / "course"] + _interpreter_paths()
        if probes:
            visible += [ROOT / "autograder" / "probes",
                        ROOT / "autograder" / "items.py"]
        data = [os.environ.get("COURSE_FASHION_MNIST"), _mxnet_home()]
        visible += [Path(p) for p in data if p and os.path.exists(p)]
        made = set()
        for path in visible:
            path = Path(os.path.realpath(path))
            if not path.exists() or _is_system(path):
                continue
            # Folders bwrap would make 0700 on the way: make them 0755.
            for parent in reversed(path.parents):
                if parent not in made and parent != Path("/") and \
                        not _is_system(parent):
                    made.add(parent)
                    args += ["--perms", "0755", "--dir", str(parent)]
            args += ["--ro-bind", str(path), str(path)]
        args += ["--bind", str(scratch), str(scratch),
                 "--chdir", str(scratch),
                 "--unshare-net", "--unshare-pid", "--unshare-ipc",
                 "--unshare-uts", "--unshare-cgroup-try",
                 "--die-with-parent", "--new-session", "--"]
        return args

    def _setpriv(self, uid):
        return ["setpriv", "--reuid=%d" % uid, "--regid=%d" % uid,
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
                "--no-new-privs", "--"]

    def _prlimit(self):
        mib = 1024 * 1024
        return ["prlimit",
                "--as=%d" % (self.memory_mb * mib),
                "--cpu=%d" % self.cpu_seconds,
                "--nproc=%d" % self.max_processes,
                "--fsize=%d" % (self.max_file_mb * mib),
                "--core=0", "--"]

    def health_problem(self):
        """'' if the sandbox works here, else what fails (cached)."""
        return _health_problem(self)

    # ------------------------------------------------------------------
    # Running a one-shot process
    # ------------------------------------------------------------------

    def run(self, argv, scratch, uid, timeout, probes=False, extra_env=None):
        """Run argv sandboxed in ``scratch``; return (exit code or None if
        killed at ``timeout``, the first 4 KiB of its stderr).

        Its stdout is discarded: nothing it prints reaches a student or
        the grader's memory.
        """
        env = self.environment(scratch, extra_env)
        cmd = self.command(argv, scratch, uid, env, probes=probes)
        err_path = Path(scratch) / ".stderr"
        with open(err_path, "wb") as err:
            try:
                proc = subprocess.run(
                    cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                    stderr=err, timeout=timeout, cwd=str(scratch))
                code = proc.returncode
            except subprocess.TimeoutExpired:
                code = None
        with open(err_path, "rb") as err:
            text = err.read(4096).decode("utf-8", "replace")
        return code, text


_HEALTH = {}


def _health_problem(sandbox):
    """'' if a sandboxed interpreter can import mxnet, else what failed."""
    key = (sandbox.active, sandbox.memory_mb, sandbox.max_processes)
    if key not in _HEALTH:
        uid = sandbox.new_uid()
        scratch = sandbox.make_scratch(uid, prefix="health-")
        try:
            code, err = sandbox.run(
                [sys.executable, "-c", "import mxnet, course"], scratch,
                uid, timeout=120)
        finally:
            sandbox.remove_scratch(scratch)
        _HEALTH[key] = "" if code == 0 else (
            "a sandboxed interpreter cannot import mxnet (exit %s): %s"
            % (code, err.strip()[-300:]))
    return _HEALTH[key]


def _interpreter_paths():
    """Folders the interpreter needs that a hidden folder may cover."""
    paths = []
    for prefix in {sys.prefix, sys.base_prefix,
                   os.path.realpath(sys.executable)}:
        path = Path(os.path.realpath(prefix))
        if path.is_file():
            path = path.parent.parent
        paths.append(path)
    return sorted(set(paths))


def _is_system(path):
    """Whether ``path`` is already visible as part of the system."""
    return any(path == Path(p) or Path(p) in path.parents for p in _SYSTEM)


def _mxnet_home():
    return os.environ.get("MXNET_HOME") or os.path.join(
        os.path.expanduser("~"), ".mxnet")
