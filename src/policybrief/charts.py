"""Altair charts built from a Brief, and `show`, which displays a chart offline.

`show` gives every chart two forms: text/html (a static SVG that vega-embed replaces with the interactive
chart when the exported page carries the vega bundle) and image/svg+xml (what the PDF draws, as vectors).
No renderer of Altair's own is used: they load vega from a CDN or show only the first chart of a page.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

import altair as alt
import vl_convert as vlc
from markupsafe import Markup

from policybrief.brief import Brief
from policybrief.present import CHART_ATTR, PAGE_METADATA_KEY, TYPE_LABELS

# Fixed colours per actor type, so a colour means the same thing in every brief.
TYPE_COLOURS = {
    "state": "#1f4e79",
    "government_body": "#4f81bd",
    "international_org": "#2e8b57",
    "organisation": "#8e7cc3",
    "armed_group": "#c0392b",
    "person": "#e69138",
}
FRAME_COLOURS = {"Sovereignty": "#1f4e79", "Security": "#c0392b"}
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def actor_chart(brief: Brief) -> alt.Chart:
    """Mentions per actor, most mentioned first, bars coloured by actor type."""
    rows = [
        {
            "actor": a.name,
            "type": TYPE_LABELS.get(a.type, a.type),
            "mentions": a.mentions,
            "role": a.role or "",
            "code": a.code or "",
        }
        for a in brief.actors
    ]
    types = [t for t in TYPE_COLOURS if any(a.type == t for a in brief.actors)]
    colour = alt.Color(
        "type:N",
        title="Type",
        scale=alt.Scale(domain=[TYPE_LABELS[t] for t in types], range=[TYPE_COLOURS[t] for t in types]),
        legend=alt.Legend(orient="bottom", direction="horizontal"),
    )
    chart = (
        alt.Chart(alt.Data(values=rows), description="Actor prominence: mentions per actor in the article")
        .mark_bar()
        .encode(
            x=alt.X("mentions:Q", title="Mentions", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("actor:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
            color=colour,
            tooltip=[
                alt.Tooltip("actor:N", title="Actor"),
                alt.Tooltip("type:N", title="Type"),
                alt.Tooltip("role:N", title="Role"),
                alt.Tooltip("code:N", title="Code"),
                alt.Tooltip("mentions:Q", title="Mentions"),
            ],
        )
        .properties(width=460, height=alt.Step(18))
    )
    return _styled(chart)


def framing_chart(brief: Brief) -> alt.Chart:
    """Sentences citing sovereignty (up) and security (down), paragraph by paragraph."""
    counts = _framing_counts(brief)
    rows = []
    for paragraph, sovereignty, security in counts:
        rows.append({"paragraph": paragraph, "frame": "Sovereignty", "sentences": sovereignty})
        rows.append({"paragraph": paragraph, "frame": "Security", "sentences": -security})
    # Whole-number ticks only: Vega would otherwise label half sentences on a short axis.
    peak = max((max(sov, sec) for _, sov, sec in counts), default=0) or 1
    chart = (
        alt.Chart(
            alt.Data(values=rows),
            description="Sovereignty (up) and security (down): sentences framing each, paragraph by paragraph",
        )
        .transform_calculate(cited="abs(datum.sentences)")
        .mark_bar()
        .encode(
            x=alt.X("paragraph:O", title="Paragraph", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "sentences:Q",
                title="Sentences cited",
                scale=alt.Scale(domain=[-peak, peak]),
                axis=alt.Axis(values=list(range(-peak, peak + 1)), labelExpr="abs(datum.value)"),
            ),
            color=alt.Color(
                "frame:N",
                title="Frame",
                scale=alt.Scale(domain=list(FRAME_COLOURS), range=list(FRAME_COLOURS.values())),
                legend=alt.Legend(orient="bottom", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("frame:N", title="Frame"),
                alt.Tooltip("cited:Q", title="Sentences cited"),
            ],
        )
        .properties(width=460, height=160)
    )
    return _styled(chart)


@dataclass(frozen=True)
class ChartView:
    """A chart ready to display: the Vega-Lite spec, its static SVG and a caption."""

    spec: dict
    svg: str
    caption: str
    chart_id: str = field(default_factory=lambda: f"pb-chart-{uuid.uuid4().hex[:12]}")

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        data = {
            "text/html": str(self.html()),
            "image/svg+xml": self.svg,
            "text/plain": f"Chart: {self.caption}",
        }
        return data, {PAGE_METADATA_KEY: {"caption": self.caption}}

    def html(self) -> Markup:
        return Markup(
            '<figure class="pb-chart" id="{id}" {attr}>'
            '<div class="pb-chart-static">{svg}</div>'
            '<script type="application/json" class="pb-chart-spec">{spec}</script>'
            '<script type="module">{script}</script>'
            "<figcaption>{caption}</figcaption></figure>"
        ).format(
            id=self.chart_id,
            attr=Markup(CHART_ATTR),
            # vl-convert escapes every text node of the SVG it draws, so it can go in as markup.
            svg=Markup(self.svg),
            spec=Markup(_script_json(self.spec)),
            script=Markup(_EMBED_JS.replace("__CHART_ID__", json.dumps(self.chart_id))),
            caption=self.caption,
        )


def show(chart: alt.TopLevelMixin, caption: str | None = None) -> ChartView:
    """Wrap a chart for display; the caption defaults to the chart's description."""
    spec = chart.to_dict()
    # The schema URL is never fetched, but keeping it out means no network address appears in the page.
    spec.pop("$schema", None)
    return ChartView(spec=spec, svg=vlc.vegalite_to_svg(spec), caption=caption or spec.get("description", ""))


def _framing_counts(brief: Brief) -> list[tuple[int, int, int]]:
    """Per paragraph: how many sentences frame sovereignty and how many frame security."""
    counts: dict[int, list[int]] = {}
    for s in brief.sentences:
        tally = counts.setdefault(s.paragraph, [0, 0])
        tally[0] += "sovereignty" in s.themes
        tally[1] += "security" in s.themes
    return [(p, sov, sec) for p, (sov, sec) in sorted(counts.items())]


def _styled(chart: alt.Chart) -> alt.Chart:
    return (
        chart.configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11)
    )


def _script_json(value: object) -> str:
    # In a <script> element only "</script" and "<!--" end or confuse it: escaping every "<" prevents both.
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")


# Runs as a module script, so it executes after the page's vega bundle (also a module, placed in <head>).
# The static SVG stays until vega-embed has drawn, so a failure leaves the chart visible.
_EMBED_JS = """
const fig = document.getElementById(__CHART_ID__);
if (window.vegaEmbed && fig) {
  const live = document.createElement("div");
  live.className = "pb-chart-live";
  fig.insertBefore(live, fig.firstChild);
  const spec = JSON.parse(fig.querySelector(".pb-chart-spec").textContent);
  window.vegaEmbed(live, spec, {actions: false, renderer: "svg", mode: "vega-lite"})
    .then(() => fig.querySelector(".pb-chart-static").remove())
    .catch(() => live.remove());
}
"""
