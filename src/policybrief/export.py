"""nbconvert exporters for briefs (an offline HTML page, a Typst PDF) and `export()` for the pipeline.

Both exporters render the executed notebook with one shallow template (templates/policybrief/) that shows
outputs only; the PDF exporter then typesets that HTML (policybrief.typeset). They are registered as
`policybrief-html` and `policybrief-pdf` in the `nbconvert.exporters` entry-point group, so
`jupyter nbconvert --to policybrief-pdf brief.ipynb` works too.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import nbformat
import vl_convert as vlc
from markupsafe import Markup
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import CaselessStrEnum, default
from traitlets.config import Config

from policybrief import typeset
from policybrief.errors import ExportError
from policybrief.files import write_atomically
from policybrief.outputs import VEGALITE_MIMETYPE, strip_inline_styles
from policybrief.present import CHART_ATTR, PAGE_METADATA_KEY

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_ROOT = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "policybrief"
PAPER_SIZES = ("A4", "Letter")
# Tag papermill puts on the banner cells it inserts when a cell fails; they say "In [n]" and link to code.
PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"
# SVG first so the PDF draws a chart from its vector copy; a chart output holds no HTML (policybrief.charts).
PDF_DATA_PRIORITY = ["image/svg+xml", "text/html", "text/markdown", "image/png", "image/jpeg", "text/plain"]


class DropNoise(Preprocessor):
    """Removes what a mailed brief must not show: stream output (stdout, stderr) and papermill's banners."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if PAPERMILL_ERROR_TAG not in c.metadata.get("tags", [])]
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = [o for o in cell.outputs if o.output_type != "stream"]
        return nb, resources


class LabStylesOut(Preprocessor):
    """Takes out of section HTML the inline styles meant for JupyterLab: the page links the real stylesheets."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                if "text/html" in output.get("data", {}):
                    output.data["text/html"] = strip_inline_styles(output.data["text/html"])
        return nb, resources


class ChartFigures(Preprocessor):
    """Gives each chart output the HTML page's form of it: the interactive chart, drawn by the inlined vega
    bundle from the output's Vega-Lite spec, over its static SVG, which stays if the script cannot run."""

    def preprocess(self, nb, resources):
        charts = (
            output
            for cell in nb.cells
            for output in cell.get("outputs", [])
            if {VEGALITE_MIMETYPE, "image/svg+xml"} <= output.get("data", {}).keys()
        )
        for number, output in enumerate(charts, start=1):
            caption = output.get("metadata", {}).get(PAGE_METADATA_KEY, {}).get("caption", "")
            output.data["text/html"] = chart_figure(
                output.data[VEGALITE_MIMETYPE], output.data["image/svg+xml"], caption, f"pb-chart-{number}"
            )
        return nb, resources


class PageInfo(Preprocessor):
    """Puts the page title and description, left by present.title_block in output metadata, in resources."""

    def preprocess(self, nb, resources):
        hints = _page_hints(nb)
        title = hints.get("title") or nb.metadata.get("title") or "Policy brief"
        resources["page"] = {"title": title, "description": hints.get("description", "")}
        return nb, resources


