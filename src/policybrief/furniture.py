"""Page furniture: what surrounds an article's text on a page, told apart from the text line by line.

Headline, source address, byline, date lines, wire datelines, captions and credits, related links, share,
newsletter, cookie and error prompts are taken out before any analysis; every removed line is kept with its
reason, and what they say about the article (title, outlet, author, date, agency) goes into its metadata.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from urllib.parse import urlsplit

from dateutil import parser as dateparser

from . import data, furniture_model
from .brief import Removed
from .metadata import SOURCE_LINE, STORE_DATE, date_in_url, outlet_of, year_in_url

MONTHS = (r"(Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t(ember)?)?|Oct(ober)?|"
          r"Nov(ember)?|Dec(ember)?)\.?")
# Month names in other languages, to the month's number (data/months.yaml), longest first.
_MONTH_NUMBER = {name: int(number) for number, names in data.load("months").items() for name in names}
_FOREIGN_MONTH = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_DATE = (rf"(((\w+day|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?(,|\s\|)?\s+)?({MONTHS}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}|"
         rf"\d{{1,2}}(st|nd|rd|th)?\s+{MONTHS},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d(T[\d:.]+Z?)?|"
         # "29. avgust 2024", "19 de julio de 2025"
         rf"\d{{1,2}}\.?\s+(de\s+)?((?i:{_FOREIGN_MONTH})|{MONTHS})\s+(de\s+)?\d{{4}}|"
         rf"\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{1,2}}-\d{{1,2}}-\d{{4}}|"
         rf"\d{{4}} ?/ ?\d\d ?/ ?\d\d))")  # "2024 / 02 / 20"
_GLUED_DATE = re.compile(rf"^({_DATE})(?=[A-Z][a-z])")
_DATE_LINE = re.compile(
    rf"^[|•·\s]*(\d{{1,2}}[:.]\d\d\s*(am|pm|a\.m\.|p\.m\.)?\s*([A-Z]{{2,4}})?,?\s+)?"  # "5:57 AM EST, Jan 16, 2024"
    rf"(?P<label>published|updated|posted|date|last updated|first published|publication date|date published)?"
    rf"[:|\s]*(on\b[:\s]*)?{_DATE}"  # "Posted on: 23 March 2024"
    # "2:17 pm (EST)", "09:50:38": the time and its zone after the date
    rf"([\s,|/-]+(at\s+)?\d{{1,2}}([:.]\d\d){{0,2}}\s*(am|pm|a\.m\.|p\.m\.)?\s*(\(?[\w+:-]{{2,9}}\)?)?)?"
    rf"(\s*[|•·-]\s*[\d,.]+k?\s+(views?|reads?|comments?|shares?))?"  # "August 26 2024, 09:55 AM  •  14 views"
    rf"(\s*[|,/-]?\s*(updated|last updated)\b.*)?(\s+by\s+.{{2,60}}"
    r"|\s*\|\s*(?P<name>[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){1,3}))?\W*$",  # "May 30, 2017 | Kaitlin Lavinder"
    re.IGNORECASE,
)
# "Published 5 July 2024, 10:45", "By Jane Doe | July 5, 2024" and other lines that carry a date among labels.
_DATE_IN_HEADER = re.compile(rf"\b{_DATE}\b", re.IGNORECASE)
_NAME = r"[A-Z][\w.'’-]+"
# Between a name's words, the particles of "Isabel van Brugen", "Ursula von der Leyen", "Luiz Inácio da Silva"
_GAP = r"\s+((van|von|de|der|den|da|di|du|del|dos|la|le|al|el|bin|ibn)\s+){0,2}"
# "By Jane Doe", "BY JANE DOE AND JOHN ROE", "Story by Jane Doe, Reuters", "By Jane Doe | Correspondent",
# "By | Jane Doe,", "By Jane Doe*" (a note on the author below), "By Jane Doe July 26, 2024".
_BYLINE = re.compile(
    rf"^(?P<lead>(?i:written\s+|words\s+|story\s+|posted\s+|report\s+)|(?i:an?\s+)?"
    rf"(?P<column>(?i:guest\s+(piece|post|column|essay|opinion)|column|commentary|opinion|op-ed|analysis)\s+))?"
    rf"(?i:by)(\s*[:|]\s*|\s+){_NAME}({_GAP}((?i:and)\s+|&\s+)?{_NAME}){{0,5}}\*?(\s+@\w+)?"
    rf"(\s*(,|\||(?i:and)|&|in|for|-|—|–|·|•)(\s+.{{0,80}})?|(\s+(?i:on))?\s+{_DATE})?$")
# "By East Asia correspondent Bill Birtles in Taiwan": the role comes first, the name after it.
_ROLE_BYLINE = re.compile(rf"^(?i:by)\s+[\w ]{{0,40}}?\b(?i:correspondent|reporter|editor|writer|analyst|chief)\s+"
                          rf"(?P<name>{_NAME}(\s+{_NAME}){{1,3}})\b")
# "Columnist Mohamed al Hammadi - Jusoor Post": a column's byline names the role, then the author.
_COLUMNIST_BYLINE = re.compile(rf"^(?i:(guest )?columnist|contributor|contributing writer)\s+"
                               rf"(?P<name>{_NAME}(\s+(al|el|bin|de|van|von|da)?\s*{_NAME}){{1,3}})"
                               rf"(\s+[-–—|]\s+.{{2,60}})?$")
# "Paul Kirby - Europe digital editor", "Jane Doe | Senior correspondent": the name, then the role.
_NAME_ROLE_BYLINE = re.compile(rf"^(?!(?i:by)\s)(?P<name>{_NAME}(\s+{_NAME}){{1,3}})\s*[-–—|,]\s*([\w'’ ]{{0,40}}\s)?"
                               r"(?i:editor|correspondent|reporter|writer|journalist|producer|contributor)s?$")
# "Writer's pictureOlga Nesterova": the author's photo, its alt text run into the name.
_PICTURE_BYLINE = re.compile(rf"^(?i:writer|author)['’]s (?i:picture|photo|avatar)\s*"
                             rf"(?P<name>{_NAME}(\s+{_NAME}){{1,3}})$")
# "Sadiq S BhatSadiq S Bhat": the author's photo, its alt text (the name) run into the name.
_DOUBLED_BYLINE = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){1,3})(?P=name)$")
# A standfirst that ends on its writer: "... a frontal attack on democracy, argues EDDY ODIVWRI"
_STANDFIRST_BYLINE = re.compile(rf"^.{{30,400}}[^.!?:\s],\s+(argues|writes|reports|explains)\s+"
                                rf"(?P<name>{_NAME}(\s+{_NAME}){{1,3}})$")
# "Featured in Comment by Michael Jones": a section's label, then the byline.
_LABELLED_BYLINE = re.compile(rf"^(?P<label>[A-Z][\w ]{{2,40}}?)\s+(?i:by)\s+(?P<name>{_NAME}(\s+{_NAME}){{1,3}})$")
# Words in a capitalised line that make it a site's or a section's name, not a person's ("Spread The News",
# "Africa Confidential")
_NOT_A_NAME = re.compile(r"^By\b|\b(The|News|Daily|Weekly|Africa|Asia|Europe|America|Middle|World|Global|"
                         r"International|Confidential|Insight|Review|Today|Online)\b")
_SECTION_WORD = re.compile(r"\b(analysis|opinion|commentary|editorials?|explainers?|columns?|reports?|briefs?|"
                           r"features?|insights?|updates?)\b", re.I)
_BOARD = re.compile(r"\beditorial (board|team|staff)\b|\bthe editors\b", re.I)
_BY_ALONE = re.compile(r"(?i)(by|authors?|written by)\s*:?")
# The headings a report opens with, two capitalised words that read as a name.
_REPORT_HEADING = re.compile(r"(?i)(executive |short )?summary|abstract|introduction|overview|background|"
                             r"key (points|findings|takeaways|judgments)|(table of )?contents|foreword|preface|"
                             r"bottom line( up front)?|the bottom line")
_HONORIFIC = re.compile(r"^(Dr|Prof|Professor|Mr|Mrs|Ms|Amb|Ambassador|Gen|Col|Lt|Capt)\.?\s+")
_HANDLE = re.compile(r"\s+@\w+$")  # "Jane Doe @janedoe": the name without its social-media handle
_TITLE_BYLINE = re.compile(rf"^(?P<title>.{{10,}}?)\s*[-–—|]\s+(?i:by)\s+(?P<name>{_NAME}(\s+{_NAME}){{1,3}})"
                           rf"(\s*,\s*.{{2,60}})?$")
_COLUMNIST_TITLE = re.compile(rf"^(?P<name>{_NAME}(\s+{_NAME}){{1,2}})(?P<colon>\s+\||:)\s+.{{10,}}$")
# "By Jane Doe, John Roe, and Ann Poe": several authors, all of them the byline's.
_AUTHORS = re.compile(rf"{_NAME}(\s+{_NAME}){{1,3}}(\s*,\s*{_NAME}(\s+{_NAME}){{1,3}})*,?\s+and\s+"
                      rf"{_NAME}(\s+{_NAME}){{1,3}}")
# "Jane Doe is a senior fellow at ...", "The author is a former ambassador": an author's note, which a column or
# an analysis carries and a news report does not.
_AUTHOR_BIO = re.compile(
    rf"^[—–*\s]*((?P<name>{_NAME}({_GAP}{_NAME}){{1,3}})|(?i:the )?(?i:author|writer)s?) (is|was|are) (a|an|the) "
    r"([\w'’-]+ ){0,4}(?i:fellow|professor|columnist|analyst|researcher|director|editor|writer|author|journalist|"
    r"lecturer|associate|expert|ambassador|diplomat|contributor|correspondent|scholar|officer|member|chair|"
    r"president|founder|consultant|commentator|head|adviser|advisor|minister|secretary|general)\b")
# "Faizan Hashmi Published April 12, 2024 | 06:30 PM", "AFP Published June 5, 2024"
_BYLINE_DATED = re.compile(rf"^(?P<name>{_NAME}(\s+{_NAME}){{0,3}}?)\s+(Published|Posted|Updated)\b.{{0,60}}$")
# "By", "By:", "ByClément Therme", "By , a former ambassador ...": bylines the page lost or glued.
_BARE_BY = re.compile(r"^By:?(\s*|\s*,.*|(?=[A-Z])\S+(\s+\S+){0,3})$")
# "Andrew H. Sweet", "D.B. Grady", "Hafed Al-Ghwell", "AJ Prabal", "Harlyne Joku and Stephen Wright",
# "Jeanne-Mây Desurmont"
# Letters of names in Latin scripts: "Vuk Jeremić", "Łukasz Olejnik", "Željko Komšić", "Anton ŠVEC"
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞČĆĐŠŽŁŚŹŻŃŘŤĚŐŰ", "a-zà-ÿā-ž"
# A word of a name: "Jeremić", "Al-Hassan", and "McGregor", "DeSantis", "O'Brien" with a capital inside
_NAME_WORD = rf"[{_UPPER}][{_LOWER}'’]+([{_UPPER}][{_LOWER}]+)?(-[{_UPPER}]?[{_LOWER}'’]+)*-?"
_PERSON = (rf"({_NAME_WORD}|(?!U\.S\.|U\.K\.|U\.N\.|E\.U\.)([A-Z]\.){{1,3}})"
           rf"({_GAP}([A-Z]\.|{_NAME_WORD}|[{_UPPER}]{{2,}})){{1,3}}")
# What may follow the name in lower case: an outlet's or a post's small words ("Managing Director, Research and
# Programs"), never the story's ("Joe Biden, Kamala Harris and the war in Ukraine")
_NAME_TAIL_WORDS = frozenset({"of", "and", "the", "for", "at", "in", "on", "de", "to", "am", "pm"})
_SOCIAL = re.compile(r"\b(Facebook|Instagram|Twitter|YouTube|LinkedIn|WhatsApp|Telegram|TikTok)\b")
_NAME_UNDER_HEADLINE = re.compile(rf"^(?P<name>{_PERSON}(\s+and\s+{_PERSON})?)(\s*[,|(]\s*\(?[A-Z][^.]{{0,100}}|"
                                  rf"\s+(?P<date>{_DATE}).{{0,30}})?$")
_PERSON_LINE = re.compile(rf"^{_PERSON}(\s+and\s+{_PERSON})?$|^[A-Z]{{2}}\s+[A-Z][a-z]+$")
_ORGANISATION_LINE = re.compile(r"^[A-Z][\w&.'’ -]{2,60}\b(Group|Institute|Council|Cent(er|re)|University|"
                                r"Foundation|Agency|Programme|Program|Forum|Initiative|Network|Project|Service|"
                                r"Times|News|Post|Review|Journal|Monitor)$")
# Between a page header's fields: "News Arena Network - Siliguri - UPDATED: May 23, 2025 - 2 min read"
_FIELD_SEPARATOR = re.compile(r"\s+[|·•–—-]\s+")
_STAMPS = re.compile(r"\b(published|created|posted|updated|last updated)\s*:\s*"
                     r"([^|]{0,30}?\b(?:19|20)\d\d\b[^|]{0,20}?)\s*(?=\||$)", re.I)
# "Reporting by Katharine Jackson and Doina Chiacu; Editing by ...", "(Reporting by Jane Doe in Niamey)"
_REPORTING_BY = re.compile(r"^\(?(?i:reporting by)\s+(?P<names>[^;()]+?)(\s+in\s+[A-Z][^;()]*)?(;|\)|$)")
_AUTHOR_LABEL = re.compile(rf"^(author|authors|reporter|writer|autor|auteur)s?:\s+({_NAME}(\s+{_NAME}){{0,4}})", re.I)
# "BAMAKO, Mali (AP) — ", "NIAMEY, July 7 (Reuters) –", "MOGADISHU (Reuters) -Somalia's", "(Bloomberg) -- The",
# "BEIRUT — ", "Stuttgart, Germany - The": where and, for wire copy, which agency filed the story.
_AGENCY = r"(?P<agency>AP|Reuters|AFP|Bloomberg|UPI|dpa|DPA|Xinhua|Anadolu|AA|IANS|PTI|ANI|Sputnik|TASS|CNN|Al Jazeera)"
# "Policy brief | 3 March 2025", "International Crisis Group / April 17, 2023": the section that files the story
# (or its author, or the body that wrote it), then the date
_SECTION_DATE_LINE = re.compile(rf"^\s*(?P<section>[A-Z][\w.'’&-]*( [\w'’&-]+){{0,3}})\s*[|/]\s*(?P<date>{_DATE})"
                                rf"(\s*\|\s*\d{{1,2}}[:.]\d\d)?\s*$")  # "Vuk Jeremić | 29. avgust 2024 | 12:30"
# "Alusine sesay: Sierra Leone Telegraph: 8 February 2026:": the writer, the paper and the date, set off by colons
# ("Today: Aug 23, 2025", "Pix of the Day: October 23, 2025" are a widget's: one field, then the day's date)
_COLON_FIELDS_DATE = re.compile(rf"^(?P<section>[A-Z][\w.'’ -]{{2,40}}?):\s+[A-Z][\w.'’ -]{{2,40}}?:\s+"
                                rf"(?P<date>{_DATE}):?\s*$")
# The date a copied headline carries at its end: "Niger to nationalize ... – DW – 06/20/2025"
_TITLE_DATE = re.compile(rf"\s+[-–—|]\s+(?P<date>{_DATE})\s*$")
# "Washington DC (UPI) Sep 5, 2025": a wire dateline on a line of its own, with the date after the agency.
_AGENCY_DATE_LINE = re.compile(rf"^[A-Z][\w .,'’-]{{1,40}}?\s*\({_AGENCY}\)\s+(?P<date>{_DATE})\W*$", re.I)
# In a dateline's brackets, any agency or outlet the dateline's shape vouches for: "(NNN-NNA)", "(UNB)", "(NationPress)"
_SOURCE = r"(?P<agency>[A-Z][\w.&'’/-]{1,24}( [A-Z][\w.&'’/-]+){0,2})"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ /-]{2,40}(,\s+[A-Z][\w.'’ -]{1,30}?)?)"
    rf"(,?\s+(?P<month>{MONTHS})\s+(?P<day>\d{{1,2}})(,\s+(?P<year>\d{{4}}))?)?\s*"
    rf"(,?\s*\({_SOURCE}\)\s*)?(?P<dash>[-—–]{{1,2}}|:)\s*(?=[\"“‘A-Z0-9])"  # "DHAKA, (Reuters) –"
)
# "Cotonou, June 5 (AFP) Jun 05, 2025 Three soldiers ...": a place in lower case, the agency, a date stamp.
_MIXED_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’ -]{{1,30}}),\s+(?P<month>{MONTHS})\s+(?P<day>\d{{1,2}})\s+\({_SOURCE}\)\s*"
    rf"([-—–]{{1,2}}\s*)?((?P<stamp>{_DATE})\s+)?(?=[\"“‘A-Z0-9])")
# "MOSCOW (Pakistan Point News / Sputnik - 11th August, 2020) Following ...", "Rabat, (UrduPoint / Pakistan
# Point News - 14th Nov, 2020 ) :The ...": outlet, perhaps an agency, and the date in brackets.
_BRACKETED_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’ -]{{1,30}}?),?\s*\([^()]{{0,60}}?(\b{_AGENCY})?\s*[-—–,]\s*(?P<stamp>{_DATE})\s*\)\s*"
    rf"([-—–]{{1,2}}\s*|:\s*)?(?=[\"“‘A-Z0-9])")
# "VIENNA | 28 December 2023 (IDN) — To be ...", "Muzaffarabad | October 10, 2025: A murder case ...": the
# place, a bar, the date, perhaps the outlet, then the story.
_BAR_DATELINE = re.compile(rf"^(?P<place>[A-Z][\w.'’ -]{{1,30}}?)\s*\|\s*(?P<stamp>{_DATE})\s*(\([^()]{{1,30}}\)\s*)?"
                           rf"([-—–]{{1,2}}|:)\s*(?=[\"“‘A-Z0-9])")
# "PUNTA GORDA, Toledo District, Wed. Sept. 21, 2022": a dateline on a line of its own, the place in capitals.
_PLACE_DATE_LINE = re.compile(rf"^[A-Z][A-Z.'’ -]{{2,30}}(,\s+[A-Z][\w.'’ -]{{1,30}}?)?,\s+(?P<date>{_DATE})\W*$")
# "UMD Media, March 11, 2025": in the page's header, the outlet (or the place) in title case, then the date; a
# weekday there ("Wednesday, 15 January 2025") is the site's date bar, showing the day it was read.
_NAME_DATE_LINE = re.compile(rf"^(?!\w+day\b|Updated\b|Last\b)[A-Z][\w.'’&-]*( [A-Z][\w.'’&-]*){{0,3}},\s+"
                             rf"(?P<date>{_DATE})\W*$")
# "Published : Friday, 27 December, 2024 at 12:00 AM  Count : 674": the label vouches for the date, whatever
# counters follow it.
_LABELLED_DATE = re.compile(rf"^(?i:published|first published|publication date|date published|posted|"
                            rf"(article )?created( and last updated)?)(\s+on)?"
                            rf"\s*[:|-]?\s*(?P<date>{_DATE})[^.]{{0,40}}$")
# "7 March 2018 Leighton G. Luke, Research Manager, Indian Ocean Research Programme": the date, then the author
# and their post
_DATE_THEN_BYLINE = re.compile(
    rf"^(?P<date>{_DATE})\s+(?P<name>{_NAME}(\s+{_NAME}){{1,3}}),\s+[^.]{{0,40}}\b(?i:manager|director|fellow|"
    rf"editor|correspondent|reporter|analyst|researcher|professor|lecturer|writer|chief|head|associate)\b.{{0,80}}$")
# "(January 13, 2024) — In 2007 ...": a column's date in brackets, where a wire story has its place.
_DATE_ONLY_DATELINE = re.compile(rf"^\((?P<stamp>{_DATE})\)\s*[-—–]{{1,2}}\s*(?=[\"“‘A-Z0-9])")
# "THE HAGUE (AP) The International Court ...": a wire dateline whose dash the page dropped; the agency vouches.
_UNDASHED_DATELINE = re.compile(rf"^(?P<place>[A-Z][A-Z.'’ /-]{{2,40}}(,\s+[A-Z][\w.'’ -]{{1,30}}?)?)\s*"
                                rf"\({_AGENCY}\)\s+(?=[\"“‘A-Z])")
# "Become a memberThree Georgian citizens ...": a prompt's button run into the paragraph below it.
_GLUED_PROMPT = re.compile(r"^(Become a member|Subscribe( now)?|Sign up|Advertisement|ADVERTISEMENT|Read more|"
                           r"Continue reading)(?=[A-Z][a-z])")
_AGENCY_ONLY = re.compile(rf"^\({_AGENCY}\)\s*([-—–]{{1,2}}|:)\s*(?=[\"“A-Z0-9])")  # "(Reuters): On Wednesday, ..."
_PLACE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(\s[A-Z][a-z]+)?,\s[A-Z][a-z]+(\s[A-Z][a-z]+)?)\s[-—–]{1,2}\s(?=[A-Z])")
_LABEL_WORDS = re.compile(r"^(opinion|analysis|commentary|editorial|explainer|column|op-?ed|news|world|africa|"
                          r"middle east|asia|europe|americas|politics|breaking|exclusive|live|update|insight|"
                          r"perspective|viewpoint|feature|in depth|briefing|world news|international)\b", re.I)


@dataclass
class Page:
    """The text of a page once its furniture is out, and what the furniture said."""

    paragraphs: list[tuple[str, bool]] = field(default_factory=list)  # (text, is_heading)
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    agency: str | None = None
    labels: list[str] = field(default_factory=list)
    bio: bool = False  # the page carries an author's note ("... is a senior fellow at ...")
    # (how much the place it came from says, whether it is under the printed headline, date)
    dates: list[tuple[int, bool, date]] = field(default_factory=list)
    under_headline: bool = False  # the page printed its headline again, and the lines now read come after it
    author_above: str | None = None  # a byline read above the printed headline: a teaser's, unless none follows

    @property
    def published(self) -> date | None:
        """The best-attested date: labelled "Published" or beside the byline, then the archive's stamp, the
        address and the dateline, then any other date line; of equals, one under the printed headline (above it
        a site's date bar and other stories' teasers have their dates), then the first (a page's "Updated"
        comes after its "Published")."""
        return max(self.dates, key=lambda d: d[:2])[2] if self.dates else None

    def dated(self, when: date | None, weight: int) -> None:
        if when is not None:
            self.dates.append((weight, self.under_headline, when))

    def headline_printed(self) -> None:
        self.under_headline = True
        self.author_above, self.author = self.author, None


@cache
def _rules() -> tuple[int, list[tuple[re.Pattern[str], str, bool]]]:
    spec = data.load("boilerplate")
    return spec["max_words"], [(re.compile(r["pattern"], re.IGNORECASE), r["reason"], bool(r.get("any_length")))
                               for r in spec["rules"]]


@cache
def _outlet_names() -> frozenset[str]:
    spec = data.load("sources")
    names = [n for group in spec.values() for n in group]
    return frozenset(_norm(n) for n in names)


def _norm(line: str) -> str:
    return re.sub(r"[^\w ]+", "", line.lower().replace("’", "'")).strip()


# A list of other stories' headlines in title case, each closed by a dash ("China Unveils 'Star Wars'-like Missile
# Warship For Space Combat -"); "- Balance of power -", a subheading, opens with one too
_DASHED_TEASER = re.compile(r"^(?![-–])([A-Z0-9‘'\"“][^\s]*\s+){3}.{0,140}\s[-–]$")


def boilerplate_reason(line: str) -> str | None:
    """Why a line is web leftover, or None when it is article text."""
    max_words, rules = _rules()
    if _DASHED_TEASER.match(line):
        return "related-article link"
    bare = line.strip(" \"'“”‘’*·•|-–—()[]_")
    if len(bare) <= 2 and not bare.isdigit():
        return "decoration"
    if _norm(bare) in _outlet_names() or _norm(re.sub(r"^the ", "", bare, flags=re.I)) in _outlet_names():
        return "publisher name"
    long = len(bare.split()) > max_words
    for pattern, reason, any_length in rules:
        if (any_length or not long) and pattern.search(bare):
            return reason
    return None


def paragraphs_of(block: list[str]) -> list[str]:
    """A block's lines as paragraphs: hard-wrapped prose is joined, a page's one-line paragraphs stay apart.

    Joining every line of a block is what glued a headline onto the first sentence; a line is only continued
    when it breaks mid-sentence at about the block's wrap width, or the next line starts in lower case.
    """
    width = max(len(line) for line in block)
    out: list[str] = []
    for line in block:
        if out and _continues(out[-1], line, width):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str, width: int) -> bool:
    last = previous.rsplit(" ", 1)[-1] if previous else ""
    if re.search(r"[.!?:\"”’)]$", last) or line.startswith("\x01"):
        return False
    if line[:1].islower() or previous.endswith((",", ";", "-", "—", "–")):
        return True
    return width <= 100 and len(last) + len(previous) >= 0.7 * width and len(previous) >= 45


def separate(blocks: list[list[str]], page: Page, *, markdown: bool) -> Page:
    """Drop furniture line by line; find title, address, byline, date and dateline; mark headings.

    Before the first body paragraph (the page header), short lines ahead of the title are site or section
    names and name-and-affiliation lines are bylines. After a "Related stories" or newsletter line, the short
    lines that follow are the list of links, not article text.
    """
    in_header = True
    link_list: str | None = None
    first_line = True
    repeated = _repeated_lines(blocks)
    captions = _captions_under_alt_text(blocks)
    teasers = _teasers(blocks)
    learned = furniture_model.furniture_lines([line for block in blocks for line in block], looks_like_heading)
    head = blocks[0] if blocks else []
    # The line above a leading "Source: <address>" line is the headline, however it is punctuated.
    at = next((i for i, line in enumerate(head[:3]) if SOURCE_LINE.match(line)), 0)
    if at and not page.title and not head[at - 1].startswith("\x01"):
        page.title = head[at - 1]
        if m := STORE_DATE.match(page.title):  # the archive's date stamp run into the headline
            page.dated(_iso(m["date"]), 2)
            page.title = page.title[m.end():]
        blocks = [head[at:], *blocks[1:]]
    following = {id(block): next((b[0] for b in blocks[k + 1:] if b), "") for k, block in enumerate(blocks)}
    under_headline = False
    for block in blocks:
        kept: list[str] = []
        for i, line in enumerate(block):
            reason = _line_reason(line, page, first_line=first_line, in_header=in_header)
            first_line = False
            if reason is None and in_header and page.title and not page.paragraphs and _above_byline(
                    line, block[i + 1] if i + 1 < len(block) else following[id(block)]):
                reason = "photo caption"
            if reason is None and line in repeated and not _story_printed_again(line, repeated,
                                                                                 block[i - 1] if i else ""):
                reason = "repeated page element"
            if reason is None and line in captions:
                reason = "photo caption"
            # (the line under the headline is its standfirst, however short, with a photo's caption under it)
            if reason is None and line in teasers and not under_headline:
                reason = "another story's headline"  # one line, not the start of a list of links
            # a wire's lead retold in the photo's caption is still the story: its dateline says so
            if reason is None and not _DATELINE.match(line) and len(line.split()) <= 40 and _echoes_caption(line, page):
                reason = "photo caption printed again"
            # Printed again later (over a photo, say), the headline has the standfirst above it, not a teaser
            if reason == "headline repeated" and sum(not heading for _, heading in page.paragraphs) <= 2 \
                    and not page.under_headline:
                _drop_above_headline(page)
                page.headline_printed()
            # the line carried a prefix to take off (a date stamp, a list marker), perhaps more than one
            while isinstance(reason, tuple):
                line, reason = reason
            if reason in ("related-article link", "newsletter prompt"):
                link_list = reason
            elif reason is None and link_list and _looks_like_link(line, link_list):
                reason = link_list
            under_headline = bool(page.title) and _norm(line) == _norm(page.title)
            if reason == "markdown title":
                continue
            if reason == "date line" and len(page.paragraphs) < 4:
                _byline_above_date(kept, page)
            if reason:
                page.removed.append(Removed(text=line, reason=reason))
            elif line.startswith("\x01"):
                page.paragraphs.append((line[2:].strip(), True))
            else:
                kept.append(line)
        if not kept:
            continue
        for text in paragraphs_of(kept):
            if looks_like_heading(text) and (in_header or not page.paragraphs or len(text.split()) <= 12):
                if in_header and (labels := _section_labels(text)):
                    page.labels.extend(labels)
                    page.removed.append(Removed(text=text, reason="section label"))
                elif not page.title and not page.paragraphs and not markdown:
                    page.title = text
                elif page.title and _norm(text) == _norm(page.title):
                    page.removed.append(Removed(text=text, reason="headline repeated"))
                else:
                    page.paragraphs.append((text, True))
                continue
            early = in_header or len(page.paragraphs) < 3
            text = _take_headline(_take_post_stamp(text, page) if early else text, page)
            text = _take_prompt(text, page)
            text = _take_dateline(text, page, early=early)
            if not text:
                continue
            page.paragraphs.append((text, False))
            if _is_body(text):
                in_header, link_list = False, None
    page.author = page.author or page.author_above
    _drop_trailing_links(page)
    _drop_cut_off_copies(page)
    _byline_in_title(page)
    _author_line(page)
    _author_at_the_foot(page)
    _author_in_the_standfirst(page)
    _drop_learned_furniture(page, learned)
    if page.paragraphs and page.paragraphs[-1][1] and len(page.paragraphs[-1][0].split()) >= 6:
        # Nothing follows a heading at the end of a page: it is the story's last sentence, cut off.
        page.paragraphs[-1] = (page.paragraphs[-1][0], False)
    return page


def _drop_learned_furniture(page: Page, learned: set[str]) -> None:
    """Last, once bylines, labels and dates have told what they say: the model's furniture among the kept
    paragraphs. Of whole sentences, only one standing alone that reports nothing goes (a caption: "A donkey
    stands in a burnt town square."); on the story's own sentences the model is too often wrong."""
    kept = []
    for text, heading in page.paragraphs:
        if text in learned and text != page.title and (not _is_body(text) or reports_nothing(text)):
            page.removed.append(Removed(text=text, reason=furniture_model.REASON))
        else:
            kept.append((text, heading))
    page.paragraphs = kept


# (and what a writer argues: "Dr. Walter Dorn ... suggests in a new op-ed article that ...")
_REPORTED = re.compile(r"\b(said|says|told|according to|reported|announced|added|argues|argued|suggests|suggested|"
                       r"contends|contended|insists|insisted|warns|warned)\b|[\"“”]")


def reports_nothing(text: str) -> bool:
    """One sentence of at most forty words, with no one quoted or said to have said anything: what a caption
    is, and few sentences of a story are."""
    return len(text.split()) <= 40 and not re.search(r"[.!?] [A-Z]", text) and not _REPORTED.search(text)


def _byline_in_title(page: Page) -> None:
    """ "Israel's Syria raid shows high cost of lawless power - By Michael Jansen, The Jordan Times": a copy that
    put the byline (and the outlet it came from) into the headline, or its date ("... – DW – 06/20/2025").
    "Elizabeth Morgan | Reasons for ...": a column's headline led by its writer, whose name the address repeats (a
    place's would not lead the slug), as "Richard Shimooka: In Russia, ..." is; but "Zelensky: ..." quotes a
    leader the news knows."""
    if page.title and (m := _TITLE_DATE.search(page.title)) and (when := parse_date(m["date"])):
        page.title = page.title[:m.start()]
        page.dated(when, 3)
    if page.title and (m := _TITLE_BYLINE.match(page.title)):
        page.title = m["title"]
        page.author = page.author or m["name"]
    elif page.title and page.url and (m := _COLUMNIST_TITLE.match(page.title)) and _a_name(m["name"]) \
            and _norm(m["name"]) not in _place_names() and _norm(m["name"].split()[0]) not in _demonyms() \
            and re.sub(r"\W+", "-", m["name"].lower()) in page.url.lower() \
            and not (m["colon"] == ":" and (_norm(m["name"]) in _known_people() or _WORDLIKE.search(m["name"]))):
        page.author = page.author or m["name"]


@cache
def _place_names() -> frozenset[str]:
    """States, their capitals and the regions headlines name ("South Sudan | ...", "Nagorno-Karabakh | ...")."""
    names = [n for s in data.load("states") for n in (s["name"], *s.get("aliases", []), s.get("capital", ""))]
    return frozenset(_norm(n) for n in [*names, *data.load("regions")])


@cache
def _demonyms() -> frozenset[str]:
    """ "Afghan Forces: Foreign Troop Withdrawal Bears Vacuum" leads with who acts, not who writes."""
    return frozenset(_norm(d) for s in data.load("states") for d in s.get("demonyms", []))


# "Triangular Travails: Iran, ...", "Humiliating Defeat: ...": a headline's lead words, not a writer's name
_WORDLIKE = re.compile(r"(ing|ous|ive|ful|less|ary|ical|ular)\b")


@cache
def _known_people() -> frozenset[str]:
    return frozenset(_norm(n) for p in data.load("people") for n in (p["name"], *p.get("aliases", [])))


def _author_line(page: Page) -> None:
    """A line that is nothing but a person's name, between the headline and the first paragraph of the story,
    is the byline of a page that prints no "By" ("Andrew H. Sweet", "AJ Prabal"), as is a name and the place the
    story was filed from ("Luis Nhachote in Maputo")."""
    for i, (line, heading) in enumerate(page.paragraphs[:4]):  # the headline block: standfirst, name, caption
        if not heading:
            continue
        text = _FILED_FROM.sub("", line)
        last = i + 1 == len(page.paragraphs)
        if last and any(not h for _, h in page.paragraphs[:i]):
            return  # a short story's last line: a heading or a name at the foot, which `_author_at_the_foot` reads
        # the story follows the name, or the place it was filed from and then the story ("Port Moresby and Bangkok")
        after = page.paragraphs[i + 1:i + 3]
        follows = last or not after[0][1] or (len(after) == 2 and not after[1][1] and len(after[0][0].split()) <= 6)
        if _a_name(text) and _norm(text) not in _outlet_names() and not _PUBLICATION.search(text) and follows \
                and not _common_words(text, page):
            site = _not_the_site(text, page.url) is None
            # under a byline that names only an agency ("By The Associated Press"), a name alone is a photo's credit
            credit = any(r.reason == "byline" and _agency_byline(r.text) for r in page.removed)
            page.author = page.author if site or credit else page.author or text
            if site and (not page.outlet or "." in page.outlet):
                page.outlet = text  # the site's own name for itself, not its address
            page.removed.append(Removed(text=line, reason="site name" if site else "byline"))
            del page.paragraphs[i]
            return


_FILED_FROM = re.compile(r"\s+in\s+[A-Z][\w'’-]+(\s+[A-Z][\w'’-]+)?$")


def _author_at_the_foot(page: Page) -> None:
    """A name alone on the last line, after the story's last full sentence, is a byline printed at the foot
    ("Neil Camara"). A heading there ("Regional Implications") is told apart by its words, which the story
    also uses in lower case; names it never does."""
    if page.author or len(page.paragraphs) < 2:
        return
    text = page.paragraphs[-1][0]
    if not _PERSON_LINE.match(text) or _norm(text) in _outlet_names() or _PUBLICATION.search(text) \
            or not re.search(r"[.!?\"”’)]$", page.paragraphs[-2][0]):
        return
    if _common_words(text, page):
        return
    page.author = text
    page.removed.append(Removed(text=text, reason="byline"))
    del page.paragraphs[-1]


# "Joanne Lin looks at Laos’ priorities as ASEAN Chair ...", "Rosa Moro examines the plight of ...": a standfirst
# that says who wrote the piece and what it does
_WRITER_STANDFIRST = re.compile(rf"^(?P<name>{_PERSON}) (looks at|examines|explores|assesses|considers|analy[sz]es|"
                                r"unpacks|discusses|reflects on)\b")


def _author_in_the_standfirst(page: Page) -> None:
    """A page that names no author but opens on a standfirst led by the writer's name. A leader the news knows
    ("Emmanuel Macron examines ...") is the story's subject, not its writer."""
    first = next((text for text, heading in page.paragraphs[:2] if not heading), None)
    if page.author or first is None or not (m := _WRITER_STANDFIRST.match(first)) or not _a_name(m["name"]) \
            or _norm(m["name"]) in _known_people() or _norm(m["name"]) in _place_names():
        return
    page.author = m["name"]


def _common_words(line: str, page: Page) -> bool:
    """Whether the story uses a word of the line in lower case: a heading's words ("Militia Attacks and
    Political Pressure"), not a name's."""
    story = " ".join(t for t, _ in page.paragraphs)
    return any(re.search(rf"\b{re.escape(word.lower())}\b", story) for word in line.split() if word != "and")


def _captions_under_alt_text(blocks: list[list[str]]) -> set[str]:
    """A photo's alt text ("Manasseh Sogavare and Li Keqiang walk past an honour guard"), the caption under it
    and a page widget after them: the alt text and the caption are the photo's, not the story's. A caption
    also stands alone: a scene in the present tense that ends without a full stop ("Evacuees laugh at a
    performance at a shelter in Surin on July 28"), except on the page's last line, where an excerpt stops."""
    out: set[str] = set()
    lines = [line for block in blocks for line in block]
    for alt, caption, after in zip(lines, lines[1:], lines[2:], strict=False):
        if len(alt.split()) <= 16 and not re.search(r"[.!?:\"”]$", alt) and _SCENE.search(alt) \
                and len(caption.split()) <= 35 and (boilerplate_reason(after) or caption_reason(after)):
            out |= {alt, caption}
    wrapped = _wrapped_lines(blocks)
    out |= {line for line in lines[1:-1] if 8 <= len(line.split()) <= 40 and _SCENE.search(line)
            and not _ends_sentence(line) and not line.startswith("\x01") and line not in wrapped}
    # The alt text says in short what the credited caption under it says: "U.S. Army military garrison at Camp
    # Kosciuszko in Poznan, Poland." above "U.S. Army establishes its first permanent military garrison in Poland
    # at Camp Kosciuszko in Poznan, March 21, 2023. (Polish Ministry of National Defence photo)"
    out |= {alt for alt, caption in zip(lines, lines[1:], strict=False)
            if len(alt.split()) <= 20 and caption_reason(caption) and _retold(alt, caption)}
    # A caption under its label: "image caption," then "Houthi supporters and fighters have been ..."
    out |= {caption for label, caption in zip(lines, lines[1:], strict=False)
            if _CAPTION_LABEL.fullmatch(label.strip()) and len(caption.split()) <= 40}
    return out


_CAPTION_LABEL = re.compile(r"(?i)(image|photo|media|video) caption\W*|caption\W*")


def _retold(short: str, long: str) -> bool:
    """Most of a short line's words of four letters or more (four or more of them) are in the longer line."""
    words = {w for w in re.findall(r"\w+", short.lower()) if len(w) > 3}
    return len(words) >= 4 and len(words & set(re.findall(r"\w+", long.lower()))) >= 0.7 * len(words)


def _wrapped_lines(blocks: list[list[str]]) -> set[str]:
    """Lines of hard-wrapped prose (an e-mail, a plain-text page): each stops mid-sentence without being a
    caption."""
    out: set[str] = set()
    for block in blocks:
        width = max((len(line) for line in block), default=0)
        pairs = [(a, b) for a, b in zip(block, block[1:], strict=False) if _continues(a, b, width)]
        if len(block) >= 3 and 2 * len(pairs) >= len(block) - 1:  # most of the block runs on: wrapped prose
            out |= {line for pair in pairs for line in pair}
    return out


_AN_ARTICLE = re.compile(r"(The|A|An)\s")  # no one's name starts with one


def _a_name(line: str) -> bool:
    """A line that reads as a person's name, not as a section's ("Regional Analysis", "Opinion Columns",
    "Executive Summary")."""
    return bool(_PERSON_LINE.match(line)) and not (_LABEL_WORDS.match(line) or _SECTION_WORD.search(line)
                                                   or _AN_ARTICLE.match(line)  # "The Power Vacuum: Imagining ..."
                                                   or _SOCIAL.search(line)
                                                   or _REPORT_HEADING.fullmatch(line))


def _byline_above_date(kept: list[str], page: Page) -> None:
    """A byline without "By": the author's name on a line of its own, perhaps their organisation on the next,
    then the date ("Daniel Akech", "International Crisis Group", "27 November 2025")."""
    if not kept or page.author:
        return
    if len(kept) >= 2 and _a_name(kept[-2]) and _ORGANISATION_LINE.search(kept[-1]):
        page.author = kept[-2]
        for line in kept[-2:]:
            page.removed.append(Removed(text=line, reason="byline"))
        del kept[-2:]
    elif _a_name(name := _HONORIFIC.sub("", kept[-1])) \
            and not (_ORGANISATION_LINE.search(kept[-1]) or _PLACE_WORD.search(kept[-1])):
        page.author = name  # "Dr. Souravie Ghimiray": the author, without the title
        page.removed.append(Removed(text=kept.pop(), reason="byline"))


# "Belize City" over a weather widget's date: a place, not an author
_PLACE_WORD = re.compile(r"\b(City|Town|County|District|Province|Region|State|Island|Islands)$")


def _section_labels(line: str) -> list[str]:
    """The labels a page files the story under: "Opinion", or a section and its label ("Big Deal·Opinion",
    "World | Analysis")."""
    if len(line.split()) > 6:
        return []
    parts = [p for p in re.split(r"\s*[·•|›»]\s*", line) if p]
    if len(parts) == 1:
        return parts if len(line.split()) <= 4 and _LABEL_WORDS.match(line) else []
    return [p for p in parts if _LABEL_WORDS.fullmatch(p)]


def _above_byline(line: str, following: str) -> bool:
    """A sentence without its full stop, or one that describes a scene ("A Finnish coast guard vessel patrols
    near the site."), just above the byline, after the headline and before any article text, is the lead photo's
    caption ("Posters expressing support for the army are hung on streets ..." then "By Mostafa Salem, CNN"). A
    hundred words are a standfirst that lost its full stop, not a caption."""
    return bool(_BYLINE.match(following)) and (10 <= len(line.split()) <= 60 and not re.search(r"[.!?:;\"”’)]$", line)
                                               or 6 <= len(line.split()) <= 30 and bool(_SCENE.search(line)))


def _teasers(blocks: list[list[str]]) -> set[str]:
    """Another story's headline printed inside this one: a line that is no sentence, just above furniture
    ("Chad orders French troops to leave within six weeks as relations sour", then "(with AFP)")."""
    lines = [line for block in blocks for line in block]
    return {line for line, after in zip(lines[1:], lines[2:], strict=False)
            if 5 <= len(line.split()) <= 20 and not _ends_sentence(line) and not line.startswith("\x01")
            and (boilerplate_reason(after) or caption_reason(after))}


def _ends_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?:;,\"”’')\]…]$", line))


