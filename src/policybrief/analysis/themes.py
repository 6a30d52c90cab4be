"""Themes: sovereignty, security and power vacuum, scored sentence by sentence from data lexicons and a model
learned from annotators (theme_model), which also picks the sentences quoted as evidence.

Negation and hedging are read around each cue, so "there is no sign of a power vacuum" does not count as
evidence of one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from .. import data
from ..brief import Sentence, Theme, Themes
from . import theme_model

THEMES = ("sovereignty", "security", "power_vacuum")
MAX_EVIDENCE = 5
# Below this the model sees nothing of the theme in a sentence; the best sentence is shown regardless.
MIN_EVIDENCE = 0.1
# The call model's probability above which a theme is present. Below an even chance, since a theme missed loses
# its evidence too: at 0.4 the cross-validated calls on the tuning set missed fewer themes than the lexicon's
# rule did (110 against 118 of 846) and called 10 fewer that annotators did not see (124 against 134). For
# sovereignty, evidence hits rise as the bar drops (.800 at 0.4, .834 at 0.35) while calls right move within a
# point (.781 at 0.35, .788 at 0.38, .789 at 0.4; 5-fold cross-validation on 944 articles); for the other two,
# calls fall below 0.4.
CALL_AT = {"sovereignty": 0.35, "security": 0.4, "power_vacuum": 0.4}
ON_THEME = 1.0  # a sentence frames a theme when its cues weigh at least this much
_NEGATION_WINDOW = 40  # characters before a cue in which a negation cancels it


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    weight: float
    strong: bool


@dataclass(frozen=True)
class _Lexicon:
    cues: dict[str, tuple[_Cue, ...]]
    thresholds: dict[str, float]
    negation: re.Pattern[str]
    doubt: re.Pattern[str]
    hedging: re.Pattern[str]
    hedge_factor: dict[str, float]
    doubt_factor: float
    full_words: int
    min_share: float
    unscaled: frozenset[str]
    consequence: re.Pattern[str]
    departure: re.Pattern[str]
    consequence_weight: float


@cache
def lexicon() -> _Lexicon:
    spec = data.load("themes")
    return _Lexicon(
        cues={
            t: tuple(_Cue(re.compile(c["pattern"], re.I), float(c["weight"]), bool(c.get("strong"))) for c in
                     spec[t]["cues"])
            for t in THEMES
        },
        thresholds={t: float(spec[t]["threshold"]) for t in THEMES},
        negation=re.compile(spec["negation"], re.I),
        doubt=re.compile(spec["doubt"], re.I),
        hedging=re.compile(spec["hedging"], re.I),
        hedge_factor={t: float(v) for t, v in spec["hedge_factor"].items()},
        doubt_factor=float(spec["doubt_factor"]),
        full_words=int(spec["full_words"]),
        min_share=float(spec["min_share"]),
        unscaled=frozenset(t for t in THEMES if spec[t].get("unscaled")),
        consequence=re.compile(spec["consequence"]["pattern"], re.I),
        departure=re.compile(spec["consequence"]["departure"], re.I),
        consequence_weight=float(spec["consequence"]["weight"]),
    )


@dataclass
class SentenceScores:
    """Per-sentence weights for each theme, whether a strong cue fired un-negated, the sentences that doubt
    what they say ("a power vacuum was unlikely") and those that deny a cue ("there is no risk of a power
    vacuum")."""

    weights: dict[str, dict[str, float]]
    strong: dict[str, set[str]]
    doubted: set[str]
    negated: set[str]


def score_sentences(sentences: list[Sentence]) -> SentenceScores:
    lex = lexicon()
    weights: dict[str, dict[str, float]] = {t: {} for t in THEMES}
    strong: dict[str, set[str]] = {t: set() for t in THEMES}
    doubted: set[str] = set()
    negated: set[str] = set()
    for s in sentences:
        text = s.text
        if lex.doubt.search(text):
            doubted.add(s.id)
        doubt = lex.doubt_factor if s.id in doubted else 1.0
        hedged = bool(lex.hedging.search(text))
        for theme in THEMES:
            total = 0.0
            for cue in lex.cues[theme]:
                for m in cue.pattern.finditer(text):
                    if lex.negation.search(text[max(0, m.start() - _NEGATION_WINDOW):m.start()]):
                        negated.add(s.id)
                        continue
                    factor = doubt * (lex.hedge_factor[theme] if hedged else 1.0)
                    total += cue.weight * factor
                    if cue.strong and factor >= 0.5:
                        strong[theme].add(s.id)
                    break  # one hit per cue per sentence: repetition inside a sentence adds nothing
            if total:
                weights[theme][s.id] = total
    _consequences(sentences, weights["power_vacuum"], lex)
    return SentenceScores(weights, strong, doubted, negated)


def _consequences(sentences: list[Sentence], weights: dict[str, float], lex: _Lexicon) -> None:
    """A departure with a stated consequence ("the withdrawal ... hands an advantage to al-Shabaab"; "Since the
    withdrawal, ..." then "operations have been halted, raising fears of a resurgence") is what a power vacuum
    is made of; either alone is not."""
    previous = ""
    for s in sentences:
        text = s.text
        m = lex.consequence.search(text)
        if m and not lex.negation.search(text[max(0, m.start() - _NEGATION_WINDOW):m.start()]) and (
                lex.departure.search(text) or lex.departure.search(previous)):
            weights[s.id] = weights.get(s.id, 0.0) + lex.consequence_weight
        previous = text


def find_themes(sentences: list[Sentence], scores: SentenceScores, *, geopolitical: bool,
                headline: str = "") -> Themes:
    """Themes for the article; an article with no political actor at all carries none of them.

    The call weighs what the lexicon finds against the sentences the learned model (theme_model) rates likeliest
    to be quoted for the theme: real pages make the point in words the lexicon lacks ("who will replace him in
    case of death?"), and pass through cues it has. The evidence is the sentences the model rates likeliest to
    be quoted, in article order. A headline that names a theme outright ("Who could fill the power vacuum?")
    calls it too: it is the editor's reading of the whole story, though never quoted as evidence.
    """
    order = {s.id: i for i, s in enumerate(sentences)}
    words = sum(len(s.text.split()) for s in sentences)
    text = {s.id: s.text for s in sentences}
    titled = score_sentences([Sentence(id="headline", paragraph=-1, text=headline)]).strong if headline else {}
    out = {}
    probabilities = {theme: theme_model.sentence_probabilities(theme, sentences, scores.weights[theme],
                                                             scores.strong[theme]) if geopolitical else {}
                     for theme in THEMES}
    trusted = {theme: undoubted(likely, scores.doubted) for theme, likely in probabilities.items()}
    whole = theme_model.document_probabilities(undoubted_text(text, scores)) if geopolitical else {}
    for theme in THEMES:
        weights, strong = scores.weights[theme], scores.strong[theme]
        share, score = lexicon_share(theme, weights, words)
        likely = probabilities[theme]
        called = geopolitical and theme_model.call_probability(theme, theme_model.call_features(
            share, bool(strong), trusted[theme], others_highest(theme, trusted), whole[theme])) >= CALL_AT[theme]
        present = geopolitical and (called or bool(titled.get(theme)))
        evidence = []
        if present:
            ranked = _distinct(sorted(likely, key=lambda sid: (-likely[sid], order[sid])), text)
            evidence = [sid for i, sid in enumerate(ranked[:MAX_EVIDENCE]) if i == 0 or likely[sid] >= MIN_EVIDENCE]
        out[theme] = Theme(present=present, score=round(score if geopolitical else score * 0.2, 3),
                           evidence=sorted(evidence, key=order.__getitem__))
    return Themes(**out)


def lexicon_share(theme: str, weights: dict[str, float], words: int) -> tuple[float, float]:
    """The lexicon's weight for the theme as a share of its threshold (1 and above: the lexicon alone would name
    it), and how strongly it speaks for it (0-1)."""
    lex = lexicon()
    # A 250-word excerpt has room for fewer cues than a full article: the bar is lower, but never below min_share.
    length = min(1.0, max(lex.min_share, math.sqrt(words / lex.full_words)))
    threshold = lex.thresholds[theme] * (1.0 if theme in lex.unscaled else length)
    total = sum(weights.values())
    return total / threshold, 1 - math.exp(-total / (2 * threshold))


def others_highest(theme: str, probabilities: dict[str, list[float]]) -> list[float]:
    """The other themes' highest sentence probabilities, in THEMES order."""
    return [max(probabilities[other], default=0.0) for other in THEMES if other != theme]


def undoubted_text(texts: dict[str, str], scores: SentenceScores) -> str:
    """The article as the article-level model reads it: without the sentences that doubt or deny what they say,
    whose words ("no risk of a power vacuum") would speak for the theme."""
    return " ".join(t for sid, t in texts.items() if sid not in scores.doubted and sid not in scores.negated)


def undoubted(probabilities: dict[str, float], doubted: set[str]) -> list[float]:
    """The sentence probabilities the call may rest on: the model reads words, not doubt, and "a power vacuum was
    unlikely" is no call for the theme."""
    return [p for sid, p in probabilities.items() if sid not in doubted]


def label_sentences(sentences: list[Sentence], scores: SentenceScores, themes: Themes) -> list[Sentence]:
    """Copies of the sentences carrying the present themes each one substantially frames or evidences."""
    present = [t for t in THEMES if getattr(themes, t).present]
    return [s.model_copy(update={"themes": [t for t in present if scores.weights[t].get(s.id, 0) >= ON_THEME
                                            or s.id in getattr(themes, t).evidence]})
            for s in sentences]


def _distinct(ids: list[str], text: dict[str, str]) -> list[str]:
    """Sentence ids in order, without a second copy of the same words (a page may print a sentence twice)."""
    seen: set[str] = set()
    out = []
    for sid in ids:
        if text[sid] not in seen:
            seen.add(text[sid])
            out.append(sid)
    return out
