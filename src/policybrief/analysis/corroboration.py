"""Corroboration across the articles of a merged brief: which claims independent sources share, where they
differ (a figure, a date, a stance on the same thing), and which articles are copies of one wire story.

Each source is first analysed on its own, so a figure or a date is read in its own article's terms ("on
Monday" against its own publication date) before sources are compared.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from itertools import combinations

from ..brief import Agreement, Brief, Corroboration, Disagreement, Figure, TimelineEntry
from ..furniture import strip_dateline
from .facts import ORDINAL, WORD_NUMBERS, clause_at

# Two sentences make the same claim when most of their content words are the same; wire copies of one story
# share most of their five-word runs.
_SAME_CLAIM = 0.35
_SAME_TOPIC = 0.12
_COPY = 0.3
_SAME_SENTENCE = 0.6  # of a copy's sentence's words in one of the original's: a rewording or a cut
_REWORDED = 0.05
_MAX_AGREEMENTS = 8
Ids = dict[tuple[int, str], str]  # (source, its sentence id) -> the merged brief's sentence id
Pairs = list[tuple[int, int]]  # the sources to compare, two by two
Reading = tuple[str, int, bool]  # as written, as a number (a month, a year), whether written as a period
_STOP_WORDS = """a an the and or but of to in on at by for with from as is are was were be been has have had it its
this that these those their his her they he she we you i not no said says say told will would could may might
also after before over under into than then there which who whom whose what when where while about more most
some such only other another any all both each one two three since per de la"""
_STOP = frozenset(_STOP_WORDS.split())


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9'’-]+", text.lower()) if w not in _STOP and len(w) > 2}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def wire_copies(texts: list[str]) -> dict[int, int]:
    """Articles that reprint another's text (wire copy on several sites, whole or cut, or lightly reworded):
    index -> the fuller copy's index. A reworded copy keeps some runs of five words and most of the words."""
    shingles = [_shingles(t) for t in texts]
    words = [content_words(t) for t in texts]
    copies: dict[int, int] = {}
    order = sorted(range(len(texts)), key=lambda i: -len(shingles[i]))  # the fullest copy is the original
    for n, i in enumerate(order):
        if i in copies:
            continue
        for j in order[n + 1:]:
            shared = len(shingles[i] & shingles[j]) / max(1, len(shingles[j]))  # j reprints (part of) i
            if j not in copies and (shared >= _COPY or shared >= _REWORDED and _jaccard(words[i], words[j]) >= 0.25):
                copies[j] = i
    return copies


def added_sentences(copy: list, original: list) -> set[str]:
    """The ids of a copy's sentences that its original does not have: not even within a longer sentence, or in
    other words close to it."""
    theirs = [content_words(s.text) for s in original]
    return {s.id for s in copy if len(words := content_words(s.text)) >= 4
            and all(len(words & w) / len(words) < _SAME_SENTENCE for w in theirs)}


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[k:k + 5]) for k in range(len(words) - 4)}


def corroborate(briefs: dict[int, Brief], ids: Ids, copies: dict[int, int] | None = None) -> Corroboration:
    """`briefs`: each source's own brief by source index (a copy's cut to what it adds to its original); `ids`
    maps (source, its sentence id) to the merged brief's sentence id; `copies`: copy -> original, never
    compared with each other."""
    copies = copies or {}
    pairs = [(i, j) for i, j in combinations(sorted(briefs), 2) if copies.get(i, i) != copies.get(j, j)]
    disagreements = _joined([*_figures(briefs, ids, pairs), *_dates(briefs, ids, pairs), *_terms(briefs, ids, pairs),
                             *_events(briefs, ids, pairs), *_stances(briefs, ids, pairs),
                             *_durations(briefs, ids, pairs)])
    disagreements.sort(key=lambda d: -len(d.values))  # what most sources dispute first: page 1 shows two
    disputed = {frozenset(d.evidence) for d in disagreements}  # "more than 1,000" and "nearly 1,000" do not agree
    agreements = [a for a in _agreements(briefs, ids, pairs) if frozenset(a.evidence[:2]) not in disputed]
    stories = {copies.get(i, i) for i in briefs}
    return Corroboration(independent=len(stories), agreements=agreements, disagreements=disagreements)


def _joined(disagreements: list[Disagreement]) -> list[Disagreement]:
    """One disagreement per thing disputed: "31 January" (RFI) against "31 December" (one outlet) and the same
    "31 December" against "January 31" (a third) become one row with the three values."""
    out: list[Disagreement] = []
    for d in disagreements:
        same = next((o for o in out if o.kind == d.kind and set(o.evidence) & set(d.evidence)
                     and _disputed(o) == _disputed(d)), None)
        if same is None:
            out.append(d.model_copy(deep=True))
            continue
        for source, value in d.values.items():
            same.values.setdefault(source, value)
        same.evidence += [e for e in d.evidence if e not in same.evidence]
    return out


