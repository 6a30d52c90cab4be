"""PRESENT and EXPORT layers: sections, charts, offline HTML and Typst PDF.

The slow tests execute a real notebook with papermill and export it with real nbconvert and Typst; the
fast ones feed the exporters hand-built notebooks (no kernel) to check wiring and failure handling.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from pypdf import PdfReader

from policybrief import charts, present
from policybrief.brief import Brief
from policybrief.errors import ExportError
from policybrief.export import BriefHTMLExporter, export
from policybrief.notebook import SAMPLE_ARTICLE
from policybrief.outputs import MARKER
from policybrief.pipeline import TEMPLATE

FIXTURES = Path(__file__).parent / "fixtures"
IRAQ = FIXTURES / "brief_iraq.json"
HEADINGS = list(present.HEADINGS.values())
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
# Typst syntax that would import, read a file, run code or end a content block if the PDF read it as markup.
TYPST = '#import "@preview/x:0.1.0": * #read("/etc/passwd") $x^2$ *bold* back\\slash ] // not a comment'


def load_brief(path: Path = IRAQ) -> Brief:
    return Brief.model_validate_json(path.read_text(encoding="utf-8"))


def hostile_brief() -> Brief:
    """The fixture with markup planted wherever article text reaches the page."""
    brief = load_brief()
    brief.article.title = f"{SCRIPT} Iraq {IMG}"
    brief.article.source = IMG
    brief.bluf = f'Bottom line </script><!-- "quoted" {SCRIPT}'
    brief.actors[0].name = IMG
    brief.actors[1].name = SCRIPT
    brief.actors[1].role = IMG
    brief.sentences[0].text = f"{IMG} said {SCRIPT} today."
    brief.sentences[1].text = f"Officials said {TYPST} today."
    brief.figures[0].what = IMG
    brief.timeline[0].what = SCRIPT
    brief.risk.watch.append(SCRIPT)
    brief.risk.watch_points[0].text = SCRIPT
    brief.risk.judgment = f"A vacuum {IMG} is likely."
    brief.development = SCRIPT
    brief.sourcing.summary = IMG
    brief.sourcing.reasons.append(SCRIPT)
    brief.actors[0].stance_quote = f"{SCRIPT} we support it"
    brief.removed[0].text = IMG
    brief.notes.append(SCRIPT)
    return brief


def execute(brief: Brief, folder: Path, **parameters) -> Path:
    """The product notebook, run as `policybrief run` runs it: on the bundled sample (whose hash the fixture
    carries), handed the brief already made."""
    folder.mkdir(parents=True, exist_ok=True)
    brief_path, executed = folder / "brief.json", folder / "brief.ipynb"
    brief_path.write_text(brief.to_json(), encoding="utf-8")
    pm.execute_notebook(
        str(TEMPLATE),
        str(executed),
        parameters={"article": str(SAMPLE_ARTICLE), "brief_json": str(brief_path), **parameters},
        progress_bar=False,
        cwd=str(folder),
    )
    return executed


class PageScan(HTMLParser):
    """Collects what an offline check needs: tags with attributes, CSS text, and visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.css: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if not self._open:
            self.text.append(data)
        elif self._open[-1] == "style":
            self.css.append(data)


def scan(html: str) -> PageScan:
    page = PageScan()
    page.feed(html)
    return page


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def chart_figures(html: str) -> list[str]:
    return re.findall(r'<figure class="pb-chart.*?</figure>', html, flags=re.S)


def drawn_charts(brief: Brief) -> int:
    """How many of the notebook's charts have something to draw for this brief."""
    return sum(f(brief) is not None for f in (charts.stance_chart, charts.locator_map, charts.timeline_chart))


def pdf_pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


# ---------------------------------------------------------------- fast: sections, no kernel


def test_a_dangling_evidence_id_is_shown_but_not_linked():
    brief = load_brief()
    brief.key_judgments[0].evidence = ["s999"]
    html = str(present.bottom_line(brief).html)
    assert "[s999]" in html and 'href="#s999"' not in html


def test_sections_escape_hostile_article_text():
    html = "".join(str(s.html) for s in present.brief_sections(hostile_brief()))
    assert SCRIPT not in html and IMG not in html and "</script><!--" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_title_block_hands_page_title_and_description_to_the_exporter():
    brief = load_brief()
    data, metadata = present.title_block(brief)._repr_mimebundle_()
    assert "text/html" in data
    assert metadata[present.PAGE_METADATA_KEY] == {"title": brief.article.title, "description": brief.bluf}


