"""Small grammar for sentences the brief writes about actors: articles, possessives, agreement, lists."""

from __future__ import annotations

import re

from ..brief import Actor
from .actor_cues import WEEKDAYS

# Generic names the analysis gives unnamed actors ("Armed gangs"); inside a sentence they take lower case.
_GENERIC_STARTS = ("Armed ", "Jihadist ", "Drug cartels", "Aid agencies", "Rights groups")


# States whose names take "the" inside a sentence: "the United States", "the Democratic Republic of the Congo".
_THE_STATE = re.compile(r"\b(Republic|Kingdom|States|Emirates|Islands)\b|"
                        r"^(Bahamas|Comoros|Gambia|Maldives|Netherlands|Philippines|Seychelles)$")


def state_name(name: str) -> str:
    """A state's name as a sentence uses it: "Iraq", "the United States"."""
    return f"the {name}" if _THE_STATE.search(name) and not name.startswith(("the ", "The ")) else name


# One-word names that a sentence gives "the": "though the Taliban is active", "the Kremlin", "the Tatmadaw"
_ONE_WORD_WITH_THE = frozenset({"Taliban", "Kremlin", "Pentagon", "Tatmadaw", "Vatican", "Quartet"})


def mention(actor: Actor) -> str:
    """How a sentence names an actor: "the African Union", "al-Shabaab", "armed gangs", "Iraq", "the United
    States"."""
    name = actor.name
    if actor.type == "state":
        return state_name(name)
    if name.startswith(_GENERIC_STARTS):
        head, of, owner = name.partition(" of ")
        # "Armed forces of France" reads "the armed forces of France", "... of the United States"
        return f"the {head.lower()} of {state_name(owner)}" if of else name[0].lower() + name[1:]
    # Arabic names carry their own article ("Hayat Tahrir al-Sham", "Harakat al-Nujaba"); an operation takes none
    # ("Operation Barkhane is leaving")
    if actor.type == "person" or name.startswith(("The ", "the ", "al-", "Al-", "Operation ")) or " al-" in name \
            or name.isupper() \
            or (len(name.split()) == 1 and not (actor.type == "armed_group" and plural(name))
                and name not in _ONE_WORD_WITH_THE):
        return name
    return f"the {name}"


# Names and nouns that end in "s" but take "is": "the United States is", "the crisis is"; "Houthis" are many.
_SINGULAR_IN_S = {"states", "nations", "crisis", "analysis", "basis", "thesis", "paris", "tunis", "isis", "hamas",
                  "emirates", "philippines", "netherlands", "bahamas", "maldives", "seychelles", "comoros"}


def plural(name: str) -> bool:
    """By the name's head noun: its last word, or the word before "of" ("Armed forces of Israel" are many). An
    acronym is one body whatever its last letter: "ATMIS is leaving"."""
    head = name.split(" of ")[0].split()[-1]
    last = head.lower()
    return (last.endswith("s") and not last.endswith(("ss", "us")) and last not in _SINGULAR_IN_S
            and not head.isupper())


def agree(name: str, singular: str, many: str) -> str:
    return many if plural(name) else singular


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def paired_quotes(excerpt: str) -> str:
    """An excerpt cut from a sentence with its quotation marks paired again: a quote the cut opened before the
    excerpt is opened at its start, one it closes after the excerpt is closed at its end."""
    depth = lowest = 0
    for ch in excerpt:
        depth += (ch == "“") - (ch == "”")
        lowest = min(lowest, depth)
    excerpt = "“" * -lowest + excerpt + "”" * (depth - lowest)
    if excerpt.count('"') % 2:  # a straight quote that opens a word was opened here, else it closes one
        return excerpt + '"' if re.search(r'"\w[^"]*$', excerpt) else '"' + excerpt
    return excerpt


def nested(sentence: str) -> str:
    """A sentence to be quoted inside the brief's own double quotes: its quotation marks become single ones,
    as a quote within a quote is written."""
    straight = iter(("‘", "’") * sentence.count('"'))
    return re.sub(r'"', lambda _: next(straight), sentence.replace("“", "‘").replace("”", "’"))


# A sentence that opens on a pronoun ("He said the withdrawal ...", "Now they are facing ...", "It also became a
# target ...") or quotes "he" or "she" needs the sentence before it to say who; "It is unclear whether ..." names
# no one and needs no one.
_OPENER = r"^(\d+\.\s+)?[\"“‘']?((Now|But|And|Yet|So|Then|Still|Instead|However|Meanwhile|Since then|Today),?\s+)?"
_NEEDS_ANTECEDENT = re.compile(
    rf"{_OPENER}(?i:he|she|they|this|these|that|those|his|her|their|its|such)\b"
    rf"|{_OPENER}(?i:it)\b(?! (is|was|remains|seems|appears|has been) (not |also |still )?(un)?"
    r"(clear|likely|expected|possible|impossible|hard|difficult|too early|important|essential|known|certain)\b)"
    r"|,[\"”’']? (he|she|they) (said|says|added|adds|noted|told|stressed|argued)\b")


def needs_antecedent(sentence: str) -> bool:
    """Whether a sentence, quoted on its own, leaves the reader asking who "he", "they" or "this" is."""
    return bool(_NEEDS_ANTECEDENT.search(sentence))


def common_words(sentences: list[str]) -> frozenset[str]:
    """The words a text writes only in lower case inside its sentences ("talks", "tensions"): at the start of a
    quoted sentence they can lose their capital; a name ("May", "Chad") is capitalised somewhere inside one. A
    participle that opens a sentence ("Faced with rising tensions, ...") is one too unless it is capitalised
    inside one."""
    lower: set[str] = set()
    upper: set[str] = set()
    openers: set[str] = set()
    for sentence in sentences:
        for word in re.findall(r"(?<=\s)[A-Za-z][\w'’-]*", sentence):
            (lower if word[0].islower() else upper).add(word.lower())
        if m := _PARTICIPLE.match(sentence):
            lower.add(m[1].lower())
        # a common word that opens a sentence and is never capitalised inside one: "Streets were empty",
        # "Large numbers of Afghans" (names the brief's actors hold are kept by the bottom line)
        if m := _OPENER.match(sentence):
            openers.add(m[1].lower())
    return frozenset((lower | openers) - upper - _ALWAYS_CAPITALISED)


_OPENER = re.compile(r"([A-Z][a-z]{2,})\s+[a-z]")
_ALWAYS_CAPITALISED = frozenset({day.lower() for day in WEEKDAYS} | {
                                 "january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december", "god", "allah", "christmas",
                                 "europe", "asia", "africa", "america", "oceania", "arctic", "antarctica", "european",
                                 "asian", "african", "american", "islamic", "islamist", "muslim", "christian",
                                 "jewish", "catholic", "hindu", "buddhist", "sunni", "shia", "shiite", "arab",
                                 "kurdish"})


_PARTICIPLE = re.compile(r"([A-Z][a-z]{2,}(?:ed|ing))\b(?! [A-Z])")
