"""Shared fixtures: the dev set articles and small article files written on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
SAMPLE = DEVSET / "000_26411969a0d151c5.txt"


@pytest.fixture
def write_article(tmp_path: Path):
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def write(text: str | bytes, name: str = "article.txt") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write
