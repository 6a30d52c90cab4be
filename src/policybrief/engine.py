"""A papermill engine that runs each notebook on a kernel started and warmed ahead of time.

`papermill --engine policybrief in.ipynb out.ipynb` and `policybrief run` both use it. What it adds to papermill's
nbclient engine:

- a kernel started before the notebook arrives (`kernels.pool`), with the package imported and the chart
  renderer warmed outside the notebook's history (a process's first kernel runs one notebook only, so that a
  single brief does not wait for the longer warming a reusable kernel gets);
- kernels that run notebook after notebook, with nothing passing between them: after each notebook the kernel
  is checked (`kernel_state`), its namespace and history cleared, and it is given up for a fresh one when the
  notebook rebound a module's or a class's attribute, imported a module, left a thread, or changed the
  environment or sys.path; a notebook that failed or ran out of time gives its kernel up. Each notebook runs
  in papermill's --cwd (or the engine's `kernel_cwd`, which leaves this process where it is), and the kernel
  goes back to its own folder after it. The kernels keep no IPython history database, which all of a user's
  kernels share;
- a deadline for the whole notebook (`execution_timeout`, in seconds), not per cell: three 1.2 s cells do not
  pass a 2 s budget; at the deadline the kernel is killed and the run raises TimeoutError.

A kernel that died in the pool is replaced when it is taken; one that hangs mid-notebook is killed at the
deadline with the notebook, and papermill reports the failure as usual.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time

from jupyter_client.manager import AsyncKernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, NotebookExecutionManager, catch_nb_assignment
from papermill.utils import merge_kwargs, remove_args

from .kernels import KERNEL, discard, enter, pool

logger = logging.getLogger(__name__)


# While cells run, the notebook is written at most this often (seconds); it is always written at the end.
SAVE_EVERY = 1.0


class _SavingLess(NotebookExecutionManager):
    """papermill writes, and validates, the whole notebook before and after every cell: a fifth of a warm
    brief's time. Here that happens at most once a second while cells run, and when the notebook ends with
    an error of the engine's (a deadline, a dead kernel), so a run killed mid-notebook still leaves it nearly as
    far as it got. A notebook whose cells all ran is written by papermill itself as the engine returns."""

    _saved_at = 0.0
    ran = False  # every cell ran (some may have failed): papermill writes the notebook next

    @catch_nb_assignment
    def save(self, **kwargs):
        if self.end_time is None and time.monotonic() - self._saved_at < SAVE_EVERY or self.ran:
            return
        self._saved_at = time.monotonic()
        super().save(**kwargs)


class PolicybriefEngine(NBClientEngine):
    """papermill's nbclient engine on a pre-started, warmed kernel of its own, under one whole-notebook
    deadline."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                         autosave_cell_every=30, **kwargs):
        nb_man = _SavingLess(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                             autosave_cell_every=autosave_cell_every)
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            nb_man.ran = True
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, kernel_cwd=None, **kwargs):
        """`kernel_cwd`: the folder the notebook runs in. papermill's own `cwd` moves the whole process there,
        under the feet of its other threads (a worker analyses the next brief meanwhile, with relative paths)."""
        folder = kernel_cwd or os.getcwd()
        pooled = kernel_name in (None, KERNEL)
        km = pool().take(timeout=start_timeout) if pooled else AsyncKernelManager(kernel_name=kernel_name)
        if not km.has_kernel:
            asyncio.run(km.start_kernel(cwd=folder))
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            kwargs, timeout=None, startup_timeout=start_timeout, kernel_name=kernel_name or KERNEL,
            log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file, shutdown_kernel="immediate",
        )
        if pooled:
            enter(km, folder)
        client = PapermillNotebookClient(nb_man, km=km, **final_kwargs)
        # The deadline is for the whole notebook: at it the kernel is killed, which ends the cell running then.
        expired = threading.Event()
        watchdog = threading.Timer(execution_timeout or 0, lambda: (expired.set(), discard(km)))
        if execution_timeout:
            watchdog.start()
        reuse = False
        try:
            nb = client.execute()
            watchdog.cancel()
            failed = any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
            reuse = pooled and pool().reusable(km) and not expired.is_set() and not failed
            return nb
        except Exception:
            if expired.is_set():
                raise TimeoutError(f"the notebook did not finish within {execution_timeout:g} s") from None
            raise
        finally:
            watchdog.cancel()
            if client.kc is not None:
                client.kc.stop_channels()
            if reuse:
                pool().release(km)
            elif pooled:
                pool().finished(km, clean=False)
            else:
                discard(km)
