"""Sourcing and confidence: what the brief rests on, and how far a reader can trust it.

Confidence is about the source, never about the situation: one article is one source, so a single brief is at
most moderate; opinion, an unknown outlet, a missing date or a text cut off each lower it. Corroboration by
independent sources, which alone could raise it to high, needs more than one article.
"""

from __future__ import annotations

from datetime import date

from ..brief import ArticleInfo, Confidence, Sourcing

KIND_NAMES = {"news": "news report", "opinion": "opinion column", "analysis": "analysis"}


def listed_outlet(outlet: str | None) -> bool:
    """A name from the outlets list or the page; an unlisted site shows as its bare domain."""
    return bool(outlet) and "." not in outlet


def assess_sourcing(info: ArticleInfo) -> Sourcing:
    outlet = info.source
    known_outlet = listed_outlet(outlet)
    republished = bool(info.agency) and not _same_organisation(info.agency, outlet)
    reasons = ["It rests on a single article; no other source corroborates it."]
    level = 2  # moderate at best for one source
    if info.kind == "opinion":
        level -= 1
        reasons.append("It is an opinion column: the author argues a case rather than reports.")
    if not known_outlet:
        level -= 1
        reasons.append(f"The outlet ({outlet}) is not one the gazetteer knows." if outlet
                       else "The outlet is not stated.")
    if republished:
        reasons.append(f"It is {info.agency} wire copy republished by {outlet or 'another site'}.")
    if not info.published:
        level -= 1
        reasons.append("The page gives no publication date, so what is current cannot be checked.")
    if info.truncated:
        level -= 1
        reasons.append("The text stops mid-sentence: the rest of the article was not available.")
    confidence: Confidence = "moderate" if level >= 2 else "low"
    return Sourcing(
        outlet=outlet, kind=info.kind, author=info.author, published=info.published, agency=info.agency,
        republished=republished, single_source=True, truncated=info.truncated, confidence=confidence,
        reasons=reasons, summary=_summary(info, outlet, republished),
    )


# Wire services go by their initials in datelines and by their names on their own sites.
_AGENCY_NAMES = {"ap": "associated press", "afp": "agence france", "aa": "anadolu", "upi": "united press",
                 "dpa": "deutsche presse", "pti": "press trust of india", "ians": "indo-asian news"}


def _same_organisation(agency: str, outlet: str | None) -> bool:
    if not outlet:
        return False
    outlet, agency = outlet.lower(), agency.lower()
    return agency in outlet or _AGENCY_NAMES.get(agency, "\0") in outlet


def _summary(info: ArticleInfo, outlet: str | None, republished: bool) -> str:
    """ "A news report by Tara Copp for Associated Press, published 5 July 2024; single source." """
    what = KIND_NAMES[info.kind]
    parts = [f"{'An' if what[0] in 'aeiou' else 'A'} {what}"]
    if info.author:
        parts.append(f"by {info.author}")
    if outlet:
        parts.append(f"in {outlet}")
    if republished:
        parts.append(f"({info.agency} wire copy)")
    when = f"published {_long_date(info.published)}" if info.published else "undated"
    caveats = ["single source"] + (["cut off mid-sentence"] if info.truncated else [])
    return f"{' '.join(parts)}, {when}; {', '.join(caveats)}."


def _long_date(iso: str) -> str:
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d:%B %Y}"
