"""An article file's brief: ingest, then analysis, then the LLM pass when asked.

What `policybrief analyze` runs, kept apart from the notebook build (pipeline) so that the command imports
nothing of papermill, the kernels or the output folder: its start-up is part of its time budget.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from .analysis.merge import analyze_many
from .brief import Brief
from .ingest import load_article

logger = logging.getLogger(__name__)


def analyze_file(path: str | Path, *, articles: list | tuple = (), actors_files: list | tuple = (),
                 engine: str = "rules", model: str | None = None, max_words: int = 200_000) -> Brief:
    """The brief of one article, or of it and `articles` on the same situation merged (analysis.merge)."""
    t0 = time.perf_counter()
    loaded = [load_article(p, max_words=max_words) for p in [path, *articles]]
    brief = analyze_many(loaded, actors_files=actors_files)  # one article: its own brief
    logger.info("%s: %d words in %s, analysed in %.2f s", path, sum(a.word_count for a in loaded),
                loaded[0].language, time.perf_counter() - t0)
    if engine == "llm":
        from .llm import improve

        brief = improve(brief, model=model)
    return brief


def analyze_files(paths: list[str | Path], *, actors_files: list | tuple = (), max_words: int = 200_000) -> Brief:
    """One brief from several articles on one situation; one path gives its own brief."""
    return analyze_file(paths[0], articles=paths[1:], actors_files=actors_files, max_words=max_words)
