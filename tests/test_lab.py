"""Charts and styles where analysts read briefs: JupyterLab, the exported page in a browser, the PDF.

The fast tests check the inline styles Lab gets and the exporters take out. The slow ones use real software
with the network blocked: Debian's chromium (driven by Playwright, which never downloads a browser here)
opens the exported HTML and a JupyterLab server started on loopback, and counts the charts actually drawn.
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from pypdf import PdfReader

from policybrief import present
from policybrief.brief import Brief
from policybrief.export import export
from policybrief.notebook import SAMPLE_ARTICLE
from policybrief.outputs import MARKER, VEGALITE_MIMETYPE, inline_styles, strip_inline_styles
from policybrief.pipeline import TEMPLATE

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "devset" / "000_26411969a0d151c5.txt"
IRAQ = ROOT / "tests" / "fixtures" / "brief_iraq.json"
CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent

# Only what the browser tests need is missing; everything else in this file runs regardless.
browser_missing = (
    "Debian's chromium is not installed (make test installs it)"
    if not CHROMIUM.exists()
    else "playwright is not installed (pip install -e '.[test]')"
    if importlib.util.find_spec("playwright") is None
    else None
)
lab_missing = (
    "jupyterlab is not installed (pip install -e '.[lab]')" if importlib.util.find_spec("jupyterlab") is None else None
)


def load_brief() -> Brief:
    return Brief.model_validate_json(IRAQ.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- fast: the styles Lab gets


def test_sections_carry_their_styles_inline_for_lab():
    data, _ = present.risk(load_brief())._repr_mimebundle_()
    badge = re.search(r'<span class="pb-badge pb-risk-(\w+)" style="([^"]*)"', data["text/html"])
    assert badge, "the risk badge carries no inline style"
    # Resolved values only: Lab's sanitiser drops var() and <style>, and keeps plain declarations.
    assert "background: #" in badge.group(2) and "border-radius" in badge.group(2) and "var(" not in badge.group(2)
    assert "<style" not in data["text/html"]


def test_exporters_get_the_section_html_back_without_lab_styles():
    for section in present.brief_sections(load_brief()):
        html = str(section.html)
        styled = inline_styles(html)
        assert MARKER in styled or "class=" not in html
        assert _same_markup(strip_inline_styles(styled), html)


def test_a_style_attribute_of_the_section_itself_survives():
    html = '<div class="pb-frame-track"><span class="pb-frame-fill" style="width: 40%"></span></div>'
    styled = inline_styles(html)
    assert re.search(r'class="pb-frame-fill" style="[^"]+' + re.escape(MARKER) + 'width: 40%"', styled)
    assert strip_inline_styles(styled) == html


def test_inline_styles_keep_hostile_text_as_text():
    html = str(present.bottom_line(_hostile()).html)
    styled = inline_styles(html)
    assert "<script>" not in styled and "&lt;script&gt;alert(1)&lt;/script&gt;" in styled


def _hostile() -> Brief:
    brief = load_brief()
    brief.bluf = "Bottom line <script>alert(1)</script> </p><!--"
    return brief


def _same_markup(a: str, b: str) -> bool:
    # The HTML parser may write a character reference as the character itself; nothing else may change.
    def norm(s: str) -> str:
        return s.replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')

    return norm(a) == norm(b)


# ---------------------------------------------------------------- slow: briefs to open


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict[str, Path]:
    """A brief published by `policybrief run` (the sample article), and the product notebook run on the
    fixture brief, which has a stance, dates and states, so it draws all three charts."""
    root = tmp_path_factory.mktemp("published")
    subprocess.run(
        [str(BIN / "policybrief"), "run", str(SAMPLE), "--out", str(root)],
        check=True, capture_output=True, timeout=300,
    )
    published = root / SAMPLE.stem
    full = tmp_path_factory.mktemp("full")
    (full / "brief.json").write_text(load_brief().to_json(), encoding="utf-8")
    pm.execute_notebook(
        str(TEMPLATE), str(full / "brief.ipynb"), progress_bar=False, cwd=str(full),
        parameters={"article": str(SAMPLE_ARTICLE), "brief_json": str(full / "brief.json")},
    )
    export(full / "brief.ipynb", full / "brief.html", full / "brief.pdf")
    return {"published": published, "full": full}


def chart_outputs(notebook: Path) -> int:
    nb = nbformat.read(notebook, as_version=4)
    return sum(VEGALITE_MIMETYPE in o.get("data", {}) for cell in nb.cells for o in cell.get("outputs", []))


@pytest.fixture(scope="module")
def browser():
    if browser_missing:
        pytest.skip(browser_missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # executable_path: Debian's chromium; Playwright's own browser builds are never downloaded here.
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


def offline_page(browser, allowed: str):
    """A page that may load only URLs starting with `allowed`; the list of what it tried beyond is returned."""
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith((allowed, "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, blocked, errors


def drawn_size(locator) -> tuple[float, float]:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    return (box["width"], box["height"]) if box else (0.0, 0.0)


# ---------------------------------------------------------------- slow: the exported page and the PDF


@pytest.mark.slow
@pytest.mark.parametrize("which", ["published", "full"])
def test_every_chart_of_the_page_is_drawn_in_a_browser_offline(briefs, browser, which):
    folder = briefs[which]
    expected = chart_outputs(folder / "brief.ipynb")
    assert expected == (1 if which == "published" else 3)
    page, blocked, errors = offline_page(browser, "file:")
    page.goto((folder / "brief.html").as_uri())
    figures = page.locator("figure[data-policybrief-chart]")
    assert figures.count() == expected
    for i in range(expected):
        figure = figures.nth(i)
        # vega-embed draws into .pb-chart-live and removes the static copy once it has drawn.
        figure.locator(".pb-chart-live svg.marks").wait_for(timeout=10_000)
        width, height = drawn_size(figure.locator(".pb-chart-live svg.marks"))
        assert width > 200 and height > 100
        assert figure.locator(".pb-chart-static").count() == 0
    assert blocked == [] and errors == []
    page.close()


@pytest.mark.slow
@pytest.mark.parametrize("which", ["published", "full"])
def test_pdf_charts_are_vectors_with_their_text(briefs, which):
    reader = PdfReader(briefs[which] / "brief.pdf")
    images = [
        name
        for page in reader.pages
        for name, xobject in _xobjects(page.get("/Resources", {}))
        if xobject.get("/Subtype") == "/Image"
    ]
    assert images == []
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    assert "Central actor" in text
    if which == "full":
        assert all(word in text for word in ("Supports", "Hedges", "Opposes", "Published"))


def _xobjects(resources, seen=None):
    """Every XObject a page draws, including those inside form XObjects (which is how SVG images arrive)."""
    seen = seen if seen is not None else set()
    xobjects = resources.get_object().get("/XObject", {}) if resources else {}
    for name, ref in xobjects.items():
        xobject = ref.get_object()
        if id(xobject) in seen:
            continue
        seen.add(id(xobject))
        yield name, xobject
        if xobject.get("/Subtype") == "/Form":
            yield from _xobjects(xobject.get("/Resources"), seen)


# ---------------------------------------------------------------- slow: JupyterLab


@pytest.fixture(scope="module")
def lab(briefs, tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a random port and token, in a folder holding copies of both notebooks,
    with its settings, workspaces and trust database in temporary folders (so the copies are untrusted)."""
    if lab_missing:
        pytest.skip(lab_missing)
    if browser_missing:
        pytest.skip(browser_missing)
    folder, home = tmp_path_factory.mktemp("lab"), tmp_path_factory.mktemp("jupyter-home")
    shutil.copy(briefs["published"] / "brief.ipynb", folder / "published.ipynb")
    shutil.copy(briefs["published"] / "brief.json", folder / "brief.json")  # published beside its notebook
    shutil.copy(briefs["full"] / "brief.ipynb", folder / "full.ipynb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
    )
    cmd = [
        str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
        # CI runs as root; the server only listens on loopback with a token.
        "--ServerApp.allow_root=True",
        f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = open(home / "lab.log", "wb")  # noqa: SIM115 (closed after the server stops)
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text(errors="replace")[-3000:])
                time.sleep(0.2)
        yield {"base": f"http://127.0.0.1:{port}/", "token": token}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def open_notebook(browser, lab, name: str):
    page, blocked, errors = offline_page(browser, lab["base"])
    # reset: a fresh workspace, without the notebooks an earlier page left open.
    page.goto(f"{lab['base']}lab/tree/{name}?reset&token={lab['token']}")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=30_000)
    return page, blocked, errors


