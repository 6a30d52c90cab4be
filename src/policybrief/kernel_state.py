"""What a kernel holds from one notebook to the next, checked inside the kernel so that a kernel can run
notebook after notebook without either seeing the other.

After each notebook the engine asks `release()`: it compares the kernel with the state `remember()` took when
the kernel was warm, clears the notebook's variables and history, and says what the notebook left behind.
Anything at all means the kernel is given up and a fresh one takes its place. What is compared: every
attribute of every imported module and of the classes they define (rebound, added or deleted), the set of
imported modules, the running threads, the environment, sys.path and the import hooks, the warnings filters
and the root logger's handlers; the working folder is the notebook's (`enter`) and is put back.

Changes made inside an object without rebinding it (a dict's contents, a random generator's state) are not
seen; the tests check that the template keeps none, by building a brief in a used kernel and in a fresh one
and comparing them.
"""

from __future__ import annotations

import gc
import logging
import operator
import os
import sys
import threading
import warnings

# Swapped by ipykernel around every request it serves (stdin prompts, the traceback hook): not the notebook's.
_SWAPPED = {("builtins", "input"), ("getpass", "getpass"), ("sys", "excepthook")}
_baseline: tuple[dict[str, dict], list[tuple[str, type]], dict] | None = None
_home = ""  # the kernel's own working folder
last: list[str] = []  # what the last `release` found, read by the engine through user_expressions


def remember() -> None:
    """Take the state the next notebooks are compared with (the kernel warm, the namespace empty)."""
    global _baseline, _home
    _home = os.getcwd()
    namespaces = _namespaces()
    classes = [(f"{name}:{attr}", value) for name, namespace in namespaces.items()
               for attr, value in list(namespace.items()) if isinstance(value, type) and value.__module__ == name]
    copies = {name: namespace.copy() for name, namespace in namespaces.items()}
    copies.update((key, dict(vars(cls))) for key, cls in classes)
    _baseline = (copies, classes, _process())
    # IPython's reset ends in a full gc.collect, which walks every object the warm kernel holds (the package,
    # Altair and their schemas: about a tenth of a second). Frozen, they are left out, and each reset only
    # walks what the last notebook made.
    gc.freeze()


def enter(folder: str) -> None:
    """Run the next notebook in `folder` (papermill's --cwd); `release` goes back."""
    os.chdir(folder)


def release() -> list[str]:
    """What the notebook just run left behind, and a clean namespace for the next one."""
    global last
    os.chdir(_home)
    found = left_behind()
    get_ipython = sys.modules["IPython"].get_ipython
    get_ipython().reset(new_session=True)  # variables, outputs, history; the next notebook's first cell is [1]
    last = found
    return found


def left_behind() -> list[str]:
    if _baseline is None:
        return ["the kernel's state was never taken"]
    before_all, classes, process = _baseline
    now_process, namespaces = _process(), _namespaces()
    found = [f"{key} changed" for key in process if process[key] != now_process[key]]
    found += [f"module {name} imported" for name in namespaces.keys() - before_all.keys()]
    live = {**namespaces, **{key: vars(cls) for key, cls in classes}}
    for name, before in before_all.items():
        after = live.get(name)
        if after is None:
            found.append(f"module {name} removed")
            continue
        if _same(before, after):  # the common case, compared in C
            continue
        after = dict(after)
        found += [f"{name}.{attr} rebound" for attr in before.keys() | after.keys()
                  if before.get(attr) is not after.get(attr) and (name, attr) not in _SWAPPED]
    return found


def _namespaces() -> dict[str, dict]:
    """Every imported module's namespace, by the module's name."""
    out = {}
    for name, module in list(sys.modules.items()):
        namespace = getattr(module, "__dict__", None)
        if name not in ("__main__", __name__) and isinstance(namespace, dict):
            out[name] = namespace  # the notebook's own namespace is cleared, not compared; this module records `last`
    return out


def _same(before: dict, after) -> bool:
    """The same names bound to the same objects, in the same order (a name deleted and bound again counts as
    changed). Identity, not equality: a stand-in that compares equal to what it replaced is still a change.
    Each pass runs in C, so no other thread can change `after` in the middle of it."""
    return (len(before) == len(after) and all(map(operator.is_, before, after))
            and all(map(operator.is_, before.values(), after.values())))


def _process() -> dict:
    return {
        "threads": sorted(t.ident or 0 for t in threading.enumerate()),
        "environment": dict(os.environ),
        "sys.path": list(sys.path),
        "import hooks": [id(hook) for hook in (*sys.meta_path, *sys.path_hooks)],
        "warnings filters": list(warnings.filters),
        "root logger": [id(handler) for handler in logging.getLogger().handlers],
    }
