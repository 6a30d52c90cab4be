"""Short lines of page furniture the rules in `furniture` do not know, told apart by a learned model.

Section names, site slogans, widget labels and captions change with every site ("Global Comment", "Deep Read
( 4 Min. )", "ECOWAS Leaders In Abuja"); a rule for each fits the pages it was written on. This model learned
what such lines look like from the furniture the annotators marked on the real tuning set: a logistic
regression over a line's words and word pairs and a few things about its place on the page (length, end
punctuation, capitals, position, how many of its words the headline and the rest of the page share, and whether
it stands in a run of short unpunctuated lines, as menus and link lists do, or alone, as a section heading). It is
trained by `scripts/train_furniture_model.py` and shipped as plain weights in data/furniture_model.json (see
`linear_model`).

It judges every line, but `furniture` takes out only what the rules kept and only after they have read the
page; of whole sentences it takes out only one standing alone that reports nothing (a caption). In
cross-validation, on the story's own sentences, it was wrong too often for the furniture it found.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from itertools import groupby

from . import data
from .linear_model import LinearModel

REASON = "page furniture"  # as the brief's annex lists a line the model took out
# Chosen by cross-validation (scripts/train_furniture_model.py --cv 5): below 0.8 the article's own sentences go
# with the furniture; a heading-like line may go at 0.7, where two furniture lines go for each of the article's
# own headings (which carry no statement the brief quotes), and no lower, where it is one for one.
THRESHOLD = 0.8
HEADING_THRESHOLD = 0.7
_WORD = re.compile(r"[a-z0-9']+")
_ENDS = re.compile(r"[.!?\"”’)]$")  # how a sentence or a quotation ends
_STOP_WORDS = """a an the and or but of to in on at by for with from as is are was were be been has have had it its
this that said says will would not"""
_STOP = frozenset(_STOP_WORDS.split())
_CREDIT = re.compile(r"\((L|R|C|left|right|cent(re|er))\)|\(\d-[LR]\)|\b(photo|file|getty|afp|reuters|credit)\b",
                     re.IGNORECASE)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - _STOP


def page_features(lines: list[str], title: str | None) -> list[list[float]]:
    """Each line's features, in the page's order: the model reads a line beside the page it stands on."""
    words = [_words(line) for line in lines]
    shared = Counter(w for ws in words for w in ws)  # in how many lines each word stands
    headline = _words(title or "")
    n = len(lines)
    bare = [len(line.split()) <= 8 and not _ENDS.search(line) for line in lines]
    run: list[int] = []  # how many such lines stand together around each
    for is_bare, group in groupby(bare):
        size = len(list(group))
        run += [size if is_bare else 0] * size
    out = []
    for k, (line, ws) in enumerate(zip(lines, words, strict=True)):
        tokens = line.split()
        out.append([
            math.log1p(len(_WORD.findall(line.lower()))),
            float(bool(_ENDS.search(line))),
            sum(t[:1].isupper() for t in tokens) / max(1, len(tokens)),
            float(bool(re.search(r"\d", line))),
            k / max(1, n - 1),
            float(k >= 0.8 * n),
            float(k <= 0.2 * n),
            len(re.findall(r"[.!?](\s|$)", line)),
            len(re.findall(r"\b(you|your)\b", line, re.IGNORECASE)),
            len(ws & headline) / max(1, len(ws)),
            sum(shared[w] > 1 for w in ws) / max(1, len(ws)),
            float(bool(_CREDIT.search(line))),
            math.log1p(run[k]),
            float(k > 0 and bare[k - 1]),
            float(k + 1 < n and bare[k + 1]),
        ])
    return out


@cache
def load() -> LinearModel:
    return LinearModel.from_spec(json.loads(files(data).joinpath("furniture_model.json").read_text(encoding="utf-8")))


def probabilities(lines: list[str], title: str | None) -> list[float]:
    model = load()
    return [model.probability(line, f) for line, f in zip(lines, page_features(lines, title), strict=True)]


def furniture_lines(lines: list[str], heading: Callable[[str], bool]) -> set[str]:
    """The page's lines the model takes for furniture, `heading` telling the heading-like ones. The first two
    (headline and address) are the rules' to judge, and a line that ends on "the" or "of" is the text wrapped
    mid-sentence, whatever it looks like."""
    probs = probabilities(lines, lines[0] if lines else None)
    return {line for k, (line, p) in enumerate(zip(lines, probs, strict=True))
            if k > 1 and p >= (HEADING_THRESHOLD if heading(line) else THRESHOLD)
            and line.split()[-1].lower() not in _STOP}
