"""Batch runs as an analyst's cron job sees them: many inputs, broken ones among them, reruns, kills, a cluster.

The slow tests share one 20-article batch (built once per module, `--workers 2`); the others build a few
briefs of their own. Articles are the dev set's, cut short so that a brief costs seconds, not pages.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
import pytest
import yaml
from conftest import DEVSET, ROOT
from pypdf import PdfReader

from policybrief import logs
from policybrief.batch import Rejected, collect, run_batch
from policybrief.errors import BriefError
from policybrief.index import render_index
from policybrief.jobs import read_params
from policybrief.manifest import Manifest, input_hashes, sha256_file, template_hash
from policybrief.output_folder import LOCK
from policybrief.worker import Result

BIN = Path(sys.executable).parent
BRIEF_FILES = ("brief.ipynb", "brief.html", "brief.pdf", "brief.json")
SETTINGS: dict = {}  # nothing given on the command line


def policybrief(*args: str, cwd: Path = ROOT, timeout: float = 600,
                env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "policybrief"), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, env=env)


def short(path: Path, blocks: int = 6) -> str:
    """The article's title, dateline and first paragraphs: a real article, one or two pages of brief."""
    return "\n\n".join(path.read_text(encoding="utf-8").split("\n\n")[:blocks]) + "\n"


def write_articles(root: Path) -> dict[str, list[Path]]:
    """20 inputs of every kind `run` takes: a folder of .txt, a glob over .md/.html and two broken files,
    and params files (written by `policybrief params`) for four more articles."""
    texts = sorted(DEVSET.glob("*.txt"))
    folder, more, analyst = root / "articles", root / "more", root / "analyst"
    for d in (folder, more, analyst):
        d.mkdir()
    for src in texts[:9]:
        (folder / src.name).write_text(short(src), encoding="utf-8")
    # A second, different excerpt of one article: its own brief.
    (folder / "999_mali_later_paragraphs.txt").write_text(
        "Mali after the peacekeepers\n\n" + "\n\n".join(texts[1].read_text().split("\n\n")[6:11]) + "\n")
    for src in sorted(DEVSET.glob("*.md")):
        (more / src.name).write_text(short(src), encoding="utf-8")
    for src in sorted(DEVSET.glob("*.html")):
        (more / src.name).write_bytes(src.read_bytes())
    (more / "broken_empty.txt").write_bytes(b"")
    (more / "broken_binary.html").write_bytes(bytes(range(256)) * 16)
    for src in texts[9:13]:
        (analyst / src.name).write_text(short(src), encoding="utf-8")
    return {"folder": [folder], "glob": [more / "*"], "analyst": sorted(analyst.iterdir())}


def manifest(out: Path) -> dict[str, dict]:
    return {b["folder"]: b for b in json.loads((out / "manifest.json").read_text())["briefs"]}