def test_a_minimal_brief_renders_every_section_and_no_empty_chart():
    brief = load_brief()
    brief = brief.model_copy(
        update={
            "sentences": [],
            "actors": [],
            "key_judgments": [],
            "figures": [],
            "timeline": [],
            "removed": [],
            "development": None,
        }
    )
    brief.risk.watch_points, brief.risk.indicators = [], []
    assert [s.name for s in present.brief_sections(brief)][1:] == HEADINGS
    assert drawn_charts(brief) == 0


# ---------------------------------------------------------------- fast: exporter wiring on built notebooks


def outputs_notebook() -> nbformat.NotebookNode:
    """An executed-looking notebook with everything a mailed brief must hide, and one good section."""
    section = present.bottom_line(load_brief())
    banner = new_markdown_cell(
        'An Exception was encountered at <a href="#papermill-error-cell">In [3]</a>',
        metadata={"tags": ["papermill-error-cell-tag"]},
    )
    failed = new_code_cell("raise KeyError('x')", execution_count=3)
    failed.outputs = [
        new_output(
            "error", ename="KeyError", evalue="'x'", traceback=["\x1b[31mTraceback (most recent call last)"]
        )
    ]
    noisy = new_code_cell("print('x')", execution_count=4)
    noisy.outputs = [
        new_output("stream", name="stderr", text="STDERR-NOISE\n"),
        new_output("stream", name="stdout", text="STDOUT-NOISE\n"),
        new_output("display_data", data={"text/html": str(section.html), "text/plain": section.name}),
    ]
    return new_notebook(cells=[banner, failed, noisy])


def test_html_export_hides_tracebacks_streams_and_papermill_banners():
    html, _ = BriefHTMLExporter().from_notebook_node(outputs_notebook())
    assert "This section could not be produced" in html
    assert "Bottom line up front" in html
    for hidden in ("Traceback", "KeyError", "STDERR-NOISE", "STDOUT-NOISE", "In [", "Out[", "raise KeyError"):
        assert hidden not in html


def test_page_without_charts_carries_no_vega_bundle():
    html, _ = BriefHTMLExporter().from_notebook_node(outputs_notebook())
    assert 'id="policybrief-vega"' not in html and "<script" not in html


def test_missing_template_folder_names_the_paths_searched(tmp_path):
    with pytest.raises(ExportError, match="no-such-brief.*searched") as info:
        BriefHTMLExporter(extra_template_basedirs=[str(tmp_path)], template_name="no-such-brief")
    assert str(tmp_path / "no-such-brief") in str(info.value)


