"""The shared machinery of actor extraction: tokenised sentences that remember which tokens a pass has
explained, the candidates being collected, and token-level lookups every pass uses."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..brief import Sentence
from .actor_cues import Cues, cues
from .gazetteer import Entry, Gazetteer
from .tokens import Token


@dataclass
class Candidate:
    key: str
    name: str
    type: str
    code: str | None = None
    role: str | None = None
    country: str | None = None
    from_gazetteer: bool = False
    known_role: str | None = None  # the gazetteer's; the article's own wording wins
    aliases: dict[str, None] = field(default_factory=dict)
    mentions: list[str] = field(default_factory=list)  # sentence id per mention
    first: int = 10**9


@dataclass
class TokenSentence:
    sentence: Sentence
    index: int
    tokens: list[Token]
    claimed: list[bool]

    def free(self, i: int, j: int) -> bool:
        return not any(self.claimed[i:j])

    def claim(self, i: int, j: int) -> None:
        for k in range(i, j):
            self.claimed[k] = True

    def surface(self, i: int, j: int) -> str:
        return self.sentence.text[self.tokens[i].start:self.tokens[j - 1].end]


class Collector:
    def __init__(self) -> None:
        self.found: dict[str, Candidate] = {}

    def add(self, key_: str, name: str, type_: str, s: TokenSentence, surface: str | None, *, code: str | None = None,
            role: str | None = None, country: str | None = None, gazetteer: bool = False) -> Candidate:
        c = self.found.get(key_)
        if c is None:
            c = self.found[key_] = Candidate(key_, name, type_, code, role, country, gazetteer)
        c.role = c.role or role
        c.code = c.code or code
        c.country = c.country or country
        if surface:
            c.aliases.setdefault(surface.strip(), None)
        c.mentions.append(s.sentence.id)
        c.first = min(c.first, s.index)
        return c


def fold(found: Collector, key_: str, into: Candidate) -> None:
    generic = found.found.pop(key_, None)
    if generic is not None:
        into.aliases.update(generic.aliases)
        into.mentions += generic.mentions
        into.first = min(into.first, generic.first)


def lookup(tokens: list[Token], i: int, table: dict[tuple[str, ...], Entry], longest: int) -> tuple[Entry, int] | None:
    words = [t.text.replace("’", "'") for t in tokens[i:i + longest]]
    for n in range(len(words), 0, -1):
        if n > 1 and tokens[i + n - 2].possessive and tokens[i + n - 2].text not in NAME_POSSESSIVES:
            continue  # "Iraq's Prime" is not a name; "Korean People's Army" is
        entry = table.get(tuple(words[:n]))
        if entry is not None:
            return entry, i + n
    return None


def named_after(toks: list[Token], j: int, gaz: Gazetteer, words: tuple[str, ...] = ("of",)
                ) -> tuple[Entry, int] | None:
    """The gazetteer's entry in "of (the) <name>" at token j, and where it ends."""
    if j + 1 >= len(toks) or toks[j].text not in words:
        return None
    k = j + 2 if toks[j + 1].text == "the" else j + 1
    return lookup(toks, k, gaz.names, gaz.longest) if k < len(toks) else None


def state_named_after(toks: list[Token], j: int, gaz: Gazetteer, words: tuple[str, ...] = ("of",)
                      ) -> tuple[Entry, int] | None:
    """The state in "of (the) <state>" at token j, and where it ends."""
    hit = named_after(toks, j, gaz, words)
    return hit if hit and hit[0].type == "state" else None


def title_at(toks: list[Token], i: int, cue: Cues) -> tuple[str, int] | None:
    if i >= len(toks) or i > 1 and toks[i - 1].text == "-" and toks[i - 2].text in ("in", "at", "of"):
        return None  # "commander-in-chief Min Aung Hlaing" is no "chief"; "then-President Rafael Correa" is
    words = tuple(t.text for t in toks[i:i + 4])
    for title, role in cue.titles.get(words[0], ()):
        if words[:len(title)] == title:
            return role, i + len(title)
    # "Analyst Luis Astorga said": a title written in lower case, capitalised because it opens the sentence, before
    # a name of two words or more
    if i == 0 and words[0][:1].isupper() and words[0].lower() not in _NOT_OPENING_TITLES:
        lowered = (words[0].lower(), *words[1:])
        for title, role in cue.titles.get(lowered[0], ()):
            n = len(title)
            if lowered[:n] == title and n + 1 < len(toks) and toks[n].capitalised and toks[n + 1].capitalised:
                return role, i + n
    return None


# Lower-case titles that open a sentence as the first word of a body's name too ("National Assembly ...",
# "Deputy Speaker ...", "Chief Justice ...")
_NOT_OPENING_TITLES = frozenset({"national", "citizen", "resident", "deputy", "chief", "head", "leader", "official",
                                 "fellow", "owner", "director", "manager", "founder", "general", "commander",
                                 "successor", "predecessor", "rival", "counterpart", "candidate", "aide"})


