"""The papermill engine: warm kernels, one per notebook, no state between notebooks, one deadline for all."""

from __future__ import annotations

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


def test_nothing_passes_from_one_notebook_to_the_next(tmp_path):
    first = notebook(tmp_path, "first",
                     "secret = 42\nimport textwrap\ntextwrap.dedent = None\nimport threading, time\n"
                     "threading.Thread(target=time.sleep, args=(600,), name='left-behind', daemon=True).start()")
    second = notebook(tmp_path, "second",
                      "import textwrap, threading\nassert 'secret' not in globals()\n"
                      "assert callable(textwrap.dedent)\n"
                      "assert not [t for t in threading.enumerate() if t.name == 'left-behind']\n"
                      "import sys\nassert 'policybrief.present' in sys.modules  # warmed, not left over")
    run(first)
    out = run(second)
    assert [c.execution_count for c in out.cells] == [1]  # warming left no trace in the history


def test_the_deadline_is_for_the_whole_notebook(tmp_path):
    slow = notebook(tmp_path, "slow", "import time; time.sleep(1.2)", "time.sleep(1.2)", "time.sleep(1.2)")
    with pytest.raises(TimeoutError, match="within 2 s"):
        run(slow, execution_timeout=2)


def test_a_kernel_that_dies_fails_its_notebook_and_the_next_one_runs(tmp_path):
    dies = notebook(tmp_path, "dies", "import os; os._exit(1)")
    with pytest.raises((PapermillExecutionError, RuntimeError)):
        run(dies)
    assert run(notebook(tmp_path, "after", "1 + 1")).cells[0].outputs[0]["data"]["text/plain"] == "2"
