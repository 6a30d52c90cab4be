"""Charts: what each draws from a brief, when it draws nothing, and how it travels to Lab, the page and the PDF.

Specs are checked by rendering them with vl-convert (the engine that draws the PDF's SVG), including with the
oldest Vega-Lite it carries, 5.8, the nearest to JupyterLab's 5.6; tests/test_lab.py draws them in Lab itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import vl_convert as vlc

from policybrief import charts
from policybrief.brief import Actor, Brief, TimelineEntry
from policybrief.outputs import VEGALITE_MIMETYPE
from policybrief.present import PAGE_METADATA_KEY

IRAQ = Path(__file__).parent / "fixtures" / "brief_iraq.json"
SCRIPT = "<script>alert(1)</script>"


def brief() -> Brief:
    return Brief.model_validate_json(IRAQ.read_text(encoding="utf-8"))


def state(name: str, code: str, central: bool = False) -> Actor:
    return Actor(name=name, type="state", code=code, central=central)


def with_states(*actors: Actor) -> Brief:
    b = brief()
    b.actors = list(actors)
    return b


def dated(*dates: str, published: str | None = "2024-01-05") -> Brief:
    b = brief()
    b.article.published = published
    b.timeline = [
        TimelineEntry(when=d, date=d, what=f"Event {i} happened", evidence="s1") for i, d in enumerate(dates)
    ]
    return b


def layers(chart) -> list[dict]:
    return chart.to_dict()["layer"]


def scene_items(spec: dict, name: str) -> list[dict]:
    """The items of one mark of the drawn chart (vl-convert's scenegraph), by mark name."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("name") == name:
                found.extend(node.get("items", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(vlc.vegalite_to_scenegraph(spec, allowed_base_urls=[]))
    return found


def svg_text(svg: str) -> str:
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


# ---------------------------------------------------------------- nothing to draw, nothing shown


def test_show_none_displays_nothing():
    assert charts.show(None, "A caption") is None


def test_each_chart_is_none_when_the_brief_gives_it_nothing():
    b = brief()
    b.actors = [a for a in b.actors if a.type != "state"]
    for actor in b.actors:
        actor.stance = None
    b.timeline = b.timeline[:2]
    assert charts.locator_map(b) is None
    assert charts.stance_chart(b) is None
    assert charts.timeline_chart(b) is None


def test_a_state_actor_is_placed_by_the_country_its_code_opens_with():
    chart = charts.locator_map(with_states(state("Government of Iraq", "IRQGOV", central=True), state("Iran", "IRN")))
    rows = {r["code"]: r for r in chart.to_dict()["layer"][2]["data"]["values"]}
    assert set(rows) == {"IRQ", "IRN"} and rows["IRQ"]["name"] == "Iraq" and rows["IRQ"]["central"]


def test_states_outside_the_gazetteer_draw_no_map():
    assert charts.locator_map(with_states(state("Atlantis", "ATL", central=True))) is None


def test_timeline_needs_three_distinct_resolved_dates():
    assert charts.timeline_chart(dated("2020", "2021-03")) is None
    # Unresolved, malformed and impossible dates do not count, nor does the same event twice.
    b = dated("2020", "2021-03", "2021-13", "soon", "2020")
    b.timeline[3].date = None
    b.timeline[4].what = b.timeline[0].what
    assert charts.timeline_chart(b) is None
    assert charts.timeline_chart(dated("2020", "2021-03", "2022-06-30")) is not None


# ---------------------------------------------------------------- locator map


def test_map_colours_central_and_other_states_and_names_them():
    chart = charts.locator_map(
        with_states(state("Iraq", "IRQ", central=True), state("Iran", "IRN"), state("Syria", "SYR"))
    )
    spec = charts.show(chart).spec
    rows = {r["code"]: r for r in spec["layer"][2]["data"]["values"]}
    assert rows["IRQ"]["role"] == "Central actor" and rows["IRN"]["role"] == "Also named"
    colour = spec["layer"][1]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Central actor", "Also named"] and colour["range"][0] == charts.NAVY
    names = {item["text"] for item in scene_items(spec, "layer_4_marks")}
    assert names == {"Iraq", "Iran", "Syria"}


def test_map_boundaries_are_inline_and_nothing_is_fetched():
    spec = charts.show(charts.locator_map(with_states(state("Haiti", "HTI", True), state("Kenya", "KEN", True)))).spec
    assert '"url"' not in json.dumps(spec)
    ids = {g.get("id") for g in json.loads(spec["data"]["values"])["objects"]["countries"]["geometries"]}
    assert {"KEN", "HTI", "IRQ", "USA", "KSV", "SOL", "PSE", "TWN"} <= ids and "ATA" not in ids


@pytest.mark.parametrize(
    "actors",
    [
        [state("Mali", "MLI", True), state("France", "FRA")],
        [state("Chile", "CHL", True)],
        [state("Fiji", "FJI", True), state("Tonga", "TON"), state("Samoa", "WSM")],
        [state("Armenia", "ARM", True), state("Azerbaijan", "AZE", True)],
    ],
)
def test_a_regional_map_carries_only_the_countries_it_shows_and_looks_the_same(actors):
    spec = charts.show(charts.locator_map(with_states(*actors))).spec
    countries = json.loads(spec["data"]["values"])["objects"]["countries"]["geometries"]
    assert len(countries) < len(charts._world()["topology"]["objects"]["countries"]["geometries"])
    whole = json.loads(json.dumps(spec))
    whole["data"]["values"] = json.dumps(charts._world()["topology"])
    # A country left out that should show would leave a hole: the pictures must match pixel for pixel.
    assert vlc.vegalite_to_png(spec, allowed_base_urls=[]) == vlc.vegalite_to_png(whole, allowed_base_urls=[])


def test_every_gazetteer_state_has_a_place_on_the_map():
    import yaml

    from policybrief.data import __file__ as data_init

    states = yaml.safe_load((Path(data_init).parent / "states.yaml").read_text(encoding="utf-8"))
    assert {s["code"] for s in states if not s.get("former")} <= set(charts._world()["points"])


def test_a_state_too_small_to_see_gets_a_dot_and_a_large_one_does_not():
    spec = charts.show(
        charts.locator_map(with_states(state("Bahrain", "BHR", central=True), state("Saudi Arabia", "SAU")))
    ).spec
    rows = {r["code"]: r for r in spec["layer"][2]["data"]["values"]}
    assert rows["BHR"]["dot"] and not rows["SAU"]["dot"]
    assert len(scene_items(spec, "layer_2_marks")) == 1


def test_states_far_apart_show_the_world_and_a_region_is_framed():
    world = charts.locator_map(
        with_states(state("Haiti", "HTI", central=True), state("Kenya", "KEN", central=True), state("Japan", "JPN"))
    ).to_dict()
    assert "fit" not in world["projection"]
    region = charts.locator_map(with_states(state("Armenia", "ARM", central=True), state("Azerbaijan", "AZE")))
    assert "fit" in region.to_dict()["projection"]


def test_a_state_far_from_the_region_is_named_under_the_map():
    chart = charts.locator_map(
        with_states(
            state("Iraq", "IRQ", central=True),
            state("Iran", "IRN"),
            state("Syria", "SYR"),
            state("United States", "USA", central=True),
        )
    )
    title = chart.to_dict()["title"]
    assert title["orient"] == "bottom" and "United States (central actor)" in title["text"]
    names = {item["text"] for item in scene_items(charts.show(chart).spec, "layer_4_marks")}
    assert "United States" not in names and "Iraq" in names


def test_map_projection_model_matches_what_vega_draws():
    """Label placement predicts where Vega puts each state: the prediction must hold for dots in a region
    and in the world."""
    for actors in (
        [state("Bahrain", "BHR", central=True), state("Qatar", "QAT"), state("Lebanon", "LBN")],
        [state("Singapore", "SGP", central=True), state("Malta", "MLT", central=True), state("Tuvalu", "TUV", True)],
    ):
        chart = charts.locator_map(with_states(*actors))
        shown = chart.to_dict()["layer"][2]["data"]["values"]
        view, _ = charts._MapView.around(shown)
        rows = [r for r in shown if r["dot"]]
        drawn = [(item["x"], item["y"]) for item in scene_items(charts.show(chart).spec, "layer_2_marks")]
        assert len(drawn) == len(rows) >= 2
        for row in rows:
            x, y = view.pixel(row["lon"], row["lat"])
            assert any(abs(dx - x) < 2 and abs(dy - y) < 2 for dx, dy in drawn), row["code"]


def test_names_on_a_crowded_map_do_not_overlap_and_central_ones_are_kept():
    crowd = [
        state("Israel", "ISR", central=True),
        state("Lebanon", "LBN", central=True),
        *(
            state(name, code)
            for name, code in [
                ("Syria", "SYR"),
                ("Jordan", "JOR"),
                ("Palestine", "PSE"),
                ("Egypt", "EGY"),
                ("Cyprus", "CYP"),
                ("Iraq", "IRQ"),
                ("Iran", "IRN"),
                ("Saudi Arabia", "SAU"),
                ("Turkey", "TUR"),
            ]
        ),
    ]
    items = scene_items(charts.show(charts.locator_map(with_states(*crowd))).spec, "layer_4_marks")
    names = [item["text"] for item in items]
    assert {"Israel", "Lebanon"} <= set(names)
    # 10px bold DejaVu Sans is about 6 px a character and 12 px tall.
    boxes = [(i["x"] - len(i["text"]) * 3, i["y"] - 6, i["x"] + len(i["text"]) * 3, i["y"] + 6) for i in items]
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            first, second = boxes[a], boxes[b]
            overlap = first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]
            assert not overlap, (names[a], names[b])


# ---------------------------------------------------------------- timeline


def test_timeline_marks_spans_days_and_publication():
    chart = charts.timeline_chart(dated("2003", "2020-01", "2023-11-16", "2024-08-31"))
    spec = charts.show(chart).spec
    rows = {r["when"]: r for r in spec["layer"][1]["data"]["values"]}
    assert (rows["2003"]["start"], rows["2003"]["end"]) == ("2003-01-01", "2003-12-31")
    assert (rows["2020-01"]["start"], rows["2020-01"]["end"]) == ("2020-01-01", "2020-01-31")
    assert rows["2023-11-16"]["exact"] and not rows["2020-01"]["exact"]
    assert rows["2024-08-31"]["phase"] == "Due after publication"
    assert rows["2023-11-16"]["phase"] == "Before publication"
    assert "Published" in svg_text(charts.show(chart).svg)


def test_timeline_rows_run_in_date_order():
    chart = charts.timeline_chart(dated("2023-11", "2003", "2020-01-03"))
    # each label cites its sentence: the annex has no table of the events the chart draws
    assert chart.to_dict()["layer"][0]["encoding"]["y"]["sort"] == [
        "Event 1 happened [s1]",
        "Event 2 happened [s1]",
        "Event 0 happened [s1]",
    ]


@pytest.mark.parametrize(
    "dates, label",
    [
        (("2003", "2012", "2024-01"), r"\d{4}"),
        (("2023-03", "2023-09-14", "2024-01"), r"[A-Z][a-z]{2} \d{4}"),
        (("2024-06-01", "2024-06-20", "2024-07-09"), r"\d{1,2} [A-Z][a-z]{2} \d{4}"),
    ],
)
def test_timeline_axis_labels_carry_the_year_and_are_few(dates, label):
    svg = charts.show(charts.timeline_chart(dated(*dates, published=None))).svg
    labels = re.findall(r">([^<>]+)</text>", "".join(re.findall(r'role-axis-label.*?</g>', svg)))
    dates_shown = [t for t in labels if re.fullmatch(label, t)]
    assert dates_shown == [t for t in labels if not t.startswith("Event")]
    assert 3 <= len(dates_shown) <= 7 and len(set(dates_shown)) == len(dates_shown), dates_shown


# ---------------------------------------------------------------- stance


def test_stance_chart_groups_actors_by_stance_with_quotes():
    b = brief()
    spec = charts.show(charts.stance_chart(b)).spec
    rows = spec["data"]["values"]
    stances = [r["stance"] for r in rows]
    assert stances == sorted(stances, key=["Supports", "Hedges", "Opposes"].index)
    assert {r["actor"] for r in rows} == {a.name for a in b.actors if a.stance}
    assert spec["encoding"]["x"]["scale"]["domain"] == ["Supports", "Hedges", "Opposes"]
    assert spec["encoding"]["color"]["scale"]["range"] == list(charts.STANCE_COLOURS.values())
    assert any(r["quote"] for r in rows)
    assert "The development:" in " ".join(spec["title"]["text"])
    assert {"Supports", "Hedges", "Opposes"} <= set(svg_text(charts.show(charts.stance_chart(b)).svg).split())


# ---------------------------------------------------------------- how a chart travels


def every_chart(b: Brief):
    return [charts.stance_chart(b), charts.locator_map(b), charts.timeline_chart(b)]


def test_a_chart_output_carries_vegalite_and_svg_and_no_html():
    view = charts.show(charts.stance_chart(brief()), "Who stands where")
    data, metadata = view._repr_mimebundle_()
    # With text/html in the bundle JupyterLab would show the sanitised HTML instead of drawing the chart.
    assert set(data) == {VEGALITE_MIMETYPE, "image/svg+xml", "text/plain"}
    assert data["image/svg+xml"].startswith("<svg") and "$schema" not in data[VEGALITE_MIMETYPE]
    assert metadata[PAGE_METADATA_KEY] == {"caption": "Who stands where"}
    assert metadata[VEGALITE_MIMETYPE] == {"embed_options": {"actions": False}}


def test_every_chart_draws_with_the_vega_lite_jupyterlab_has():
    for chart in every_chart(brief()):
        spec = chart.to_dict()
        assert vlc.vegalite_to_svg(spec, vl_version="5.8", allowed_base_urls=[]).startswith("<svg")


def test_hostile_article_text_is_text_in_every_chart():
    b = brief()
    for actor in b.actors:
        actor.name = f"{SCRIPT} {actor.name}"
    b.timeline[0].what = SCRIPT
    b.development = SCRIPT
    for chart in every_chart(b):
        svg = charts.show(chart).svg
        assert SCRIPT not in svg and "<script" not in svg
