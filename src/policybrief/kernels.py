"""Kernels started ahead of the notebooks they will run: a pool of them, each over IPC sockets, with the
package imported and the chart renderer warmed outside the notebook's history.

It needs only jupyter_client, so a worker process starts its first kernel before importing papermill and the
exporters: the kernel's start-up and the worker's imports then run side by side, on two cores.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import queue
import tempfile
import threading
import time

from jupyter_client.manager import AsyncKernelManager

KERNEL = "python3"
# Imports and a first chart in the kernel before the notebook: together about 1.7 s of every brief otherwise.
WARM_CODE = (
    "import policybrief.notebook, policybrief.present, policybrief.charts\n"
    "import vl_convert as _vlc\n"
    "_vlc.vegalite_to_svg({'mark': 'point', 'data': {'values': [{'a': 1}]},\n"
    "                      'encoding': {'x': {'field': 'a', 'type': 'quantitative'}}})\n"
    "del _vlc\n"
)


class KernelPool:
    """Kernels started ahead; `take` hands one out and starts its replacement in the background."""

    def __init__(self, size: int = 1, kernel_name: str = KERNEL, warm_code: str = WARM_CODE) -> None:
        self.size, self.kernel_name, self.warm_code = size, kernel_name, warm_code
        self._ready: queue.Queue[AsyncKernelManager | BaseException] = queue.Queue()
        self._sockets = tempfile.mkdtemp(prefix="pb-kernels-")
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._refill()

    def take(self, timeout: float = 60.0) -> AsyncKernelManager:
        while True:
            item = self._ready.get(timeout=timeout)
            self._refill()
            if isinstance(item, BaseException):
                raise RuntimeError(f"the kernel could not start: {item}") from item
            if asyncio.run(item.is_alive()):
                return item
            discard(item)  # it died while waiting: take the next one

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while not self._ready.empty():
            item = self._ready.get_nowait()
            if isinstance(item, AsyncKernelManager):
                discard(item)

    def _refill(self) -> None:
        with self._lock:
            if not self._closed:
                threading.Thread(target=self._start_one, daemon=True).start()

    def _start_one(self) -> None:
        try:
            # nbclient drives kernels from an event loop: an async manager, or its blocking client stalls the loop
            km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc",
                                    ip=os.path.join(self._sockets, f"kernel-{time.monotonic_ns()}"))
            asyncio.run(_start(km, self.warm_code))  # a loop of its own, closed with this thread's work
        except BaseException as exc:  # noqa: BLE001 - handed to whoever takes this slot, where it is raised
            self._ready.put(exc)
            return
        with self._lock:
            closed = self._closed
        if closed:
            discard(km)
        else:
            self._ready.put(km)


async def _start(km: AsyncKernelManager, warm_code: str, timeout: float = 60.0) -> None:
    """Start the kernel and run the warming code without a history entry, so the notebook's first cell is
    still [1]."""
    await km.start_kernel()
    if not warm_code:
        return
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=timeout)
        reply = await kc.execute_interactive(warm_code, store_history=False, silent=True, timeout=timeout,
                                             output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"warming the kernel failed: {reply['content'].get('evalue', '')}")
    finally:
        kc.stop_channels()


def discard(km: AsyncKernelManager) -> None:
    asyncio.run(_stop(km))


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
            atexit.register(_POOL.close)
        return _POOL
