"""The papermill engine: warm kernels that run notebook after notebook, no state between notebooks, one deadline
for all."""

from __future__ import annotations

import json
import re

import nbformat
import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from policybrief.engine import PolicybriefEngine

pytestmark = pytest.mark.slow


def notebook(tmp_path, name: str, *cells: str):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def run(path, **kwargs):
    return papermill.execute_notebook(str(path), str(path.with_suffix(".out.ipynb")), engine_name="policybrief",
                                      progress_bar=False, **kwargs)


def test_registered_under_papermills_entry_point():
    from papermill.engines import papermill_engines

    assert papermill_engines.get_engine("policybrief") is PolicybriefEngine


def pid(path) -> int:
    return int(run(path).cells[-1].outputs[0]["data"]["text/plain"])


PID = "import os\nos.getpid()"


@pytest.fixture
def reusable(tmp_path):
    """A pool's first kernel runs one notebook only (a single brief does not wait for the longer warming):
    this spends it, so that the notebooks of the test run on kernels that can be reused."""
    run(notebook(tmp_path, "spends-the-first-kernel", "1"))


def test_a_kernel_runs_the_next_notebook_with_none_of_the_last_ones_variables(tmp_path, reusable):
    first = pid(notebook(tmp_path, "first", "secret = 42", PID))
    second = notebook(tmp_path, "second", "assert 'secret' not in globals() and 'os' not in globals()", PID)
    assert pid(second) == first  # the same kernel, warm, with a clean namespace
    out = run(second)
    assert [c.execution_count for c in out.cells] == [1, 2]  # warming and the last notebook left no history


def test_no_notebook_reads_what_an_earlier_one_ran_from_ipythons_history(tmp_path, reusable):
    # IPython keeps every cell in a database shared by all kernels of the user: one brief could read another's
    # parameters back, and a batch would fill the analyst's own history with thousands of cells.
    marker = f"marker-{tmp_path.name}"
    first = pid(notebook(tmp_path, "first", f"secret = {marker!r}", PID))
    second = notebook(tmp_path, "second", f"found = list(get_ipython().history_manager.search('*{marker}*'))\n"
                      "assert not found, found", PID)
    assert pid(second) == first


@pytest.mark.parametrize("leftover", [
    "import textwrap\ntextwrap.dedent = None",  # a module patched
    "import json\njson.JSONEncoder.default = lambda self, o: 'patched'",  # a class patched
    "import string\nstring.digits = ''.join(list(string.digits))",  # a stand-in equal to what it replaced
    "import threading, time\nthreading.Thread(target=time.sleep, args=(600,), name='left-behind', daemon=True).start()",
    "import os\nos.environ['LEFT_BEHIND'] = '1'",
    "import sys\nsys.path.append('/left/behind')",
    "import colorsys",  # a module the warm kernel had not imported: it may carry state of its own
])
def test_a_notebook_that_leaves_anything_behind_gives_its_kernel_up(tmp_path, reusable, leftover):
    used = pid(notebook(tmp_path, "first", leftover, PID))
    check = notebook(tmp_path, "second",
                     "import textwrap, threading, json, os, sys\n"
                     "assert callable(textwrap.dedent) and 'patched' not in json.JSONEncoder.default.__qualname__\n"
                     "assert not [t for t in threading.enumerate() if t.name == 'left-behind']\n"
                     "assert 'LEFT_BEHIND' not in os.environ and '/left/behind' not in sys.path\n"
                     "assert 'colorsys' not in sys.modules\n"
                     "assert 'policybrief.present' in sys.modules  # warmed, not left over", PID)
    assert pid(check) != used


def test_a_failed_notebook_gives_its_kernel_up(tmp_path, reusable):
    with pytest.raises(PapermillExecutionError):
        run(notebook(tmp_path, "fails", "import os\nprint(os.getpid())\nraise ValueError('no')"))
    cells = nbformat.read(tmp_path / "fails.out.ipynb", as_version=4).cells
    failed = int(next(c for c in cells if c.cell_type == "code").outputs[0]["text"])
    assert pid(notebook(tmp_path, "after", PID)) != failed


