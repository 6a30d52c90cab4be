"""PRESENT: the two pages and the annex as a reader sees them, section by section (no kernel, no export)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

from policybrief import charts, present
from policybrief.brief import Brief, Sourcing, WatchPoint

FIXTURE = Path(__file__).parent / "fixtures" / "brief_iraq.json"
# What the issue calls machine phrasing; none of it may be written by the presentation layer.
MACHINE_PHRASES = ("Rated high", "Rated moderate", "Rated low", "points)", "The central actors are", "framed in",
                   "Outlook:", "Balance", "SECURITY", "SOVEREIGNTY")


def load() -> Brief:
    return Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def text(section: present.Section) -> str:
    """The words of a section as a reader gets them: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", str(section.html))).split())


def test_the_brief_reads_in_the_agreed_order_and_the_annex_is_switchable():
    with_annex = present.brief_sections(load(), date(2024, 6, 20))
    headings = re.findall(r"<h2>(.*?)</h2>", "".join(str(s.html) for s in with_annex))
    assert headings == ["Bottom line up front", "Sourcing and confidence", "Who stands where", "Power-vacuum risk",
                        "Annex", "Source notes"]
    two_pages = present.brief_sections(load(), date(2024, 6, 20), with_annex=False)
    assert [s.name for s in two_pages] == [s.name for s in with_annex][:5]


def test_title_block_says_not_stated_only_for_what_is_missing():
    brief = load()
    block = text(present.title_block(brief, date(2024, 6, 20)))
    assert "Washington Examiner" in block and "News report" in block and "5 January 2024" in block
    assert "Author not stated" in block and block.count("not stated") == 1
    assert "Brief prepared 20 June 2024" in block
    brief.article.author, brief.article.kind = "Jane Roe", "opinion"
    block = text(present.title_block(brief))
    assert "not stated" not in block and "Author Jane Roe" in block and "Kind Opinion" in block


def test_sourcing_box_names_every_caveat_and_the_confidence_with_its_reasons():
    brief = load()
    box = text(present.sourcing(brief))
    assert box.startswith("Sourcing and confidence A news report in the Washington Examiner, published 5 January 2024")
    assert "Single source" in box and "Moderate confidence" in box
    assert "It rests on a single article; no other source corroborates it." in box
    for absent in ("Undated", "Cut off", "Republished", "Wire copy"):
        assert absent not in box
    brief.sourcing = Sourcing(agency="AFP", republished=True, truncated=True, single_source=False,
                              confidence="low", reasons=["The text stops mid-sentence."])
    box = text(present.sourcing(brief))
    assert "Republished wire copy (AFP)" in box and "Cut off: the text stops mid-sentence" in box
    assert "Undated" in box and "Single source" not in box and "Low confidence" in box
    assert 'class="pb-conf pb-conf-low"' in str(present.sourcing(brief).html)


def test_actors_by_stance_quote_and_cite_the_article_and_list_the_others_by_name_and_role():
    brief = load()
    html = str(present.actors_by_stance(brief).html)
    words = text(present.actors_by_stance(brief))
    assert "The development Iraq’s government is taking steps" in words
    supports = re.search(r"<h3>Supports</h3><ul>(.*?)</ul>", html).group(1)
    assert supports.count("<li>") == 2 and "Government of Iraq" in supports
    assert ("<li><strong>Mohammed Shia’ al-Sudani</strong>, Prime Minister of Iraq; pushes for coalition withdrawal: "
            "<q>the government is actively working") in supports
    assert "<h3>Hedges</h3>" in html and "<h3>Opposes</h3>" not in html
    assert 'href="#s2"' in html and 'href="#s26"' in html and 'href="#s12"' in html
    others = re.search(r'Also named</span> (.*?)\.</p>', html).group(1)
    assert "<strong>United States</strong>, leads the coalition; strikes Iran-backed groups; " in others
    assert "; Pat Ryder, Pentagon press secretary; " in others and "al-Sudani" not in others
    # Codes and mention counts are annex matter.
    for actor in brief.actors:
        assert actor.code is None or actor.code not in html
    assert "Mentions" not in words and "mentions" not in words