def _repeated_lines(blocks: list[list[str]]) -> Counter[str]:
    """Short lines a page prints more than once (a caption under each copy of a photo, a widget), with how many
    times: a story's own sentences appear once. Long paragraphs are left alone: a repeated one is the story,
    printed twice."""
    counts = Counter(line for block in blocks for line in block if 3 <= len(line.split()) <= 25)
    return Counter({line: n for line, n in counts.items() if n > 1})


def _story_printed_again(line: str, repeated: Counter[str], previous: str) -> bool:
    """The last copy of a repeated full sentence, right after a sentence of the story, is the story's: "The
    Rwanda-backed M23 armed group launched a massive offensive ..." stands as the standfirst above the photo and
    again in the text."""
    repeated[line] -= 1
    return repeated[line] == 0 and _a_full_sentence(line) and _a_full_sentence(previous) and previous not in repeated


def _a_full_sentence(line: str) -> bool:
    return len(line.split()) >= 12 and line[:1].isupper() and line.rstrip().endswith((".", "!", "?", "”", '"'))


def _echoes_caption(line: str, page: Page) -> bool:
    """Pages often print a photo's caption twice, once with its credit and once as alt text, in other words."""
    words = set(re.findall(r"\w+", line.lower()))
    for r in page.removed[-3:]:
        if r.reason == "photo caption":
            caption = set(re.findall(r"\w+", r.text.lower()))
            # Only a caption-length line can be the caption again: a paragraph naming the same people is the story.
            if len(words) <= 1.5 * len(caption) + 5 and len(words & caption) >= 0.6 * min(len(words), len(caption)):
                return True
    return False


