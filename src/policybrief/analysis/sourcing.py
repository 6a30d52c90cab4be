"""Sourcing and confidence: what the brief rests on, and how far a reader can trust it.

Confidence is about the source, never about the situation: one article is one source, so a single brief is at
most moderate; opinion, an unknown outlet, a missing date or a text cut off each lower it. Corroboration by
independent sources, which alone could raise it to high, needs more than one article.
"""

from __future__ import annotations

import re
from datetime import date

from ..brief import ArticleInfo, Confidence, Corroboration, Sourcing

KIND_NAMES = {"news": "news report", "opinion": "opinion column", "analysis": "analysis"}


def listed_outlet(outlet: str | None) -> bool:
    """A name from the outlets list or the page; an unlisted site shows as its bare domain."""
    return bool(outlet) and "." not in outlet


def assess_sourcing(info: ArticleInfo) -> Sourcing:
    outlet = info.source
    level, caveats = _source_level(info)
    republished = _republished(info)
    return Sourcing(
        outlet=outlet, kind=info.kind, author=info.author, published=info.published, agency=info.agency,
        republished=republished, single_source=True, truncated=info.truncated, confidence=_confidence(level),
        reasons=["It rests on a single article; no other source corroborates it.", *caveats],
        summary=_summary(info, outlet, republished),
    )


def assess_sources(infos: list[ArticleInfo], lead: int, copies: dict[int, int],
                   corroboration: Corroboration) -> Sourcing:
    """Several articles: confidence starts from the best independent one and rises with corroboration by
    independent sources (copies of one wire story count once); disagreement between them lowers it."""
    independent = sorted((i for i in range(len(infos)) if i not in copies), key=lambda i: i != copies.get(lead, lead))
    level = max(_source_level(infos[i])[0] for i in independent)
    reasons = [f"It rests on {_count(len(independent))} independent "
               f"{'source' if len(independent) == 1 else 'sources'}"
               + (f"; {_count(len(copies))} more {'is a copy' if len(copies) == 1 else 'are copies'} of one of "
                  "them, counted once." if copies else ".")]
    agreed = len(corroboration.agreements)
    if len(independent) > 1 and agreed:
        level += 1 + (len(independent) > 2 and agreed > 1)
        reasons.append(f"Independent sources agree on {_count(agreed)} "
                       f"{'claim' if agreed == 1 else 'claims'}.")
    if corroboration.disagreements:
        level -= 1
        reasons.append(f"They disagree on {_count(len(corroboration.disagreements))} "
                       f"{'point' if len(corroboration.disagreements) == 1 else 'points'}.")
    outlets = list(dict.fromkeys(infos[i].source or "an unnamed outlet" for i in independent))
    head = infos[lead]
    summary = (f"{_count(len(independent)).capitalize()} independent sources ({', '.join(outlets)}), the latest "
               + (f"published {_long_date(head.published)}" if head.published else "undated") + ".")
    return Sourcing(
        outlet=head.source, kind=head.kind, author=head.author, published=head.published, agency=head.agency,
        republished=_republished(head), single_source=len(independent) == 1, truncated=head.truncated,
        confidence=_confidence(level), reasons=reasons, summary=summary, outlets=outlets,
    )


def _source_level(info: ArticleInfo) -> tuple[int, list[str]]:
    """How far one article can be trusted on its own, from 2 (moderate, the most one source earns) down."""
    outlet = info.source
    caveats = []
    level = 2
    if info.kind == "opinion":
        level -= 1
        caveats.append("It is an opinion column: the author argues a case rather than reports.")
    # a known agency's story is the agency's: the site that carries it may have cut it, not made it
    wire = _republished(info) and known_agency(info.agency)
    if not listed_outlet(outlet) and not wire:
        level -= 1
        caveats.append(f"The outlet ({outlet}) is not among the outlets policybrief knows: its standing is unknown."
                       if outlet
                       else "The outlet is not stated.")
    if _republished(info):
        caveats.append(f"It is {info.agency} wire copy republished by {outlet or 'another site'}"
                       + (", a site policybrief does not know: the copy may be cut or edited."
                          if wire and not listed_outlet(outlet) else "."))
    if not info.published:
        level -= 1
        caveats.append("The page gives no publication date, so what is current cannot be checked.")
    if info.truncated:
        level -= 1
        caveats.append("The text stops mid-sentence: the rest of the article was not available.")
    return level, caveats


