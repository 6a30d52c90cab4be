"""Altair charts built from a Brief, and `show`, which displays one offline everywhere a brief is read.

Each chart function returns None when the brief gives it nothing to draw, and `show(None)` displays nothing,
so a brief never carries an empty chart.

`show` gives a chart two forms and no HTML: the Vega-Lite spec, which JupyterLab draws natively even in an
untrusted notebook (Lab would prefer a text/html form, sanitised into a run of text), and a static SVG,
which the PDF draws as vectors. The HTML exporter builds the interactive figure from the two
(policybrief.export). The specs keep to what Lab's Vega-Lite (5.6) understands.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib.resources import files

import altair as alt
import vl_convert as vlc
import yaml
from altair.utils.schemapi import debug_mode

from policybrief import present
from policybrief.brief import Brief, date_span
from policybrief.outputs import VEGALITE_MIMETYPE

# The PDF's own sans (brief.typ), with Arial's metrics, so labels measured here fit where browsers draw them in
# Arial or Helvetica; vl-convert also measures it in half the time it takes for DejaVu Sans.
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
INK, MUTED, NAVY = "#1b1f24", "#5b6470", "#1f3a5f"
# The brief's own colours (brief.css), so a colour means the same in the text and in the charts.
STANCE_COLOURS = {"Supports": "#2e7d32", "Hedges": "#b26a00", "Opposes": "#b71c1c"}
MAP_COLOURS = {"Central actor": NAVY, "Also named": "#8fb0d3"}
LAND, BORDER = "#e3e6ea", "#ffffff"
WHEN_COLOURS = {"Before publication": NAVY, "Due after publication": "#b26a00"}
WIDTH = 460
# A region is what fits in a window this wide and tall (degrees of longitude, latitude) around one state.
REGION = (100.0, 60.0)
# The map shows a region when it holds this share of the states (a central one counts three times), else the world.
REGION_SHARE = 0.6
# The smallest frame around a region's states (degrees), so that a lone state is shown with its neighbours.
MIN_FRAME = (50.0, 30.0)
REGION_HEIGHT = 300
# A state smaller than this on the map (square pixels) is marked with a dot as well.
MIN_VISIBLE_PIXELS = 80
LABEL_CHARS = 56


def _unchecked(build: Callable[..., alt.TopLevelMixin | None]) -> Callable[..., alt.TopLevelMixin | None]:
    """Builds a chart with Altair's debug mode off: in it, every object Altair makes is checked against the
    schema as it is made, which costs more than the chart itself. The tests validate each finished spec."""
    @functools.wraps(build)
    def unchecked(*args, **kwargs):
        with debug_mode(False):
            return build(*args, **kwargs)
    return unchecked


@dataclass(frozen=True)
class ChartView:
    """A chart ready to display: the Vega-Lite spec, its static SVG and a caption."""

    spec: dict
    svg: str
    caption: str

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        data = {VEGALITE_MIMETYPE: self.spec, "image/svg+xml": self.svg, "text/plain": f"Chart: {self.caption}"}
        # Lab reads embed options from the output's metadata; its action menu links to an online editor.
        embed = {"embed_options": {"actions": False}}
        return data, {present.PAGE_METADATA_KEY: {"caption": self.caption}, VEGALITE_MIMETYPE: embed}


def show(chart: alt.TopLevelMixin | None, caption: str | None = None) -> ChartView | None:
    """Wrap a chart for display; None (nothing to draw) displays nothing. The caption defaults to the
    chart's description."""
    if chart is None:
        return None
    # The tests validate every chart's spec against the Vega-Lite schema; a brief need not pay for it again.
    spec = chart.to_dict(validate=False)
    # The schema URL is never fetched, but keeping it out means no network address appears in the page.
    spec.pop("$schema", None)
    # No base URL is allowed: every chart carries its data inline, and nothing may be fetched at run time.
    svg = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
    return ChartView(spec=spec, svg=svg, caption=caption or spec.get("description", ""))


