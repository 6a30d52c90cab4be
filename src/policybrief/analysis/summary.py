"""The bottom line up front and the key judgments, written from the analysis' own fields and cited.

The bottom line says who did what and when (attributed: a column is the columnist's argument, wire copy is the
agency's report), why it matters, the vacuum judgment with its likelihood word and the actors behind it, and
the confidence, in a sentence of its own. On news the lead is the strongest statement of what happened.
"""

from __future__ import annotations

import re

from .. import furniture_model
from ..brief import Actor, ArticleInfo, Disagreement, Judgment, Risk, Sentence, Sourcing, Tension, Themes
from ..furniture import MONTHS, caption_reason, reports_nothing, strip_dateline
from ..metadata import is_truncated
from .actor_cues import PRONOUNS
from .prose import listing, mention, needs_antecedent, possessive
from .sourcing import KIND_NAMES, known_agency, listed_outlet, outlet_in_prose, published_in

_OUTLOOK = re.compile(r"\b(unlikely|likely|expected to|uncertain|could|may|might|risk|warn\w*|fear\w*|threat\w*|"
                      r"remains?|will)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(I|I['’]m|I['’]ve|my|me|we|our|us)\b")
_QUESTION = re.compile(r"\?[\"”’]?$")
_PRESCRIPTION = re.compile(r"\b(should|must|needs? to|has to|have to|ought to|it is time|cannot afford)\b", re.I)
_MAX_JUDGMENTS = 5
# A caption the page's furniture kept ends with the day its photo was taken after a comma, with no "on": "... is
# seen in front of a missile launcher, in Taoyuan, Taiwan, Oct. 18, 2024." Taken out of the text, such lines
# cost real sentences on new pages; kept out of the bottom line and judgments, they cost nothing.
_ASIDE = 0.4  # the furniture model's lean that keeps a lone sentence out of the lead: no sentence is lost by it
# A sentence the model all but calls furniture, that reports nothing and has no past tense or auxiliary, is an aside
# in any paragraph: a caption glued to the text ("Soldiers of the Malian Army Forces during an anti-terrorist
# operation in the Sahel in 2015. The security situation ..."), a dateline ("CHISINAU, January 20."), a widget. A
# lead of the same lean has its verb ("On 2 January 2024, ... signed a memorandum").
_CAPTION_LEAN = 0.8
_FINITE = re.compile(r"\b(\w{3,}ed|is|are|was|were|has|have|had|will|would)\b", re.I)
_DATED_PHOTO = re.compile(rf"(?<!\bon), {MONTHS} \d{{1,2}}, \d{{4}}\.$")
# A report's own sourcing at the end of its lead: "…, according to a letter seen by Reuters.", "…, two
# diplomats said on Tuesday." The source is short and holds no clause of its own.
_TRAILING_SOURCE = re.compile(
    r"^(?P<claim>.{30,}?),\s+(?:(?:according to|citing)\s+(?P<per>[^,;]{3,80}?)"
    r"|(?P<who>[^\s,;]+(?:\s+[^\s,;]+){0,7}?)"
    r"\s+(?:(?:has|have|had)\s+)?(?:said|says|reports|reported|told\s+[^\s,;]+(?:\s+[^\s,;.]+){0,3}?)"
    r"(?:\s+on\s+\w+|\s+\w+day|\s+in\s+a\s+statement)?"
    # the source after its verb: "…, reports the Irrawaddy.", "…, said the foreign ministry on Monday."
    r"|(?:said|says|reports|reported)\s+(?P<inv>(?!(?:on|in|at|last|this|late|early|it|they|he|she)\b)[^,;]{3,60}?)"
    r"(?:\s+citing\s+[^,;]{3,40}?)?(?:\s+on\s+\w+|\s+\w+day)?)"
    r"\s*[.!]?[\"”’]?$")
# Sentence openers that may be lower-cased after "reports that"; a name or "US" keeps its capital.
_COMMON_OPENERS = {"the", "a", "an", "in", "on", "at", "after", "as", "for", "with", "this", "these", "its",
                   "their", "more", "some", "two", "three", "four", "five", "several", "many", "nearly", "about",
                   "what", "when", "if", "while", "although", "despite", "but", "yet", "it", "there", "they",
                   "he", "she", "that", "those", "such", "any", "every", "no", "none", "all", "most", "both",
                   "each", "one", "since", "until", "under", "over", "without", "across", "among", "during",
                   "six", "seven", "eight", "nine", "ten", "last", "earlier", "later", "hours", "days", "weeks",
                   "months", "years", "following", "amid", "now", "today", "yesterday", "throughout", "before",
                   "between", "within", "against", "around", "according", "once", "because", "unlike", "though",
                   "whereas", "even", "only", "almost", "beyond", "behind", "besides", "toward", "towards", "upon",
                   "late", "early", "recently", "already", "again", "still", "meanwhile", "thus", "instead",
                   "dozens", "hundreds", "thousands", "millions", "scores", "tens", "few", "much", "other",
                   "another", "residents", "officials", "protesters", "troops", "soldiers", "fighting", "clashes"}