class BriefHTMLExporter(HTMLExporter):
    """A self-contained brief page: no code, no prompts, no tracebacks, nothing from the network."""

    export_from_notebook = "Policy brief (HTML)"
    # Charts come alive in a browser; a PDF only shows their SVG and should not parse a megabyte of script.
    interactive_charts = True

    @default("template_name")
    def _template_name_default(self):
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        # Only the package's folder: nbconvert's default adds the working directory, where a stray
        # "policybrief/" folder would silently replace our template.
        return [str(TEMPLATE_ROOT)]

    @default("exclude_input")
    def _exclude_input_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True

    @default("exclude_markdown")
    def _exclude_markdown_default(self):
        # Markdown cells talk to whoever runs the notebook ("Run all cells..."); the brief is the outputs.
        return True

    @default("optimistic_validation")
    def _optimistic_validation_default(self):
        # The notebook is checked once, after the last preprocessor, not after each one: nbformat's schema check
        # ran 29 times per brief and took a tenth of its export.
        return True

    @default("require_js_url")
    def _require_js_url_default(self):
        return ""

    @default("mathjax_url")
    def _mathjax_url_default(self):
        return ""

    def _init_preprocessors(self):
        super()._init_preprocessors()
        self.register_preprocessor(DropNoise, enabled=True)
        self.register_preprocessor(LabStylesOut, enabled=True)
        self.register_preprocessor(PageInfo, enabled=True)
        if self.interactive_charts:
            self.register_preprocessor(ChartFigures, enabled=True)

    @default("template_paths")
    def _template_paths(self, prune=True, root_dirs=None):
        # Checked first: nbconvert's own error for a missing template omits extra_template_basedirs.
        self._require_template()
        return super()._template_paths(prune, root_dirs)

    def from_notebook_node(self, nb, resources=None, **kw):
        # Past HTMLExporter's own step, which parses and re-serialises the whole page with BeautifulSoup only to
        # give <img> alt text and Lab's cell wrappers a tabindex: this template writes its alt text and has no
        # cell wrappers, and the round trip of a page with three inline charts was a tenth of a worker's time.
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return (_inline_vega(html) if self.interactive_charts else html), resources

    def _require_template(self) -> None:
        searched = [Path(base, self.template_name) for base in self.extra_template_basedirs]
        searched += [
            Path(root, "nbconvert", "templates", self.template_name) for root in self.get_prefix_root_dirs()
        ]
        if not any(path.is_dir() for path in searched):
            listing = ", ".join(str(p) for p in searched)
            raise ExportError(
                TEMPLATE_ROOT, f"template folder {self.template_name!r} not found; searched {listing}"
            )


class BriefPDFExporter(BriefHTMLExporter):
    """The same brief as a print-quality PDF: its HTML, with static charts, typeset by Typst (no browser)."""

    export_from_notebook = "Policy brief (PDF)"
    interactive_charts = False
    output_mimetype = "application/pdf"
    paper_size = CaselessStrEnum(PAPER_SIZES, default_value="A4", help="Paper size of the PDF pages.").tag(
        config=True
    )

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self):
        return ".html.j2"

    @property
    def default_config(self):
        config = super().default_config
        config.merge(Config({"NbConvertBase": {"display_data_priority": PDF_DATA_PRIORITY}}))
        return config

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return typeset.html_to_pdf(html, self.paper_size), resources


def export(
    notebook_path: str | os.PathLike,
    html_path: str | os.PathLike | None,
    pdf_path: str | os.PathLike | None,
    paper: str = "A4",
    nb: nbformat.NotebookNode | None = None,
) -> None:
    """Export an executed brief notebook to HTML and/or PDF, in this process. `nb`: the notebook at
    `notebook_path`, when the caller has it in memory already.

    Each file is written under a temporary name in its own folder and renamed into place, so a file with
    the final name is always complete. Raises ExportError naming the file that could not be produced.
    """
    if paper.casefold() not in {p.casefold() for p in PAPER_SIZES}:
        raise ExportError(
            pdf_path or notebook_path, f"unknown paper size {paper!r}; use one of {PAPER_SIZES}"
        )
    if nb is None:
        nb = _read_notebook(notebook_path)
    resources = {"metadata": {"name": Path(notebook_path).stem, "path": str(Path(notebook_path).parent)}}
    html_exporter, pdf_exporter = _exporters(paper)
    if html_path is not None:
        _render_to(html_path, html_exporter, nb, resources)
    if pdf_path is not None:
        _render_to(pdf_path, pdf_exporter, nb, resources)


@functools.cache
def _exporters(paper: str) -> tuple[BriefHTMLExporter, BriefPDFExporter]:
    """One pair per process and paper size: an exporter compiles its templates when first used, which every
    brief of a batch would otherwise pay again."""
    return BriefHTMLExporter(), BriefPDFExporter(paper_size=paper)