@_unchecked
def locator_map(brief: Brief) -> alt.LayerChart | None:
    """The states among the brief's actors on a map, central ones darkest, named where names do not collide.

    The map frames the region where most of the states lie (central ones weigh most) and names those it
    leaves off; when there is no such region it shows the world. A state too small to see gets a dot."""
    points, names = _world()["points"], _state_names()
    states: dict[str, dict] = {}
    for actor in brief.actors:
        # A CAMEO code opens with the country's ISO code ("IRQGOV" is Iraq's government), which is all a
        # map can place.
        code = (actor.code or "")[:3]
        if actor.type != "state" or code not in points:
            continue
        row = states.setdefault(code, {"code": code, "name": names.get(code, actor.name), "central": False})
        row["central"] |= actor.central
    if not states:
        return None
    # Central states first: when names collide, theirs are the ones kept.
    rows = [
        {
            "code": code,
            "name": row["name"],
            "role": "Central actor" if row["central"] else "Also named",
            "central": row["central"],
            "lon": points[code][0],
            "lat": points[code][1],
            "area": points[code][2],
        }
        for code, row in sorted(states.items(), key=lambda item: not item[1]["central"])
    ]
    view, shown = _MapView.around(rows)
    view.place_labels(shown)
    roles = [role for role in MAP_COLOURS if any(r["role"] == role for r in rows)]
    colour = alt.Color(
        "role:N",
        title=None,
        scale=alt.Scale(domain=roles, range=[MAP_COLOURS[role] for role in roles]),
        legend=alt.Legend(orient="bottom", direction="horizontal", symbolType="square"),
    )
    tooltip = [alt.Tooltip("name:N", title="State"), alt.Tooltip("role:N", title="In the article")]
    # One copy of the boundaries for both layers that draw them, as a string that Vega parses: a notebook
    # stores a nested list one number a line, which would make the map's spec several times larger.
    world = alt.Data(values=_topology(view), format=alt.DataFormat(type="topojson", feature="countries"))
    land = alt.Chart().mark_geoshape(fill=LAND, stroke=BORDER, strokeWidth=0.5, clip=True)
    involved = (
        alt.Chart()
        .mark_geoshape(stroke=BORDER, strokeWidth=0.5, clip=True)
        .transform_lookup(lookup="id", from_=alt.LookupData(alt.Data(values=rows), "code", ["name", "role"]))
        .transform_filter("isValid(datum.role)")
        .encode(color=colour, tooltip=tooltip)
    )
    marked = alt.Chart(alt.Data(values=shown))
    dots = (
        marked.transform_filter("datum.dot")
        .mark_circle(size=45, stroke=BORDER, strokeWidth=1.5, opacity=1, clip=True)
        .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), color=colour, tooltip=tooltip)
    )
    named = marked.transform_filter("isValid(datum.label_lat)").encode(
        longitude=alt.Longitude("label_lon:Q"), latitude=alt.Latitude("label_lat:Q"), text=alt.Text("name:N")
    )
    text = {"fontSize": 10, "fontWeight": "bold", "clip": True}
    left_off = [r for r in rows if r not in shown]
    title = {}
    if left_off:
        names = ", ".join(r["name"] + (" (central actor)" if r["central"] else "") for r in left_off)
        title["title"] = alt.Title(f"Also named, outside this view: {names}", orient="bottom", anchor="start",
                                   fontSize=10, fontWeight="normal", color=MUTED)
    return alt.layer(
        land,
        involved,
        dots,
        # A white outline drawn under each name keeps it readable over coloured land.
        named.mark_text(stroke=BORDER, strokeWidth=3, **text),
        named.mark_text(color=INK, **text),
        data=world,
        projection=alt.Projection(**view.projection),
        width=WIDTH,
        height=view.height,
        description="Locator map: the states the article names, central actors darkest",
        config=_config(),
        **title,
    )


