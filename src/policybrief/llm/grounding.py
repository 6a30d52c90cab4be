"""Checking a model's statements against the cleaned article.

A statement is supported only when every quote it gives is found in the article's sentences, and the names and
numbers it states occur in the article. Evidence ids come from where the quotes are found.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from ..brief import Sentence

# Below this a quote ("the government", "Iraq") matches too many places to show where a statement comes from.
MIN_QUOTE_WORDS = 4

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]")
_SPACE = re.compile(r"\s+")
_NAME = re.compile(r"\b[A-Z][\w'-]*")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# Capitalised words that open many sentences of model prose without naming anything; an article may lack them.
_OPENERS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "their", "they", "he", "she", "his",
    "her", "there", "here", "both", "all", "any", "each", "either", "neither", "no", "not", "some", "such",
    "one", "two", "three", "as", "if", "in", "on", "at", "by", "for", "from", "with", "without", "while",
    "although", "though", "because", "despite", "since", "after", "before", "until", "unless", "given",
    "amid", "under", "over", "about", "around", "nearly", "almost", "roughly", "only", "even", "also",
    "then", "now", "currently", "recently", "what", "when", "where", "which", "who", "whether", "how",
    "why", "overall", "moreover", "meanwhile", "however", "nevertheless", "nonetheless", "still", "yet",
    "thus", "therefore", "hence", "so", "further", "furthermore", "additionally", "ultimately", "instead",
    "rather",
})


def normalise(text: str) -> str:
    """One spelling for what typography varies: quote marks, dashes, spacing and case."""
    return _plain(text).casefold()


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", _DASHES.sub("-", text)).strip()


class Check(NamedTuple):
    evidence: list[str]
    problem: str | None  # why the statement is unsupported; None when it is supported


class Grounder:
    """The article's sentences, normalised once, and the checks every statement of the model must pass."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._ids = [s.id for s in sentences]
        self._cased = [_plain(s.text) for s in sentences]
        self._texts = [t.casefold() for t in self._cased]
        self._whole = " ".join(self._texts)
        self._numbers = {_plain_number(n) for n in _NUMBER.findall(self._whole)}

    def check(self, text: str, quotes: list[str]) -> Check:
        if not quotes:
            return Check([], "no quote given")
        found = {q: self.locate(q) for q in quotes}
        missing = [q for q, ids in found.items() if ids is None]
        if missing:
            return Check([], "quote not found in the article: " + "; ".join(f'"{q}"' for q in missing))
        evidence = sorted({i for ids in found.values() for i in ids or ()}, key=self._ids.index)
        if not evidence:
            return Check([], f"quotes too short to show where it comes from (under {MIN_QUOTE_WORDS} words)")
        unknown = self.unknown_names_and_numbers(text)
        if unknown:
            return Check([], "names or numbers not in the article: " + ", ".join(unknown))
        return Check(evidence, None)

    def locate(self, quote: str) -> list[str] | None:
        """Ids of the sentences holding the quote (two when it runs across a sentence break); [] when the
        quote is found but too short to cite; None when it is not in the article."""
        q = normalise(quote).strip("\"' ")
        if not q or q not in self._whole:
            return None
        if len(q.split()) < MIN_QUOTE_WORDS:
            return []
        inside = [i for i, t in zip(self._ids, self._texts, strict=True) if q in t]
        if inside:
            return inside
        for k in range(len(self._texts) - 1):
            if q in f"{self._texts[k]} {self._texts[k + 1]}":
                return [self._ids[k], self._ids[k + 1]]
        return None  # found only across three or more sentences: too loose to cite

    def unknown_names_and_numbers(self, text: str) -> list[str]:
        """Proper names and numbers the statement uses that the article never does: the usual signs of a
        statement padded with invented detail around a genuine quote."""
        unknown = [n for n in _names(text) if self.mentions(n) == 0]
        unknown += [n for n in _NUMBER.findall(text) if _plain_number(n) not in self._numbers]
        return list(dict.fromkeys(unknown))

    def mentions(self, name: str, ids: list[str] | None = None) -> int:
        """How many sentences (of `ids`, or of the article) name `name`."""
        wanted = set(ids) if ids is not None else set(self._ids)
        return sum(1 for i, cased, folded in zip(self._ids, self._cased, self._texts, strict=True)
                   if i in wanted and _occurs(name, cased, folded))


def _occurs(name: str, cased: str, folded: str) -> bool:
    """Whether a text names `name`, as a word or a word's start ("Iran" in "Iranian"). Acronyms keep their
    case, so "UN" is not found in "under"."""
    if len(name) > 1 and name.isupper():
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", cased) is not None
    return re.search(rf"(?<!\w){re.escape(normalise(name))}", folded) is not None


def _names(text: str) -> list[str]:
    """Capitalised words, without possessive endings, other than common words that open sentences."""
    words = (re.sub(r"'s?$", "", m.group()) for m in _NAME.finditer(_plain(text)))
    return [w for w in words if w.casefold() not in _OPENERS]


def _plain_number(number: str) -> str:
    return number.replace(",", "").rstrip(".")