def test_the_notebook_runs_in_papermills_cwd_and_the_kernel_goes_back(tmp_path):
    here = tmp_path / "here"
    here.mkdir()
    where = notebook(tmp_path, "where", "import os\nos.getcwd()")
    assert run(where, cwd=str(here)).cells[0].outputs[0]["data"]["text/plain"] == repr(str(here))
    assert run(where).cells[0].outputs[0]["data"]["text/plain"] != repr(str(here))


def test_the_deadline_is_for_the_whole_notebook(tmp_path):
    slow = notebook(tmp_path, "slow", "import time; time.sleep(1.2)", "time.sleep(1.2)", "time.sleep(1.2)")
    with pytest.raises(TimeoutError, match="within 2 s"):
        run(slow, execution_timeout=2)


def test_a_kernel_that_dies_fails_its_notebook_and_the_next_one_runs(tmp_path):
    dies = notebook(tmp_path, "dies", "import os; os._exit(1)")
    with pytest.raises((PapermillExecutionError, RuntimeError)):
        run(dies)
    assert run(notebook(tmp_path, "after", "1 + 1")).cells[0].outputs[0]["data"]["text/plain"] == "2"


def test_a_brief_built_in_a_used_kernel_is_the_brief_a_fresh_kernel_builds(tmp_path, reusable, caplog):
    """What `kernel_state` cannot see (an object changed in place) would show here: the template's own code
    keeps nothing from one brief for the next."""
    from conftest import DEVSET, SAMPLE

    from policybrief.jobs import Job, Params
    from policybrief.pipeline import build_brief

    def outputs(article, out) -> str:
        job = Job(slug="b", source=str(article), params=Params(article=str(article)))
        assert build_brief(job, out).status == "built"
        cells = nbformat.read(out / "b" / "brief.ipynb", as_version=4).cells
        # vl-convert numbers the clip paths of the SVGs it draws across its life, so that no two charts on
        # one page share an id: the only difference between the two, and not the brief's content.
        return re.sub(r"clip\d+", "clip", json.dumps([c.outputs for c in cells if c.cell_type == "code"]))

    other = DEVSET / "002_afghanistan_three_years_on.txt"
    caplog.set_level("INFO", logger="policybrief.kernels")
    first = outputs(SAMPLE, tmp_path / "first")
    outputs(other, tmp_path / "other")
    assert outputs(SAMPLE, tmp_path / "again") == first
    assert not [r for r in caplog.records if "fresh kernel" in r.getMessage()]  # one kernel built all three


def test_a_kernel_client_stopped_as_soon_as_started_leaves_no_thread_running_wild(monkeypatch):
    """jupyter_client's heartbeat thread, stopped before it ran, opened sockets until the worker had no file
    descriptor left: a test of this file failed on it with "Too many open files"."""
    import threading

    from policybrief.kernels import pool

    errors = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    km = pool().take()
    try:
        for _ in range(100):  # before the heartbeat was left out, about one in five of these failed
            client = km.client()
            client.start_channels()
            client.stop_channels()
    finally:
        pool().finished(km, clean=False)
    assert errors == []



def test_a_closed_pool_leaves_no_folder_behind():
    """Each pool's sockets live in a folder of its own under /tmp: left behind, a batch a day fills /tmp."""
    import os
    import time

    from policybrief.kernels import KernelPool

    kernels = KernelPool(size=1)
    kernels.finished(kernels.take(), clean=False)  # taking it starts its successor, still warming at close
    kernels.close()
    deadline = time.monotonic() + 60
    while os.path.exists(kernels._sockets) and time.monotonic() < deadline:  # the successor removes it
        time.sleep(0.1)
    assert not os.path.exists(kernels._sockets)
