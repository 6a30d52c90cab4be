"""Section renderers: a Brief in, one displayable HTML section out (one notebook cell per section).

Article text is untrusted. Every value reaches the page through ``Markup.format``/``escape`` and never by
string concatenation, so a hostile title, actor name or sentence shows as text, not as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup

from policybrief.analysis.prose import nested
from policybrief.brief import Actor, Brief, Sourcing, Theme, TimelineEntry, date_span
from policybrief.outputs import inline_styles

# Output metadata key through which sections pass page hints (title, description, caption) to the exporter.
PAGE_METADATA_KEY = "policybrief"
# Attribute on every interactive chart; the HTML exporter inlines the vega bundle only when it sees one.
CHART_ATTR = "data-policybrief-chart"

# Page 1: bottom line and sourcing; page 2: stances and risk; the annex (to the source notes) starts on a page
# of its own.
HEADINGS = {
    "bottom-line": "Bottom line up front",
    "sourcing": "Sourcing and confidence",
    "stance": "Who stands where",
    "risk": "Power-vacuum risk",
    "annex": "Annex",
    "sources": "Source notes",
}
ANNEX_HEADINGS = {
    "merged": "Sources and corroboration",
    "actors": "All actors",
    "framing": "Sovereignty and security",
    "indicators": "Power-vacuum indicators",
    "figures": "Key figures",
    "timeline": "Timeline",
    "cited": "Cited sentences",
    "removed": "Removed from the article",
    "notes": "Notes on this brief",
    "unsupported": "Claims left out: not supported by the article",
}

TYPE_LABELS = {
    "person": "person",
    "state": "state",
    "organisation": "organisation",
    "armed_group": "armed group",
    "international_org": "international organisation",
    "government_body": "government body",
}

KIND_LABELS = {"news": "News report", "opinion": "Opinion", "analysis": "Analysis"}
STANCE_LABELS = {"supports": "Supports", "opposes": "Opposes", "hedges": "Hedges"}

NOT_STATED = "not stated"
MAX_ALIASES = 6
# Page 2 quotes a stance, not the paragraph around it; the whole sentence is in the annex.
MAX_QUOTE_WORDS = 24
# The annex's actor table quotes a position in a narrow column; the cited sentence is whole in the source notes.
MAX_POSITION_WORDS = 16
NOTHING_CITED = "Nothing in this brief cites the article."
# "Since the last brief" is not one of HEADINGS: only a brief compared with an earlier one has it.
CHANGES_HEADING = "Since the last brief"
MAX_CHANGED_ACTORS = 5
MAX_CHANGED_DATES = 3
MAX_EVENT_WORDS = 25
RISK_LEVELS = ("low", "moderate", "high")
# Fewer events with a resolved date make no timeline worth drawing: the annex's table holds them.
MIN_TIMELINE_EVENTS = 3


@dataclass(frozen=True)
class Section:
    """One rendered part of the brief. Displays as HTML in Jupyter and nests inside other Markup."""

    name: str
    html: Markup
    page: dict[str, str] = field(default_factory=dict)

    def __html__(self) -> Markup:
        return self.html

    def _repr_html_(self) -> str:
        return str(self.html)

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        metadata = {PAGE_METADATA_KEY: self.page} if self.page else {}
        # JupyterLab loads none of the brief's stylesheets: the section carries its styles inline, and the
        # exporters, which have the stylesheets, strip them (policybrief.outputs).
        return {"text/html": inline_styles(str(self.html)), "text/plain": self.name}, metadata


def title_block(brief: Brief, generated_on: date | None = None) -> Section:
    article = brief.article
    meta = [
        ("Outlet", article.source or NOT_STATED),
        ("Kind", KIND_LABELS[article.kind]),
        ("Author", article.author or NOT_STATED),
        ("Published", _long_date(article.published) if article.published else NOT_STATED),
        ("Length", f"{article.word_count:,} words"),
        ("Brief prepared", _long_date((generated_on or date.today()).isoformat())),
    ]
    items = Markup("").join(
        Markup('<div class="pb-meta-item"><dt>{}</dt><dd>{}</dd></div>').format(k, v) for k, v in meta
    )
    html = Markup(
        '<header class="pb-titleblock" id="sec-title"><p class="pb-kicker">Policy brief</p>'
        '<h1 class="pb-title">{}</h1><dl class="pb-meta">{}</dl>{}</header>'
    ).format(article.title, items, _engine_note(brief))
    return Section("Title", html, page={"title": article.title, "description": brief.bluf})


def bottom_line(brief: Brief, *, annex: bool = True) -> Section:
    """`annex=False`: no annex follows, so citations name their sentences without linking to them."""
    judgments = Markup("").join(
        Markup("<li>{} {}</li>").format(j.text, _cites(brief, j.evidence, annex)) for j in brief.key_judgments
    )
    body = Markup('<div class="pb-bluf"><p>{}</p></div>').format(brief.bluf)
    if judgments:
        body += Markup('<h3>Key judgments</h3><ol class="pb-judgments">{}</ol>').format(judgments)
    return _section("bottom-line", body)


def sourcing(brief: Brief) -> Section:
    """Where the brief comes from, what limits it, and how far to trust it."""
    src = brief.sourcing
    caveats = _caveats(src)
    chips = Markup("").join(Markup('<li class="pb-caveat">{}</li>').format(c) for c in caveats)
    body = Markup('<p class="pb-source-line">{}</p>').format(src.summary) if src.summary else Markup("")
    if chips:
        body += Markup('<ul class="pb-caveats">{}</ul>').format(chips)
    reasons = Markup("").join(Markup("<li>{}</li>").format(r) for r in src.reasons)
    body += Markup(
        '<p class="pb-confidence"><span class="pb-conf pb-conf-{0}">{1} confidence</span></p>'
    ).format(src.confidence, src.confidence.capitalize())
    if reasons:
        body += Markup('<ul class="pb-reasons">{}</ul>').format(reasons)
    return _section("sourcing", Markup('<div class="pb-sourcing-box">{}</div>').format(body))


def _sources(brief: Brief) -> Markup:
    """A merged brief's articles: the copies of one wire story say whose."""
    rows = [[_source_name(brief, n), KIND_LABELS.get(s.kind, s.kind),
             _long_date(s.published) if s.published else _muted("undated"),
             Markup("{}{}").format(s.title, _muted(f" (a copy of {_source_name(brief, s.copy_of)})")
                                   if s.copy_of is not None else "")]
            for n, s in enumerate(brief.sources)]
    return _table(["Source", "Kind", "Published", "Title"], rows, "pb-sources")


