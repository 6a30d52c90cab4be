"""One brief from several articles on one situation.

Copies of one wire story count once. The independent articles' sentences become one text, numbered anew and
each tagged with its source, and go through the same analysis as a single article: actors are merged by the
same gazetteer, themes and the vacuum rating weigh all the sources. Figures and dates are read in each article
on its own (its "on Monday" against its own date) and then joined; corroboration compares the sources.
Articles in different languages or on unrelated situations are not forced into one brief: the brief covers
the latest article and says why the others were left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..brief import Brief, Source
from ..ingest import Article
from . import analyze, article_info, assemble
from .corroboration import added_sentences, corroborate, wire_copies
from .prose import listing
from .sourcing import assess_sources
from .summary import disagreement_judgment


def analyze_many(articles: list[Article], *, actors_files: Iterable[str | Path] = ()) -> Brief:
    actors_files = list(actors_files)
    if len(articles) == 1:
        return analyze(articles[0], actors_files=actors_files)
    copies = wire_copies([a.text for a in articles])
    articles = _dated_by_twin(articles, copies)
    singles = [analyze(a, actors_files=actors_files) for a in articles]
    lead = max(range(len(articles)), key=lambda i: (articles[i].published or date.min, articles[i].word_count))
    problem = _not_one_situation(articles, singles, lead)
    if problem:
        brief = singles[lead]
        brief.notes.append(problem)
        return brief
    # The latest article's sentences come first: the bottom line leads with the latest development.
    independent = sorted((i for i in range(len(articles)) if i not in copies),
                         key=lambda i: i != copies.get(lead, lead))
    # A copy counts once, but what it adds to the wire story (a paragraph of the outlet's own) is kept.
    own = {i: {s.id for s in articles[i].sentences} for i in independent}
    own |= {j: added_sentences(articles[j].sentences, articles[i].sentences) for j, i in sorted(copies.items())}
    ids: dict[tuple[int, str], str] = {}
    sentences = []
    for i, keep in own.items():
        for s in articles[i].sentences:
            if s.id in keep:
                ids[(i, s.id)] = f"s{len(sentences) + 1}"
                sentences.append(s.model_copy(update={"id": ids[(i, s.id)], "source": i}))
    timeline = [t.model_copy(update={"evidence": ids[(i, t.evidence)]})
                for i, keep in own.items() for t in singles[i].timeline if t.evidence in keep]
    timeline.sort(key=lambda t: t.date or "9999")
    figures = [f.model_copy(update={"evidence": ids[(i, f.evidence)]})
               for i, keep in own.items() for f in singles[i].figures if f.evidence in keep]
    corroboration = corroborate({i: _restricted(singles[i], keep) for i, keep in own.items() if keep}, ids,
                                copies)
    infos = [article_info(a) for a in articles]
    sourcing = assess_sources(infos, lead, copies, corroboration)
    head = articles[lead]
    merged = replace(head, sentences=sentences,
                     headings=[*head.headings, *(a.title for a in articles if a is not head)],
                     removed=[r for i in independent for r in articles[i].removed],
                     word_count=sum(articles[i].word_count for i in independent))
    info = infos[lead].model_copy(update={"word_count": merged.word_count})
    brief = assemble(merged, info, sentences, timeline=timeline, figures=figures, sourcing=sourcing,
                     actors_files=actors_files)
    brief.sources = [Source(title=x.title, outlet=x.source, published=x.published, kind=x.kind, author=x.author,
                            agency=x.agency, path=x.path, sha256=x.sha256, copy_of=copies.get(n))
                     for n, x in enumerate(infos)]
    brief.corroboration = corroboration
    names = [x.source or Path(x.path).name for x in infos]
    brief.key_judgments[1:1] = [disagreement_judgment(d, names) for d in corroboration.disagreements[:2]]
    return brief


def _dated_by_twin(articles: list[Article], copies: dict[int, int]) -> list[Article]:
    """A copy of a wire story that prints no date was filed when its dated twin was: its "last month" is read
    against that date, not left unresolved."""
    out = list(articles)
    for copy, original in copies.items():
        for undated, dated in ((copy, original), (original, copy)):
            if out[undated].published is None and out[dated].published is not None:
                out[undated] = replace(out[undated], published=out[dated].published)
    return out


def _restricted(brief: Brief, keep: set[str]) -> Brief:
    """A source's brief cut to the sentences it contributes: a copy's facts and stances from its additions only,
    so that what it shares with its original is not compared twice."""
    if len(keep) == len(brief.sentences):
        return brief
    return brief.model_copy(update={
        "sentences": [s for s in brief.sentences if s.id in keep],
        "figures": [f for f in brief.figures if f.evidence in keep],
        "timeline": [t for t in brief.timeline if t.evidence in keep],
        "actors": [a if a.stance_evidence in keep else a.model_copy(update={"stance": None})
                   for a in brief.actors],
    })


def _not_one_situation(articles: list[Article], singles: list[Brief], lead: int) -> str | None:
    """Why the articles cannot make one brief: different languages, or situations that share no country."""
    others = [a.path for n, a in enumerate(articles) if n != lead]
    languages = {a.language for a in articles}
    if len(languages) > 1:
        return (f"The articles are in different languages ({listing(sorted(languages))}); this brief covers "
                f"{articles[lead].path} only and leaves out {listing(others)}.")
    countries = [set(b.situation.countries) if b.situation else set() for b in singles]
    keyed = [c for c in countries if c]
    if len(keyed) > 1 and not set.intersection(*keyed):
        labels = sorted({b.situation.label for b in singles if b.situation})
        return (f"The articles are about unrelated situations ({listing(labels)}); this brief covers "
                f"{articles[lead].path} only and leaves out {listing(others)}.")
    return None
