"""Ingest: an article file (.txt, .md, .html) becomes an Article: metadata, clean paragraphs, sentences.

Web leftovers (navigation, share buttons, disclaimers, ad-blocker notices) are taken out here, before any
analysis, and every removed line is kept with its reason so the brief can show what was dropped.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pysbd
from charset_normalizer import from_bytes
from dateutil import parser as dateparser

from . import data
from .brief import Removed, Sentence
from .errors import InputError

MAX_BYTES = 50 * 1024 * 1024
_CHARS_PER_WORD = 20  # generous: English averages about six characters a word with its space
DEFAULT_MAX_WORDS = 200_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}

_MONTHS = (r"(Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t(ember)?)?|Oct(ober)?|"
           r"Nov(ember)?|Dec(ember)?)\.?")
_DATE_LINE = re.compile(
    rf"^(published|updated|posted|date|last updated)?[:\s]*(on\s+)?"
    rf"((\w+day,?\s+)?({_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)"
    rf"([\s,|]+(at\s+)?\d{{1,2}}[:.]\d\d\s*(am|pm|a\.m\.|p\.m\.)?\s*([\w+:-]{{2,9}})?)?)\W*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^([Ww]ritten\s+)?[Bb][Yy]:?\s+[A-Z][\w.'’-]+(\s+(and\s+)?[A-Z][\w.'’-]+){0,5}(\s*[,|].{0,60})?$")
# "BAMAKO, Mali (AP) — " or "BEIRUT — ": where and, for wire copy, which agency filed the story.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ /-]{2,40}(,\s+[A-Z][\w .'’-]{1,30})?)\s+(\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*)?"
    r"[-—–]+\s+"
)
_ENGLISH_FUNCTION_WORDS = frozenset([
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "at", "from", "was",
    "it", "be", "has", "have", "are", "were", "an", "this", "which", "said", "not", "but", "its", "their",
    "they", "he", "she", "his", "her", "will", "would", "after", "over", "than", "who", "or", "also",
])


@dataclass
class Paragraph:
    index: int
    text: str
    heading: bool = False


@dataclass
class Article:
    path: str
    title: str
    source: str | None
    published: date | None
    author: str | None
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    removed: list[Removed]
    sha256: str
    word_count: int
    language: str = "en"
    kind: str = "text"
    headings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs if not p.heading)


def load_article(path: str | Path, *, max_words: int = DEFAULT_MAX_WORDS) -> Article:
    """Read, decode, clean and segment one article file; every problem is an InputError naming the file."""
    path = Path(path)
    raw = _read_bytes(path)
    text = _decode(path, raw)
    rough = text.count(" ") + text.count("\n")
    if rough > 2 * max_words:  # refuse before any costly cleaning; the exact count comes later
        raise InputError(path, f"article has about {rough} words, above the limit of {max_words} (--max-words)")
    if len(text) > _CHARS_PER_WORD * max_words:  # text without spaces (a base64 blob, unspaced script)
        raise InputError(path, f"article has {len(text)} characters, above the limit of "
                               f"{_CHARS_PER_WORD * max_words} that --max-words {max_words} allows")
    kind = _kind(path, text)
    if kind == "html":
        meta, blocks, removed = _from_html(path, text)
    else:
        meta, blocks, removed = {}, _blocks(_strip_markdown(text) if kind == "markdown" else text), []
    lines_kept, more_removed, meta = _clean(blocks, meta, markdown=kind == "markdown")
    removed += more_removed
    paragraphs = [Paragraph(i, t, heading) for i, (t, heading) in enumerate(lines_kept)]
    body = [p for p in paragraphs if not p.heading]
    word_count = sum(len(p.text.split()) for p in body)
    if word_count == 0:
        raise InputError(path, "no article text found (only headings or web leftovers)")
    if word_count > max_words:
        raise InputError(path, f"article has {word_count} words, above the limit of {max_words} (--max-words)")
    sentences = _segment(body)
    if not sentences:
        raise InputError(path, "no article text found (no sentences)")
    title = meta.get("title") or _first_sentence_title(sentences)
    return Article(
        path=str(path),
        title=title,
        source=meta.get("source"),
        published=meta.get("published"),
        author=meta.get("author"),
        paragraphs=paragraphs,
        sentences=sentences,
        removed=removed,
        sha256=hashlib.sha256(raw).hexdigest(),
        word_count=word_count,
        language=_language(" ".join(p.text for p in body)),
        kind=kind,
        headings=[p.text for p in paragraphs if p.heading],
    )


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not an article file")
    if not path.is_file():  # a pipe or a device would block or never end
        raise InputError(path, "is not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(path, f"file is {size / 1e6:.0f} MB, above the {MAX_BYTES // 2**20} MB limit")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not raw:
        raise InputError(path, "file is empty")
    return raw


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Control characters other than line breaks and tabs carry nothing in an article (and ingest uses \x01 itself).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode(path: Path, raw: bytes) -> str:
    for bom, codec in _BOMS:
        # A UTF-16/32 text has NUL bytes in any Latin-script stretch; without them the BOM is a stray one.
        if raw.startswith(bom) and (codec == "utf-8-sig" or b"\x00" in raw[len(bom):len(bom) + 4000]):
            return _check_text(path, raw.decode(codec, errors="replace"))
    raw = raw[2:] if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw
    if b"\x00" not in raw:
        try:
            return _check_text(path, raw.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    if b"\x00" not in raw and _mostly_ascii(raw):
        # Western web pages that are not UTF-8 are Windows-1252 (a superset of Latin-1 in practice); a
        # detector guessing from a few accented letters in English text picks Baltic or Cyrillic pages.
        return _check_text(path, raw.decode("cp1252", errors="replace"))
    best = from_bytes(raw[:200_000]).best()
    if best is None or (b"\x00" in raw and not best.encoding.startswith(("utf_16", "utf_32"))):
        raise InputError(path, "not a text file (binary content)")
    return _check_text(path, raw.decode(best.encoding, errors="replace"))


def _mostly_ascii(raw: bytes) -> bool:
    sample = raw[:200_000]
    return sum(b < 0x80 for b in sample) >= 0.85 * len(sample)


def _check_text(path: Path, text: str) -> str:
    if not text.strip():
        raise InputError(path, "file has no text (only whitespace)")
    sample = text[:20_000]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if control / len(sample) > 0.01:
        raise InputError(path, "not a text file (binary content)")
    return _CONTROL.sub(" ", text)


def _kind(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text[:500], re.IGNORECASE):
        return "html"
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks, each a list of its non-empty lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"\s+", " ", line).strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(lines)
    return blocks


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?!\w)", r"\1", text)
    text = re.sub(r"(?m)^\s{0,3}>\s?", "", text)
    text = re.sub(r"(?m)^\s{0,3}(-{3,}|\*{3,}|_{3,})\s*$", "", text)
    return re.sub(r"(?m)^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", lambda m: f"\x01{len(m[1])}{m[2]}\n", text)


def _from_html(path: Path, html: str) -> tuple[dict, list[list[str]], list[Removed]]:
    import trafilatura  # imported here: only HTML articles pay its start-up cost
    from lxml import html as lxml_html

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(path, "no article text found in the HTML page")
    meta: dict = {"title": doc.title, "source": doc.sitename, "author": doc.author}
    if doc.date:
        meta["published"] = _parse_date(doc.date)
    kept = {re.sub(r"\s+", " ", line).strip() for line in doc.text.split("\n")}
    removed = []
    try:
        tree = lxml_html.fromstring(html)
        for bad in tree.xpath("//script|//style|//noscript|//template|//head"):
            bad.drop_tree()
        visible = [re.sub(r"\s+", " ", t).strip() for t in tree.itertext()]
        seen = set()
        for line in visible:
            if line and line not in kept and line not in seen and line != meta.get("title"):
                seen.add(line)
                removed.append(Removed(text=line, reason="page furniture left out by the HTML extractor"))
    except (ValueError, TypeError):  # lxml refuses some documents that trafilatura could still read
        pass
    return meta, [[line] for line in doc.text.split("\n") if line.strip()], removed


@cache
def _rules() -> tuple[int, list[tuple[re.Pattern[str], str]]]:
    spec = data.load("boilerplate")
    return spec["max_words"], [(re.compile(r["pattern"], re.IGNORECASE), r["reason"]) for r in spec["rules"]]


@cache
def _outlets() -> frozenset[str]:
    spec = data.load("sources")
    names = [n for group in spec.values() for n in group]
    return frozenset(_norm(n) for n in names)


def _norm(line: str) -> str:
    return re.sub(r"[^\w ]+", "", line.lower().replace("’", "'")).strip()


def boilerplate_reason(line: str) -> str | None:
    """Why a line is web leftover, or None when it is article text."""
    max_words, rules = _rules()
    bare = line.strip(" \"'“”‘’*·•|-–—()[]")
    if not bare:
        return "decoration"
    if _norm(bare) in _outlets() or _norm(re.sub(r"^the ", "", bare, flags=re.I)) in _outlets():
        return "publisher name"
    if len(bare.split()) > max_words:
        return None
    for pattern, reason in rules:
        if pattern.search(bare):
            return reason
    return None


def _clean(
    blocks: list[list[str]], meta: dict, *, markdown: bool
) -> tuple[list[tuple[str, bool]], list[Removed], dict]:
    """Drop leftovers line by line; find title, byline and date; mark headings.

    Returns (text, is_heading) pairs. Before the first body paragraph (the page header), short lines ahead of
    the title are site or section names and name-and-affiliation lines are bylines. After a "Related
    stories" or newsletter line, the short lines that follow are the list of links, not article text.
    """
    meta = dict(meta)
    kept: list[tuple[str, bool]] = []
    removed: list[Removed] = []
    in_header = True
    link_list: str | None = None
    for block in blocks:
        lines: list[str] = []
        for line in block:
            md_heading = line.startswith("\x01")
            if md_heading:
                level, line = int(line[1]), line[2:].strip()
                if level == 1 and not meta.get("title"):
                    meta["title"] = line
                    continue
            # A date line is read before the leftover rules, which would drop "Updated ... ET" as a time stamp.
            reason = "date line" if _DATE_LINE.match(line) else boilerplate_reason(line)
            if reason == "date line":
                meta.setdefault("published", _parse_date(line))
            if reason in ("related-article link", "newsletter prompt"):
                link_list = reason
            elif reason is None and link_list and _looks_like_link(line, link_list):
                reason = link_list
            if reason == "publisher name" and not meta.get("source"):
                meta["source"] = line.strip(" \"'“”*")
            if reason is None and _BYLINE.match(line):
                reason = "byline"
                meta.setdefault("author", re.sub(r"^(written\s+)?by:?\s+", "", line, flags=re.I).split(",")[0])
            if reason is None and in_header:
                reason = _header_reason(line, meta)
            if reason:
                removed.append(Removed(text=line, reason=reason))
            elif md_heading:
                kept.append((line, True))
            else:
                lines.append(line)
        if not lines:
            continue
        if len(lines) == 1 and _looks_like_heading(lines[0]):
            if not meta.get("title") and not kept and not markdown:
                meta["title"] = lines[0]
            else:
                kept.append((lines[0], True))
            continue
        text = " ".join(lines)
        match = _DATELINE.match(text)
        if match and match["agency"] and not meta.get("source"):
            meta["source"] = match["agency"]
        kept.append((text, False))
        if _is_body(text):
            in_header, link_list = False, None
    return kept, removed, meta


def _header_reason(line: str, meta: dict) -> str | None:
    """Why a page-header line is not article text: "Site | Section", a site name, a byline without "By"."""
    if " | " in line and len(line.split()) <= 10:
        if not meta.get("source"):
            meta["source"] = line.split(" | ")[0].strip()
        return "site header"
    if not meta.get("title") and len(line.split()) <= 3 and _looks_like_heading(line):
        if not meta.get("source"):
            meta["source"] = line
            return "site name"
        return "section label"
    if meta.get("title") and _NAME_AFFILIATION.match(line):
        meta.setdefault("author", line.split(",")[0])
        return "byline"
    if meta.get("title") and _MONTH_YEAR.match(line):
        meta.setdefault("published", _parse_date(line))
        return "date line"
    return None


_NAME_AFFILIATION = re.compile(r"^[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){1,3}, [A-Z][^.!?]{2,80}$")
_MONTH_YEAR = re.compile(rf"^{_MONTHS}\s+\d{{4}}$", re.IGNORECASE)


def _looks_like_link(line: str, mode: str) -> bool:
    """A headline in a list of links, or the one-line blurb under a newsletter sign-up."""
    if mode == "newsletter prompt" and len(line.split()) <= 12:
        return True
    return len(line.split()) <= 18 and not re.search(r"[.!]$", line.rstrip("\"”’'"))


def _is_body(text: str) -> bool:
    return len(text.split()) >= 12 and bool(re.search(r"[.!?\"”’)]$", text))


def strip_dateline(text: str) -> str:
    """A sentence without its wire dateline, for quoting it on its own."""
    return _DATELINE.sub("", text, count=1).strip()


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return len(words) <= 16 and len(line) <= 150 and not re.search(r"[.!?:;,\"”。！？]$", line)


_CHUNK_CHARS = 3_000
_LIKELY_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z])")


def _chunks(text: str) -> list[str]:
    """pysbd's abbreviation pass is quadratic in the length of what it is given, so a scraped page that is one
    endless paragraph is cut at likely sentence ends first (and at spaces when it has none)."""
    if len(text) <= _CHUNK_CHARS:
        return [text]
    pieces, start = [], 0
    for m in _LIKELY_BOUNDARY.finditer(text):
        if m.start() - start >= _CHUNK_CHARS:
            pieces.append(text[start:m.start()])
            start = m.end()
    pieces.append(text[start:])
    out = []
    for piece in pieces:
        while len(piece) > 2 * _CHUNK_CHARS:
            cut = piece.rfind(" ", 0, _CHUNK_CHARS) + 1 or _CHUNK_CHARS
            out.append(piece[:cut])
            piece = piece[cut:]
        out.append(piece)
    return out


def _segment(paragraphs: list[Paragraph]) -> list[Sentence]:
    segmenter = pysbd.Segmenter(language="en", clean=False)
    out: list[Sentence] = []
    for p in paragraphs:
        for piece in (sentence for chunk in _chunks(p.text) for sentence in segmenter.segment(chunk)):
            piece = piece.strip()
            if piece:
                out.append(Sentence(id=f"s{len(out) + 1}", paragraph=p.index, text=piece))
    return out


def _first_sentence_title(sentences: list[Sentence]) -> str:
    first = sentences[0].text
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"


def _parse_date(text: str) -> date | None:
    text = re.sub(r"(?i)^(published|updated|posted|date|last updated)[:\s]*(on\s+)?", "", text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "ET" and other zone names: only the date matters here
            return dateparser.parse(text, fuzzy=True).date()
    except (ValueError, OverflowError):
        return None


def _language(text: str) -> str:
    """'en', or the detected language when too few English function words appear."""
    words = re.findall(r"[^\W\d_]+", text[:50_000].lower())
    if not words:
        return "und"
    if sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= 0.12:
        return "en"
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0  # langdetect is random unless seeded; briefs must be reproducible
        return detect(text[:5_000])
    except Exception:  # langdetect raises its own bare exception type on text without features
        return "und"
