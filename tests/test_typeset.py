"""TYPESET: the brief's HTML to Typst to PDF, on notebooks built here (no kernel, well under a second each).

The PDF exporter hands typeset the HTML the page template renders; these tests feed it that HTML for the
fixture brief, for a brief full of Typst syntax, and for markup the template does not know.
"""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
import typst
from hypothesis import given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_notebook, new_output
from pypdf import PdfReader

from policybrief import charts, present, typeset
from policybrief.brief import Brief
from policybrief.export import BriefHTMLExporter, BriefPDFExporter

FIXTURE = Path(__file__).parent / "fixtures" / "brief_iraq.json"
# Article text written in Typst: each piece would import, read a file, set maths or emphasis, or end a
# content block if it were ever read as markup.
TYPST = ('#import "@preview/cetz:0.3.0": * #read("/etc/passwd") #eval("1+1") $x^2$ *bold* _em_ '
         'back\\slash ] [ // no comment /* none */ <lbl> @ref `raw` ~ = - + 1. #{"code"}')
TEMPLATE_FUNCTIONS = set(re.findall(r"^#let ([\w-]+)\(", (typeset.TEMPLATE_DIR / typeset.TEMPLATE).read_text(),
                                    flags=re.M))
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')


def load() -> Brief:
    return Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def hostile() -> Brief:
    brief = load()
    brief.article.title = f"Iraq {TYPST}"
    brief.bluf = f"Bottom line {TYPST}"
    brief.actors[0].name = TYPST
    brief.sentences[0].text = f"Officials said {TYPST} today."
    brief.sourcing.summary = TYPST
    brief.risk.judgment = f"A vacuum {TYPST} is likely."
    return brief


def notebook(*views):
    """An executed-looking notebook whose cells display the given sections and charts."""
    cells = []
    for number, view in enumerate(v for v in views if v is not None):
        data, metadata = view._repr_mimebundle_()
        cell = new_code_cell("x", execution_count=number + 1)
        cell.outputs = [new_output("execute_result", data=data, metadata=metadata, execution_count=number + 1)]
        cells.append(cell)
    return new_notebook(cells=cells)


def brief_notebook(brief: Brief, *, annex: bool = True):
    sections = present.brief_sections(brief, with_annex=annex)
    stance = charts.show(charts.stance_chart(brief), "Who supports, opposes or hedges on the development")
    where = charts.show(charts.locator_map(brief), "Where: the countries the article names")
    return notebook(*sections[:5], stance, where, *sections[5:])


def page_html(nb) -> str:
    """The HTML the PDF exporter typesets: the page template's, with the charts' static SVG."""
    exporter = BriefPDFExporter()
    html, _ = BriefHTMLExporter.from_notebook_node(exporter, nb)
    return html


def pdf(nb, paper: str = "A4") -> PdfReader:
    data, resources = BriefPDFExporter(paper_size=paper).from_notebook_node(nb)
    assert resources["output_extension"] == ".pdf"
    return PdfReader(io.BytesIO(data))


def words(reader: PdfReader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def goto_links(reader: PdfReader) -> list:
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    return [a for a in annotations if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]


@pytest.fixture(scope="module")
def fixture_pdf() -> PdfReader:
    return pdf(brief_notebook(load()))


def test_hostile_article_text_is_literal_in_the_pdf_and_nothing_is_read_or_run():
    brief = hostile()
    nb = brief_notebook(brief)
    source = typeset.to_typst(page_html(nb)).source
    # Outside its string literals the source holds the template's calls and nothing of the article.
    code = LITERAL.sub('""', source)
    for piece in ("passwd", "@preview", "$x", "*bold*", "back", "<lbl>", "@ref", "1+1", "Officials"):
        assert piece not in code, piece
    reader = pdf(nb)
    # Compared without white space: lines may break after a slash, and a line break reads as a space.
    text = "".join(" ".join(words(reader)).split())
    payload = "".join(TYPST.split())
    assert f"Officialssaid{payload}today." in text and f"Avacuum{payload}islikely." in text
    assert text.count(payload) >= 5
    assert reader.metadata.title == f"Iraq {TYPST}"
    assert reader.metadata.subject == f"Bottom line {TYPST}"
    assert "root:" not in text


_ALPHABET = st.characters(codec="utf-8") | st.sampled_from('\\"#$[]*_/<>@`~=-+\t\n\r\x00\x7f')


# No deadline: what is checked is the literal, and a compiler's first run on a loaded machine took 0.33 s in a
# clean clone's suite (Hypothesis's default deadline is 0.2 s)
@settings(deadline=None, database=None)
@given(st.text(_ALPHABET, max_size=40))
def test_a_string_literal_holds_any_text(text):
    expected = re.sub(r"[\t\n\r]", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text))
    assert json.loads(typst.Compiler().eval(typeset._literal(text), format="json")) == expected