def test_actors_who_take_their_stance_in_one_sentence_share_one_quote():
    brief = load()
    us = next(a for a in brief.actors if a.name == "United States")
    pentagon = next(a for a in brief.actors if a.name == "Pentagon")
    for actor in (us, pentagon):
        actor.stance, actor.stance_quote, actor.stance_evidence = "opposes", "the US maintains the right", "s7"
    html = str(present.actors_by_stance(brief).html)
    opposes = re.search(r"<h3>Opposes</h3><ul>(.*?)</ul>", html).group(1)
    assert opposes.count("<li>") == 1 and opposes.count("<q>") == 1
    assert "<strong>United States</strong>" in opposes and "<strong>Pentagon</strong>" in opposes


def test_a_quote_that_quotes_someone_is_nested_not_doubled():
    # an unseen page: "““The United States opposes any attempt ..." in the stance list
    brief = load()
    us = next(a for a in brief.actors if a.name == "United States")
    us.stance, us.stance_evidence = "opposes", "s7"
    us.stance_quote = "“The United States opposes any attempt to alter the outcome,” said Jen Psaki."
    html = str(present.actors_by_stance(brief).html)
    assert "<q>‘The United States opposes any attempt to alter the outcome,’ said Jen Psaki.</q>" in html


def test_stances_render_gracefully_before_the_analysis_fills_them():
    brief = load()
    for actor in brief.actors:
        actor.stance = actor.stance_quote = actor.stance_evidence = None
    brief.development, brief.development_evidence = None, []
    words = text(present.actors_by_stance(brief))
    assert "The article names no single central development." in words
    assert "Named in the article" in words and "Supports" not in words
    brief.actors = []
    assert "No actors were identified in the article." in text(present.actors_by_stance(brief))


def test_risk_puts_dated_decision_points_first_with_their_dates():
    brief = load()
    brief.risk.watch_points = [
        WatchPoint(text="Generic indicator", evidence=["s4"], origin="indicator"),
        WatchPoint(text="Mandate ends", when="31 December", date="2024-12-31", evidence=["s35"]),
        WatchPoint(text="Undated article point", evidence=["s35"]),
        WatchPoint(text="Forces due out", when="by end-June", date="2024-06", evidence=["s1"]),
    ]
    section = present.risk(brief)
    items = re.findall(r"<li>(.*?)</li>", str(section.html))
    assert [unescape(re.sub(r"<[^>]+>", "", i)).split(" [")[0] for i in items] == [
        "June 2024 Forces due out", "31 December 2024 Mandate ends", "Undated article point", "Generic indicator"]
    words = text(section)
    assert words.startswith("Power-vacuum risk Moderate risk A power vacuum in Iraq is likely if the coalition")
    # The indicators table lists what the article shows; the full checklist is the annex's.
    assert "Foreign force withdrawal announced" in words and "Central government losing control" not in words


def test_no_machine_phrasing_and_no_opposite_scale():
    sections = present.brief_sections(load())
    words = " ".join(text(s) for s in sections)
    for phrase in MACHINE_PHRASES:
        assert phrase not in words, phrase
    html = "".join(str(s.html) for s in sections)
    assert "pb-balance" not in html and "pb-marker" not in html
    # Two bars, each measured against all the article's sentences: both frames can be strong at once.
    assert re.findall(r'class="pb-frame pb-frame-(\w+)"', html) == ["sovereignty", "security"]
    total = len(load().sentences)
    assert f"of {total} sentences" in words


def test_annex_holds_codes_mentions_checklist_and_removed_text_grouped_by_reason():
    brief = load()
    annex = present.annex(brief)
    words = text(annex)
    assert 'id="sec-annex"' in str(annex.html)
    assert "All actors" in words and "IRQ" in str(annex.html) and "Mentions" in words
    # page 2 lists the indicators seen; the annex names those looked for and not seen, and only those
    assert "not seen in the article: Central government losing control; No transition plan." in words
    assert "Foreign force withdrawal announced" not in words
    notes = present.source_notes(brief)
    words = text(notes)
    assert "Removed from the article publisher disclaimer" in words and "Back to top button" in words
    assert "Prepared with rules 0.1.0." in words