def _disputed(d: Disagreement) -> str:
    """What a disagreement is about, to join only rows on one thing: the thing counted, the event or term
    dated ("the date of the receipt"), or a deadline (whose `what` is the sentence that sets it)."""
    if d.kind == "figure":
        return " ".join(_counted(d.what)[-1:])
    return d.what if d.what.startswith("the ") else "deadline"


def _agreements(briefs: dict[int, Brief], ids: Ids, pairs: Pairs) -> list[Agreement]:
    """A claim is corroborated when a sentence of another independent source names a same actor and either says
    much the same in the same words, or pins the same fact: the same day ("Sept. 15", "September 15") or the
    same amount ("$100m", "$100 million"). A claim several sources share is listed once, with all of them."""
    found: list[tuple[float, Agreement, set[str]]] = []
    facts = {i: _facts(b) for i, b in briefs.items()}
    # Each sentence's words and actors, once: every pair of sentences across sources is compared.
    words = {i: {s.id: content_words(s.text) for s in b.sentences} for i, b in briefs.items()}
    named = {i: {s.id: _named(s.text, b) for s in b.sentences} for i, b in briefs.items()}
    for i, j in pairs:
        for a in briefs[i].sentences:
            wa = words[i][a.id]
            if len(wa) < 5 or not named[i][a.id]:
                continue
            scored = []
            for b in briefs[j].sentences:
                if not named[i][a.id] & named[j][b.id]:
                    continue
                same_words = _jaccard(wa, words[j][b.id])
                pinned = bool(facts[i].get(a.id, set()) & facts[j].get(b.id, set()))
                if same_words >= _SAME_CLAIM or pinned:
                    scored.append((same_words + pinned, b))
            if not scored:
                continue
            score, b = max(scored, key=lambda t: t[0])
            pair = {ids[(i, a.id)], ids[(j, b.id)]}
            known = next((f for f in found if f[2] & pair), None)
            if known is not None:
                for source, sid in ((i, ids[(i, a.id)]), (j, ids[(j, b.id)])):
                    if source not in known[1].sources:
                        known[1].sources.append(source)
                        known[1].evidence.append(sid)
                    known[2].add(sid)
                continue
            claim = strip_dateline(min(a.text, b.text, key=len))
            found.append((score, Agreement(claim=claim, sources=[i, j], evidence=[ids[(i, a.id)], ids[(j, b.id)]]),
                          pair))
    found.sort(key=lambda f: (-len(f[1].sources), -f[0]))
    return [f[1] for f in found[:_MAX_AGREEMENTS]]


def _facts(brief: Brief) -> dict[str, set[str]]:
    """Each sentence's precise facts: days it dates and amounts it states (not small counts, which recur)."""
    out: dict[str, set[str]] = {}
    for t in brief.timeline:
        if t.date and len(t.date) == 10:
            out.setdefault(t.evidence, set()).add(t.date)
    for f in brief.figures:
        if f.value >= 50:
            out.setdefault(f.evidence, set()).add(f"{f.value:g} {f.unit or ''}")
    return out


def _named(text: str, brief: Brief) -> set[str]:
    return {actor.name for actor in brief.actors if any(form in text for form in [actor.name, *actor.seen_as])}


def _figures(briefs: dict[int, Brief], ids: Ids, pairs: Pairs) -> list[Disagreement]:
    """The same thing counted (the same count words, in sentences about the same actors and claim) given as
    different numbers: "up to 12,626 uniformed personnel" against "11,000 troops". A hedge does not reconcile
    them: an analyst wants to see both. Of the other source's counts of the thing, the nearest is its
    counterpart: "11,000 troops" for the whole force, not the "5,000 troops" one country sends."""
    out: list[Disagreement] = []
    counts = {i: [*b.figures, *_vague_counts(b)] for i, b in briefs.items()}
    for i, j in pairs:
        for fa in counts[i]:
            sa = briefs[i].sentence(fa.evidence)
            counterparts = [fb for fb in counts[j] if sa and _same_count(fa, sa, briefs[i], fb, briefs[j])]
            if not counterparts:
                continue
            fb = min(counterparts, key=lambda f: abs(math.log((f.value + 1) / (fa.value + 1))))
            sb = briefs[j].sentence(fb.evidence)
            ra, rb = _range(fa, sa.text), _range(fb, sb.text)
            if abs(fa.value - fb.value) <= 0.02 * max(fa.value, fb.value) and ra[0] < rb[1] and rb[0] < ra[1]:
                continue  # the same number, hedged compatibly ("about 1,000" and "1,000")
            if any(set(d.evidence) == {ids[(i, fa.evidence)], ids[(j, fb.evidence)]}
                   and _counted(d.what)[-1] == _counted(fa.what)[-1] for d in out):
                continue  # found from the other side already
            out.append(Disagreement(what=fa.what, kind="figure",
                                    values={i: _as_written(fa, sa.text), j: _as_written(fb, sb.text)},
                                    evidence=[ids[(i, fa.evidence)], ids[(j, fb.evidence)]]))
    return out