MAX_NAME_TOKENS = 12  # no organisation's name is longer; a page of capitalised words must not cost n²


# Possessives inside names: "People's National Congress", "Workers' Party", "Women's League"
NAME_POSSESSIVES = frozenset({"People", "Peoples", "Workers", "Women", "Farmers", "Veterans", "Citizens"})


def org_run(toks: list[Token], i: int, s: TokenSentence) -> int:
    k = i
    while k < min(len(toks), i + MAX_NAME_TOKENS) and s.free(k, k + 1):
        t = toks[k]
        # "Border Service of the State Committee", "African Party for the Independence of Guinea": "of the" and
        # "for the" join two capitalised runs too
        of_the = t.text in ("of", "for") and k + 2 < len(toks) and toks[k + 1].text == "the" \
            and toks[k + 2].capitalised
        inner = t.text in ("of", "for", "and", "al", "el", "de", "-", "&") and k + 1 < len(toks) and (
            toks[k + 1].capitalised or toks[k + 1].text == "-") or of_the or (
            t.text == "the" and k > i and toks[k - 1].text in ("of", "for") and k + 1 < len(toks)
            and toks[k + 1].capitalised)
        if (t.capitalised and t.text[0].isalpha()) or (inner and k > i):
            k += 1
            if t.possessive and not (t.text in NAME_POSSESSIVES and k < len(toks) and toks[k].capitalised):
                break
            continue
        break
    while k > i and toks[k - 1].text in ("of", "for", "and", "al", "el", "de", "-", "the"):
        k -= 1
    return max(k, i + 1)


def type_from_head(words: tuple[str, ...]) -> str | None:
    whole = words
    for cut in ("in", "for", "to"):  # "European Union Mission in Armenia" is a Mission
        if cut in words[1:]:
            words = words[: words.index(cut, 1)]
    if "of" in words[1:] and (exact := next((kind for head, kind in cues().org_heads
                                             if head == words[:words.index("of", 1)]), None)):
        return exact  # "Armed Forces of the Philippines": a whole head before "of", not "Forces" alone
    kind = _head_kind(words, whole, bare=False)
    if kind is None and "of" in words[1:]:
        words = words[: words.index("of", 1)]
    # "Institute for Security Studies", "University of Queensland": the head alone, with the name after it
    return kind or (_head_kind(words, whole, bare=True) if len(words) < len(whole) else None)


def is_org_head(words: tuple[str, ...]) -> bool:
    """Whether the words are an organisation's head noun alone ("Directorate", "Assembly")."""
    return _head_kind(words, words, bare=True) is not None


_ALLIANCES = {("Alliance",), ("Coalition",), ("Bloc",)}
_TASK_FORCE = ("Task", "Force")


def _head_kind(words: tuple[str, ...], whole: tuple[str, ...], *, bare: bool) -> str | None:
    cue = cues()
    for head, kind in cue.org_heads:
        if words[-len(head):] == head and (len(words) > len(head) or bare and len(words) == len(head)):
            if (kind == "armed_group" or head == _TASK_FORCE) and cue.coalition_words.intersection(whole) or \
                    head in _ALLIANCES and cue.coalition_words.intersection(whole[:-1]):
                return "international_org"
            return kind
    return None


def names_a_place(toks: list[Token], i: int, j: int, cue: Cues) -> bool:
    """A person's name used for a place: followed by a facility noun ("... International Airport", "the General
    Gordon military base") or preceded by one ("Camp Lemonnier", "Fort Bragg")."""
    k = j
    while k < len(toks) and toks[k].text.lower() in ("international", "national", "memorial", "air", "military",
                                                      "naval", "army"):
        k += 1
    after = toks[k].text.lower() if k < len(toks) else ""
    before = toks[i - 1].text.lower() if i > 0 else ""
    return after in cue.facility_nouns or before in ("camp", "fort", "base")


def state_word(toks: list[Token], i: int, gaz: Gazetteer) -> Entry | None:
    for table in (gaz.demonyms, gaz.names):
        entry = table.get((toks[i].text.replace("’", "'"),))
        if entry is not None and entry.type == "state":
            return entry
    return None


def administration_at(toks: list[Token], j: int) -> int | None:
    """Where "administration(s)" ends after a leader's name, allowing "Trump and Biden administrations" (and "the
    Kurti Government", "the Modi government")."""
    if j < len(toks) and toks[j].text.lower() in ("administration", "administrations", "regime", "government"):
        return j + 1
    if j + 2 < len(toks) and toks[j].text == "and" and toks[j + 1].capitalised \
            and toks[j + 2].text.lower() in ("administrations", "regimes", "governments"):
        return j + 3
    return None


def add_administration(found: Collector, s: TokenSentence, leader: str, end: int, country: str | None) -> None:
    """ "the Biden administration", "the Assad regime": the leader's government, not the leader."""
    name = f"{leader} {s.tokens[end - 1].text.removesuffix('s')}"
    code = f"{country}GOV" if country else None
    found.add(f"admin:{name}", name, "government_body", s, name, code=code, country=country)
