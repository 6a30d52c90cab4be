"""The analysis measured on the development set with the shared scorer, held to the issue's targets.

The scorer lives in ../shared/eval/score.py (beside the repository, as in CI); each article is analysed
in-process rather than through the CLI so the whole set takes seconds.
"""

from __future__ import annotations

import importlib.util
import json

import pytest
import yaml
from conftest import DEVSET, ROOT

from policybrief.pipeline import analyze_file

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
TARGETS = {"recall": 0.85, "central": 0.95, "precision": 0.85, "type_acc": 0.9, "themes": 0.9, "evidence": 0.8,
           "figures": 0.9, "boilerplate": 0.95}


def load_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows() -> dict[str, dict]:
    scorer = load_scorer()
    out = {}
    for gold_path in sorted(DEVSET.glob("*.gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        brief = json.loads(analyze_file(gold_path.parent / gold["article"]).to_json())
        out[gold_path.stem] = scorer.score(brief, gold)
    return out


def test_dev_set_is_varied_enough(rows):
    assert len(rows) >= 9
    kinds = {p.suffix for p in DEVSET.iterdir() if not p.name.endswith(".yaml")}
    assert {".txt", ".md", ".html"} <= kinds


@pytest.mark.parametrize("metric", sorted(TARGETS))
def test_mean_meets_target(rows, metric):
    values = [r[metric] for r in rows.values() if r[metric] is not None]
    mean = sum(values) / len(values)
    assert mean >= TARGETS[metric], f"{metric} mean {mean:.2f} < {TARGETS[metric]}"


def test_no_evidence_sentence_lost_to_boilerplate_removal(rows):
    assert sum(r["lost_evidence"] for r in rows.values()) == 0
