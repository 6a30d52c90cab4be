"""The shipped risk weights are what `scripts/train_risk_model.py` makes of today's gold. A file of its own: the
fit re-trains the theme models fold by fold, two minutes on one core, and a file is what the test run hands to one
worker, so it runs beside the other models' checks rather than after them."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, train_script

DATA = ROOT / "src" / "policybrief" / "data"


@pytest.mark.slow
def test_shipped_risk_weights_are_fitted_to_todays_gold(tmp_path):
    out = tmp_path / "risk_model.json"
    result = train_script("risk_model", "--out", str(out))
    assert result.returncode == 0, result.stderr
    fresh, shipped = (json.loads(p.read_text(encoding="utf-8")) for p in (out, DATA / "risk_model.json"))
    assert (fresh["trained_on"], fresh["articles"]) == (shipped["trained_on"], shipped["articles"])
    numbers = [(fresh["vacuum_theme"], shipped["vacuum_theme"]),
               *((fresh["thresholds"][k], shipped["thresholds"][k]) for k in ("moderate", "high")),
               *((w, shipped["weights"][i]) for i, w in fresh["weights"].items())]
    # weights are shipped to two decimals: a solver's last digits may round the other way
    assert max(abs(a - b) for a, b in numbers) <= 0.011, "stale; run python scripts/train_risk_model.py"