def _drop_above_headline(page: Page) -> None:
    """Text above a page's printed headline is a caption or a teaser, not the story."""
    while page.paragraphs and not page.paragraphs[-1][1]:
        text, _ = page.paragraphs.pop()
        page.removed.append(Removed(text=text, reason="caption or teaser above the headline"))


_ATTRIBUTED_QUOTE = re.compile(r"[,.!?][\"”]\s+([A-Z][\w.'’-]*\s+){1,4}(said|says|tells|told|added|adds|"
                               r"wrote|writes)\b")


def _drop_cut_off_copies(page: Page) -> None:
    """A paragraph that stops at an ellipsis where a later one goes on with the same words is the page's teaser
    of it ("... asked lawmakers to end three…", then the lead in full), not a sentence of the story."""
    kept = []
    for i, (text, heading) in enumerate(page.paragraphs):
        start = re.sub(r"\s*(…|\.\.\.)$", "", text)
        if not heading and start != text and len(start.split()) >= 8 and any(
                not later_heading and later.startswith(start) and len(later) > len(start)
                for later, later_heading in page.paragraphs[i + 1:]):
            page.removed.append(Removed(text=text, reason="teaser of the lead"))
        else:
            kept.append((text, heading))
    page.paragraphs[:] = kept


def _drop_trailing_links(page: Page) -> None:
    """Short unpunctuated lines after the last sentence of the story are a list of links to other stories.

    One or two such lines may be the story cut off mid-sentence under a subheading, so it takes three in a row.
    """
    tail = 0
    for i, (text, _) in enumerate(reversed(page.paragraphs)):
        # The story's, not a link: the page's last paragraph cut off mid-sentence when it reads as prose, long
        # with a clause after a comma ("In early 2025, the geopolitical landscape ... between Yemen, the Hout"),
        # and a quote with its speaker that the page printed without its full stop ("\"If the Palestinian
        # Authority governs Gaza, ...,\" Abu Awad tells The New Arab").
        prose = (i == 0 and len(text.split()) > 14 and re.search(r", [a-z]", text)) or _ATTRIBUTED_QUOTE.search(text)
        if len(text.split()) > 25 or prose or re.search(r"[.!?\"”’)。！？]$", text):
            break
        tail += 1
    if tail >= 3:
        for text, _ in page.paragraphs[-tail:]:
            page.removed.append(Removed(text=text, reason="related-article link"))
        del page.paragraphs[-tail:]


