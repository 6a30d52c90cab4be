"""The package as users install it: declared dependencies, extras, the version, and a wheel that works alone."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import policybrief

BIN = Path(sys.executable).parent
PACKAGE = ROOT / "src" / "policybrief"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Needed without being imported: the kernel that runs the notebooks, and JupyterLab to open them.
RUN_NOT_IMPORTED = {"ipykernel", "jupyterlab"}


def imported_distributions() -> dict[str, set[str]]:
    """Third-party distributions the package imports, each with the modules (relative paths) importing it."""
    owners = metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top in sys.stdlib_module_names or top == "policybrief":
                    continue
                assert top in owners, f"{path.name} imports {top}, which no installed distribution provides"
                for dist in owners[top]:
                    found.setdefault(canonicalize_name(dist), set()).add(path.relative_to(PACKAGE).as_posix())
    return found


def requirements(group: str | None) -> dict[str, Requirement]:
    specs = PROJECT["dependencies"] if group is None else PROJECT["optional-dependencies"][group]
    reqs = [Requirement(s) for s in specs]
    return {canonicalize_name(r.name): r for r in reqs if canonicalize_name(r.name) != "policybrief"}


def test_every_imported_package_is_declared_with_a_lower_bound_and_none_is_declared_for_nothing():
    base = requirements(None)
    extras = {group: requirements(group) for group in ("llm", "cluster", "lab")}
    imported = imported_distributions()
    for dist, modules in imported.items():
        # An extra's package may only be imported by the modules that extra serves.
        where = "base" if dist in base else next((g for g, reqs in extras.items() if dist in reqs), None)
        assert where is not None, f"{dist} is imported by {sorted(modules)} but not declared"
        if where == "llm":
            assert all(m.startswith("llm/") for m in modules), (dist, modules)
        elif where == "cluster":
            assert modules == {"cluster.py"}, (dist, modules)
    declared = {**base, **{d: r for reqs in extras.values() for d, r in reqs.items()}}
    for req in declared.values():
        assert any(s.operator in (">=", "~=", "==") for s in req.specifier), f"{req} has no lower bound"
    assert set(declared) - set(imported) <= RUN_NOT_IMPORTED, "declared but never imported"


def test_test_extra_brings_every_other_extra_the_tests_need():
    assert Requirement(next(s for s in PROJECT["optional-dependencies"]["test"] if s.startswith("policybrief"))
                       ).extras == {"llm", "cluster", "train"}


def test_version_is_the_installed_distributions():
    proc = subprocess.run([str(BIN / "policybrief"), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"policybrief {metadata.version('policybrief')}\n"


def test_scheduler_without_dask_names_the_extra_in_one_line(tmp_path):
    # A `distributed` that fails to import, as on an install without the cluster extra.
    (tmp_path / "shadow" / "distributed").mkdir(parents=True)
    (tmp_path / "shadow" / "distributed" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'distributed'\", name='distributed')\n")
    article = tmp_path / "article.txt"
    article.write_text("Title\n\nThe junta said on Monday that it would hold the vote in the capital.\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "shadow")}
    proc = subprocess.run([str(BIN / "policybrief"), "run", str(article), "--out", str(tmp_path / "out"),
                           "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "policybrief: error: --scheduler: needs Dask, which is not installed: pip install 'policybrief[cluster]'"]


def _source_tree(dest: Path) -> Path:
    """The repository's packaging inputs, copied: building in place would write build/ and egg-info there."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "src", dest / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return dest


@pytest.mark.slow
def test_the_wheel_installs_alone_and_briefs_the_bundled_sample_from_any_folder(tmp_path):
    src = _source_tree(tmp_path / "src")
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                            "-w", str(dist), str(src)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    [wheel] = dist.glob("policybrief-*.whl")

    # Package data: every file of the package's source folder is in the wheel.
    with zipfile.ZipFile(wheel) as z:
        shipped = {n for n in z.namelist() if n.startswith("policybrief/")}
    wanted = {f"policybrief/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert wanted - shipped == set()
    assert {"policybrief/data/outlets.yaml", "policybrief/notebooks/brief.ipynb",
            "policybrief/templates/briefings-index.html.j2"} <= shipped

    # A fresh venv with the wheel, not editable; its dependencies are this venv's, reached through a .pth line
    # (which, unlike a site folder, does not run this venv's editable-install hook) and JUPYTER_PATH below.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "reuse-test-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                              "--no-index", "--quiet", str(wheel)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    # nbconvert's base templates are data files of this venv, outside its site-packages.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")

    def installed(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, capture_output=True, text=True, cwd=elsewhere, env=env, timeout=600)

    where = installed(str(python), "-c", "import importlib.resources as r, policybrief; print(policybrief.__file__);"
                      "print(next((r.files('policybrief') / 'samples').iterdir()))")
    assert where.returncode == 0, where.stderr
    module, sample = where.stdout.splitlines()
    assert Path(module).is_relative_to(venv) and Path(sample).is_relative_to(venv)

    policybrief_bin = str(venv / "bin" / "policybrief")
    assert installed(policybrief_bin, "--version").stdout == f"policybrief {policybrief.__version__}\n"
    analyzed = installed(policybrief_bin, "analyze", sample, "--json")
    assert analyzed.returncode == 0, analyzed.stderr
    brief = json.loads(analyzed.stdout)
    assert brief["article"]["path"] == sample and brief["actors"] and brief["bluf"]

    ran = installed(policybrief_bin, "run", sample, "--out", "briefs", "--workers", "1")
    assert ran.returncode == 0, ran.stderr
    folder = elsewhere / "briefs" / Path(sample).stem
    assert {p.name for p in folder.iterdir()} == {"brief.ipynb", "brief.html", "brief.pdf", "brief.json"}
    assert json.loads((folder / "brief.json").read_text())["bluf"] == brief["bluf"]