def lab_charts(page, expected: int, fresh: bool = False) -> list[tuple[float, float]]:
    """The drawn size of each Vega chart in the notebook's outputs (only those not marked before a run, if
    fresh), once `expected` of them are there. Lab draws an output when it scrolls into view, with its vega5
    renderer, into a canvas."""
    selector = ".jp-OutputArea-output.jp-RenderedVegaCommon5" + (":not([data-before-run])" if fresh else "")
    outputs = page.locator(selector)
    outputs.nth(expected - 1).wait_for(state="attached", timeout=60_000)
    assert outputs.count() == expected
    sizes = []
    for i in range(expected):
        outputs.nth(i).scroll_into_view_if_needed()
        canvas = outputs.nth(i).locator("canvas")
        canvas.wait_for(timeout=15_000)
        sizes.append(drawn_size(canvas))
    return sizes


def badge_style(page, scope: str = ".jp-OutputArea-output") -> dict:
    badge = page.locator(f"{scope} .pb-badge").first
    badge.scroll_into_view_if_needed()
    assert badge.is_visible()
    return badge.evaluate(
        """e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
                  return {text: e.textContent, background: s.backgroundColor, color: s.color,
                          radius: s.borderTopLeftRadius, width: r.width, height: r.height}; }"""
    )


def assert_badge_styled(style: dict) -> None:
    assert style["text"].strip().upper().endswith("RISK") and style["width"] > 30 and style["height"] > 10
    # Unstyled, the badge would be plain text: no background, the body's colour and square corners.
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent") and style["color"] == "rgb(255, 255, 255)"
    assert style["radius"] != "0px"


