"""The Brief: the one contract between analysis and presentation (brief.json, schema_version 1).

Field names follow design.md §3 because evaluation tools read them; new fields may be added freely.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = 1

ActorType = Literal["person", "state", "organisation", "armed_group", "international_org", "government_body"]
Rating = Literal["low", "moderate", "high"]
Confidence = Literal["low", "moderate", "high"]
# ICD 203's likelihood words, each a probability band; a judgment uses one of them and never states its
# confidence in the same sentence.
Likelihood = Literal["almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely",
                     "very likely", "almost certain"]
Stance = Literal["supports", "opposes", "hedges"]
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_span(value: str | None) -> tuple[date, date] | None:
    """The first and last day a date of the brief stands for: "2024-05-20" one day, "2024-05" a month, "2024" a
    year (a time after the day is ignored); None when it is no date."""
    match = _ISO_DATE.fullmatch((value or "").split("T")[0])
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day:
            return date(year, month, day), date(year, month, day)
        if month:
            start = date(year, month, 1)
            return start, (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:  # a resolver's slip such as month 13 is no date
        return None


class Sentence(BaseModel):
    id: str
    paragraph: int
    text: str
    themes: list[str] = Field(default_factory=list, description="themes this sentence substantially frames")
    source: int | None = Field(default=None, description="in a brief merged from several articles: its index in "
                                                         "`sources`")


class Removed(BaseModel):
    text: str
    reason: str


Kind = Literal["news", "opinion", "analysis"]


class ArticleInfo(BaseModel):
    title: str
    source: str | None = Field(default=None, description="the outlet's name, never an address")
    published: str | None = None
    path: str
    sha256: str
    word_count: int
    language: str = "en"
    author: str | None = None
    kind: Kind = "news"
    truncated: bool = Field(default=False, description="the text stops mid-sentence")
    url: str | None = None
    agency: str | None = Field(default=None, description="the wire service that filed the story")


class Engine(BaseModel):
    name: str
    version: str
    model: str | None = None
    note: str | None = None


class Judgment(BaseModel):
    text: str
    evidence: list[str] = Field(default_factory=list)


class Actor(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list, description="the article's forms, then other known forms")
    seen_as: list[str] = Field(default_factory=list, description="the forms the article itself uses")
    type: ActorType
    code: str | None = None
    role: str | None = None
    mentions: int = 0
    central: bool = False
    evidence: list[str] = Field(default_factory=list)
    position: str | None = Field(default=None, description="the first sentence saying what the actor wants or does")
    position_evidence: str | None = None
    stance: Stance | None = Field(default=None, description="on the central development, where the article says")
    stance_quote: str | None = Field(default=None, description="the article's words that show the stance")
    stance_evidence: str | None = None


class Theme(BaseModel):
    present: bool
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list)


class Themes(BaseModel):
    sovereignty: Theme
    security: Theme
    power_vacuum: Theme


class Tension(BaseModel):
    balance: float = Field(ge=-1.0, le=1.0, description="-1 security .. +1 sovereignty")
    assessment: str
    evidence: list[str] = Field(default_factory=list)
    sovereignty_evidence: list[str] = Field(default_factory=list)
    security_evidence: list[str] = Field(default_factory=list)


class Indicator(BaseModel):
    id: str
    label: str
    present: bool
    evidence: list[str] = Field(default_factory=list)


class WatchPoint(BaseModel):
    """Something to watch: a dated decision point the article names, or an indicator it supports."""

    text: str
    when: str | None = Field(default=None, description="as the article words it, with the resolved date")
    date: str | None = Field(default=None, description="ISO date or YYYY-MM when resolved")
    evidence: list[str] = Field(default_factory=list)
    origin: Literal["article", "indicator"] = "article"


class Risk(BaseModel):
    rating: Rating
    score: float = 0.0
    explanation: str = ""
    indicators: list[Indicator] = Field(default_factory=list)
    watch: list[str] = Field(default_factory=list, description="the watch-points' texts, in order")
    likelihood: Likelihood = "unlikely"
    judgment: str = Field(default="", description="the vacuum judgment in one sentence, naming the actors")
    judgment_evidence: list[str] = Field(default_factory=list)
    watch_points: list[WatchPoint] = Field(default_factory=list)


class Sourcing(BaseModel):
    """Where the brief's information comes from and how far it can be trusted (page 1 of the brief)."""

    outlet: str | None = None
    kind: Literal["news", "opinion", "analysis"] = "news"
    author: str | None = None
    published: str | None = None
    agency: str | None = Field(default=None, description="the wire service whose copy this is")
    republished: bool = Field(default=False, description="wire copy or another outlet's story on this site")
    single_source: bool = True
    truncated: bool = False
    confidence: Confidence = "low"
    reasons: list[str] = Field(default_factory=list, description="why the confidence is what it is")
    summary: str = Field(default="", description="one sentence: outlet, kind, author, date and caveats")
    outlets: list[str] = Field(default_factory=list, description="a merged brief's independent outlets")