@_unchecked
def timeline_chart(brief: Brief) -> alt.LayerChart | None:
    """Dated events in time order, a dot for a day and a bar for a month or a year, with publication marked;
    None unless the article gives at least three events with resolved dates."""
    published = _day(brief.article.published)
    events = present.charted_events(brief)
    if not events:
        return None
    # Each label ends on the sentence it comes from: the annex lists no table of these events beside the chart.
    labels = _unique([f"{_shorten(entry.what)} [{entry.evidence}]" for _, entry in events])
    rows = [
        {
            "event": label,
            "what": entry.what,
            "when": entry.when,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "mid": (start + (end - start) / 2).isoformat(),
            "exact": end == start,
            "phase": "Due after publication" if published and start > published else "Before publication",
        }
        for label, ((start, end), entry) in zip(labels, events, strict=True)
    ]
    first, last = events[0][0][0], max(end for (_, end), _ in events)
    axis_format, ticks = _time_axis(first, last)
    # On a utc scale Vega-Lite formats the labels in UTC too, so a date never shows as the day before.
    axis = alt.Axis(format=axis_format, tickCount=ticks, labelAngle=0, grid=True, gridColor="#eef0f2",
                    labelFlush=False)
    scale = alt.Scale(type="utc", padding=12)
    # The labels are cut to LABEL_CHARS already. A limit in pixels would have Vega measure every label near it
    # a dozen times over to cut a few more letters: half the time the chart takes to draw.
    y = alt.Y("event:N", title=None, sort=labels, axis=alt.Axis(labelLimit=0, labelPadding=6, ticks=False,
                                                                domain=False))
    phases = [p for p in WHEN_COLOURS if any(r["phase"] == p for r in rows)]
    colour = alt.Color(
        "phase:N",
        title=None,
        scale=alt.Scale(domain=phases, range=[WHEN_COLOURS[p] for p in phases]),
        legend=alt.Legend(orient="bottom", direction="horizontal", symbolType="circle", symbolOpacity=1)
        if len(phases) > 1
        else None,
    )
    tooltip = [alt.Tooltip("when:N", title="When"), alt.Tooltip("what:N", title="What")]
    base = alt.Chart(alt.Data(values=rows)).encode(y=y, color=colour, tooltip=tooltip)
    layers = [
        # A month or a year is drawn as a bar over its span, with a dot in its middle that stays visible
        # when the bar is too short to see.
        base.transform_filter("!datum.exact").mark_bar(height=8, cornerRadius=2, opacity=0.35).encode(
            x=alt.X("start:T", title=None, scale=scale, axis=axis), x2=alt.X2("end:T")
        ),
        base.mark_circle(size=70, opacity=1).encode(x=alt.X("mid:T", title=None, scale=scale, axis=axis)),
    ]
    if published and first <= published <= last:
        mark = alt.Chart(alt.Data(values=[{"mid": published.isoformat(), "label": "Published"}])).encode(
            x=alt.X("mid:T", title=None, scale=scale, axis=axis)
        )
        layers.insert(0, mark.mark_rule(color=MUTED, strokeDash=[4, 3]))
        layers.append(mark.mark_text(align="left", baseline="top", dx=3, y=0, color=MUTED, fontSize=10).encode(
            text=alt.Text("label:N")
        ))
    return alt.layer(*layers, width=WIDTH - 200, height=alt.Step(22), config=_config(),
                     description="Timeline of the dated events in the article")