# "thousands of soldiers" is no key figure, but it disputes "1,000 soldiers": the amounts each word allows.
_VAGUE = {"dozens": (24, 100), "scores": (40, 100), "hundreds": (200, 1000), "thousands": (2000, 10000),
          "tens of thousands": (20000, 100000), "hundreds of thousands": (200000, 1000000),
          "millions": (2000000, 10000000)}
_VAGUE_COUNT = re.compile(r"\b(?P<amount>(?:tens of |hundreds of )?thousands|dozens|scores|hundreds|millions) of "
                          r"(?P<what>[A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,2})")


def _vague_counts(brief: Brief) -> list[Figure]:
    out = []
    for s in brief.sentences:
        for m in _VAGUE_COUNT.finditer(s.text):
            words = m["what"].split()
            kept = words[:next((n for n, w in enumerate(words) if w.lower() in _STOP), len(words))]
            if kept:
                out.append(Figure(value=_VAGUE[m["amount"].lower()][0], what=" ".join(kept), text=m["amount"],
                                  evidence=s.id))
    return out


def _same_count(fa: Figure, sa, brief_a: Brief, fb: Figure, brief_b: Brief) -> bool:
    """Whether two figures count the same thing: the same unit and counted noun, neither an addition nor a
    part, in sentences about a same actor, and worded alike or in sentences sharing their content words."""
    sb = brief_b.sentence(fb.evidence)
    ca, cb = _counted(fa.what), _counted(fb.what)
    if sb is None or _unit(fa) != _unit(fb) or not ca or not cb or ca[-1] != cb[-1]:
        return False
    if _increment(fa, ca, sa.text) != _increment(fb, cb, sb.text):
        return False  # "217 more police officers", "those final 100 troops" are not the 2,500 planned
    if _part(fa, sa.text) or _part(fb, sb.text) or not _about_whom(sa, brief_a) & _about_whom(sb, brief_b):
        return False
    if _casualties(fa, sa.text) != _casualties(fb, sb.text):
        return False  # "50 Wagner fighters were killed" does not count the force
    if _window(fa, sa.text) or _window(fb, sb.text):
        return False  # "nine coups in the past three years" counts coups; the years are when, not how long
    return ca == cb or _about_the_same(sa.text, sb.text, brief_a, brief_b)


def _window(figure: Figure, sentence: str) -> bool:
    at = _at(figure, sentence)
    return at > 0 and bool(re.search(r"\b(in|over|during|within) the (past|last|previous|coming|next)\s+$",
                                     sentence[:at], re.I))


_NOT_A_STATE = {"IGO", "NGO", "NGM", "MNC", "UIS"}  # CAMEO's first three letters for actors of no one state


def _about_whom(sentence, brief: Brief) -> set[str]:
    """The actors a sentence is about: those it names, or else those of the sentence before it ("The mission
    comprised 1,960 troops" follows the sentence that names the mission) and the article's central ones ("the
    new Mission will comprise 11,000 troops" in an article about AUSSOM)."""
    named = _named(sentence.text, brief)
    if not named:
        at = next((n for n, s in enumerate(brief.sentences) if s.id == sentence.id), 0)
        named = (_named(brief.sentences[at - 1].text, brief) if at > 0 else set()) | \
            {a.name for a in brief.actors if a.central}
    # A state's bodies speak for it: "Paris" and "a French military source" are both France (CAMEO FRA...).
    return named | {a.code[:3] for a in brief.actors
                    if a.name in named and a.code and a.code[:3] not in _NOT_A_STATE}


def _increment(figure: Figure, counted: list[str], sentence: str) -> set[str]:
    """The words that make a count a part or an addition: in what it counts ("217 more police"), or just before
    the number ("those final 100 troops"), where "more" is the qualifier of "more than 1,000"."""
    at = _at(figure, sentence)
    before = sentence[:at].split()[-1:] if at > 0 else []
    return _INCREMENT.intersection([*counted, *(w.lower() for w in before if w.lower() != "than")])