def _corroboration(brief: Brief) -> Markup:
    """What independent sources agree on and where they differ, each with the sentences it rests on."""
    c = brief.corroboration
    if c is None:
        return Markup("")
    parts = []
    if c.agreements:
        rows = [[a.claim, ", ".join(_source_name(brief, n) for n in a.sources), _cites(brief, a.evidence)]
                for a in c.agreements]
        parts.append(Markup("<h3>Corroborated</h3>") + _table(["Claim", "Sources", "Cited"], rows, "pb-agreements"))
    if c.disagreements:
        rows = [[d.what, Markup("; ").join(Markup("{}: {}").format(_source_name(brief, n), v)
                                            for n, v in d.values.items()), _cites(brief, d.evidence)]
                for d in c.disagreements]
        parts.append(Markup("<h3>Where the sources differ</h3>")
                     + _table(["On", "What each says", "Cited"], rows, "pb-disagreements"))
    if not parts:
        parts.append(_muted("The sources neither confirm nor contradict each other on any figure, date or claim."))
    return Markup("").join(parts)


def _source_name(brief: Brief, n: int | None) -> str:
    source = brief.sources[n] if n is not None and 0 <= n < len(brief.sources) else None
    return (source.outlet or Path(source.path).name) if source else "another source"


def actors_by_stance(brief: Brief, *, annex: bool = True) -> Section:
    """Who supports, opposes or hedges on the central development, in their own words; the rest by name."""
    if brief.development:
        body = Markup('<p class="pb-development"><span class="pb-label">The development</span> {} {}</p>').format(
            brief.development, _cites(brief, brief.development_evidence, annex))
    else:
        body = _muted("The article names no single central development.")
    ordered = sorted(brief.actors, key=lambda a: (not a.central, -a.mentions))
    groups = Markup("").join(
        _stance_group(brief, stance, [a for a in ordered if a.stance == stance], annex) for stance in STANCE_LABELS
    )
    if groups:
        body += Markup('<div class="pb-stances">{}</div>').format(groups)
    elif brief.development:
        body += _muted("The article does not say where the actors stand on it.")
    others = [a for a in ordered if a.stance is None]
    if others:
        names = Markup("; ").join(_named(a, bold=a.central) for a in others)
        label = "Also named" if groups else "Named in the article"
        body += Markup('<p class="pb-others"><span class="pb-label">{}</span> {}.</p>').format(label, names)
    elif not brief.actors:
        body += _muted("No actors were identified in the article.")
    return _section("stance", body)


