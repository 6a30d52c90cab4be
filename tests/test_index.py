"""The briefings index: a portfolio page built from the manifest and each brief's brief.json, grouped by
situation, sortable and filterable offline. The browser tests drive Debian's Chromium through Playwright with the
network cut off."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from conftest import TagsAndText

from policybrief.brief import Brief, Situation
from policybrief.index import write_index

FIXTURE = Path(__file__).parent / "fixtures" / "brief_iraq.json"
CHROMIUM = Path("/usr/bin/chromium")
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def entry(folder: str, status: str = "built", **extra) -> dict:
    files = ({"html": f"{folder}/brief.html", "pdf": f"{folder}/brief.pdf", "json": f"{folder}/brief.json"}
             if status == "built" else {"error": f"{folder}/error.txt"})
    return {"slug": folder, "folder": folder, "source": f"{folder}.txt", "status": status, "title": None,
            "outlet": None, "published": None, "risk": None, "actors": [], "files": files, "error": None, **extra}


def add_brief(out: Path, folder: str, *, title: str, published: str | None, risk: str, kind: str,
              outlet: str | None, states: list[str], bluf: str, situation: bool = True) -> dict:
    """A real brief.json in `out/folder` (the fixture, retitled, on the situation of its first state), and its
    manifest entry."""
    brief = Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))
    brief.article.title, brief.article.published, brief.article.kind = title, published, kind
    brief.article.source, brief.sourcing.outlet = outlet, outlet
    brief.risk.rating, brief.bluf = risk, bluf
    template = next(a for a in brief.actors if a.type == "state")
    brief.actors = [template.model_copy(update={"name": name, "central": i == 0, "mentions": 10 - i})
                    for i, name in enumerate(states)]
    brief.situation = Situation(key=states[0][:3].lower(), label=states[0]) if situation else None
    (out / folder).mkdir(parents=True)
    (out / folder / "brief.json").write_text(brief.to_json(), encoding="utf-8")
    return entry(folder, title=title, outlet=outlet, published=published, risk=risk)


@pytest.fixture
def portfolio(tmp_path) -> Path:
    out = tmp_path / "briefings"
    briefs = [
        add_brief(out, "003_somalia_atmis_drawdown", title="Somalia asks to slow the AU exit", published="2024-06-20",
                  risk="high", kind="news", outlet="Reuters", states=["Somalia", "Ethiopia"],
                  bluf="Somalia asked the AU to delay the exit of 2,000 troops until September. The U.S. backs it."),
        add_brief(out, "000_26411969a0d151c5", title="Iraq’s PM balances anti-US sentiment with Iran’s interests",
                  published="2024-01-05", risk="moderate", kind="analysis", outlet="https://www.washingtonexaminer.com/x",
                  states=["Iraq", "United States", "Iran", "Syria"], bluf="Iraq wants the coalition out. It is split."),
        add_brief(out, "r112_lebanon_army_deploys", title=f"{SCRIPT} Lebanon army deploys", published=None,
                  risk="low", kind="opinion", outlet=IMG, states=["Lebanon", "Israel"],
                  bluf=f'In an opinion column, {IMG} argues "{SCRIPT}" is fine. Second sentence.'),
        add_brief(out, "chad", title="Chad orders French troops out", published="2024-11-29", risk="high",
                  kind="news", outlet="AFP", states=["Chad", "France"], bluf="Chad ended its defence pact."),
        entry("broken", status="failed", error=f"{SCRIPT}.txt: file is empty"),
    ]
    write_index(out, briefs)
    return out


def parse(html: str) -> TagsAndText:
    page = TagsAndText("script")
    page.feed(html)
    return page


def test_rows_show_outlet_date_kind_countries_risk_and_the_bottom_line_first_sentence(portfolio):
    html = (portfolio / "index.html").read_text(encoding="utf-8")
    assert ">Power-vacuum risk</button></th>" in html
    somalia = re.search(r'<tr class="brief" data-date="2024-06-20".*?</tr>', html, flags=re.S).group(0)
    assert '<p class="lead">Somalia asked the AU to delay the exit of 2,000 troops until September.</p>' in somalia
    assert "The U.S. backs it" not in somalia
    assert "<td>Reuters</td>" in somalia and '<td class="kind">News report</td>' in somalia
    assert "<td>Somalia, Ethiopia</td>" in somalia and '<span class="risk risk-high">high</span>' in somalia
    assert 'data-countries="Somalia|Ethiopia"' in somalia
    # An address in place of an outlet shows as the site's name; no raw address reaches the page.
    assert "<td>washingtonexaminer.com</td>" in html and "https://" not in html
    # Newest first; the undated brief last.
    assert re.findall(r'<tr class="brief" data-date="([^"]*)"', html) == ["2024-11-29", "2024-06-20", "2024-01-05", ""]


def test_downloads_are_named_by_date_and_subject_and_the_files_keep_their_names(portfolio):
    html = (portfolio / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a download="([^"]+)" href="([^"]+)">', html))
    assert links["2024-06-20-somalia-atmis-drawdown.pdf"] == "003_somalia_atmis_drawdown/brief.pdf"
    assert links["2024-11-29-chad.json"] == "chad/brief.json"
    # A file name that is only an id gives way to the title's first words; no date, no date prefix.
    assert links["2024-01-05-iraqs-pm-balances-anti-us-sentiment.html"] == "000_26411969a0d151c5/brief.html"
    assert links["lebanon-army-deploys.pdf"] == "r112_lebanon_army_deploys/brief.pdf"
    assert (portfolio / "003_somalia_atmis_drawdown" / "brief.json").is_file()
    assert html.count('/brief.pdf">PDF</a>') == 4


def test_article_text_is_escaped_everywhere_and_the_only_script_is_the_index_own(portfolio):
    html = (portfolio / "index.html").read_text(encoding="utf-8")
    assert SCRIPT not in html and IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Lebanon army deploys" in html
    assert 'data-title="&lt;script&gt;alert(1)&lt;/script&gt; Lebanon army deploys"' in html
    page = parse(html)
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert scripts == [{"id": "policybrief-index"}] and "alert" not in "".join(page.texts)
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert not re.search(r"\b(src|href)=\"(https?:)?//", html) and "url(" not in html and "@import" not in html
    assert 'href="broken/error.txt"' in html


def test_an_unreadable_brief_json_still_gets_its_row_from_the_manifest(tmp_path):
    out = tmp_path / "briefings"
    (out / "x").mkdir(parents=True)
    (out / "x" / "brief.json").write_text("{not json", encoding="utf-8")
    write_index(out, [entry("x", title="Kept from the manifest", outlet="AP", published="2024-02-01", risk="low")])
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Kept from the manifest" in html and "<td>AP</td>" in html and "risk-low" in html


@pytest.fixture
def situations(tmp_path) -> Path:
    """Four briefs on Niger (one undated), one on Chad, one on no situation; a brief folder the manifest does not
    list (copied in from elsewhere), a corrupt brief.json and another tool's brief.json."""
    out = tmp_path / "briefings"
    common = {"kind": "news", "outlet": "Reuters", "bluf": "A bottom line."}
    briefs = [
        add_brief(out, "ner-apr", title="Russian trainers arrive in Niger", published="2024-04-12", risk="moderate",
                  states=["Niger", "Russia"], **common),
        add_brief(out, "ner-may", title="U.S. to pull troops from Niger", published="2024-05-20", risk="high",
                  states=["Niger", "United States", "Russia"], **common),
        add_brief(out, "ner-undated", title="Ghana may send troops to Niger", published=None, risk="low",
                  states=["Niger", "Ghana"], **common),
        add_brief(out, "chad", title="Chad orders French troops out", published="2024-11-29", risk="high",
                  states=["Chad", "France"], **common),
        add_brief(out, "festival", title="Bread festival", published="2024-09-09", risk="low", states=["Italy"],
                  situation=False, **common),
    ]
    copied = add_brief(out, "elsewhere/ner-aug", title="IS and JNIM wreak havoc in Niger", published="2024-08-02",
                       risk="moderate", states=["Niger", "Mali"], **common)
    (out / copied["files"]["html"]).write_text("<!DOCTYPE html><title>brief</title>", encoding="utf-8")
    (out / "broken").mkdir()
    (out / "broken" / "brief.json").write_text("{not json", encoding="utf-8")
    (out / "other-tool").mkdir()
    (out / "other-tool" / "brief.json").write_text('{"title": "Not ours", "sections": []}', encoding="utf-8")
    write_index(out, briefs)
    return out


