"""The learned models (themes' evidence, page furniture, a page's kind, the vacuum-risk weights): the shipped
weights are what the training scripts make of today's gold files, the package reads them as scikit-learn does,
and the held-back set never trains them."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from conftest import SAMPLE, train_script

from policybrief.article_brief import analyze_file
from policybrief.ingest import load_article
from policybrief.linear_model import ngrams, tfidf

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "policybrief" / "data"
MODELS = ["theme_model", "furniture_model", "kind_model"]
TOLERANCE = 1e-3  # solver and BLAS differences between machines, far below what moves a ranking


def _weights(spec: dict) -> dict[str, dict]:
    """Each logistic regression in a weights file, by name: one per theme (and the theme's article-level one) or
    kind, or the file's one."""
    articles = {f"{theme} article": m for theme, m in spec.get("documents", {}).get("themes", {}).items()}
    return {**(spec.get("themes") or spec.get("kinds") or {"furniture": spec}), **articles}


@pytest.mark.slow
@pytest.mark.parametrize("model", MODELS)
def test_shipped_model_is_trained_on_todays_gold_and_read_as_trained(model, tmp_path):
    out = tmp_path / "model.json"
    result = train_script(model, "--out", str(out))
    assert result.returncode == 0, result.stderr
    gap = float(re.search(r"gap between scikit-learn and the package: (\S+)", result.stdout).group(1))
    assert gap < 1e-4
    fresh, shipped = (json.loads(p.read_text(encoding="utf-8")) for p in (out, DATA / f"{model}.json"))
    assert (fresh["trained_on"], fresh["articles"]) == (shipped["trained_on"], shipped["articles"])
    for name, new in _weights(fresh).items():
        old = _weights(shipped)[name]
        pairs = [(new["intercept"], old["intercept"]), *zip(new["features"], old["features"], strict=True),
                 *((new["ngrams"].get(g, 0.0), old["ngrams"].get(g, 0.0)) for g in new["ngrams"].keys()
                   | old["ngrams"].keys())]
        worst = max(abs(a - b) for a, b in pairs)
        assert worst < TOLERANCE, f"{name}: the shipped model is stale; run python scripts/train_{model}.py"


@pytest.mark.parametrize("model", [*MODELS, "risk_model"])
def test_training_refuses_the_held_back_set(model):
    result = train_script(model, "tests/realset/heldout", "--out", "/nonexistent/model.json")
    assert result.returncode != 0
    assert "held-back set measures the model and must not train it" in result.stderr


def test_features_are_words_and_word_pairs_once():
    assert ngrams("The junta, the JUNTA; a b") == ["the", "junta", "the junta", "junta the"]


def test_an_articles_words_are_weighed_as_scikit_learns_sublinear_tfidf():
    """1 + log(count) times idf, scaled to unit length; words the model never saw, and one-letter ones, drop."""
    weights = tfidf("A war, WAR and peace in Kyiv", {"war": 1.0, "peace": 2.0, "and": 1.5})
    war, peace, and_ = 1.0 + math.log(2), 2.0, 1.5
    norm = math.sqrt(war ** 2 + peace ** 2 + and_ ** 2)
    assert weights == pytest.approx({"war": war / norm, "peace": peace / norm, "and": and_ / norm})


def test_evidence_sentences_carry_their_theme():
    brief = analyze_file(SAMPLE)
    labels = {s.id: s.themes for s in brief.sentences}
    present = [t for t in ("sovereignty", "security", "power_vacuum") if getattr(brief.themes, t).present]
    assert present
    for theme in present:
        evidence = getattr(brief.themes, theme).evidence
        assert evidence
        assert all(theme in labels[sid] for sid in evidence)


def test_furniture_the_rules_do_not_know_goes_and_the_text_stays(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "Mali's junta asks Wagner to leave\nSource: https://example.org/mali-wagner\n\n"
        "Current News\n\nDeep Read ( 4 Min. )\n\n"
        "Mali's military government has asked the Russian mercenary group to leave the country by the end of the "
        "month, two officials said on Friday.\n\n"
        "Under the terms of the deal reached in Bamako, the\nfighters would hand their bases to the army.\n\n"
        "Background\n\n"
        "The group arrived in late 2021 after France began pulling out its troops from the Sahel region.\n",
        encoding="utf-8")
    article = load_article(page)
    learned = {r.text for r in article.removed if r.reason == "page furniture"}
    assert learned == {"Current News", "Deep Read ( 4 Min. )"}
    text = " ".join(p.text for p in article.paragraphs)
    assert "Under the terms of the deal reached in Bamako, the fighters would hand" in text
    assert "Background" in [p.text for p in article.paragraphs if p.heading]


def test_a_caption_standing_alone_goes_and_the_storys_sentences_stay(tmp_path):
    # a real caption (tuning page r774) in a page of its own: no rule knows it, the model does
    caption = ("Members of the Japan Ground Self-Defense Force disembark from a V-22 Osprey aircraft during a "
               "live-fire exercise at East Fuji Maneuver Area in Gotemba, Shizuoka prefecture, Japan, on May 28.")
    page = tmp_path / "page.txt"
    page.write_text(
        "Japan raises its defence budget\nSource: https://example.org/2023/12/22/japan-defence\n\n"
        "Japan's cabinet approved a record defence budget on Friday, officials said, citing China's military "
        f"build-up.\n\n{caption}\n\n"
        "The budget pays for long-range missiles and more troops on the southwestern islands, the ministry said.\n",
        encoding="utf-8")
    article = load_article(page)
    assert [r.text for r in article.removed if r.reason == "page furniture"] == [caption]
    assert [s.text[:6] for s in article.sentences] == ["Japan'", "The bu"]
