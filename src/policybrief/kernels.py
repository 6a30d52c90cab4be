"""Kernels started ahead of the notebooks they will run: a pool of them, each over IPC sockets, with the
package imported, the chart renderer warmed and the template run once, all outside the notebook's history.

A kernel runs notebook after notebook as long as each leaves nothing behind (`kernel_state`): the engine hands
it back with `release`, which checks and clears it in the background (while the worker exports the brief it
ran) and keeps it for the next notebook, or with `finished`, which also starts a fresh one in its place.

It needs only jupyter_client, so a worker process starts its first kernel before importing papermill and the
exporters: the kernel's start-up and the worker's imports then run side by side, on two cores.
"""

from __future__ import annotations

import ast
import asyncio
import atexit
import json
import logging
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
from importlib.resources import files

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

logger = logging.getLogger(__name__)

KERNEL = "python3"
# A kernel is replaced after this many notebooks even when each left nothing behind that `kernel_state` sees:
# it bounds what it cannot see (memory a notebook kept inside an object, a cache that grew).
MAX_USES = 100


def _template_code() -> str:
    """The template's code cells: run once on the bundled sample, they import every module a brief needs, so
    that the state taken after them is the one each brief starts from."""
    notebook = json.loads((files("policybrief") / "notebooks" / "brief.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")


# jsonschema checks the "iri" formats with rfc3987-syntax when that is installed (JupyterLab brings it, through
# jupyter-events), and rfc3987-syntax builds a parser for them as it is imported: 0.7 s of the start of every
# process that imports Altair or nbformat. No schema a brief is checked against (Vega-Lite's, the notebook
# format's) uses those formats, so the processes a batch starts, and `policybrief run` itself, leave it out.
UNUSED_MODULES = ("rfc3987_syntax",)


def skip_unused_modules() -> None:
    """Have imports of UNUSED_MODULES in this process fail, as if they were not installed."""
    for name in UNUSED_MODULES:
        sys.modules.setdefault(name, None)


# Imports and a first chart in the kernel before the notebook: about 1.7 s of every notebook otherwise.
QUICK_CODE = (
    "__import__('policybrief.kernels').kernels.skip_unused_modules()\n"
    "import policybrief.notebook, policybrief.present, policybrief.charts\n"
    "import vl_convert as _vlc\n"
    "_vlc.vegalite_to_svg({'mark': 'point', 'data': {'values': [{'a': 1}]},\n"
    "                      'encoding': {'x': {'field': 'a', 'type': 'quantitative'}}})\n"
    "del _vlc\n"
)
# A kernel that is to run notebook after notebook also runs a whole brief first, so that what the template sets
# up on first use (modules it imports late, caches Altair fills) is in the state each notebook starts from.
WARM_CODE = (
    f"{QUICK_CODE}{_template_code()}\n"
    # pyzmq sets up a thread on a kernel's first output over 64 kB (a big map): done now, it is part of the
    # state each notebook starts from rather than something a notebook left behind.
    "from IPython.display import display as _display\n"
    "_display({'text/plain': '.' * 100_000}, raw=True)\n"
)


class QuickClient(AsyncKernelClient):
    """A client that knows its kernel is ready as soon as it is: jupyter_client's own check ends by listening
    for 0.2 s of silence on IOPub, which nbclient, the state check and the folder change each paid on every
    notebook. Here the kernel_info request's own "idle" on IOPub shows the channel is connected.

    It starts no heartbeat channel: nothing here reads it (nbclient and the pool ask the kernel manager whether
    the process lives), and jupyter_client's heartbeat thread, stopped before it has run, sets itself running
    again and opens sockets in a loop until the process has no file descriptors left ("Too many open files");
    one in five clients stopped at once did so here."""

    def start_channels(self, *args, hb: bool = False, **kwargs) -> None:
        super().start_channels(*args, hb=hb, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (timeout if timeout is not None else float("inf"))
        while True:
            msg_id = self.kernel_info()
            reply = await self._reply_to(msg_id, self.shell_channel, deadline)
            if reply is not None and await self._idle_after(msg_id, deadline):
                self._handle_kernel_info_reply(reply)
                return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

    @staticmethod
    async def _reply_to(msg_id: str, channel, deadline: float) -> dict | None:
        while (left := min(1.0, deadline - time.monotonic())) > 0:
            try:
                msg = await channel.get_msg(timeout=left)
            except queue.Empty:
                return None
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

    async def _idle_after(self, msg_id: str, deadline: float) -> bool:
        """Whether IOPub carries the kernel's "idle" for this request (earlier messages are flushed); not within
        a second means the channel is not connected yet, and the request is sent again."""
        while (left := min(1.0, deadline - time.monotonic())) > 0:
            try:
                msg = await self.iopub_channel.get_msg(timeout=left)
            except queue.Empty:
                return False
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                return True
        return False


class KernelPool:
    """Warm kernels. `take` hands one out; `finished` takes it back, for the next notebook or to be replaced.

    A pool's first kernels are warmed quickly and run one notebook each, so that a single brief never waits
    for the longer warming; taking one starts a fully warmed kernel, which runs notebook after notebook."""

    def __init__(self, size: int = 1, kernel_name: str = KERNEL) -> None:
        self.size, self.kernel_name = size, kernel_name
        self._ready: queue.Queue[AsyncKernelManager | BaseException] = queue.Queue()
        self._sockets = tempfile.mkdtemp(prefix="pb-kernels-")
        self._lock = threading.Lock()
        self._closed = False
        self._uses: dict[int, int] = {}  # reusable kernels, by id: notebooks run so far
        self._checks: set[threading.Thread] = set()
        self._starting = 0  # kernels being started in threads of their own
        for _ in range(size):
            self._refill(reusable=False)

    def take(self, timeout: float = 60.0) -> AsyncKernelManager:
        while True:
            item = self._ready.get(timeout=timeout)
            if isinstance(item, BaseException):
                self._refill(reusable=True)
                raise RuntimeError(f"the kernel could not start: {item}") from item
            if not self.reusable(item):
                self._refill(reusable=True)  # its successor, warming while it runs its one notebook
            elif not asyncio.run(item.is_alive()):
                self.finished(item, clean=False)  # it died while waiting: take the next one
                continue
            return item

    def reusable(self, km: AsyncKernelManager) -> bool:
        with self._lock:
            return id(km) in self._uses

    def release(self, km: AsyncKernelManager) -> None:
        """A reusable kernel whose notebook ended well: checked for what the notebook left behind and cleared
        in a thread of its own, so that the check runs in the kernel while this process exports the brief;
        `take` waits for it."""
        check = threading.Thread(target=self._check, args=(km,), daemon=True)
        with self._lock:
            self._checks.add(check)
        check.start()

    def _check(self, km: AsyncKernelManager) -> None:
        try:
            left = left_behind(km)
        except Exception as exc:  # noqa: BLE001 - a kernel that cannot answer is replaced, as one that left state
            left = [f"the check failed: {exc}"]
        if left:
            logger.info("a fresh kernel replaces the one the last notebook left changed: %s", "; ".join(left[:5]))
        self.finished(km, clean=not left)
        with self._lock:
            self._checks.discard(threading.current_thread())

    def finished(self, km: AsyncKernelManager, clean: bool) -> None:
        """A kernel whose notebook is done. One that can run the next and whose notebook left nothing behind
        goes back, up to MAX_USES notebooks; any other is shut down, and a reusable one is replaced."""
        with self._lock:
            reusable = id(km) in self._uses
            uses = self._uses[id(km)] = self._uses[id(km)] + 1 if reusable else 0
            back = reusable and clean and not self._closed and uses < MAX_USES
            if not back:
                self._uses.pop(id(km), None)
        if back:
            self._ready.put(km)
            return
        discard(km)
        if reusable:
            self._refill(reusable=True)

    def close(self, exiting: bool = False) -> None:
        """Shut the pool's kernels down. `exiting`: the process ends next, and a kernel still starting ends
        with it (ipykernel exits with its parent), so that the sockets' folder goes now rather than after it."""
        with self._lock:
            self._closed = True
            checks = list(self._checks)
        for check in checks:  # a kernel being checked is shut down by it, once `_closed` is seen
            check.join(timeout=30)
        while not self._ready.empty():
            item = self._ready.get_nowait()
            if isinstance(item, AsyncKernelManager):
                discard(item)
        with self._lock:
            last = exiting or not self._starting
        if last:  # or the last kernel still starting removes it, once it is discarded
            shutil.rmtree(self._sockets, ignore_errors=True)

    def _refill(self, reusable: bool) -> None:
        with self._lock:
            if not self._closed:
                self._starting += 1
                threading.Thread(target=self._start_one, args=(reusable,), daemon=True).start()

    def _start_one(self, reusable: bool) -> None:
        km = None
        try:
            # nbclient drives kernels from an event loop: an async manager, or its blocking client stalls the loop
            # Its connection file beside its sockets (jupyter_client's default is a file in /tmp, left behind
            # by a worker that is killed).
            name = os.path.join(self._sockets, f"kernel-{time.monotonic_ns()}")
            km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc", ip=name,
                                    connection_file=f"{name}.json", client_class=f"{__name__}.QuickClient")
            asyncio.run(_start(km, reusable))  # a loop of its own, closed with this thread's work
            item: AsyncKernelManager | BaseException = km
        except BaseException as exc:  # noqa: BLE001 - handed to whoever takes this slot, where it is raised
            if km is not None:
                discard(km)  # a kernel that started and failed its warming would outlive the pool
            item = exc
        with self._lock:
            closed = self._closed
            if reusable and not closed and item is km:
                self._uses[id(km)] = 0
        if not closed:
            self._ready.put(item)
        elif item is km:
            discard(km)
        with self._lock:
            self._starting -= 1
            last = self._closed and not self._starting
        if last:
            shutil.rmtree(self._sockets, ignore_errors=True)


async def _start(km: AsyncKernelManager, reusable: bool, timeout: float = 60.0) -> None:
    """Start the kernel and warm it, leaving the notebook's first cell [1]. A reusable kernel runs its warming
    as a notebook cell would (so that whatever IPython sets up on a first cell is set up), then has it cleared
    away and takes the state each notebook starts from."""
    # In a folder of the pool's own, there as long as it is. Without IPython's history: it is a database shared
    # by every kernel of the user, from which a notebook could read what earlier briefs ran, and its writes
    # (a commit per cell, and per notebook as the kernel is cleared) cost a batch more than the cells they record.
    await km.start_kernel(cwd=os.path.dirname(km.ip), extra_arguments=["--HistoryManager.enabled=False"])
    steps = ((WARM_CODE, True), (_REMEMBER, False)) if reusable else ((QUICK_CODE, False),)
    for code, history in steps:
        content = await _run(km, code, timeout, history=history)
        if content["status"] != "ok":
            raise RuntimeError(f"warming the kernel failed: {content.get('evalue', '')}")


_REMEMBER = ("get_ipython().reset(new_session=True)\n"
             "__import__('policybrief.kernel_state').kernel_state.remember()")
_ENTER = "__import__('policybrief.kernel_state').kernel_state.enter({folder!r})"
_RELEASE = "__import__('policybrief.kernel_state').kernel_state.release()"
_LEFT = "__import__('policybrief.kernel_state').kernel_state.last"


def enter(km: AsyncKernelManager, folder: str, timeout: float = 30.0) -> None:
    """Have the kernel run its next notebook in `folder`."""
    content = asyncio.run(_run(km, _ENTER.format(folder=folder), timeout))
    if content["status"] != "ok":
        raise RuntimeError(f"the kernel could not be prepared: {content.get('evalue', '')}")


def left_behind(km: AsyncKernelManager, timeout: float = 30.0) -> list[str]:
    """What the notebook the kernel just ran left behind (nothing: it can run the next one); its namespace and
    history are cleared either way."""
    content = asyncio.run(_run(km, _RELEASE, timeout, user_expressions={"left": _LEFT}))
    left = content.get("user_expressions", {}).get("left", {})
    if content["status"] != "ok" or left.get("status") != "ok":
        return [f"the check failed: {content.get('evalue') or left.get('evalue') or 'no answer'}"]
    return ast.literal_eval(left["data"]["text/plain"])


async def _run(km: AsyncKernelManager, code: str, timeout: float, *, history: bool = False,
               user_expressions: dict | None = None) -> dict:
    """Run code in the kernel with its outputs discarded, outside the notebook's history unless `history`;
    the reply's content."""
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=timeout)
        reply = await kc.execute_interactive(code, store_history=history, silent=not history, timeout=timeout,
                                             user_expressions=user_expressions or {}, output_hook=lambda msg: None)
    finally:
        kc.stop_channels()
    return reply["content"]


def discard(km: AsyncKernelManager) -> None:
    """Shut the kernel down. It is called from the pool's threads and the deadline's timer, where an error would
    end the thread unseen: a kernel that will not stop is logged, and nothing more can be done with it."""
    try:
        asyncio.run(_stop(km))
    except Exception:  # noqa: BLE001
        logger.exception("a kernel could not be shut down")


async def _stop(km: AsyncKernelManager) -> None:
    try:
        if km.has_kernel:
            await km.shutdown_kernel(now=True)
    finally:
        await km.cleanup_resources()


_POOL: KernelPool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> KernelPool:
    """This process's pool, started on first use (a worker process calls it at start, before any brief)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = KernelPool(size=int(os.environ.get("POLICYBRIEF_KERNELS", "1")))
            atexit.register(_POOL.close, exiting=True)
        return _POOL
