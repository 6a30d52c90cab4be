"""The text cues actor extraction reads (titles, state bodies, group words, organisation heads), loaded
once from data/cues.yaml, plus the small closed word lists that belong with them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import data
from .tokens import key

ARTICLES = {"the", "a", "an", "The", "A", "An"}
# A lone name followed by these is not yet shown to act ("Kharkiv is a city"); pronouns are not names.
AUXILIARIES = {"is", "was", "has", "had", "have", "are", "were", "will", "would"}
PRONOUNS = {"we", "you", "they", "he", "she", "it", "i", "this", "that", "these", "those", "who", "what", "one",
            "there", "here"}
# Words that open a sentence in capitals and never begin a name: "Although Golden Dragon ..." names an exercise.
OPENERS = {"although", "though", "however", "while", "whilst", "when", "whether", "after", "before", "despite",
           "since", "until", "unless", "because", "meanwhile", "moreover", "furthermore", "nevertheless", "yet",
           "if", "once", "as", "but", "and", "or", "so", "still", "instead", "indeed", "thus", "hence",
           # adverbs of time and place: "Now Khudavang is guarded by Azerbaijani police"
           "now", "then", "today", "here", "there", "later", "also",
           # prepositions of place and circumstance: "Amid fears of an operation", "Near Kirkenes lies ..."
           "amid", "near", "across", "along", "around", "beyond", "inside", "outside", "through", "towards", "toward",
           # possessive determiners: "His Democratic Progressive Party supports ..."
           "his", "her", "its", "their", "our", "my", "your"}
# Capitalised anywhere and never the start of a name: "left for N'Djamena on Thursday Michel Djotodia ..."
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
OPENERS |= {day.lower() for day in WEEKDAYS}

# Words joining a sponsor to a generic group: "pro-Iran", "Iran-backed", "Hamas-led".
GROUP_LINKS = {"pro", "backed", "sponsored", "aligned", "allied", "linked", "affiliated", "led", "run", "controlled"}


# Bodies many countries have, which the gazetteer gives to one: "the Senate" is the US Senate in a story about
# the US, and Haiti's in one about Haiti. The CAMEO role each stands for.
BARE_BODIES = {"Senate": "LEG", "Congress": "LEG", "Parliament": "LEG", "Supreme Court": "JUD",
               "Constitutional Court": "JUD"}

# "the government" or "the army" of an article is its main state's; "the troops" or "the administration" may be
# anyone's, so they are not pinned on it.
MAIN_STATE_BODIES = {"government", "junta", "parliament", "army", "military", "regime", "cabinet", "authorities",
                     "police", "ministry"}


@dataclass
class Cues:
    titles: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (title key, CAMEO role), longest first
    qualifiers: list[tuple[str, ...]]
    particles: frozenset[str]
    bodies: list[tuple[tuple[str, ...], dict]]
    group_heads: frozenset[str]
    bare_heads: frozenset[str]
    group_modifiers: dict[str, str]
    jihadist_groups: frozenset[str]
    org_heads: list[tuple[tuple[str, ...], str]]
    coalition_words: frozenset[str]
    speech_verbs: frozenset[str]
    metonym_before: frozenset[str]
    facility_nouns: frozenset[str]
    not_names: frozenset[str]
    institutions: list[tuple[tuple[str, ...], dict]]
    nationality_nouns: frozenset[str]
    generic_orgs: list[tuple[tuple[str, ...], str]]
    community_heads: frozenset[str]
    state_group_adjectives: dict[tuple[str, ...], str]
    state_group_nouns: frozenset[str]
    state_group_names: dict[tuple[str, ...], tuple[str, str]]
    places: frozenset[tuple[str, ...]]


@cache
def cues() -> Cues:
    spec = data.load("cues")
    titles = [(key(t), role) for role, names in spec["titles"].items() for t in names]
    heads = [(key(h), kind) for kind, names in spec["org_heads"].items() for h in names]
    return Cues(
        titles=_by_first_word(titles),
        qualifiers=sorted((key(q) for q in spec["title_qualifiers"]), key=lambda q: -len(q)),
        particles=frozenset(spec["name_particles"]),
        bodies=sorted(((key(b), v) for b, v in spec["state_bodies"].items()), key=lambda b: -len(b[0])),
        group_heads=frozenset(spec["group_heads"]),
        bare_heads=frozenset(spec["bare_heads"]),
        group_modifiers={m.lower(): kind for kind, mods in spec["group_modifiers"].items() for m in mods},
        jihadist_groups=frozenset(spec["jihadist_groups"]),
        org_heads=sorted(heads, key=lambda h: -len(h[0])),
        coalition_words=frozenset(spec["coalition_words"]),
        speech_verbs=frozenset(spec["speech_verbs"]),
        metonym_before=frozenset(spec["metonym_before"]),
        facility_nouns=frozenset(spec["facility_nouns"]),
        not_names=frozenset(spec["not_names"]),
        institutions=sorted(((key(p), {**v, "phrase": key(p)}) for p, v in spec["institutions"].items()),
                            key=lambda item: -len(item[0])),
        nationality_nouns=frozenset(spec["nationality_nouns"]),
        places=frozenset(key(p) for p in spec["places"]),
        generic_orgs=sorted(((key(p), name) for p, name in spec["generic_organisations"].items()),
                            key=lambda item: -len(item[0])),
        community_heads=frozenset(spec["community_heads"]),
        state_group_adjectives={tuple(a.split()): g for a, g in spec["state_group_adjectives"].items()},
        state_group_nouns=frozenset(spec["state_group_nouns"]),
        state_group_names={tuple(a.split()): tuple(g) for a, g in spec["state_group_names"].items()},
    )


def _by_first_word(items: list[tuple[tuple[str, ...], str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, value in sorted(items, key=lambda t: -len(t[0])):
        index.setdefault(words[0], []).append((words, value))
    return index
