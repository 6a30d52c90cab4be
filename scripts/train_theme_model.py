"""Train the theme model (src/policybrief/data/theme_model.json) on annotated articles.

    python scripts/train_theme_model.py                  # train on tests/realset/tune and tests/devset
    python scripts/train_theme_model.py --cv 5           # and first report 5-fold cross-validation

Needs scikit-learn (`pip install -e '.[train]'`). The held-back set (tests/realset/heldout) is refused: it
measures the model and must never teach it. Each sentence is labelled as evidence of a theme when it matches a
gold evidence sentence the way `policybrief eval` matches them (word Jaccard >= 0.5). The article-level model
reads the whole text's words weighed by tf-idf against the gold call. The call model (one per theme, see
analysis/theme_model.py) learns from each article's gold call and the probabilities of sentence and article models
trained on the other four fifths of the articles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from training import ROOT, arguments, trained_on

from policybrief import evaluate, linear_model
from policybrief.analysis import theme_model, themes
from policybrief.ingest import load_article

DEFAULT_SETS = [ROOT / "tests/realset/tune", ROOT / "tests/devset"]
OUTPUT = ROOT / "src/policybrief/data/theme_model.json"
SENTENCE_C = 0.1  # strong regularisation: 9,000 sentences, tens of thousands of word pairs (chosen by --cv)
CALL_C = 1.0  # five numbers per article; 0.3 to 10 are within a point of each other
# The article-level model: words seen in fewer than three articles are names and typos; 3 to 30 are within a point
# of each other in cross-validation on 1,168 articles. Word pairs added nothing there and weigh tens of megabytes.
DOCUMENT_C = 10.0
DOCUMENT_MIN_DF = 3
FOLDS = 5  # the call model learns from probabilities of sentence models that left out a fifth of the articles
# Each sentence is fitted and read many times (themes, folds, parity): its word pairs are worked out once.
_grams = cache(linear_model.ngrams)


@dataclass
class Example:
    name: str
    texts: list[str]
    ids: list[str]
    weights: dict[str, dict[str, float]]
    strong: dict[str, set[str]]
    doubted: set[str]
    words: int
    gold: dict[str, bool]
    labels: dict[str, list[int]]
    gold_evidence: dict[str, list[str]]
    document: str  # the text the article-level model reads


def examples(folders: list[Path]) -> list[Example]:
    out = []
    for folder in folders:
        for path in evaluate.gold_files(folder):
            gold, article_path = evaluate.load_gold(path)
            sentences = load_article(article_path).sentences
            scores = themes.score_sentences(sentences)
            g = gold.get("themes") or {}
            evidence = {t: ((g.get("evidence") or {}).get(t) or []) if g.get(t) else [] for t in themes.THEMES}
            out.append(Example(
                name=path.stem, texts=[s.text for s in sentences], ids=[s.id for s in sentences],
                weights=scores.weights, strong=scores.strong, doubted=scores.doubted,
                words=sum(len(s.text.split()) for s in sentences),
                gold={t: bool(g.get(t)) for t in themes.THEMES},
                labels={t: [int(any(evaluate.jaccard(s.text, e) >= 0.5 for e in evidence[t])) for s in sentences]
                        for t in themes.THEMES},
                gold_evidence=evidence,
                document=themes.undoubted_text({s.id: s.text for s in sentences}, scores),
            ))
    return out


def _dense(ex: Example, theme: str) -> list[list[float]]:
    return [theme_model.sentence_features(ex.weights[theme].get(i, 0.0), i in ex.strong[theme]) for i in ex.ids]


def _matrix(vectorizer: CountVectorizer, data: list[Example], theme: str):
    texts = [t for ex in data for t in ex.texts]
    dense = [row for ex in data for row in _dense(ex, theme)]
    return hstack([vectorizer.transform(texts), csr_matrix(dense)]).tocsr()


@dataclass
class OutOfFold:
    """Each article's probabilities from models that did not learn from it, per theme."""

    sentences: dict[str, list[list[float]]]
    documents: dict[str, list[float]]


def fit_documents(data: list[Example]) -> tuple[TfidfVectorizer, dict[str, LogisticRegression]]:
    vectorizer = TfidfVectorizer(min_df=DOCUMENT_MIN_DF, sublinear_tf=True)
    x = vectorizer.fit_transform([ex.document for ex in data])
    return vectorizer, {theme: LogisticRegression(C=DOCUMENT_C, class_weight="balanced", max_iter=5000).fit(
        x, [ex.gold[theme] for ex in data]) for theme in themes.THEMES}


def fit_sentences(data: list[Example], theme: str) -> tuple[CountVectorizer, LogisticRegression]:
    vectorizer = CountVectorizer(analyzer=_grams, min_df=2, binary=True)
    vectorizer.fit([t for ex in data for t in ex.texts])
    y = [label for ex in data for label in ex.labels[theme]]
    model = LogisticRegression(C=SENTENCE_C, class_weight="balanced", max_iter=5000)
    return vectorizer, model.fit(_matrix(vectorizer, data, theme), y)


