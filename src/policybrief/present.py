"""Section renderers: a Brief in, one displayable HTML section out (one notebook cell per section).

Article text is untrusted. Every value reaches the page through ``Markup.format``/``escape`` and never by
string concatenation, so a hostile title, actor name or sentence shows as text, not as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from policybrief.brief import Brief, Theme

# Output metadata key through which sections pass page hints (title, description, caption) to the exporter.
PAGE_METADATA_KEY = "policybrief"
# Attribute on every interactive chart; the HTML exporter inlines the vega bundle only when it sees one.
CHART_ATTR = "data-policybrief-chart"

HEADINGS = {
    "bottom-line": "Bottom line up front",
    "actors": "Actors",
    "tension": "Sovereignty versus security",
    "risk": "Power-vacuum risk",
    "facts": "Key figures and timeline",
    "sources": "Source notes",
}

TYPE_LABELS = {
    "person": "person",
    "state": "state",
    "organisation": "organisation",
    "armed_group": "armed group",
    "international_org": "international organisation",
    "government_body": "government body",
}

NOT_STATED = "not stated"
MAX_ALIASES = 6
NOTHING_CITED = "Nothing in this brief cites the article."


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
        return {"text/html": str(self.html), "text/plain": self.name}, metadata


def title_block(brief: Brief, generated_on: date | None = None) -> Section:
    article, engine = brief.article, brief.engine
    analysis = f"{engine.name} {engine.version}" + (f" ({engine.model})" if engine.model else "")
    meta = [
        ("Source", article.source or NOT_STATED),
        ("Published", article.published or NOT_STATED),
        ("Length", f"{article.word_count:,} words"),
        ("Analysis", analysis),
        ("Generated", (generated_on or date.today()).isoformat()),
    ]
    items = Markup("").join(
        Markup('<div class="pb-meta-item"><dt>{}</dt><dd>{}</dd></div>').format(k, v) for k, v in meta
    )
    html = Markup(
        '<header class="pb-titleblock" id="sec-title"><p class="pb-kicker">Policy brief</p>'
        '<h1 class="pb-title">{}</h1><dl class="pb-meta">{}</dl>{}</header>'
    ).format(article.title, items, _engine_note(brief))
    return Section("Title", html, page={"title": article.title, "description": brief.bluf})


def bottom_line(brief: Brief) -> Section:
    judgments = Markup("").join(
        Markup("<li>{} {}</li>").format(j.text, _cites(brief, j.evidence)) for j in brief.key_judgments
    )
    body = Markup('<div class="pb-bluf"><p>{}</p></div>').format(brief.bluf)
    if judgments:
        body += Markup('<h3>Key judgments</h3><ol class="pb-judgments">{}</ol>').format(judgments)
    return _section("bottom-line", body)


def actors_table(brief: Brief) -> Section:
    if not brief.actors:
        return _section("actors", _muted("No actors were identified in the article."))
    actors = sorted(brief.actors, key=lambda a: (not a.central, -a.mentions))
    rows = [
        [
            _actor_cell(a.name, a.central, a.seen_as),
            TYPE_LABELS.get(a.type, a.type),
            _role_cell(brief, a),
            Markup("<code>{}</code>").format(a.code) if a.code else "",
            _num(a.mentions),
            _cites(brief, a.evidence),
        ]
        for a in actors
    ]
    headers = ["Actor (as named in the article)", "Type", "Role and position", "Code", "Mentions", "Evidence"]
    note = _muted(
        "Central actors are marked ●. A position is the first sentence naming the actor with what it wants or "
        "does. Long lists of names are shortened. Codes are CAMEO-style."
    )
    return _section("actors", _table(headers, rows, "pb-actors-table") + note)


def tension(brief: Brief) -> Section:
    t = brief.tension
    body = _balance_scale(t.balance)
    body += Markup('<p class="pb-assessment">{} {}</p>').format(t.assessment, _cites(brief, t.evidence))
    body += Markup('<div class="pb-sides">{}{}</div>').format(
        _side(brief, "Sovereignty side", "sovereignty", t.sovereignty_evidence),
        _side(brief, "Security side", "security", t.security_evidence),
    )
    themes = brief.themes
    rows = [
        _theme_row(brief, "Sovereignty", themes.sovereignty),
        _theme_row(brief, "Security", themes.security),
        _theme_row(brief, "Power vacuum", themes.power_vacuum),
    ]
    body += Markup("<h3>Themes</h3>") + _table(["Theme", "Present", "Score", "Evidence"], rows, "pb-themes")
    return _section("tension", body)


def risk(brief: Brief) -> Section:
    r = brief.risk
    body = Markup('<p class="pb-rating"><span class="pb-badge pb-risk-{0}">{1} risk</span></p>').format(
        r.rating, r.rating.capitalize()
    )
    if r.explanation:
        body += Markup("<p>{}</p>").format(r.explanation)
    if r.indicators:
        rows = [[i.label, _presence(i.present), _cites(brief, i.evidence)] for i in r.indicators]
        body += Markup("<h3>Indicators</h3>") + _table(
            ["Indicator", "Status", "Evidence"], rows, "pb-indicators"
        )
    if r.watch:
        items = Markup("").join(Markup("<li>{}</li>").format(w) for w in r.watch)
        body += Markup('<h3>What to watch</h3><ul class="pb-watch">{}</ul>').format(items)
    return _section("risk", body)


def facts(brief: Brief) -> Section:
    body = Markup("<h3>Key figures</h3>")
    if brief.figures:
        rows = [[_figure_value(f.value, f.unit), f.what, _cites(brief, [f.evidence])] for f in brief.figures]
        body += _table(["Figure", "What", "Evidence"], rows, "pb-figures")
    else:
        body += _muted("The article gives no figures.")
    body += Markup("<h3>Timeline</h3>")
    if brief.timeline:
        rows = [[e.when, e.what, _cites(brief, [e.evidence])] for e in brief.timeline]
        body += _table(["When", "What", "Evidence"], rows, "pb-timeline")
    else:
        body += _muted("The article gives no dates.")
    return _section("facts", body)


def source_notes(brief: Brief) -> Section:
    cited = _cited_ids(brief)
    sentences = Markup("").join(
        Markup('<p class="pb-source" id="{0}"><span class="pb-sid">[{0}]</span> {1}</p>').format(s.id, s.text)
        for s in brief.sentences
        if s.id in cited
    )
    body = Markup("<h3>Cited sentences</h3>")
    body += (
        Markup('<div class="pb-sources">{}</div>').format(sentences) if sentences else _muted(NOTHING_CITED)
    )
    if brief.removed:
        rows = [[r.text, r.reason] for r in brief.removed]
        body += Markup("<h3>Removed from the article</h3>") + _table(["Text", "Reason"], rows, "pb-removed")
    if brief.notes:
        items = Markup("").join(Markup("<li>{}</li>").format(n) for n in brief.notes)
        body += Markup("<h3>Notes on this brief</h3><ul>{}</ul>").format(items)
    if brief.unsupported:
        rows = [[u.text, u.reason, "; ".join(u.quotes)] for u in brief.unsupported]
        body += Markup("<h3>Claims left out: not supported by the article</h3>") + _table(
            ["Claim", "Why left out", "Quotes offered"], rows, "pb-unsupported"
        )
    return _section("sources", body)


def brief_sections(brief: Brief, generated_on: date | None = None) -> list[Section]:
    """Every section in reading order (charts are separate: see policybrief.charts)."""
    return [
        title_block(brief, generated_on),
        bottom_line(brief),
        actors_table(brief),
        tension(brief),
        risk(brief),
        facts(brief),
        source_notes(brief),
    ]


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


def _cites(brief: Brief, ids: Iterable[str]) -> Markup:
    known = {s.id for s in brief.sentences}
    links = [
        Markup('<a class="pb-cite" href="#{0}">[{0}]</a>').format(sid)
        if sid in known
        # A dangling id stays visible so the reader sees the claim is unsupported, but links nowhere.
        else Markup('<span class="pb-cite pb-cite-missing">[{0}]</span>').format(sid)
        for sid in ids
    ]
    return Markup('<span class="pb-cites">{}</span>').format(Markup(" ").join(links)) if links else Markup("")


def _cited_ids(brief: Brief) -> set[str]:
    t, themes = brief.tension, brief.themes
    groups = [
        *(j.evidence for j in brief.key_judgments),
        *(a.evidence for a in brief.actors),
        *(th.evidence for th in (themes.sovereignty, themes.security, themes.power_vacuum)),
        t.evidence,
        t.sovereignty_evidence,
        t.security_evidence,
        *(i.evidence for i in brief.risk.indicators),
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


def _role_cell(brief: Brief, actor) -> Markup:
    role = Markup("{}").format(actor.role or "")
    if not actor.position:
        return role
    words = actor.position.split()
    quote = " ".join(words[:22]) + (" …" if len(words) > 22 else "")
    return role + Markup('<span class="pb-position">“{}” {}</span>').format(
        quote, _cites(brief, [actor.position_evidence] if actor.position_evidence else []))


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


def _presence(present: bool) -> Markup:
    return Markup('<span class="pb-presence pb-{0}">{1}</span>').format(
        "present" if present else "absent", "Present" if present else "Absent"
    )


def _theme_row(brief: Brief, label: str, theme: Theme) -> list[object]:
    return [label, _presence(theme.present), f"{theme.score:.2f}", _cites(brief, theme.evidence)]


def _side(brief: Brief, heading: str, key: str, ids: list[str]) -> Markup:
    quotes = [
        Markup("<li><q>{}</q> {}</li>").format(s.text, _cites(brief, [s.id]))
        for s in (brief.sentence(sid) for sid in ids)
        if s is not None
    ]
    items = Markup("").join(quotes) if quotes else Markup('<li class="pb-muted">No sentence cited.</li>')
    return Markup('<div class="pb-side pb-side-{}"><h3>{}</h3><ul>{}</ul></div>').format(key, heading, items)


def _balance_scale(balance: float) -> Markup:
    # The marker sits on a -1..+1 track drawn left (security) to right (sovereignty).
    position = (balance + 1) * 50
    return Markup(
        '<div class="pb-balance"><span class="pb-scale-end">Security</span>'
        '<span class="pb-track"><span class="pb-marker" style="left: {:.1f}%"></span></span>'
        '<span class="pb-scale-end">Sovereignty</span></div>'
        '<p class="pb-balance-value">Balance {:+.2f}: {}</p>'
    ).format(position, balance, _lean(balance))


def _lean(balance: float) -> str:
    side = "sovereignty" if balance > 0 else "security"
    if abs(balance) < 0.15:
        return "sovereignty and security weigh about evenly"
    if abs(balance) < 0.6:
        return f"leans toward {side}"
    return f"strongly toward {side}"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _figure_value(value: float, unit: str | None) -> str:
    if not unit:
        return _num(value)
    return f"{_num(value)}{unit}" if unit == "%" else f"{_num(value)} {unit}"