def _casualties(figure: Figure, sentence: str) -> bool:
    """A count of the dead, wounded or captured, not of a force: "killed" closely before or after it."""
    at = _at(figure, sentence)
    return at >= 0 and bool(re.search(r"\b(kill(ed|ing)|dead|died|wounded|injured|captured|missing|casualties)\b",
                                      sentence[max(0, at - 60):at + 80]))


def _part(figure: Figure, sentence: str) -> bool:
    """A count given as part of a larger one ("12,626 uniformed personnel, including 1,040 police")."""
    at = _at(figure, sentence)
    return at > 0 and bool(re.search(r"\b(including|of whom|of them|among them)\s+$", sentence[:at]))


def _about_the_same(a: str, b: str, brief_a: Brief, brief_b: Brief) -> bool:
    """Two sentences on one claim: they share content words and name a same actor."""
    return _jaccard(content_words(a), content_words(b)) >= _SAME_TOPIC and bool(_named(a, brief_a) & _named(b, brief_b))


def _unit(figure: Figure) -> str | None:
    return None if figure.unit in ("strong", "member") else figure.unit  # "a 2,000-strong contingent" counts men


# Words for one thing counted: troops are soldiers, personnel, police officers or a contingent; the rest of a
# figure's words ("US", "uniformed", "armed") say whose or which, not what.
_SAME_COUNT = {"soldiers": "troops", "personnel": "troops", "forces": "troops", "servicemembers": "troops",
               "peacekeepers": "troops", "officers": "troops", "police": "troops", "contingent": "troops",
               "men": "troops", "fighters": "troops", "mercenaries": "troops", "guards": "troops",
               "deaths": "killed", "dead": "killed"}
_WHOSE = {"us", "u.s", "american", "military", "foreign", "the", "its", "their", "of", "uniformed", "armed",
          "peacekeeping"}
_INCREMENT = {"more", "additional", "extra", "remaining", "new", "last", "first", "final", "initial", "further",
              "another"}
_QUALIFIER = re.compile(r"\b(more than|over|at least|upwards of|nearly|almost|fewer than|less than|under|up to|"
                        r"about|around|some|roughly|approximately)\s*$", re.I)


def _counted(what: str) -> list[str]:
    """What a figure counts, in a normal form: "uniformed personnel" and "troops" are both troops, "remaining
    troops" are not all of them."""
    # Names say whose, not what: "Indian military personnel", "Russian Wagner fighters" are troops.
    words = [w.strip(".,–-…").lower() for w in what.split() if not w[:1].isupper()]
    # Once each: "police officers" count troops once, as "troops" do.
    counted = list(dict.fromkeys(_SAME_COUNT.get(w, w) for w in words if w and w not in _WHOSE and not w.isdigit()))
    # Troops end the phrase: "89 Indian soldiers responsible for ...", "26 soldiers left Gan".
    return counted[:counted.index("troops") + 1] if "troops" in counted else counted


def _at(figure: Figure, sentence: str) -> int:
    """Where a figure stands in its sentence, as written; -1 when it is not written there."""
    return sentence.find(figure.text) if figure.text else -1


def _qualifier(figure: Figure, sentence: str) -> str:
    at = _at(figure, sentence)
    m = _QUALIFIER.search(sentence[:at]) if at > 0 else None
    return m[1].lower() if m else ""


def _range(figure: Figure, sentence: str) -> tuple[float, float]:
    """The values a stated figure allows: "more than 1,000" is above it, "nearly 1,000" just below."""
    if figure.text.lower() in _VAGUE:
        return _VAGUE[figure.text.lower()]
    v, q = figure.value, _qualifier(figure, sentence)
    if q in ("more than", "over", "at least", "upwards of"):
        return (v, float("inf"))
    if q in ("nearly", "almost", "fewer than", "less than", "under", "up to"):
        return (0.0, v)
    if q in ("about", "around", "some", "roughly", "approximately"):
        return (0.9 * v, 1.1 * v)
    return (v - 1e-9, v + 1e-9)


def _as_written(figure: Figure, sentence: str) -> str:
    q = _qualifier(figure, sentence)
    return f"{q} {figure.text}".strip() if figure.text else _num(figure.value)