_POST_STAMP = re.compile(rf"^{_NAME}(\s+{_NAME}){{0,2}}\s+(?i:posted)\s+(?i:(on\s+)?{_DATE}|\d+\s+(minutes?|hours?|"
                         r"days?|weeks?|months?)\s+ago|yesterday|today)\s+")
# A list item's marker is layout, not text: "• ", and the "- " or "* " of pages saved as plain text.
_BULLET = re.compile(r"^([•·▪◦● ]+|[-–*] +)+")


def _line_reason(line: str, page: Page, *, first_line: bool, in_header: bool) -> str | tuple[str, str] | None:
    if (bare := _BULLET.sub("", line)) != line and bare:
        return bare, _line_reason(bare, page, first_line=first_line, in_header=in_header)  # list bullets
    if line.startswith("\x01"):
        level, text = int(line[1]), line[2:].strip()
        if level == 1 and not page.title:
            page.title = text
            return "markdown title"
        return None
    if m := SOURCE_LINE.match(line):
        page.url = page.url or m["url"]
        page.outlet = page.outlet or outlet_of(m["url"])
        page.dated(date_in_url(m["url"]), 2)
        return "source address"
    if m := STORE_DATE.match(line):
        page.dated(_iso(m["date"]), 2)
        page.removed.append(Removed(text=m[0].strip(), reason="date line"))
        rest = line[m.end():]
        return (rest, _line_reason(rest, page, first_line=first_line, in_header=in_header)) if rest else "date line"
    # A date line is read before the leftover rules, which would drop "Updated ... ET" as a time stamp.
    if m := _AGENCY_DATE_LINE.match(line):
        page.agency = page.agency or m["agency"]
        page.dated(parse_date(m["date"]), 3)
        return "dateline"
    if (m := _PLACE_DATE_LINE.match(line)) or in_header and (m := _NAME_DATE_LINE.match(line)):
        page.dated(parse_date(m["date"]), 3)
        return "dateline"
    if m := _LABELLED_DATE.match(line):
        page.dated(parse_date(m["date"]), 3)
        return "date line"
    if m := _DATE_THEN_BYLINE.match(line):
        page.dated(parse_date(m["date"]), 3)
        page.author = page.author or m["name"]
        return "byline"
    if _FIELD_SEPARATOR.search(line) and not re.match(r"(?i)\s*(by|author)\b", line) \
            and (stamps := _STAMPS.findall(_FIELD_SEPARATOR.sub(" | ", line))):
        # "News Desk | Peshawar | Updated: 20-09-2024 13:16 IST | Created: 20-09-2024 13:16 IST": a page's
        # header of desk, place and time stamps; the story dates from its creation, not its last update, which
        # may be the only stamp labelled ("Oct 24, 2022, 8:18 AM | Updated: Oct 25, 2022, 9:49 pm")
        lead = _DATE_IN_HEADER.match(line.strip(" |•·"))
        first = next((when for label, when in stamps if not label.lower().endswith("updated")),
                     lead[0] if lead else stamps[0][1])
        page.dated(parse_date(first), 3)
        return "date line"
    if ((m := _SECTION_DATE_LINE.match(line)) or in_header and (m := _COLON_FIELDS_DATE.match(line))) \
            and (when := parse_date(m["date"])):
        # "Policy brief | 3 March 2025": the section that files the story, then its date; or its author
        if _a_name(m["section"]):
            page.author = page.author or m["section"]
        else:
            page.labels.append(m["section"])
        page.dated(when, 3 if in_header else 1)  # further down, it may date another story's link
        return "date line"
    if m := _DATE_LINE.match(line):
        labelled = bool(m["label"]) and not m["label"].lower().endswith("updated")
        page.dated(parse_date(line[:m.start("name")] if m["name"] else line),
                   3 if labelled or _after_byline(page) or m["name"] else 1)
        # "May 30, 2017 | Kaitlin Lavinder": the date and the byline on one line; "... | Regional Analysis" is
        # the section's label, not its author
        if m["name"] and not (_NOT_A_NAME.search(m["name"]) or _SECTION_WORD.search(m["name"])):
            page.author = page.author or m["name"]
        return "date line"
    if page.title and _norm(line) == _norm(page.title):
        return "headline repeated"
    if page.title and (m := _LABEL_WORDS.match(line)) and _norm(line[m.end():].lstrip(" :|—–-")) == _norm(page.title):
        page.labels.append(m[0])  # "analysis: <headline>": the page files the story under a label
        return "headline repeated"
    if caption := caption_reason(line):
        return caption
    if m := _BREADCRUMB.match(line):  # "Home | Editorials": the section the page files the story in
        page.labels.extend(part.strip() for part in re.split(r"[|»›>/]", m["trail"]) if part.strip())
        # a trail that ends on the headline ("Home / Africa / As US pulls troops ...") is navigation too
        return boilerplate_reason(line) or "page navigation"
    reason = boilerplate_reason(line)
    if reason == "wire credit line" and (m := _REPORTING_BY.match(line)):
        page.author = page.author or _author(m["names"])  # a wire story's byline, at its foot
    if reason == "editorial note" and (m := re.search(_DATE, line, re.I)):
        page.dated(parse_date(m[0]), 2)  # "The press release issued by the Foreign Office on 29 September 2023."
    if reason == "publisher name" and not page.outlet:
        page.outlet = line.strip(" \"'“”*©")
    if reason is None and (m := _AUTHOR_BIO.match(line)) and len(line.split()) <= 70:
        page.author = page.author or m["name"]
        # "... currently a news reporter at The Epoch Times": the outlet's own staff, not a guest's column
        page.bio = page.bio or not re.search(r"\b(reporter|correspondent|staff writer)s? (at|for|with)\b", line)
        return "author's note"
    byline = _BYLINE.match(line)
    if byline and line.endswith(".") and len(line.split()) > 8:
        byline = None  # "By Monday, the army had withdrawn ...": a sentence
    if byline and byline["column"]:
        page.labels.append(byline["column"])  # "A guest piece by ...": the page files it as opinion or analysis
    if reason is None and re.match(r"(?i)by\s+", line) and _DATE_LINE.match(line[3:].strip()):
        page.dated(parse_date(line[3:].strip()), 3)  # "By April 22, 2024": a byline that lost its name
        return "byline"
    if reason is None and page.author and _after_byline(page) and re.search(r"(&|\band)$", page.removed[-1].text) \
            and _PERSON_LINE.match(name := _HANDLE.sub("", line.strip())):
        page.author = f"{page.author} and {name}"  # "By Jane Doe @janedoe &", then "John Roe @johnroe"
        return "byline"
    if reason is None and in_header and page.removed and page.title and _norm(page.removed[-1].text) == _norm(
            page.title) and (m := _NAME_UNDER_HEADLINE.match(line.strip())) and not _NOT_A_NAME.search(m["name"]) \
            and _norm(m["name"]) not in _outlet_names() and not _SOCIAL.search(m["name"]) \
            and set(re.findall(r"\b[a-z]+\b", line[m.end("name"):])) <= _NAME_TAIL_WORDS:
        # the headline printed again, then the name under it, alone or with its outlet, post or date ("Tal Shalev
        # and Ibrahim Dahman, CNN", "Edward Ifft | Distinguished Visiting Fellow", "Paulo Gaborni September 2, 2024")
        page.author = page.author or m["name"]
        if m["date"]:
            page.dated(parse_date(m["date"]), 3)
        return "byline"
    if reason is None and page.removed and _BY_ALONE.fullmatch(page.removed[-1].text) and _a_name(
            name := _HONORIFIC.sub("", line.strip())):
        page.author = page.author or name  # "By" or "Author:" on one line, the name ("Dr. Jane Doe") on the next
        return "byline"
    if reason is None and (m := _ROLE_BYLINE.match(line)):
        page.author = page.author or m["name"]
        return "byline"
    if reason is None and (m := _NAME_ROLE_BYLINE.match(line)):
        page.author = page.author or m["name"]
        return "byline"
    if reason is None and (m := _PICTURE_BYLINE.match(line)):
        page.author = page.author or m["name"]  # a site builder's byline: the photo's alt text, then the name
        return "byline"
    if reason is None and (m := _DOUBLED_BYLINE.match(line)):
        page.author = page.author or m["name"]
        return "byline"
    if reason is None and in_header and (m := _LABELLED_BYLINE.match(line)):
        page.author = page.author or m["name"]
        page.labels.append(m["label"].split()[-1])  # "Featured in Comment": the page files it as commentary
        return "byline"
    if reason is None and in_header and (m := _STANDFIRST_BYLINE.match(line.strip())):
        name = m["name"]
        page.author = page.author or (name.title() if name.isupper() else name)
        return "standfirst"
    if reason is None and (m := _COLUMNIST_BYLINE.match(line)):
        page.author = page.author or m["name"]
        page.labels.append("column")
        return "byline"
    if reason is None and (byline or _AUTHOR_LABEL.match(line) or _BYLINE_DATED.match(line)
                           or _BARE_BY.match(line)):
        page.author = page.author or _not_the_site(_author(line), page.url)
        page.agency = page.agency or _agency_byline(line)  # "By Reuters": wire copy, though no dateline says so
        if _BOARD.search(line):
            page.labels.append("editorial")  # "By Ya Libnan Editorial Board": the paper's own opinion
        if m := _DATE_IN_HEADER.search(line):
            page.dated(parse_date(m[0]), 3)
        elif page.removed and page.removed[-1].reason == "date line" and page.dates:
            page.dates[-1] = (3, *page.dates[-1][1:])  # the date line just above the byline is the story's
        return "byline"
    if reason is None and in_header:
        reason = _header_reason(line, page)
    return reason