def risk(brief: Brief, *, annex: bool = True) -> Section:
    r = brief.risk
    badge = Markup('<span class="pb-badge pb-risk-{0}">{1} risk</span>').format(r.rating, r.rating.capitalize())
    body = Markup('<p class="pb-judgment">{} {} {}</p>').format(badge, r.judgment, _cites(
        brief, r.judgment_evidence, annex)) if r.judgment else Markup("<p>{}</p>").format(badge)
    if r.watch_points:
        # Dated decision points first, soonest first; then undated ones the article names; then indicators.
        points = sorted(r.watch_points, key=lambda w: (w.date is None, w.origin != "article", w.date or ""))
        items = Markup("").join(
            Markup('<li>{}{} {}</li>').format(
                Markup('<span class="pb-when">{}</span> ').format(_long_date(w.date) if w.date else w.when)
                if w.date or w.when else "",
                w.text, _cites(brief, w.evidence, annex))
            for w in points
        )
        body += Markup('<h3>What to watch</h3><ul class="pb-watch">{}</ul>').format(items)
    seen = [i for i in r.indicators if i.present]
    if seen:
        rows = [[i.label, _cites(brief, i.evidence, annex)] for i in seen]
        body += Markup("<h3>Indicators seen in the article</h3>") + _table(
            ["Indicator", "Evidence"], rows, "pb-indicators")
    return _section("risk", body)


def since_last_brief(brief: Brief, *, annex: bool = True) -> Section | None:
    """What changed since the last brief on the situation (brief.changes), in plain sentences; what this
    article states cites its sentences. Compact: in the PDF it opens page 2, before the actors. None when no brief
    came before."""
    c = brief.changes
    if c is None:
        return None
    before, after = c.risk.before, c.risk.after
    if after == before:
        verdict = f"also rated the power-vacuum risk {after}"
        verdict += "" if c.risk.indicators else ", on the same indicators"
    else:
        moved = "risen" if RISK_LEVELS.index(after) > RISK_LEVELS.index(before) else "fallen"
        verdict = f"rated the power-vacuum risk {before}; it has {moved} to {after}"
    label = brief.situation.label if brief.situation else "this situation"
    body = Markup('<p class="pb-changes-since">The last brief on {}, “{}” ({}), {}.</p>').format(
        label, c.since.title, _long_date(c.since.published), verdict)
    for seen, heading in ((True, "Indicators now seen"), (False, "Indicators no longer seen")):
        body += _changed(heading, [_cited(brief, i.label, i.evidence, annex)
                                   for i in c.risk.indicators if i.present is seen])
    for actors, heading in ((c.new_actors, "New actors"), (c.dropped_actors, "No longer mentioned")):
        names = [_cited(brief, Markup("<strong>{}</strong>").format(a.name) if a.central else a.name, a.evidence,
                        annex) for a in actors]
        body += _changed(heading, names, MAX_CHANGED_ACTORS)
    if not c.new_actors and not c.dropped_actors:
        body += Markup('<p class="pb-changes-list">The same actors are named.</p>')
    for dated, heading in ((c.events, f"Events since {_long_date(c.since.published)}"), (c.deadlines, "New deadlines")):
        body += _changed(heading, [_cited(brief, Markup('<span class="pb-when">{}</span> {}').format(
            _long_date(d.date), _shorten(d.what, MAX_EVENT_WORDS)), d.evidence, annex) for d in dated],
            MAX_CHANGED_DATES)
    html = Markup('<section class="pb-section pb-changes" id="sec-changes"><h2>{}</h2>{}</section>').format(
        CHANGES_HEADING, body)
    return Section(CHANGES_HEADING, html)


