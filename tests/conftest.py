"""Shared fixtures: the dev set articles and small article files written on the fly."""

from __future__ import annotations

import functools
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policybrief.article_brief import analyze_file
from policybrief.brief import Brief

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
SAMPLE = DEVSET / "000_26411969a0d151c5.txt"


def train_script(model: str, *args: str) -> subprocess.CompletedProcess:
    """Run scripts/train_<model>.py as a user would, in the repository."""
    script = ROOT / "scripts" / f"train_{model}.py"
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


@functools.cache
def analyzed(article: Path) -> Brief:
    """One analysis per development article for the whole run: the consistency check, the scorer and the
    shared scorer's parity test read the same brief, and none of them changes it."""
    return analyze_file(article)


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


class TagsAndText(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside one kind of element (`<style>`,
    `<script>`): what tests of an offline, escaped page look at."""

    def __init__(self, text_of: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text_of = text_of
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._inside = tag == self.text_of

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.texts.append(data)