def test_a_position_sentence_naming_several_actors_is_quoted_once_in_the_actor_table():
    brief = load()
    sentence = brief.sentences[0]
    for actor in sorted(brief.actors, key=lambda a: (not a.central, -a.mentions))[:2]:
        actor.position, actor.position_evidence = sentence.text, sentence.id
    table = str(present.annex(brief).html)
    quote = " ".join(sentence.text.split()[:present.MAX_POSITION_WORDS])
    assert table.count(str(present.Markup("“{}").format(quote))) == 1
    cited_only = f'<span class="pb-position"><span class="pb-cites"><a class="pb-cite" href="#{sentence.id}"'
    assert table.count(cited_only) == 1  # the second row cites the sentence without quoting it


def test_every_citation_link_has_an_anchor_in_the_source_notes():
    brief = load()
    html = "".join(str(s.html) for s in present.brief_sections(brief))
    targets = set(re.findall(r'href="#(s\d+)"', html))
    anchors = set(re.findall(r'<p class="pb-source" id="(s\d+)"', html))
    # The stance, watch-point and vacuum-judgment sentences are among them.
    assert {"s2", "s12", "s26", "s28", "s35"} <= targets
    # The timeline chart's labels cite the rest ("... [s8]"): its events have no table row to link from.
    charted = {entry.evidence for _, entry in present.charted_events(brief)}
    assert charted - targets and targets | charted == anchors


def test_without_the_annex_citations_name_their_sentence_but_link_nowhere():
    brief = load()
    first = brief.key_judgments[0].evidence[0]
    sentence = brief.sentence(first).text
    assert f'href="#{first}" title="{sentence}"' in unescape(str(present.bottom_line(brief).html))
    two_pages = "".join(str(s.html) for s in present.brief_sections(brief, with_annex=False))
    assert "href=" not in two_pages
    assert f'<span class="pb-cite" title="{sentence}">[{first}]</span>' in unescape(two_pages)
    assert two_pages.count('class="pb-cite"') == "".join(
        str(s.html) for s in present.brief_sections(brief)[:5]).count('class="pb-cite"')


def annex_timeline(brief) -> str:
    return str(present.annex(brief).html).split('id="annex-timeline"')[1].split("</div>")[0]


def test_a_sentence_with_two_dates_is_one_row_of_the_timeline():
    # the Somalia sample: "a drawdown that began in June 2023 ... followed by 3,000 more earlier this year" [s2],
    # its dates unresolved, so that no chart places them and the table lists them all
    brief = load()
    brief.timeline = [e.model_copy(update={"date": None}) for e in brief.timeline]
    first = brief.timeline[0]
    brief.timeline.insert(1, first.model_copy(update={"when": "this year"}))
    whens = [unescape(cell) for cell in re.findall(r"<tr><td>(.*?)</td>", annex_timeline(brief), re.S)]
    assert whens[0] == f"{first.when}; this year"
    assert len(whens) == len(brief.timeline) - 1


def test_the_timeline_table_holds_only_the_dates_the_chart_cannot_place():
    brief = load()
    charted = present.charted_events(brief)
    assert len(charted) == len({(e.date, e.what) for e in brief.timeline if e.date})
    assert "<table" not in annex_timeline(brief) and "The chart below places each dated event" in annex_timeline(
        brief)
    brief.timeline.append(brief.timeline[0].model_copy(update={"when": "last year", "date": None,
                                                                "what": "Something happened"}))
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", annex_timeline(brief), re.S)
    assert rows == [("last year", "Something happened")]
    labels = next(layer["encoding"]["y"]["sort"] for layer in charts.timeline_chart(brief).to_dict()["layer"]
                  if "y" in layer["encoding"])
    assert [label.rsplit(" [", 1)[1].split("]")[0] for label in labels] == [e.evidence for _, e in charted]
