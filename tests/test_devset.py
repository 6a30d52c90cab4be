"""The analysis measured against gold files with the package's own scorer (`policybrief eval`).

The synthetic set (tests/devset, written for the project) is a regression test held to its targets; the real
set (tests/realset: real pages as found, annotated without reading the code) is measured, and its held-back
part is never tuned on.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DEVSET, ROOT, analyzed

from policybrief import evaluate

REALSET = ROOT / "tests" / "realset"
# The scorer that evaluation outside the repository runs; it sits beside a checkout only on the team's machines.
SHARED_SCORER = ROOT.parent / "shared" / "eval" / "score.py"
TARGETS = {"recall": 0.85, "central": 0.95, "precision": 0.85, "type_acc": 0.9, "themes": 0.9, "evidence": 0.8,
           "figures": 0.9, "boilerplate": 0.95}


def brief_of(article: Path) -> dict:
    return json.loads(analyzed(article).to_json())


@pytest.fixture(scope="module")
def synthetic() -> evaluate.SetResult:
    return evaluate.evaluate([DEVSET], brief_of)[0]


def test_dev_set_is_varied_enough(synthetic):
    assert len(synthetic.rows) >= 9
    kinds = {p.suffix for p in DEVSET.iterdir() if not p.name.endswith(".yaml")}
    assert {".txt", ".md", ".html"} <= kinds


@pytest.mark.parametrize("metric", sorted(TARGETS))
def test_synthetic_mean_meets_target(synthetic, metric):
    mean = synthetic.means()[metric]
    assert mean >= TARGETS[metric], f"{metric} mean {mean:.2f} < {TARGETS[metric]}"


def test_no_evidence_sentence_lost_to_boilerplate_removal(synthetic):
    assert synthetic.lost_evidence == 0


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="the team's shared scorer is not beside this checkout")
def test_same_numbers_as_the_shared_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    # the tuning pages' briefs are made once for their floors below; the held-back pages would double this
    # test's time for gold files of the same conventions
    golds = sorted(DEVSET.glob("*.gold.yaml")) + sorted((REALSET / "tune").glob("*.gold.yaml"))
    assert len(golds) >= 17
    for path in golds:
        gold, article = evaluate.load_gold(path)
        brief = brief_of(article)
        ours, theirs = evaluate.score(brief, gold), shared.score(brief, gold)
        if ours["evidence"] is None:  # the one difference: no theme in the gold, so no evidence to score
            assert theirs["evidence"] == 0.0, path.name
            ours["evidence"] = theirs["evidence"]
        assert ours == theirs, path.name


@pytest.mark.parametrize("path", sorted(REALSET.glob("*/*.gold.yaml")), ids=lambda p: p.stem)
def test_real_gold_files_follow_the_conventions(path):
    assert evaluate.check_gold(path) == []


def test_check_gold_names_what_is_wrong(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\nSource: https://example.org/x\n\nIraq said no.\n", encoding="utf-8")
    gold = {"article": "a.txt", "headline": "Headline", "published": "May 2024", "author": None, "kind": "blog",
            "actors": [{"name": "Iraq", "aliases": ["Iraqi"], "type": "country", "central": True}],
            "themes": {"sovereignty": True, "security": False, "power_vacuum": False}, "vacuum_risk": "low",
            "figures": [], "dates": [], "boilerplate": ["Share"], "bluf": "x"}
    (tmp_path / "a.gold.yaml").write_text(yaml.safe_dump(gold), encoding="utf-8")
    problems = " | ".join(evaluate.check_gold(tmp_path / "a.gold.yaml"))
    for expected in ("published is not YYYY-MM-DD", "kind is not", "1 central actors", "type 'country'",
                     "alias 'Iraqi'", "sovereignty is true without evidence", "not a whole line: 'Share'"):
        assert expected in problems


def test_check_gold_names_an_entry_split_by_an_unquoted_comma(tmp_path):
    """`{value: 3, what: 3,000 troops}` and `[30,000 troops]` load without a YAML error, as extra keys and an
    integer; evidence written `Iraq said: no.` loads as a mapping. Each is named, not a crash or a pass."""
    (tmp_path / "a.txt").write_text("Headline\nSource: https://example.org/x\n\nIraq said: no.\n", encoding="utf-8")
    (tmp_path / "a.gold.yaml").write_text(
        "article: a.txt\nheadline: Headline\npublished: null\nauthor: null\nkind: news\n"
        "actors:\n- {name: Iraq, aliases: [30,000 troops], type: state, central: true}\n"
        "themes: {sovereignty: true, security: false, power_vacuum: false, evidence: {sovereignty: [Iraq said: no.]}}\n"
        "vacuum_risk: low\nfigures:\n- {value: 3000, what: 3,000 troops}\ndates: []\nboilerplate: []\nbluf: x\n",
        encoding="utf-8")
    problems = " | ".join(evaluate.check_gold(tmp_path / "a.gold.yaml"))
    for expected in ("figures entry 1 is not a mapping of value, what", "aliases of 'Iraq': 30 is not a string",
                     "sovereignty evidence: {'Iraq said': 'no.'} is not a string"):
        assert expected in problems


# Floors just under what the real tuning set measures today, so a change that loses ground on real pages
# fails here; the held-back part is reported by `make eval`, never tuned against. The theme model is trained on
# the tuning set, so its evidence floor guards against regressions, not for generalisation.
REAL_FLOORS = {"recall": 0.82, "central": 0.89, "precision": 0.86, "type_acc": 0.95, "themes": 0.98, "evidence": 0.99,
               "figures": 0.91, "years": 0.94, "boilerplate": 0.96, "published": 0.95, "author": 0.77, "kind": 0.98,
               "risk": 0.79, "clean": 0.99}


@pytest.fixture(scope="module")
def real_tuning() -> evaluate.SetResult:
    return evaluate.evaluate([REALSET / "tune"], brief_of)[0]


def test_real_tuning_set_is_large_and_varied(real_tuning):
    golds = [evaluate.load_gold(r.gold)[0] for r in real_tuning.rows]
    assert len(golds) >= 40
    assert {"news", "opinion", "analysis"} <= {g["kind"] for g in golds}
    assert {"low", "moderate", "high"} <= {g["vacuum_risk"] for g in golds}
    assert len(list((REALSET / "heldout").glob("*.gold.yaml"))) >= 12


@pytest.mark.parametrize("metric", sorted(REAL_FLOORS))
def test_real_tuning_mean_holds_its_floor(real_tuning, metric):
    mean = real_tuning.means()[metric]
    assert mean >= REAL_FLOORS[metric], f"{metric} mean {mean:.2f} < {REAL_FLOORS[metric]}"
    assert real_tuning.failed == 0


def test_two_annotators_agree_where_the_targets_ask_the_analysis_to():
    """The agreement study: a second, independent annotation of 48 tuning pages; its table is printed by the
    script, and annotators who agree less than this would make the targets unreachable by anyone."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "annotator_agreement.py")], capture_output=True,
                            text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: [float(v) for v in line.split()[-3:]] for line in result.stdout.splitlines()[2:]}
    assert rows["kind"][0] >= 0.9 and rows["sovereignty"][0] >= 0.9 and rows["published"][0] >= 0.9