@_unchecked
def stance_chart(brief: Brief) -> alt.Chart | None:
    """One row per actor with a stance, a dot in the column of its stance on the central development;
    central actors' names in bold. None when fewer than two actors take a stance: one row says no more than
    the sentence beside it on page 2."""
    order = list(STANCE_COLOURS)
    actors = [a for a in brief.actors if a.stance]
    if len(actors) < 2:
        return None
    actors.sort(key=lambda a: (order.index(a.stance.capitalize()), not a.central, -a.mentions, a.name))
    names = _unique([a.name for a in actors])
    rows = [
        {"actor": name, "stance": a.stance.capitalize(), "quote": a.stance_quote or "", "central": a.central}
        for name, a in zip(names, actors, strict=True)
    ]
    central = [r["actor"] for r in rows if r["central"]]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_circle(size=170, opacity=1)
        .encode(
            x=alt.X(
                "stance:N",
                title=None,
                scale=alt.Scale(domain=order),
                axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=12, labelFontWeight="bold", ticks=False,
                              domain=False, grid=False, labelPadding=6),
            ),
            y=alt.Y(
                "actor:N",
                title=None,
                sort=names,
                axis=alt.Axis(
                    labelLimit=240,
                    ticks=False,
                    domain=False,
                    grid=True,
                    gridColor="#eef0f2",
                    labelFontWeight=alt.condition(
                        f"indexof({json.dumps(central)}, datum.value) >= 0", alt.value("bold"), alt.value("normal")
                    ),
                ),
            ),
            color=alt.Color(
                "stance:N", legend=None, scale=alt.Scale(domain=order, range=list(STANCE_COLOURS.values()))
            ),
            tooltip=[
                alt.Tooltip("actor:N", title="Actor"),
                alt.Tooltip("stance:N", title="Stance"),
                alt.Tooltip("quote:N", title="In the article"),
            ],
        )
    )
    title = {}
    if brief.development:
        lines = textwrap.wrap(f"The development: {brief.development}", 78, max_lines=2, placeholder=" …")
        title["title"] = alt.Title(lines, anchor="start", fontSize=11, fontWeight="normal", color=MUTED, offset=10)
    return chart.properties(width=alt.Step(110), height=alt.Step(24), config=_config(),
                            description="Stances on the central development", **title)


@functools.cache
def _world() -> dict:
    # Natural Earth countries at 1:110m and a label point per gazetteer state; see the file's "source".
    return json.loads((files("policybrief") / "data" / "world.json").read_text(encoding="utf-8"))


@functools.cache
def _state_names() -> dict[str, str]:
    """The gazetteer's name for each state code: one name per state, however the article's actors read."""
    states = yaml.safe_load((files("policybrief") / "data" / "states.yaml").read_text(encoding="utf-8"))
    return {state["code"]: state["name"] for state in states}


def _topology(view: _MapView) -> str:
    """The boundaries of the countries the view shows, with only the arcs they use: the PDF draws every
    country it is given, clipped or not, and a regional map needs a fraction of them."""
    topology = _world()["topology"]
    countries = [
        country
        for country, bounds in zip(topology["objects"]["countries"]["geometries"], _country_bounds(), strict=True)
        if view.shows(bounds)
    ]
    used = sorted({i if i >= 0 else ~i for country in countries for i in _flat(country["arcs"])})
    number = {old: new for new, old in enumerate(used)}
    kept = [
        {**country, "arcs": _renumbered(country["arcs"], lambda i: number[i] if i >= 0 else ~number[~i])}
        for country in countries
    ]
    return json.dumps(
        {
            "type": "Topology",
            "transform": topology["transform"],
            "arcs": [topology["arcs"][i] for i in used],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": kept}},
        },
        separators=(",", ":"),
    )


@functools.cache
def _country_bounds() -> list[tuple[float, float, float, float]]:
    """Each country's west, south, east and north bounds in degrees, in the topology's order."""
    topology = _world()["topology"]
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        # TopoJSON arcs are delta-encoded: each position is the sum of those before it.
        xs, ys = list(itertools.accumulate(dx for dx, _ in arc)), list(itertools.accumulate(dy for _, dy in arc))
        arcs.append((min(xs) * sx + tx, min(ys) * sy + ty, max(xs) * sx + tx, max(ys) * sy + ty))
    bounds = []
    for country in topology["objects"]["countries"]["geometries"]:
        own = [arcs[i if i >= 0 else ~i] for i in _flat(country["arcs"])]
        bounds.append((min(b[0] for b in own), min(b[1] for b in own), max(b[2] for b in own), max(b[3] for b in own)))
    return bounds


def _flat(nested: list) -> list[int]:
    return [i for item in nested for i in (_flat(item) if isinstance(item, list) else [item])]


def _renumbered(nested: list, number) -> list:
    return [_renumbered(item, number) if isinstance(item, list) else number(item) for item in nested]


