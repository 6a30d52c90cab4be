"""What an article says about itself: its address, outlet, publication date, kind and whether it is cut off.

Pure functions over strings, called by ingest once the page furniture has been told apart from the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from urllib.parse import unquote, urlsplit

from . import data, kind_model

SOURCE_LINE = re.compile(r"^\s*(source|url|link|original(ly published)? at)\s*:\s*(?P<url>https?://\S+)\s*$", re.I)
# Some stored pages open with the archive's own date stamp (" date 2024-07-05 WASHINGTON (AP) — ...").
STORE_DATE = re.compile(r"^\s*date (?P<date>\d{4}-\d\d-\d\d)\b\s*")

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_URL_DATES = (
    # ("...-the-interim-government2026/2/12": a slug run into the date)
    re.compile(r"(/|(?<=[a-z]))(?P<y>(19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?=[/._-]|$)"),
    # "/20240705/", "-20240705.html", and time stamps in a query ("NewsId=20251209131321"), some with an
    # article number after the time ("/20241129130000208135.html") or the day's (allAfrica's "/202406250001.html")
    re.compile(r"[/_=-](?P<y>(19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(([01]\d|2[0-3])[0-5]\d[0-5]\d\d*|\d{4})?"
               r"(?=[/._&-]|$)"),
    # ("...-south-eastern-province-2024-11-1-0/": the day unpadded)
    # ("Article%20-%202025-10-06%2008-18-05.html": read with its spaces decoded)
    re.compile(r"[-_ ](?P<y>(19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?=[/._ -]|$)"),
    # "/english/middleeast/iraq/26082025": day, month, year as the address's last segment, or before its slug
    # ("/09032024-the-houthis-are-holding-the-world-to-ransom-oped/")
    # (Rudaw numbers a day's stories after it: "/290820251-amp")
    re.compile(r"/(?P<d>[0-3]\d)(?P<m>[01]\d)(?P<y>(19|20)\d\d)\d?(/?$|-[a-z])"),
    # "-12072023011813.html": month, day and year, then the time (Radio Free Asia and BenarNews)
    re.compile(r"[-_/](?P<m>[01]\d)(?P<d>[0-3]\d)(?P<y>(19|20)\d\d)([01]\d|2[0-3])[0-5]\d[0-5]\d(?=[/._&-]|$)"),
    # "/Asia-Pacific/2024/1021/story": the year, then month and day as one segment
    re.compile(r"/(?P<y>(19|20)\d\d)/(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
    # "/nation/2024/Oct/25/story": year, month by name, day
    re.compile(rf"/(?P<y>(19|20)\d\d)/(?P<m>{'|'.join(_MONTHS)})[a-z]*/(?P<d>[0-3]?\d)/", re.I),
    # "/en/18/06/2022/story": day, month and year as three segments
    re.compile(r"/(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(19|20)\d\d)/"),
    # "/view/AEN20200721000500325": a wire's story code, its letters, the date, then a serial (Yonhap)
    re.compile(r"/[A-Z]{2,4}(?P<y>(19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)\d{6,}(?=[/?._&-]|$)"),
    # "/19-May-2024/story": a print edition's date
    re.compile(rf"/(?P<d>[0-3]?\d)-(?P<m>{'|'.join(_MONTHS)})[a-z]*-(?P<y>(19|20)\d\d)/", re.I),
    # "/libya:-the-question-of-legitimacyfebruary-19,-2022,-1:41-pm": a slug run into its date and time
    re.compile(rf"(?P<m>{'|'.join(_MONTHS)})[a-z]*-(?P<d>[0-3]?\d),-(?P<y>(19|20)\d\d)(?=[,/._-]|$)", re.I),
)


def _section(words: str, folders: str) -> re.Pattern:
    """A section of a site named in a page's address. Its words count anywhere: a folder ("/opinion/") or the
    page's own name ("op-ed-tigrays-strategic-dilemma", "pakistan-bla-blowback-analysis"). Its folder words count
    only as a folder or a subdomain ("/blogs/", "blogs.timesofisrael.com"): in a page's name they are a headline's
    words ("chinese-research-vessel-heading-to-maldives", "the-voices-of-the-pashtuns")."""
    return re.compile(rf"(^|[/_.-])({words})([/_.-]|$)|(^|/)({folders})[/.]", re.I)


_OPINION_PATH = _section(r"opinions?|op-?eds?|commentary|comment(is)?free|columns?|columnists?|editorials?",
                         r"blogs?|views|voices|perspectives?|letters|ideas")
_ANALYSIS_PATH = _section(r"analysis|analyses|explainers?|in-depth|briefings?|commentaries",
                          r"insights?|long-?reads?|research|publications?|q-?and-?a")
# A wire flag may come first: "RPT: ANALYSIS - West likely to ..." (a repeated item), "UPDATE 2-".
_WIRE_FLAG = r"^\s*((rpt|repeat|update \d+|corrected|refiled)\s*[:—–-]\s*)?"
_OPINION_LABEL = re.compile(_WIRE_FLAG + r"(opinions?|op-?eds?|comment|commentary|columns?|editorials?|"
                            r"guest (essay|column)|viewpoints?|perspectives?|letters?)\b\s*[|:—–-]?", re.I)
_ANALYSIS_LABEL = re.compile(_WIRE_FLAG + r"(analysis|news analysis|explainer|explained|insight|in depth|briefing|"
                             r"q&a|fact ?check)\b\s*[|:—–-]?", re.I)
_OPINION_DISCLAIMER = re.compile(r"views expressed|opinions expressed|personal (opinion|views?) of the (author|writer)|"
                                 r"are (solely |only )?(his|her|their|the "
                                 r"author'?s'?|the writer'?s'?) own|does not necessarily reflect|is a (columnist|"
                                 r"contributing (writer|columnist|editor)|senior fellow|professor|former\b)", re.I)
_FIRST_PERSON = re.compile(r"\b(I|I['’](m|ve|d|ll)|[Mm]y|me|[Ww]e|[Oo]ur|us)\b")
_WE_ARGUE = re.compile(r"\b(we|us|our)\b[^.]{0,40}\b(must|should|need|ought|cannot|can't|can no longer)\b|"
                       r"\b(must|should|ought to)\b", re.I)
# A quotation runs to its closing mark, or to the end of its paragraph: a quote that goes on into the next
# paragraph opens it again and is closed only at its very end.
_QUOTED = re.compile(r"[\"“][^\"“”\n]{0,600}([\"”]|(?=\n|$))")


def outlet_of(url: str) -> str | None:
    """The outlet's name for an address: a listed domain's name, else the host without a subdomain that only
    serves the site ("cms.trtworld.com" is trtworld.com, "m.example.co.uk" example.co.uk). A subdomain that names
    a site of its own stays ("luxerise.fastseoul.com", "someone.substack.com")."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    names = _outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = names.get(".".join(parts[i:]))
        if name:
            return name
    while len(parts) > 2 and parts[0] in _SERVICE_SUBDOMAINS:
        parts = parts[1:]
    return ".".join(parts)