def _agency_byline(line: str) -> str | None:
    """The wire service a byline names instead of a writer: "By The Associated Press" -> "Associated Press"."""
    name = re.sub(r"^(?i:by)\s*:?\s*(?i:the\s+)?", "", line.strip())
    return name if _norm(name) in _agencies() else None


@cache
def _agencies() -> frozenset[str]:
    return frozenset(_norm(n) for n in data.load("sources")["agencies"])


def _not_the_site(name: str | None, url: str | None) -> str | None:
    """ "by Western Armenia" on westernarmeniatv.com, "Beautiful Virgin Islands" on bvi.org: the site, not a
    writer."""
    host = (urlsplit(url).hostname or "") if url else ""
    if not (name and host):
        return name
    initials = "".join(w[0] for w in re.findall(r"\w+", name.lower()))
    spelled = re.sub(r"\W", "", name.lower()) in host.replace("-", "")
    return None if spelled or len(initials) >= 3 and initials in host.split(".") else name


def _after_byline(page: Page) -> bool:
    return bool(page.removed) and page.removed[-1].reason == "byline"


_PUBLICATION = re.compile(r"\b(blog|news|newsroom|magazine|journal|times|post|team|desk|staff|editors|bureau|"
                          r"agency|media|press|online|daily|weekly|review|tribune|herald|gazette)\b", re.I)