def document_spec(documents: tuple[TfidfVectorizer, dict[str, LogisticRegression]]) -> dict:
    vectorizer, models = documents
    words = vectorizer.get_feature_names_out()
    return {"idf": {w: round(float(i), linear_model.DECIMALS) for w, i in zip(words, vectorizer.idf_, strict=True)},
            "themes": {theme: linear_model.spec(words, m.coef_[0], m.intercept_[0]) for theme, m in models.items()}}


def export(fitted: dict, documents: tuple[TfidfVectorizer, dict[str, LogisticRegression]],
           calls: dict[str, LogisticRegression], trained_on: list[str], count: int) -> dict:
    out = {"trained_on": trained_on, "articles": count, "themes": {}, "calls": {},
           "documents": document_spec(documents)}
    for theme, (vectorizer, model) in fitted.items():
        out["themes"][theme] = linear_model.spec(vectorizer.get_feature_names_out(), model.coef_[0],
                                                 model.intercept_[0])
        out["calls"][theme] = linear_model.spec([], calls[theme].coef_[0], calls[theme].intercept_[0])
    return out


def _per_article(probs, data: list[Example]) -> list[list[float]]:
    """Sentence probabilities of several articles, predicted in one call, split back into their articles."""
    out, start = [], 0
    for ex in data:
        out.append(list(probs[start:start + len(ex.ids)]))
        start += len(ex.ids)
    return out


def check_parity(fitted: dict, documents: tuple[TfidfVectorizer, dict[str, LogisticRegression]], spec: dict,
                 data: list[Example]) -> float:
    """The largest gap between scikit-learn's sentence and article probabilities and those the package computes
    from the exported weights: the package must read the models as they were trained."""
    gap = 0.0
    vectorizer, models = documents
    x = vectorizer.transform([ex.document for ex in data])
    idf = spec["documents"]["idf"]
    for theme, model in models.items():
        shipped = linear_model.LinearModel.from_spec(spec["documents"]["themes"][theme])
        gap = max(gap, *(abs(shipped.probability_of_weighed(linear_model.tfidf(ex.document, idf), ()) - p)
                         for ex, p in zip(data, model.predict_proba(x)[:, 1], strict=True)))
    for theme, (vectorizer, model) in fitted.items():
        shipped = linear_model.LinearModel.from_spec(spec["themes"][theme])
        expected = _per_article(model.predict_proba(_matrix(vectorizer, data, theme))[:, 1], data)
        for ex, probs in zip(data, expected, strict=True):
            for i, sid in enumerate(ex.ids):
                got = shipped.probability(ex.texts[i], theme_model.sentence_features(
                    ex.weights[theme].get(sid, 0.0), sid in ex.strong[theme]))
                gap = max(gap, abs(got - probs[i]))
    return gap


def check_call_parity(calls: dict[str, LogisticRegression], spec: dict, data: list[Example],
                      oof: OutOfFold) -> float:
    gap = 0.0
    for theme, model in calls.items():
        shipped = linear_model.LinearModel.from_spec(spec["calls"][theme])
        rows = call_rows(data, oof, theme)
        gap = max(gap, *(abs(shipped.probability("", r) - p) for r, p in zip(rows, model.predict_proba(rows)[:, 1],
                                                                              strict=True)))
    return gap


def out_of_fold(data: list[Example], folds: int) -> OutOfFold:
    """Each article's sentence and article probabilities from models that did not learn from it, per theme: what
    the call model learns from, since it will meet new pages, not the ones the other models learned."""
    out = OutOfFold({theme: [[] for _ in data] for theme in themes.THEMES},
                    {theme: [0.0] * len(data) for theme in themes.THEMES})
    for k in range(folds):
        train = [ex for i, ex in enumerate(data) if i % folds != k]
        held = list(range(k, len(data), folds))
        articles = [data[i] for i in held]
        vectorizer, models = fit_documents(train)
        x = vectorizer.transform([ex.document for ex in articles])
        for theme in themes.THEMES:
            for i, p in zip(held, models[theme].predict_proba(x)[:, 1], strict=True):
                out.documents[theme][i] = float(p)
            vectorizer_s, model = fit_sentences(train, theme)
            probs = model.predict_proba(_matrix(vectorizer_s, articles, theme))[:, 1]
            for i, article_probs in zip(held, _per_article(probs, articles), strict=True):
                out.sentences[theme][i] = article_probs
    return out