def lead_sentences(sentences: list[Sentence], n: int = 2, *, opinion: bool = False) -> list[Sentence]:
    """The first statements: long enough to say something, not a question, not a dangling fragment; in a column,
    not the author's own "I" (an anecdote) but the first claim about the situation."""
    out = []
    for s in sentences:
        # a line with no full stop is a heading, a link or the cut-off end, not a statement
        # (a sentence that ends on a colon is whole: it introduces a quotation, "Dorn suggests that ...:")
        if len(s.text.split()) >= 8 and not _QUESTION.search(s.text.rstrip()) and s.text[:1].isupper() \
                and not (opinion and _FIRST_PERSON.search(s.text)) \
                and not (is_truncated(s.text) and not s.text.rstrip().endswith(":")):
            out.append(s)
        if len(out) == n:
            break
    return out or sentences[:1]


def asides(sentences: list[Sentence], title: str | None) -> set[str]:
    """The sentences that read as captions which slipped past the page's furniture: a credit or a date still
    on them, or a paragraph of one or two sentences that report nothing and that the furniture model leans
    towards. Neither a lead nor a judgment; the text keeps them (taken out, such lines cost real sentences)."""
    likely = furniture_model.probabilities([s.text for s in sentences], title)
    paragraphs: dict[int, list[bool]] = {}
    for s, p in zip(sentences, likely, strict=True):
        paragraphs.setdefault(s.paragraph, []).append(p >= _ASIDE and reports_nothing(s.text))
    return {s.id for s, p in zip(sentences, likely, strict=True)
            if caption_reason(s.text) or _DATED_PHOTO.search(s.text)
            or (len(paragraphs[s.paragraph]) <= 2 and all(paragraphs[s.paragraph]))
            or (p >= _CAPTION_LEAN and reports_nothing(s.text) and not _FINITE.search(s.text))}


def development(sentences: list[Sentence], info: ArticleInfo) -> tuple[str, list[str]]:
    """The central development in the article's own words: the lead of a report, the thesis of a column (its
    first prescription, "the United States should recognize ...", else its first claim)."""
    if info.kind == "opinion":
        candidates = lead_sentences(sentences, 6, opinion=True)
        lead = next((s for s in candidates if _PRESCRIPTION.search(s.text)), candidates[0])
    else:
        lead = lead_sentences(sentences, 1, opinion=info.kind != "news")[0]
    text = _without_headline(strip_dateline(lead.text), info.title)
    # a lead that introduces a quotation on a colon is ended as the statement the bottom line makes of it
    return (text.rstrip()[:-1].rstrip() + "." if text.rstrip().endswith(":") else text), [lead.id]


def _without_headline(sentence: str, headline: str | None) -> str:
    """A lead that a page glued to its headline, even a headline printed in other capitals or punctuation
    ("Troops to leave Somalia by June Somalia's government said ..."), loses that copy of it."""
    words = sentence.split()
    head = re.findall(r"\w+", (headline or "").lower())
    if len(head) < 4 or len(words) <= len(head) + 4:
        return sentence
    start = re.findall(r"\w+", " ".join(words[:len(head)]).lower())
    if sum(a == b for a, b in zip(start, head, strict=False)) < 0.8 * len(head):
        return sentence
    rest = " ".join(words[len(head):]).lstrip(" :—–-|")
    # Glued, the story's own first sentence starts after the copy; a lead that merely opens with the
    # headline's words ("Somalia asks for delay of ...") goes on in lower case.
    return rest if rest[:1].isupper() or rest[:1] in "\"“‘'" else sentence


