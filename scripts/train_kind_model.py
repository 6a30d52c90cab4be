"""Train the kind model (src/policybrief/data/kind_model.json) on annotated articles.

    python scripts/train_kind_model.py                   # train on tests/realset/tune
    python scripts/train_kind_model.py --cv 5            # and first report 5-fold cross-validation

Needs scikit-learn (`pip install -e '.[train]'`). The held-back set (tests/realset/heldout) is refused: it
measures the model and must never teach it. Only pages that do not state their kind are learned from: the
package decides the others by what they state (metadata.declared_kind). The measures are standardised while
training, and the scaling is folded into the exported weights, so the package reads raw measures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from training import ROOT, arguments, trained_on

from policybrief import evaluate, kind_model, linear_model, metadata
from policybrief.ingest import load_article

DEFAULT_SETS = [ROOT / "tests/realset/tune"]
OUTPUT = ROOT / "src/policybrief/data/kind_model.json"
C = 1.0  # chosen by --cv: 0.1 to 10 are within a point of each other


@dataclass
class Page:
    name: str
    text: str
    features: list[float]
    declared: str | None
    kind: str


def pages(folders: list[Path]) -> list[Page]:
    out = []
    for folder in folders:
        for path in evaluate.gold_files(folder):
            gold, article_path = evaluate.load_gold(path)
            if gold.get("kind") not in kind_model.KINDS:
                continue
            clues = load_article(article_path).kind_clues
            out.append(Page(path.stem, metadata.model_text(clues), metadata.kind_features(clues),
                            metadata.declared_kind(clues), gold["kind"]))
    return out


@dataclass
class Fitted:
    vectorizer: CountVectorizer
    scaler: StandardScaler
    models: dict[str, LogisticRegression]

    def matrix(self, data: list[Page]):
        dense = self.scaler.transform(np.array([p.features for p in data]))
        return hstack([self.vectorizer.transform([p.text for p in data]), csr_matrix(dense)]).tocsr()


def fit(data: list[Page]) -> Fitted:
    learned = [p for p in data if p.declared is None]
    vectorizer = CountVectorizer(analyzer=linear_model.ngrams, min_df=2, binary=True).fit([p.text for p in learned])
    fitted = Fitted(vectorizer, StandardScaler().fit(np.array([p.features for p in learned])), {})
    x = fitted.matrix(learned)
    for kind in kind_model.KINDS:
        # balanced: news is more than half the pages that state no kind, and unweighted models call analysis news
        fitted.models[kind] = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(
            x, [p.kind == kind for p in learned])
    return fitted


def predict(fitted: Fitted, data: list[Page]) -> list[str]:
    probs = {kind: m.predict_proba(fitted.matrix(data))[:, 1] for kind, m in fitted.models.items()}
    return [p.declared or max(kind_model.KINDS, key=lambda k: probs[k][i]) for i, p in enumerate(data)]


def export(fitted: Fitted, trained: list[str], count: int) -> dict:
    names = fitted.vectorizer.get_feature_names_out()
    n = len(names)
    mean, scale = fitted.scaler.mean_, fitted.scaler.scale_
    kinds = {}
    for kind, model in fitted.models.items():
        coef = model.coef_[0]
        # w·(x - mean)/scale + b = (w/scale)·x + (b - w·mean/scale): the package reads raw measures
        dense = coef[n:] / scale
        kinds[kind] = linear_model.spec(names, [*coef[:n], *dense], model.intercept_[0] - float(dense @ mean))
    return {"trained_on": trained, "articles": count, "kinds": kinds}


def check_parity(fitted: Fitted, spec: dict, data: list[Page]) -> float:
    """The largest gap between scikit-learn's probabilities and those the package computes from the exported
    weights: the package must read the model as it was trained."""
    gap = 0.0
    for kind, model in fitted.models.items():
        shipped = linear_model.LinearModel.from_spec(spec["kinds"][kind])
        expected = model.predict_proba(fitted.matrix(data))[:, 1]
        gap = max(gap, *(abs(shipped.probability(p.text, p.features) - e) for p, e in zip(data, expected,
                                                                                            strict=True)))
    return gap


def cross_validate(data: list[Page], folds: int) -> None:
    """How often the kind is right on pages each fold's model never saw: stated, or read by the model."""
    right = {"stated": [0, 0], "model": [0, 0]}
    for k in range(folds):
        train = [p for i, p in enumerate(data) if i % folds != k]
        test = data[k::folds]
        for page, kind in zip(test, predict(fit(train), test), strict=True):
            tally = right["stated" if page.declared else "model"]
            tally[0] += kind == page.kind
            tally[1] += 1
    total = sum(t[0] for t in right.values()) / max(1, len(data))
    print(f"{folds}-fold cross-validation on {len(data)} articles: kind right {total:.3f}")
    for how, (ok, n) in right.items():
        print(f"  {how:<7} {n:>4} pages  right {ok / max(1, n):.3f}")


def main() -> None:
    args = arguments(__doc__, DEFAULT_SETS, OUTPUT)
    data = pages(args.sets)
    if args.cv:
        cross_validate(data, args.cv)
    fitted = fit(data)
    learned = [p for p in data if p.declared is None]
    spec = export(fitted, trained_on(args.sets), len(data))
    print(f"largest probability gap between scikit-learn and the package: {check_parity(fitted, spec, learned):.2e}")
    args.out.write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(learned)} of {len(data)} articles learned from, "
          f"{sum(len(k['ngrams']) for k in spec['kinds'].values())} weights")


if __name__ == "__main__":
    main()
