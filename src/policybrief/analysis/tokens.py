"""Word tokens with character offsets: the shared unit of gazetteer lookup and actor cues."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations with dots ("U.S.", "Maj.") stay whole; apostrophes inside names stay ("Kata'ib", "N'Djamena");
# hyphens are their own token so "US-led" and "pro-Iran" expose the state.
_ABBREVIATIONS = ("Maj|Gen|Lt|Col|Brig|Capt|Adm|Sgt|Cmdr|Sen|Rep|Dr|Mr|Mrs|Ms|Mme|Prof|Rev|St|Jr|Sr|Corp|Inc|"
                  "Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec")
_TOKEN = re.compile(rf"(?:[A-Z]\.){{2,}}|(?:{_ABBREVIATIONS})\.|\w+(?:['’]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"^(.+?)['’]s$")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    out = []
    skip = -1
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if m.start() == skip:
            continue  # the apostrophe of "the Philippines' Foreign Ministry", already read as a possessive
        pm = _POSSESSIVE.match(word)
        if pm and len(word) > 2:
            out.append(Token(pm[1], m.start(), m.start() + len(pm[1]), possessive=True))
        elif word[-1] == "s" and word[:1].isupper() and len(word) > 2 and _PLURAL_POSSESSIVE.match(text, m.end()) \
                and not _OPEN_QUOTE.search(text, max(0, m.start() - 80), m.start()):
            out.append(Token(word, m.start(), m.end(), possessive=True))
            skip = m.end()
        else:
            out.append(Token(word, m.start(), m.end()))
    return out


# "the Philippines' coast guard", "the United States' allies": a name ending in s takes the apostrophe alone
_PLURAL_POSSESSIVE = re.compile(r"['’](?!\w)")
# ... unless it closes a quote: "'EU Solidarity Lanes' will continue"
_OPEN_QUOTE = re.compile(r"(^|\s)['‘][^'’]*$")


def key(text: str) -> tuple[str, ...]:
    """The lookup key of a name: its token texts, with curly apostrophes made straight."""
    return tuple(t.text.replace("’", "'") for t in tokenize(text))
