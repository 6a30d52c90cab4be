"""A papermill engine that runs each notebook on a kernel started and warmed ahead of time.

`papermill -e policybrief in.ipynb out.ipynb` and `policybrief run` both use it. What it adds to papermill's
nbclient engine:

- a kernel started before the notebook arrives (`kernels.pool`), with the package imported and the chart
  renderer warmed outside the notebook's history;
- one kernel per notebook: a kernel is shut down after its notebook, never reused, so no variable, patched
  module or stray thread passes from one brief to the next (a replacement is started in the background);
- a deadline for the whole notebook (`execution_timeout`, in seconds), not per cell: three 1.2 s cells do not
  pass a 2 s budget; at the deadline the kernel is killed and the run raises TimeoutError.

A kernel that died in the pool is replaced when it is taken; one that hangs mid-notebook is killed at the
deadline with the notebook, and papermill reports the failure as usual.
"""

from __future__ import annotations

import asyncio
import threading

from jupyter_client.manager import AsyncKernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine
from papermill.utils import merge_kwargs, remove_args

from .kernels import KERNEL, discard, pool


class PolicybriefEngine(NBClientEngine):
    """papermill's nbclient engine on a pre-started, warmed kernel of its own, under one whole-notebook
    deadline."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, **kwargs):
        km = pool().take(timeout=start_timeout) if kernel_name in (None, KERNEL) else AsyncKernelManager(
            kernel_name=kernel_name)
        if not km.has_kernel:
            asyncio.run(km.start_kernel())
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            kwargs, timeout=None, startup_timeout=start_timeout, kernel_name=kernel_name or KERNEL,
            log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file, shutdown_kernel="immediate",
        )
        client = PapermillNotebookClient(nb_man, km=km, **final_kwargs)
        # The deadline is for the whole notebook: at it the kernel is killed, which ends the cell running then.
        expired = threading.Event()
        watchdog = threading.Timer(execution_timeout or 0, lambda: (expired.set(), discard(km)))
        if execution_timeout:
            watchdog.start()
        try:
            return client.execute()
        except Exception:
            if expired.is_set():
                raise TimeoutError(f"the notebook did not finish within {execution_timeout:g} s") from None
            raise
        finally:
            watchdog.cancel()
            if client.kc is not None:
                client.kc.stop_channels()
            discard(km)