def _dates(briefs: dict[int, Brief], ids: Ids, pairs: Pairs) -> list[Disagreement]:
    """Two sentences on one deadline or event, each with one date, the dates different: "asked to leave Chad
    by 31 January" against "demanding the total withdrawal ... by 31 December"."""
    out: list[Disagreement] = []
    for i, j in pairs:
        dated_a, dated_b = _one_date_each(briefs[i]), _one_date_each(briefs[j])
        for sid_a, ta in dated_a.items():
            for sid_b, tb in dated_b.items():
                if _same_day(ta, tb):
                    continue
                sa, sb = briefs[i].sentence(sid_a), briefs[j].sentence(sid_b)
                if sa is None or sb is None:
                    continue
                role = _role_of_date(ta, sa.text)
                if role is None or role != _role_of_date(tb, sb.text):
                    continue
                # One deadline: the same claim, or a departure by the same two actors in other words.
                departure = bool(_DEPARTURE.search(sa.text) and _DEPARTURE.search(sb.text)) and \
                    len(_named(sa.text, briefs[i]) & _named(sb.text, briefs[j])) >= 2
                if not (departure or _about_the_same(sa.text, sb.text, briefs[i], briefs[j])):
                    continue
                if _phase(sa.text) != _phase(sb.text):
                    continue  # "the remaining personnel will depart by May 10" is a later step, not the same one
                out.append(Disagreement(what=strip_dateline(min(sa.text, sb.text, key=len)), kind="date",
                                        values={i: _written(ta), j: _written(tb)},
                                        evidence=[ids[(i, sid_a)], ids[(j, sid_b)]]))
    return out


# A deadline both sources give: "leave by 31 January", "until 30 June 2025", "a Sept. 15 deadline".
_DEADLINE_BEFORE = re.compile(r"\b(by|until|till|before|no later than|deadline of|deadline is)\s*$", re.I)


_DEPARTURE = re.compile(r"\b(leav\w*|withdr\w*|pull\w* out|pullout|depart\w*|exit\w*|evacuat\w*)\b", re.I)


def _phase(sentence: str) -> set[str]:
    """The words that make a count or a date one phase of several ("217 more", "the final batch"); not a date
    ("last month") nor a name ("New Delhi") that happens to use them."""
    sentence = re.sub(r"\b(last|next|this) (week|month|year)\b", "", sentence, flags=re.I)
    words = re.findall(r"\w+", sentence)
    return _INCREMENT.intersection(w.lower() if k == 0 else w for k, w in enumerate(words))


# The day a change takes effect: "from January 1, 2025, the checkpoint ...", "as of December 30, Armenian
# border guards bear sole responsibility".
_START_BEFORE = re.compile(r"\b(from|as of|starting|effective|beginning)\s*$", re.I)


def _role_of_date(entry: TimelineEntry, sentence: str) -> str | None:
    """Whether a date is a deadline or the day a change takes effect; None for any other date."""
    written = _written(entry)
    at = sentence.find(written)
    if at < 0:
        return None
    if _DEADLINE_BEFORE.search(sentence[:at]) or re.match(r"\s*deadline\b", sentence[at + len(written):]):
        return "deadline"
    return "start" if _START_BEFORE.search(sentence[:at]) else None


def _deadline(entry: TimelineEntry, sentence: str) -> bool:
    return _role_of_date(entry, sentence) == "deadline"


# A mandate's term, given as a period ("authorises ... for 12 months") or an end ("... until 30 June 2025").
_TERM = re.compile(r"\b(authori[sz]\w*|mandate\w*|extend\w*|extension|renew\w*)\b", re.I)
_PERIOD = re.compile(rf"\bfor (?:a further |another |an? )?(?P<n>\d+|{'|'.join(WORD_NUMBERS)}) "
                     r"(?:more |further )?(?P<unit>months?|years?)\b", re.I)


def _terms(briefs: dict[int, Brief], ids: Ids, pairs: Pairs) -> list[Disagreement]:
    """One mandate given different ends: "for 12 months" from a December 2024 article ends in December 2025,
    not "until 30 June 2025". A period is counted from its own article's date; two ends written as dates are
    `_dates`' to compare."""
    # (a month apart is the same end, counted from different days)
    return _set_against(briefs, ids, pairs, {i: _term_ends(b) for i, b in briefs.items()},
                        lambda a, b: (a[2] or b[2]) and abs(a[1] - b[1]) >= 2, "the term of the mandate", "date")


