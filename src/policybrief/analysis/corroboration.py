"""Corroboration across the articles of a merged brief: which claims independent sources share, where they
differ (a figure, a date, a stance on the same thing), and which articles are copies of one wire story.

Each source is first analysed on its own, so a figure or a date is read in its own article's terms ("on
Monday" against its own publication date) before sources are compared.
"""

from __future__ import annotations

import re
from itertools import combinations

from ..brief import Agreement, Brief, Corroboration, Disagreement, Figure, TimelineEntry
from ..furniture import strip_dateline

# Two sentences make the same claim when most of their content words are the same; wire copies of one story
# share most of their five-word runs.
_SAME_CLAIM = 0.35
_SAME_TOPIC = 0.12
_COPY = 0.3
_REWORDED = 0.05
_MAX_AGREEMENTS = 8
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


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[k:k + 5]) for k in range(len(words) - 4)}


def corroborate(briefs: dict[int, Brief], ids: dict[tuple[int, str], str]) -> Corroboration:
    """`briefs`: each independent source's own brief by source index; `ids` maps (source, its sentence id) to
    the merged brief's sentence id."""
    disagreements = [*_figures(briefs, ids), *_dates(briefs, ids), *_stances(briefs, ids)]
    disputed = {frozenset(d.evidence) for d in disagreements}  # "more than 1,000" and "nearly 1,000" do not agree
    agreements = [a for a in _agreements(briefs, ids) if frozenset(a.evidence[:2]) not in disputed]
    return Corroboration(independent=len(briefs), agreements=agreements, disagreements=disagreements)


def _agreements(briefs: dict[int, Brief], ids: dict[tuple[int, str], str]) -> list[Agreement]:
    """A claim is corroborated when a sentence of another independent source names a same actor and either says
    much the same in the same words, or pins the same fact: the same day ("Sept. 15", "September 15") or the
    same amount ("$100m", "$100 million"). A claim several sources share is listed once, with all of them."""
    found: list[tuple[float, Agreement, set[str]]] = []
    facts = {i: _facts(b) for i, b in briefs.items()}
    # Each sentence's words and actors, once: every pair of sentences across sources is compared.
    words = {i: {s.id: content_words(s.text) for s in b.sentences} for i, b in briefs.items()}
    named = {i: {s.id: _named(s.text, b) for s in b.sentences} for i, b in briefs.items()}
    for i, j in combinations(sorted(briefs), 2):
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


def _figures(briefs: dict[int, Brief], ids: dict[tuple[int, str], str]) -> list[Disagreement]:
    """The same thing counted (the same count words, in sentences about the same actors and claim) given as
    different numbers: "up to 12,626 uniformed personnel" against "11,000 troops". A hedge does not reconcile
    them: an analyst wants to see both."""
    out: list[Disagreement] = []
    for i, j in combinations(sorted(briefs), 2):
        for fa in briefs[i].figures:
            for fb in briefs[j].figures:
                ca, cb = _counted(fa.what), _counted(fb.what)
                if _unit(fa) != _unit(fb) or not ca or not cb or ca[-1] != cb[-1] \
                        or _INCREMENT.intersection(ca) != _INCREMENT.intersection(cb):
                    continue  # "217 more police officers" are not the 2,500 planned
                sa, sb = briefs[i].sentence(fa.evidence), briefs[j].sentence(fb.evidence)
                if sa is None or sb is None or not _named(sa.text, briefs[i]) & _named(sb.text, briefs[j]):
                    continue
                # Worded alike ("more than 1,000 troops", "nearly 1,000 military personnel"), or in sentences
                # that share their content words
                if ca != cb and not _about_the_same(sa.text, sb.text, briefs[i], briefs[j]):
                    continue
                ra, rb = _range(fa, sa.text), _range(fb, sb.text)
                if abs(fa.value - fb.value) <= 0.02 * max(fa.value, fb.value) and ra[0] < rb[1] and rb[0] < ra[1]:
                    continue  # the same number, or "more than 1,000" against "nearly 1,000"
                if any(set(d.evidence) == {ids[(i, fa.evidence)], ids[(j, fb.evidence)]} for d in out):
                    continue
                out.append(Disagreement(what=fa.what, kind="figure",
                                        values={i: _as_written(fa, sa.text), j: _as_written(fb, sb.text)},
                                        evidence=[ids[(i, fa.evidence)], ids[(j, fb.evidence)]]))
    return out


def _about_the_same(a: str, b: str, brief_a: Brief, brief_b: Brief) -> bool:
    """Two sentences on one claim: they share content words and name a same actor."""
    return _jaccard(content_words(a), content_words(b)) >= _SAME_TOPIC and bool(_named(a, brief_a) & _named(b, brief_b))


def _unit(figure: Figure) -> str | None:
    return None if figure.unit in ("strong", "member") else figure.unit  # "a 2,000-strong contingent" counts men


# Words for one thing counted: troops are soldiers, personnel, police officers or a contingent; the rest of a
# figure's words ("US", "uniformed", "armed") say whose or which, not what.
_SAME_COUNT = {"soldiers": "troops", "personnel": "troops", "forces": "troops", "servicemembers": "troops",
               "peacekeepers": "troops", "officers": "troops", "police": "troops", "contingent": "troops",
               "men": "troops", "deaths": "killed", "dead": "killed"}
_WHOSE = {"us", "u.s", "american", "military", "foreign", "the", "its", "their", "of", "uniformed", "armed",
          "peacekeeping"}