@pytest.mark.slow
def test_lab_draws_the_charts_of_an_untrusted_published_notebook(browser, lab, briefs):
    for name, folder in (("full.ipynb", briefs["full"]), ("published.ipynb", briefs["published"])):
        page, blocked, errors = open_notebook(browser, lab, name)
        sizes = lab_charts(page, chart_outputs(folder / "brief.ipynb"))
        assert all(width > 200 and height > 100 for width, height in sizes), (name, sizes)
        # Untrusted, Lab shows no SVG output at all, and HTML only sanitised (an SVG in it becomes text).
        assert page.locator(".jp-OutputArea-output.jp-RenderedSVG, .jp-OutputArea-output svg.marks").count() == 0
        assert_badge_styled(badge_style(page))
        assert blocked == [], blocked
        page.close()


@pytest.mark.slow
def test_lab_runs_the_published_notebook_and_draws_the_fresh_charts(browser, lab, briefs):
    page, blocked, errors = open_notebook(browser, lab, "published.ipynb")
    expected = chart_outputs(briefs["published"] / "brief.ipynb")
    lab_charts(page, expected)
    page.locator(".jp-NotebookPanel .jp-Notebook").evaluate(
        "nb => nb.querySelectorAll('.jp-OutputArea-output').forEach(o => o.setAttribute('data-before-run', ''))"
    )
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()
    page.keyboard.press("Control+Shift+C")
    page.locator(".lm-CommandPalette-input").fill("Run All Cells")
    page.locator(".lm-CommandPalette-item", has_text=re.compile(r"^Run All Cells")).first.click()
    sizes = lab_charts(page, expected, fresh=True)
    assert all(width > 200 and height > 100 for width, height in sizes), sizes
    assert page.locator(".jp-OutputArea-output[data-before-run]").count() == 0
    assert_badge_styled(badge_style(page, ".jp-OutputArea-output:not([data-before-run])"))
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert blocked == [], blocked
    page.close()