def _set_against(briefs: dict[int, Brief], ids: Ids, pairs: Pairs, readings: dict[int, dict[str, Reading]],
                 apart: Callable[[Reading, Reading], bool], what: str, kind: str, *, same_place: bool = False
                 ) -> list[Disagreement]:
    """Every two sources' readings that `apart` says cannot both be right, in sentences about a same actor (and
    with `same_place`, naming a same place)."""
    out: list[Disagreement] = []
    for i, j in pairs:
        for sid_a, a in readings[i].items():
            for sid_b, b in readings[j].items():
                if not apart(a, b):
                    continue
                sa, sb = briefs[i].sentence(sid_a), briefs[j].sentence(sid_b)
                if not _about_whom(sa, briefs[i]) & _about_whom(sb, briefs[j]) \
                        or same_place and not _places(sa.text) & _places(sb.text):
                    continue
                out.append(Disagreement(what=what, kind=kind, values={i: a[0], j: b[0]},
                                        evidence=[ids[(i, sid_a)], ids[(j, sid_b)]]))
    return out


def _term_ends(brief: Brief) -> dict[str, Reading]:
    """Sentence id -> (the term as written, the month it ends as year * 12 + month, whether it is a period)."""
    published = date.fromisoformat(brief.article.published[:10]) if brief.article.published else None
    out: dict[str, Reading] = {}
    for s in brief.sentences:
        if not _TERM.search(s.text):
            continue
        m = _PERIOD.search(s.text)
        if m and published:
            n = int(WORD_NUMBERS.get(m["n"].lower(), m["n"]) if not m["n"].isdigit() else m["n"])
            months = n * (12 if m["unit"].lower().startswith("year") else 1)
            out[s.id] = (m.group(0), published.year * 12 + published.month - 1 + months, True)
            continue
        for t in brief.timeline:
            if t.evidence == s.id and t.date and len(t.date) >= 7 and _deadline(t, s.text):
                at = s.text.find(_written(t))
                word = _DEADLINE_BEFORE.search(s.text[:at])
                written = f"{word[1]} {_written(t)}" if word else _written(t)
                out[s.id] = (written, int(t.date[:4]) * 12 + int(t.date[5:7]) - 1, False)
                break
    return out


def _durations(briefs: dict[int, Brief], ids: Ids, pairs: Pairs) -> list[Disagreement]:
    """How long a presence has lasted, written as a period in one source and as the year it began in another:
    "after patrolling for 30 years" in a 2024 article began about 1994, not "since 1991". Three years apart at
    least, on the same place and actors: a round number of years is a round number."""
    # (two years of beginning are the dates' to compare, two periods the figures')
    return _set_against(briefs, ids, pairs, {i: _beginnings(b) for i, b in briefs.items()},
                        lambda a, b: a[2] != b[2] and abs(a[1] - b[1]) >= 3, "years the force had been there",
                        "figure", same_place=True)


def _beginnings(brief: Brief) -> dict[str, Reading]:
    """Sentence id -> (the duration as written, the year it began, whether it was written as a period). A period
    is counted back from its article's year, or from the latest year an undated article gives (wire copy
    reprinted without its date still says "from January 1, 2025"); a hedged one ("for more than 30 years")
    tells no year."""
    now = int(brief.article.published[:4]) if brief.article.published else \
        max((int(t.date[:4]) for t in brief.timeline if t.date), default=None)
    out: dict[str, Reading] = {}
    for s in brief.sentences:
        if not _PRESENCE.search(s.text):
            continue
        if (m := _LASTED.search(s.text)) and now and not _QUALIFIER.search(s.text[:m.start("n")]):
            n = int(m["n"]) if m["n"].isdigit() else int(WORD_NUMBERS.get(m["n"].lower(), 0))
            if n:
                out[s.id] = (f"{m['n']} years", now - n, True)
        elif m := _SINCE_YEAR.search(s.text):
            out[s.id] = (m.group(0), int(m["year"]), False)
    return out


