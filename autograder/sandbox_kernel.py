"""A Jupyter kernel manager whose kernels run in the sandbox.

The kernel's network is unshared, so it talks to the grader over ZeroMQ
IPC sockets (``transport='ipc'``) in its scratch folder instead of TCP.
Interrupts go as control messages (a signal to ``bwrap`` would not reach
the kernel in its PID namespace). Killing the kernel kills ``bwrap``, and
with it every process the student's code started.
"""

import os
import subprocess

from jupyter_client.manager import AsyncKernelManager
from traitlets import Instance

from .sandbox import Sandbox

__all__ = ["SandboxedKernelManager"]


class SandboxedKernelManager(AsyncKernelManager):
    """AsyncKernelManager launching ``ipykernel`` inside bubblewrap."""

    sandbox = Instance(Sandbox, allow_none=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.sandbox is None:
            self.sandbox = Sandbox(parent=self)
        self.sandbox_uid = self.sandbox.new_uid()
        self.scratch = self.sandbox.make_scratch(self.sandbox_uid,
                                                 prefix="kernel-")
        self.transport = "ipc"
        self.ip = str(self.scratch / "kernel")
        self.connection_file = str(self.scratch / "connection.json")

    async def _async_pre_start_kernel(self, **kw):
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        self.kernel_spec.interrupt_mode = "message"
        # The scratch folder is the kernel's working directory and home.
        kw["cwd"] = str(self.scratch)
        kw["env"] = {"PATH": "/usr/bin:/bin"}
        # What the kernel writes to its own stdout/stderr (outside any
        # cell) must not reach the grader's log.
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
        return cmd, kw

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        env = self.sandbox.environment(self.scratch)
        return self.sandbox.command(cmd, self.scratch, self.sandbox_uid, env)

    def _chown_connection_file(self):
        if self.sandbox.active and os.geteuid() == 0:
            os.chown(self.connection_file, self.sandbox_uid,
                     self.sandbox_uid)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        self._chown_connection_file()
        await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self.sandbox.remove_scratch(self.scratch)
