from __future__ import annotations

import pytest
from conftest import DEVSET, SAMPLE

from policybrief.errors import InputError
from policybrief.ingest import load_article

LEAD = "Iraq's government is taking steps to require the withdrawal of the coalition, officials said on Monday."


def test_sample_metadata_and_leftovers_removed():
    article = load_article(SAMPLE)
    assert article.title == "Iraq’s PM balances anti-US sentiment with Iran’s financial interests"
    assert article.source == "Washington Examiner"
    removed = {r.text: r.reason for r in article.removed}
    assert removed["Adblock Detected"] == "ad-blocker notice"
    assert removed["Back to top button"] == "page navigation"
    assert removed["*As an Amazon Associate I earn from qualifying purchases"] == "affiliate disclosure"
    assert any("Conservative News Daily" in t for t in removed)
    text = " ".join(s.text for s in article.sentences)
    for leftover in ("Adblock", "Amazon Associate", "Back to top", "ad blocker"):
        assert leftover not in text
    assert article.sentences[0].text.startswith("Iraq’s government is taking steps")
    assert len({s.id for s in article.sentences}) == len(article.sentences)


def test_headings_are_not_sentences():
    article = load_article(SAMPLE)
    assert "Militia Attacks and Political Pressure" in article.headings
    assert all(s.text != "Militia Attacks and Political Pressure" for s in article.sentences)


def test_markdown_title_byline_and_date():
    article = load_article(DEVSET / "004_ukraine_guarantees_opinion.md")
    assert article.title.startswith("Sovereignty Is Not a Bargaining Chip")
    assert article.author == "Tomas Varga"
    assert article.published is not None and article.published.isoformat() == "2024-11-18"
    assert not any(s.text.startswith("#") or "By Tomas" in s.text for s in article.sentences)


def test_html_page_keeps_the_story_and_drops_the_page_furniture():
    article = load_article(DEVSET / "003_somalia_atmis_drawdown.html")
    text = " ".join(s.text for s in article.sentences)
    assert "al-Shabaab" in text
    for chrome in ("Accept all cookies", "Subscribe", "Share on"):
        assert chrome not in text
    assert article.format == "html"
    assert article.removed, "the page's navigation should be listed as removed"


def test_wire_dateline_names_the_agency_as_source():
    article = load_article(DEVSET / "001_mali_un_exit_wire.txt")
    assert article.source == "AP"


def test_list_markers_are_layout_not_text(write_article):
    article = load_article(write_article(
        "Tanzania in turmoil\nSource: https://example.org/2025/11/02/story\n\n"
        "Tanzania is on edge as the president prepares for her inauguration, officials said.\n"
        "- Internet remains blocked as security forces detain protesters.\n"
        "* Observers question the credibility of the vote.\n"
        "• The opposition rejects the results.\n"
        "- • Markers nested in markers go too.\n"
        "* -  date 2025-11-02 So does the archive's date stamp after them.\n"
        " date 2025-11-02 • And a marker after the date stamp.\n"))
    assert [s.text for s in article.sentences][1:] == [
        "Internet remains blocked as security forces detain protesters.",
        "Observers question the credibility of the vote.", "The opposition rejects the results.",
        "Markers nested in markers go too.", "So does the archive's date stamp after them.",
        "And a marker after the date stamp."]


def test_scraped_page_navigation_and_link_lists_removed():
    article = load_article(DEVSET / "010_lebanon_ceasefire_scraped.txt")
    text = " ".join(s.text for s in article.sentences)
    for chrome in ("Share on Facebook", "Read more:", "Related Stories", "Cookie settings", "All rights reserved",
                   "Syria's rebels seize Hama", "min read"):
        assert chrome not in text
    assert article.title.startswith("Lebanese army moves south")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"   \n\n\t  \n", "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
        ("\n\nAdblock Detected\nBack to top button\n", "no article text"),
    ],
)
def test_bad_files_give_one_line_naming_the_file(write_article, content, problem):
    path = write_article(content)
    with pytest.raises(InputError) as err:
        load_article(path)
    message = str(err.value)
    assert str(path) in message and problem in message and "\n" not in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_article(tmp_path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "latin-1", "cp1252"])
def test_encodings_are_detected(write_article, encoding):
    text = ("Le président français a déclaré que les troupes quitteront le Mali. " if encoding != "cp1252" else
            "The minister’s “plan” was rejected by the army, officials said. ")
    body = f"Title of the story\n\n{LEAD} {text * 3}\n"
    article = load_article(write_article(body.encode(encoding)))
    assert text.strip() in " ".join(s.text for s in article.sentences)


def test_word_limit_is_a_clear_error(write_article):
    with pytest.raises(InputError, match="above the limit of 50 "):
        load_article(write_article(f"Title here\n\n{LEAD * 10}"), max_words=50)


def test_non_english_article_is_recognised(write_article):
    text = ("Le gouvernement malien a demandé le retrait des troupes françaises. "
            "Les autorités de transition affirment que la souveraineté du pays est en jeu. " * 4)
    article = load_article(write_article(f"Titre\n\n{text}"))
    assert article.language == "fr"