def _places(text: str) -> set[str]:
    """The capitalised words of a sentence that are no sentence's first: the places and posts it is about."""
    return set(re.findall(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b", text))


# A force's presence somewhere: "patrolling for 30 years", "had been stationed at Agarak since 1991"
_PRESENCE = re.compile(r"\b(patroll\w*|station\w*|deploy\w*|present|presence|guard\w*|posted|based|manned|"
                       r"garrison\w*)\b", re.I)
_LASTED = re.compile(rf"\bfor (?:the (?:past|last) )?(?P<n>\d+|{'|'.join(WORD_NUMBERS)}) years\b", re.I)
_SINCE_YEAR = re.compile(r"\bsince (?P<year>(?:19|20)\d\d)\b")


# Events one date pins down: a demand received, troops sent or deployed, an arrival, a signature.
# Agreeing is an event ("had agreed", "the agreement reached in February"); "the military agreement" is a text.
_EVENT = re.compile(r"\b(receiv|sen[dt]|deploy|arriv|sign|agree(?=(d|s|ing)?\b|ment (was |had been )?reached\b))\w*",
                    re.I)
_EVENT_NOUN = {"receiv": "the receipt", "send": "the dispatch", "deploy": "the deployment", "arriv": "the arrival",
               "sign": "the signing", "agree": "the agreement"}
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def _events(briefs: dict[int, Brief], ids: Ids, pairs: Pairs) -> list[Disagreement]:
    """One event dated differently: "The request, received late Thursday" against "on Friday, Paris received a
    communiqué"; "began sending troops to Haiti in June" against "the 400 sent to Haiti in May 2024". Dates
    are compared as written (weekday with weekday, month with month): a year resolved against a missing page
    date is no evidence. An addition ("217 more") is another event."""
    dated = {i: _event_dates(b) for i, b in briefs.items()}
    out: list[Disagreement] = []
    for i, j in pairs:
        for sid_a, (verb_a, key_a, written_a) in dated[i].items():
            for sid_b, (verb_b, key_b, written_b) in dated[j].items():
                if verb_a != verb_b or not _apart(key_a, key_b):
                    continue
                sa, sb = briefs[i].sentence(sid_a), briefs[j].sentence(sid_b)
                if _about_whom(sa, briefs[i]) & _about_whom(sb, briefs[j]):
                    out.append(Disagreement(what=f"the date of {_EVENT_NOUN[verb_a]}", kind="date",
                                            values={i: written_a, j: written_b},
                                            evidence=[ids[(i, sid_a)], ids[(j, sid_b)]]))
    return out


def _event_dates(brief: Brief) -> dict[str, tuple[str, tuple[str, str], str]]:
    """Sentence id -> (its event verb, the date's kind and name, the date as written), for the sentences with
    one clause that dates one event with one date that is no deadline and no day a change takes effect ("were
    repatriated by Friday, in line with the agreement reached in February" dates the agreement; "have agreed that
    from January 1, 2025, ..." does not)."""
    by_sentence: dict[str, list[TimelineEntry]] = {}
    for entry in brief.timeline:
        sentence = brief.sentence(entry.evidence)
        if sentence is not None and _role_of_date(entry, sentence.text) is None:
            by_sentence.setdefault(entry.evidence, []).append(entry)
    out = {}
    for sid, entries in by_sentence.items():
        text = brief.sentence(sid).text
        if _phase(text):
            continue
        # One date dates the sentence's event ("Then on Friday, Paris received ..."); of several, each dates the
        # event of its own clause.
        clauses: dict[str, list[TimelineEntry]] = {}
        for entry in entries:
            at = text.find(_written(entry))
            clauses.setdefault(clause_at(text, at) if at >= 0 and len(entries) > 1 else text, []).append(entry)
        dated = []
        for clause, in_clause in clauses.items():
            verbs = {m[1].lower().replace("sent", "send") for m in _EVENT.finditer(clause)}
            if len(in_clause) == 1 and len(verbs) == 1 and (key := _date_key(in_clause[0])):
                dated.append((verbs.pop(), key, _written(in_clause[0])))
        if len(dated) == 1:
            out[sid] = dated[0]
    # "On February 2, a high-level meeting took place in Delhi between India and the Maldives. As per the Maldivian
    # foreign ministry, India has agreed to ...": an agreement with no date of its own was reached at the meeting
    # the sentence before it dates, which is cited for it
    for before, s in zip(brief.sentences, brief.sentences[1:], strict=False):
        entries = by_sentence.get(before.id, [])
        if len(entries) != 1 or s.id in by_sentence or before.id in out or not _MEETING.search(before.text) \
                or _EVENT.search(before.text):
            continue
        if {m[1].lower() for m in _EVENT.finditer(s.text)} == {"agree"} and (key := _date_key(entries[0])):
            out[before.id] = ("agree", key, _written(entries[0]))
    return out


_MEETING = re.compile(r"\b(meeting|talks|summit|met)\b", re.I)


def _apart(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Two dates of one event that cannot both be right, compared as written: a day with a day, a weekday with a
    weekday, a month with a month or with a day's month ("February 2" is in "February", not "last month")."""
    if a[0] == b[0]:
        return a != b
    months = {kind: value.split()[0] for kind, value in (a, b) if kind in ("day", "month")}
    return len(months) == 2 and months["day"] != months["month"]


def _date_key(entry: TimelineEntry) -> tuple[str, str] | None:
    """A date by the names it is written with; "last month" by the month it resolved to, since only a page date
    the article or its wire twin printed resolves it."""
    written = _written(entry)
    if m := _WEEKDAY.search(written):
        return "weekday", m[1]
    if day := _month_day(written):
        return "day", " ".join(day)
    if m := _MONTH.search(written):
        return "month", m[1]
    if re.fullmatch(r"(last|this|next) month", written, re.I) and entry.date and len(entry.date) == 7:
        return "month", date(2000, int(entry.date[5:]), 1).strftime("%b")
    return None


def _written(entry: TimelineEntry) -> str:
    return entry.when.split(" [")[0].strip()  # as the source wrote it: its resolved year may rest on a bad date


def _same_day(a: TimelineEntry, b: TimelineEntry) -> bool:
    """Compared by month and day as written: a year resolved against a missing or wrong page date is no
    evidence of a disagreement."""
    return _month_day(a.when) == _month_day(b.when)


def _month_day(when: str) -> tuple[str, str] | None:
    m = re.search(rf"(\d{{1,2}}){ORDINAL}\s+([A-Z][a-z]{{2}})[a-z]*"
                  rf"|([A-Z][a-z]{{2}})[a-z]*\.?\s+(\d{{1,2}}){ORDINAL}\b", when)
    return (m[2] or m[3], str(int(m[1] or m[4]))) if m else None


def _one_date_each(brief: Brief) -> dict[str, TimelineEntry]:
    """The sentences that carry exactly one date naming a day."""
    by_sentence: dict[str, list[TimelineEntry]] = {}
    for entry in brief.timeline:
        if _month_day(entry.when):
            by_sentence.setdefault(entry.evidence, []).append(entry)
    return {sid: entries[0] for sid, entries in by_sentence.items() if len(entries) == 1}


def _stances(briefs: dict[int, Brief], ids: Ids, pairs: Pairs) -> list[Disagreement]:
    """One actor shown supporting by one source and opposing by another."""
    out: list[Disagreement] = []
    for i, j in pairs:
        stances_b = {a.name: a for a in briefs[j].actors if a.stance in ("supports", "opposes")}
        for a in briefs[i].actors:
            b = stances_b.get(a.name)
            if b is None or a.stance not in ("supports", "opposes") or a.stance == b.stance:
                continue
            out.append(Disagreement(what=f"{a.name}'s stance", kind="stance",
                                    values={i: f"{a.stance}: {a.stance_quote}", j: f"{b.stance}: {b.stance_quote}"},
                                    evidence=[ids[(i, a.stance_evidence)], ids[(j, b.stance_evidence)]]))
    return [*out, *_verdicts(briefs, ids, pairs)]


# A verdict on whether a force or mission did its job: "have fully accomplished their mission" against "have
# failed to fulfill their mandate". Each source may quote a different side; the analyst needs both.
_JOB = r"(?:their|its|his|her|the) (?:mission|mandate|task|tasks|objectives|goals)"
_DONE = re.compile(rf"\b(?:(?:fully |successfully )?(?:accomplished|fulfill?ed|completed|achieved) {_JOB}|"
                   rf"{_JOB} (?:was|has been) (?:fully )?(?:accomplished|fulfill?ed|achieved))", re.I)
_FAILED = re.compile(rf"\b(?:failed to (?:fulfill?|accomplish|complete|achieve|carry out) {_JOB}|"
                     rf"(?:did not|didn['’]t|never) (?:fulfill?|accomplish|complete|achieve) {_JOB})", re.I)


def _verdicts(briefs: dict[int, Brief], ids: Ids, pairs: Pairs) -> list[Disagreement]:
    found = {i: [(s, m[0], kind, _subject(s.text[:m.start()])) for s in b.sentences
                 for kind, rule in (("done", _DONE), ("failed", _FAILED)) if (m := rule.search(s.text))]
             for i, b in briefs.items()}
    out: list[Disagreement] = []
    for i, j in pairs:
        for sa, said_a, kind_a, subject_a in found[i]:
            for sb, said_b, kind_b, subject_b in found[j]:
                # Judged of the same: "the Russian peacekeepers have ..." and "the peacekeepers have ...".
                if kind_a != kind_b and (subject_a and subject_a == subject_b
                                         or _about_whom(sa, briefs[i]) & _about_whom(sb, briefs[j])):
                    out.append(Disagreement(what="whether the mission was fulfilled", kind="stance",
                                            values={i: said_a, j: said_b},
                                            evidence=[ids[(i, sa.id)], ids[(j, sb.id)]]))
    return out


def _subject(before: str) -> str | None:
    """The head noun just before a verdict's verb, not a pronoun."""
    m = re.search(r"\b([A-Za-z]{3,})\s+(?:have |has |had )?$", before)
    return m[1].lower() if m and m[1].lower() not in ("they", "she", "its", "who", "which", "that") else None


def _num(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