def test_briefs_are_grouped_by_situation_with_the_risk_by_date_and_the_actors_that_recur(situations):
    html = (situations / "index.html").read_text(encoding="utf-8")
    # The situation with the latest brief first; briefs on no situation last.
    assert re.findall(r'<tbody class="situation" data-situation="([^"]*)"', html) == ["cha", "nig", ""]
    assert "6 briefs on 2 situations" in html
    niger = re.search(r'<tbody class="situation" data-situation="nig".*?</tbody>', html, flags=re.S).group(0)
    assert '<span class="situation-name">Niger</span>' in niger
    assert "4 briefs · last update 2024-08-02" in niger
    # The rating brief by date, oldest first; the latest full size, the others small; the undated one left out.
    trend = re.search(r'<ol class="trend".*?</ol>', niger, flags=re.S).group(0)
    assert re.findall(r"<li[^>]*>(\S+) <span class=\"risk risk-(\w+)( small)?\">", trend) == [
        ("2024-04-12", "moderate", " small"), ("2024-05-20", "high", " small"), ("2024-08-02", "moderate", "")]
    # Named in at least two of the situation's briefs, most often first.
    assert re.findall(r"<li>([^<]+) <span class=\"n\">×(\d)</span></li>", niger) == [("Niger", "4"), ("Russia", "2")]
    assert re.findall(r'<tr class="brief" data-date="([^"]*)"', niger) == ["2024-08-02", "2024-05-20", "2024-04-12", ""]
    # Copied in from elsewhere: listed from its brief.json, with its links.
    assert 'href="elsewhere/ner-aug/brief.html">IS and JNIM wreak havoc in Niger</a>' in niger
    assert 'href="elsewhere/ner-aug/brief.json">JSON</a>' in niger
    chad = re.search(r'<tbody class="situation" data-situation="cha".*?</tbody>', html, flags=re.S).group(0)
    assert "1 brief · last update 2024-11-29" in chad and 'class="trend"' not in chad
    assert '<span class="risk risk-high">high</span>' in chad and "Recurring actors" not in chad
    other = re.search(r'<tbody class="situation" data-situation="".*?</tbody>', html, flags=re.S).group(0)
    assert '<span class="situation-name">Other briefs</span>' in other and "Bread festival" in other
    assert "Power-vacuum risk" not in other


