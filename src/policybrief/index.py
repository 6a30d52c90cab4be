"""`<out>/index.html`: one offline page listing every brief in the output folder, from the manifest and each
brief's brief.json: a portfolio an analyst can sort and filter in the browser."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
import pysbd

from . import __version__
from .brief import Brief
from .manifest import write_atomically

NAME = "index.html"
TEMPLATE = "briefings-index.html.j2"
RISK_ORDER = ("low", "moderate", "high")
KIND_LABELS = {"news": "News report", "opinion": "Opinion", "analysis": "Analysis"}
MAX_COUNTRIES = 3
# Download names: enough of the title to tell briefs apart in a downloads folder, short enough to read.
MAX_NAME_WORDS = 7
_ORDINAL = re.compile(r"^[a-z]?\d+[_-]+")  # "003_" or "r112_" in front of a file name
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_TRAILING = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def render_index(briefs: list[dict], out: Path) -> str:
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string((files("policybrief") / "templates" / TEMPLATE).read_text(encoding="utf-8"))
    rows = [{**b, "links": {k: quote(v) for k, v in b.get("files", {}).items()}} for b in briefs]
    built = [{**r, **_details(r, out)} for r in rows if r["status"] != "failed"]
    # Newest first; briefs without a date after those with one, then by title.
    built.sort(key=lambda r: (r.get("title") or r["slug"]).casefold())
    built.sort(key=lambda r: r.get("published") or "", reverse=True)
    _name_downloads(built)
    failed = sorted((r for r in rows if r["status"] == "failed"), key=lambda r: r["slug"])
    return template.render(
        built=built, failed=failed, version=__version__, updated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        countries=sorted({c for r in built for c in r["countries"]}, key=str.casefold),
        kinds=[(k, label) for k, label in KIND_LABELS.items() if any(r["kind"] == k for r in built)],
        risks=[r for r in RISK_ORDER if any(b.get("risk") == r for b in built)],
    )


def write_index(out: Path, briefs: list[dict]) -> None:
    write_atomically(out / NAME, render_index(briefs, out))


def _details(entry: dict, out: Path) -> dict:
    """What the index shows beyond the manifest, from the brief's brief.json when it can be read."""
    path = out / entry.get("files", {}).get("json", f"{entry['folder']}/brief.json")
    try:
        stat = path.stat()
        details = _read_details(str(path), stat.st_mtime_ns, stat.st_size)
    except (OSError, ValueError):  # gone, or not a brief.json this version reads
        details = {}
    outlet = details.get("outlet") or entry.get("outlet")
    return {
        "title": details.get("title") or entry.get("title"),
        "outlet": _outlet_name(outlet) if outlet else None,
        "published": details.get("published") or entry.get("published"),
        "risk": details.get("risk") or entry.get("risk"),
        "kind": details.get("kind", ""),
        "kind_label": KIND_LABELS.get(details.get("kind", ""), ""),
        "countries": details.get("countries", []),
        "lead": details.get("lead", ""),
    }


# The index is rewritten after every brief of a batch; each brief.json is parsed once, not once per brief.
@functools.lru_cache(maxsize=4096)
def _read_details(path: str, mtime_ns: int, size: int) -> dict:
    brief = Brief.model_validate_json(Path(path).read_bytes())
    states = sorted((a for a in brief.actors if a.type == "state"), key=lambda a: (not a.central, -a.mentions))
    return {
        "title": brief.article.title,
        "outlet": brief.sourcing.outlet or brief.article.source,
        "published": brief.article.published,
        "risk": brief.risk.rating,
        "kind": brief.article.kind,
        "countries": [a.name for a in states[:MAX_COUNTRIES]],
        "lead": _first_sentence(brief.bluf),
    }


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _first_sentence(text: str) -> str:
    sentences = _segmenter().segment(text.strip()) if text.strip() else []
    return sentences[0].strip() if sentences else ""


def _outlet_name(outlet: str) -> str:
    """An outlet stays as named; an address left in its place shows as its site's name, not as a link."""
    if "://" in outlet:
        outlet = urlsplit(outlet).hostname or outlet
    return outlet.removeprefix("www.")


def _name_downloads(rows: list[dict]) -> None:
    """Names the files get when downloaded: `2024-06-20-somalia-atmis-drawdown.pdf`, unique in the index."""
    seen: dict[str, int] = {}
    for row in rows:
        stem = _download_stem(row)
        seen[stem] = seen.get(stem, 0) + 1
        if seen[stem] > 1:
            stem = f"{stem}-{seen[stem]}"
        row["download"] = stem


def _download_stem(row: dict) -> str:
    # The input file's name when it says something ("somalia_atmis_drawdown"), else the title's first words.
    words = _words(_ORDINAL.sub("", row["slug"].lower()))
    if not any(w.isalpha() and len(w) > 2 for w in words):
        words = _words(row.get("title") or "")[:MAX_NAME_WORDS]
        while words and words[-1] in _TRAILING:  # "...-sentiment-with" reads cut off
            words.pop()
    stem = "-".join(words) or "brief"
    published = row.get("published") or ""
    return f"{published[:10]}-{stem}" if _ISO_DAY.match(published) else stem


def _words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", ascii_text.replace("'", ""))