def _changed(heading: str, items: list, most: int | None = None) -> Markup:
    """One labelled line: the first `most` items, then how many more."""
    if not items:
        return Markup("")
    shown = items[:most] + ([f"and {len(items) - most} more"] if most and len(items) > most else [])
    return Markup('<p class="pb-changes-list"><span class="pb-label">{}</span> {}.</p>').format(
        heading, Markup("; ").join(shown))


def _cited(brief: Brief, text: str, ids: list[str], annex: bool) -> Markup:
    return Markup("{} {}").format(text, _cites(brief, ids, annex)) if ids else Markup("{}").format(text)


def annex(brief: Brief) -> Section:
    """The tables the two pages rest on; it opens on a new page. The timeline chart follows it."""
    parts = [
        *([_annex_part("merged", _sources(brief) + _corroboration(brief))] if brief.sources else []),
        _annex_part("actors", _actor_table(brief)),
        _annex_part("framing", _framing(brief)),
        _annex_part("indicators", _indicators(brief)),
        _annex_part("figures", _figures(brief)),
        _annex_part("timeline", _timeline(brief)),
    ]
    return _section("annex", Markup("").join(parts))


def source_notes(brief: Brief) -> Section:
    """The end of the annex: the sentences cited, what was removed from the page, notes on the brief."""
    parts = [_annex_part("cited", _cited_sentences(brief))]
    if brief.removed:
        parts.append(_annex_part("removed", _removed(brief)))
    if brief.notes:
        parts.append(_annex_part("notes", Markup('<ul class="pb-notes">{}</ul>').format(
            Markup("").join(Markup("<li>{}</li>").format(n) for n in brief.notes))))
    if brief.unsupported:
        rows = [[u.text, u.reason, "; ".join(u.quotes)] for u in brief.unsupported]
        parts.append(_annex_part("unsupported", _table(["Claim", "Why left out", "Quotes offered"], rows,
                                                       "pb-unsupported")))
    # One line, not a part of its own: under a heading it was the last page's only content on short briefs.
    parts.append(_muted(_made_with(brief)))
    return _section("sources", Markup("").join(parts))


def brief_sections(brief: Brief, generated_on: date | None = None, *, with_annex: bool = True) -> list[Section]:
    """Every section in reading order (charts are separate: see policybrief.charts)."""
    sections = [
        title_block(brief, generated_on),
        bottom_line(brief, annex=with_annex),
        sourcing(brief),
        actors_by_stance(brief, annex=with_annex),
        risk(brief, annex=with_annex),
    ]
    return [*sections, annex(brief), source_notes(brief)] if with_annex else sections


def _section(key: str, body: Markup) -> Section:
    heading = HEADINGS[key]
    html = Markup('<section class="pb-section pb-{0}" id="sec-{0}"><h2>{1}</h2>{2}</section>').format(
        key, heading, body
    )
    return Section(heading, html)


def _engine_note(brief: Brief) -> Markup:
    return (
        Markup('<p class="pb-engine-note">{}</p>').format(brief.engine.note)
        if brief.engine.note
        else Markup("")
    )


def _cites(brief: Brief, ids: Iterable[str], linked: bool = True) -> Markup:
    """Citation marks; each links to its sentence in the annex, and shows the sentence as a tooltip, which is
    all a reader has of it when no annex follows (`linked=False`: a link would lead nowhere)."""
    # In a merged brief the tooltip says which source the sentence is from.
    known = {s.id: (f"{_source_name(brief, s.source)}: {s.text}" if s.source is not None else s.text)
             for s in brief.sentences}
    marks = [
        (Markup('<a class="pb-cite" href="#{0}" title="{1}">[{0}]</a>') if linked
         else Markup('<span class="pb-cite" title="{1}">[{0}]</span>')).format(sid, known[sid])
        if sid in known
        # A dangling id stays visible so the reader sees the claim is unsupported, but links nowhere.
        else Markup('<span class="pb-cite pb-cite-missing">[{0}]</span>').format(sid)
        for sid in ids
    ]
    return Markup('<span class="pb-cites">{}</span>').format(Markup(" ").join(marks)) if marks else Markup("")


