from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLE

from policybrief.analysis import analyze
from policybrief.analysis.prose import mention, needs_antecedent, nested, paired_quotes, plural, state_name
from policybrief.analysis.themes import score_sentences
from policybrief.brief import Actor, Brief, Sentence
from policybrief.ingest import load_article


def brief_of(path, **kwargs) -> Brief:
    return analyze(load_article(path), **kwargs)


def actor(brief: Brief, name: str):
    found = [a for a in brief.actors if a.name.replace("’", "'") == name.replace("’", "'")]
    assert found, f"{name!r} not among {[a.name for a in brief.actors]}"
    return found[0]


def test_sample_actors_are_merged_typed_and_coded():
    brief = brief_of(SAMPLE)
    sudani = actor(brief, "Mohammed Shia’ al-Sudani")
    assert sudani.type == "person" and sudani.role.startswith("Prime Minister")
    assert sudani.mentions >= 5 and "al-Sudani" in sudani.aliases
    assert actor(brief, "Iraq").code == "IRQ"
    assert actor(brief, "Government of Iraq").type == "government_body"
    assert actor(brief, "US Department of Defense").type == "government_body"
    assert "Pentagon" in actor(brief, "US Department of Defense").aliases
    assert actor(brief, "Pat Ryder").role == "Pentagon press secretary"
    assert "Soleimani" in actor(brief, "Qassem Soleimani").aliases
    assert actor(brief, "Islamic State").type == "armed_group"
    assert actor(brief, "Harakat al-Nujaba").type == "armed_group"
    names = {a.name for a in brief.actors}
    assert not names & {"Washington Examiner", "Conservative News Daily", "Baghdad", "Adblock Detected"}


def test_every_citation_points_at_a_sentence():
    brief = brief_of(SAMPLE)
    ids = {s.id for s in brief.sentences}
    cited = [e for a in brief.actors for e in a.evidence]
    cited += [e for t in (brief.themes.sovereignty, brief.themes.security, brief.themes.power_vacuum)
              for e in t.evidence]
    cited += [e for j in brief.key_judgments for e in j.evidence] + brief.tension.evidence
    cited += [e for i in brief.risk.indicators for e in i.evidence]
    cited += [f.evidence for f in brief.figures] + [t.evidence for t in brief.timeline]
    assert cited and set(cited) <= ids
    assert all(j.evidence for j in brief.key_judgments)
    assert 3 <= len(brief.key_judgments) <= 5


def test_sample_themes_tension_and_risk():
    brief = brief_of(SAMPLE)
    assert brief.themes.sovereignty.present and brief.themes.security.present and brief.themes.power_vacuum.present
    vacuum = [brief.sentence(e).text for e in brief.themes.power_vacuum.evidence]
    assert any("power vacuum" in t for t in vacuum)
    assert brief.risk.rating == "high"
    assert {i.id for i in brief.risk.indicators if i.present} >= {"foreign_force_leaving", "explicit_vacuum"}
    assert brief.tension.sovereignty_evidence and brief.tension.security_evidence


def test_sample_figures_and_timeline():
    brief = brief_of(SAMPLE)
    values = {f.value: f.what for f in brief.figures}
    assert values[2500] == "US military personnel"
    assert {24, 3, 14} <= set(values)
    whens = " ".join(t.when for t in brief.timeline)
    assert "2003" in whens and "November 2023" in whens
    assert "2019" in whens and "2020" in whens  # "four years after", anchored on the latest date in the text


@pytest.mark.parametrize(("page", "opening"), [
    # tuning pages r1278, r2604, r1738 and r2856: "a columnist in Philippine Daily Inquirer", "The article, citing
    # it, reports", "An analysis in International Crisis Group", "..., AFP reports" left inside the claim
    ("Vietnam and China in a tug of war\nSource: https://opinion.inquirer.net/2024/06/20/paracels\n\nChina has "
     "always claimed the Paracel Islands. Vietnam should take the dispute to an international court.",
     "In an opinion column, a columnist in the Philippine Daily Inquirer argues that "),
    ("UAE quits maritime coalition\nSource: https://example.org/2023/05/31/uae\n\nThe United Arab Emirates has "
     "withdrawn from a US-led maritime coalition tasked with securing Gulf waterways, it said on Wednesday. The "
     "coalition said it would go on patrolling.",
     "The article reports that the United Arab Emirates has withdrawn from a US-led maritime coalition tasked with "
     "securing Gulf waterways. "),
    ("Côte d'Ivoire: Keeping Jihadists Out of the North\nSource: https://www.crisisgroup.org/africa/west-africa/"
     "cote-divoire/b192\n\nThe Islamist militants in the Sahel have made repeated sorties into coastal West African "
     "countries. Abidjan has largely repulsed their attempted advances.",
     "An analysis by the International Crisis Group finds that the Islamist"),
    ("RAMSI winds up\nSource: https://example.org/2013/07/01/ramsi\n\nThe largest military operation in the "
     "Pacific since World War II wound up in the Solomon Islands on Wednesday, AFP reports. Police will now keep "
     "order.",
     "The article, citing AFP, reports that the largest military operation in the Pacific since World War II wound "
     "up in the Solomon Islands on Wednesday. "),
    # an unseen TBS News page and tuning pages r1363, r1826: the source after its verb
    ("Junta troops withdrawing\nSource: https://example.org/2024/02/19/rakhine\n\nThe Arakan Army has claimed "
     "that Myanmar's junta is withdrawing troops from northern Rakhine, reports the Irrawaddy. The junta did not "
     "comment.",
     "The article, citing the Irrawaddy, reports that the Arakan Army has claimed that Myanmar's junta is "
     "withdrawing troops from northern Rakhine. "),
    ("Eritrean troops leave\nSource: https://example.org/2022/12/30/tigray\n\nEritrean soldiers were pulling "
     "out of two major towns in Ethiopia's Tigray region on Friday, reported Reuters citing witnesses. Residents "
     "were relieved.",
     "The article, citing Reuters, reports that Eritrean soldiers were pulling out of two major towns"),
])
def test_the_bottom_line_names_its_source_as_a_sentence_would(write_article, page, opening):
    brief = brief_of(write_article(page))
    assert brief.bluf.startswith(opening)
    if "Inquirer" in opening:
        assert "in the Philippine Daily Inquirer" in brief.sourcing.summary


@pytest.mark.parametrize(("lead", "written"), [
    # tuning pages r1302, r1592 and r3020: a common word opening the lead kept its capital after "reports that"
    ("Streets were empty and soldiers fled the city of Uvira on Wednesday.", "reports that streets were empty"),
    ("Large numbers of Afghans crammed into trucks in Pakistan on Tuesday.", "reports that large numbers of"),
    ("Islamic militants killed 54 soldiers in Benin, the army said.", "reports that Islamic militants"),
    ("Hondurans have voted in an election that Honduras says was fair.", "reports that Hondurans have"),
])
def test_the_leads_first_word_is_lowered_only_when_the_text_never_capitalises_it_inside_a_sentence(
        write_article, lead, written):
    assert written in real_page(write_article, f"{lead} Officials said the talks would go on.").bluf


def test_a_headline_led_by_a_name_that_starts_with_the_names_no_author(write_article):
    # tuning page r1016: "The Power Vacuum: Imagining a Post-Putin Russia" had "The Power Vacuum" as its author
    brief = brief_of(write_article(
        "The Power Vacuum: Imagining a Post-Putin Russia\n"
        "Source: https://thedissident.club/blog/the-power-vacuum--imagining-a-post-putin-russia\n\n"
        "For over two decades, the political identity of Russia has been linked to one man: Vladimir Putin. A "
        "succession crisis could follow his exit, and the security services would compete for power."))
    assert brief.article.author is None


def test_bluf_is_written_attributed_and_holds_no_leftovers():
    brief = brief_of(SAMPLE)
    # the bottom line says whose reading it is, in the words of the kind the page is read as
    assert re.match(r"(In an opinion column, the columnist argues|The article, citing Prime Minister Mohammed Shia’ "
                    r"al-Sudani, reports|.{0,40}\bfinds) that Iraq’s government is taking steps", brief.bluf)
    assert "A power vacuum in Iraq is very likely:" in brief.bluf and "coalition" in brief.risk.judgment
    assert re.search(r"Confidence is low: a single (opinion column|news report|analysis), undated\.$", brief.bluf)
    for leftover in ("Adblock", "Militia Attacks and Political Pressure", "Rated", "points"):
        assert leftover not in brief.bluf


def test_opinion_is_attributed_to_its_author_and_wire_copy_to_its_agency(write_article):
    column = brief_of(write_article(
        "Mali needs a new deal\nSource: https://www.example.org/opinion/2024/06/20/mali\n\nBy Jane Doe\n\n"
        "I have lost count of the conferences on the Sahel I have attended. The United Nations should keep its "
        "peacekeepers in Mali until the army can hold the north, because jihadist groups will fill any gap."))
    assert column.bluf.startswith("In an opinion column, Jane Doe argues that the United Nations should keep")
    assert "I have lost count" not in column.bluf
    wire = brief_of(write_article(
        "Somalia asks for delay\nSource: https://www.kesq.com/news/2024/06/20/somalia\n\n"
        "MOGADISHU (Reuters) - Somalia has asked the African Union to delay the exit of half of its 4,000 "
        "troops until September, officials said on Thursday. Al-Shabaab fighters attacked a base on Monday."))
    assert wire.bluf.startswith("Reuters, citing officials, reports that Somalia has asked the African Union to "
                                "delay the exit of half of its 4,000 troops until September.")
    assert wire.sourcing.republished and "Reuters wire copy" in wire.sourcing.summary
    assert wire.risk.watch_points[0].date == "2024-09" and wire.risk.watch_points[0].origin == "article"


def test_descriptions_name_state_bodies(write_article):
    brief = brief_of(write_article(
        "Chad ends defence pact\n\n"
        "The Chadian government ordered French troops to leave the country by January, officials said. "
        "The country's junta says the decision restores national sovereignty. "
        "Jihadist groups have attacked army posts near Lake Chad, and Paris said it would comply.\n"
    ))
    chad = actor(brief, "Government of Chad")
    assert chad.type == "government_body" and chad.code == "TCDGOV"
    assert "the Chadian government" in chad.aliases or "Chadian government" in chad.aliases
    french = actor(brief, "Armed forces of France")
    assert french.code == "FRAMIL" and "French troops" in french.aliases
    assert actor(brief, "France").mentions >= 1  # "Paris said" is France speaking
    assert actor(brief, "Jihadist groups").type == "armed_group"


def test_bare_security_forces_are_the_main_states_unless_another_is_named(write_article):
    brief = brief_of(write_article(
        "Six soldiers killed in Pakistan\n\n"
        "Pakistan said militants attacked a checkpoint near the Afghan border overnight. The TTP frequently "
        "targets security forces in the province, officials in Pakistan said. Afghan security forces were not "
        "involved, Kabul said.\n"
    ))
    pakistani = actor(brief, "Armed forces of Pakistan")
    assert "security forces" in pakistani.aliases
    assert "Afghan security forces" in actor(brief, "Armed forces of Afghanistan").aliases


def test_the_armed_forces_and_a_ministry_are_the_main_states(write_article):
    # tuning pages r920 ("the armed forces had tried to seize power" in Bolivia) and r2878 ("the interior
    # ministry" of Cambodia)
    brief = brief_of(write_article(
        "Coup attempt fails in Bolivia\n\n"
        "Bolivia's president said on Wednesday that the armed forces had tried to seize power, and Bolivia would "
        "hold its elections as planned, the interior ministry said.\n"))
    assert "armed forces" in actor(brief, "Armed forces of Bolivia").aliases
    assert "the interior ministry" in actor(brief, "Ministry of the Interior of Bolivia").aliases


def test_acronyms_written_as_words_are_the_bodies_they_name(write_article):
    brief = brief_of(write_article(
        "Minusma leaves Kidal\n\n"
        "Minusma said its last peacekeepers left Kidal on Tuesday, and Ecowas said it would send envoys to Mali. "
        "In Baghdad, Sadr said the mission's exit showed the limits of foreign forces.\n"
    ))
    names = {a.name for a in brief.actors}
    assert {"MINUSMA", "ECOWAS"} <= names and "Western Sahara" not in names


def test_capital_as_place_is_not_an_actor(write_article):
    brief = brief_of(write_article(
        "Strike in the capital\n\nA drone strike in Baghdad killed a militia commander on Thursday, police said.\n"
    ))
    assert "Iraq" not in {a.name for a in brief.actors}


def test_negated_vacuum_is_not_evidence(write_article):
    brief = brief_of(write_article(
        "Officials play down risk\n\n"
        "Officials in Kenya said there is no risk of a power vacuum after the mission ends. "
        "The Kenyan army remains deployed across the region, the ministry said.\n"
    ))
    assert not brief.themes.power_vacuum.present


def test_relative_dates_resolve_against_publication(write_article):
    brief = brief_of(write_article(
        "Talks resume\n\nPublished: March 3, 2024\n\n"
        "Two years ago, Niger's army seized power, and last month the junta expelled French diplomats, "
        "officials said in Niamey.\n"
    ))
    whens = [t.when for t in brief.timeline]
    assert "Two years ago [2022]" in whens
    assert "last month [2024-02]" in whens


def figures_of(path) -> dict[float, str]:
    """What each figure of the article counts, by its value."""
    return {f.value: f.what for f in brief_of(path).figures}


def test_number_words_are_figures(write_article):
    brief = brief_of(write_article(
        "Attack\n\nGunmen killed three soldiers and wounded 1,200 civilians, and the budget is $2.5 billion.\n"
    ))
    values = {f.value: f for f in brief.figures}
    assert values[3].what == "soldiers"
    assert values[1200].what == "civilians"
    assert values[2.5e9].unit == "USD"


def test_pronoun_one_references_and_note_markers_are_not_figures_and_hundreds_scale(write_article):
    # tuning pages r1308 and r788, the opinion sample and an unseen Manila Standard column: "no one else" and
    # "one thing certain" are not counts of 1, nor is "Article 4" a count of 4; "seven hundred troops" is 700
    counts = figures_of(write_article(
        "Guarantees\n\nUkrainians, and no one else, decide, and one might think the war is the one they will get. "
        "NATO's Article 4 allows consultations, the Treaty[8] says. Seven hundred troops and three hundred police "
        "arrived, and one police officer was killed. One thing certain is that, on one hand, the bases stay.\n"))
    assert counts == {700: "troops", 300: "police arrived", 1: "police officer"}


def test_a_scale_joined_by_a_hyphen_scales_the_number(write_article):
    # tuning pages r1494 and r832: "40-million", as some outlets write it; "a 1,000-km front" keeps its unit
    brief = brief_of(write_article(
        "Talks\n\nThe war disrupted a region of more than 40-million people, and the fund paid $500-million to "
        "the army along a 1,000-km front line.\n"))
    values = {f.value: f for f in brief.figures}
    assert values[40e6].what == "people" and values[500e6].unit == "USD" and values[1000].unit == "km"


