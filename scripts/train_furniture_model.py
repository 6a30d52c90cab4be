"""Train the furniture model (src/policybrief/data/furniture_model.json) on annotated articles.

    python scripts/train_furniture_model.py              # train on tests/realset/tune
    python scripts/train_furniture_model.py --cv 5       # and first report 5-fold cross-validation

Needs scikit-learn (`pip install -e '.[train]'`). The held-back set (tests/realset/heldout) is refused: it
measures the model and must never teach it. A line is furniture when the gold file lists it as boilerplate;
every line but the headline and the address is learned from. Cross-validation reports lines that look like
headings apart from longer ones, since the package treats the two differently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from training import ROOT, arguments, trained_on

from policybrief import evaluate, furniture_model, linear_model
from policybrief.furniture import looks_like_heading
from policybrief.ingest import blocks_of, load_article

DEFAULT_SETS = [ROOT / "tests/realset/tune"]
OUTPUT = ROOT / "src/policybrief/data/furniture_model.json"
C = 1.0  # chosen by --cv


@dataclass
class Page:
    name: str
    lines: list[str]  # the heading-like lines, as the model judges them
    features: list[list[float]]
    labels: list[int]
    kept: list[bool]  # whether the rules keep the line in the article's text
    short: list[bool]  # whether the line looks like a heading


def pages(folders: list[Path]) -> list[Page]:
    out = []
    for folder in folders:
        for path in evaluate.gold_files(folder):
            gold, article_path = evaluate.load_gold(path)
            if article_path.suffix != ".txt":
                continue
            lines = [line for block in blocks_of(article_path.read_text(encoding="utf-8")) for line in block]
            furniture = {evaluate.norm(b) for b in gold.get("boilerplate") or [] if evaluate.norm(b)}
            article = load_article(article_path)
            # What the rules keep: the paragraphs, and what the shipped model itself took out of them.
            paragraphs = [p.text for p in article.paragraphs] + [r.text for r in article.removed
                                                                  if r.reason == furniture_model.REASON]
            features = furniture_model.page_features(lines, lines[0])
            rows = [k for k in range(2, len(lines))]
            out.append(Page(
                name=path.stem, lines=[lines[k] for k in rows], features=[features[k] for k in rows],
                labels=[int(evaluate.norm(lines[k]) in furniture) for k in rows],
                kept=[any(lines[k] in p for p in paragraphs) for k in rows],
                short=[looks_like_heading(lines[k]) for k in rows],
            ))
    return out


def _matrix(vectorizer: CountVectorizer, data: list[Page]):
    return hstack([vectorizer.transform([line for p in data for line in p.lines]),
                   csr_matrix([f for p in data for f in p.features])]).tocsr()


def fit(data: list[Page]) -> tuple[CountVectorizer, LogisticRegression]:
    vectorizer = CountVectorizer(analyzer=linear_model.ngrams, min_df=2, binary=True)
    vectorizer.fit([line for p in data for line in p.lines])
    model = LogisticRegression(C=C, max_iter=5000)
    return vectorizer, model.fit(_matrix(vectorizer, data), [y for p in data for y in p.labels])


def cross_validate(data: list[Page], folds: int) -> None:
    """On articles each fold's model never saw, among the heading-like lines the rules keep: the furniture
    lines the model takes out, and the article's own lines it takes out with them."""
    thresholds = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    caught = {(s, t): 0 for t in thresholds for s in (True, False)}
    lost = {(s, t): 0 for t in thresholds for s in (True, False)}
    furniture = {True: 0, False: 0}
    body = {True: 0, False: 0}
    for k in range(folds):
        vectorizer, model = fit([p for i, p in enumerate(data) if i % folds != k])
        for page in data[k::folds]:
            if not page.lines:
                continue
            probs = model.predict_proba(_matrix(vectorizer, [page]))[:, 1]
            for y, kept, short, prob in zip(page.labels, page.kept, page.short, probs, strict=True):
                if not kept:
                    continue
                furniture[short] += y
                body[short] += 1 - y
                for t in thresholds:
                    caught[short, t] += y and prob >= t
                    lost[short, t] += (not y) and prob >= t
    print(f"{folds}-fold cross-validation on {len(data)} articles, lines the rules keep: heading-like "
          f"{furniture[True]} furniture, {body[True]} the article's own; longer {furniture[False]} furniture, "
          f"{body[False]} the article's own")
    print(f"{'threshold':>9} {'headings: furniture out':>24} {'own out':>8} {'longer: furniture out':>22} "
          f"{'own out':>8}")
    for t in thresholds:
        print(f"{t:>9} {caught[True, t]:>24} {lost[True, t]:>8} {caught[False, t]:>22} {lost[False, t]:>8}")


def check_parity(vectorizer: CountVectorizer, model: LogisticRegression, spec: dict, data: list[Page]) -> float:
    """The largest gap between scikit-learn's probabilities and those the package computes from the exported
    weights: the package must read the model as it was trained."""
    shipped = linear_model.LinearModel.from_spec(spec)
    gap = 0.0
    for page in data:
        if page.lines:
            expected = model.predict_proba(_matrix(vectorizer, [page]))[:, 1]
            for line, f, e in zip(page.lines, page.features, expected, strict=True):
                gap = max(gap, abs(shipped.probability(line, f) - e))
    return gap


def main() -> None:
    args = arguments(__doc__, DEFAULT_SETS, OUTPUT)
    data = pages(args.sets)
    if args.cv:
        cross_validate(data, args.cv)
    vectorizer, model = fit(data)
    spec = {"trained_on": trained_on(args.sets), "articles": len(data),
            **linear_model.spec(vectorizer.get_feature_names_out(), model.coef_[0], model.intercept_[0])}
    print(f"largest probability gap between scikit-learn and the package: "
          f"{check_parity(vectorizer, model, spec, data):.2e}")
    args.out.write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data)} articles, {len(spec['ngrams'])} weights")


if __name__ == "__main__":
    main()
