"""Whether a page that does not say what it is reads as news, opinion or analysis, learned from annotators.

Most pages carry no label, and the signs of each kind are many and weak: a column says "I" and "we must", an
analysis weighs ("would", "likely") without dated events, a report is dated and attributed ("said on
Monday"). One logistic regression per kind, each against the other two, over the words and word pairs of a
page's headline and text and the measures of `metadata.kind_features`, learned from the real tuning set's pages
that state no kind; the likeliest kind wins. Trained by `scripts/train_kind_model.py` and shipped as plain weights in
data/kind_model.json (see `linear_model`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from . import data
from .linear_model import LinearModel, ngrams

KINDS = ("news", "opinion", "analysis")


@cache
def load() -> dict[str, LinearModel]:
    spec = json.loads(files(data).joinpath("kind_model.json").read_text(encoding="utf-8"))
    return {kind: LinearModel.from_spec(m) for kind, m in spec["kinds"].items()}


def probabilities(text: str, features: Sequence[float]) -> dict[str, float]:
    grams = ngrams(text)
    return {kind: model.probability_of(grams, features) for kind, model in load().items()}


def predict(text: str, features: Sequence[float]) -> str:
    scores = probabilities(text, features)
    return max(KINDS, key=scores.__getitem__)
