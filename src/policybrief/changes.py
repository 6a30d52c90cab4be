"""Briefs on one situation: the situation a brief is filed under, and what changed since the last brief on it.

Everything about other briefs is read from their brief.json files, the contract, so briefs built anywhere
(another machine, a Dask cluster, an older run) take part as soon as their folder sits among the others.

Which brief is "the last one": among the briefs on the same situation (situation key), of another article,
the latest published strictly before this one, by publication date and then by build time (the brief.json's
modification time). A brief therefore never compares with a later one, however often either is rebuilt.
Briefs of the same day, or of overlapping dates ("2024-05" and "2024-05-20"), are not compared: which came
first is not known. An undated brief is neither compared nor compared with; its notes say why.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .brief import (
    Actor,
    ActorChange,
    Brief,
    Changes,
    DatedChange,
    EarlierBrief,
    IndicatorChange,
    RiskChange,
    Situation,
    date_span,
)
from .jobs import slugify

BRIEF_JSON = "brief.json"

logger = logging.getLogger(__name__)


def file_under(brief: Brief, situation: str, actors_files: list[str] | tuple = ()) -> None:
    """The analyst's situation replaces the one found: a state by name or ISO3 code (so the brief joins that
    state's briefs, whose keys are its code), or a name of the analyst's own."""
    from .analysis import gazetteer
    from .analysis.tokens import key

    text = situation.strip()
    found = brief.situation.countries if brief.situation else []
    g = gazetteer.load(actors_files)
    wanted = " ".join(key(text)).casefold()
    state = g.state(text.upper()) or next(
        (e for k, e in g.names.items() if e.type == "state" and e.code and " ".join(k).casefold() == wanted), None)
    if state is not None:
        brief.situation = Situation(key=state.code.lower(), label=state.name,
                                    countries=list(dict.fromkeys([state.code, *found])))
    else:
        brief.situation = Situation(key=slugify(text).lower(), label=text, countries=found)


def compare_with_earlier(brief: Brief, folder: Path, *, own: Path | None = None) -> None:
    """Set `brief.changes` from the last brief on its situation in `folder` (None when there is none).
    `own`: the folder this brief is written to, whose older copy is not an earlier brief."""
    brief.changes = None
    if brief.situation is None:
        return
    others = [f for f in briefs_in(folder, skip=own)
              if f.key == brief.situation.key and f.sha256 != brief.article.sha256]
    if not others:
        return
    label = brief.situation.label
    span = date_span(brief.article.published)
    if span is None:
        brief.notes.append(f"Not compared with the {_count(others)} on {label}: the article gives no publication "
                           "date, so which came first is not known.")
        return
    dated = [(f, s) for f in others if (s := date_span(f.published)) is not None]
    earlier = [(f, s) for f, s in dated if s[1] < span[0]]
    if not earlier:
        same_day = [f for f, s in dated if s[0] <= span[1] and span[0] <= s[1]]
        if same_day:
            brief.notes.append(f"Not compared with the {_count(same_day)} on {label} of the same date: which came "
                               "first is not known.")
        return
    last, _ = max(earlier, key=lambda pair: (pair[1], pair[0].built))
    try:
        before = read_brief(last.path)
    except (OSError, ValueError):  # replaced or removed since the folder was read
        return
    brief.changes = changes_between(before, brief, last.path.parent.relative_to(folder).as_posix())


def compared_too_early(folder: Path, built: Path) -> Path | None:
    """For a brief just built into `built` (inside the folder of briefs `folder`): the brief.json it should
    have been compared with but was not, because that brief was built after it (by a parallel worker, or on a
    Dask worker that does not see the folder); None when it compared with the right one."""
    try:
        brief = read_brief(built / BRIEF_JSON)
    except (OSError, ValueError):
        return None
    expected = brief.model_copy(deep=True)
    compare_with_earlier(expected, folder, own=built)
    since = expected.changes.since.folder if expected.changes else None
    if since == (brief.changes.since.folder if brief.changes else None) or since is None:
        return None
    return folder / since / BRIEF_JSON


def changes_between(before: Brief, after: Brief, folder: str) -> Changes:
    """What `after` says that `before` did not, citing `after`'s sentences; `folder` is where `before` lies.
    Both are dated, `before` earlier."""
    since = date_span(before.article.published)
    until = date_span(after.article.published)
    known = {n for a in before.actors for n in _names(a)}
    now = {n for a in after.actors for n in _names(a)}
    was = {i.id: i.present for i in before.risk.indicators}
    events = [e for e in after.timeline if e.date and (s := date_span(e.date)) and since[1] < s[0] <= until[1]]
    deadlines_before = {w.date for w in before.risk.watch_points if w.origin == "article" and w.date}
    deadlines = [w for w in after.risk.watch_points
                 if w.origin == "article" and w.date and date_span(w.date) and w.date not in deadlines_before]
    # "will withdraw by Sept. 15, the two governments said on Sunday": the deadline, not the announcement again.
    deadline_sentences = {sid for w in deadlines for sid in w.evidence}
    events = [e for e in events if e.evidence not in deadline_sentences]
    return Changes(
        since=EarlierBrief(title=before.article.title, folder=folder, published=before.article.published),
        new_actors=[_actor(a, cite=True) for a in _by_weight(after.actors) if not _names(a) & known],
        dropped_actors=[_actor(a, cite=False) for a in _by_weight(before.actors) if not _names(a) & now],
        risk=RiskChange(before=before.risk.rating, after=after.risk.rating, indicators=[
            IndicatorChange(id=i.id, label=i.label, present=i.present, evidence=i.evidence if i.present else [])
            for i in after.risk.indicators if was.get(i.id, False) != i.present]),
        events=_dated((e.when, e.date, e.what, [e.evidence]) for e in events),
        deadlines=_dated((w.when or w.date, w.date, w.text, w.evidence) for w in deadlines),
    )


# The briefs in a folder.


@dataclass(frozen=True)
class Filed:
    """A brief.json among others, as far as choosing the one to compare with needs it."""

    path: Path
    key: str | None
    published: str | None
    sha256: str
    built: int  # the file's modification time (ns): the order of briefs published on one date


def brief_files(folder: Path) -> Iterator[Path]:
    """Every brief.json in a folder of briefs, at any depth (output_dir may nest), except in hidden folders:
    a run's build folders, the folders being replaced, its logs."""
    # os.walk, not rglob: another worker's build folder may vanish mid-walk, and os.walk skips what it cannot
    # read instead of raising; hidden folders are never entered.
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if BRIEF_JSON in names:
            yield Path(root) / BRIEF_JSON


