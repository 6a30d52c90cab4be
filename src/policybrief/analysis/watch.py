"""What to watch: the dated decision points the article names first, then the indicators it supports.

A generic line ("watch the readiness of the national forces") appears only when the article gives evidence for
its indicator, so two briefs on different situations do not share the same list.
"""

from __future__ import annotations

import re
from datetime import date

from ..brief import Risk, Sentence, TimelineEntry, WatchPoint

MAX_WATCH = 5
# A date is a decision point when the sentence looks forward to it: a deadline, an expiry, a scheduled step.
_DECISION = re.compile(
    r"\b(deadline|expir\w*|due|scheduled|set to|is to|are to|will|would|by the end of|until|plans? to|"
    r"intends? to|expected to|upcoming|next)\b", re.I)


def watch_points(timeline: list[TimelineEntry], sentences: list[Sentence], risk: Risk,
                 published: date | None) -> list[WatchPoint]:
    text = {s.id: s.text for s in sentences}
    points: list[WatchPoint] = []
    seen: set[str] = set()
    for entry in sorted(timeline, key=lambda e: e.date or "9999"):
        if not entry.date or entry.evidence in seen or not _ahead(entry.date, published):
            continue
        if not _DECISION.search(text.get(entry.evidence, "")):
            continue
        seen.add(entry.evidence)
        points.append(WatchPoint(text=_clause(entry.what), when=entry.when, date=entry.date,
                                 evidence=[entry.evidence], origin="article"))
    for indicator, line in zip([i for i in risk.indicators if i.present], risk.watch, strict=False):
        points.append(WatchPoint(text=line, evidence=indicator.evidence[:1], origin="indicator"))
    return points[:MAX_WATCH]


def _ahead(iso: str, published: date | None) -> bool:
    """On or after the publication date (to the month when only the month is known). An undated page's own
    forward look ("will leave by May 2024") is all it gives: its deadlines are watched as it states them, and the
    brief says it is undated."""
    if published is None:
        return True
    # A day is ahead when it is after the day of publication (that day's own events are news, not decision
    # points); a month or a year when it is the same or later, a bare year only when later.
    if len(iso) == 4:
        return iso > published.isoformat()[:4]
    return iso >= published.isoformat()[:7] if len(iso) == 7 else iso > published.isoformat()


def _clause(what: str) -> str:
    what = what.strip()
    if not what:
        return what
    ended = re.search(r"[.!?…][\"”’')\]]*$", what)  # "... at the end of September.”" has its stop
    return what[0].upper() + what[1:] + ("" if ended else ".")
