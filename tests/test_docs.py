"""The analyst's documentation: pages that exist, are linked, and say what the code does."""

from __future__ import annotations

import ast
import json
import re

from conftest import ROOT

from policybrief.jobs import Params, params_table

DOCS = ROOT / "docs"


def test_every_parameter_is_described_and_the_parameters_page_shows_the_current_table():
    undescribed = [name for name, info in Params.model_fields.items() if not (info.description or "").strip()]
    assert not undescribed, f"parameters without a description: {undescribed}"
    page = (DOCS / "parameters.md").read_text(encoding="utf-8")
    assert params_table() in page, "docs/parameters.md is stale: run .venv/bin/python docs/update_parameters.py"
    for name in Params.model_fields:
        assert f"| `{name}` |" in page


def test_the_notebook_takes_exactly_the_documented_parameters():
    notebook = json.loads((ROOT / "src" / "policybrief" / "notebooks" / "brief.ipynb").read_text(encoding="utf-8"))
    [cell] = [c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    names = [t.id for node in ast.parse("".join(cell["source"])).body for t in node.targets]
    # brief_json is the runner's own hand-over, explained on the page below the table.
    assert names == [*Params.model_fields, "brief_json"]


def test_the_readme_links_every_docs_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"docs/[\w.-]+\.md", readme))
    assert {f"docs/{p.name}" for p in DOCS.glob("*.md")} <= named
