"""Ingest: an article file (.txt, .md, .html) becomes an Article: metadata, clean paragraphs, sentences.

Web leftovers (navigation, share buttons, disclaimers, ad-blocker notices) are taken out here, before any
analysis, and every removed line is kept with its reason so the brief can show what was dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pysbd
from charset_normalizer import from_bytes
from pysbd.utils import TextSpan

from .brief import Removed, Sentence
from .errors import InputError
from .furniture import Page, parse_date, separate
from .language import language as language_of
from .metadata import KindClues, is_truncated, kind_of

MAX_BYTES = 50 * 1024 * 1024
_CHARS_PER_WORD = 20  # generous: English averages about six characters a word with its space
DEFAULT_MAX_WORDS = 200_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}


@dataclass
class Paragraph:
    index: int
    text: str
    heading: bool = False


@dataclass
class Article:
    path: str
    title: str
    source: str | None  # the outlet's name
    published: date | None
    author: str | None
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    removed: list[Removed]
    sha256: str
    word_count: int
    kind_clues: KindClues  # what the page shows of its kind
    language: str = "en"
    format: str = "text"  # text | markdown | html
    url: str | None = None
    agency: str | None = None  # the wire service that filed the story, from its dateline
    truncated: bool = False
    headings: list[str] = field(default_factory=list)

    @cached_property
    def kind(self) -> str:
        """news | opinion | analysis, read when asked: the kind model's training reads the clues alone."""
        return kind_of(self.kind_clues)

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
    fmt = _format(path, text)
    if fmt == "html":
        page, blocks = _from_html(path, text)
    else:
        page, blocks = Page(), blocks_of(_strip_markdown(text) if fmt == "markdown" else text)
    page = separate(blocks, page, markdown=fmt == "markdown")
    paragraphs = [Paragraph(i, t, heading) for i, (t, heading) in enumerate(page.paragraphs)]
    body = [p for p in paragraphs if not p.heading]
    word_count = sum(len(p.text.split()) for p in body)
    if word_count == 0:
        raise InputError(path, "no article text found, only a headline and page furniture")
    if word_count > max_words:
        raise InputError(path, f"article has {word_count} words, above the limit of {max_words} (--max-words)")
    sentences = _segment(body)
    if not sentences:
        raise InputError(path, "no article text found (no sentences)")
    if not any(_is_statement(s.text) for s in sentences):
        raise InputError(path, "no article text found, only a headline and page furniture")
    title = page.title or _first_sentence_title(sentences)
    body_text = " ".join(p.text for p in body)
    clues = KindClues(url=page.url, labels=tuple(page.labels), title=title, text="\n".join(p.text for p in body),
                      sentences=len(sentences), wire=bool(page.agency), bio=page.bio)
    return Article(
        path=str(path),
        title=title,
        source=page.outlet or page.agency,
        published=page.published,
        author=page.author,
        paragraphs=paragraphs,
        sentences=sentences,
        removed=page.removed,
        sha256=hashlib.sha256(raw).hexdigest(),
        word_count=word_count,
        language=language_of(body_text),
        format=fmt,
        kind_clues=clues,
        url=page.url,
        agency=page.agency,
        truncated=is_truncated(body[-1].text if body else None),
        headings=[p.text for p in paragraphs if p.heading],
    )


def _is_statement(text: str) -> bool:
    """Long enough to say something: six words, or for scripts written without spaces, fifteen characters."""
    return len(text.split()) >= 6 or (len(text) >= 15 and text.count(" ") * 20 < len(text))


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


def _format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text[:500], re.IGNORECASE):
        return "html"
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def blocks_of(text: str) -> list[list[str]]:
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


def _from_html(path: Path, html: str) -> tuple[Page, list[list[str]]]:
    import trafilatura  # imported here: only HTML articles pay its start-up cost
    from lxml import html as lxml_html

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(path, "no article text found in the HTML page")
    page = Page(title=doc.title, outlet=doc.sitename, author=doc.author, url=doc.url)
    page.dated(parse_date(doc.date) if doc.date else None, 3)
    kept = {re.sub(r"\s+", " ", line).strip() for line in doc.text.split("\n")}
    try:
        tree = lxml_html.fromstring(html)
        for bad in tree.xpath("//script|//style|//noscript|//template|//head"):
            bad.drop_tree()
        visible = [re.sub(r"\s+", " ", t).strip() for t in tree.itertext()]
        seen = set()
        for line in visible:
            if line and line not in kept and line not in seen and line != page.title:
                seen.add(line)
                page.removed.append(Removed(text=line, reason="page furniture left out by the HTML extractor"))
    except (ValueError, TypeError):  # lxml refuses some documents that trafilatura could still read
        pass
    return page, [[line] for line in doc.text.split("\n") if line.strip()]


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


class _Segmenter(pysbd.Segmenter):
    """pysbd's segmenter, finding where each sentence lies in the text with a search instead of a regular
    expression made for that sentence: compiling them was a sixth of the analysis' time. It finds the same
    place: the first occurrence, with the white space after it, that ends past the sentence before."""

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        text, spans, end_before = self.original_text, [], 0
        for sentence in sentences:
            start = text.find(sentence)
            while start >= 0:
                end = start + len(sentence)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > end_before:
                    spans.append(TextSpan(text[start:end], start, end))
                    end_before = end
                    break
                start = text.find(sentence, max(end, start + 1))
        return spans


def _segment(paragraphs: list[Paragraph]) -> list[Sentence]:
    segmenter = _Segmenter(language="en", clean=False)
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
