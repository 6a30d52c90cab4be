"""One brief from several real articles on one situation: sources, wire copies, corroboration, confidence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from policybrief.article_brief import analyze_file, analyze_files
from policybrief.brief import Brief

SITUATIONS = Path(__file__).parent / "situations"
NIGER = SITUATIONS / "ner"


def niger_articles() -> list[Path]:
    gold = yaml.safe_load((NIGER / "situation.gold.yaml").read_text(encoding="utf-8"))
    return [NIGER / name for name in gold["articles"]]


def test_four_articles_on_niger_make_one_brief_with_its_sources_and_their_disagreement():
    brief = analyze_files(niger_articles())
    names = [Path(s.path).name for s in brief.sources]
    assert len(names) == 4 and brief.situation.key == "ner"
    # Two sites carry one AP story: counted once, its sentences not repeated.
    copies = {names[n]: names[s.copy_of] for n, s in enumerate(brief.sources) if s.copy_of is not None}
    assert copies == {"02_kesq_ap_troops_leaving.txt": "03_luxerise_ap_troops_leaving.txt"}
    assert brief.corroboration.independent == 3
    assert {s.source for s in brief.sentences} == {0, 2, 3}
    # "more than 1,000 troops" (BBC) against "nearly 1,000 military personnel" (Reuters)
    figures = [d for d in brief.corroboration.disagreements if d.kind == "figure"]
    assert [sorted(d.values.values()) for d in figures] == [["more than 1,000", "nearly 1,000"]]
    cited = {sid for d in figures for sid in d.evidence}
    assert {brief.sentence(sid).source for sid in cited} == {0, 3}
    # What the sources dispute is not also counted as what they agree on.
    assert not any(set(a.evidence) == cited for a in brief.corroboration.agreements)
    assert "three independent sources" in brief.sourcing.reasons[0]
    # The latest article leads; the disagreement is a key judgment on page 1.
    assert brief.bluf.startswith("luxerise.fastseoul.com, zambianobserver.com and Naija247news report that the "
                                 "U.S. will remove all its forces")
    assert brief.key_judgments[1].text == ("The sources differ on the number of troops: zambianobserver.com says "
                                           "more than 1,000 and Naija247news nearly 1,000.")
    assert set(brief.key_judgments[1].evidence) == cited


def merged(situation: str) -> tuple[Brief, list[str]]:
    gold = yaml.safe_load((SITUATIONS / situation / "situation.gold.yaml").read_text(encoding="utf-8"))
    brief = analyze_files([SITUATIONS / situation / name for name in gold["articles"]])
    return brief, [Path(s.path).name[:2] for s in brief.sources]


def disputes(brief: Brief, names: list[str]) -> list[tuple[str, dict[str, str]]]:
    return sorted(((d.kind, {names[n]: v for n, v in sorted(d.values.items())})
                   for d in brief.corroboration.disagreements), key=repr)


def test_a_copy_counts_once_but_what_it_adds_to_the_wire_story_is_compared():
    # Legalbrief reprints RFI's story and adds a Reuters paragraph: Ruto pledged "1 000 troops" (space-grouped),
    # and "more than 80%" of the capital is held by gangs; North Africa Post says 2,500 police and about 85%.
    brief, names = merged("hti")
    assert brief.sources[1].copy_of == 0 and brief.corroboration.independent == 3
    # RFI has Kenya sending its first police "in June"; the Nation has the 400 "sent to Haiti in May 2024".
    assert disputes(brief, names) == [("date", {"01": "June", "03": "May 2024"}),
                                      ("figure", {"02": "1 000", "04": "2,500"}),
                                      ("figure", {"02": "more than 80%", "04": "about 85%"})]


def test_one_disputed_deadline_is_one_row_with_every_source_value_and_vague_counts_dispute_exact_ones():
    brief, names = merged("tcd")
    # The deadline, and the day Paris received the demand: two things disputed, two rows.
    assert disputes(brief, names) == [("date", {"01": "31 January", "02": "31 December", "03": "January 31"}),
                                      ("date", {"01": "Thursday", "02": "on Friday", "03": "on Thursday"}),
                                      ("figure", {"01": "1,000", "03": "thousands"}),
                                      ("figure", {"01": "six", "03": "seven"})]


def test_a_mandate_term_as_a_period_is_counted_from_its_article_date_and_verdicts_on_a_mission_dispute():
    brief, names = merged("som")
    assert ("date", {"02": "for 12 months", "03": "until 30 June 2025"}) in disputes(brief, names)
    brief, names = merged("aze")
    assert ("stance", {"01": "fully accomplished their mission", "04": "failed to fulfill their mandate"}) \
        in disputes(brief, names)


def test_an_undated_wire_copy_reads_its_dates_against_its_dated_twin():
    # AP's copy on Yahoo prints no date; KRDO's copy of the same story is dated 29 February 2024. So Yahoo's
    # "said last month that ... had agreed" is January, against the Times of India's agreement "in February".
    brief, names = merged("mdv")
    assert brief.sources[1].copy_of == 0
    # The third source dates the agreement by the meeting the sentence before it: "On February 2, a high-level
    # meeting took place in Delhi ... . As per the Maldivian foreign ministry, India has agreed to ..."
    assert ("date", {"01": "last month", "03": "February 2", "04": "February"}) in disputes(brief, names)
    assert {t.when: t.date for t in brief.timeline}["last month [2024-01]"] == "2024-01"


def test_the_day_a_handover_takes_effect_disputed():
    # "from January 1, 2025, the Armenia-Iran checkpoint ..." against "as of December 30, Armenian border guards
    # bear sole responsibility for the checkpoint": two days for one change.
    brief, names = merged("arm")
    assert ("date", {"02": "January 1, 2025", "03": "January 1, 2025", "04": "December 30"}) in disputes(brief, names)
    # "after patrolling for 30 years" in an undated copy that looks ahead to 2025 began about 1995, not "since
    # 1991": a period against the year it began
    assert ("figure", {"03": "30 years", "04": "since 1991"}) in disputes(brief, names)
    # "have agreed that from January 1, 2025, ..." gives the day the change takes effect, not the agreement's
    assert not [d for d in brief.corroboration.disagreements if d.what == "the date of the agreement"]
    assert "The sources differ on the number of years the force had been there: " in " ".join(
        j.text for j in brief.key_judgments)


def test_one_article_gives_its_own_brief_and_unrelated_articles_are_not_forced_together():
    one = analyze_files(niger_articles()[:1])
    assert one.sources == [] and one.corroboration is None
    apart = analyze_files([niger_articles()[0], SITUATIONS / "hti" / "03_nation_kenyan_officers_hit_600.txt"])
    assert apart.sources == []
    assert any("unrelated situations" in note and "leaves out" in note for note in apart.notes)


def test_eval_scores_the_situation_set():
    run = subprocess.run([str(Path(sys.executable).parent / "policybrief"), "eval", str(SITUATIONS), "-q"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    header, row = [line.split() for line in run.stdout.strip().splitlines()[-2:]]
    means = dict(zip(header[2:], row[2:], strict=True))
    assert row[1] == "8" and float(means["grouped"]) >= 0.95 and float(means["wire_copies"]) == 1.0
    assert float(means["disagreements"]) >= 0.9 and float(means["false_disagreements"]) <= 0.2


@pytest.mark.slow
def test_run_merge_builds_one_brief_whose_pages_show_the_sources_and_where_they_differ(tmp_path):
    run = subprocess.run([str(Path(sys.executable).parent / "policybrief"), "run", *map(str, niger_articles()),
                          "--merge", "--out", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert folder.name == "01_us_agrees_pull_troops-merged"
    brief = Brief.model_validate_json((folder / "brief.json").read_text(encoding="utf-8"))
    assert len(brief.sources) == 4 and brief.corroboration.independent == 3
    html = (folder / "brief.html").read_text(encoding="utf-8")
    assert "Sources and corroboration" in html and "Where the sources differ" in html
    page_one = PdfReader(folder / "brief.pdf").pages[0].extract_text()
    assert "The sources differ on the number of troops" in " ".join(page_one.split())


def test_a_foreign_force_files_the_brief_under_the_state_it_is_in_and_a_tie_under_the_state_things_happen_in():
    # Wagner (a Russian armed group) "in Mali"; Russia leaving a checkpoint in Armenia, named as often as Armenia.
    assert {analyze_file(SITUATIONS / "mli" / name).situation.key for name in (
        "01_moscowtimes_wagner_ends_mission.txt", "02_sudantimes_wagner_africa_corps.txt")} == {"mli"}
    assert analyze_file(SITUATIONS / "arm" / "03_newsweek_copy_checkpoint_30_years.txt").situation.key == "arm"


def test_years_that_say_when_are_no_count_to_dispute(write_article):
    # an unseen Gabon situation: "whose family has ruled for 55 years" against "at least nine coups in the past
    # three years" was a disagreement on the number of years
    first = write_article(
        "Gabon officers seize power\nSource: https://example.org/2023/08/30/gabon\n\nLeaders of a coup in Gabon on "
        "Wednesday named a general transitional president after disputed elections in which President Ali Bongo "
        "Ondimba, whose family has ruled Gabon for 55 years, had been declared the winner. The African Union "
        "condemned the coup in Gabon.\n", "a.txt")
    second = write_article(
        "Coup in Gabon\nSource: https://example.com/2023/08/31/gabon-coup\n\nThe coup in Gabon would be the latest "
        "in a run of military takeovers across Africa, at least nine in the past three years, and Ali Bongo Ondimba "
        "is under house arrest in Gabon, his son said.\n", "b.txt")
    brief = analyze_files([first, second])
    assert [s.copy_of for s in brief.sources] == [None, None]
    assert not [d for d in brief.corroboration.disagreements if d.kind == "figure"]
