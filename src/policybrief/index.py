"""`<out>/index.html`: one offline page listing every brief in the output folder, from the manifest."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

import jinja2

from . import __version__
from .manifest import write_atomically

NAME = "index.html"
TEMPLATE = "briefings-index.html.j2"


def render_index(briefs: list[dict]) -> str:
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string((files("policybrief") / "templates" / TEMPLATE).read_text(encoding="utf-8"))
    rows = [{**b, "links": {k: quote(v) for k, v in b.get("files", {}).items()}} for b in briefs]
    built = [r for r in rows if r["status"] != "failed"]
    # Newest first; briefs without a date after those with one, then by title.
    built.sort(key=lambda r: (r.get("title") or r["slug"]).casefold())
    built.sort(key=lambda r: r.get("published") or "", reverse=True)
    failed = sorted((r for r in rows if r["status"] == "failed"), key=lambda r: r["slug"])
    return template.render(built=built, failed=failed, version=__version__,
                           updated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))


def write_index(out: Path, briefs: list[dict]) -> None:
    write_atomically(out / NAME, render_index(briefs))