def _republished(info: ArticleInfo) -> bool:
    return bool(info.agency) and not _same_organisation(info.agency, info.source)


def known_agency(agency: str | None) -> bool:
    """A wire service the rules know by its dateline ("(Reuters)", "(AP)"), not an outlet a dateline's shape alone
    vouches for."""
    return (agency or "").lower() in _WIRE_SERVICES


_WIRE_SERVICES = frozenset({"ap", "reuters", "afp", "bloomberg", "upi", "dpa", "xinhua", "anadolu", "aa", "ians",
                            "pti", "ani", "tass", "efe", "kyodo", "yonhap", "associated press", "agence france-presse"})


def _confidence(level: int) -> Confidence:
    return "high" if level >= 3 else "moderate" if level >= 2 else "low"


def _count(n: int) -> str:
    return ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][n] if n < 10 else str(n)


# Wire services go by their initials in datelines and by their names on their own sites.
_AGENCY_NAMES = {"ap": "associated press", "afp": "agence france", "aa": "anadolu", "upi": "united press",
                 "dpa": "deutsche presse", "pti": "press trust of india", "ians": "indo-asian news"}


def _same_organisation(agency: str, outlet: str | None) -> bool:
    if not outlet:
        return False
    outlet, agency = outlet.lower(), agency.lower()
    return agency in outlet or _AGENCY_NAMES.get(agency, "\0") in outlet


# Newspapers are "the Washington Examiner" and "the Philippine Daily Inquirer" in running text; "Premium Times",
# named as it calls itself, reads as well with it
_NEWSPAPER_NOUNS = frozenset({"Times", "Post", "Inquirer", "Examiner", "Journal", "Herald", "Tribune", "Guardian",
                              "Telegraph", "Independent", "Observer", "Standard", "Star", "Gazette", "Express",
                              "Mail", "Chronicle", "Monitor", "Hindu", "Diplomat", "Economist", "Statesman"})


# Research institutes publish their analyses: "by the International Crisis Group", "by CSIS", not "in" them
_INSTITUTE = re.compile(r"\b(Group|Institute|Institution|Council|Cent(er|re)|Foundation|Endowment|Initiative|"
                        r"Forum|Studies|University)\b|^(CSIS|IISS|RUSI|SIPRI|ECFR|ACLED|RAND|Brookings|Carnegie|"
                        r"Chatham House|Stimson|Hudson)")


def outlet_in_prose(outlet: str) -> str:
    """An outlet's name as a sentence carries it: "the Washington Examiner", "Lawfare", "The Diplomat"."""
    if (outlet.split()[-1] in _NEWSPAPER_NOUNS or _INSTITUTE.search(outlet) and len(outlet.split()) > 1) \
            and not outlet.startswith("The "):
        return f"the {outlet}"
    return outlet


def published_in(outlet: str) -> str:
    """ "in the Washington Examiner", "by the International Crisis Group": where a piece appeared."""
    return f"{'by' if _INSTITUTE.search(outlet) else 'in'} {outlet_in_prose(outlet)}"


def _summary(info: ArticleInfo, outlet: str | None, republished: bool) -> str:
    """ "A news report by Tara Copp for Associated Press, published 5 July 2024; single source." """
    what = KIND_NAMES[info.kind]
    parts = [f"{'An' if what[0] in 'aeiou' else 'A'} {what}"]
    if info.author:
        parts.append(f"by {info.author}")
    if outlet:
        parts.append(published_in(outlet))
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