def chart_figure(spec: dict, svg: str, caption: str, chart_id: str) -> str:
    """A chart as the HTML page shows it: its static SVG, which vega-embed replaces with the interactive
    chart once the page's vega bundle has loaded, and its caption."""
    return str(
        Markup(
            '<figure class="pb-chart" id="{id}" {attr}>'
            '<div class="pb-chart-static">{svg}</div>'
            '<script type="application/json" class="pb-chart-spec">{spec}</script>'
            '<script type="module">{script}</script>'
            "<figcaption>{caption}</figcaption></figure>"
        ).format(
            id=chart_id,
            attr=Markup(CHART_ATTR),
            # vl-convert escapes every text node of the SVG it draws, so it can go in as markup.
            svg=Markup(svg),
            spec=Markup(_script_json(spec)),
            script=Markup(_EMBED_JS.replace("__CHART_ID__", json.dumps(chart_id))),
            caption=caption,
        )
    )


@functools.cache
def vega_bundle() -> str:
    """vega, vega-lite and vega-embed as one ES module that sets window.vegaEmbed.

    Building it takes seconds, so it is kept on disk per vl-convert version (it only changes with vl-convert)
    and in memory per process. A page embeds it verbatim, so a "</script" inside would end the element.
    """
    cache = _cache_dir() / f"vega-bundle-{vlc.__version__}.js"
    try:
        return cache.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = vlc.javascript_bundle().replace("</script", "<\\/script")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(cache, bundle)
    except OSError:  # a read-only home only costs the rebuild next time
        pass
    return bundle


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policybrief"


def warm_up() -> None:
    """Load what the exports need; the pipeline calls this in a thread while the kernel runs the notebook."""
    typeset.warm_up()
    vega_bundle()


def _script_json(value: object) -> str:
    # In a <script> element only "</script" and "<!--" end or confuse it: escaping every "<" prevents both.
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")


# Runs as a module script, so it executes after the page's vega bundle (also a module, placed in <head>).
# The static SVG stays until vega-embed has drawn, so a failure leaves the chart visible.
_EMBED_JS = """
const fig = document.getElementById(__CHART_ID__);
if (window.vegaEmbed && fig) {
  const live = document.createElement("div");
  live.className = "pb-chart-live";
  fig.insertBefore(live, fig.firstChild);
  const spec = JSON.parse(fig.querySelector(".pb-chart-spec").textContent);
  window.vegaEmbed(live, spec, {actions: false, renderer: "svg", mode: "vega-lite"})
    .then(() => fig.querySelector(".pb-chart-static").remove())
    .catch(() => live.remove());
}
"""


def _inline_vega(html: str) -> str:
    if CHART_ATTR not in html:
        return html
    # A module script in <head> runs before the charts' own module scripts, which run in document order.
    script = f'<script type="module" id="policybrief-vega">{vega_bundle()}</script>\n'
    return html.replace("</head>", script + "</head>", 1)


def _page_hints(nb) -> dict[str, str]:
    hints: dict[str, str] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for key, value in output.get("metadata", {}).get(PAGE_METADATA_KEY, {}).items():
                hints.setdefault(key, value)
    return hints


def _read_notebook(path: str | os.PathLike):
    try:
        return nbformat.read(os.fspath(path), as_version=4)
    except (OSError, ValueError) as exc:
        raise ExportError(path, f"cannot read the executed notebook: {exc}") from exc


def _render_to(path: str | os.PathLike, exporter: BriefHTMLExporter, nb, resources: dict) -> None:
    try:
        output, _ = exporter.from_notebook_node(nb, dict(resources))
    except ExportError:
        raise
    except Exception as exc:  # nbconvert and Typst raise many types; the user needs one line
        raise ExportError(path, f"could not render {Path(path).suffix.lstrip('.').upper()}: {exc}") from exc
    write_atomically(Path(path), output)