def _cited_ids(brief: Brief) -> set[str]:
    t, themes, r = brief.tension, brief.themes, brief.risk
    groups = [
        *(j.evidence for j in brief.key_judgments),
        brief.development_evidence,
        *(a.evidence for a in brief.actors),
        [sid for a in brief.actors for sid in (a.position_evidence, a.stance_evidence) if sid],
        *(th.evidence for th in (themes.sovereignty, themes.security, themes.power_vacuum)),
        t.evidence,
        t.sovereignty_evidence,
        t.security_evidence,
        r.judgment_evidence,
        *(w.evidence for w in r.watch_points),
        *(i.evidence for i in r.indicators),
        [f.evidence for f in brief.figures],
        [e.evidence for e in brief.timeline],
    ]
    return {sid for group in groups for sid in group}


def _table(headers: list[str], rows: list[list[object]], cls: str) -> Markup:
    head = Markup("").join(Markup("<th>{}</th>").format(h) for h in headers)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(c) for c in row))
        for row in rows
    )
    return Markup('<table class="pb-table {}"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>').format(
        cls, head, body
    )


def _muted(text: str) -> Markup:
    return Markup('<p class="pb-muted">{}</p>').format(text)


def _role_cell(brief: Brief, actor, quoted: set[str]) -> Markup:
    """The actor's role, and its position quoted the first time the table meets that sentence: one sentence
    often names several actors, and the rows after the first cite it without quoting it again."""
    role = Markup("{}").format(actor.role or "")
    if not actor.position:
        return role
    cite = _cites(brief, [actor.position_evidence] if actor.position_evidence else [])
    if actor.position_evidence and actor.position_evidence in quoted:
        return role + Markup('<span class="pb-position">{}</span>').format(cite)
    quoted.add(actor.position_evidence)
    words = actor.position.split()
    quote = " ".join(words[:MAX_POSITION_WORDS]) + (" …" if len(words) > MAX_POSITION_WORDS else "")
    return role + Markup('<span class="pb-position">“{}” {}</span>').format(quote, cite)


def _actor_cell(name: str, central: bool, aliases: list[str]) -> Markup:
    marker = Markup(' <span class="pb-central" title="central actor">●</span>') if central else Markup("")
    cell = Markup("<strong>{}</strong>{}").format(name, marker)
    shown = _distinct(aliases, exclude=name)
    if not shown:
        return cell
    more = f" and {len(shown) - MAX_ALIASES} more" if len(shown) > MAX_ALIASES else ""
    return cell + Markup('<span class="pb-aliases">{}{}</span>').format(", ".join(shown[:MAX_ALIASES]), more)


def _distinct(names: list[str], exclude: str) -> list[str]:
    """Names in order, dropping repeats that differ only in case ("Al-Sudani", "al-Sudani")."""
    seen = {exclude.casefold()}
    kept = []
    for n in names:
        if n.casefold() not in seen:
            seen.add(n.casefold())
            kept.append(n)
    return kept


def _long_date(iso: str) -> str:
    """"2024-06-20" reads "20 June 2024", "2025-01" reads "January 2025"; anything else stays as written."""
    for fmt, out in (("%Y-%m-%d", "{d.day} {d:%B %Y}"), ("%Y-%m", "{d:%B %Y}")):
        try:
            return out.format(d=datetime.strptime(iso, fmt))
        except ValueError:
            continue
    return iso


def _caveats(src: Sourcing) -> list[str]:
    caveats = []
    if src.single_source:
        caveats.append("Single source")
    if src.republished:
        caveats.append(f"Republished wire copy ({src.agency})" if src.agency else "Republished from another outlet")
    elif src.agency:
        caveats.append(f"Wire copy ({src.agency})")
    if src.truncated:
        caveats.append("Cut off: the text stops mid-sentence")
    if not src.published:
        caveats.append("Undated")
    return caveats


def _named(actor: Actor, bold: bool) -> Markup:
    name = Markup("<strong>{}</strong>").format(actor.name) if bold else Markup("{}").format(actor.name)
    return name + (Markup(", {}").format(actor.role) if actor.role else "")


