"""Which sentences an analyst would quote for a theme, learned from the annotated real articles.

The lexicon (data/themes.yaml) decides whether an article discusses a theme; on pages it was not written for,
the sentence it weighs highest is often not the one an annotator quotes (a cue in a passing clause outranks
the sentence that makes the point). This model learned that choice from the gold evidence of the real tuning
set: a logistic regression per theme over a sentence's words, word pairs and lexicon weight. A second model
that also called the theme present raised the calls in cross-validation but lowered them on new pages, and
was dropped. It is trained by `scripts/train_theme_model.py` (scikit-learn) and shipped as plain weights in
data/theme_model.json, so reading it needs neither scikit-learn nor a download.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from .. import data
from ..brief import Sentence

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
_CAP = 3.0  # lexicon weight beyond which more cues say nothing new about a sentence


def ngrams(text: str) -> list[str]:
    """The words and adjacent word pairs of a sentence, lower-cased, each once."""
    tokens = TOKEN.findall(text.lower())
    return list(dict.fromkeys([*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))]))


def sentence_features(weight: float, strong: bool) -> list[float]:
    """What the lexicon says of a sentence, as the model reads it."""
    return [weight, float(strong), math.sqrt(min(_CAP, weight))]


@dataclass(frozen=True)
class ThemeModel:
    intercept: float
    ngram_weights: dict[str, float]
    feature_weights: tuple[float, ...]

    def sentence_probability(self, text: str, weight: float, strong: bool) -> float:
        z = self.intercept + sum(self.ngram_weights.get(g, 0.0) for g in ngrams(text))
        z += sum(w * x for w, x in zip(self.feature_weights, sentence_features(weight, strong), strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@cache
def load() -> dict[str, ThemeModel]:
    spec = json.loads(files(data).joinpath("theme_model.json").read_text(encoding="utf-8"))
    return {theme: ThemeModel(intercept=m["intercept"], ngram_weights=m["ngrams"], feature_weights=tuple(m["features"]))
            for theme, m in spec["themes"].items()}


def sentence_probabilities(theme: str, sentences: list[Sentence], weights: dict[str, float],
                           strong: set[str]) -> dict[str, float]:
    model = load()[theme]
    return {s.id: model.sentence_probability(s.text, weights.get(s.id, 0.0), s.id in strong) for s in sentences}