_TRAILING_ROLE = re.compile(r"(?<=\w)\s+((senior|chief|staff|news|foreign|political|defen[cs]e|diplomatic|security|"
                            r"contributing|associate|deputy|managing|executive|special)\s+){0,3}"
                            r"(editor|correspondent|reporter|writer|analyst|journalist)s?$", re.I)


def _author(line: str) -> str | None:
    if m := _AUTHOR_LABEL.match(line):
        name = m[2]  # "Writer: The San Juan Daily Star" names the paper: checked as any byline is
    elif m := _BYLINE_DATED.match(line):
        name = m["name"]
    else:
        # "Commentary by Joseph Bouchard on 7 June 2022": the column's word before "by", the date after the name
        name = re.sub(r"^(written\s+|words\s+|(an?\s+)?(guest\s+)?(piece|post|column|essay|opinion|commentary|op-ed|"
                      r"analysis)\s+)?by(\s*[:|])?\s*", "", line, flags=re.I)
        name = re.sub(rf"\*+$|[\s,|•·–—-]+(on\s+)?{_DATE}$", "", name.strip())
        if _AUTHORS.fullmatch(name.strip()):
            name = name.strip()
        else:
            name = re.split(r"\s*[,|·•]\s*|\s+in\s+|\s+for\s+|\s+(published|posted|updated)\b", name,
                            flags=re.I)[0]
    name = _HANDLE.sub("", re.sub(r"\s*(&|\band)$", "", name.strip()))  # "By Jane Doe @janedoe &"
    parts = re.split(r"\s+[–—-]\s+", name, maxsplit=1)
    if len(parts) == 2 and (_norm(parts[0]) in _outlet_names() or parts[0].lower().endswith("news")):
        name = parts[1]  # "By AP News – Joshua Goodman"
    elif len(parts) == 2 and (_norm(parts[1]) in _outlet_names() or _PUBLICATION.search(parts[1])):
        name = parts[0]  # "By: Fern Sidman – Jewish Voice News"
    if " " not in name and (name.isupper() or "-" in name):
        return None  # "by INTEL-DROP": the site's name, not a person's
    name = _TRAILING_ROLE.sub("", name)  # "by James Carter Senior News Editor"
    for outlet in sorted(_outlet_names(), key=len, reverse=True):  # "By JANE DOE Associated Press"
        if outlet and _norm(name).endswith(" " + outlet):
            name = name[: len(name) - len(outlet)].rstrip(" ,|")
            name = "" if name.lower() == "the" else name  # "By The Associated Press": an agency, no author
            break
    # Staff bylines and agencies name no author; wire bylines are in capitals ("By TARA COPP and MATTHEW LEE").
    if not name or _norm(name) in _outlet_names() or re.match(r"(?i)(staff|agencies|editorial|desk|team)\b", name) \
            or _PUBLICATION.search(name):
        return None  # "The Africa Confidential Blog", "Newsroom Team": the publication, not an author
    return name.title().replace(" And ", " and ") if re.sub(r"\band\b", "", name).isupper() else name


