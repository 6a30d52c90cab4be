"""Briefs on one situation: a later brief says what changed since the last one, in brief.json and on the page,
and an earlier brief never compares with a later one.

Real articles about Niger: a wire story of 12 April 2024 (Russian trainers arrive), a Reuters report of 20 May
2024 (the U.S. will leave by 15 September), an analysis of 2 August 2024 that the analysis files under Mali and
the analyst files under Niger, and an undated editorial. The slow tests build them with the real notebook, one
run after another into one folder, as an analyst following Niger would.
"""

from __future__ import annotations

import json
import os
import re
from html import unescape
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import ROOT
from pypdf import PdfReader
from test_run import run

from policybrief import present
from policybrief.article_brief import analyze_file
from policybrief.brief import Brief
from policybrief.changes import compare_with_earlier, file_under

TUNE = ROOT / "tests" / "realset" / "tune"
APRIL = TUNE / "r101_niger_russian_air_defence.txt"
MAY = ROOT / "tests" / "devset" / "005_niger_us_drone_base_reuters.txt"
AUGUST = TUNE / "r322_sahel_africa_file_russian_blunder.txt"
UNDATED = TUNE / "r313_chronicle_gh_niger_troops.txt"
# What the issue calls machine phrasing, and the raw values a reader must not see.
NOT_FOR_READERS = ("Delta", "delta", "None", "foreign_force_leaving", "outside_competition", " ner ", "NER",
                   "2024-04-12", "True", "False")


@pytest.fixture(scope="module")
def analysed() -> dict[str, Brief]:
    briefs = {name: analyze_file(path) for name, path in
              (("april", APRIL), ("may", MAY), ("august", AUGUST), ("undated", UNDATED))}
    file_under(briefs["august"], "Niger")
    return briefs


def copy(brief: Brief, **article) -> Brief:
    new = brief.model_copy(deep=True)
    for key, value in article.items():
        setattr(new.article, key, value)
    return new


def shelve(out: Path, folder: str, brief: Brief, built_ns: int | None = None) -> Path:
    """brief.json as `policybrief run` leaves it in `out/folder`; `built_ns` sets when it was built."""
    path = out / folder / "brief.json"
    path.parent.mkdir(parents=True)
    path.write_text(brief.to_json(), encoding="utf-8")
    if built_ns is not None:
        os.utime(path, ns=(built_ns, built_ns))
    return path


def words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# Fast: the analysis and the comparison, no kernel.


def test_the_analyst_files_a_brief_under_a_state_by_name_or_code_or_under_a_name_of_their_own():
    brief = analyze_file(AUGUST)  # on Mali and Niger
    for given, key, label in (("Mali", "mli", "Mali"), ("Niger", "ner", "Niger"), ("niger", "ner", "Niger"),
                              ("MLI", "mli", "Mali"), ("ner", "ner", "Niger")):
        file_under(brief, given)
        assert (brief.situation.key, brief.situation.label) == (key, label), given
        # The situation's state first, the other states the analysis found kept.
        assert brief.situation.countries[0] == key.upper() and {"MLI", "NER"} <= set(brief.situation.countries)
    file_under(brief, "Sahel withdrawals")
    assert (brief.situation.key, brief.situation.label) == ("sahel-withdrawals", "Sahel withdrawals")
    assert {"MLI", "NER"} <= set(brief.situation.countries)


