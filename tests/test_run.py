"""The whole path for one article, as an analyst runs it: papermill, nbconvert and Typst for real."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import ROOT, SAMPLE, TagsAndText
from pypdf import PdfReader

from policybrief.brief import Brief
from policybrief.notebook import load_brief

BIN = Path(sys.executable).parent
PARAMS = ROOT / "params" / "000_26411969a0d151c5.yaml"
SHORT = ROOT / "tests" / "realset" / "tune" / "r112_lebanon_army_deploys.txt"  # about 300 words
# About 300 words each, with many dates and figures: their annexes ran to a fifth page while the timeline was
# both a table and a chart, and a note on the brief took a heading of its own.
DENSE = [ROOT / "tests" / "realset" / "tune" / f"{name}.txt" for name in (
    "r564_somalia_wary_over_security_vacuum", "r1488_bakassi_greentree_unratified")]
# Its page 2 leaves 54 mm under the indicators: the charts, drawn 50 mm high, went to a third page of their own.
CROWDED = ROOT / "tests" / "devset" / "001_mali_un_exit_wire.txt"
CHART_CAPTIONS = ("Who supports, opposes or hedges on the development", "Where: the countries the article names")
HEADINGS = ["Bottom line up front", "Sourcing and confidence", "Who stands where", "Power-vacuum risk", "Annex",
            "Source notes"]
# Phrases the page itself once wrote around the analysis' text.
MACHINE_PHRASES = ("Balance +", "Balance -", "Rated high (", "Rated moderate (", "Rated low (", "Outlook:")

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def brief_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("briefings")
    proc = run("policybrief", "run", str(PARAMS), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out / "000_26411969a0d151c5"


def test_run_writes_the_four_files_and_nothing_else(brief_dir):
    assert sorted(p.name for p in brief_dir.iterdir()) == ["brief.html", "brief.ipynb", "brief.json", "brief.pdf"]
    assert not [p for p in brief_dir.parent.iterdir() if ".partial" in p.name or p.suffix == ".part"]


def test_the_published_notebook_names_its_inputs_from_where_it_lies(brief_dir, tmp_path, monkeypatch):
    nb = nbformat.read(brief_dir / "brief.ipynb", as_version=4)
    published = nb.metadata.papermill.parameters
    assert published["brief_json"] == "brief.json" and published["compare_with"] == ".."
    article = yaml.safe_load(PARAMS.read_text())["article"]
    assert (brief_dir / published["article"]).resolve() == (ROOT / article).resolve()
    [injected] = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'brief_json = "brief.json"' in injected.source and ".partial" not in injected.source
    assert ".partial" not in (brief_dir / "brief.ipynb").read_text()
    # Opened elsewhere with its brief.json, where the article is not: the published brief stands for it.
    elsewhere = tmp_path / "a" / "b" / "c" / "d"  # deep enough that the relative path leads nowhere
    elsewhere.mkdir(parents=True)
    shutil.copy(brief_dir / "brief.json", elsewhere / "brief.json")
    monkeypatch.chdir(elsewhere)
    assert not Path(published["article"]).exists()
    again = load_brief(published["article"], brief_json=published["brief_json"])
    assert again == Brief.model_validate_json((brief_dir / "brief.json").read_text())


def test_brief_json_is_the_contract_and_matches_the_notebook(brief_dir):
    brief = Brief.model_validate_json((brief_dir / "brief.json").read_text())
    assert brief.article.source == "Washington Examiner" and brief.risk.rating == "high"
    nb = nbformat.read(brief_dir / "brief.ipynb", as_version=4)
    text = json.dumps([c.get("outputs", []) for c in nb.cells])
    assert brief.article.title.replace("’", "\\u2019") in text or brief.article.title in text
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def test_html_is_offline_and_shows_no_notebook_machinery(brief_dir):
    html = (brief_dir / "brief.html").read_text()
    parser = TagsAndText("style")
    parser.feed(html)
    for tag, attrs in parser.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.startswith(("http:", "https:", "//")), (tag, attrs)
        if tag == "link":
            assert attrs.get("rel") != "stylesheet" or not attrs.get("href", "").startswith("http")
    css = "".join(parser.texts)
    assert css and "url(http" not in css and "url(//" not in css
    assert not [line for line in css.splitlines() if line.strip().startswith("@import")]
    for machinery in ("In&nbsp;[", "In [", "Out[", "jp-InputPrompt", "load_brief(", "Traceback"):
        assert machinery not in html
    for heading in HEADINGS:
        assert f">{heading}</h2>" in html
    charts = [attrs for tag, attrs in parser.tags if "pb-chart" in (attrs.get("class") or "").split()]
    assert charts  # the map, at least: the article names states


def test_pdf_has_the_sections_a_chart_and_metadata(brief_dir):
    reader = PdfReader(brief_dir / "brief.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    for heading in HEADINGS:
        assert heading in text
    assert "Where: the countries the article names" in text
    for phrase in MACHINE_PHRASES:
        assert phrase not in text, phrase
    assert reader.metadata.title.startswith("Iraq’s PM balances")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)


@pytest.fixture(scope="module")
def short_and_two_pages(tmp_path_factory) -> dict[str, Path]:
    """A 300-word article with its annex, and it and the 1,000-word sample without."""
    out = tmp_path_factory.mktemp("pages")
    proc = run("policybrief", "run", str(SHORT), *map(str, DENSE), str(CROWDED), "--out", str(out / "annex"),
               "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    proc = run("policybrief", "run", str(SHORT), str(SAMPLE), "--out", str(out / "two"), "--no-annex", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    return {"short": out / "annex" / SHORT.stem / "brief.pdf",
            **{path.stem: out / "annex" / path.stem / "brief.pdf" for path in [*DENSE, CROWDED]},
            "short_two": out / "two" / SHORT.stem / "brief.pdf",
            "sample_two": out / "two" / SAMPLE.stem / "brief.pdf"}


def test_page_counts_two_pages_and_the_annex(brief_dir, short_and_two_pages):
    for key in ("short", *(path.stem for path in DENSE)):
        assert 2 < len(PdfReader(short_and_two_pages[key]).pages) <= 4, key
    assert 2 < len(PdfReader(brief_dir / "brief.pdf").pages) <= 6  # the sample: about 1,000 words
    crowded = PdfReader(short_and_two_pages[CROWDED.stem]).pages
    assert len(crowded) <= 6  # 718 words
    # the charts shrink a little into what page 2 has left rather than open a page of their own
    assert all(caption in crowded[1].extract_text() for caption in CHART_CAPTIONS)
    for key in ("short_two", "sample_two"):
        pages = PdfReader(short_and_two_pages[key]).pages
        assert len(pages) == 2, key
        assert "Who stands where" in pages[1].extract_text() and "Annex" not in pages[1].extract_text()


def test_the_readmes_papermill_with_our_engine_then_nbconvert_exporters(tmp_path):
    executed = tmp_path / "out.ipynb"
    proc = run("papermill", "--engine", "policybrief", "notebooks/brief.ipynb", str(executed), "-f", str(PARAMS))
    assert proc.returncode == 0, proc.stderr
    for exporter, suffix in (("policybrief-pdf", ".pdf"), ("policybrief-html", ".html")):
        proc = run("jupyter", "nbconvert", "--to", exporter, str(executed))
        assert proc.returncode == 0, proc.stderr
        assert executed.with_suffix(suffix).stat().st_size > 10_000


def test_notebook_defaults_brief_the_bundled_sample(tmp_path):
    """ "Open in JupyterLab, run all": no parameters at all, run from the notebook's own folder."""
    import papermill

    out = tmp_path / "default.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / "brief.ipynb"), str(out), progress_bar=False,
                               cwd=str(ROOT / "notebooks"))
    text = out.read_text()
    assert "Iraq" in text and "Bottom line up front" in text


def test_article_file_straight_to_a_brief_with_letter_paper(tmp_path, write_article):
    article = write_article(
        "Chad orders French troops out\n\n"
        "The Chadian government ordered French troops to leave the country, officials said on Monday. "
        "Jihadist groups have attacked army posts near Lake Chad, and analysts warned of a security vacuum.\n",
        name="chad brief.txt",
    )
    proc = run("policybrief", "run", str(article), "--out", str(tmp_path / "out"), "--paper", "Letter")
    assert proc.returncode == 0, proc.stderr
    pdf = PdfReader(tmp_path / "out" / "chad-brief" / "brief.pdf")
    assert round(float(pdf.pages[0].mediabox.width)) == 612
