"""No brief's prose, tables and rating disagree, over every development article; and the check catches the
contradictions analysts found in the old briefs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import DEVSET, ROOT, SAMPLE, analyzed

from policybrief import evaluate
from policybrief.article_brief import analyze_file, analyze_files
from policybrief.consistency import contradictions

GOLD = sorted(DEVSET.glob("*.gold.yaml")) + sorted((ROOT / "tests" / "realset").glob("*/*.gold.yaml"))


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_every_development_brief_is_consistent(gold: Path):
    _, article = evaluate.load_gold(gold)
    assert contradictions(analyzed(article)) == []


@pytest.mark.parametrize("situation", sorted((ROOT / "tests" / "situations").glob("*/situation.gold.yaml")),
                         ids=lambda p: p.parent.name)
def test_every_merged_brief_is_consistent(situation: Path):
    articles = [situation.parent / name for name in yaml.safe_load(situation.read_text(encoding="utf-8"))["articles"]]
    assert contradictions(analyze_files(articles)) == []


def test_the_check_names_each_kind_of_contradiction():
    brief = analyze_file(SAMPLE)
    brief.risk.rating = "low"  # a low badge beside a "very likely" vacuum
    brief.tension.assessment = "The article treats it as a security question; sovereignty is not at issue."
    brief.key_judgments[0].text = "Rated high (9.0 points) because: militias."
    brief.key_judgments[1].evidence = ["s999"]
    found = " | ".join(contradictions(brief))
    for expected in ("does not fit a low rating", "sovereignty is marked present", "machine phrasing",
                     "cites ['s999']"):
        assert expected in found
