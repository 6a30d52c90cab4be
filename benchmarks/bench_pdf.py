"""The PDF export of the bundled sample brief, stage by stage, in a warm process.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat 5] [--notebook executed.ipynb]

Executes the product notebook on the sample article (unless given an executed notebook), then times, each
as the median of --repeat runs after one warm-up: the page HTML the PDF exporter renders (nbconvert, static
SVG charts), its Typst source (policybrief.typeset), that HTML to PDF, and the whole BriefPDFExporter
export. Typst remembers the layout of what it has typeset before, so the sample typeset again is faster
than a brief it has not seen: the "new brief" rows give each run a title of its own, as a batch of
different briefs would. The first export of the process, before any warm-up, is shown apart: it also makes
the compiler and loads the fonts. Each row gives wall time and the process's CPU time.
"""

from __future__ import annotations

import argparse
import io
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill
import typst
from pypdf import PdfReader

from policybrief import typeset
from policybrief.export import BriefHTMLExporter, BriefPDFExporter
from policybrief.notebook import SAMPLE_ARTICLE
from policybrief.pipeline import TEMPLATE


def timed(fn) -> tuple[float, float, object]:
    """Wall and CPU seconds (this process, all its threads) of fn(), and its result."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


def sample_notebook(folder: Path) -> Path:
    executed = folder / "brief.ipynb"
    papermill.execute_notebook(str(TEMPLATE), str(executed), parameters={"article": str(SAMPLE_ARTICLE)},
                               progress_bar=False, cwd=str(folder))
    return executed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--notebook", type=Path, help="an executed brief notebook (default: run the sample)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.notebook or sample_notebook(Path(tmp))
        text = path.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    title = typeset.to_typst(BriefHTMLExporter.from_notebook_node(BriefPDFExporter(), nb)[0]).source
    title = title.split('title: "', 1)[1].split('"', 1)[0]
    runs = itertools.count(1)

    def renamed() -> nbformat.NotebookNode:
        # The title is in every page's header: a new one leaves Typst nothing of the last layout to reuse.
        return nbformat.reads(text.replace(title, f"{title} ({next(runs)})"), as_version=4)

    exporter = BriefPDFExporter()
    first, first_cpu, (pdf, _) = timed(lambda: exporter.from_notebook_node(nb))

    def html(notebook=nb) -> str:
        # The HTML half of the PDF export: BriefHTMLExporter's rendering, with the PDF exporter's settings.
        return BriefHTMLExporter.from_notebook_node(exporter, notebook)[0]

    page = html()
    notebooks = iter([renamed() for _ in range(args.repeat + 1)])
    pages = iter([html(renamed()) for _ in range(args.repeat + 1)])
    stages = {
        "page HTML (nbconvert)": html,
        "Typst source (typeset.to_typst)": lambda: typeset.to_typst(page),
        "HTML to PDF, the sample again": lambda: typeset.html_to_pdf(page),
        "HTML to PDF, a new brief": lambda: typeset.html_to_pdf(next(pages)),
        "PDF export, all of it, a new brief": lambda: exporter.from_notebook_node(next(notebooks)),
    }
    rows = {}
    for name, fn in stages.items():
        fn()
        runs = [timed(fn) for _ in range(args.repeat)]
        rows[name] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))

    count = len(PdfReader(io.BytesIO(pdf)).pages)
    # CPU time says what a busy machine's wall time hides.
    print(f"{f'sample brief, {count} pages':38} {'median s':>9} {'cpu s':>7}")
    for name, (seconds, cpu) in rows.items():
        print(f"{name:38} {seconds:>9.3f} {cpu:>7.3f}")
    print(f"{'first PDF export of the process':38} {first:>9.3f} {first_cpu:>7.3f}")
    print(f"runs per row: {args.repeat}; typst {typst.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
