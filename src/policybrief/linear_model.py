"""Logistic regressions learned from the annotated articles, read from plain weights.

Each model is trained by a script under scripts/ with scikit-learn, over a text's words and adjacent word
pairs plus a few numeric features, and shipped as JSON in data/: reading one needs neither scikit-learn nor a
download. `spec` writes a fitted model in that form; `LinearModel` reads it back and must give the
probabilities scikit-learn gave (each training script checks the gap).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
DECIMALS = 5


def ngrams(text: str) -> list[str]:
    """The words and adjacent word pairs of a text, lower-cased, each once."""
    tokens = TOKEN.findall(text.lower())
    return list(dict.fromkeys([*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))]))


@dataclass(frozen=True)
class LinearModel:
    intercept: float
    ngram_weights: dict[str, float]
    feature_weights: tuple[float, ...]

    @classmethod
    def from_spec(cls, spec: dict) -> LinearModel:
        return cls(spec["intercept"], spec["ngrams"], tuple(spec["features"]))

    def probability(self, text: str, features: Sequence[float]) -> float:
        return self.probability_of(ngrams(text), features)

    def probability_of(self, grams: Sequence[str], features: Sequence[float]) -> float:
        """The probability for a text already split into its n-grams: models that read one text share them."""
        z = self.intercept + sum(self.ngram_weights.get(g, 0.0) for g in grams)
        z += sum(w * x for w, x in zip(self.feature_weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def spec(vocabulary: Sequence[str], coef: Sequence[float], intercept: float) -> dict:
    """A fitted model's weights as JSON holds them: the n-gram weights first in `coef`, then the features'."""
    n = len(vocabulary)
    return {
        "intercept": round(float(intercept), DECIMALS),
        "features": [round(float(w), DECIMALS) for w in coef[n:]],
        "ngrams": {g: w for g, c in zip(vocabulary, coef[:n], strict=True) if (w := round(float(c), DECIMALS))},
    }