@dataclass(frozen=True)
class _MapView:
    """Where the map looks and how big it is, and where its projection puts a point, in pixels."""

    projection: dict
    height: int
    left: float
    top: float
    scale: float
    # The longitude at the middle of the map: a region is turned to face the viewer, so that one across
    # the 180th meridian (Fiji, the Bering Strait) is not split between the map's two edges.
    centre: float = 0.0

    @classmethod
    def around(cls, rows: list[dict]) -> tuple[_MapView, list[dict]]:
        """The view of the region most of the states lie in, with a margin, or of the world; and the states
        it shows."""
        def weight(group: list[dict]) -> int:
            return sum(3 if r["central"] else 1 for r in group)

        def east_of(anchor: dict, row: dict) -> float:
            return _wrapped(row["lon"] - anchor["lon"])

        def near(anchor: dict, row: dict) -> bool:
            return abs(east_of(anchor, row)) <= REGION[0] / 2 and abs(row["lat"] - anchor["lat"]) <= REGION[1] / 2

        anchor, region = max(((c, [r for r in rows if near(c, r)]) for c in rows), key=lambda pair: weight(pair[1]))
        if weight(region) >= REGION_SHARE * weight(rows):
            lons, lats = [east_of(anchor, r) for r in region], [r["lat"] for r in region]
            # A state reaches well beyond its label point: the margin covers the states, not only their points.
            half_lon = max((max(lons) - min(lons)) * 0.75 + 8, MIN_FRAME[0] / 2)
            half_lat = max((max(lats) - min(lats)) * 0.75 + 8, MIN_FRAME[1] / 2)
            centre, mid_lat = _wrapped(anchor["lon"] + (max(lons) + min(lons)) / 2), (max(lats) + min(lats)) / 2
            corners = [
                (-half_lon, max(mid_lat - half_lat, -85.0)),
                (half_lon, min(mid_lat + half_lat, 85.0)),
            ]
            # Fitting to corner points (a rectangle's edges would be great-circle arcs) frames the region.
            frame = {
                "type": "Feature",
                "geometry": {"type": "MultiPoint", "coordinates": [[centre + lon, lat] for lon, lat in corners]},
                "properties": {},
            }
            projection = {"type": "equalEarth", "rotate": [-centre, 0, 0], "fit": frame}
            height, shown = REGION_HEIGHT, region
        else:
            # Vega fits the projection to the land drawn: Cape Horn to the north of Greenland.
            corners = [(-180.0, 0.0), (180.0, 0.0), (0.0, -55.7), (0.0, 83.7)]
            projection, height, shown, centre = {"type": "equalEarth"}, None, rows, 0.0
        xs, ys = zip(*(_equal_earth(lon, lat) for lon, lat in corners), strict=True)
        width, tall = max(xs) - min(xs), max(ys) - min(ys)
        height = height or round(WIDTH * tall / width)
        scale = min(WIDTH / width, height / tall)
        # Like d3's fitSize, the frame is centred in the view.
        left = min(xs) - (WIDTH / scale - width) / 2
        top = max(ys) + (height / scale - tall) / 2
        return cls(projection, height, left, top, scale, centre), shown

    def shows(self, bounds: tuple[float, float, float, float]) -> bool:
        """Whether any of a box of longitudes and latitudes falls in the view (or the view is the world)."""
        if "fit" not in self.projection:
            return True
        west, south, east, north = bounds
        if east - west >= 180:  # a country all round the world (Russia, Fiji at the 180th meridian)
            return True
        west, east = self._turned(west), self._turned(east)
        if west > east:  # across the map's edges, behind the viewer: kept rather than worked out
            return True
        # Equal Earth keeps parallels straight, so a box's extremes lie on its corners or on the equator.
        lats = [south, north] + ([0.0] if south < 0 < north else [])
        corners = [self._at(lon, lat) for lon in (west, east) for lat in lats]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        return max(xs) >= 0 and min(xs) <= WIDTH and max(ys) >= 0 and min(ys) <= self.height

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        return self._at(self._turned(lon), lat)

    def _turned(self, lon: float) -> float:
        """The longitude east of the map's middle, from -180 to 180."""
        return _wrapped(lon - self.centre)

    def _at(self, turned_lon: float, lat: float) -> tuple[float, float]:
        x, y = _equal_earth(turned_lon, lat)
        return (x - self.left) * self.scale, (self.top - y) * self.scale

    def place_labels(self, rows: list[dict]) -> None:
        """Sets each row's dot (whether its state is too small to see) and the longitude and latitude of its
        name: on the state, or above or below its dot, wherever the name hits no earlier name and no dot.
        A central state's name may cover another state's dot rather than go missing."""
        pixels = [self.pixel(r["lon"], r["lat"]) for r in rows]
        for row in rows:
            row["dot"] = row["area"] * self._pixels_per_degree(row["lat"]) ** 2 < MIN_VISIBLE_PIXELS
        dots = [(x - 3.5, y - 3.5, x + 3.5, y + 3.5) for r, (x, y) in zip(rows, pixels, strict=True) if r["dot"]]
        names: list[tuple[float, ...]] = []
        for row, (x, y) in zip(rows, pixels, strict=True):
            half = len(row["name"]) * 3.2 + 2
            # A name goes on its state only where the state is well larger than the name.
            roomy = row["area"] * self._pixels_per_degree(row["lat"]) ** 2 > 3 * (2 * half * 12)
            offsets = (0, -10, 11) if roomy else (-10, 11)
            boxes = [(x - half, y + dy - 6, x + half, y + dy + 6) for dy in offsets]
            fits = [b for b in boxes if b[0] >= 0 and b[2] <= WIDTH and b[1] >= 0 and b[3] <= self.height]
            free = [b for b in fits if not any(_overlap(b, other) for other in names)]
            clear = [b for b in free if not any(_overlap(b, d) for d in dots)]
            box = (clear or (free if row["central"] else []) or [None])[0]
            row["label_lon"], row["label_lat"] = (None, None) if box is None else (row["lon"], self._latitude_at(
                row["lat"], (box[1] + box[3]) / 2 - y))
            if box is not None:
                names.append(box)

    def _pixels_per_degree(self, lat: float) -> float:
        return (_equal_earth(0.0, lat + 0.5)[1] - _equal_earth(0.0, lat - 0.5)[1]) * self.scale

    def _latitude_at(self, lat: float, dy: float) -> float:
        """The latitude dy pixels below lat (near enough for a label's few pixels)."""
        return round(lat - dy / self._pixels_per_degree(lat), 3)