def test_a_number_after_a_casualty_verb_counts_people(write_article):
    brief = brief_of(write_article(
        "Strike\n\nThe STC accused Saudi Arabia of bombing its forces near the border, killing seven and injuring "
        "20. The talks resumed at 9 and lasted 2 hours.\n"))
    values = {f.value for f in brief.figures}
    assert {7, 20} <= values and 9 not in values


def test_an_age_set_off_by_commas_is_a_figure(write_article):
    counts = figures_of(write_article(
        "Release\n\nFormer prime minister Khaleda Zia, 78, was freed on Tuesday, and on March 3, 2024, 12 "
        "prisoners left.\n"))
    assert counts[78] == "age of Khaleda Zia" and counts[12].startswith("prisoners") and 3 not in counts


def test_time_elapsed_votes_and_counts_joined_to_the_figure_before_are_figures(write_article):
    # tuning pages r1102, r500, r470, r506, r916 and r185: shapes the annotators count as figures
    counts = figures_of(write_article(
        "Vote\n\nSomaliland declared its independence 30 years ago. Lawmakers voted 75 in favor, with 24 "
        "against, after 130 of 156 people arrested complained. The US keeps 2,500 troops in Iraq and another 900 in "
        "Syria. A 1,200-km (745-mile) cable was cut at 3 a.m. (01:00 GMT), and the toll has surpassed 500.\n"))
    assert counts[30] == "years ago" and counts[24] == "votes against" and counts[75] == "votes in favor"
    assert counts[130].startswith("of 156 people arrested") and counts[900] == "troops"
    assert counts[1200] == counts[745] == "cable" and counts[500].endswith("has surpassed")
    assert 3 not in counts and 1 not in counts  # a clock time is not a count


def test_a_count_in_millions_or_thousands_needs_no_noun_after_it(write_article):
    # tuning pages r1052 and r1182: what the number counts is named before it
    counts = figures_of(write_article(
        "Vote\n\nThe war displaced half of Syria's prewar population of 23 million, officials said. The KDP won "
        "812,794 votes, followed by the PUK's 409,548, and turnout was 72 in some towns.\n"))
    assert counts[23e6].endswith("prewar population of") and 409548 in counts and 72 not in counts


def test_thousands_grouped_by_spaces_are_one_number(write_article):
    counts = figures_of(write_article(
        "Pledge\n\nRuto has pledged to deploy 1 000 troops. In 2024 ten countries sent 3\u202f100 police officers.\n"
    ))
    assert counts[1000] == "troops" and counts[3100] == "police officers" and not {0, 1, 3, 100} & set(counts)


