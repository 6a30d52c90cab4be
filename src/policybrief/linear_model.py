"""Logistic regressions learned from the annotated articles, read from plain weights.

Each model is trained by a script under scripts/ with scikit-learn, over a text's words and adjacent word pairs
plus a few numeric features (or, for a whole article, its words weighed by tf-idf), and shipped as JSON in data/:
reading one needs neither scikit-learn nor a download. `spec` writes a fitted model in that form; `LinearModel`
reads it back and must give the probabilities scikit-learn gave (each training script checks the gap).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
DECIMALS = 5


def ngrams(text: str) -> list[str]:
    """The words and adjacent word pairs of a text, lower-cased, each once."""
    tokens = TOKEN.findall(text.lower())
    return list(dict.fromkeys([*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))]))


def tfidf(text: str, idf: Mapping[str, float]) -> dict[str, float]:
    """A text's words as scikit-learn's `TfidfVectorizer(sublinear_tf=True)` weighs them: 1 + log of each known
    word's count, times its idf, the whole scaled to unit length."""
    counts = Counter(t for t in TOKEN.findall(text.lower()) if t in idf)
    weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


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
        return self._logistic(sum(self.ngram_weights.get(g, 0.0) for g in grams), features)

    def probability_of_weighed(self, values: Mapping[str, float], features: Sequence[float]) -> float:
        """The probability for a text given as weighed words (`tfidf`)."""
        return self._logistic(sum(self.ngram_weights.get(g, 0.0) * x for g, x in values.items()), features)

    def _logistic(self, text_part: float, features: Sequence[float]) -> float:
        z = self.intercept + text_part + sum(w * x for w, x in zip(self.feature_weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def spec(vocabulary: Sequence[str], coef: Sequence[float], intercept: float) -> dict:
    """A fitted model's weights as JSON holds them: the n-gram weights first in `coef`, then the features'."""
    n = len(vocabulary)
    return {
        "intercept": round(float(intercept), DECIMALS),
        "features": [round(float(w), DECIMALS) for w in coef[n:]],
        "ngrams": {g: w for g, c in zip(vocabulary, coef[:n], strict=True) if (w := round(float(c), DECIMALS))},
    }