def _wrapped(lon: float) -> float:
    return (lon + 180) % 360 - 180


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Equal Earth projection (Šavrič, Patterson, Jenny 2018), as d3 and Vega compute it, y up."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (math.sqrt(3) / 2 * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    return x, theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _day(value: str | None) -> date | None:
    span = date_span(value)
    return span[0] if span and span[0] == span[1] else None


def _time_axis(first: date, last: date) -> tuple[str, dict]:
    """A label format and a round tick interval that give at most about six unambiguous labels."""
    days = (last - first).days
    if days > 3 * 365:
        return "%Y", {"interval": "year", "step": _round_step(days / 365 / 6, (1, 2, 5, 10, 20, 25, 50, 100))}
    if days > 120:
        return "%b %Y", {"interval": "month", "step": _round_step(days / 30 / 6, (1, 2, 3, 6))}
    return "%-d %b %Y", {"interval": "day", "step": _round_step(days / 6, (1, 2, 7, 14))}


def _round_step(wanted: float, steps: tuple[int, ...]) -> int:
    return next((step for step in steps if step >= wanted), steps[-1])


def _shorten(text: str) -> str:
    return textwrap.shorten(" ".join(text.split()), LABEL_CHARS, placeholder=" …")


def _unique(labels: list[str]) -> list[str]:
    # Labels name the rows of a chart; two rows with one label would be drawn as one.
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _config() -> alt.Config:
    # Given to each chart as it is made: Altair's configure_*, properties and project calls each copy the whole
    # chart, boundaries included.
    return alt.Config(
        font=FONT,
        view=alt.ViewConfig(stroke=None),
        axis=alt.AxisConfig(labelFontSize=11, titleFontSize=11, labelColor=INK),
        legend=alt.LegendConfig(labelFontSize=11, symbolSize=120),
    )
