"""`<out>/index.html`: one offline page listing every brief in the output folder, grouped by situation, from the
manifest and each brief's brief.json: a portfolio an analyst can sort and filter in the browser.

brief.json is the contract: a brief folder copied in from elsewhere (another machine, a Dask cluster) is listed
though the manifest has never heard of it, and a brief.json that is not a brief is skipped with a warning.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
import pysbd

from . import __version__
from .changes import brief_files, read_brief
from .files import write_atomically
from .manifest import BRIEF_FILES

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
# A situation's header: its ratings by date (the latest few) and the actors most of its briefs name.
MAX_TREND = 8
MAX_RECURRING = 6
OTHER = "Other briefs"

logger = logging.getLogger(__name__)


# A batch writes the index after every brief: compiling the template each time was 70% of the run's own CPU.
@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.PackageLoader("policybrief", "templates"), autoescape=True,
                             keep_trailing_newline=True)
    return env.get_template(TEMPLATE)


def render_index(briefs: list[dict], out: Path) -> str:
    entries = [*briefs, *_unlisted(briefs, out)]
    rows = [{**b, "links": {k: quote(v) for k, v in b.get("files", {}).items()}} for b in entries]
    built = [{**r, **_details(r, out)} for r in rows if r["status"] != "failed"]
    # Newest first; briefs without a date after those with one, then by title.
    built.sort(key=lambda r: (r.get("title") or r["slug"]).casefold())
    built.sort(key=lambda r: r.get("published") or "", reverse=True)
    _name_downloads(built)
    failed = sorted((r for r in rows if r["status"] == "failed"), key=lambda r: r["slug"])
    return _template().render(
        built=built, situations=_situations(built), failed=failed, version=__version__,
        updated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        countries=sorted({c for r in built for c in r["countries"]}, key=str.casefold),
        kinds=[(k, label) for k, label in KIND_LABELS.items() if any(r["kind"] == k for r in built)],
        risks=[r for r in RISK_ORDER if any(b.get("risk") == r for b in built)],
    )


def write_index(out: Path, briefs: list[dict]) -> None:
    write_atomically(out / NAME, render_index(briefs, out))


def _unlisted(briefs: list[dict], out: Path) -> list[dict]:
    """Entries for the briefs in the folder that the manifest does not list: built elsewhere and copied in."""
    listed = {b["folder"] for b in briefs}
    found = []
    for path in brief_files(out):
        folder = path.parent.relative_to(out).as_posix()
        if folder in listed or not _brief_details(path):
            continue
        present = {k: f"{folder}/{name}" for k, name in BRIEF_FILES.items() if (path.parent / name).is_file()}
        found.append({"slug": path.parent.name, "folder": folder, "source": "", "status": "built", "title": None,
                      "outlet": None, "published": None, "risk": None, "actors": [], "files": present,
                      "error": None})
    return found


def _details(entry: dict, out: Path) -> dict:
    """What the index shows beyond the manifest, from the brief's brief.json when it can be read."""
    details = _brief_details(out / entry.get("files", {}).get("json", f"{entry['folder']}/brief.json"))
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
        "situation": details.get("situation") or entry.get("situation"),
        "actors": details.get("actors") or entry.get("actors", []),
        "built": details.get("built", 0),
    }


def _brief_details(path: Path) -> dict:
    try:
        stat = path.stat()
    except OSError:  # gone: the manifest's entry is all there is
        return {}
    return _read_details(str(path), stat.st_mtime_ns, stat.st_size)


# The index is rewritten after every brief of a batch; each brief.json is parsed once, not once per brief, and a
# bad one is reported once.
@functools.lru_cache(maxsize=4096)
def _read_details(path: str, mtime_ns: int, size: int) -> dict:
    try:
        brief = read_brief(Path(path))
    except (OSError, ValueError) as exc:
        logger.warning("skipped %s: %s", path, exc)
        return {}
    states = sorted((a for a in brief.actors if a.type == "state"), key=lambda a: (not a.central, -a.mentions))
    situation = brief.situation
    return {
        "situation": {"key": situation.key, "label": situation.label} if situation else None,
        "actors": list(dict.fromkeys(a.name for a in brief.actors)),
        "built": mtime_ns,
        "title": brief.article.title,
        "outlet": brief.sourcing.outlet or brief.article.source,
        "published": brief.article.published,
        "risk": brief.risk.rating,
        "kind": brief.article.kind,
        "countries": [a.name for a in states[:MAX_COUNTRIES]],
        "lead": _first_sentence(brief.bluf),
    }


def _situations(rows: list[dict]) -> list[dict]:
    """The briefs grouped by situation, the situation with the latest brief first; briefs on no situation last.
    Each group keeps the rows' order (newest first) and says how its power-vacuum risk went, brief by brief."""
    groups: dict[str | None, list[dict]] = {}
    for row in rows:
        groups.setdefault((row["situation"] or {}).get("key"), []).append(row)
    situations = []
    for key, members in groups.items():
        dated = sorted((r for r in members if r.get("published")), key=lambda r: (r["published"], r["built"]))
        latest = dated[-1] if dated else max(members, key=lambda r: r["built"])
        named = Counter(name for r in members for name in dict.fromkeys(r["actors"]))
        situations.append({
            "key": key or "",
            "label": latest["situation"]["label"] if key else OTHER,
            "briefs": members,
            "updated": dated[-1]["published"] if dated else None,
            "risk": latest.get("risk") if key else None,
            "trend": [{"date": r["published"], "risk": r["risk"], "title": r.get("title") or r["slug"]}
                      for r in dated[-MAX_TREND:] if r.get("risk")] if key and len(dated) > 1 else [],
            "earlier": max(0, len(dated) - MAX_TREND),
            "recurring": [(name, n) for name, n in named.most_common(MAX_RECURRING) if n > 1] if key else [],
        })
    situations.sort(key=lambda g: g["label"].casefold())
    situations.sort(key=lambda g: (bool(g["key"]), g["updated"] or ""), reverse=True)
    return situations


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