_SERVICE_SUBDOMAINS = frozenset({"cms", "m", "mobile", "amp", "edition", "english", "en", "news", "lite", "web"})


@cache
def _outlets() -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (data.load("outlets") or {}).items()}


def date_in_url(url: str) -> date | None:
    parts = urlsplit(url)
    path = unquote(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    for rx in _URL_DATES:
        for m in rx.finditer(path):
            try:
                month = m["m"]
                return date(int(m["y"]), int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1,
                            int(m["d"]))
            except ValueError:
                continue
    return None


def year_in_url(url: str) -> int | None:
    m = re.search(r"/((19|20)\d\d)/", urlsplit(url).path)
    return int(m[1]) if m else None


@dataclass(frozen=True)
class KindClues:
    """What a page shows of its kind: its address, the labels it files the story under ("Opinion", "Analysis"),
    its headline, its text and how many sentences that makes, whether a wire agency filed it and whether an
    author's note follows it."""

    url: str | None
    labels: tuple[str, ...]
    title: str
    text: str
    sentences: int
    wire: bool
    bio: bool = False


def kind_of(clues: KindClues) -> str:
    """news | opinion | analysis: what the page says of itself, else how its text is written.

    Opinion is an author arguing, analysis explains in the publication's voice, news reports dated events and
    attributed statements. When the page does not say which it is, a model learned from annotators
    (kind_model) weighs the writing: first person, prescriptions, dates, attributions, quotes, its words.
    """
    return declared_kind(clues) or kind_model.predict(model_text(clues), kind_features(clues))


def model_text(clues: KindClues) -> str:
    """What the kind model reads: the headline ("Why ...", "The case for ...", "... | Analysis") and the text."""
    return f"{clues.title}\n{clues.text}"


def declared_kind(clues: KindClues) -> str | None:
    """The kind a page states: a label or section ("Opinion", "/analysis/"), a disclaimer or an author's note
    under a column, a wire agency's dateline, a research institute as publisher. A headline that argues is not
    a statement: news headlines report demands ("should Canada go it alone"), so the kind model weighs it."""
    path, host = _path_and_host(clues.url)
    labelled = [*clues.labels, clues.title]
    # "/opinion/" in the path, or a section of its own: "opinion.inquirer.net", "blogs.timesofisrael.com"
    if any(_OPINION_LABEL.match(label) for label in labelled) or (
            (_OPINION_PATH.search(path) or _OPINION_PATH.match(host)) and not _INSTITUTE_HOST.search(host)):
        return "opinion"
    if any(_ANALYSIS_LABEL.match(label) for label in labelled):
        return "analysis"
    if _OPINION_DISCLAIMER.search(clues.text) or _EDITORIAL_TITLE.search(clues.title):
        return "opinion"
    if clues.bio and not (_ANALYSIS_PATH.search(path) or _INSTITUTE_HOST.search(host)):
        return "opinion"  # an author's note under the text: a guest's column
    if clues.wire:
        return "news"
    if _ANALYSIS_PATH.search(path) or _INSTITUTE_HOST.search(host):
        return "analysis"  # the site files it as analysis, or a research institute published it
    return None


def kind_features(clues: KindClues) -> list[float]:
    """How a page is written, as the kind model reads it beside its words: whether its headline asks, explains
    or argues, whether it has an address, and per word or sentence its first person, prescriptions, dates,
    attributions, quotes, questions, hedges and stance words."""
    text = clues.text
    unquoted = _QUOTED.sub(" ", text)
    words = max(1, len(unquoted.split()))
    per_sentence = max(1, clues.sentences)
    return [
        float(bool(_ANALYSIS_TITLE.search(clues.title))), float(_argues(clues.title)), float(not clues.url),
        100 * len(_FIRST_PERSON.findall(unquoted)) / words, 100 * len(_WE_ARGUE.findall(unquoted)) / words,
        len(_NEWS_TIME.findall(text)) / per_sentence, len(_ATTRIBUTION.findall(text)) / per_sentence,
        1 - len(unquoted) / max(1, len(text)), text.count("?") / per_sentence, math.log(per_sentence),
        words / per_sentence / 20, 100 * len(_MODAL.findall(unquoted)) / words,
        100 * len(_STANCE.findall(unquoted)) / words, 100 * len(_YOU.findall(unquoted)) / words,
    ]


def _path_and_host(url: str | None) -> tuple[str, str]:
    parts = urlsplit(url or "")
    return parts.path, parts.hostname or ""


def _argues(title: str) -> bool:
    return bool(_OPINION_TITLE.search(title)) and not _REPORTED_TITLE.search(title)


# Headlines that argue ("Lebanon must disarm Hezbollah", "It's time to recognize ...", "The Irish Times view on")
# or that explain ("Why Beijing may prefer a blockade", "Explained: ...", "Decoding the EU's sanctions").
_OPINION_TITLE = re.compile(r"\b(must|should|ought to|it['’]s time|time to|the case (for|against)|in defen[cs]e of|"
                            r"let['’]s|stop|don['’]t|(is|are|was|were) (right|wrong) to|the (futility|folly) of|"
                            r"in praise of)\b|\bview on\b|^(why|how) (we|i)\b", re.I)
# A headline that files itself: "Border test for amity of neighbors: China Daily editorial"
_EDITORIAL_TITLE = re.compile(r"[:|—–-]\s*([\w.'’ ]{0,40} )?(editorial|op-?ed)$", re.I)
# "Polisario says Morocco's plan should go to a referendum", "European leaders agree guarantees should include
# a force": a headline that reports someone's demand or agreement is news.
_REPORTED_TITLE = re.compile(r"\b(says?|said|urges?|urged|calls?|called|warns?|warned|tells?|told|insists?|"
                             r"argues?|demands?|wants?|agrees?|agreed|proposes?|proposed)\b.*\b(must|should|ought to)"
                             r"\b", re.I)
_ANALYSIS_TITLE = re.compile(r"^(why|how|what|explained|explainer|decoding|inside|understanding|analysis)\b|"
                             r"[:—–-] (why|how|what)\b|\b(explained|implications|what it means|what next|"
                             r"takeaways)\b|\?$", re.I)
_INSTITUTE_HOST = re.compile(r"(institute|iiss|iiis|crisisgroup|csis|brookings|carnegie|chathamhouse|rand\.org|"
                             r"atlanticcouncil|cfr\.org|understandingwar|warontherocks|lawfare|rusi|sipri|ecfr|"
                             r"stimson|wilsoncenter|hudson|heritage|cato|acleddata|thinktank)", re.I)
# News is dated ("on Monday", "this week", "on Jan. 5") and attributed ("said", "told Reuters").
_NEWS_TIME = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|"
                        r"this (week|morning|afternoon|evening)|last (week|night)|on (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                        r"Sep|Oct|Nov|Dec)\w*\.? \d)")
_ATTRIBUTION = re.compile(r"\b(said|says|told|according to|announced|stated|added|reported)\b")
# A writer who weighs ("would", "perhaps"), takes a stance ("clearly", "yet") or addresses the reader.
_MODAL = re.compile(r"\b(would|could|may|might|likely|unlikely|perhaps|probably|possibly)\b", re.I)
_STANCE = re.compile(r"\b(clearly|indeed|surely|of course|obviously|arguably|in fact|however|yet|but)\b", re.I)
_YOU = re.compile(r"\b(you|your)\b", re.I)


_ENDS_SENTENCE = re.compile(r"([.!?…]|[.!?][\"”’')\]]+|\.{3})$")


def is_truncated(last_paragraph: str | None) -> bool:
    """The text stops mid-sentence (an excerpt cut off, or a page saved before it loaded)."""
    if not last_paragraph:
        return False
    return not _ENDS_SENTENCE.search(last_paragraph.rstrip())