def test_a_corrupt_or_foreign_brief_json_is_skipped_with_one_warning_each(situations, caplog):
    html = (situations / "index.html").read_text(encoding="utf-8")
    assert "Not ours" not in html and "broken" not in html
    out = situations.parent / "more"
    for folder, text in (("broken", "{not json"), ("other-tool", '{"title": "Not ours", "sections": []}')):
        (out / folder).mkdir(parents=True)
        (out / folder / "brief.json").write_text(text, encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="policybrief")
    for _ in range(3):  # a batch rewrites the index after every brief
        write_index(out, [])
    warnings = sorted(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert len(warnings) == 2, warnings
    broken, foreign = warnings
    assert "\n" not in broken + foreign
    assert str(out / "broken" / "brief.json") in broken and "not valid JSON" in broken
    assert str(out / "other-tool" / "brief.json") in foreign and "not a policybrief brief" in foreign
    assert "0 briefs" in (out / "index.html").read_text(encoding="utf-8")


# Slow: a real browser.


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.mark.slow
def test_in_a_browser_offline_sorting_filtering_and_badges_on_one_line(portfolio, browser):
    context = browser.new_context(viewport={"width": 640, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    # Anything but the page's own files is refused, so a stray fetch would also break the page visibly.
    context.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((portfolio / "index.html").as_uri())

    def dates() -> list[str]:
        return page.eval_on_selector_all("#briefs tr.brief:not([hidden])", "rows => rows.map(r => r.dataset.date)")

    assert page.is_visible("#controls") and page.inner_text("#shown") == "4 of 4 briefs"
    assert dates() == ["2024-11-29", "2024-06-20", "2024-01-05", ""]
    page.click("button[data-key=date]")
    assert dates() == ["2024-01-05", "2024-06-20", "2024-11-29", ""]  # undated stays last
    page.click("button[data-key=date]")
    assert dates() == ["2024-11-29", "2024-06-20", "2024-01-05", ""]
    page.click("button[data-key=risk]")
    assert page.eval_on_selector_all("#briefs tr.brief", "rows => rows.map(r => r.dataset.risk)") == [
        "high", "high", "moderate", "low"]

    page.select_option("#filter-risk", "high")
    assert sorted(dates()) == ["2024-06-20", "2024-11-29"] and page.inner_text("#shown") == "2 of 4 briefs"
    assert page.locator("#briefs tr.brief[hidden]").count() == 2
    page.select_option("#filter-country", "Somalia")
    assert dates() == ["2024-06-20"]
    page.select_option("#filter-risk", "")
    page.select_option("#filter-country", "")
    page.select_option("#filter-kind", "opinion")
    assert dates() == [""]
    page.select_option("#filter-kind", "")
    page.fill("#filter-from", "2024-06-01")
    assert sorted(dates()) == ["2024-06-20", "2024-11-29"]

    # At 640 px the table is cramped; every badge still sits on a single line.
    for badge in page.query_selector_all("#briefs .risk"):
        if not badge.is_visible():
            continue
        lines = badge.evaluate("el => { const r = document.createRange(); r.selectNodeContents(el);"
                               " return new Set(Array.from(r.getClientRects()).map(q => Math.round(q.top))).size; }")
        box, size = badge.bounding_box(), badge.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert lines == 1 and box["height"] < 2 * size, badge.inner_text()
        # And at any width: a badge may not break between its letters ("hig h") or its words.
        assert badge.evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
    assert errors == []
    assert requests and all(url.startswith("file://") for url in requests), requests
    context.close()


@pytest.mark.slow
def test_in_a_browser_situations_follow_their_briefs_through_sorting_and_filtering(situations, browser):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    context.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((situations / "index.html").as_uri())

    def shown() -> list[tuple[str, list[str]]]:
        groups = page.eval_on_selector_all("#briefs tbody:not([hidden])", """groups => groups.map(g => [
            g.dataset.situation, Array.from(g.querySelectorAll("tr.brief:not([hidden])")).map(r => r.dataset.date)])""")
        return [(situation, dates) for situation, dates in groups]

    assert page.inner_text("#shown") == "6 of 6 briefs"
    page.click("button[data-key=date]")  # oldest first: situations by their last update, undated briefs last
    assert shown() == [("nig", ["2024-04-12", "2024-05-20", "2024-08-02", ""]), ("cha", ["2024-11-29"]),
                       ("", ["2024-09-09"])]
    page.click("button[data-key=risk]")  # highest first: situations by their latest rating
    assert [g for g, _ in shown()] == ["cha", "nig", ""]
    page.select_option("#filter-country", "Russia")  # a situation none of whose briefs is shown is hidden
    assert shown() == [("nig", ["2024-05-20", "2024-04-12"])] and page.inner_text("#shown") == "2 of 6 briefs"
    page.select_option("#filter-country", "")
    page.fill("#filter-from", "2024-06-01")
    assert shown() == [("cha", ["2024-11-29"]), ("nig", ["2024-08-02"]), ("", ["2024-09-09"])]
    # The header of a situation stays readable: its badges on one line each.
    for badge in page.query_selector_all("tr.situation-head .risk"):
        box, size = badge.bounding_box(), badge.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert box["height"] < 2 * size and badge.evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
    assert errors == []
    context.close()
