"""What the brief notebook calls: the kernel side of the pipeline, kept out of the notebook's cells.

The runner analyses the article once and hands the notebook its brief.json; opened by hand in JupyterLab
(no brief_json), the notebook analyses the article itself.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path

from . import changes
from .brief import Brief
from .files import write_atomically

SAMPLE_ARTICLE = files("policybrief") / "samples" / "000_26411969a0d151c5.txt"


def load_brief(article: str | None = None, *, articles: list[str] | tuple = (), title: str | None = None,
               situation: str | None = None,
               output_dir: str | None = None, compare_with: str | None = None, actors_files: list[str] | tuple = (),
               engine: str = "rules", model: str | None = None, brief_json: str | None = None,
               max_words: int = 200_000, **_: object) -> Brief:
    """The brief for the notebook's parameters; `article=None` briefs the bundled sample article."""
    path = Path(article) if article else Path(str(SAMPLE_ARTICLE))
    brief = _precomputed(brief_json, [path, *map(Path, articles)])
    fresh = brief is None
    if fresh:
        from .article_brief import analyze_file

        brief = analyze_file(path, articles=list(articles), actors_files=actors_files, engine=engine, model=model,
                             max_words=max_words)
    if title:
        brief.article.title = title
    if situation:
        changes.file_under(brief, situation, actors_files)
    if fresh and compare_with:  # the runner's brief has its changes already, from the folder as it was then
        changes.compare_with_earlier(brief, Path(compare_with), own=Path(output_dir) if output_dir else None)
    if output_dir:
        out = Path(output_dir)
        out.mkdir(parents=True, exist_ok=True)
        write_atomically(out / "brief.json", brief.to_json())
    return brief


def _precomputed(brief_json: str | None, articles: list[Path]) -> Brief | None:
    """The brief already made: the runner's, or the one published beside the notebook. It stands for its
    articles when they are not here (a published brief opened elsewhere); when they are, only if it was made
    from these very files."""
    if not brief_json or not Path(brief_json).is_file():
        return None
    brief = Brief.model_validate_json(Path(brief_json).read_text(encoding="utf-8"))
    if not all(a.is_file() for a in articles):
        return brief
    made_from = {s.sha256 for s in brief.sources} or {brief.article.sha256}
    if made_from != {hashlib.sha256(a.read_bytes()).hexdigest() for a in articles}:
        return None
    return brief