def test_a_brief_compares_with_the_latest_brief_published_before_it_and_never_a_later_one(analysed, tmp_path):
    out = tmp_path / "briefings"
    shelve(out, "april", analysed["april"])
    may = copy(analysed["may"])
    compare_with_earlier(may, out)
    assert may.changes.since.folder == "april" and may.changes.since.published == "2024-04-12"
    may_json = shelve(out, "may", may)

    # Rebuilding the April brief once the May one exists: nothing came before it.
    april = copy(analysed["april"])
    compare_with_earlier(april, out, own=out / "april")
    assert april.changes is None and april.notes == []
    # Its own older copy in its folder, or the same article elsewhere, is not an earlier brief.
    again = copy(analysed["may"])
    shelve(out, "may-again", again)
    compare_with_earlier(again, out, own=out / "may")
    assert again.changes.since.folder == "april"

    # Two earlier briefs published on one day: the one built later is the last.
    august = copy(analysed["august"])
    stamp = may_json.stat().st_mtime_ns
    shelve(out, "august-evening", copy(august, published="2024-08-02", sha256="e" * 64), stamp + 2_000_000_000)
    shelve(out, "august-morning", copy(august, published="2024-08-02", sha256="m" * 64), stamp + 1_000_000_000)
    later = copy(analysed["undated"], published="2024-09-01")
    compare_with_earlier(later, out)
    assert later.changes.since.folder == "august-evening"

    # A corrupt brief.json among them changes nothing.
    (out / "broken").mkdir()
    (out / "broken" / "brief.json").write_text("{not json", encoding="utf-8")
    compare_with_earlier(later, out)
    assert later.changes.since.folder == "august-evening"


@pytest.mark.parametrize("published", ["2024-04-12", "2024-04", None])
def test_briefs_whose_order_is_not_known_are_not_compared_and_the_notes_say_why(analysed, tmp_path, published):
    shelve(tmp_path, "april", analysed["april"])
    may = copy(analysed["may"], published=published)
    compare_with_earlier(may, tmp_path)
    assert may.changes is None
    why = (": the article gives no publication date, so which came first is not known."
           if published is None else " of the same date: which came first is not known.")
    notes = [n for n in may.notes if n.startswith("Not compared")]
    assert notes == [f"Not compared with the other brief on Niger{why}"]


def test_what_changed_from_april_to_may_each_point_citing_the_may_article(analysed, tmp_path):
    shelve(tmp_path, "april", analysed["april"])
    may = copy(analysed["may"])
    compare_with_earlier(may, tmp_path)
    c = may.changes
    assert (c.risk.before, c.risk.after) == ("low", "high")
    changed = {i.id: i for i in c.risk.indicators}
    assert changed["foreign_force_leaving"].present and changed["foreign_force_leaving"].evidence
    assert "outside_competition" not in changed  # seen in both articles
    new = {a.name: a for a in c.new_actors}
    assert new["United States"].central and "Russia" not in new and "Niger" not in new
    assert {"Wagner Group", "Kremlin"} <= {a.name for a in c.dropped_actors}
    assert all(not a.evidence for a in c.dropped_actors)  # not in the May article: nothing of it to cite
    assert [d.date for d in c.deadlines] == ["2024-09-15"]
    # The announcement of the deadline is the deadline's sentence, not an event besides it.
    assert not {sid for d in c.deadlines for sid in d.evidence} & {sid for e in c.events for sid in e.evidence}
    assert all(e.date > "2024-04-12" for e in c.events)
    # Every citation is a sentence of the May article that says what it is cited for.
    actors = {a.name: a for a in may.actors}
    for actor in c.new_actors:
        [sid] = actor.evidence
        forms = [actor.name, *actors[actor.name].seen_as]
        assert any(form in may.sentence(sid).text for form in forms), (actor.name, may.sentence(sid).text)
    assert "Sept. 15" in may.sentence(c.deadlines[0].evidence[0]).text
    for indicator in c.risk.indicators:
        assert all(may.sentence(sid) for sid in indicator.evidence)


def test_the_section_reads_as_plain_sentences_and_escapes_what_came_from_an_article(analysed, tmp_path):
    shelve(tmp_path, "april", analysed["april"])
    may = copy(analysed["may"])
    compare_with_earlier(may, tmp_path)
    section = present.since_last_brief(may)
    text = words(str(section.html))
    assert text.startswith("Since the last brief The last brief on Niger, “Russian Air Defence System, Trainers "
                           "Arrive In Niger” (12 April 2024), rated the power-vacuum risk low; it has risen to "
                           "high.")
    assert "Indicators now seen A foreign or multinational force is leaving or told to leave [s1] [s3] [s19]" in text
    assert "New actors United States [s1]" in text and "No longer mentioned Wagner Group" in text
    assert "New deadlines 15 September 2024 The United States will withdraw" in text
    for phrase in NOT_FOR_READERS:
        assert phrase not in f" {text} ", phrase
    assert re.search(r'<a class="pb-cite" href="#s1" title="[^"]+">\[s1\]</a>', str(section.html))
    assert present.since_last_brief(analysed["april"]) is None

    may.changes.since.title = "<script>alert(1)</script>"
    may.changes.new_actors[0].name = "<img src=x onerror=alert(1)>"
    html = str(present.since_last_brief(may, annex=False).html)
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="#' not in html  # no annex to link to