def assert_consistent(out: Path) -> None:
    """Every visible brief folder is either a complete brief or a failure; never something in between."""
    for folder in (p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        names = {p.name for p in folder.iterdir()}
        if "error.txt" in names:
            assert not names & {"brief.html", "brief.pdf", "brief.json"}, folder
            continue
        assert names == set(BRIEF_FILES), folder
        assert len(PdfReader(folder / "brief.pdf").pages) >= 1
        assert json.loads((folder / "brief.json").read_text())["schema_version"] == 1
        assert (folder / "brief.html").read_text().rstrip().endswith("</html>")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    inputs = write_articles(root)
    params = policybrief("params", *map(str, inputs["analyst"]), "--out", str(root / "params"))
    assert params.returncode == 0, params.stderr
    # Paths as a user types them, relative to where the run starts: a worker's threads must all read them so.
    args = [str(p.relative_to(root)) for p in (inputs["folder"][0], inputs["glob"][0], root / "params")]
    args += ["--out", "out", "--workers", "2"]
    proc = policybrief("run", *args, cwd=root)
    return {"root": root, "out": root / "out", "args": args, "proc": proc}


# Fast: wiring, no kernel.


def test_collect_isolates_a_bad_params_file_and_keeps_slugs_apart(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("One.\n")
    (tmp_path / "b" / "same.txt").write_text("Two.\n")
    (tmp_path / "a" / "odd[1].txt").write_text("Three.\n")
    (tmp_path / "bad.yaml").write_text("article: [unclosed\n")
    items = collect([str(tmp_path / "a"), str(tmp_path / "b" / "*.txt"), str(tmp_path / "bad.yaml")], **SETTINGS)
    assert [i.slug for i in items] == ["odd-1", "same", "same-2", "bad"]
    assert isinstance(items[-1], Rejected) and "malformed YAML" in items[-1].error
    assert items[0].params.article == str(tmp_path / "a" / "odd[1].txt")


def test_options_given_on_the_command_line_win_and_options_not_given_leave_the_params_file_alone(tmp_path):
    (tmp_path / "a.txt").write_text("Text.\n")
    params = tmp_path / "p.yaml"
    params.write_text("article: a.txt\npaper: Letter\nmax_words: 500\n")
    [kept] = collect([str(params)])
    [a4] = collect([str(params)], paper="A4", max_words=200_000)
    assert (kept.params.paper, kept.params.max_words) == ("Letter", 500)
    assert (a4.params.paper, a4.params.max_words) == ("A4", 200_000)


def test_params_command_takes_folders_and_globs(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("one.txt", "two.md", "three.html", "notes.csv"):
        (src / name).write_text("Text.\n")
    proc = policybrief("params", str(src / "*.txt"), str(src), "--out", str(tmp_path / "params"))
    assert proc.returncode == 0, proc.stderr
    written = sorted((tmp_path / "params").glob("*.yaml"))
    assert [p.name for p in written] == ["one.yaml", "three.yaml", "two.yaml"]  # one.txt twice: one file
    assert read_params(written[0]).article == str(src / "one.txt")
    assert yaml.safe_load(written[1].read_text()) == {"article": str(src / "three.html")}


def test_hashes_follow_content_not_paths(tmp_path):
    article, actors = tmp_path / "a.txt", tmp_path / "actors.yaml"
    article.write_text("Text.\n")
    actors.write_text("- name: Somebody\n")
    template = template_hash()
    [job] = collect([str(article)], **{**SETTINGS, "actors_files": [str(actors)]})
    before = input_hashes(job, template)
    assert set(before) == {"article", "params", "template", "package"} and before["template"] == template
    moved = tmp_path / "elsewhere.txt"
    article.rename(moved)
    job.params.article = str(moved)
    assert input_hashes(job, template) == before
    actors.write_text("- name: Somebody Else\n")
    assert input_hashes(job, template)["params"] != before["params"]
    moved.write_text("Other text.\n")
    assert input_hashes(job, template)["article"] != before["article"]
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    job.params.article = str(fifo)
    assert input_hashes(job, template)["article"] is None  # not read: it would block


def test_file_hash_is_sha256_of_the_whole_content(tmp_path):
    data = os.urandom(3 * 2**20 + 12_345)  # past any read-chunk size
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()
    (tmp_path / "abc.txt").write_bytes(b"abc")
    assert sha256_file(tmp_path / "abc.txt") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_file(tmp_path) is None and sha256_file(tmp_path / "missing") is None


def test_each_run_logs_to_a_new_file_and_old_logs_are_pruned(tmp_path):
    out = tmp_path / "out"
    (out / logs.FOLDER).mkdir(parents=True)
    for i in range(logs.KEEP + 5):
        old = out / logs.FOLDER / f"old-{i:02d}.log"
        old.write_text("")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    summary = run_batch([Rejected("bad", "bad.yaml", "bad.yaml: malformed YAML")], out, quiet=True)
    assert summary.failed == 1
    kept = sorted(p.name for p in (out / logs.FOLDER).iterdir())
    assert len(kept) == logs.KEEP and "old-05.log" not in kept and "old-06.log" in kept
    [new] = [p for p in (out / logs.FOLDER).iterdir() if not p.name.startswith("old-")]
    assert "failed bad: bad.yaml: malformed YAML" in new.read_text()


def test_up_to_date_needs_same_hashes_and_every_file(tmp_path):
    hashes = {"article": "a", "params": "p", "template": "t", "package": "0"}
    folder = tmp_path / "brief"
    folder.mkdir()
    for name in BRIEF_FILES:
        (folder / name).write_text("x")
    m = Manifest(tmp_path)
    m.record(Result("brief", "in.txt", "built", "brief", 1.0, summary={"title": "T"}), hashes)
    m.save()
    m = Manifest(tmp_path)
    assert m.up_to_date("brief", hashes)
    assert not m.up_to_date("brief", {**hashes, "package": "1"})
    assert not m.up_to_date("brief", {**hashes, "article": None})
    (folder / "brief.pdf").unlink()
    assert not m.up_to_date("brief", hashes)
    (tmp_path / "manifest.json").write_text("{not json")
    assert Manifest(tmp_path).entries == {}


def test_a_second_run_on_the_same_folder_waits_for_the_lock_then_refuses(tmp_path, monkeypatch):
    monkeypatch.setattr("policybrief.output_folder.LOCK_WAIT", 0.5)
    out = tmp_path / "out"
    out.mkdir()
    bad = [Rejected("bad", "bad.yaml", "bad.yaml: malformed YAML")]
    with open(out / LOCK, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BriefError, match="another policybrief run is writing to this folder"):
            run_batch(bad, out, quiet=True)
    summary = run_batch(bad, out, quiet=True)  # released: the run goes ahead
    assert summary.failed == 1 and (out / "bad" / "error.txt").read_text() == "bad.yaml: malformed YAML\n"


def test_index_escapes_article_text_and_needs_nothing_online(tmp_path):
    evil = '<script>alert(1)</script>'
    briefs = [
        {"slug": "a b", "folder": "a b", "source": "in.txt", "status": "built", "title": f"{evil} Iraq",
         "outlet": '<img src=x onerror=alert(1)>', "published": "2024-01-02", "risk": "high",
         "actors": [evil, "Iraq"], "files": {"html": "a b/brief.html", "pdf": "a b/brief.pdf"}, "error": None},
        {"slug": "bad", "folder": "bad", "source": f"{evil}.txt", "status": "failed", "title": None,
         "outlet": None, "published": None, "risk": None, "actors": [], "files": {"error": "bad/error.txt"},
         "error": f"{evil}.txt: file is empty"},
    ]
    page = render_index(briefs, tmp_path)
    assert page.count("<script") == 1 and "<img" not in page  # the one script is the index's own sorting
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Iraq" in page and "&lt;img src=x" in page
    assert 'href="a%20b/brief.html"' in page and 'href="a%20b/brief.pdf"' in page and 'href="bad/error.txt"' in page
    assert "http" not in page and "url(" not in page and " src=" not in page.replace("&lt;img src=x", "")


# Slow: real workers, kernels, exports.


@pytest.mark.slow
def test_twenty_articles_two_broken(batch):
    proc, out = batch["proc"], batch["out"]
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    briefs = manifest(out)
    assert len(briefs) == 20
    failed = {k: b for k, b in briefs.items() if b["status"] == "failed"}
    assert set(failed) == {"broken_empty", "broken_binary"}
    assert "file is empty" in failed["broken_empty"]["error"]
    assert (out / "broken_empty" / "error.txt").read_text().strip() == failed["broken_empty"]["error"]
    built = [b for b in briefs.values() if b["status"] == "built"]
    assert len(built) == 18
    for b in built:
        assert b["title"] and b["risk"] in ("low", "moderate", "high") and b["actors"]
        assert set(b["files"]) == {"ipynb", "html", "pdf", "json"}
        assert set(b["hashes"]) == {"article", "params", "template", "package"} and None not in b["hashes"].values()
        assert b["error"] is None and b["seconds"] > 0
    assert_consistent(out)
    assert not [p for p in out.iterdir() if ".partial-" in p.name or ".old-" in p.name]
    index = (out / "index.html").read_text()
    assert index.count('/brief.pdf">PDF</a>') == 18 and "broken_binary/error.txt" in index
    for b in built:  # each published notebook names its own article, from where it lies
        parameters = nbformat.read(out / b["folder"] / "brief.ipynb", as_version=4).metadata.papermill.parameters
        assert (out / b["folder"] / parameters["article"]).resolve().stem == b["folder"]
    # Params files written by `policybrief params` brief their articles like any other input.
    assert briefs["015_taiwan_strait_drills_wire"]["source"].endswith("params/015_taiwan_strait_drills_wire.yaml")
    # Logs (stderr is not a terminal): a line per brief, then the summary with the failures' errors.
    lines = proc.stderr.splitlines()
    assert sum(" built " in line for line in lines) == 18
    assert any("failed" in line and "broken_binary" in line and "binary" in line for line in lines)
    assert any(line.split()[:2] == ["failed", "2"] for line in lines)


@pytest.mark.slow
def test_rerun_skips_up_to_date_briefs_and_rebuilds_a_changed_one(batch):
    out = batch["out"]
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*/brief.pdf")}
    proc = policybrief("run", *batch["args"], cwd=batch["root"])
    assert proc.returncode == 1  # the two broken articles are tried again, and fail again
    statuses = [b["status"] for b in manifest(out).values()]
    assert statuses.count("skipped") == 18 and statuses.count("failed") == 2
    # Nothing up to date was rebuilt (how long a rerun takes is benchmarks' business, not a test's).
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/brief.pdf")} == stamps

    changed = batch["root"] / "articles" / "999_mali_later_paragraphs.txt"
    changed.write_text(changed.read_text() + "\nThe talks are to resume next month in Bamako.\n")
    proc = policybrief("run", *batch["args"], cwd=batch["root"])
    briefs = manifest(out)
    assert [k for k, b in briefs.items() if b["status"] == "built"] == ["999_mali_later_paragraphs"]
    assert "resume next month" in (out / "999_mali_later_paragraphs" / "brief.json").read_text()
    assert_consistent(out)


def _run_until(args: list[str], out: Path, built: int,
               env: dict | None = None) -> tuple[subprocess.Popen, list[psutil.Process]]:
    """Start a run and return once it has built `built` briefs, with its worker processes."""
    before = {(k, b["finished"]) for k, b in manifest(out).items()} if (out / "manifest.json").exists() else set()
    # Ctrl-C as in a terminal: a test suite started in the background by a shell without job control has SIGINT
    # ignored, and Python keeps an ignored SIGINT ignored in its children.
    proc = subprocess.Popen([str(BIN / "policybrief"), "run", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            now = manifest(out).items()
            if sum(b["status"] == "built" and (k, b["finished"]) not in before for k, b in now) >= built:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    return proc, psutil.Process(proc.pid).children(recursive=True)


@pytest.mark.slow
def test_killed_and_interrupted_runs_leave_nothing_half_done_and_the_next_run_finishes(batch, tmp_path):
    # Five: each interrupted run records one or two briefs, so the last run always has some left to build.
    articles = sorted((batch["root"] / "articles").iterdir())[:5]
    out = tmp_path / "out"
    args = [*map(str, articles), "--out", str(out), "--workers", "2"]
    # The runs' temporary folders, short enough for the kernels' sockets (a socket's path has at most 107 bytes).
    killed, tmp = (Path(tempfile.mkdtemp(prefix="pbt-")) for _ in range(2))

    proc, children = _run_until(args, out, built=1, env={**os.environ, "TMPDIR": str(killed)})
    proc.kill()  # kill -9: no handler runs, workers in flight are orphaned
    proc.communicate()
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"processes outlived a killed run: {alive}"
    assert_consistent(out)
    # What the killed process made itself stays; its workers, orphaned, remove theirs and their kernels'.
    assert [p.name for p in killed.iterdir() if not p.name.startswith("policybrief-breaker-")] == []
    shutil.rmtree(killed)

    env = {**os.environ, "TMPDIR": str(tmp)}

    proc, children = _run_until(args, out, built=1, env=env)
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Interrupted" in stderr
    _, alive = psutil.wait_procs(children, timeout=10)
    assert not alive
    assert not [p for p in out.iterdir() if ".partial-" in p.name]
    assert_consistent(out)

    proc = policybrief("run", *args, env=env)
    assert proc.returncode == 0, proc.stderr
    assert not list(tmp.iterdir()), "the runs left temporary files behind"  # workers' and kernels' alike
    tmp.rmdir()
    briefs = manifest(out)
    assert sorted(briefs) == [a.stem for a in articles]
    assert {b["status"] for b in briefs.values()} == {"built", "skipped"}
    assert sum(b["status"] == "skipped" for b in briefs.values()) >= 2  # one per interrupted run at least
    assert not [p for p in out.iterdir() if ".partial-" in p.name or ".old-" in p.name]
    assert_consistent(out)


@pytest.mark.slow
def test_a_hung_brief_is_killed_at_the_timeout_and_the_others_go_on(tmp_path):
    # A model endpoint that accepts the connection and never answers: the LLM engine waits on it.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        env = {**os.environ, "OPENAI_BASE_URL": f"http://127.0.0.1:{silent.getsockname()[1]}/v1",
               "OPENAI_API_KEY": "unused", "POLICYBRIEF_LLM_TIMEOUT": "600"}
        hung = tmp_path / "hung.txt"
        hung.write_text(short(DEVSET / "005_niger_us_drone_base_reuters.txt"), encoding="utf-8")
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        t0 = time.perf_counter()
        proc = subprocess.run([str(BIN / "policybrief"), "run", str(hung), str(empty), "--out", str(tmp_path / "out"),
                               "--workers", "2", "--timeout", "3", "--engine", "llm", "--model", "any"],
                              capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
        seconds = time.perf_counter() - t0
    # Far below the endpoint's 600 s: stopped at --timeout, not by the client (starting the workers takes the
    # rest, and many seconds on a loaded machine).
    assert seconds < 60
    assert proc.returncode == 1
    assert (tmp_path / "out" / "hung" / "error.txt").read_text().strip() == \
        f"{hung}: did not finish within 3 s (--timeout)"
    assert "file is empty" in (tmp_path / "out" / "empty" / "error.txt").read_text()
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".") and p.is_dir()] == [".logs"]


def copies(folder: Path, *names: str) -> Path:
    """`folder` holding the same short article under each of `names`."""
    folder.mkdir()
    for name in names:
        (folder / name).write_text(short(DEVSET / "001_mali_un_exit_wire.txt", blocks=4), encoding="utf-8")
    return folder


def run_planted(tmp_path: Path, code: str, *args: str) -> subprocess.CompletedProcess:
    """`policybrief run ARGS` with `code` as sitecustomize, which Python runs at start-up in every process of
    the run: a fault planted in the workers or in the notebooks' kernels."""
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(code)
    path = os.pathsep.join(filter(None, [str(tmp_path / "hook"), os.environ.get("PYTHONPATH")]))
    return subprocess.run([str(BIN / "policybrief"), "run", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, "PYTHONPATH": path})


PLANTED_BUG = """
import sys

if "policybrief.worker" in sys.orig_argv:
    import policybrief.ingest

    _load_article = policybrief.ingest.load_article

    def load_article(path, **kwargs):
        if str(path).endswith("planted.txt"):
            print("planted: the worker's own stderr", file=sys.stderr, flush=True)
            return {}["planted bug"]
        return _load_article(path, **kwargs)

    policybrief.ingest.load_article = load_article

if "ipykernel_launcher" in sys.orig_argv:
    import policybrief.present

    _bottom_line = policybrief.present.bottom_line

    def bottom_line(brief, *args, **kwargs):
        if brief.article.path.endswith("cellbug.txt"):
            raise RuntimeError("planted in the kernel")
        return _bottom_line(brief, *args, **kwargs)

    policybrief.present.bottom_line = bottom_line
"""


@pytest.mark.slow
def test_a_planted_bug_leaves_its_traceback_in_the_run_log_and_in_error_txt(tmp_path):
    # A bug planted in the worker processes and another in the notebooks' kernels.
    articles = copies(tmp_path / "articles", "planted.txt", "cellbug.txt", "fine.txt")
    out = tmp_path / "out"
    proc = run_planted(tmp_path, PLANTED_BUG, str(articles), "--out", str(out), "--workers", "2")
    assert proc.returncode == 1, proc.stderr
    assert manifest(out)["fine"]["status"] == "built"
    [log] = (out / ".logs").glob("*.log")
    reason = f"{articles / 'planted.txt'}: KeyError: 'planted bug'"
    assert manifest(out)["planted"]["error"] == reason

    error = (out / "planted" / "error.txt").read_text().splitlines()
    assert error[0] == reason
    assert error[2] == "Traceback (most recent call last):" and error[-1] == "KeyError: 'planted bug'"
    assert any("in analyze_file" in line for line in error) and any("in load_article" in line for line in error)

    text = log.read_text()
    assert "\n".join(error[2:]) in text
    assert "planted: the worker's own stderr" in text
    assert f"failed planted: {reason}" in text and "built fine" in text

    # A cell that fails in the kernel: the same, with the cell's traceback, and the notebook kept.
    cell = (out / "cellbug" / "error.txt").read_text().splitlines()
    assert cell[0].startswith(f"{articles / 'cellbug.txt'}: notebook cell ")
    assert cell[0].endswith("failed: RuntimeError: planted in the kernel")
    assert cell[-1] == "RuntimeError: planted in the kernel" and "\x1b" not in "".join(cell)
    assert "\n".join(cell[2:]) in text
    assert (out / "cellbug" / "brief.failed.ipynb").is_file()
    # The brief's one line says where the traceback is, and the summary where the log is.
    assert f"failed  planted: {reason} (traceback in {log})" in proc.stderr
    assert any(line.split()[:1] == ["log"] for line in proc.stderr.splitlines()), proc.stderr


HANG_IN_EXPORT = """
import sys
import time

if "policybrief.worker" in sys.orig_argv:
    import policybrief.export

    _export = policybrief.export.export

    def export(notebook, *args, **kwargs):
        if "hang-in-export" in str(notebook):
            time.sleep(3600)
        return _export(notebook, *args, **kwargs)

    policybrief.export.export = export
"""


@pytest.mark.slow
def test_a_brief_that_hangs_in_export_is_killed_and_the_brief_behind_it_is_built_again(tmp_path):
    # A worker takes the next brief while it exports the last: when the export hangs, the worker is killed
    # at the timeout with both briefs in it, and the one that did nothing wrong is built again.
    articles = copies(tmp_path / "articles", "1-hang-in-export.txt", "2-next.txt")
    out = tmp_path / "out"
    proc = run_planted(tmp_path, HANG_IN_EXPORT, str(articles), "--out", str(out), "--workers", "1", "--timeout", "8")
    assert proc.returncode == 1, proc.stderr
    briefs = manifest(out)
    assert briefs["1-hang-in-export"]["error"] == \
        f"{articles / '1-hang-in-export.txt'}: did not finish within 8 s (--timeout)"
    assert briefs["2-next"]["status"] == "built", briefs["2-next"]["error"]
    assert sorted(p.name for p in (out / "2-next").iterdir()) == sorted(BRIEF_FILES)
    [log] = (out / ".logs").glob("*.log")
    assert f"{articles / '2-next.txt'}: built again, its worker was stopped for another brief" in log.read_text()
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and p.is_dir()] == [".logs"]


@pytest.mark.slow
def test_a_worker_that_cannot_start_fails_each_brief_with_one_line(tmp_path):
    # A worker machine whose Python exits at start-up (here planted): every brief fails with the reason, and the
    # run ends instead of waiting on a worker that never comes.
    articles = copies(tmp_path / "articles", "first.txt", "second.txt")
    out = tmp_path / "out"
    proc = run_planted(tmp_path, 'import sys\nif "policybrief.worker" in sys.orig_argv:\n    sys.exit(3)\n',
                       str(articles), "--out", str(out), "--workers", "1")
    assert proc.returncode == 1, proc.stderr
    for name in ("first", "second"):
        assert manifest(out)[name]["error"] == \
            f"{articles / (name + '.txt')}: policybrief worker process: exited while starting"
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and p.is_dir()] == [".logs"]


@pytest.mark.slow
@pytest.mark.parametrize("ready_unread", [False, True])
def test_a_worker_whose_parent_is_gone_removes_its_folder(tmp_path, ready_unread):
    # Killed runs under load left an empty pb-worker folder in TMPDIR, two in twenty: the parent had died before
    # the worker said it was ready, or with the worker's messages unread (the connection is then reset, not
    # closed), and the error ended the worker before its watch on the parent removed the folder.
    ours, theirs = socket.socketpair()
    folder = tmp_path / "pb-worker-x"
    folder.mkdir()
    with theirs:
        worker = subprocess.Popen(
            [sys.executable, "-m", "policybrief.worker", str(theirs.fileno()), str(os.getpid()), "30", str(folder)],
            pass_fds=(theirs.fileno(),), env={**os.environ, "TMPDIR": str(folder)}, stderr=subprocess.PIPE, text=True)
    if ready_unread:
        select.select([ours], [], [], 120)  # "ready" is waiting, unread
    ours.close()
    _, stderr = worker.communicate(timeout=120)
    assert worker.returncode == 1, stderr
    assert not folder.exists()


@pytest.mark.slow
def test_dask_local_cluster_writes_the_same_briefs(batch, tmp_path):
    from distributed import LocalCluster

    root = batch["root"]
    inputs = ["articles/001_mali_un_exit_wire.txt", "more/003_somalia_atmis_drawdown.html",
              "params/015_taiwan_strait_drills_wire.yaml", "more/broken_empty.txt"]  # as the local run gave them
    out = tmp_path / "out"
    # The scheduler's web server on a free port: the default one may be taken (another cluster, another test
    # run), and the warning that it moves is an error under pytest's settings.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        proc = policybrief("run", *inputs, "--out", str(out), "--scheduler", cluster.scheduler_address, cwd=root)
    assert proc.returncode == 1, proc.stderr
    local, remote = manifest(batch["out"]), manifest(out)
    assert remote["broken_empty"]["status"] == "failed"
    assert remote["broken_empty"]["error"] == local["broken_empty"]["error"]
    for name in ("001_mali_un_exit_wire", "003_somalia_atmis_drawdown", "015_taiwan_strait_drills_wire"):
        assert remote[name]["status"] == "built"
        for key in ("source", "title", "outlet", "published", "risk", "actors", "hashes"):
            assert remote[name][key] == local[name][key], key
        assert (out / name / "brief.json").read_text() == (batch["out"] / name / "brief.json").read_text()
    assert_consistent(out)
    assert (out / "index.html").read_text().count('/brief.pdf">PDF</a>') == 3
    # The published notebook names its inputs from where it lies, not from the worker's temporary folder.
    name = "001_mali_un_exit_wire"
    published = nbformat.read(out / name / "brief.ipynb", as_version=4).metadata.papermill.parameters
    assert published["brief_json"] == "brief.json" and published["compare_with"] == ".."
    assert (out / name / published["article"]).resolve() == (root / inputs[0]).resolve()
    assert f"{tempfile.gettempdir()}/policybrief-" not in (out / name / "brief.ipynb").read_text()