def test_export_refuses_unknown_paper_and_unreadable_notebook(tmp_path):
    with pytest.raises(ExportError, match="paper size"):
        export(tmp_path / "x.ipynb", None, tmp_path / "x.pdf", paper="A3")
    with pytest.raises(ExportError, match="cannot read"):
        export(tmp_path / "missing.ipynb", tmp_path / "x.html", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_export_writes_complete_files_and_no_temporaries(tmp_path):
    notebook = tmp_path / "brief.ipynb"
    nbformat.write(outputs_notebook(), notebook)
    export(notebook, tmp_path / "brief.html", None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html", "brief.ipynb"]
    assert (tmp_path / "brief.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


# ---------------------------------------------------------------- slow: papermill, nbconvert, Typst


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("briefs")
    normal, hostile = execute(load_brief(), root / "normal"), execute(hostile_brief(), root / "hostile")
    two_pages = execute(load_brief(), root / "two-pages", annex=False)
    paths = {
        "root": root,
        "notebook": normal,
        "html": root / "normal.html",
        "pdf": root / "normal.pdf",
        "letter": root / "letter.pdf",
        "hostile_html": root / "hostile.html",
        "hostile_pdf": root / "hostile.pdf",
        "two_html": root / "two-pages.html",
        "two_pdf": root / "two-pages.pdf",
    }
    export(normal, paths["html"], paths["pdf"])
    export(normal, None, paths["letter"], paper="Letter")
    export(hostile, paths["hostile_html"], paths["hostile_pdf"])
    export(two_pages, paths["two_html"], paths["two_pdf"])
    return paths


@pytest.mark.slow
def test_html_loads_nothing_from_the_network(built):
    page = scan(built["html"].read_text(encoding="utf-8"))
    for tag, attrs in page.tags:
        if tag == "script":
            assert "src" not in attrs
        for name in ("src", "href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "ftp:")), (tag, name, value)
        if tag == "img":
            assert attrs["src"].startswith("data:")
    css = re.sub(r"/\*.*?\*/", "", "\n".join(page.css), flags=re.S).lower()
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css)


@pytest.mark.slow
def test_html_shows_the_brief_and_no_notebook_machinery(built):
    html = built["html"].read_text(encoding="utf-8")
    text = " ".join(scan(html).text)
    for heading in HEADINGS:
        assert f"<h2>{heading}</h2>" in html
    for leftover in ("In [", "Out[", "Run all cells"):
        assert leftover not in text
    # A cell that displays nothing (no annex, no chart to draw) must not leave a plain-text "None" behind.
    assert '<pre class="pb-text">' not in html
    for code in ("present.bottom_line(brief)", "charts.show(", "brief_json", "if annex", "jp-InputArea"):
        assert code not in html


@pytest.mark.slow
def test_html_shows_each_chart_that_has_something_to_draw(built):
    figures = chart_figures(built["html"].read_text(encoding="utf-8"))
    assert len(figures) == drawn_charts(load_brief()) == 3
    captions = [re.search(r"<figcaption>(.*?)</figcaption>", f).group(1) for f in figures]
    assert captions == ["Who supports, opposes or hedges on the development", "Where: the countries the article names",
                        "When: the dated events in the article"]


@pytest.mark.slow
def test_without_the_annex_the_brief_is_its_two_pages(built):
    html = built["two_html"].read_text(encoding="utf-8")
    assert re.findall(r"<h2>(.*?)</h2>", re.sub(r"<script.*?</script>", "", html, flags=re.S)) == HEADINGS[:4]
    # Citations still name their sentences, but with no annex to go to they are not links.
    assert 'class="pb-cite" title=' in html and 'href="#s' not in html
    text = " ".join(scan(html).text)
    assert "Cited sentences" not in text and "All actors" not in text
    # The timeline chart belongs to the annex; the stance chart and the map stay on page 2.
    assert len(chart_figures(html)) == 2
    pages = pdf_pages(built["two_pdf"])
    assert len(pages) == 2 and "Who stands where" in pages[1] and "Who stands where" not in pages[0]


@pytest.mark.slow
def test_page_two_and_the_annex_each_start_a_page(built):
    pages = pdf_pages(built["pdf"])
    assert "Bottom line up front" in pages[0] and "Sourcing and confidence" in pages[0]
    assert "Who stands where" in pages[1] and "Power-vacuum risk" in pages[1] and "All actors" not in pages[1]
    annex = next(i for i, page in enumerate(pages) if "All actors" in page)
    assert annex == 2 and "Annex All actors" in pages[annex]


@pytest.mark.slow
def test_hostile_text_is_escaped_in_html(built):
    html = built["hostile_html"].read_text(encoding="utf-8")
    assert SCRIPT not in html and IMG not in html and "</script><!--" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    page = scan(html)
    assert all("src" not in attrs for tag, attrs in page.tags if tag == "script")
    assert all(attrs.get("onerror") is None for _, attrs in page.tags)


@pytest.mark.slow
def test_hostile_text_is_literal_in_pdf(built):
    text = pdf_text(built["hostile_pdf"])
    assert f"{SCRIPT} Iraq {IMG}" in text
    assert f"{IMG} said {SCRIPT} today." in text
    # Without white space: a line may break after the slash, which text extraction reads as a space.
    assert "".join(f"Officials said {TYPST} today.".split()) in "".join(text.split())
    assert "root:" not in text
    assert PdfReader(built["hostile_pdf"]).metadata.title == f"{SCRIPT} Iraq {IMG}"


@pytest.mark.slow
def test_pdf_has_sections_vector_chart_text_metadata_and_links(built):
    reader = PdfReader(built["pdf"])
    text = pdf_text(built["pdf"])
    for heading in HEADINGS:
        assert heading in text
    assert "Where: the countries the article names" in text and "When: the dated events in the article" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert reader.metadata.title == load_brief().article.title
    assert reader.metadata.subject == load_brief().bluf
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert any("/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo" for a in links)


@pytest.mark.slow
def test_letter_and_a4_pages_differ(built):
    a4 = PdfReader(built["pdf"]).pages[0].mediabox
    letter = PdfReader(built["letter"]).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


@pytest.mark.slow
def test_no_temporary_files_are_left_beside_the_outputs(built):
    assert not list(built["root"].glob(".*.part"))


@pytest.mark.slow
@pytest.mark.parametrize("exporter, suffix", [("policybrief-html", ".html"), ("policybrief-pdf", ".pdf")])
def test_jupyter_nbconvert_finds_our_exporters(built, tmp_path, exporter, suffix):
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [str(jupyter), "nbconvert", "--to", exporter, str(built["notebook"]), "--output-dir", str(tmp_path)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    output = tmp_path / f"brief{suffix}"
    if suffix == ".pdf":
        assert "Bottom line up front" in pdf_text(output)
    else:
        assert "<h2>Bottom line up front</h2>" in output.read_text(encoding="utf-8")


# ---------------------------------------------------------------- charts and Lab styles through the exporters


def chart_notebook(*views) -> nbformat.NotebookNode:
    """A notebook whose cells display a styled section and the given charts, as the kernel would."""
    cells = []
    for view in (present.risk(hostile_brief()), *views):
        data, metadata = view._repr_mimebundle_()
        cell = new_code_cell("x", execution_count=len(cells) + 1)
        cell.outputs = [new_output("execute_result", data=data, metadata=metadata, execution_count=len(cells) + 1)]
        cells.append(cell)
    return new_notebook(cells=cells)


def test_html_export_makes_a_chart_output_an_interactive_figure():
    brief = hostile_brief()
    nb = chart_notebook(
        charts.show(charts.stance_chart(brief), f"Stances {SCRIPT}"), charts.show(charts.locator_map(brief))
    )
    html, _ = BriefHTMLExporter().from_notebook_node(nb)
    figures = re.findall(r"<figure[^>]*" + present.CHART_ATTR + r".*?</figure>", html, flags=re.S)
    assert len(figures) == 2 and html.count('id="policybrief-vega"') == 1
    assert len({re.search(r'id="(pb-chart-\d+)"', f).group(1) for f in figures}) == 2
    spec_script = re.compile(r'<script[^>]*class="pb-chart-spec"[^>]*>(.*?)</script>', flags=re.S)
    specs = [spec_script.search(figure).group(1) for figure in figures]
    assert all(figure.count("<svg") == 1 and "vegaEmbed" in figure for figure in figures)
    # The spec sits in a <script>: article text in it (the stance chart's actors) must not be able to close or
    # comment the element.
    assert all("<" not in spec for spec in specs) and "\\u003cscript\\u003ealert(1)" in specs[0]
    assert "<figcaption>Stances &lt;script&gt;alert(1)&lt;/script&gt;</figcaption>" in html
    assert SCRIPT not in html and IMG not in html


def test_exporters_take_the_lab_styles_back_out():
    html, _ = BriefHTMLExporter().from_notebook_node(chart_notebook())
    assert MARKER not in html
    assert re.search(r'<span class="pb-badge pb-risk-\w+">', html)


@pytest.mark.slow
def test_pdf_export_draws_a_chart_output_from_its_svg_as_vectors(tmp_path):
    notebook = tmp_path / "charts.ipynb"
    nbformat.write(chart_notebook(charts.show(charts.stance_chart(load_brief()), "Stances")), notebook)
    export(notebook, None, tmp_path / "charts.pdf")
    reader = PdfReader(tmp_path / "charts.pdf")
    text = pdf_text(tmp_path / "charts.pdf")
    assert all(label in text for label in ("Supports", "Hedges", "Opposes", "Stances"))
    assert MARKER not in text
    assert not [
        x for page in reader.pages for x in page["/Resources"].get("/XObject", {}).values()
        if x.get_object().get("/Subtype") == "/Image"
    ]


@pytest.mark.slow
def test_html_inlines_one_vega_bundle_for_all_its_charts(built):
    html = built["html"].read_text(encoding="utf-8")
    assert html.count('id="policybrief-vega"') == 1 and html.count("window.vegaEmbed=") == 1
    assert html.index('id="policybrief-vega"') < html.index("</head>")
    figures = re.findall(r"<figure[^>]*" + present.CHART_ATTR + r".*?</figure>", html, flags=re.S)
    assert len(figures) == 3 and all("<svg" in f and 'class="pb-chart-spec"' in f for f in figures)
    # One bundle plus a spec and an embed script per chart: nothing else on the page is a script.
    assert [t for t, _ in scan(html).tags].count("script") == 1 + 2 * len(figures)
    assert MARKER not in html
