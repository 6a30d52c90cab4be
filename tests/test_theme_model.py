"""The learned theme model: the shipped weights are what the training script makes of today's gold files, the
package reads them as scikit-learn does, and the held-back set never trains it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE

from policybrief.analysis import theme_model
from policybrief.pipeline import analyze_file

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "train_theme_model.py"
SHIPPED = ROOT / "src" / "policybrief" / "data" / "theme_model.json"
TOLERANCE = 1e-3  # solver and BLAS differences between machines, far below what moves a ranking


def _train(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.mark.slow
def test_shipped_model_is_trained_on_todays_gold_and_read_as_trained(tmp_path):
    out = tmp_path / "model.json"
    result = _train("--out", str(out))
    assert result.returncode == 0, result.stderr
    gap = float(re.search(r"gap between scikit-learn and the package: (\S+)", result.stdout).group(1))
    assert gap < 1e-4
    fresh, shipped = (json.loads(p.read_text(encoding="utf-8")) for p in (out, SHIPPED))
    assert (fresh["trained_on"], fresh["articles"]) == (shipped["trained_on"], shipped["articles"])
    for theme, new in fresh["themes"].items():
        old = shipped["themes"][theme]
        pairs = [(new["intercept"], old["intercept"]), *zip(new["features"], old["features"], strict=True),
                 *((new["ngrams"].get(g, 0.0), old["ngrams"].get(g, 0.0)) for g in new["ngrams"].keys()
                   | old["ngrams"].keys())]
        worst = max(abs(a - b) for a, b in pairs)
        assert worst < TOLERANCE, f"{theme}: the shipped model is stale; run python {SCRIPT.relative_to(ROOT)}"


def test_training_refuses_the_held_back_set():
    result = _train("tests/realset/heldout", "--out", "/nonexistent/model.json")
    assert result.returncode != 0
    assert "held-back set measures the model and must not train it" in result.stderr


def test_features_are_words_and_word_pairs_once():
    assert theme_model.ngrams("The junta, the JUNTA; a b") == ["the", "junta", "the junta", "junta the"]


def test_evidence_sentences_carry_their_theme():
    brief = analyze_file(SAMPLE)
    labels = {s.id: s.themes for s in brief.sentences}
    present = [t for t in ("sovereignty", "security", "power_vacuum") if getattr(brief.themes, t).present]
    assert present
    for theme in present:
        evidence = getattr(brief.themes, theme).evidence
        assert evidence
        assert all(theme in labels[sid] for sid in evidence)
