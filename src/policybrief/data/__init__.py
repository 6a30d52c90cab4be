"""Shipped knowledge as YAML (gazetteer, lexicons, boilerplate rules): analysts extend it without code."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str) -> Any:
    """The parsed content of data/<name>.yaml, read once per process."""
    text = files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=SafeLoader)