class Figure(BaseModel):
    value: float
    unit: str | None = None
    what: str
    text: str = ""
    evidence: str


class TimelineEntry(BaseModel):
    when: str
    what: str
    date: str | None = Field(default=None, description="ISO date or YYYY-MM when it could be resolved")
    evidence: str


class Source(BaseModel):
    """One article of a brief merged from several."""

    title: str
    outlet: str | None = None
    published: str | None = None
    kind: Kind = "news"
    author: str | None = None
    agency: str | None = None
    path: str
    sha256: str
    copy_of: int | None = Field(default=None, description="the source whose wire story this one republishes: "
                                                          "counted once, its sentences not repeated")


class Agreement(BaseModel):
    """A claim two or more independent sources both make."""

    claim: str
    sources: list[int]
    evidence: list[str] = Field(default_factory=list, description="one sentence per source")


class Disagreement(BaseModel):
    """Where independent sources differ on the same thing."""

    what: str
    kind: Literal["figure", "date", "stance"]
    values: dict[int, str] = Field(description="source index -> its value, as written")
    evidence: list[str] = Field(default_factory=list)


class Corroboration(BaseModel):
    independent: int = Field(description="independent sources: wire copies of one story count once")
    agreements: list[Agreement] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)


class Unsupported(BaseModel):
    """A claim an engine made that the article does not support (kept out of the brief, listed for audit)."""

    text: str
    quotes: list[str] = Field(default_factory=list)
    reason: str


class Situation(BaseModel):
    """The situation a brief is about: briefs on one situation share the key."""

    key: str = Field(description="stable across briefs: the ISO3 code of the situation's state, lower case")
    label: str
    countries: list[str] = Field(default_factory=list, description="ISO3 codes of the states involved")


class EarlierBrief(BaseModel):
    """The brief a later one is compared with."""

    title: str
    folder: str = Field(description="its folder, relative to the folder of briefs compared with")
    published: str


class ActorChange(BaseModel):
    name: str
    type: ActorType
    central: bool = Field(default=False, description="central in the brief that names it")
    evidence: list[str] = Field(default_factory=list, description="this brief's sentences naming it (none for an "
                                                                  "actor no longer mentioned)")


class IndicatorChange(BaseModel):
    id: str
    label: str
    present: bool = Field(description="seen in this article; the earlier brief saw the opposite")
    evidence: list[str] = Field(default_factory=list)


class RiskChange(BaseModel):
    before: Rating
    after: Rating
    indicators: list[IndicatorChange] = Field(default_factory=list, description="the indicators that changed")


class DatedChange(BaseModel):
    """A dated event or deadline this brief has and the earlier one did not."""

    when: str
    date: str = Field(description="ISO date or YYYY-MM")
    what: str
    evidence: list[str] = Field(default_factory=list)


class Changes(BaseModel):
    """What changed since the last brief on the same situation: the latest one published before this one."""

    since: EarlierBrief
    new_actors: list[ActorChange] = Field(default_factory=list)
    dropped_actors: list[ActorChange] = Field(default_factory=list, description="named there, not in this article")
    risk: RiskChange
    events: list[DatedChange] = Field(default_factory=list, description="dated after the earlier brief's date")
    deadlines: list[DatedChange] = Field(default_factory=list, description="dated decision points it did not have")


class Brief(BaseModel):
    schema_version: int = SCHEMA_VERSION
    article: ArticleInfo
    engine: Engine
    bluf: str
    key_judgments: list[Judgment] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    themes: Themes
    tension: Tension
    risk: Risk
    figures: list[Figure] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    situation: Situation | None = None
    sourcing: Sourcing = Field(default_factory=Sourcing)
    development: str | None = Field(default=None, description="the central development, in the article's words")
    development_evidence: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="plain statements about the brief itself")
    unsupported: list[Unsupported] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list, description="the articles of a merged brief (else empty)")
    corroboration: Corroboration | None = None
    changes: Changes | None = Field(default=None, description="since the last brief on the situation, if any")

    def sentence(self, sid: str) -> Sentence | None:
        return next((s for s in self.sentences if s.id == sid), None)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)