_INCREMENT = {"more", "additional", "extra", "remaining", "new", "last", "first", "further"}
_QUALIFIER = re.compile(r"\b(more than|over|at least|upwards of|nearly|almost|fewer than|less than|under|up to|"
                        r"about|around|some|roughly|approximately)\s*$", re.I)


def _counted(what: str) -> list[str]:
    """What a figure counts, in a normal form: "uniformed personnel" and "troops" are both troops, "remaining
    troops" are not all of them."""
    words = [w.strip(".,–-").lower() for w in what.split()]
    return [_SAME_COUNT.get(w, w) for w in words if w and w not in _WHOSE and not w.isdigit()]


def _qualifier(figure: Figure, sentence: str) -> str:
    at = sentence.find(figure.text) if figure.text else -1
    m = _QUALIFIER.search(sentence[:at]) if at > 0 else None
    return m[1].lower() if m else ""


def _range(figure: Figure, sentence: str) -> tuple[float, float]:
    """The values a stated figure allows: "more than 1,000" is above it, "nearly 1,000" just below."""
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


def _dates(briefs: dict[int, Brief], ids: dict[tuple[int, str], str]) -> list[Disagreement]:
    """Two sentences on one deadline or event, each with one date, the dates different: "asked to leave Chad
    by 31 January" against "demanding the total withdrawal ... by 31 December"."""
    out: list[Disagreement] = []
    for i, j in combinations(sorted(briefs), 2):
        dated_a, dated_b = _one_date_each(briefs[i]), _one_date_each(briefs[j])
        for sid_a, ta in dated_a.items():
            for sid_b, tb in dated_b.items():
                if _same_day(ta, tb):
                    continue
                sa, sb = briefs[i].sentence(sid_a), briefs[j].sentence(sid_b)
                if sa is None or sb is None or not (_deadline(ta, sa.text) and _deadline(tb, sb.text)):
                    continue
                # One deadline: the same claim, or a departure by the same two actors in other words.
                departure = bool(_DEPARTURE.search(sa.text) and _DEPARTURE.search(sb.text)) and \
                    len(_named(sa.text, briefs[i]) & _named(sb.text, briefs[j])) >= 2
                if not (departure or _about_the_same(sa.text, sb.text, briefs[i], briefs[j])):
                    continue
                out.append(Disagreement(what=strip_dateline(min(sa.text, sb.text, key=len)), kind="date",
                                        values={i: _written(ta), j: _written(tb)},
                                        evidence=[ids[(i, sid_a)], ids[(j, sid_b)]]))
    return out


# A deadline both sources give: "leave by 31 January", "until 30 June 2025", "a Sept. 15 deadline".
_DEADLINE_BEFORE = re.compile(r"\b(by|until|till|before|no later than|deadline of|deadline is)\s*$", re.I)


_DEPARTURE = re.compile(r"\b(leav\w*|withdr\w*|pull\w* out|pullout|depart\w*|exit\w*|evacuat\w*)\b", re.I)


def _deadline(entry: TimelineEntry, sentence: str) -> bool:
    written = entry.when.split(" [")[0].strip()
    at = sentence.find(written)
    return at >= 0 and bool(_DEADLINE_BEFORE.search(sentence[:at]) or
                            re.match(r"\s*deadline\b", sentence[at + len(written):]))


def _written(entry: TimelineEntry) -> str:
    return entry.when.split(" [")[0].strip()  # as the source wrote it: its resolved year may rest on a bad date


def _same_day(a: TimelineEntry, b: TimelineEntry) -> bool:
    """Compared by month and day as written: a year resolved against a missing or wrong page date is no
    evidence of a disagreement."""
    return _month_day(a.when) == _month_day(b.when)


def _month_day(when: str) -> tuple[str, str] | None:
    m = re.search(r"(\d{1,2})\s+([A-Z][a-z]{2})[a-z]*|([A-Z][a-z]{2})[a-z]*\.?\s+(\d{1,2})\b", when)
    return (m[2] or m[3], str(int(m[1] or m[4]))) if m else None


def _one_date_each(brief: Brief) -> dict[str, TimelineEntry]:
    """The sentences that carry exactly one date naming a day."""
    by_sentence: dict[str, list[TimelineEntry]] = {}
    for entry in brief.timeline:
        if _month_day(entry.when):
            by_sentence.setdefault(entry.evidence, []).append(entry)
    return {sid: entries[0] for sid, entries in by_sentence.items() if len(entries) == 1}


def _stances(briefs: dict[int, Brief], ids: dict[tuple[int, str], str]) -> list[Disagreement]:
    """One actor shown supporting by one source and opposing by another."""
    out: list[Disagreement] = []
    for i, j in combinations(sorted(briefs), 2):
        stances_b = {a.name: a for a in briefs[j].actors if a.stance in ("supports", "opposes")}
        for a in briefs[i].actors:
            b = stances_b.get(a.name)
            if b is None or a.stance not in ("supports", "opposes") or a.stance == b.stance:
                continue
            out.append(Disagreement(what=f"{a.name}'s stance", kind="stance",
                                    values={i: f"{a.stance}: {a.stance_quote}", j: f"{b.stance}: {b.stance_quote}"},
                                    evidence=[ids[(i, a.stance_evidence)], ids[(j, b.stance_evidence)]]))
    return out


def _num(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