def _stance_group(brief: Brief, stance: str, actors: list[Actor], annex: bool) -> Markup:
    if not actors:
        return Markup("")
    # Actors who take their stance in one and the same sentence share one quote.
    by_quote: dict[tuple[str | None, str | None], list[Actor]] = {}
    for a in actors:
        by_quote.setdefault((a.stance_quote, a.stance_evidence), []).append(a)
    items = Markup("").join(
        Markup("<li>{}{}</li>").format(
            Markup("; ").join(_named(a, bold=True) for a in group),
            # The development's own sentence is printed just above: its actor is named, not quoted again.
            Markup(", in the development itself {}").format(_cites(brief, [evidence], annex))
            if evidence in brief.development_evidence else
            Markup(": <q>{}</q> {}").format(
                _shorten(nested(quote), MAX_QUOTE_WORDS), _cites(brief, [evidence] if evidence else [], annex)
            ) if quote else "",
        )
        for (quote, evidence), group in by_quote.items()
    )
    return Markup('<div class="pb-stance pb-stance-{0}"><h3>{1}</h3><ul>{2}</ul></div>').format(
        stance, STANCE_LABELS[stance], items)


def _shorten(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _annex_part(key: str, body: Markup) -> Markup:
    return Markup('<div class="pb-annex-part" id="annex-{0}"><h3>{1}</h3>{2}</div>').format(
        key, ANNEX_HEADINGS[key], body)


def _actor_table(brief: Brief) -> Markup:
    if not brief.actors:
        return _muted("No actors were identified in the article.")
    actors = sorted(brief.actors, key=lambda a: (not a.central, -a.mentions))
    quoted: set[str] = set()
    rows = [
        [
            _actor_cell(a.name, a.central, a.seen_as),
            TYPE_LABELS.get(a.type, a.type),
            _role_cell(brief, a, quoted),
            Markup("<code>{}</code>").format(a.code) if a.code else "",
            _num(a.mentions),
            _cites(brief, a.evidence),
        ]
        for a in actors
    ]
    headers = ["Actor (as named in the article)", "Type", "Role and position", "Code", "Mentions", "Evidence"]
    note = _muted(
        "Central actors are marked ●. A position is the first sentence naming the actor with what it wants or "
        "does, quoted once when it names several. Long lists of names are shortened. Codes are CAMEO-style."
    )
    return _table(headers, rows, "pb-actors-table") + note


def _framing(brief: Brief) -> Markup:
    """The two frames side by side, each measured on its own: an article can stress both, or neither."""
    t, themes = brief.tension, brief.themes
    total = len(brief.sentences)
    bars = Markup("").join(
        _frame_bar(label, key, sum(key in s.themes for s in brief.sentences), total)
        for label, key in (("Sovereignty", "sovereignty"), ("Security", "security"))
    )
    body = Markup('<div class="pb-frames">{}</div>').format(bars)
    if t.assessment not in (j.text for j in brief.key_judgments):  # page 1 already says it, quotes and all
        body += Markup('<p class="pb-assessment">{} {}</p>').format(t.assessment, _cites(brief, t.evidence))
    body += Markup('<div class="pb-sides">{}{}</div>').format(
        _side(brief, "Sovereignty", "sovereignty", themes.sovereignty, t.sovereignty_evidence),
        _side(brief, "Security", "security", themes.security, t.security_evidence),
    )
    vacuum = themes.power_vacuum
    body += Markup('<p class="pb-vacuum-frame">{} {}</p>').format(
        "The article speaks of a power or security vacuum." if vacuum.present
        else "The article does not speak of a power or security vacuum.", _cites(brief, vacuum.evidence))
    return body + _muted(
        "Framing is how the article itself presents its subject. The power-vacuum risk on page 2 is rated from "
        "the indicators the article reports, so it can stand even where the article never speaks of a vacuum."
    )


def _frame_bar(label: str, key: str, count: int, total: int) -> Markup:
    share = 100 * count / total if total else 0
    return Markup(
        '<div class="pb-frame pb-frame-{0}"><span class="pb-frame-label">{1}</span>'
        '<span class="pb-frame-track"><span class="pb-frame-fill" style="width: {2:.0f}%"></span></span>'
        '<span class="pb-frame-count">{3} of {4} sentences</span></div>'
    ).format(key, label, share, count, total)


def _side(brief: Brief, heading: str, key: str, theme: Theme, ids: list[str]) -> Markup:
    """The theme's call with the sentences that evidence it, then the sentences the side quotes most strongly."""
    quotes = [
        Markup("<li><q>{}</q> {}</li>").format(nested(s.text), _cites(brief, [s.id]))
        for s in (brief.sentence(sid) for sid in ids)
        if s is not None
    ]
    items = Markup("").join(quotes) if quotes else Markup('<li class="pb-muted">No sentence cited.</li>')
    return Markup('<div class="pb-side pb-side-{}"><h4>{}: {} {}</h4><ul>{}</ul></div>').format(
        key, heading, "framed" if theme.present else "not framed", _cites(brief, theme.evidence), items)


def _indicators(brief: Brief) -> Markup:
    """What page 2 leaves out: the indicators looked for and not seen (page 2 lists those seen, with evidence)."""
    indicators = brief.risk.indicators
    if not indicators:
        return _muted("No indicators were checked.")
    absent = [i.label for i in indicators if not i.present]
    if not absent:
        return _muted(f"All {len(indicators)} indicators are seen in the article; page 2 lists them with their "
                      "evidence.")
    seen = len(indicators) - len(absent)
    where = f" Page 2 lists the {seen} seen, with their evidence." if seen else ""
    return _muted(f"Looked for and not seen in the article: {'; '.join(absent)}.{where}")


def _figures(brief: Brief) -> Markup:
    if not brief.figures:
        return _muted("The article gives no figures.")
    rows = [[_figure_value(f.value, f.unit), f.what, _cites(brief, [f.evidence])] for f in brief.figures]
    return _table(["Figure", "What", "Evidence"], rows, "pb-figures")


def charted_events(brief: Brief) -> list[tuple[tuple[date, date], TimelineEntry]]:
    """The timeline's entries the annex's chart places on a time axis, each event once, in time order (see
    charts.timeline_chart); none when fewer than MIN_TIMELINE_EVENTS have a resolved date."""
    events, seen = [], set()
    for entry in brief.timeline:
        span = date_span(entry.date)
        if span is None or (span, entry.what) in seen:
            continue
        seen.add((span, entry.what))
        events.append((span, entry))
    return sorted(events, key=lambda item: item[0]) if len(events) >= MIN_TIMELINE_EVENTS else []


def _timeline(brief: Brief) -> Markup:
    """The dates the chart after the annex cannot place ("last year", a date never resolved), or all of them when
    there is no chart: a table of the events the chart draws would say the same twice."""
    if not brief.timeline:
        return _muted("The article gives no dates.")
    charted = bool(charted_events(brief))
    entries = [e for e in brief.timeline if not (charted and date_span(e.date))]
    if not entries:
        return _muted("The chart below places each dated event, with the sentence it comes from.")
    # One row per sentence: "June 2023" and "this year" in one sentence are one row, its dates in order
    whens: dict[tuple[str, str], list[str]] = {}
    for e in entries:
        whens.setdefault((e.what, e.evidence), []).append(e.when)
    rows = [["; ".join(when), what, _cites(brief, [sid])] for (what, sid), when in whens.items()]
    note = _muted("The chart below places the events with a resolved date; these are the others.") if charted \
        else Markup("")
    return note + _table(["When", "What", "Evidence"], rows, "pb-timeline")


def _cited_sentences(brief: Brief) -> Markup:
    cited = _cited_ids(brief)
    sentences = Markup("").join(
        Markup('<p class="pb-source" id="{0}"><span class="pb-sid">[{0}]</span> {2}{1}</p>').format(
            s.id, s.text, Markup("<em>{}:</em> ").format(_source_name(brief, s.source)) if s.source is not None
            else "")
        for s in brief.sentences
        if s.id in cited
    )
    return Markup('<div class="pb-cited">{}</div>').format(sentences) if sentences else _muted(NOTHING_CITED)


def _removed(brief: Brief) -> Markup:
    """Grouped by reason: a page's furniture is dozens of short scraps, each not worth a table row."""
    by_reason: dict[str, list[str]] = {}
    for r in brief.removed:
        by_reason.setdefault(r.reason, []).append(r.text)
    return Markup("").join(
        Markup('<p class="pb-removed"><span class="pb-label">{}</span> {}</p>').format(
            reason, Markup(" · ").join(Markup("<q>{}</q>").format(nested(t)) for t in texts))
        for reason, texts in by_reason.items()
    )


def _made_with(brief: Brief) -> str:
    engine = brief.engine
    model = f" and the model {engine.model}" if engine.model else ""
    return f"Prepared with {engine.name} {engine.version}{model}."


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _figure_value(value: float, unit: str | None) -> str:
    if not unit:
        return _num(value)
    return f"{_num(value)}{unit}" if unit == "%" else f"{_num(value)} {unit}"