_CREDIT = (r"(AFP|AP|Reuters|REUTERS|Getty Images|GETTY IMAGES|EPA|EPA-EFE|TNS|Anadolu( Agency)?|Xinhua|Bloomberg|"
           r"Shutterstock|Alamy|Sipa|Wikimedia Commons|[A-Z]{2,6})")
# What people in a photo do: a caption or an image's alt text describes a scene ("walk past an honour guard").
# "march" only in lower case: "since March, it has mounted a crackdown" is the story.
_SCENE_VERBS = (r"rises?|walks?|walking|stands?|standing|sits?|sitting|holds?|holding|shakes? hands|speaks?|arrives?|"
                r"attends?|gestures?|looks? on|waves?|poses?|is seen|are seen|signs?|patrols?|gathers?|"
                r"(?-i:march(es)?)|guards?|laugh|laughs|wait|waits|queue|queues|carry|carries|mourn|mourns|celebrate|celebrates|"
                r"greets?|inspects?|return to their homes|ride|rides|cross|crosses|take part")
_NOT_AFTER_A_MODAL = "".join(rf"(?<!\b{w} )" for w in ("will", "would", "to", "of", "can", "could", "may", "must",
                                                          "should", "not"))
# A caption ends with its credit: "(Photo: ...)", "(Tom Nicholson/Getty Images/TNS)", "MOHD RASFAN/AFP VIA GETTY
# IMAGES", "Hugh Kinsella Cunningham/TNH", "[Reuters]"; or opens with "FILE -" or "Pictured".
_CAPTION = re.compile(
    r"\((photo|image|picture|credit|file photo|photograph)s?\b[^()]*\)\.?$"
    r"|\([^()]{0,80}(getty|afp|reuters|ap photo|/tns|epa|xinhua|anadolu|shutterstock|alamy)[^()]*\)\.?$"
    r"|\[[^\]]{0,40}\b(AFP|AP|Reuters|Getty|File|Photo|Screenshot)\b[^\]]{0,40}\]\.?$"
    r"|\s(?-i:\[[A-Z]{2,10}\])( ?(?-i:\[[A-Z]{2,10}\]))?\.?$"
    rf"|\b[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){{0,3}} ?/ ?{_CREDIT}( (via|VIA) (Getty Images|GETTY IMAGES))?\.?$"
    r"|[|/.]\s*(photo|image|picture|credit)s?\s*:\s*[^|.]{2,60}$|^(photo |image )?courtesy\b"
    r"|^(FILE|FILE PHOTO|FLASHBACK) ?[-—–:]|^\(?Pictured\b|photo credit should read|\bCC( BY(-SA)?| ?0)\b"
    # "(FILES) In this file photo taken on October 3, 2018 members of ...": an agency's caption of an old photo
    r"|^(\((?-i:FILES?|FILE PHOTO)\)\s*)?in this (\w+ ){0,2}(photo|picture|image|photograph)\b"
    # "(Polish Ministry of National Defence photo)", "(AP Photo)": whose photo it is, in brackets at the end
    r"|\bWikimedia Commons\b|\([^()]{0,60}\b(file )?photo\)\.?$"
    # "(AA Archive)", "(Reuters Archive)": a photo from an agency's library
    r"|\([^()]{0,40}\b(?-i:Archives?)\)\.?$"
    # where people stand in the picture: "Phillip Davis, second from left, with ...", "(L-R)", "(centre)"
    r"|,\s((second|third|fourth|far) )?from (left|right)\b|\bleft to right\b|\((L|R|C|L-R|R-L|left|right|cent(er|re))\)"
    # "Venezuelan Oil Minister Pedro Tellechea, left; and then Energy Minister ...": a semicolon after the place
    r"|,\s(left|right|cent(er|re));"
    # "... on 10 September 2025 - REUTERS/ KACPER PEMPEL": the agency first, then the photographer
    rf"|[-—–]\s*{_CREDIT}\s?/\s?[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){{0,3}}\.?$"
    # "... chairs the Security Council (AN/U.N. Web TV)": an agency and its source, with no full stop after
    r"|\s\((?-i:[A-Z])[\w.]*\s?/\s?(?-i:[A-Z])[^()]{1,40}\)$"
    # "... after the attempted coup d'état. © June 28, 2024. Aizar Raldes, AFP": a copyright credit closes it
    r"|\s©\s?[^©]{2,120}$"
    # "Kouango (CAR), 28 July 2023: A joint patrol by ...": a photo library's place, country code, date and colon
    # (without the code, "Bamako, 12 May 2024: The junta said ..." is a dateline opening the story)
    rf"|^[A-Z][\w'’. -]{{1,40}} \([A-Z]{{2,5}}\), ({_DATE}): "
    r"|^(a|an|the|this) (handout |file )?(photo|picture|image|photograph) (released|taken|provided|distributed|"
    r"published|issued|made available|obtained|shared)\b"
    # "A map illustrating the airbase's proximity to ...": a graphic's caption says what it shows
    r"|^(a|an) (map|graphic|chart|infographic|satellite image|screenshot|video still) (illustrating|showing|"
    r"depicting)\b"
    # (what people in the picture do, in the present: "will hold elections on ..." and "the mandate of holding
    # elections on ..." are the story)
    rf"|{_NOT_AFTER_A_MODAL}\b({_SCENE_VERBS})\b.{{0,200}}\b(on|in) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec)\w*\.? \d{1,2}, \d{4}\."
    # "Pete Hegseth, secretary of defense, in Florida/ Miguel Rodriguez.": the photographer after a slash
    r"|(?-i:\w/ [A-Z][\w'’-]+( [A-Z][\w'’-]+){1,2})\.?$"
    # "... as part of joint NATO efforts (Royal Navy)": who took the picture, in brackets, where a sentence would end
    # with a full stop; an acronym in capitals there ("... Forces (RSF)") spells out a name instead
    r"|\b\w{3,}( \w+){4,}\s\((?!(part|video|updated|analysis|opinion)\b)(?-i:[A-Z](?=[^()]*[a-z]))[\w.&'’ -]{1,40}\)$",
    re.IGNORECASE)
