"""Which sentences an analyst would quote for a theme, learned from the annotated real articles.

The lexicon (data/themes.yaml) finds most themes; on pages it was not written for, the sentence it weighs
highest is often not the one an annotator quotes (a cue in a passing clause outranks the sentence that makes
the point), and a point made in words it lacks goes unseen. This model learned that choice from the gold
evidence of the real tuning set: a logistic regression per theme over a sentence's words, word pairs and
lexicon weight. It picks the evidence, and a sentence it is sure of calls the theme (themes.QUOTABLE). A
separate article-level model that called themes raised the calls in cross-validation but lowered them on new
pages, and was dropped. It is trained by `scripts/train_theme_model.py` and shipped as plain weights in
data/theme_model.json (see `linear_model`).
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib.resources import files

from .. import data
from ..brief import Sentence
from ..linear_model import LinearModel

_CAP = 3.0  # lexicon weight beyond which more cues say nothing new about a sentence


def sentence_features(weight: float, strong: bool) -> list[float]:
    """What the lexicon says of a sentence, as the model reads it."""
    return [weight, float(strong), math.sqrt(min(_CAP, weight))]


@cache
def load() -> dict[str, LinearModel]:
    spec = json.loads(files(data).joinpath("theme_model.json").read_text(encoding="utf-8"))
    return {theme: LinearModel.from_spec(m) for theme, m in spec["themes"].items()}


def sentence_probabilities(theme: str, sentences: list[Sentence], weights: dict[str, float],
                           strong: set[str]) -> dict[str, float]:
    model = load()[theme]
    return {s.id: model.probability(s.text, sentence_features(weights.get(s.id, 0.0), s.id in strong))
            for s in sentences}