def test_analysts_add_actors_from_their_own_file(write_article, tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {name: Northern Shield Brigade, type: armed_group, code: XYZREB, aliases: [NSB]}\n")
    path = write_article("Clashes\n\nThe NSB attacked a convoy near the border on Monday, residents said.\n")
    brief = brief_of(path, actors_files=[extra])
    assert actor(brief, "Northern Shield Brigade").code == "XYZREB"


def test_article_without_geopolitics_has_no_themes():
    from conftest import DEVSET

    brief = brief_of(DEVSET / "007_bread_festival_local.txt")
    assert not any(t.present for t in (brief.themes.sovereignty, brief.themes.security, brief.themes.power_vacuum))
    assert brief.risk.rating == "low"


def test_non_english_brief_says_so(write_article):
    text = "Le gouvernement malien a demandé le retrait des troupes françaises du pays. " * 6
    brief = brief_of(write_article(f"Titre\n\n{text}"))
    assert brief.actors == [] and "other than English" in brief.bluf


def test_doubted_vacuum_does_not_make_the_theme(write_article):
    brief = brief_of(write_article(
        "Mission ends\n\n"
        "Officials in Kenya said a power vacuum was unlikely once the mission ends next year. "
        "The Kenyan army remains deployed across the region, the ministry said.\n"
    ))
    assert not brief.themes.power_vacuum.present
    assert brief.themes.power_vacuum.score > 0  # doubted, not ignored: the cue still counts for a little


@pytest.mark.parametrize("sentence", [
    # hedged, still a risk
    "Analysts warned that the withdrawal of Kenyan troops could create a power vacuum that gangs would exploit, "
    "officials in Haiti said.",
    # in the plural
    "Israeli forces will pull back gradually as the Lebanese army moves south, an official said, stressing the need "
    "to prevent any security vacuums during the transition.",
])
def test_a_vacuum_hedged_or_in_the_plural_is_still_a_risk(write_article, sentence):
    brief = brief_of(write_article(f"Mission ends\n\n{sentence}\n"))
    assert brief.themes.power_vacuum.present
    assert any(i.id == "explicit_vacuum" and i.present for i in brief.risk.indicators)


def test_the_force_leaving_is_never_the_host_states_own_and_takes_its_verb_in_the_plural(write_article):
    brief = real_page(write_article, (
        "Israeli forces are set to withdraw from Lebanon within 60 days as the Lebanese army deploys in the "
        "south, officials said. The Lebanese army will take up positions in the south as Israeli forces pull back, "
        "the Lebanese army said. "
        "The Lebanese army will deploy 5,000 soldiers, and the Lebanese army will need help, officials said. "
        "Hezbollah fighters are to leave the area, and officials warned of a security vacuum."))
    assert "the armed forces of Israel are leaving" in brief.risk.judgment, brief.risk.judgment
    assert (plural("Armed forces of Israel"), plural("Government of Lebanon"), plural("United States"),
            plural("ATMIS"), plural("Houthis")) == (True, False, False, False, True)


def test_states_whose_names_take_the_take_it_in_the_briefs_sentences(write_article):
    assert [state_name(n) for n in ("United States", "Democratic Republic of the Congo", "Philippines", "Iraq",
                                    "Ivory Coast")] == \
        ["the United States", "the Democratic Republic of the Congo", "the Philippines", "Iraq", "Ivory Coast"]
    brief = real_page(write_article, (
        "M23 rebels seized Goma in the Democratic Republic of the Congo on Tuesday, officials in Kinshasa said. "
        "The Congolese army fled the city without a fight and UN peacekeepers failed to stop the rebels, who "
        "now control the border town, officials said. The rebels vowed to march on Kinshasa."))
    prose = " ".join([brief.bluf, brief.risk.judgment, brief.tension.assessment])
    assert "Democratic Republic of the Congo" in prose
    assert " Democratic Republic of the Congo" not in prose.replace("the Democratic Republic of the Congo", ""), prose


def real_page(write_article, body: str, url: str = "https://example.org/2024/06/20/story") -> Brief:
    return brief_of(write_article(f"A headline about the story\nSource: {url}\n\n{body}"))


@pytest.mark.parametrize("name", ["Greentree Agreement", "Suwalki Gap", "Camp Lemonnier", "Rakhine State",
                                  "Worldcrunch Today", "Durand Line", "Parliament House", "Chattogram Port"])
def test_texts_places_and_outlets_named_in_two_capitalised_words_are_not_people(write_article, name):
    # tuning pages r1488, r1080, r320, r1462, r1580, r1650 and r2676, unseen page r3048: each had become a person
    brief = real_page(write_article, f"{name} said on Monday that the talks would resume, officials said. Iraq "
                                     f"asked the United States to withdraw its troops, {name} told reporters.")
    assert not any(a.type == "person" and a.name == name for a in brief.actors)


def test_lines_laws_and_zones_spelt_out_with_an_acronym_are_not_organisations(write_article):
    # tuning pages r1464, r1122 and r1472: each had become an organisation
    brief = real_page(write_article, (
        "Chinese troops crossed the Line of Actual Control (LAC) on Monday, officials said. India cited the UN "
        "Convention on the Law of the Sea (UNCLOS) and China's Air Defense Identification Zone (ADIZ), officials "
        "said. The International Crisis Group (ICG) warned of clashes. The Danish Krone (DKK) fell, the Baltic "
        "News Service reported."))
    names = {a.name for a in brief.actors}
    # unseen pages r3080 and r3036: a currency became an organisation, a news agency a government body
    assert not {"Line of Actual Control", "Law of the Sea", "Air Defense Identification Zone", "Danish Krone",
                "Baltic News Service"} & names
    assert "International Crisis Group" in names


def test_places_named_after_people_are_not_people(write_article):
    brief = real_page(write_article, "Thousands of Afghans rushed to Hamid Karzai International Airport on Monday as "
                                     "the evacuation went on, officials said. The Taliban took control of Kabul.")
    assert "Hamid Karzai" not in [a.name for a in brief.actors]
    base = real_page(write_article, "In February, a recruit opened fire at the General Gordon military base in "
                                    "Mogadishu, killing four soldiers, officials said. Al-Shabaab claimed it.")
    assert not any("Gordon" in a.name for a in base.actors)


def test_a_sea_named_after_a_state_is_not_the_state(write_article):
    brief = real_page(write_article, "The court settled a dispute between Equatorial Guinea and Gabon over islands "
                                     "in the Gulf of Guinea, officials said. Gabon accepted the ruling.")
    assert "Guinea" not in [a.name for a in brief.actors]
    assert {"Equatorial Guinea", "Gabon"} <= {a.name for a in brief.actors}


def test_people_known_only_by_a_long_apposition_or_a_hyphenated_name(write_article):
    brief = real_page(write_article, (
        "The statement contradicts comments made in mid-August by Hussein Allawi, a senior advisor to Iraqi Prime "
        "Minister Mohammed Shia al-Sudani. \"It deprives the regime of resources,\" Brian Nelson, under secretary "
        "of the treasury for terrorism and financial intelligence, said. Chinese officials froze deals with "
        "businesses tied to Hutchison's owner, Li Ka-shing, who spoke on Monday."))
    people = {a.name: a.role for a in brief.actors if a.type == "person"}
    assert people["Hussein Allawi"].startswith("senior advisor to Iraqi Prime Minister")
    assert people["Brian Nelson"].startswith("under secretary of the treasury")
    assert "Li Ka-shing" in people and "Li Ka" not in people


def test_a_rival_or_a_leader_set_off_after_a_name_makes_it_a_persons(write_article):
    # tuning pages r393 and r972, and an unseen page on Cameroon's election: three central people were no actor
    brief = real_page(write_article, (
        "Ayaba Cho, Separatist leader based abroad, immediately claimed responsibility for the attack. Albert Ondo "
        "Ossa, Bongo’s challenger, had called the vote a fraud. Issa Tchiroma Bakary , Biya’s main challenger, had "
        "earlier declared victory."))
    people = {a.name: a.role for a in brief.actors if a.type == "person"}
    assert people["Ayaba Cho"] == "Separatist leader based abroad"
    assert people["Albert Ondo Ossa"] == "Bongo’s challenger"
    assert people["Issa Tchiroma Bakary"] == "Biya’s main challenger"


def test_a_name_is_a_persons_after_a_role_an_occupation_or_a_person_and_before_an_age_who_or_a_role(write_article):
    brief = real_page(write_article, (
        "A Venezuelan patrol boat approached an exploration vessel in Guyana's waters. Guyana's President, Irfaan "
        "Ali, condemned the incursion. The opposition said its candidate, Edmundo Gonzalez, was the winner. The "
        "Prime Minister of the Cook Islands, Mark Brown, and Premier Li Qiang signed a deal. Inessa Novikova, who "
        "is ethnically Russian, was told to learn Latvian. Marie Dubois, 42, fled the riots, and Chinese "
        "businessman Zhihua Yang owns the port. Religious leader Frinel Joseph and Regine Abraham joined the "
        "council. The river, Rio Cuyuni, marks the border. Governments were led by Sher Bahadur Deuba (head of "
        "the Congress) and the Kathmandu Valley (the capital region) voted. Ulf Laessing, a Sahel expert at "
        "Germany's Konrad Adenauer Foundation, noted the shift. Rebels seized its pilot, Philip Mark Mehrtens, "
        "and defied Christian Schmidt, High Representative of the International Community in BiH. In 2019, "
        "Kevin Rudd proposed a treaty with Tuvalu."))
    people = {a.name for a in brief.actors if a.type == "person"}
    assert {"Irfaan Ali", "Edmundo Gonzalez", "Mark Brown", "Inessa Novikova", "Marie Dubois", "Zhihua Yang",
            "Frinel Joseph", "Regine Abraham", "Sher Bahadur Deuba", "Ulf Laessing", "Philip Mark Mehrtens",
            "Christian Schmidt", "Kevin Rudd"} <= people
    assert "Kathmandu Valley" not in people
    assert "Rio Cuyuni" not in people


def test_a_name_set_off_by_a_role_for_something_a_nationality_or_a_dash_or_said_of_a_described_speaker(write_article):
    # tuning pages r2714, r2908, r1520, r1966, r2278 and r2752: each person was missing, most of them central
    brief = real_page(write_article, (
        "Under the special envoy for dialogue, Miroslav Lajcak, talks resumed. The enlargement commissioner, "
        "Slovenian Marta Kos, has called on North Macedonia to amend its constitution. Trump's envoy to Iraq, Mark "
        "Savaya—appointed on 19 October—has been busy. \u201cThis is Lebanese land,\u201d said Lebanese shepherd Ali "
        "Yassin Diab, pointing to the wall. Despite David Burt insisting that sovereignty was next, nothing changed. "
        "Anies Baswedan told the court the vote was unfair, and Ganjar Pranowo alleging abuse of power."))
    people = {a.name for a in brief.actors if a.type == "person"}
    assert {"Miroslav Lajcak", "Marta Kos", "Mark Savaya", "Ali Yassin Diab", "David Burt", "Ganjar Pranowo"} <= people


@pytest.mark.parametrize("text, name", [
    # tuning pages r1506, r171, r2022, r2358, r333 and r2382: each of these became a person or an organisation
    ("Putin was embarrassed when Tokayev said his giant Central Asian state would not recognise the republics.",
     "Central Asian"),
    ("Iraq must decide, an analyst said in a Facebook Messenger chat.", "Facebook Messenger"),
    ("Turkish Foreign Minister Mevlut Cavusoglu praised the move on Twitter saying it was a step.", "Twitter"),
    ("Sri Lanka rejected the claims. The pro LTTE Diaspora alleged that 40,000 were killed.", "LTTE Diaspora"),
    ("A woman in the regional capital, Bahir Dar \u2013 who asked not to be named \u2013 said Ethiopia was at war.",
     "Bahir Dar"),
    ("Russia also says the instructors train Central African soldiers.", "Central African"),
])
def test_a_place_a_platform_or_an_acronyms_followers_after_said_or_before_a_verb_are_not_actors(write_article, text,
                                                                                              name):
    assert name not in {a.name for a in real_page(write_article, text).actors}


def test_an_organisation_the_text_describes_as_one_is_an_actor(write_article):
    text = ("In a new analysis, researchers at CNAS, the Washington think tank, said the blockade would fail. Paris "
            "accused a separatist group known as CCAT of the riots, according to the security consulting firm "
            "Control Risks. Earlier, the group said it would talk. The militants advanced in North Kordofan, the "
            "group appears to have gained ground.")
    kinds = {(a.name, a.type) for a in real_page(write_article, text).actors}
    assert {("CNAS", "organisation"), ("Control Risks", "organisation"), ("CCAT", "armed_group")} <= kinds
    assert not {"Earlier", "North Kordofan"} & {name for name, _ in kinds}


def test_a_minister_titled_with_the_ministrys_name_is_a_person(write_article):
    brief = real_page(write_article, (
        "The talks were led by Cambodia's Minister of National Defence Tea Seiha and Thailand's Minister of Defence "
        "Natthaphon Narkphanit. Observers from the region attended the meeting."))
    people = {a.name for a in brief.actors if a.type == "person"}
    assert {"Tea Seiha", "Natthaphon Narkphanit"} <= people


def test_a_rank_and_a_middle_initial_and_a_known_surname_inside_another_name(write_article):
    brief = real_page(write_article, (
        "At the direction of the commander of U.S. Southern Command, Gen. Francis L. Donovan, a task force struck a "
        "vessel, officials said. Tripoli descended into violence after the death of Abdul Ghani al-Kikli, the head "
        "of a powerful security force. Every day the gunmen of the Haitian gang coalition advance, residents said."))
    names = {a.name for a in brief.actors}
    assert "Francis L. Donovan" in names and not any(n.startswith("Gen.") for n in names)
    assert "Abdul Ghani al-Kikli" in names and "Ashraf Ghani" not in names
    assert "Haiti-backed armed groups" not in names  # a Haitian gang is Haiti's own, not its proxy


def test_roles_are_as_of_the_publication_date(write_article):
    body = ("Jake Sullivan met Chinese officials in Bangkok on Friday to discuss Taiwan, the White House said. "
            "The talks lasted two days, officials said.")
    now = real_page(write_article, body, "https://example.org/2024/01/27/story")
    assert actor(now, "Jake Sullivan").role == "US National Security Adviser"
    later = real_page(write_article, body, "https://example.org/2026/01/27/story")
    assert actor(later, "Jake Sullivan").role.startswith("former")
    # an unseen undated page had "Josep Borrell, former EU High Representative (2019-2024)" on a 2021 decision
    undated = real_page(write_article, body, "https://example.org/story")
    assert actor(undated, "Jake Sullivan").role == "US National Security Adviser (2021-2025)"


def timeline(brief: Brief) -> dict[str, str | None]:
    return {t.when.split(" [")[0]: t.date for t in brief.timeline}


def test_a_timeline_row_cut_from_a_long_sentence_keeps_its_punctuation_where_it_stands(write_article):
    brief = real_page(write_article, (
        "Responding to an inquiry about the planned relocation of coalition troops from the airbase in western "
        "Anbar province and their headquarters in Baghdad, the source stated, \u201cAccording to the agreement "
        "between Iraq and the coalition, the withdrawal will begin from the base at the end of September.\u201d"),
        "https://example.org/2025/08/26/story")
    row = next(t for t in brief.timeline if t.when.startswith("September"))
    # The quote opened before the cut is opened again in front of it.
    assert row.what.startswith("\u201c… ") and row.what.endswith("at the end of September.\u201d")
    point = next(w for w in brief.risk.watch_points if w.when and w.when.startswith("September"))
    assert point.text.endswith("September.\u201d")


def test_quotes_inside_the_briefs_quotes_are_single_and_a_cut_quote_is_closed(write_article):
    brief = real_page(write_article, (
        "\u201cThe Armenian side has not taken any official action on its sovereignty,\u201d he said of the "
        "purported freezing of its participation in the alliance. Armenia said it had \u201cfrozen\u201d its "
        "participation in the Russia-led bloc and would defend its sovereignty and territorial integrity. "
        "The spokesman said \u201cwe will not accept any violation of our territorial integrity, our borders or our "
        "sovereignty by foreign troops, whoever sends them and whatever they say about the security of the "
        "region\u201d at the briefing."))
    assert "\u201cArmenia said it had \u2018frozen\u2019 its participation" in brief.tension.assessment
    for text in [brief.tension.assessment, *brief.key_judgments, *(t.what for t in brief.timeline)]:
        text = text if isinstance(text, str) else text.text
        assert text.count("\u201c") == text.count("\u201d"), text


def test_an_excerpt_cut_inside_a_quote_gets_its_quote_marks_back():
    assert paired_quotes("\u2026 will begin at the end of September.\u201d") == \
        "\u201c\u2026 will begin at the end of September.\u201d"
    assert paired_quotes('told The New Times: "We have been conducting joint operations \u2026') == \
        'told The New Times: "We have been conducting joint operations \u2026"'
    assert nested('He said "we will stay" and \u201cno\u201d.') == \
        "He said \u2018we will stay\u2019 and \u2018no\u2019."


def test_a_headline_that_names_a_theme_calls_it_but_is_never_its_evidence(write_article):
    body = ("The junta is in a vulnerable position, facing offensives across the country, officials said. Armed "
            "groups have captured border towns, and the army has lost control of most of the north. The rebel "
            "alliances cannot agree on who should govern the territory they hold.")
    asked = brief_of(write_article(f"As Junta Weakens, Who Could Fill the Power Vacuum?\n\n{body}"))
    assert asked.themes.power_vacuum.present
    assert all("Vacuum" not in s.text for s in asked.sentences)
    denied = brief_of(write_article(f"Myanmar: no power vacuum as junta holds on\n\n{body}"))
    assert not denied.themes.power_vacuum.present


def test_a_party_named_before_the_word_party_is_an_organisation(write_article):
    brief = real_page(write_article, (
        "Georgia borders Russia and the governing Georgian Dream party is accused by the opposition of moving away "
        "from the West. Neither party would comment, officials said. Sheikh Hasina's Awami League party was "
        "banned, the interim government said."))
    names = {a.name: a.type for a in brief.actors}
    assert names.get("Georgian Dream") == "organisation" and names.get("Awami League") == "organisation"
    assert not any(n.startswith(("Neither", "Hasina")) for n in names)


def test_an_open_succession_and_a_force_whose_funding_stops_are_what_a_vacuum_is_made_of(write_article):
    succession = real_page(write_article, (
        "Belarus's President Alexander Lukashenko has not been seen in public for a week, officials said. Who will "
        "succeed him is now openly debated in Minsk. Whether the regime will survive him is far from certain, "
        "diplomats said."))
    # the lexicon reads an open succession as a vacuum; whether the page discusses one is the call model's
    assert succession.themes.power_vacuum.score > 0
    funding = real_page(write_article, (
        "Donors have reduced the financial support for the African Union mission in Somalia, leaving gaps in its "
        "budget, officials said. There are fears that al-Shabaab could overrun the capital should the support "
        "stop. The mission has 11,000 troops in the country."))
    assert funding.themes.power_vacuum.present
    steady = real_page(write_article, (
        "Kenya's President William Ruto opened the new session of parliament on Monday, officials said. Donors "
        "pledged more support for the health budget. The government abandoned its earlier plan to raise fuel "
        "prices."))
    assert not steady.themes.power_vacuum.present


def test_no_judgment_leaves_the_reader_asking_who_he_or_they_are(write_article):
    brief = real_page(write_article, (
        "Iraq's national security adviser Qasim al-Araji confirmed that the coalition will leave Baghdad in "
        "September, officials said. He said the withdrawal will take place in two stages over the next year. "
        "They encountered no resistance on the way, the adviser added. It also became a frequent target of "
        "militias during the war. The airport also became a frequent target of militias during the war. It is "
        "unclear how many troops will stay under a new advise and assist mission, diplomats said."))
    for judgment in brief.key_judgments:
        assert not needs_antecedent(judgment.text), judgment.text
    assert needs_antecedent("2. He welcomed the statement by the minister.")  # a numbered paragraph
    assert needs_antecedent("Now they are facing a humanitarian crisis.")  # a pronoun behind an opening word
    assert not needs_antecedent("Now the Taliban are facing a humanitarian crisis.")
    # of two sentences that frame the theme as much, the one that says what it is about is quoted
    assert "\u201cThe airport also became" in brief.tension.assessment
    assert any(j.text.startswith("It is unclear") for j in brief.key_judgments)


def test_no_judgment_is_a_caption_or_the_pages_cut_off_last_line(write_article):
    brief = real_page(write_article, (
        "The US military struck a boat in the Caribbean on Friday, killing three people, officials said.\n\n"
        "Pete Hegseth, secretary of defense, in Florida/ Miguel Rodriguez.\n\n"
        "The strike is the first since December and could widen the campaign, analysts warn.\n\n"
        "Experts say Venezuela will likely warn that the threat could remain and may grow, and that it"))
    texts = [brief.bluf, *(j.text for j in brief.key_judgments)]
    assert not any("Miguel Rodriguez" in t for t in texts), texts
    assert not any(t.endswith("that it") for t in texts), texts
    assert any("could widen the campaign" in t for t in texts), texts


def test_a_caption_kept_in_the_text_is_not_the_lead_and_common_words_lose_their_capital(write_article):
    brief = real_page(write_article, (
        "Victims of a recent attack on a displacement camp in Darfur rummage through the remains of their homes. "
        "Many fear violence will rise further as UN peacekeepers withdraw.\n\n"
        "Tensions over the departure of the UN mission in Darfur have created a security vacuum as thousands flee "
        "new violence, aid workers told reporters.\n\n"
        "The mission had been drawing down since the tensions of last year, officials said."))
    assert "rummage" in " ".join(s.text for s in brief.sentences)  # kept in the text
    assert "rummage" not in brief.bluf and not any("rummage" in j.text for j in brief.key_judgments)
    assert "reports that tensions over the departure" in brief.bluf, brief.bluf


def test_a_lead_that_introduces_a_quotation_on_a_colon_is_the_lead(write_article):
    # an unseen ceasefire.ca post: its one sentence of its own, ending on a colon before the quoted op-ed, was
    # taken out as page furniture, and the bottom line began with the quotation
    brief = brief_of(write_article(
        "Give peacekeeping a chance?\nSource: https://www.ceasefire.ca/give-peacekeeping-a-chance/\n\n"
        "Dr. Walter Dorn, Associate Professor of Defence Studies at the Royal Military College of Canada and the "
        "Canadian Forces College, suggests in a new op-ed article that a UN peacekeeping force is the best hope "
        "for building a more peaceful Afghanistan:\n\nThere is already a small UN “good-offices” mission, called "
        "the UN Assistance Mission in Afghanistan (UNAMA), mandated to support democratization and reconciliation "
        "in Afghanistan. But a true peacekeeping mission would require a much larger military and police "
        "component, numbering in the tens of thousands.\n\nTags: Afghanistan, Defence policy, Peacekeeping\n"))
    assert brief.sentences[0].text.startswith("Dr. Walter Dorn")
    assert "a UN peacekeeping force is the best hope for building a more peaceful Afghanistan. " in brief.bluf


def test_a_senate_or_congress_named_bare_is_the_main_states_not_the_uss(write_article):
    peru = real_page(write_article, (
        "Peru's Congress voted on Friday to remove President Jose Jeri from office, lawmakers said. Congress "
        "named a new interim president the same day. Peru has had eight presidents in as many years."))
    assert {a.name: a.code for a in peru.actors}.get("Congress of Peru") == "PERLEG"
    maldives = real_page(write_article, (
        "Maldives President Mohamed Muizzu leads the People's National Congress, a party that won a majority in "
        "the Maldives parliament, officials said. The Maldives asked India to withdraw its troops."))
    assert not any(a.name == "US Congress" for a in maldives.actors)


def test_curly_and_straight_apostrophes_read_the_same():
    def weights(text: str) -> dict:
        scores = score_sentences([Sentence(id="s1", paragraph=0, text=text)])
        return {theme: w.get("s1", 0.0) for theme, w in scores.weights.items()}

    straight = "There is no vacuum, and militants haven't regrouped in the country's north."
    assert weights(straight) == weights(straight.replace("'", "\u2019"))
    assert weights("Venezuela renewed its claim over Guyana\u2019s Essequibo region.")["sovereignty"] > 0


def test_an_actor_that_undergoes_a_verb_takes_no_stance_by_it(write_article):
    brief = real_page(write_article, (
        "The governing Georgian Dream party is accused by the opposition of moving Georgia back into Russia's "
        "orbit, officials said. The Multinational Security Support mission was approved by the UN Security "
        "Council in October. Kenya welcomed the vote, its foreign ministry said."))
    assert [(a.name, a.stance) for a in brief.actors if a.stance] == [("Kenya", "supports")]


def test_an_actor_before_a_noun_is_not_its_subject(write_article):
    # the Ukraine opinion sample: "The Kremlin's demand that Kyiv renounce NATO forever is a demand to ..."
    brief = real_page(write_article, (
        "The Kremlin's demand that Kyiv renounce NATO forever is a demand to hollow out its sovereignty, Ukraine "
        "said on Monday."))
    assert [(a.name, a.stance) for a in brief.actors if a.stance] == [("Kremlin", "supports")]


def test_dates_follow_tense_and_the_story_not_only_the_publication_date(write_article):
    brief = real_page(write_article, (
        "The mission was set up in 1994 after the war ended, officials said. Twenty years later the force was "
        "halved. In February, the council voted to extend it, but it will leave in September, the envoy said. "
        "The fighting resumed eight months after the deal was signed."))
    dates = timeline(brief)
    assert dates["Twenty years later"] == "2014"  # from the story's 1994, not the 2024 publication
    assert dates["February"] == "2024-02"  # a past vote in a June article
    assert dates["September"] == "2024-09"  # a departure still to come
    assert dates["eight months after"] == "2023-10"


def test_a_deadline_set_in_the_past_falls_after_it(write_article):
    brief = real_page(write_article, (
        "The ministry said last month that the two countries had agreed that the force would complete its "
        "withdrawal by May 10. The president demanded that the troops leave by March 15. The last soldiers had "
        "left the northern base by February 2, officials said."), url="https://example.org/2024/02/29/story")
    dates = timeline(brief)
    assert dates["May 10"] == "2024-05-10" and dates["March 15"] == "2024-03-15"  # a 29 February 2024 article
    assert dates["February 2"] == "2024-02-02"  # done by then: in the past


def test_a_date_still_to_come_and_days_written_with_ordinals(write_article):
    # unseen pages (OODA Loop, June 2021; The Reliant News): "the September 11 deadline ... is still months away"
    # is the coming September; "25th August", after its weekday, is one date
    brief = real_page(write_article, (
        "The September 11 deadline for troop withdrawal is still months away. The junta will meet the envoy on Friday, "
        "25th August. Talks were held on 3rd March and again on 12th June 2023."),
        url="https://example.org/2023/06/30/story")
    dates = timeline(brief)
    assert dates["September 11"] == "2023-09-11"
    assert dates["Friday, 25th August"] == "2023-08-25" and "on Friday" not in dates
    assert dates["3rd March"] == "2023-03-03" and dates["12th June 2023"] == "2023-06-12"


def test_of_two_states_named_as_often_the_headlines_first_is_the_main_one(write_article):
    # an unseen page (The Reliant News): "the Junta" was France's, named first in the text
    brief = brief_of(write_article(
        "JUST IN: Niger Junta Orders French Ambassador To Depart Before 48Hours\n\nAfter the refusal of the French "
        "ambassador in Niamey to respond to the invitation from the Junta, the junta ordered him to leave. The "
        "French government has 1,500 troops stationed in Niger.\n"))
    assert "Military junta of France" not in {a.name for a in brief.actors}
    assert {"the Junta", "the junta"} <= set(actor(brief, "Military junta of Niger").seen_as)


def test_a_name_the_text_shortens_to_its_last_word_is_a_person(write_article):
    brief = real_page(write_article, (
        "The opposition party, Kadere, rejected the vote. Jeremiah Manele was the foreign minister in the previous "
        "government of Manasseh Sogavare. In an unexpected move, Sogavare had stepped back as party leader. West "
        "Africa watched, and Africa’s leaders said nothing. Sanctions on the General Directorate of Mines "
        "remain, under the Joint Comprehensive Plan of Action (JCPOA)."))
    actors = {a.name: a.type for a in brief.actors}
    assert actors["Manasseh Sogavare"] == "person" and actors["Kadere"] == "organisation"
    assert actors["General Directorate of Mines"] == "government_body"
    assert not {"West Africa", "Directorate", "Joint Comprehensive Plan of Action", "JCPOA"} & set(actors)


def test_a_surname_opening_a_sentence_before_its_description_is_the_persons(write_article):
    # new page r2866: the bomber is named once in full, then by his surname, once before a comma
    brief = real_page(write_article, (
        "The BLA identified the suicide bomber as Muhammad Rafiq Bizenjo alias Washen. Bizenjo, a cadre of the "
        "group's Majeed Brigade, carried out the attack. According to the BLA, Bizenjo targeted army personnel."))
    assert actor(brief, "Muhammad Rafiq Bizenjo").type == "person"


def test_a_name_after_the_word_that_opens_a_sentence_is_still_read(write_article):
    # tuning page r2274: "When Kamchybek Tashiyev returned" was read as one three-word run and dropped whole
    brief = real_page(write_article, (
        "When Kamchybek Tashiyev returned to Bishkek, his post was gone. Along with Tashiyev, senior officials were "
        "removed, and an acting head was installed. Tashiyev has not spoken since."))
    assert actor(brief, "Kamchybek Tashiyev").type == "person"


def test_an_opening_adverb_and_an_arabic_place_word_start_no_ones_name(write_article):
    # new pages r2844 and r2858: "Now Khudavang" and "Khor Abdullah" had become people
    brief = real_page(write_article, (
        "Russian troops left the monastery several days ago. Now Khudavang is guarded by Azerbaijani police, and "
        "Khudavang stays closed. Iraq's court struck down the Khor Abdullah deal, and Kuwait protested that the "
        "ruling on Khor Abdullah breaks the treaty. Abdullah's waters are shared."))
    assert not [a.name for a in brief.actors if a.type == "person"]


def test_the_first_half_of_a_hyphenated_first_name_is_no_known_persons_surname(write_article):
    # tuning page r2838 and an unseen thepressunited.com page: "Yunus-Bek Yevkurov" had become Muhammad Yunus
    brief = real_page(write_article, (
        "The deal was reached at a meeting with Russian Deputy Defense Minister Yunus-Bek Yevkurov, officials said. "
        "Yevkurov's visit elevated relations. The Putin-Xi summit in Moscow ended without a deal."))
    names = {a.name for a in brief.actors}
    assert "Yunus-Bek Yevkurov" in names and "Muhammad Yunus" not in names, names
    assert "Vladimir Putin" in names


def test_a_known_person_after_a_capitalised_opening_word_is_still_the_person(write_article):
    # tuning pages r2434 and r892: "As Macron visits", "After Maduro's Exit" read as one longer name
    for headline in ("As Macron visits French Guiana, officials call for autonomy",
                     "French Guiana Officials Call for Autonomy After Macron's Visit"):
        brief = brief_of(write_article(
            f"{headline}\nSource: https://example.org/2024/03/25/story\n\nLocal officials met in Cayenne on "
            "Monday, officials said. France rejected the call for autonomy, the ministry said."))
        assert actor(brief, "Emmanuel Macron").type == "person"


def test_the_junta_is_the_states_whose_junta_the_story_names_first(write_article):
    # an unseen TBS News page: Myanmar named only in "Myanmar's military junta", so no bare "the junta" was its
    brief = real_page(write_article, (
        "The Arakan Army (AA) has claimed that Myanmar's military junta is withdrawing troops from northern "
        "Rakhine. The AA made the statement after the junta airlifted its troops from two hilltop outposts. "
        "\"The junta's military is sure to lose,\" the AA said."))
    junta = next(a for a in brief.actors if a.code == "MMRGOV")
    assert junta.mentions == 3 and {"the junta", "The junta"} <= set(junta.seen_as)


def test_a_capitalised_government_is_the_main_states_unless_it_is_anothers_name(write_article):
    # tuning pages r1894 and r2204: house styles that write "the Government"; "the Government of the Federation"
    brief = real_page(write_article, (
        "Kosovo rejected the plan on Monday. The Government said the association would not be formed, and Kosovo "
        "will not sign. Croatia criticised the Government of the Federation of BiH."))
    assert "The Government" in actor(brief, "Government of Kosovo").aliases
    assert not any(a.name == "Government of Croatia" for a in brief.actors)


def test_cartels_are_one_criminal_armed_actor_and_a_named_cartel_its_own(write_article):
    # tuning pages r1413, r1798 and r1862: "the cartels", "Mexican cartels", "the Gulf Cartel"
    brief = real_page(write_article, (
        "Mexico's president said on Monday that the cartels would not be fought by foreign troops. Six Mexican "
        "cartels were designated as terrorists, including the Gulf Cartel, and armed gangs answered with violence, "
        "officials in Mexico said."))
    cartels = actor(brief, "Drug cartels")
    assert cartels.type == "armed_group" and {"cartels", "Mexican cartels", "armed gangs"} <= set(cartels.aliases)
    assert actor(brief, "Gulf Cartel").type == "armed_group"
    assert not any(a.name == "Mexico-backed armed groups" for a in brief.actors)


def test_a_people_named_twice_is_a_side_and_a_nations_people_is_its_state(write_article):
    # tuning pages r1332, r1361 and r1524: "the Meitei community", "Kuki tribes", "the Isaaq clan"
    brief = real_page(write_article, (
        "Clashes between the Meitei community and Kuki tribes killed 200 people in Manipur, India said on Monday. "
        "The Kukis want a separate administration, which the Meitei reject. The Hungarian minority protested "
        "once. Four people were arrested, and the Afghan people were not involved."))
    assert "Meitei" in actor(brief, "Meitei community").aliases
    assert "Kukis" in actor(brief, "Kuki tribes").aliases
    names = {a.name for a in brief.actors}
    assert not names & {"Hungarian minority", "Four people", "Afghan people", "Hungary"}


def test_a_group_of_states_is_one_side_and_the_west_one_actor(write_article):
    # tuning pages r1144, r1808 and r2272: "the Baltic states", "Western powers", "the West"
    brief = real_page(write_article, (
        "The Baltic states warned Russia on Monday, and the Baltics closed their borders. Western powers said "
        "the West would answer, and Western countries imposed sanctions. Israel holds the West Bank."))
    assert actor(brief, "Baltic states").type == "state" and "the Baltics" in actor(brief, "Baltic states").aliases
    assert {"the West", "Western countries"} <= set(actor(brief, "Western powers").aliases)
    assert not any("Bank" in a.name for a in brief.actors)


def test_a_juntas_capital_and_a_leaders_surname_before_his_administration(write_article):
    # tuning pages r750, r1934, r1664 and r2750: "the junta in Niamey", "the Marcos administration", "the sanctions
    # regime"; r972: "General Oligui" is Brice Oligui Nguema
    brief = real_page(write_article, (
        "France withdrew its troops from Niger on Monday. The military regime in Niger said they must leave, and "
        "the junta in Niamey expelled the ambassador. Ferdinand Marcos Jr. said the Philippines would not yield, "
        "and the Marcos administration protested. Russia vetoed the sanctions regime. General Brice Oligui Nguema "
        "took power in Gabon; General Oligui said elections would follow."))
    assert {"The military regime", "the junta"} <= set(actor(brief, "Military junta of Niger").aliases)
    assert actor(brief, "Marcos administration").type == "government_body"
    names = {a.name for a in brief.actors}
    assert not names & {"Military junta of France", "Government of Russia", "Oligui"}


def test_a_cartel_and_a_government_named_by_the_word_after_their_name(write_article):
    # tuning pages r2310, r1408, r1716 and r1968: "the Sinaloa cartel", "the Lee Jaemyung government", "the
    # Chhattisgarh government", "Hadi's government"
    brief = real_page(write_article, (
        "The Sinaloa cartel has split, Mexican officials said on Monday. The Lee Jaemyung government said it would "
        "talk, the Chhattisgarh government sent police, and Hadi's government fled to Riyadh."))
    assert actor(brief, "Sinaloa cartel").type == "armed_group"
    assert {"Lee Jaemyung government", "Chhattisgarh government", "Hadi government"} <= {
        a.name for a in brief.actors if a.type == "government_body"}


def test_a_states_own_armed_groups_are_not_its_proxies_and_militants_are_jihadists_only_beside_them(write_article):
    # tuning pages r1532, r1578 and r1524: "Myanmar's ethnic armed groups", "Iraqi factions", Manipur's militants
    brief = real_page(write_article, (
        "Myanmar's ethnic armed groups seized two towns on Monday, and Iraqi factions threatened US forces. In "
        "Manipur, militants attacked a village and the militants fled, India said."))
    names = {a.name for a in brief.actors if a.type == "armed_group"}
    assert {"Armed groups of Myanmar", "Armed groups of Iraq", "Armed groups"} <= names
    assert not any("-backed" in n or "Jihadist" in n for n in names)


def test_a_self_governing_territory_acts_apart_from_its_state(write_article):
    # tuning pages r1768, r1924 and r2086: France's overseas territories, whose own officials the news quotes
    brief = real_page(write_article, (
        "Officials in Martinique called for autonomy on Monday. France said it would not change the status of "
        "Martinique, and French Guiana's elected officials joined the call."))
    assert {"Martinique", "French Guiana", "France"} <= {a.name for a in brief.actors}
    assert actor(brief, "Martinique").type == "government_body"


def test_the_situation_is_where_things_happen_not_who_is_named_most(write_article):
    brief = real_page(write_article, (
        "The United States should recognize the Taliban, two former US officials argue. Washington has no embassy "
        "in Kabul. The Taliban have ruled Afghanistan since 2021, and Taliban fighters patrol every province. "
        "The United States left in August 2021, and the United States has since frozen Afghan assets."))
    assert brief.situation.key == "afg" and brief.situation.countries[0] == "AFG"


def test_a_country_set_before_a_colon_in_the_headline_files_the_situation(write_article):
    # situation tcd, 01: "Chad: Chad Orders French Troops to Leave"; France and its government are named as often
    path = write_article(
        "Chad: Chad Orders French Troops to Leave Within Six Weeks\n\n"
        "French soldiers have been asked to leave Chad, sources close to the government in Paris say. French "
        "officials said France would comply, and the French military said the deadline was tight. Paris and "
        "France's president said they would talk to Chad.\n")
    brief = analyze(load_article(path))
    assert brief.situation.key == "tcd"


def test_the_state_whose_instructors_arrive_is_no_situation_of_its_own(write_article):
    # after an unseen page: Russian instructors to train Equatorial Guinea's army, with Russia named most; tuning
    # pages r1742 and r2838 (Russia sends troops, fighters to the Central African Republic, Libya)
    path = write_article(
        "Russian instructors to train African military personnel\n\n"
        "Moscow and Malabo have agreed that Russian instructors will travel to train members of the armed forces "
        "of Equatorial Guinea, its vice president said. Russia's deputy defence minister met him in Malabo. "
        "\"Equatorial Guinea and Russia have signed a military training agreement,\" he said. Russia said its "
        "relations with Equatorial Guinea were at a higher level, and Russia will open an embassy.\n")
    brief = analyze(load_article(path))
    assert brief.situation.key == "gnq"


def test_a_state_named_once_as_a_place_is_no_actor(write_article):
    names = {a.name for a in real_page(write_article, (
        "Ecowas leaders met for a summit in Nigeria and lifted sanctions on Mali, officials said. The junta in "
        "Mali welcomed the decision. Its leader, once in exile in Spain, said nothing. Senegal said it would "
        "reopen its border with Mali.")).actors}
    # named as acting, or more than once, a state is an actor; named once as the place, it is not
    assert {"Mali", "Senegal"} <= names and not {"Nigeria", "Spain"} & names
    # as tuning pages print them: a bearing, a border, a currency
    names = {a.name for a in real_page(write_article, (
        "Palau lies about 800 kilometres east of the Philippines, officials said. The junta lost control of the "
        "frontiers with China, India and Thailand. Qatar will invest US$21 billion in the port. Palau said Qatar "
        "would build it, and Palau welcomed the deal.")).actors}
    assert {"Palau", "Qatar"} <= names and not {"Philippines", "China", "India", "Thailand", "United States"} & names
    # the one state a story names is where it happens (tuning page r1750)
    names = {a.name for a in real_page(write_article, (
        "Peace talks with the Oromo Liberation Army would begin on Tuesday in Tanzania, officials said. The rebels "
        "said they would send a delegation.")).actors}
    assert "Tanzania" in names


@pytest.mark.parametrize(("page", "keys"), [
    # a headline naming who rules a state places the story there
    ("Will Solomon Islands new leader bring it closer to China\nSource: https://example.org/2024/05/10/story\n\n"
     "On April 17, Solomon Islands held an election that was closely watched by China and the United States. "
     "China has courted the Pacific for years, and China signed a security pact in 2022, officials said. "
     "China's envoy said China would respect the result.\n", ("slb",)),
    # a mediator's nationality is no ruler of the story's state
    ("Thailand and Cambodia agree to immediate ceasefire, Malaysian leader says\n"
     "Source: https://example.org/2025/07/28/story\n\n"
     "Thailand and Cambodia agreed to an immediate ceasefire, officials said. Cambodia's army and Thailand's "
     "army will pull back from the border, and Malaysia will observe.\n", ("tha", "khm")),
    # a headline that places the story in two states places it in both
    ("A vote in Moldova and Georgia shows the price of democracy\nSource: https://example.org/2024/11/01/vote\n\n"
     "Tens of thousands of Georgians protested in Tbilisi against the election, officials said. Georgia's ruling "
     "party claimed victory, and Georgia's president called the vote stolen. Russia denied interfering, and "
     "Moldova held its run-off on Sunday.\n", ("geo",)),
], ids=["rulers", "mediator", "two-states"])
def test_the_headline_places_the_story(write_article, page, keys):
    brief = brief_of(write_article(page))
    assert brief.situation.key in keys, brief.situation


def test_a_part_of_a_state_is_the_state(write_article):
    brief = real_page(write_article, (
        "Serbs in northern Kosovo have no police, and Serbia's president said Serbia would not abandon them. "
        "Serbia's government protested, and Serbia called for talks. Residents in northern Kosovo fear unrest, "
        "officials said."))
    assert brief.situation.key == "ksv", brief.situation


def test_a_states_credit_is_not_its_sovereignty_and_claimed_ground_is(write_article):
    rating = write_article(
        "Guinea votes\n\nGuinea holds a referendum on a new constitution on Sunday. S&P Global Ratings assigned "
        "Guinea its first sovereign rating, B+ with a stable outlook. Its sovereign bonds rallied. Investors said "
        "the sovereign wealth fund would grow.\n")
    assert not brief_of(rating).themes.sovereignty.present
    claimed = write_article(
        "Patrols resume\n\nIndian troops will resume patrolling up to two kilometres into the area held and claimed "
        "by China since 2020. Chinese troops may patrol the disputed area on the border in Ladakh. Both armies "
        "pulled back from the contested territory.\n")
    assert brief_of(claimed).themes.sovereignty.present


def test_an_organisation_keeps_its_owners_acronym_in_its_name(write_article):
    brief = brief_of(write_article(
        "Haiti force\n\nThe force will be supported by a newly created U.N. Support Office, the council said on "
        "Tuesday. Other partners will donate to a U.N. Trust Fund to pay the soldiers' stipends, officials said.\n"))
    names = {a.name for a in brief.actors}
    assert {"U.N. Support Office", "U.N. Trust Fund"} <= names and not {"Support Office", "Trust Fund"} & names


def test_a_named_groups_description_is_no_other_group(write_article):
    brief = brief_of(write_article(
        "Disarmament\n\nFighters from the Kurdistan Workers' Party (PKK), a Kurdish separatist group engaged in an "
        "insurgency, began disarming on Friday, officials said. Days earlier the Lebanese militant group Hezbollah "
        "fired rockets. A rebel group attacked a town on Monday, officials said, and Hezbollah condemned it.\n"))
    groups = [a for a in brief.actors if a.type == "armed_group"]
    assert {a.name for a in groups} == {"Kurdistan Workers' Party", "Hezbollah", "Armed groups"}
    assert actor(brief, "Armed groups").aliases == ["rebel group"]


def test_a_demonym_or_an_acronyms_article_inside_a_name_stays_in_it(write_article):
    brief = brief_of(write_article(
        "Sanctions\n\nThe sanctions target the National Iranian Oil Company, officials said on Monday. Troops pulled "
        "back from the Y-Junction in Depsang and the National Unity Platform (NUP) protested, India said.\n"))
    names = {a.name for a in brief.actors}
    assert {"National Iranian Oil Company", "National Unity Platform"} <= names
    assert not {"Oil Company", "and the National Unity Platform"} & names


def test_a_states_might_or_aid_is_not_its_armed_forces(write_article):
    brief = brief_of(write_article(
        "Niger turns east\n\nNiger has since turned to Russia for military aid, officials said on Monday. Japan "
        "is a bulwark against China's rising military might, and Russia said it would send instructors.\n"))
    names = {a.name for a in brief.actors}
    assert {"Niger", "Russia", "China"} <= names
    assert not {"Armed forces of Russia", "Armed forces of China"} & names
    brief = brief_of(write_article(
        "Red Sea port\n\nEthiopia signed a port deal with Somaliland on Monday, officials said. The government in "
        "Somalia declared the deal illegal, and ports blocked by Russia's military actions stay shut. Ethiopia "
        "said it would go ahead.\n"))
    names = {a.name for a in brief.actors}
    assert "Government of Somalia" in names and not {"Government of Ethiopia", "Armed forces of Russia"} & names


def test_a_body_is_named_whole_as_the_text_names_it(write_article):
    brief = brief_of(write_article(
        "Border clash\n\nThe Border Service of the State Committee for National Security of Kyrgyzstan said on "
        "Thursday that Tajik troops had opened fire. The Chadian National Election Management Agency said the vote "
        "was fair. The Egyptian Ministry of Foreign Affairs said it was concerned. Haiti named a transitional "
        "presidential council, officials said, and the Ukraine European Reassurance Force met in Paris.\n"))
    names = {a.name for a in brief.actors}
    assert "Border Service of the State Committee for National Security of Kyrgyzstan" in names
    assert "Border Service" not in names
    assert "Chadian National Election Management Agency" in actor(brief, "National Election Management Agency").aliases
    assert "Egyptian Ministry of Foreign Affairs" in actor(brief, "Ministry of Foreign Affairs of Egypt").aliases
    assert "Foreign Affairs" not in names  # not a person who "said"
    council = next(a for a in brief.actors if a.name.startswith("Transitional presidential council"))
    assert "transitional presidential council" in council.aliases  # "a" names nothing
    # a force states send together is not an armed group, whatever its head noun
    assert actor(brief, "Ukraine European Reassurance Force").type == "international_org"
    brief = brief_of(write_article(
        "Temple clash\n\nThe Royal Thai Army said on Monday that the Royal Cambodian Armed Forces had fired first. "
        "In Honiara, the Royal Solomon Islands Police Force took over security from the departing mission.\n"))
    assert {"Royal Thai Army", "Royal Cambodian Armed Forces", "Royal Solomon Islands Police Force"} <= {
        alias for a in brief.actors for alias in a.aliases}


def test_the_opposition_protesters_a_regime_and_names_of_the_form_head_of_x(write_article):
    brief = real_page(write_article, (
        "Venezuela held its election on Sunday. The government said on Monday that the opposition had lost. "
        "Protesters filled the streets "
        "of Caracas, and the opposition leader, Edmundo González, said his opposition to the result was firm. "
        "The Maduro regime blamed the Institute for Security Studies and the University of Queensland, officials "
        "said, and Venezuela's government repeated it."), url="https://example.org/2024/07/30/venezuela-vote")
    names = {a.name for a in brief.actors}
    opposition = actor(brief, "Opposition in Venezuela")
    assert opposition.type == "organisation" and opposition.mentions == 1  # not "opposition to" or "leader"
    assert actor(brief, "Protesters").type == "organisation"
    assert actor(brief, "Maduro regime").code == "VENGOV"
    assert {"Institute for Security Studies", "University of Queensland"} <= names


def test_troops_of_the_host_state_pulling_back_are_no_foreign_force_leaving(write_article):
    coup = real_page(write_article, (
        "Bolivia's army chief led troops into the main square of La Paz on Wednesday in what President Luis Arce "
        "called a coup attempt. The soldiers withdrew from the square hours later, officials said, and the general "
        "was arrested. Armed groups were not involved, the army said."))
    assert not any(i.id == "foreign_force_leaving" and i.present for i in coup.risk.indicators)
    mission = real_page(write_article, (
        "Somalia said on Monday that al-Shabaab fighters attacked a base near Mogadishu. The African Union mission "
        "will withdraw its troops by December, officials said, and al-Shabaab militants are expected to exploit "
        "the exit."))
    assert any(i.id == "foreign_force_leaving" and i.present for i in mission.risk.indicators)


def test_names_read_as_a_reader_writes_them(write_article):
    assert [mention(a) for a in (
        Actor(name="Hamas", type="armed_group"), Actor(name="Hayat Tahrir al-Sham", type="armed_group"),
        Actor(name="Rapid Support Forces", type="armed_group"), Actor(name="Taliban", type="armed_group"))] == \
        ["Hamas", "Hayat Tahrir al-Sham", "the Rapid Support Forces", "the Taliban"]  # tuning page r1592
    # an unseen page: "the armed forces of the the United States are leaving"
    assert mention(Actor(name="Armed forces of the United States", type="government_body")) == \
        "the armed forces of the United States"
    assert mention(Actor(name="Operation Barkhane", type="government_body")) == "Operation Barkhane"
    assert not plural("Hamas")
    brief = real_page(write_article, (
        "THE Zimbabwe Electoral Commission (Zec) announced on Saturday that the president had won, observers said. "
        "Zec said the vote was fair. Mozambique's Defence and Security Forces (FDS) fought insurgents in Cabo "
        "Delgado, the army said."))
    assert actor(brief, "Zimbabwe Electoral Commission").aliases[:1] == ["Zec"]
    assert actor(brief, "Defence and Security Forces").type == "government_body"
    assert "the Zimbabwe Electoral Commission" in brief.bluf and "tHE" not in brief.bluf


@pytest.mark.parametrize(("body", "written"), [
    # a participle that opens the lead loses its capital
    ("Faced with rising tensions, the United Nations mission in Mali left its camp in Kidal on Tuesday, officials "
     "said. The mission faced attacks by armed groups, the army said.", "that faced with rising tensions"),
    # a source that "has said" is cited whole
    ("Sudan's warring generals have agreed to a cessation of hostilities and a face-to-face meeting to end their "
     "war, a senior US diplomat has said. The talks will resume in Jeddah, officials said.",
     "citing a senior US diplomat, reports that Sudan"),
    # a quantity that opens the lead loses its capital
    ("Dozens of Russian military trainers have arrived in Burkina Faso, sources confirmed on Tuesday. The junta "
     "expelled French forces last year, officials said.", "reports that dozens of Russian military trainers"),
])
def test_the_lead_reads_as_part_of_the_bottom_lines_sentence(write_article, body, written):
    brief = real_page(write_article, body)
    assert written in brief.bluf, brief.bluf


def test_the_assembly_is_the_national_assembly_and_the_states_name_is_not(write_article):
    brief = real_page(write_article, (
        "Pakistan's election left a hung national assembly, officials said on Sunday. The assembly will meet in "
        "March. The Pakistan Peoples Party said it would join a coalition, and Pakistan's army stayed silent."))
    assembly = actor(brief, "National assembly of Pakistan")
    assert "The assembly" in assembly.aliases and not any("Pakistan" in a for a in assembly.aliases)


def test_the_force_leaving_is_named_as_the_mission_not_the_organisation_that_sent_it(write_article):
    brief = real_page(write_article, (
        "The United Nations peacekeeping mission in Mali, MINUSMA, will withdraw from Kidal on Tuesday, the "
        "United Nations said. The United Nations has run MINUSMA since 2013, and the United Nations says armed "
        "groups are fighting the army nearby. Jihadist groups attacked a base, officials said."),
        url="https://example.org/2023/10/30/mali-kidal")
    assert "MINUSMA is leaving" in brief.risk.judgment, brief.risk.judgment


def test_a_place_in_someone_elses_clause_takes_no_stance_and_considerably_is_no_hedging(write_article):
    brief = real_page(write_article, (
        "The security situation in Mali has deteriorated considerably in recent months, officials said. The junta "
        "rejected the plan on Tuesday, and Niger was cautious about the talks, diplomats said."))
    stances = {a.name: a.stance for a in brief.actors}
    assert stances.get("Mali") is None and stances["Niger"] == "hedges", stances


def test_a_name_defined_by_its_acronym_starts_after_the_last_full_stop(write_article):
    brief = real_page(write_article, (
        "The campaign ended ahead of the election on 7 July. The United Nations Integrated Mission (UNMIT) in "
        "Timor-Leste began in 2006, and UNMIT will withdraw its police by December, officials said."))
    assert not [a.name for a in brief.actors if "July" in a.name]


def test_an_acronym_the_text_defines_otherwise_is_the_texts(write_article):
    """Tuning page r1504: ROC is the gazetteer's Taiwan, but the page spells it out as the Russian Orthodox
    Church, and "the ROC" later is the church too."""
    brief = real_page(write_article, (
        "Estonia's law concerns the Russian Orthodox Church (ROC) in Estonia, officials said on Tuesday. The "
        "legislation is linked to the participation of the ROC in Russia's war in Ukraine, the ministry said."))
    names = {a.name: a.mentions for a in brief.actors}
    assert "Taiwan" not in names and names["Russian Orthodox Church"] >= 2, names


def test_a_movement_is_a_party_unless_the_gazetteer_knows_it_as_armed(write_article):
    """Annotators typed 13 of the 15 movements on the tuning set as organisations (parties and campaigns);
    the armed ones (M23, the SPLM, JEM) are in the gazetteer."""
    text = ("The Free Patriotic Movement blocked the vote in parliament, its leader said on Monday. The March 23 "
            "Movement seized another town in North Kivu, officials said.")
    kinds = {(a.name, a.type) for a in real_page(write_article, text).actors}
    assert ("Free Patriotic Movement", "organisation") in kinds
    assert any(name.startswith(("M23", "March 23")) and kind == "armed_group" for name, kind in kinds), kinds


def test_a_wire_defines_an_acronym_after_a_comma_and_or(write_article):
    """Tuning page r1512, AP's style: ", or PDK," names the party before it (its Albanian initials, in another
    order); a list of places ("Kenya, or UG,") defines nothing."""
    brief = real_page(write_article, (
        "The center-right Democratic Party of Kosovo, or PDK, won 24 seats, officials said on Monday. The PDK "
        "refused to join the government. Troops came from Kenya, or UG, the diplomats said."))
    names = {a.name: a for a in brief.actors}
    assert names["Democratic Party of Kosovo"].mentions >= 2 and names["Democratic Party of Kosovo"].type == \
        "organisation"
    assert not [n for n in names if n.startswith("Kenya") and n != "Kenya"]


def test_a_vacuum_rating_without_indicators_rests_on_the_articles_discussion_of_a_gap():
    """Tuning page r1512: a parliament that cannot elect a speaker. The vacuum theme alone weighs what the fitted
    model gives it, and the judgment says the article discusses a gap instead of listing only what it does not
    describe."""
    from policybrief.analysis.risk import fitted_weights, rate_risk
    from policybrief.brief import Sentence, Theme, Themes

    sentences = [Sentence(id="s1", paragraph=0, text="Three months after the vote, Kosovo still has no speaker and "
                                                     "no government.")]
    themes = Themes(sovereignty=Theme(present=False, score=0.1), security=Theme(present=False, score=0.1),
                    power_vacuum=Theme(present=True, score=0.7, evidence=["s1"]))
    risk = rate_risk(sentences, [], themes)
    fitted = fitted_weights()
    alone = "moderate" if fitted["vacuum_theme"] >= fitted["thresholds"]["moderate"] else "low"
    assert risk.rating == alone and risk.score == fitted["vacuum_theme"] and risk.judgment_evidence == ["s1"]
    assert "discusses a gap in authority, though it describes no departing force" in risk.judgment
    themes.power_vacuum.present = False
    assert rate_risk(sentences, [], themes).judgment.endswith("describes no departing force, armed challenger or "
                                                              "failing state.")
    # low, with an indicator: what the article does describe falls short of a vacuum
    themes.security.present = True
    active = [Sentence(id="s1", paragraph=0, text="Armed groups are active in the north, officials said.")]
    low = rate_risk(active, [], themes)
    assert low.rating == "low" and ", though armed groups are active." in low.judgment, low.judgment


def test_a_weekday_before_a_name_and_the_headlines_short_form_of_it_make_one_person(write_article):
    # tuning page r1232: a caption run into itself ("... on Thursday Michel Djotodia leaves"), and the headline's
    # "PM Tiangaye" for the story's Nicolas Tiangaye
    brief = brief_of(write_article(
        "CAR president Djotodia and PM Tiangaye resign\n\n"
        "Michel Djotodia leaves Bangui for N'Djamena on Thursday Michel Djotodia leaves Bangui for N'Djamena on "
        "Thursday AFP\n\nThe Central African Republic's interim president, Michel Djotodia, has resigned along "
        "with prime minister Nicolas Tiangaye. Djotodia's presidential guards are stationed nearby.\n"))
    people = sorted(a.name for a in brief.actors if a.type == "person")
    assert people == ["Michel Djotodia", "Nicolas Tiangaye"]


def test_a_bare_year_beside_a_month_of_that_year_in_one_sentence_is_one_timeline_event(write_article):
    # tuning pages r1162 and r1098, and the opinion sample: "opened talks in June and committed funds for the years
    # 2024 to 2027" is June 2024 and 2027, not also 2024
    brief = brief_of(write_article(
        "Talks\nSource: https://example.org/2024/11/18/talks\n\nThe European Union opened accession talks with "
        "Ukraine in June and has committed funds for the years 2024 to 2027.\n"))
    assert [t.when for t in brief.timeline] == ["June [2024-06]", "2027"]


def test_a_river_a_courtesy_title_and_a_coalition_named_after_a_party(write_article):
    brief = brief_of(write_article(
        "Dam dispute\n\nEgypt's president Abdel Fatah El Sisi warned that the country's share of the Nile’s waters "
        "was a red line, officials said on Thursday. Mr Sisi vowed retribution over the dam that Ethiopia is "
        "building on the Blue Nile _ the river’s main tributary _ and which Egypt fears. In Baghdad, supporters "
        "of the Al-Fatah Coalition and the State of Law Coalition held a sit-in, and Ethiopia rejected the claim.\n"))
    names = {a.name for a in brief.actors}
    assert not {"Blue Nile", "Fatah"} & names, names
    sisi = next(a for a in brief.actors if a.name.endswith("Sisi"))
    assert not (sisi.role or "").startswith("Mr"), sisi.role
    assert actor(brief, "Al-Fatah Coalition").type == actor(brief, "State of Law Coalition").type == "organisation"


def test_a_name_the_text_goes_on_to_shorten_twice_is_a_persons(write_article):
    brief = brief_of(write_article(
        "Serb municipalities\n\nThe head of the Kosovar executive, Albin Kurti, told the media on Tuesday that he "
        "cannot form the association. Despite that, Kurti made the same point in the past. For an analyst, Kurti, "
        "as prime minister, cannot escape this responsibility. Currently Kurti leads, Serbia said. In the High "
        "Arctic, Canada patrols; the Arctic is warming and the Arctic matters.\n"))
    names = {a.name for a in brief.actors}
    assert "Albin Kurti" in names and not {"Currently Kurti", "High Arctic"} & names, names


@pytest.mark.parametrize("text, people, not_people", [
    # pages r2396, r1994 and r2088: "the Western Balkans", "Central Africans", "the municipality of Zubin Potok"
    ("Leaders in Kosovo and the Western Balkans said they want calm. Central Africans say they are tired of the "
     "war. One assembly member of the municipality of Zubin Potok offered the Serbian flag to its mayor. Prime "
     "Minister Albin Kurti said Kosovo would not back down.",
     {"Albin Kurti"}, {"Western Balkans", "Central Africans", "Zubin Potok"}),
    # pages r102, r1436, r1772, r1946: a role without an article ("emeritus professor", "vice-president of"), a
    # description with one before "said", and a role whose complement runs in lower case before the name; a verb
    # between a role and a place set off by commas ends the role
    ("Britain is overstretched, said Mr Brown. Lawrence Freedman, emeritus professor of war studies at King's "
     "College London, said the army was small. Dmitry Chemakin, vice-president of the Kaliningrad Chamber of "
     "Commerce, said the rules should be in force. Ibrahima Camara, a civil servant in Conakry, said he voted yes. "
     "The spokesperson for the Iranian foreign ministry, Saeed Khatibzadeh, said the drills were a sovereignty "
     "issue. The deputy director of the Kosovo Police for the northern region, Veton Elshani, warned in May that "
     "the bridge would open. The bridge, a symbol of division, stayed shut. The killing of President Jovenel Moïse "
     "sent the Haitian capital, Port-au-Prince, spiralling down.",
     {"Lawrence Freedman", "Dmitry Chemakin", "Ibrahima Camara", "Saeed Khatibzadeh", "Veton Elshani"},
     {"The bridge", "Port-au-Prince"}),
    # pages r1476, r1526 and r2984: "Fidel Castro's government", "the K.P. Sharma Oli government" name their
    # leaders; a people's or a region's government has none in its name
    ("In 2002, John Bolton accused Fidel Castro’s government of producing weapons. After the ouster of the K.P. "
     "Sharma Oli government, Nepal voted. The New Caledonian government objected, and the Kurdistan Region "
     "government too.",
     {"John Bolton", "Fidel Castro", "K.P. Sharma Oli"}, {"New Caledonian", "Kurdistan Region"}),
    # pages r1764, r1816 and r353: "<name> of <body> told/stated/said" is a person and where they work; a body
    # after "the" is none
    ("Trond Hugubakken of PST told Norwegian Broadcasting that it was serious. Wilker Dias of Plataforma Decide "
     "stated that there was no protest. In 2016, the International Tribunal of the Law of the Sea backed Manila.",
     {"Trond Hugubakken", "Wilker Dias"}, {"Plataforma Decide", "PST", "International Tribunal"}),
    # pages r1862 and r119: a lower-case title capitalised by the sentence it opens is not part of the name
    ("Analyst Luis Astorga said the cartels merged. Advisor Hussein Allawi agreed. National Assembly Speaker Ali "
     "Ahmed spoke.",
     {"Luis Astorga", "Hussein Allawi", "Ali Ahmed"}, {"Analyst Luis Astorga", "Advisor Hussein Allawi"}),
])
def test_who_is_a_person_by_what_the_text_says_of_them(write_article, text, people, not_people):
    brief = brief_of(write_article(f"Talks\n\n{text}\n"))
    found = {a.name for a in brief.actors if a.type == "person"}
    assert people <= found and not not_people & found, found


def test_a_leaders_government_stays_a_body_of_its_own(write_article):
    brief = brief_of(write_article(
        "Spy base\n\nIn 2002, John Bolton accused Fidel Castro’s government of producing weapons. The New "
        "Caledonian government objected, and the Kurdistan Region government too.\n"))
    bodies = {a.name for a in brief.actors if a.type == "government_body"}
    assert {"Fidel Castro government", "New Caledonian government", "Kurdistan Region government"} <= bodies


def test_an_outlet_after_a_title_is_no_person(write_article):
    brief = brief_of(write_article(
        "Envoy recalled\n\nSudan recalled its ambassador from Kenya on Thursday, Sudan's official SUNA news agency "
        "reported. Kenya said it would host the talks.\n"))
    assert "SUNA" not in {a.name for a in brief.actors}


def test_two_descriptions_of_one_body_are_one_actor(write_article):
    brief = brief_of(write_article(
        "Exiles hunted\n\nThe Nicaraguan opposition said on Monday that exiles were being followed in Costa Rica. "
        "Nicaragua denied it, and the political opposition called for protection. The Guyana Defense Force said "
        "its soldiers were attacked on the river.\n"))
    names = [a.name for a in brief.actors]
    assert names.count("Opposition in Nicaragua") == 1, names
    assert "Guyana Defense Force" in actor(brief, "Armed forces of Guyana").aliases


def test_a_government_named_for_its_leader_a_party_set_off_by_its_description_and_there(write_article):
    brief = brief_of(write_article(
        "Bridge dispute\n\nThis decision by the Kurti Government is the latest in a series, Serbia said on Tuesday. "
        "Representatives of the Serb List, the largest Serbian party in Kosovo, said the bridge cannot open. "
        "Pristina’s PM Albin Kurti wants a conflict, Vucic said. “There claims to be a place called West Bank,” "
        "the minister said.\n"))
    assert actor(brief, "Kurti Government").type == "government_body"
    assert actor(brief, "Serb List").type == "organisation"
    names = {a.name for a in brief.actors}
    assert "Albin Kurti" in names and not {"PM Albin Kurti", "There", "List"} & names, names


def test_a_capital_before_a_body_is_its_states_and_names_set_off_after_titles(write_article):
    # unseen pages r2344, r2360 and r2338
    brief = brief_of(write_article(
        "Canal blast\n\nSerbia said the incident would be used as a pretext by the Pristina government to crack "
        "down on Serbs. The war in the late 1990s was between Belgrade's forces and ethnic Albanian separatists. "
        "Manila’s firm opposition to the plan did not change. The chair of Namkha, Bishnu Bahadur Tamang, claimed "
        "that the buildings stand on Nepal's land. The assistant Chief District Officer (CDO), Dattaraj Hamal, made "
        "a visit to the area. The European Commission’s president Ursula van der Leyen called for sanctions.\n"))
    assert "Pristina government" in actor(brief, "Government of Kosovo").aliases
    assert "Belgrade's forces" in actor(brief, "Armed forces of Serbia").aliases
    names = {a.name for a in brief.actors}
    assert {"Bishnu Bahadur Tamang", "Dattaraj Hamal", "Ursula van der Leyen"} <= names, names
    assert "Opposition in Philippines" not in names and "Ursula" not in names, names
    # unseen page r2400: the place a mission works in is the rest of its name
    mission = brief_of(write_article(
        "EU mission\n\nThe EU approved the EU Partnership Mission in Moldova on Monday, officials said. The mission "
        "will counter hybrid threats, Moldova said.\n"))
    assert actor(mission, "EU Partnership Mission in Moldova").type == "international_org"


def test_people_set_off_by_a_possessed_role_an_adverb_or_their_nationality(write_article):
    # unseen pages r2374, r2400, r2382 and r2422; tuning page r2018 for the outlet
    brief = brief_of(write_article(
        "Court ruling\n\nThe court only reaffirmed the fact, Ximena Fuentes, Chile’s deputy foreign minister, told "
        "reporters. The mission is headed by Stefano Tomat, currently the EU's managing director of planning. "
        "Russian national Valery Zakharov serves as adviser to the president. The national Army Day parade was "
        "cancelled. In an interview with the Russian daily Nezavisimaya Gazeta, Kazakhstan’s first president, "
        "Nursultan Nazarbayev, spoke of the border.\n"))
    assert actor(brief, "Ximena Fuentes").role == "Chile’s deputy foreign minister"
    assert actor(brief, "Valery Zakharov").role == "Russian national"
    names = {a.name for a in brief.actors}
    assert "Stefano Tomat" in names and not {"Army Day", "Nezavisimaya Gazeta"} & names, names


def test_a_judgment_quotes_complete_sentences_not_a_link_at_the_foot():
    # tuning page r1968 ends with another story's headline, which has no full stop
    brief = brief_of(Path(__file__).parent / "realset/tune/r1968_socotra_uae_sovereignty.txt")
    link = "Saudi Arabia fails to stop conflict between Hadi, STC militia in Abyan"
    assert not any(link in j.text for j in brief.key_judgments) and link not in brief.bluf


def test_a_preposition_opens_no_name_and_a_fleet_is_a_navy(write_article):
    brief = brief_of(write_article(
        "Arctic border\n\nNear Kirkenes, located in the Arctic Circle, lies one of the few open Russian borders, "
        "officials said. The nearby Kola Peninsula is where the Russian Northern Fleet is stationed. Kirkenes "
        "worries Norway. Amid fears of a military operation, Russia said it would act. Kirkenes waits.\n"))
    names = {a.name for a in brief.actors}
    assert not {"Near Kirkenes", "Amid"} & names, names
    assert actor(brief, "Northern Fleet").type == "government_body"


def test_a_rank_written_short_is_spelled_out_in_a_role(write_article):
    brief = brief_of(write_article(
        "Maritime deal\n\nEast Libya’s de facto ruler, Gen. Khalifa Haftar, said on Monday that Libya would ratify "
        "the deal with Turkey. Greece objected.\n"))
    assert actor(brief, "Khalifa Haftar").role == "General of Libya"


def test_a_partys_own_name_after_a_possessive_a_stance_or_a_known_shorter_name(write_article):
    # tuning pages r1530, r1374, r1756 and r678: "His ... Party", "Moldova's ruling Party of ...", "the pro-Russian
    # Shor party" (here a party no gazetteer knows), the Democratic Party of Socialists (not the US Democratic
    # Party), the People's National Congress; unseen pages r3044 and r3102: the Faroes' Social Democratic Party,
    # Georgia's For Georgia; Nigeria's People's Democratic Party (not the US Democratic Party either)
    brief = brief_of(write_article(
        "Votes and parties\n\nTaiwan lost an ally on Monday, officials said. His Democratic Progressive Party "
        "supports the status quo. She accused Moldova’s ruling Party of Action and Solidarity of repression, and "
        "funds went to the pro-Western Zelen party. Djukanovic leads his pro-Western Democratic Party of Socialists. "
        "Muizzu, 45, leads the People's National Congress. The Social Democratic Party won 8 seats. Giorgi "
        "Gakharia's party For Georgia said on Monday it would boycott. Nigeria's People's Democratic Party "
        "rejected the count.\n"))
    names = {a.name for a in brief.actors}
    assert {"Democratic Progressive Party", "Party of Action and Solidarity", "Zelen", "Democratic Party of Socialists",
            "People's National Congress", "Social Democratic Party", "For Georgia",
            "People's Democratic Party"} <= names, names
    assert not {"His Democratic Progressive Party", "Ruling party of Moldova", "Western Zelen", "Democratic Party",
                "National Congress"} & names, names


def test_a_name_goes_on_through_for_the_and_a_demonym_after_of(write_article):
    # tuning pages r2894, r1510 and r478: names cut at "for the" or at a people's adjective after "of"
    brief = brief_of(write_article(
        "Parties and fronts\n\nSimões Pereira, the leader of the main opposition African Party for the "
        "Independence of Guinea, fled on Monday. Delegates met to form an International Front for the Liberation of "
        "the colonies. Asaad Zahiw, the head of the National Union of Libyan Parties, spoke. The Prime Minister of "
        "Iraqi Kurdistan met them.\n"))
    names = {a.name for a in brief.actors}
    assert {"African Party for the Independence of Guinea", "International Front for the Liberation",
            "National Union of Libyan Parties", "Iraq"} <= names, names
    assert not {"African Party", "International Front", "National Union", "Libya"} & names, names


def test_hyphenated_number_words_dollars_written_after_and_a_date_after_the(write_article):
    # unseen pages r2058, r2112 and r2064: "eighty-eight", "$US10", "the October 1 ... celebrations"
    brief = brief_of(write_article(
        "Succession\n\nPublished: October 18, 2025\n\nBiya, now eighty-eight years old, rules, and signers were "
        "asked to donate $US10 to the cause. The plotters planned to strike during the October 1 Independence Day "
        "celebrations. The May government fell.\n"))
    values = {f.value: f for f in brief.figures}
    assert values[88].what == "years old" and values[10].unit == "USD" and 80 not in values
    whens = [t.when for t in brief.timeline]
    assert "October 1 [2025-10-01]" in whens and not any("May" in w for w in whens), whens


def test_a_pair_of_states_an_organisation_of_a_state_and_a_minister_beside_his_president(write_article):
    # tuning pages r740, r1664, r2166 and r622: "North and South Korea"; "the Armed Forces of the Philippines"
    # and "the Bar Association of Sri Lanka" end with their state; a minister shares his government's code with
    # the president the gazetteer knows, and stays himself
    brief = brief_of(write_article(
        "Troops replaced\n\nTension between North and South Korea grew. The Armed Forces of the Philippines said on "
        "Monday that troops moved, and the Bar Association of Sri Lanka objected. Maldives Minister of Foreign "
        "Affairs Moosa Zameer said 76 Indian military personnel were replaced. President Mohamed Muizzu had "
        "demanded it. Zameer spoke to reporters.\n"))
    names = {a.name for a in brief.actors}
    assert {"North Korea", "South Korea", "Armed Forces of the Philippines", "Bar Association of Sri Lanka",
            "Moosa Zameer", "Mohamed Muizzu"} <= names, names
    assert actor(brief, "Armed Forces of the Philippines").type == "government_body"
    assert "Zameer" not in actor(brief, "Mohamed Muizzu").seen_as


def test_a_numbered_unit_a_hyphenated_first_name_a_base_and_an_outlet(write_article):
    # unseen pages r3092 and r3112: "the 444 Brigade" had become "Brigade", Abdel-Ghani al-Kikli Ashraf Ghani,
    # Diego Garcia a person; InSight Crime is an outlet
    brief = brief_of(write_article(
        "Tripoli clashes\n\nHeavy fighting erupted in Tripoli late Monday after the killing of Abdel-Ghani al-Kikli, "
        "leader of the powerful Stability Support Authority (SSA), leaving at least six dead. He was killed inside a "
        "facility controlled by the 444 Brigade, a rival armed group. The United Kingdom has controlled Diego Garcia "
        "since 1965, and the Diego Garcia deal is signed. InSight Crime said the gangs grew.\n"))
    names = {a.name: a.type for a in brief.actors}
    assert names.get("Abdel-Ghani al-Kikli") == "person" and names.get("444 Brigade") == "armed_group", names
    assert not {"Ashraf Ghani", "Brigade", "Diego Garcia", "InSight Crime"} & set(names), names


def test_an_institution_of_a_region_with_its_own_government_is_the_regions(write_article):
    # unseen page r3034: not "National assembly of Bosnia and Herzegovina", the story's main state
    brief = brief_of(write_article(
        "Dodik verdict\n\nThe verdict against Milorad Dodik by the top court in Bosnia and Herzegovina has sparked "
        "tensions in Bosnia. Shortly after the ruling, the National Assembly of Republika Srpska adopted a law "
        "that banned Bosnia's central police from its territory.\n"))
    names = {a.name for a in brief.actors}
    assert "National Assembly of Republika Srpska" in names, names
    assert not any(n.lower().startswith("national assembly of bosnia") for n in names), names


def test_a_nickname_in_a_name_a_justice_a_territory_a_militia_called_so_and_a_party_the_gazetteer_knows(write_article):
    # tuning pages r2180, r2184, r2182, r2128, r2142 and r660
    brief = brief_of(write_article(
        "Cartel war\n\nSinaloa Cartel leader Ismael “El Mayo” Zambada was arrested, officials said, and gang leader "
        "Johnny “Big Man” Roe fled. The ruling was "
        "read by supreme court justice Alexandre de Moraes. Miners in the Yanomami Indigenous Territory said the "
        "Yanomami Indigenous Territory was overrun, and the Yanomami Indigenous Territory burned. A militia called "
        "the Ninjas has left thousands displaced. Georgia’s ruling party, Georgian Dream, revived the law. Aung San "
        "Suu Kyi’s National League for Democracy (NLD) is banned.\n"))
    names = {a.name for a in brief.actors}
    assert {"Ismael Zambada", "Johnny “Big Man” Roe", "Alexandre de Moraes", "Ninjas", "Georgian Dream",
            "Aung San Suu Kyi", "National League for Democracy"} <= names, names
    assert not {"Ismael", "Yanomami Indigenous Territory", "Ruling party of Georgia"} & names, names
    assert actor(brief, "Ninjas").type == "armed_group"


def test_a_state_that_is_a_first_name_special_forces_and_a_leader_named_in_full_before_his_administration(
        write_article):
    # tuning pages r2242 and r2248
    brief = brief_of(write_article(
        "Gideon\n\nThe two men, both former US Special Forces operatives, operated with a third: Jordan Goudreau, "
        "founder of a private contracting firm, who claimed the attack. Goudreau spoke on Sunday. Jordan said it "
        "was concerned. Sheinbaum spoke amid threats from U.S. President Donald Trump’s administration to use "
        "drone strikes. Islamic State leader Abu Bakr al-Baghdadi is dead following a U.S. Special Operation Forces "
        "raid.\n"))
    names = {a.name for a in brief.actors}
    assert {"Jordan Goudreau", "Jordan", "Donald Trump", "Trump administration"} <= names, names
    assert actor(brief, "Jordan").mentions == 1
    assert actor(brief, "US Special Forces").type == "government_body"
    # an unseen Hill column: the singular the text wrote had made US forces an armed group
    assert actor(brief, "U.S. Special Operation Forces").type == "government_body"


def test_a_plural_title_names_both_people_after_it_each_with_the_singular_role(write_article):
    # tuning page r2142: "US Senators Ben Cardin and Roger Wicker called the bill a copy of the Russian law"
    brief = brief_of(write_article(
        "Georgia law\n\nUS Senators Ben Cardin and Roger Wicker objected to the bill, officials said.\n"))
    assert actor(brief, "Ben Cardin").role == actor(brief, "Roger Wicker").role == "US Senator"


def test_a_citys_institute_a_states_ministry_a_federal_court_and_a_lowercase_plural_title(write_article):
    # unseen pages r2458, r2476 and r2470
    brief = brief_of(write_article(
        "Defence plan\n\nThe Ministry of Defence of Serbia stated that ministers Bratislav Gašić and Kristóf "
        "Szalay-Bobrovniczky signed the plan. Ivana Ranković, a researcher at the Belgrade Centre for Security "
        "Policy, says it is standard. The Iraqi Federal Supreme Court on Tuesday halted the vote. The UK sent a "
        "ship to the Turks and Caicos Islands after a surge in violence.\n"))
    names = {a.name for a in brief.actors}
    assert {"Ministry of Defence of Serbia", "Bratislav Gašić", "Kristóf Szalay-Bobrovniczky",
            "Belgrade Centre for Security Policy", "Turks and Caicos Islands"} <= names, names
    assert not {"UK Ministry of Defence", "Centre for Security Policy", "Turkey"} & names, names
    assert actor(brief, "Bratislav Gašić").role == "minister"
    assert "Federal Supreme Court" in actor(brief, "Supreme court of Iraq").aliases


def test_a_post_or_a_word_in_brackets_defines_no_acronym_and_a_name_may_hold_an_apostrophe(write_article):
    # unseen pages r2482, r2498 and r2492
    brief = brief_of(write_article(
        "Threat letter\n\nPakistani Prime Minister (PM) Imran Khan met the Chief Justice of Pakistan (CJP) on "
        "Tuesday. Former PM and Pakistan Muslim League (Nawaz) leader Nawaz Sharif is involved, Umar said. The sites "
        "are in Bejucal (Mayabeque), the report said. General N'Ban La, head of the Kachin Independence "
        "Organisation, goes to China often.\n"))
    names = {a.name for a in brief.actors}
    assert {"Pakistan Muslim League-Nawaz", "Nawaz Sharif", "N'Ban La"} <= names, names
    assert not {"Prime Minister", "Chief Justice of Pakistan", "Bejucal"} & {n.split(" and ")[0] for n in names}, names


def test_a_body_someone_else_owns_is_not_the_storys_state(write_article):
    # unseen page r2528: "the transatlantic military" was taken for Estonia's armed forces
    brief = brief_of(write_article(
        "Baltic tanker\n\nEstonia said the tanker sailed on. Analysts said the transatlantic military alliance held, "
        "while the rival government in the east was silent. The army said it was ready.\n"))
    assert actor(brief, "Armed forces of Estonia").aliases == ["The army"]
    assert "Government of Estonia" not in {a.name for a in brief.actors}


def test_a_name_set_off_after_a_long_role_and_leaders_the_gazetteer_knows(write_article):
    # unseen pages r2564 and r2522
    brief = brief_of(write_article(
        "Map protest\n\nArgentina’s under-secretary for Latin American Affairs at the Foreign Ministry, Gabriel Fuks, "
        "submitted a note of protest. The church backs Vucic, who rules from Belgrade.\n"))
    names = {a.name for a in brief.actors}
    assert {"Gabriel Fuks", "Aleksandar Vučić"} <= names, names


def test_who_leads_a_party_and_what_a_state_owns(write_article):
    # unseen pages r2550 and r2554; tuning pages r580 and r454 for the titled name and the outlet's place
    brief = brief_of(write_article(
        "Gas field\n\nThe bomb targeted the party Jamiat Ulema-e-Islam led by Fazlur Rehman, police said. Malaysia’s "
        "state-owned Petronas used six tugs. An interim government, led by Nobel Peace laureate Muhammad Yunus, was "
        "sworn in. A Chinese state-owned Hong Kong news outlet accused the firm.\n"))
    names = {a.name for a in brief.actors}
    assert {"Fazlur Rehman", "Petronas", "Muhammad Yunus"} <= names, names
    assert not {"Nobel Peace", "Hong Kong"} & names, names


def test_a_peoples_army_is_an_armed_group_unless_the_gazetteer_knows_it_as_a_states(write_article):
    # unseen page r2560: the New People's Army was taken for a state's army; a name with "People's" in it never
    # matched the gazetteer
    brief = brief_of(write_article(
        "Peace talks\n\nThe New People’s Army said it would talk. The Korean People's Army fired missiles, and the "
        "Workers' Party of Korea met.\n"))
    assert actor(brief, "New People’s Army").type == "armed_group"
    assert actor(brief, "Korean People's Army").code == "PRKMIL"
    assert "WPK" in actor(brief, "Workers' Party of Korea").aliases


def test_a_plural_names_possessive_a_commodore_and_an_election_spelt_out_with_its_acronym(write_article):
    # unseen pages r2614, r2624 and r2620; tuning page r142 for the quoted name
    brief = brief_of(write_article(
        "Research vessel\n\nThe Maldives’ Foreign Ministry said the ship would dock. Philippine Coast Guard Commodore "
        "Jay Tarriela said the ship was rammed. The 2024 National General Elections (NGE) were held, and 'EU "
        "Solidarity Lanes' will continue.\n"))
    assert "The Maldives’ Foreign Ministry" in actor(brief, "Ministry of Foreign Affairs of the Maldives").aliases
    assert actor(brief, "Jay Tarriela").role == "Philippine Coast Guard Commodore"
    names = {a.name for a in brief.actors}
    assert not {"Foreign Ministry", "National General Elections", "Elections", "Solidarity Lanes"} & names, names


def test_not_yet_ready_is_no_hedging_not_yet_decided_is_and_opposed_to_is_a_stance_held(write_article):
    # page r2642 of the last unseen batch: Sudan was shown hedging on the mission's exit
    brief = real_page(write_article, (
        "The UN mission in Darfur ends its mandate on Thursday, officials said. The armed groups are opposed to its "
        "departure because they consider the Sudanese state is not yet ready to provide security. Chad has not yet "
        "decided whether to send troops, diplomats said."))
    stances = {a.name: a.stance for a in brief.actors}
    assert stances.get("Sudan") is None and stances["Chad"] == "hedges", stances
    assert stances["Armed groups"] == "opposes", stances


def test_courts_a_presidency_a_delegation_and_border_guards_are_a_states_bodies(write_article):
    # tuning pages r1124, r520, r1409, r1172, r1818: each was named by its state alone, or not at all
    brief = brief_of(write_article(
        "Talks\n\nKenyan courts blocked the deployment. The Chadian presidency said it would reply, and the Peruvian "
        "Congress voted. Russian border guards left the crossing, while Russian troops stayed. The Moldovan "
        "delegation walked out, the Moldovan government said. The US government agreed.\n"))
    assert "Kenyan courts" in actor(brief, "Judiciary of Kenya").aliases
    assert "Chadian presidency" in actor(brief, "Presidency of Chad").aliases
    assert "Peruvian Congress" in actor(brief, "Parliament of Peru").aliases
    assert actor(brief, "Border guards of Russia").aliases == ["Russian border guards"]
    assert actor(brief, "Armed forces of Russia").aliases == ["Russian troops"]
    assert actor(brief, "Delegation of Moldova").aliases == ["Moldovan delegation"]
    assert actor(brief, "Government of Moldova").aliases == ["Moldovan government"]
    assert actor(brief, "Government of the United States").type == "government_body"


def test_a_group_keeps_the_people_or_place_it_is_named_for(write_article):
    # tuning pages r1590, r1708 and r1070: the brief said "militants", "led militias"
    brief = brief_of(write_article(
        "Attacks\n\nPakistan blamed Baloch militants for the attack. Kurdish-led militias hold Raqqa, while Misrata "
        "militias fought in Tripoli. On Sunday militants attacked again. The Southern Transitional Council militias "
        "withdrew.\n"))
    forms = {f for a in brief.actors for f in a.aliases}
    assert {"Baloch militants", "Kurdish-led militias", "Misrata militias"} <= forms, forms
    assert not {"led militias", "Sunday militants", "Council militias"} & forms, forms
    assert actor(brief, "Southern Transitional Council").type == "armed_group"


def test_a_name_only_ever_after_in_or_a_vessel_is_a_town_or_a_ship_and_a_movement_keeps_its_word(write_article):
    # tuning pages r1988, r2042, r854 (ships and a province taken for people), r330 (the movement), r1514
    brief = brief_of(write_article(
        "Warships\n\nFighting raged in Sultan Kudarat on Monday. Russia sent the frigate Admiral Gorshkov to Havana, "
        "and the navy said the frigate Admiral Gorshkov would stay. President John Mahama said in Accra that peace "
        "would come; in a speech, Mahama thanked Nigeria. On Friday leaders of the Montana Accord movement met in "
        "Port-au-Prince. Ethnic groups in the north voted, while armed ethnic groups attacked a convoy.\n"))
    names = {a.name for a in brief.actors}
    assert not {"Kudarat", "Sultan Kudarat", "Gorshkov", "Admiral Gorshkov", "Prince"} & names, names
    assert actor(brief, "John Mahama").type == "person"
    assert "Montana Accord movement" in {f for a in brief.actors for f in a.aliases}
    assert actor(brief, "Armed groups").aliases == ["armed ethnic groups"]


def test_a_hull_designation_names_a_ship_and_a_national_task_force_is_a_states(write_article):
    # an unseen GMA News page on the Second Thomas Shoal: "M/L Kalayaan" was a central person, the Philippines'
    # task force an armed group, and "PH" in its headline nobody
    brief = brief_of(write_article(
        "PH accuses Chinese coast guard of firing water cannon at resupply boat\n\n\"CCG vessel 5203 deployed "
        "water cannon against Philippine supply vessel M/L Kalayaan,\" the National Task Force for the West "
        "Philippine Sea said. \"CCG vessel 5203 deployed a water cannon against supply vessel M/L Kalayaan,\" it "
        "said. Supply boats Unaizah Mae 1 and M/L Kalayaan were harassed. The Multinational Joint Task Force did "
        "not comment.\n"))
    names = {a.name: a.type for a in brief.actors}
    assert not [n for n in names if "Kalayaan" in n], names
    assert names["National Task Force for the West Philippine Sea"] == "government_body"
    assert names["Multinational Joint Task Force"] == "international_org"
    assert "PH" in actor(brief, "Philippines").seen_as


def test_a_portfolio_before_a_title_a_candidate_and_a_spokesperson_name_their_people(write_article):
    # tuning pages r2254, r982, r2046 and r2668: none of the four was an actor
    brief = brief_of(write_article(
        "Border\n\nDanish Justice Minister Nick Hækkerup said the border would close. Maia Sandu faces a run-off "
        "against pro-Russian candidate Alexandr Stoianoglo. Presidential Office Spokesperson Lii Wen condemned the "
        "seizure, and Iraq's National Security Advisor Qasim al-Araji met Iranian officials.\n"))
    assert actor(brief, "Nick Hækkerup").role == "Danish Justice Minister"
    assert actor(brief, "Alexandr Stoianoglo").type == "person"
    assert actor(brief, "Lii Wen").type == "person"
    assert actor(brief, "Qasim al-Araji").role == "Iraq's National Security Advisor"
    assert not {"Minister Nick Hækkerup", "Araji", "Presidential Office Spokesperson Lii Wen"} & {
        a.name for a in brief.actors}


def test_a_title_case_or_capitals_headline_names_no_one_it_alone_spells_in_capitals(write_article):
    # tuning pages r1774, r1369 and r998: "Secures Presidential Nomination Amidst Controversy" was a person
    brief = brief_of(write_article(
        "Istanbul Mayor Secures Presidential Nomination Amidst Controversy, Protests\n\nThe party named Ekrem "
        "Imamoglu its candidate, officials said. Pakistan lawmakers voted on Monday.\n"))
    names = {a.name for a in brief.actors}
    assert not {n for n in names if "Nomination" in n or "Secures" in n}, names
    brief = brief_of(write_article("💣 A TIME BOMB TICKING IF BPA IS NOT RATIFIED.\n\nThe president urged the "
                                   "parliament to ratify the vote, his office said.\n"))
    assert "Islamic State" not in {a.name for a in brief.actors}
    # a headline in sentence case is read as before; a leader is named by "under the leadership of" (r1654)
    brief = brief_of(write_article("Southern Council in Yemen announces autonomous administration\n\nThe group, "
                                   "formed under the leadership of Nathan Bawm, said it would govern Aden.\n"))
    assert {"Southern Council", "Nathan Bawm"} <= {a.name for a in brief.actors}


@pytest.mark.parametrize("sentence, actor", [
    # an unseen BBC copy: Germany's minister spoke; "Mali plans" says nothing of the peacekeepers leaving
    ("Defence Minister Christine Lambrecht assured it would be an orderly departure as Mali plans to hold "
     "transitional elections in February 2024.", "Mali"),
    # tuning pages r2848, r748, r518, r2478, r1732, r2054: a verb that is not the actor's own
    ("Many prisoners have been in jail since 2020, when Lukashenko cracked down on protests.", "Alexander Lukashenko"),
    ("The Bongo regime faced frequent accusations of corruption.", "Bongo regime"),
    ("Thus, Dissanayake's biggest challenge will be to reassess those decisions.", "Anura Kumara Dissanayake"),
    ("A coalition of Iran-backed militia forces sits on the west bank of the Euphrates.", "Iran"),
    ("Clashes between security forces and protestors marching in Santiago left one dead.", "Armed forces of Chile"),
    ("CARICOM ministers have written to Secretary of State Marco Rubio requesting dialogue.", "Marco Rubio"),
    # an unseen Uganda page: a stance on what the sentence named before the actor
    ("Internet access was cut, a move the UN human rights office condemned as deeply troubling.",
     "Office of the UN High Commissioner for Human Rights"),
    ("Berlin also signed a gas deal, which Russia condemned as a provocation.", "Russia"),
])
def test_a_stance_is_the_actors_own_verb_on_the_development(write_article, sentence, actor):
    brief = real_page(write_article, (
        "Germany will withdraw its 1,000 peacekeepers from the UN mission by May 2024, officials said on Monday. "
        f"{sentence} Anura Kumara Dissanayake, Alexander Lukashenko and the Chilean army were not reached."))
    assert actor in [a.name for a in brief.actors]
    assert not [(a.name, a.stance) for a in brief.actors if a.stance_evidence == brief.sentences[1].id]


@pytest.mark.parametrize("body, held", [
    # an actor that plans the development supports it; one that plans something else takes no stance by it
    ("Germany plans to withdraw its 1,000 peacekeepers from Mali by May 2024, officials said on Monday. Mali plans "
     "to hold elections in February.", {"Germany": "supports", "Mali": None}),
    # tuning page r2204: a time of day between the actor and its verb
    ("Croatian Prime Minister Andrej Plenkovic on Sunday evening welcomed the decision to impose changes to "
     "Bosnia's election law.", {"Andrej Plenković": "supports"}),
    # tuning page r976: the actor reports its own stance
    ("Kyrgyzstan said on Friday it agreed a ceasefire with Tajikistan after a deadly border conflict. Russia said "
     "it would not back the plan.", {"Kyrgyzstan": "supports", "Russia": None}),
    # an unseen BBC copy: "with the UN also condemning the coup" was no stance, "UN" being too short a form
    ("Myanmar's leaders have been detained as the military seized power, officials said on Monday. Joe Biden raised "
     "the threat of new sanctions, with the UN also condemning the coup. The party is accused of moving Georgia "
     "back into Russia's orbit.", {"United Nations": "opposes", "Georgia": None}),
    # an unseen Cameroon page and tuning page r2296: those who speak for the actor ("its leaders") hold its stance
    ("Cameroon’s opposition leaders rejected presidential election results that extended President Paul Biya’s "
     "rule, officials said on Monday.", {"Opposition in Cameroon": "opposes"}),
])
def test_stances_the_actors_hold_and_those_they_do_not(write_article, body, held):
    stances = {a.name: a.stance for a in real_page(write_article, body).actors}
    assert {name: stances[name] for name in held} == held, stances


def test_a_vacuum_nothing_points_to_is_placed_nowhere(write_article):
    # an unseen SCMP page: "A power vacuum in Japan is very unlikely" read as if one were in question there
    brief = real_page(write_article, (
        "Japan has lodged a formal protest with China over the entry of three Chinese coastguard ships into "
        "Japanese territorial waters in the East China Sea, officials said on Tuesday."))
    assert brief.risk.judgment == ("A power vacuum is very unlikely: the article describes no departing force, "
                                   "armed challenger or failing state."), brief.risk.judgment
    assert brief.risk.judgment in brief.bluf


@pytest.mark.parametrize("full, short", [("Liu Dejun", "Liu"), ("Phumtham Wechayachai", "Phumtham"),
                                         ("Teodoro Nguema Obiang Mangue", "Obiang")])
def test_a_person_named_by_the_first_word_of_their_name_is_one_actor(write_article, full, short):
    # an unseen page and tuning pages r2624, r932: a Chinese family name written first, a Thai given name; each
    # "Liu added" had become an organisation of its own; so had a family name inside a longer one (an unseen
    # thepressunited.com page, tuning pages r162 and r3018)
    brief = real_page(write_article, (
        f"China's coast guard said Philippine ships had entered its waters, {full}, a spokesperson, said in a "
        f"statement. In a further statement, {short} added that one of the ships had ignored repeated warnings."))
    people = [a for a in brief.actors if short in a.name]
    assert [(a.name, a.type, a.mentions) for a in people] == [(full, "person", 2)]


@pytest.mark.parametrize("furniture", [
    # tuning pages r1482, r636, r2560: each had become the bottom line's first sentence
    "Soldiers of the Malian Army Forces during an anti-terrorist operation in the Sahel in 2015. The army has "
    "fought jihadists since 2012.",
    "(FILES) In this file photo taken on October 3, 2018 members of the Cameroonian Gendarmerie patrols in the Omar "
    "Bongo Square of Cameroon’s majority anglophone South West province capital Buea during a political rally of the "
    "ruling CPDM party, Cameroon People’s Democratic Movement of incumbent Cameroonian President Paul Biya. – On "
    "September 30, the government will start hosting a national dialogue on the crisis in the anglophone regions, "
    "which has left thousands dead and hundreds of thousands displaced since it began.",
    "date 2023-11-28 This is AI generated summarization, which may have errors. For context, always refer to the "
    "full article.",
])
def test_a_caption_or_a_widget_above_the_lead_is_not_the_development(write_article, furniture):
    brief = real_page(write_article, (
        f"{furniture}\n\nMali accused neighbouring Algeria of shooting down one of its surveillance drones near their "
        "shared border in a statement read out on national TV on Sunday.\n\nThe three Sahel countries said they "
        "condemned the act."))
    assert brief.development.startswith("Mali accused neighbouring Algeria"), brief.development


def test_islands_described_as_a_group_are_no_organisation(write_article):
    # an unseen SCMP page: "the Senkakus, a group of uninhabited East China Sea islands" had become an organisation
    brief = real_page(write_article, (
        "Japan’s coastguard said on Tuesday that three Chinese patrol boats entered Japanese territorial waters near "
        "the Senkakus, a group of uninhabited East China Sea islands known as the Diaoyus in China. Jaish al-Adl, a "
        "group of Sunni militants, said it attacked the post."))
    names = [a.name for a in brief.actors]
    assert "Senkakus" not in names and "Jaish al-Adl" in names, names


def test_a_title_inside_a_hyphenated_one_is_not_the_role(write_article):
    # an unseen BBC copy: "commander-in-chief Min Aung Hlaing" had become "Min Aung Hlaing, chief of Myanmar"
    brief = real_page(write_article, (
        "The army's TV station said power had been handed over to commander-in-chief Min Aung Hlaing. Myanmar's "
        "army seized power on Monday. The US used the airbase until 2009, when then-President Rafael Correa "
        "declined to extend the lease."), url="https://example.org/2021/02/01/story")
    role = next(a.role for a in brief.actors if a.name == "Min Aung Hlaing")
    assert role.startswith("commander-in-chief of Myanmar's armed forces"), role
    assert "Rafael Correa" in [a.name for a in brief.actors if a.type == "person"]


def test_a_known_agencys_copy_on_an_unknown_site_keeps_the_agencys_standing(write_article):
    # an unseen page: Reuters copy on nepalpost.today was rated as an outlet of unknown standing
    body = "Somalia's government asked on Monday for the exit of troops to be delayed, officials said."
    wire = real_page(write_article, f"MOGADISHU (Reuters) - {body}")
    own = real_page(write_article, body)
    assert wire.sourcing.confidence == "moderate" and own.sourcing.confidence == "low"
    assert any("a site policybrief does not know" in r for r in wire.sourcing.reasons), wire.sourcing.reasons
    assert wire.bluf.endswith("Confidence is moderate: a single news report of Reuters wire copy republished by a "
                              "site of unknown standing."), wire.bluf


@pytest.mark.parametrize("headline, venue", [
    # tuning pages r1606, r2186: the country that hosts the talks had become the situation
    ("Colombia and the Clan del Golfo agree on zones at Qatar talks", "Qatar"),
    ("Cameroon and separatists hold peace talks in Canada", "Canada"),
])
def test_where_talks_are_held_is_a_venue_not_the_situation(write_article, headline, venue):
    brief = brief_of(write_article(
        f"{headline}\nSource: https://example.org/2024/06/20/story\n\n"
        f"Negotiators met for talks in {venue} this week, officials said. The government and the rebels have been "
        f"meeting in {venue} since January. Fighting in Cameroon and Colombia has killed hundreds, and Cameroon's "
        "army and Colombia's army both said they would keep fighting in Cameroon and in Colombia."))
    assert brief.situation is not None and brief.situation.label != venue, brief.situation


def test_where_talks_with_someone_are_held_is_a_venue_not_the_situation(write_article):
    # an unseen page on Russian instructors for Equatorial Guinea's army: "held talks with Russian President
    # Vladimir Putin in Moscow" placed the story in Russia, named a little more often than Equatorial Guinea
    path = write_article(
        "Russia and Equatorial Guinea sign a training pact\n\n"
        "Moscow and Malabo have concluded a military training agreement, the vice president of Equatorial "
        "Guinea said on Thursday. \"Equatorial Guinea and Russia have signed a military training agreement,\" "
        "he said. He said relations between Russia and Equatorial Guinea had reached a higher level. In "
        "November, Equatorial Guinea's president held talks with Russian President Vladimir Putin in Moscow. "
        "Russia's foreign ministry said an embassy in Malabo is already operating, and Russia's defence "
        "ministry said Russia would send a delegation.\n")
    assert analyze(load_article(path)).situation.key == "gnq"


def test_an_undated_pages_own_deadlines_are_watched(write_article):
    # an unseen undated BBC copy: "will leave ... by May 2024" gave no watch-point, only generic indicators
    brief = real_page(write_article, (
        "Germany is the latest country to say its 1,000 peacekeepers will leave Mali by May 2024, officials said. "
        "The UK and Benin also intend to pull out their forces next year."), url="https://example.org/?p=633")
    assert brief.article.published is None
    assert [(w.origin, w.date) for w in brief.risk.watch_points][:1] == [("article", "2024-05")]


def test_the_state_whose_forces_leave_is_not_where_the_vacuum_opens(write_article):
    # an unseen Nigerian editorial: "A power vacuum opens in France: ... France's own forces show gaps"
    brief = brief_of(write_article(
        "Now That French Troops Are Leaving\nSource: https://example.org/2021/09/29/story\n\n"
        "French President Emmanuel Macron announced a withdrawal of French forces from the Sahel by early 2022. "
        "Operation Barkhane has fought jihadists across the Sahel since 2013, and France's army trained the "
        "soldiers of Mali. The French departure could be bad news for Mali and its neighbours, as jihadist groups "
        "are active."))
    assert brief.situation is not None and brief.situation.label == "Mali", brief.situation
    assert "in France" not in brief.risk.judgment, brief.risk.judgment


def test_a_columns_signpost_does_not_open_what_it_argues(write_article):
    # an unseen column: "the columnist argues that first of all, the Sahel is not ours to manage"
    brief = brief_of(write_article(
        "What to do about the Sahel? Nothing.\nSource: https://example.org/opinion/2024/06/20/sahel\n\n"
        "First of all, the Sahel is not ours to manage. We should do nothing, I told them in Paris."))
    assert brief.article.kind == "opinion"
    assert "argues that the Sahel is not ours to manage." in brief.bluf, brief.bluf


def test_a_lead_with_its_verb_stays_the_lead_however_much_it_looks_like_furniture(write_article):
    # tuning page r104: the furniture model leans to its lead (p 0.83), whose past tense marks it as the story's
    path = Path(__file__).parent / "realset" / "tune" / "r104_ethiopia_somaliland_red_sea.txt"
    brief = brief_of(write_article(path.read_text(encoding="utf-8")))
    assert brief.development.startswith("On 2 January 2024, Muse Bihi Abdi"), brief.development
