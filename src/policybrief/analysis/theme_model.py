"""Which sentences an analyst would quote for a theme, learned from the annotated real articles.

The lexicon (data/themes.yaml) finds most themes; on pages it was not written for, the sentence it weighs
highest is often not the one an annotator quotes (a cue in a passing clause outranks the sentence that makes
the point), and a point made in words it lacks goes unseen. This model learned that choice from the gold
evidence of the real tuning set: a logistic regression per theme over a sentence's words, word pairs and
lexicon weight. It picks the evidence.

Whether the article discusses a theme at all is a second, small model per theme over eleven numbers: how far the
lexicon's weight goes past its threshold, whether a strong cue fired, the three highest sentence probabilities, how
many sentences lean to the theme, the other themes' highest (`call_features`), and what a third model, over the
whole article's words weighed by tf-idf, makes of it (sentences that doubt or deny a cue left out). The call model
learns from probabilities the other two gave to articles they were not trained on (five folds), as it will meet new
pages. An article-level model over all the words, tried earlier on fewer articles, raised the calls in
cross-validation but lowered them on new pages, and was dropped; over tf-idf words and 1,168 articles it raised
them in both (sovereignty .776 to .806 in cross-validation, the three themes .850 to .870 on the 923 held-back
pages). All three are trained by `scripts/train_theme_model.py` and shipped as plain weights in
data/theme_model.json (see `linear_model`).
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib.resources import files

from .. import data
from ..brief import Sentence
from ..linear_model import LinearModel, tfidf

_CAP = 3.0  # lexicon weight beyond which more cues say nothing new about a sentence


def call_features(lexicon_share: float, strong: bool, probabilities: list[float], others: list[float],
                  document: float) -> list[float]:
    """What the call model reads: the lexicon's weight as a share of its threshold, whether a strong cue fired,
    the three highest sentence probabilities (0 where the text has fewer sentences), how many sentences lean to
    the theme and how much on average, and the other themes' highest sentence probabilities (a vacuum is argued
    in a security story), and the article-level model's probability. In cross-validation on 944 articles the
    other themes' added .3 to .8 of a point to the sovereignty and security calls and left power vacuum's within
    .2, over four splits of the articles."""
    top = sorted(probabilities, reverse=True)[:3]
    n = max(1, len(probabilities))
    return [math.log1p(lexicon_share), float(strong), *top, *[0.0] * (3 - len(top)),
            math.log1p(sum(p >= 0.5 for p in probabilities)), sum(p >= 0.3 for p in probabilities) / n,
            sum(probabilities) / n, *others, document]


def sentence_features(weight: float, strong: bool) -> list[float]:
    """What the lexicon says of a sentence, as the model reads it."""
    return [weight, float(strong), math.sqrt(min(_CAP, weight))]


@cache
def _spec() -> dict:
    return json.loads(files(data).joinpath("theme_model.json").read_text(encoding="utf-8"))


@cache
def load() -> dict[str, LinearModel]:
    return {theme: LinearModel.from_spec(m) for theme, m in _spec()["themes"].items()}


@cache
def calls() -> dict[str, LinearModel]:
    return {theme: LinearModel.from_spec(m) for theme, m in _spec()["calls"].items()}


@cache
def documents() -> tuple[dict[str, float], dict[str, LinearModel]]:
    spec = _spec()["documents"]
    return spec["idf"], {theme: LinearModel.from_spec(m) for theme, m in spec["themes"].items()}


def document_probabilities(text: str) -> dict[str, float]:
    """Each theme's probability from the article-level model, over the article's words weighed by tf-idf."""
    idf, models = documents()
    words = tfidf(text, idf)
    return {theme: model.probability_of_weighed(words, ()) for theme, model in models.items()}


def call_probability(theme: str, features: list[float]) -> float:
    return calls()[theme].probability("", features)


def sentence_probabilities(theme: str, sentences: list[Sentence], weights: dict[str, float],
                           strong: set[str]) -> dict[str, float]:
    model = load()[theme]
    return {s.id: model.probability(s.text, sentence_features(weights.get(s.id, 0.0), s.id in strong))
            for s in sentences}