def call_rows(data: list[Example], oof: OutOfFold, theme: str) -> list[list[float]]:
    rows = []
    for i, ex in enumerate(data):
        share = themes.lexicon_share(theme, ex.weights[theme], ex.words)[0]
        likely = {t: themes.undoubted(dict(zip(ex.ids, oof.sentences[t][i], strict=True)), ex.doubted)
                  for t in themes.THEMES}
        rows.append(theme_model.call_features(share, bool(ex.strong[theme]), likely[theme],
                                              themes.others_highest(theme, likely), oof.documents[theme][i]))
    return rows


def fit_calls(data: list[Example], oof: OutOfFold) -> dict[str, LogisticRegression]:
    return {theme: LogisticRegression(C=CALL_C, max_iter=1000).fit(call_rows(data, oof, theme),
                                                                    [ex.gold[theme] for ex in data])
            for theme in themes.THEMES}


def cross_validate(data: list[Example], folds: int, oof: OutOfFold) -> None:
    """On articles each fold's models never saw: how often the theme is called right by the lexicon alone and by
    the brief's call model, and, where the gold has evidence, the evidence hits of the lexicon's own ranking and
    of the sentence model's, each under its own call. A hit, as `policybrief eval` scores it, is any evidence
    sentence matching a gold one. The call model of each fold learns from the other folds' out-of-fold
    probabilities."""
    tally = {t: {"n": 0, "calls": 0, "calls_model": 0, "with_evidence": 0, "lexicon": 0, "model": 0}
             for t in themes.THEMES}
    for theme in themes.THEMES:
        rows = call_rows(data, oof, theme)
        for k in range(folds):
            train = [i for i in range(len(data)) if i % folds != k]
            stack = LogisticRegression(C=CALL_C, max_iter=1000).fit([rows[i] for i in train],
                                                                    [data[i].gold[theme] for i in train])
            for i in range(k, len(data), folds):
                ex, probs, t = data[i], oof.sentences[theme][i], tally[theme]
                named = themes.lexicon_share(theme, ex.weights[theme], ex.words)[0] >= 1 or bool(ex.strong[theme])
                called = bool(stack.predict_proba([rows[i]])[0, 1] >= themes.CALL_AT[theme])
                t["n"] += 1
                t["calls"] += named == ex.gold[theme]
                t["calls_model"] += called == ex.gold[theme]
                if not (ex.gold[theme] and ex.gold_evidence[theme]):
                    continue
                t["with_evidence"] += 1
                ranked = sorted(range(len(ex.ids)), key=lambda j: -probs[j])[:themes.MAX_EVIDENCE]
                by_model = [j for n, j in enumerate(ranked) if n == 0 or probs[j] >= themes.MIN_EVIDENCE]
                weights = ex.weights[theme]
                by_lexicon = sorted((j for j, sid in enumerate(ex.ids) if weights.get(sid)), key=lambda j: -(
                    weights[ex.ids[j]] + (2.0 if ex.ids[j] in ex.strong[theme] else 0.0)))[:themes.MAX_EVIDENCE]
                t["lexicon"] += named and _hit(ex, theme, by_lexicon)
                t["model"] += called and _hit(ex, theme, by_model)
    print(f"{folds}-fold cross-validation on {len(data)} articles")
    print(f"{'':<14} {'theme called right':>27}   {'evidence hits where the gold has evidence':>41}")
    print(f"{'theme':<14} {'articles':>9} {'lexicon':>8} {'model':>8}   {'articles':>9} {'lexicon':>8} {'model':>7}")
    for theme, t in tally.items():
        n, e = max(1, t["n"]), max(1, t["with_evidence"])
        print(f"{theme:<14} {t['n']:>9} {t['calls'] / n:>8.3f} {t['calls_model'] / n:>8.3f}   "
              f"{t['with_evidence']:>9} {t['lexicon'] / e:>8.3f} {t['model'] / e:>7.3f}")


def _hit(ex: Example, theme: str, picked: list[int]) -> bool:
    return any(evaluate.jaccard(ex.texts[i], g) >= 0.5 for i in picked for g in ex.gold_evidence[theme])


def main() -> None:
    args = arguments(__doc__, DEFAULT_SETS, OUTPUT)
    data = examples(args.sets)
    oof = out_of_fold(data, FOLDS)
    if args.cv:
        cross_validate(data, args.cv, oof if args.cv == FOLDS else out_of_fold(data, args.cv))
    fitted = {theme: fit_sentences(data, theme) for theme in themes.THEMES}
    documents = fit_documents(data)
    calls = fit_calls(data, oof)
    spec = export(fitted, documents, calls, trained_on(args.sets), len(data))
    gap = max(check_parity(fitted, documents, spec, data), check_call_parity(calls, spec, data, oof))
    print(f"largest probability gap between scikit-learn and the package: {gap:.2e}")
    args.out.write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    weights = sum(len(t["ngrams"]) for part in (spec["themes"], spec["documents"]["themes"]) for t in part.values())
    print(f"{args.out}: {len(data)} articles, {weights} weights")


if __name__ == "__main__":
    main()
