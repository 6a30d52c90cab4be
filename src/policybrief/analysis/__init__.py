"""The offline analysis engine: an Article in, a Brief out, each part of the brief from its own module."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .. import __version__
from ..brief import (
    ArticleInfo,
    Brief,
    Engine,
    Figure,
    Risk,
    Sentence,
    Sourcing,
    Tension,
    Theme,
    Themes,
    TimelineEntry,
)
from ..ingest import Article
from . import gazetteer
from .actors import find_actors
from .facts import find_figures, find_timeline
from .prose import common_words, mention
from .risk import rate_risk
from .situation import situation_of, situation_state
from .sourcing import assess_sourcing
from .stance import find_stances
from .summary import asides, bottom_line, development, key_judgments
from .tension import assess_tension
from .themes import find_themes, label_sentences, score_sentences
from .watch import watch_points

ENGINE_NAME = "policybrief-rules"
_POLITICAL = {"state", "international_org", "armed_group"}


def analyze(article: Article, *, actors_files: Iterable[str | Path] = ()) -> Brief:
    """The brief of one article, deterministic and offline."""
    info = article_info(article)
    if article.language != "en":
        return _not_english(article, info, _engine())
    sentences = article.sentences
    return assemble(article, info, sentences, timeline=find_timeline(sentences, article.published),
                    figures=find_figures(sentences), sourcing=assess_sourcing(info), actors_files=actors_files)


def article_info(article: Article) -> ArticleInfo:
    return ArticleInfo(
        title=article.title, source=article.source,
        published=article.published.isoformat() if article.published else None, path=article.path,
        sha256=article.sha256, word_count=article.word_count, language=article.language, author=article.author,
        kind=article.kind, truncated=article.truncated, url=article.url, agency=article.agency,
    )


def assemble(article: Article, info: ArticleInfo, sentences: list[Sentence], *, timeline: list[TimelineEntry],
             figures: list[Figure], sourcing: Sourcing, actors_files: Iterable[str | Path] = ()) -> Brief:
    """The brief from an article's sentences and the facts already dated against their own sources: one article's,
    or those of several merged (`merge.analyze_many`), where each source dates its own "on Monday"."""
    actors = find_actors(sentences, gazetteer.load(actors_files), title=" ".join([article.title, *article.headings]),
                         headline=article.title, published=article.published)
    scores = score_sentences(sentences)
    # A town council is a government body too; only national or international actors make an article political.
    political = any(a.type in _POLITICAL or (a.type == "government_body" and a.code) for a in actors)
    themes = find_themes(sentences, scores, geopolitical=political, headline=article.title)
    state = situation_state(actors, sentences, article.title)
    tension = assess_tension(sentences, scores, themes, mention(state) if state else None,
                             merged=not sourcing.single_source)
    risk = rate_risk(sentences, actors, themes, state)
    risk.watch_points = watch_points(timeline, sentences, risk, article.published)
    risk.watch = [w.text for w in risk.watch_points]
    # What the bottom line and judgments may quote: no caption, unless the text is nothing else.
    captions = asides(sentences, article.title)
    told = [s for s in sentences if s.id not in captions] or sentences
    developed, developed_ids = development(told, info)
    actors = find_stances(actors, sentences, f"{developed} {article.title}", developed_ids)
    bluf, bluf_evidence = bottom_line(info, sourcing, developed, developed_ids, themes, risk, actors, state,
                                      {r.text for r in article.removed}, common_words([s.text for s in sentences]))
    return Brief(
        article=info, engine=_engine(), bluf=bluf, situation=situation_of(state, actors), sourcing=sourcing,
        development=developed,
        development_evidence=developed_ids,
        key_judgments=key_judgments(told, info, themes, tension, risk, bluf_evidence),
        sentences=label_sentences(sentences, scores, themes), actors=actors, themes=themes, tension=tension,
        risk=risk, figures=figures, timeline=timeline, removed=article.removed,
    )


def _engine() -> Engine:
    return Engine(name=ENGINE_NAME, version=__version__)


def _not_english(article: Article, info: ArticleInfo, engine: Engine) -> Brief:
    """Rules built for English would list nonsense actors on other languages: say so instead."""
    note = (f"The article appears to be in a language other than English ({article.language}); this engine "
            "analyses English text only, so no actors, themes or risk were extracted.")
    absent = Theme(present=False, score=0.0)
    return Brief(
        article=info, engine=engine, bluf=note, sentences=article.sentences,
        themes=Themes(sovereignty=absent, security=absent, power_vacuum=absent),
        tension=Tension(balance=0.0, assessment="Not assessed: the article is not in English."),
        risk=Risk(rating="low", explanation="Not assessed: the article is not in English."),
        removed=article.removed, notes=[note],
    )