def bottom_line(info: ArticleInfo, sourcing: Sourcing, developed: str, developed_ids: list[str], themes: Themes,
                risk: Risk, actors: list[Actor], state: Actor | None, furniture: set[str],
                common: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """`furniture` holds the page lines taken out as furniture: an outlet known only from its masthead or
    copyright line is not named in the text (the reader finds it in the sourcing box). `common` holds the words
    the article writes only in lower case (see `prose.common_words`)."""
    outlet = sourcing.outlet if listed_outlet(sourcing.outlet) and not any(
        sourcing.outlet in line for line in furniture) else None
    # an actor's name keeps its capital even where the text only writes it opening a sentence ("Hondurans have")
    named = {w.lower().rstrip("s") for a in actors for form in (a.name, *a.aliases, *a.seen_as) for w in form.split()}
    common = frozenset(w for w in common if w.rstrip("s") not in named)
    parts = [_attributed(info, sourcing, developed, outlet, common)]
    stake = _stakes(themes, actors, state)
    if stake:
        parts.append(stake)
    parts.append(risk.judgment)
    parts.append(confidence_sentence(sourcing))
    return " ".join(parts), list(dict.fromkeys([*developed_ids, *risk.judgment_evidence[:2]]))


def confidence_sentence(sourcing: Sourcing) -> str:
    """ "Confidence is low: a single opinion column from an outlet of unknown standing, undated and cut off." """
    if not sourcing.single_source:  # a merged brief: its first reason counts the independent sources
        return f"Confidence is {sourcing.confidence}: {_lower_first(sourcing.reasons[0][len('It rests on '):])}"
    what = KIND_NAMES[sourcing.kind]
    source = f"a single {what}"
    if sourcing.republished:
        source += f" of {sourcing.agency} wire copy"
    if sourcing.outlet and not listed_outlet(sourcing.outlet):
        source += (" republished by a site of unknown standing" if sourcing.republished and
                   known_agency(sourcing.agency) else " from an outlet of unknown standing")
    elif not sourcing.outlet:
        source += " from an unnamed outlet"
    caveats = ([] if sourcing.published else ["undated"]) + (["cut off mid-sentence"] if sourcing.truncated else [])
    return f"Confidence is {sourcing.confidence}: {source}{', ' + listing(caveats) if caveats else ''}."


def _attributed(info: ArticleInfo, sourcing: Sourcing, sentence: str, outlet: str | None,
                common: frozenset[str]) -> str:
    """ "In an opinion column, Jane Doe argues that …", "AFP reports that …", "Reuters reports that …"."""
    body = _DISCOURSE.sub("", sentence.rstrip())
    if not re.search(r"[.!?…][\"”’)]?$", body):
        body += " …"  # the sentence is cut off: say so rather than end it for the author
    if info.kind == "opinion":
        who = info.author or (f"a columnist {published_in(outlet)}" if outlet else "the columnist")
        return f"In an opinion column, {who} argues that {_lower_first(body, common)}"
    if info.kind == "analysis":
        source = f"An analysis {published_in(outlet)}" if outlet else "An analysis"
        return f"{source} finds that {_lower_first(body, common)}"
    if len(sourcing.outlets) > 1:  # a merged brief: the lead's claim, with the sources that carry the story
        return f"{listing(sourcing.outlets[:3])} report that {_lower_first(body, common)}"
    reporter = info.agency or (outlet_in_prose(outlet) if outlet else "The article")
    reporter = reporter[0].upper() + reporter[1:]  # it opens the sentence: "The Washington Examiner reports"
    claim, source = _claim_and_source(body, info.agency or outlet or reporter)
    if source:
        return f"{reporter}, citing {source}, reports that {_lower_first(claim, common)}"
    return f"{reporter} reports that {_lower_first(claim, common)}"


# The column's own signposts, which mean nothing after "argues that": "First of all, the Sahel is not ours to manage"
_DISCOURSE = re.compile(r"^(First of all|First|Firstly|Second|Secondly|Moreover|Furthermore|Indeed|Of course|"
                        r"However|Still|But|And|Yet|In short|In other words),\s+(?=\S)")


# Not who said it: "…, it said Wednesday", "according to it" point back to a name the sentence already gave
_PRONOUNS = frozenset(PRONOUNS | {"them", "him", "her"})


def _claim_and_source(sentence: str, reporter: str) -> tuple[str, str | None]:
    """Split a lead's trailing attribution off its claim, so that the bottom line keeps who said it."""
    m = _TRAILING_SOURCE.match(sentence)
    if not m or re.search(r"[\"“”]", m["claim"]):
        return sentence, None
    source = (m["per"] or m["who"] or m["inv"]).strip()
    if source.strip(" .!\"”’").lower() in _PRONOUNS:
        return m["claim"] + ".", None  # "…, it said Wednesday": the claim is the subject's own
    if source.split(" ", 1)[0].lower() in _COMMON_OPENERS:
        source = source[0].lower() + source[1:]
    source = re.sub(rf"\b(seen|obtained|reviewed) by {re.escape(reporter)}$", r"it has \1", source)
    return m["claim"] + ".", source


def _lower_first(sentence: str, common: frozenset[str] = frozenset()) -> str:
    word = sentence.split(" ", 1)[0]
    first = word.lower()
    if first not in _COMMON_OPENERS and first not in common:
        return sentence
    # a lead set in capitals ("THE downfall of ...") loses them all, not just the first
    return first + sentence[len(word):] if word.isupper() and len(word) > 1 else sentence[0].lower() + sentence[1:]


def _stakes(themes: Themes, actors: list[Actor], state: Actor | None) -> str | None:
    """Why it matters, from the themes the article substantially discusses."""
    # one the headline alone names is the editor's word for it, too thin to name the threat by
    group = next((a for a in actors if a.type == "armed_group" and a.mentions), None)
    stakes = []
    if themes.sovereignty.present:
        stakes.append(f"{possessive(mention(state))} sovereignty" if state else "national sovereignty")
    if themes.security.present:
        stakes.append(f"security against {mention(group)}" if group else "security")
    if not stakes:
        return None
    return f"At stake {'is' if len(stakes) == 1 else 'are'} {' and '.join(stakes)}."


def key_judgments(sentences: list[Sentence], info: ArticleInfo, themes: Themes, tension: Tension, risk: Risk,
                  used: list[str]) -> list[Judgment]:
    """Judgments that go beyond the bottom line: the next fact, the framing, the next decision point and the
    article's own outlook; each cites the sentences it rests on."""
    judgments: list[Judgment] = []
    opinion = info.kind != "news"
    framed = themes.sovereignty.present or themes.security.present
    quoted = set(tension.evidence) if framed else set()  # the framing judgment quotes these already
    follow_up = [s for s in lead_sentences(sentences, 4, opinion=opinion)
                 if s.id not in {*used, *quoted} and not needs_antecedent(s.text)][:1]
    if follow_up:
        judgments.append(Judgment(text=strip_dateline(follow_up[0].text), evidence=[follow_up[0].id]))
    if framed:
        judgments.append(Judgment(text=tension.assessment, evidence=tension.evidence))
    dated = next((w for w in risk.watch_points if w.origin == "article"), None)
    if dated is not None:
        judgments.append(Judgment(text=f"The next decision point is {dated.when}: {_lower_first(dated.text)}",
                                  evidence=dated.evidence))
    taken = {e for j in judgments for e in j.evidence} | set(used)
    outlook = _outlook(sentences, exclude=taken, opinion=opinion)
    if outlook is not None:
        judgments.append(Judgment(text=strip_dateline(outlook.text), evidence=[outlook.id]))
    return judgments[:_MAX_JUDGMENTS]


def _outlook(sentences: list[Sentence], exclude: set[str], *, opinion: bool) -> Sentence | None:
    """The article's own forward-looking judgment, preferring analysts' hedged assessments."""
    scored = []
    for i, s in enumerate(sentences):
        if s.id in exclude or _QUESTION.search(s.text.rstrip()) or len(s.text.split()) < 8 \
                or (opinion and _FIRST_PERSON.search(s.text)) or needs_antecedent(s.text) \
                or is_truncated(s.text):  # the page's cut-off last line is no outlook
            continue
        hits = len(_OUTLOOK.findall(s.text)) + 2 * bool(re.search(r"\b(analysts?|experts?|officials?) (say|said|"
                                                                    r"suggest|warn)", s.text))
        if hits:
            scored.append((hits, -i, s))
    return max(scored, key=lambda t: t[:2])[2] if scored else None


def disagreement_judgment(d: Disagreement, names: list[str]) -> Judgment:
    """ "The sources differ on the troops: zambianobserver.com says more than 1,000, Naija247news nearly 1,000." """
    said = [f"{names[n]} {'says ' if k == 0 else ''}{value}" for k, (n, value) in enumerate(d.values.items())]
    share = all(re.search(r"%|per ?cent", v) for v in d.values.values())
    topic = {"figure": f"the {'share' if share else 'number'} of {d.what}",
             "date": d.what if d.what.startswith("the ") else "the deadline", "stance": d.what}[d.kind]
    return Judgment(text=f"The sources differ on {topic}: {listing(said)}.", evidence=d.evidence)