def briefs_in(folder: Path, skip: Path | None = None) -> list[Filed]:
    skip = skip.resolve() if skip else None
    found = []
    for path in brief_files(folder):
        if skip is not None and path.parent.resolve() == skip:
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        filed = _filed(str(path), stat.st_mtime_ns, stat.st_size)
        if filed is not None:
            found.append(filed)
    return found


def read_brief(path: Path) -> Brief:
    """A brief.json; ValueError with a one-line reason for anything this version cannot read as a brief."""
    try:
        return Brief.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise ValueError("not valid JSON") from None
        where = ".".join(str(p) for p in first["loc"]) or "the top level"
        raise ValueError(f"not a policybrief brief ({where}: {first['msg']})") from None


# A folder is read again for every brief built into it; each file is parsed once per version, not once per brief.
@functools.lru_cache(maxsize=4096)
def _filed(path: str, mtime_ns: int, size: int) -> Filed | None:
    try:
        brief = read_brief(Path(path))
    except (OSError, ValueError) as exc:
        logger.info("not compared with %s: %s", path, exc)  # the index warns about it
        return None
    return Filed(Path(path), brief.situation.key if brief.situation else None, brief.article.published,
                 brief.article.sha256, mtime_ns)


def _names(actor: Actor) -> set[str]:
    return {n.casefold() for n in (actor.name, *actor.aliases)}


def _by_weight(actors: list[Actor]) -> list[Actor]:
    return sorted(actors, key=lambda a: (not a.central, -a.mentions))


def _actor(actor: Actor, *, cite: bool) -> ActorChange:
    return ActorChange(name=actor.name, type=actor.type, central=actor.central,
                       evidence=actor.evidence[:1] if cite else [])


def _dated(items) -> list[DatedChange]:
    """In date order, each sentence once: a sentence with two dates ("on Monday and again on Wednesday") is
    one thing to read, under its first date."""
    out: dict[str, DatedChange] = {}
    for when, iso, what, evidence in sorted(items, key=lambda item: date_span(item[1])[0]):
        out.setdefault(" ".join(evidence), DatedChange(when=when, date=iso, what=what, evidence=evidence))
    return list(out.values())


def _count(briefs: list) -> str:
    return "other brief" if len(briefs) == 1 else f"{len(briefs)} other briefs"