_SCENE = re.compile(rf"\b({_SCENE_VERBS})\b", re.I)


# '... escalating tensions dramatically," Shpetim Gashi, an analyst, told Agence France-Presse (AFP).': the
# agency in brackets at the end is the one the story's speaker talked to, not a photo's credit
_TOLD_AN_AGENCY = re.compile(rf"\b(told|according to|said to|speaking to|in an interview with)\s+[\w .'’-]{{0,40}}"
                             rf"\({_AGENCY}\)\.?$")


def caption_reason(line: str) -> str | None:
    """A photo caption or credit, at any length (captions run to sixty words); None for article text."""
    # the length in characters too: a line of one endless token ("A-A-A-...") would cost the pattern quadratic time
    if len(line) > 1200 or len(line.split()) > 80 or not _CAPTION.search(line) or _TOLD_AN_AGENCY.search(line):
        return None
    return "photo caption" if len(line.split()) > 6 else "photo credit"


def _take_post_stamp(text: str, page: Page) -> str:
    """A forum post's stamp run into the post, which reposts a column headline first: "Deeq A. Posted 3 hours
    ago Israel was right to recognize Somaliland Israel has become ...". The poster is not the column's author."""
    if m := _POST_STAMP.match(text):
        page.removed.append(Removed(text=m[0].strip(), reason="post stamp"))
        return text[m.end():]
    return text


def _take_prompt(text: str, page: Page) -> str:
    if m := _GLUED_PROMPT.match(text):
        page.removed.append(Removed(text=m[0], reason="prompt run into the text"))
        return text[m.end():]
    return text


def _take_headline(text: str, page: Page) -> str:
    """A paragraph that starts with the headline (pages that print it twice) loses that copy."""
    title = page.title
    if title and len(title.split()) >= 4 and text.startswith(title) and text != title:
        page.removed.append(Removed(text=title, reason="headline repeated"))
        return text[len(title):].lstrip(" :—–-")
    return text


def _take_dateline(text: str, page: Page, *, early: bool) -> str:
    """A wire dateline opening a paragraph is furniture: its place, agency and date go to the metadata. So is
    a page's date run into its first paragraph ("January 30, 2024Mali, Niger and Burkina Faso's ...")."""
    if early and (glued := _GLUED_DATE.match(text)):
        page.removed.append(Removed(text=glued[1], reason="date line"))
        page.dated(parse_date(glued[1]), 3)
        return text[glued.end(1):]
    m = (_DATELINE.match(text) or _MIXED_DATELINE.match(text) or _BRACKETED_DATELINE.match(text)
         or _BAR_DATELINE.match(text) or _AGENCY_ONLY.match(text) or _UNDASHED_DATELINE.match(text)
         or _DATE_ONLY_DATELINE.match(text)
         or (_PLACE_DATELINE.match(text) if early else None))
    if not m or (m.re is _DATELINE and m["dash"] == ":" and not m["agency"]):
        return text
    groups = m.groupdict()
    if m.re is _DATELINE and not groups.get("agency") and not early:
        return text
    page.removed.append(Removed(text=m[0].strip(), reason="dateline"))
    if groups.get("agency") and not page.agency:
        page.agency = groups["agency"]
    if groups.get("stamp"):
        # a column's own date in brackets is when it was written; the page's date line says when it ran there
        page.dated(parse_date(groups["stamp"]), 1 if m.re is _DATE_ONLY_DATELINE else 3)
    elif groups.get("month"):
        year = groups.get("year") or (year_in_url(page.url) if page.url else None)
        if year:
            page.dated(parse_date(f"{groups['month']} {groups['day']} {year}"), 2)
    return text[m.end():]


def _header_reason(line: str, page: Page) -> str | None:
    """Why a page-header line is not article text: "Site | Section", a site name, a byline without "By"."""
    if " | " in line and len(line.split()) <= 10:
        if not page.outlet:
            page.outlet = line.split(" | ")[0].strip()
        return "site header"
    if not page.title and len(line.split()) <= 3 and looks_like_heading(line) and not _LABEL_WORDS.match(line):
        if not page.outlet:
            page.outlet = line
            return "site name"
        return "section label"
    if page.title and _NAME_AFFILIATION.match(line):
        page.author = page.author or line.split(",")[0]
        return "byline"
    if page.title and len(line.split()) <= 12 and re.search(r"\w, (19|20)\d\d\.$", line):
        return "photo caption"  # "Air Force delivers US troops to Ecuador, 2008.": what the photo shows, and when
    if page.title and _MONTH_YEAR.match(line):
        page.dated(parse_date(line), 1)
        return "date line"
    if page.title and len(line.split()) <= 10 and not line.endswith((".", "?", "!", '"', "”")) \
            and (m := _DATE_IN_HEADER.search(line)) and len(line[:m.start()].split()) <= 3 \
            and not _NOT_A_STAMP.search(line):
        # "Politics 2023-09-15T04:12:33+03:00", "Publish: 26 Nov 2024, 08:36 PM", "/ 10:15 AM April 25, 2023":
        # under the headline, a short line that opens with a whole date, or a few labels and then one, is the
        # page's stamp; "Vladimir Putin have agreed that from January 1, 2025, the" is text the page wrapped
        page.dated(parse_date(m[0]), 1)
        return "date line"
    return None


# Dates in a page's header that are not the story's: the day it was read, the paper's founding, an image's name
_NOT_A_STAMP = re.compile(r"\b(today|established|founded|since|screenshot)\b|\best\.|<|©", re.I)
_BREADCRUMB = re.compile(r"^home\s*[|»›>/]\s*(?P<trail>.{2,200})$", re.I)
# "Basil Germond, Senior Lecturer, Department of Politics, Philosophy and Religion, Lancaster University"
_NAME_AFFILIATION = re.compile(r"^[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){1,3}, [A-Z][^.!?]{2,110}$")
_MONTH_YEAR = re.compile(rf"^{MONTHS}\s+\d{{4}}$", re.IGNORECASE)


def _looks_like_link(line: str, mode: str) -> bool:
    """A headline in a list of links, or the one-line blurb under a newsletter sign-up."""
    if mode == "newsletter prompt" and len(line.split()) <= 12 and not re.search(r"[.:]$", line):
        return True  # the blurb under a sign-up box; a heading ("Assessments:") or a sentence is the story's
    return len(line.split()) <= 18 and not re.search(r"[.!]$", line.rstrip("\"”’'"))


def _is_body(text: str) -> bool:
    # (a sentence ending on a colon introduces a quotation or a list: "Dr. Walter Dorn ... suggests that ...:")
    return len(text.split()) >= 12 and bool(re.search(r"[.!?:\"”’)]$", text))


def strip_dateline(text: str) -> str:
    """A sentence without a wire dateline, for quoting it on its own."""
    m = _DATELINE.match(text) or _AGENCY_ONLY.match(text)
    return text[m.end():].strip() if m else text.strip()


def looks_like_heading(line: str) -> bool:
    words = line.split()
    if len(words) > 16 or len(line) > 150:
        return False
    if line.endswith("?"):  # "Who Could Fill the Power Vacuum?": a question in title case heads the text
        long = [w for w in words if len(w) >= 4 and w[0].isalpha()]
        return len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)
    return not re.search(r"[.!:;,\"”。！？]$", line)


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    text = re.sub(r"(?i)^(published|updated|posted|date|last updated|first published)[:\s]*(on\s+)?", "", text)
    text = re.sub(r"(?i)\s*[|,/-]?\s*(updated|last updated)\b.*$", "", text)
    if m := re.search(_DATE, text, re.I):
        text = m[0]  # the date alone: a time, a zone or a view count beside it only confuses the parser
    if m := re.fullmatch(rf"(?P<day>\d{{1,2}})\.?\s+(de\s+)?(?P<month>{_FOREIGN_MONTH})\s+(de\s+)?(?P<year>\d{{4}})",
                         text, re.I):
        return _iso(f"{m['year']}-{_MONTH_NUMBER[m['month'].lower()]:02d}-{int(m['day']):02d}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "ET" and other zone names: only the date matters here
            # "28.03.2024": pages that write dates with dots put the day first. Parsed against two defaults, a
            # date that lacks its day or its year ("Mar 2024", "July 7") shows it, rather than taking today's.
            found = {dateparser.parse(text, fuzzy=True, dayfirst=bool(re.fullmatch(r"[\d.]+", text)),
                                      default=default).date() for default in _DEFAULTS}
    except (ValueError, OverflowError):
        return None
    return found.pop() if len(found) == 1 else None


_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
