"""What the brief notebook calls: the kernel side of the pipeline, kept out of the notebook's cells.

The runner analyses the article once and hands the notebook its brief.json; opened by hand in JupyterLab
(no brief_json), the notebook analyses the article itself.
"""

from __future__ import annotations

import hashlib
import os
from importlib.resources import files
from pathlib import Path

from .brief import Brief

SAMPLE_ARTICLE = files("policybrief") / "samples" / "000_26411969a0d151c5.txt"


def load_brief(article: str | None = None, *, title: str | None = None, output_dir: str | None = None,
               actors_files: list[str] | tuple = (), engine: str = "rules", model: str | None = None,
               brief_json: str | None = None, max_words: int = 200_000, **_: object) -> Brief:
    """The brief for the notebook's parameters; `article=None` briefs the bundled sample article."""
    path = Path(article) if article else Path(str(SAMPLE_ARTICLE))
    brief = _precomputed(brief_json, path)
    if brief is None:
        from .pipeline import analyze_file

        brief = analyze_file(path, actors_files=actors_files, engine=engine, model=model, max_words=max_words)
    if title:
        brief.article.title = title
    if output_dir:
        out = Path(output_dir)
        out.mkdir(parents=True, exist_ok=True)
        tmp = out / "brief.json.tmp"
        tmp.write_text(brief.to_json(), encoding="utf-8")
        os.replace(tmp, out / "brief.json")
    return brief


def _precomputed(brief_json: str | None, article: Path) -> Brief | None:
    """The runner's brief, but only if it was made from this very article file."""
    # A published notebook re-run later points at the runner's build folder, which is gone by then.
    if not brief_json or not Path(brief_json).is_file():
        return None
    brief = Brief.model_validate_json(Path(brief_json).read_text(encoding="utf-8"))
    if brief.article.sha256 != hashlib.sha256(article.read_bytes()).hexdigest():
        return None
    return brief