def test_every_call_in_the_source_is_a_template_function():
    source = typeset.to_typst(page_html(brief_notebook(load()))).source
    called = set(re.findall(r"(?<![\w-])([a-z][\w-]*)(?:\.with)?\(", LITERAL.sub('""', source)))
    assert called - {"label", "link"} <= TEMPLATE_FUNCTIONS
    brief = load()
    for call in ('#pb-section("annex", ', "#pb-bluf(", f'#pb-badge("{brief.risk.rating}", ', "#pb-cited(",
                 f'#pb-conf("{brief.sourcing.confidence}", ', '#pb-table("pb-actors-table", ',
                 "#pb-charts(wide: false, pb-figure.with("):
        assert call in source, call


def test_pages_sections_and_links(fixture_pdf):
    pages = words(fixture_pdf)
    assert "Bottom line up front" in pages[0] and "Sourcing and confidence" in pages[0]
    assert "Who stands where" in pages[1] and "Who stands where" not in pages[0]
    assert "Power-vacuum risk" in pages[1] and "Where: the countries the article names" in pages[1]
    annex = next(i for i, page in enumerate(pages) if "All actors" in page)
    assert annex == 2 and "Annex All actors" in pages[annex]
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert 2 < len(pages) <= 6
    # The running header names the brief from page 2 on.
    title = load().article.title
    assert title not in pages[0].split("Bottom line")[1] and all(p.startswith(title) for p in pages[1:])
    assert fixture_pdf.metadata.title == title and fixture_pdf.metadata.subject == load().bluf
    assert goto_links(fixture_pdf)


def test_without_the_annex_two_pages_and_no_links():
    reader = pdf(brief_notebook(load(), annex=False))
    pages = words(reader)
    assert len(pages) == 2 and "Who stands where" in pages[1] and "Annex" not in " ".join(pages)
    assert not goto_links(reader)


def test_a_citation_of_a_sentence_the_page_does_not_hold_is_shown_unlinked():
    brief = load()
    brief.key_judgments[0].evidence = ["s999"]
    reader = pdf(notebook(present.bottom_line(brief)))
    assert "[s999]" in words(reader)[0] and not goto_links(reader)


@pytest.mark.parametrize("paper, size", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper_sizes(paper, size):
    box = pdf(notebook(present.sourcing(load())), paper).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_an_unknown_paper_size_is_refused():
    with pytest.raises(ValueError, match="A3"):
        typeset.to_typst("<p>x</p>", "A3")


def test_white_space_collapses_as_in_a_browser():
    source = typeset.to_typst('<main class="pb-brief">\n <p>  a\n <strong> b</strong>  c </p>\n</main>').source
    assert source.endswith('#pb-p([#"a "#pb-strong([#"b"])#" c"])\n')


def test_markup_the_template_does_not_know_shows_as_text():
    html = ('<main class="pb-brief"><section class="pb-section pb-new" id="sec-new"><h2>New part</h2>'
            '<p class="pb-unknown">Some <span class="pb-other">new</span> <abbr>words</abbr></p>'
            '<ul class="pb-new-list"><li>one</li><li>two</li></ul><blockquote>quoted</blockquote>'
            '<a href="#nowhere">dangling</a></section></main>')
    text = " ".join(words(PdfReader(io.BytesIO(typeset.html_to_pdf(html)))))
    for piece in ("New part", "Some new words", "one", "two", "quoted", "dangling"):
        assert piece in text


def test_charts_are_vectors_and_a_raster_image_is_kept():
    png = _png(4, 3)
    raster = new_output("display_data", data={"image/png": base64.b64encode(png).decode()})
    nb = brief_notebook(load(), annex=False)
    vector = pdf(nb)
    assert not _images(vector)
    nb.cells.append(new_code_cell("x", outputs=[raster]))
    assert len(_images(pdf(nb))) == 1


@pytest.mark.parametrize("href", ["file:///etc/passwd", "../../../../../../../etc/passwd", "http://example.invalid/a"])
def test_a_foreign_svg_reaches_no_file_and_no_network(href):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image href="{href}" width="9"/></svg>'
    html = ('<main class="pb-brief"><figure class="pb-chart"><img alt="x" src="data:image/svg+xml;base64,'
            f'{base64.b64encode(svg.encode()).decode()}"></figure></main>')
    with pytest.raises(typst.TypstError, match="not allowed|escape the project root"):
        typeset.html_to_pdf(html)


def test_fonts_are_debian_s_or_else_typst_s_own(monkeypatch):
    nb = notebook(present.bottom_line(load()))
    assert {"LiberationSans", "LiberationSans-Bold"} <= _fonts(pdf(nb))
    monkeypatch.setattr(typeset, "FONT_DIRS", ("/nonexistent/fonts",))
    typeset._fonts.cache_clear()
    try:
        fonts = _fonts(pdf(nb))
    finally:
        typeset._fonts.cache_clear()
    assert fonts and all("Libertinus" in f for f in fonts)


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1].lstrip("/"))
    return names


def _images(reader: PdfReader) -> list:
    found = []

    def walk(resources):
        for x in resources.get("/XObject", {}).values():
            x = x.get_object()
            if x.get("/Subtype") == "/Image":
                found.append(x)
            elif "/Resources" in x:
                walk(x["/Resources"])

    for page in reader.pages:
        walk(page["/Resources"])
    return found


def _png(width: int, height: int) -> bytes:
    """A small grey PNG, written by hand: the test needs no imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