# Slow: the real command, notebook and exporters, one run after another.


@pytest.fixture(scope="module")
def niger(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("niger")
    out = root / "briefings"
    params = root / "r322_africa_file.yaml"
    params.write_text(yaml.safe_dump({"article": str(AUGUST), "situation": "Niger"}), encoding="utf-8")
    for source in (APRIL, MAY, params, UNDATED):
        proc = run("policybrief", "run", str(source), "--out", str(out))
        assert proc.returncode == 0, proc.stderr
    return out


def brief_json(out: Path, folder: str) -> dict:
    return json.loads((out / folder / "brief.json").read_text(encoding="utf-8"))


def section(out: Path, folder: str) -> str | None:
    found = re.search(r'<section class="pb-section pb-changes" id="sec-changes">.*?</section>',
                      (out / folder / "brief.html").read_text(encoding="utf-8"), flags=re.S)
    return found.group(0) if found else None


@pytest.mark.slow
def test_each_niger_brief_says_what_changed_since_the_one_before(niger):
    april, may = brief_json(niger, APRIL.stem), brief_json(niger, MAY.stem)
    august, undated = brief_json(niger, "r322_africa_file"), brief_json(niger, UNDATED.stem)
    assert april["changes"] is None and section(niger, APRIL.stem) is None
    assert may["changes"]["since"] == {"title": "Russian Air Defence System, Trainers Arrive In Niger",
                                       "folder": APRIL.stem, "published": "2024-04-12"}
    assert august["situation"]["key"] == "ner" and august["changes"]["since"]["folder"] == MAY.stem
    assert (august["changes"]["risk"]["before"], august["changes"]["risk"]["after"]) == ("high", "moderate")
    assert [e["date"] for e in august["changes"]["events"]] == ["2024-07"]
    assert undated["changes"] is None and section(niger, UNDATED.stem) is None
    assert any("no publication date" in n for n in undated["notes"])

    text = words(section(niger, MAY.stem))
    assert ("The last brief on Niger, “Russian Air Defence System, Trainers Arrive In Niger” (12 April 2024), rated "
            "the power-vacuum risk low; it has risen to high.") in text
    text = words(section(niger, "r322_africa_file"))
    assert ("The last brief on Niger, “U.S. to pull troops from Niger by September as junta turns to Russia” (20 May "
            "2024), rated the power-vacuum risk high; it has fallen to moderate.") in text
    assert "Events since 20 May 2024 July 2024 Al Qaeda– and IS-linked militants carried out" in text
    # Each citation leads to its sentence in the annex.
    page = (niger / "r322_africa_file" / "brief.html").read_text(encoding="utf-8")
    for sid in re.findall(r'href="#(s\d+)"', section(niger, "r322_africa_file")):
        assert f'id="{sid}"' in page
    assert "Since the last brief" in " ".join(
        str(o.get("data", {}).get("text/html", "")) for c in nbformat.read(
            niger / "r322_africa_file" / "brief.ipynb", as_version=4).cells for o in c.get("outputs", []))


@pytest.mark.slow
def test_since_the_last_brief_opens_page_two_with_the_actors_after_it(niger):
    # At the end of page 1 it ran over onto a second page that a line or two filled, the actors on a third.
    pages = [page.extract_text() for page in PdfReader(niger / "r322_africa_file" / "brief.pdf").pages]
    assert "Since the last brief" not in pages[0] and "Sourcing and confidence" in pages[0]
    assert pages[1].index("Since the last brief") < pages[1].index("Who stands where")


@pytest.mark.slow
def test_manifest_and_index_file_the_four_under_niger(niger):
    manifest = {b["folder"]: b for b in json.loads((niger / "manifest.json").read_text())["briefs"]}
    assert {b["situation"]["key"] for b in manifest.values()} == {"ner"}
    assert manifest["r322_africa_file"]["situation"] == {"key": "ner", "label": "Niger"}
    html = (niger / "index.html").read_text(encoding="utf-8")
    [group] = re.findall(r'<tbody class="situation".*?</tbody>', html, flags=re.S)
    assert '<span class="situation-name">Niger</span>' in group and "4 briefs · last update 2024-08-02" in group
    trend = re.search(r'<ol class="trend".*?</ol>', group, flags=re.S).group(0)
    assert re.findall(r"(\d{4}-\d\d-\d\d) <span class=\"risk risk-(\w+)", trend) == [
        ("2024-04-12", "low"), ("2024-05-20", "high"), ("2024-08-02", "moderate")]
    assert re.search(r"<li>Niger <span class=\"n\">×4</span></li>", group)


@pytest.mark.slow
def test_rebuilding_the_earlier_briefs_keeps_each_compared_with_the_one_before_it(niger):
    for source in (APRIL, MAY):
        proc = run("policybrief", "run", str(source), "--out", str(niger), "--force")
        assert proc.returncode == 0, proc.stderr
    assert brief_json(niger, APRIL.stem)["changes"] is None and section(niger, APRIL.stem) is None
    assert brief_json(niger, MAY.stem)["changes"]["since"]["folder"] == APRIL.stem


@pytest.mark.slow
def test_papermill_with_the_situation_and_a_folder_to_compare_with(niger, tmp_path):
    executed, folder = tmp_path / "out.ipynb", tmp_path / "brief"
    proc = run("papermill", "notebooks/brief.ipynb", str(executed), "-p", "article", str(AUGUST),
               "-p", "situation", "NER", "-p", "compare_with", str(niger), "-p", "output_dir", str(folder))
    assert proc.returncode == 0, proc.stderr
    brief = json.loads((folder / "brief.json").read_text(encoding="utf-8"))
    assert brief["situation"]["label"] == "Niger" and brief["changes"]["since"]["folder"] == MAY.stem
    # The same article already in the folder (filed under Niger by its params file) is not its predecessor.
    outputs = " ".join(str(o.get("data", {}).get("text/html", "")) for c in nbformat.read(executed, as_version=4).cells
                       for o in c.get("outputs", []))
    assert "Since the last brief" in outputs
    assert "rated the power-vacuum risk high; it has fallen to moderate" in outputs


@pytest.mark.slow
@pytest.mark.parametrize("where", ["two local workers", "a Dask cluster"])
def test_a_batch_built_in_parallel_compares_each_brief_with_the_one_before_even_when_built_after_it(tmp_path, where):
    # Latest first: the August and May briefs are built before the briefs they follow exist, so each is built
    # again once its predecessor is in the folder.
    params = tmp_path / "r322_africa_file.yaml"
    params.write_text(yaml.safe_dump({"article": str(AUGUST), "situation": "Niger"}), encoding="utf-8")
    out = tmp_path / "briefings"
    args = ["policybrief", "run", str(params), str(MAY), str(APRIL), "--out", str(out)]
    if where == "a Dask cluster":
        from distributed import LocalCluster

        # The scheduler's web server on a free port: the default one may be taken (see test_batch).
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            proc = run(*args, "--scheduler", cluster.scheduler_address)
    else:
        proc = run(*args, "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert brief_json(out, APRIL.stem)["changes"] is None
    assert brief_json(out, MAY.stem)["changes"]["since"]["folder"] == APRIL.stem
    assert brief_json(out, "r322_africa_file")["changes"]["since"]["folder"] == MAY.stem
    assert "The last brief on Niger, “U.S. to pull troops from Niger by September" in words(
        section(out, "r322_africa_file"))
    manifest = json.loads((out / "manifest.json").read_text())["briefs"]
    assert sorted(b["status"] for b in manifest) == ["built"] * 3
