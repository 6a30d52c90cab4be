"""Actors: one entry per real-world actor, with its mentions merged and each mention tied to a sentence.

Passes over each sentence, strongest evidence first, each claiming the characters it explains:
gazetteer names and acronyms defined in the text; a state's bodies named by description ("Iraqi
government", "French troops", "the country's junta"); capitals standing for governments; generic armed
groups ("pro-Iran militias"); people named after a title; capitalised names with an organisation head or a
speech cue. A last pass links later surname and role mentions ("al-Sudani", "the prime minister").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from .. import data
from ..brief import Actor, Sentence
from ..ingest import strip_dateline
from .gazetteer import Entry, Gazetteer
from .tokens import Token, key, tokenize

MAX_EVIDENCE = 5
_ACRONYM_DEF = re.compile(
    r"\b((?:[A-Z][\w'’.-]*|al|el|of|for|the|and|de)(?:\s+(?:[A-Z][\w'’.-]*|al-\w+|of|for|the|and|de|du|des|in))*"
    r"\s+[A-Z][\w'’.-]*)\s+\(([A-Z][A-Za-z0-9&-]{1,9})\)"
)
_LEADING_LOWER = re.compile(r"^((?:of|for|the|and|de|al|el|in)\s+)+")
_ARTICLES = {"the", "a", "an", "The", "A", "An"}
# A lone name followed by these is not yet shown to act ("Kharkiv is a city"); pronouns are not names.
_AUXILIARIES = {"is", "was", "has", "had", "have", "are", "were", "will", "would"}
_PRONOUNS = {"we", "you", "they", "he", "she", "it", "i", "this", "that", "these", "those", "who", "what", "one"}
# Words joining a sponsor to a generic group: "pro-Iran", "Iran-backed", "Hamas-led".
_GROUP_LINKS = {"pro", "backed", "sponsored", "aligned", "allied", "linked", "affiliated", "led", "run", "controlled"}
# Verbs that say what an actor wants: the first sentence naming the actor with one is its position.
_WANTS = re.compile(
    r"\b(wants?|wanted|seeks?|sought|demand(s|ed)?|call(s|ed)? for|push(es|ed)? for|press(es|ed)? for|"
    r"insist(s|ed)?|aims?|goal|desire|intends?|plans? to|pledge[sd]?|vow(s|ed)?|threaten(s|ed)?|refuse[sd]?|"
    r"reject(s|ed)?|oppose[sd]?|urge[sd]?|working (on|towards)|committed to|commitment to|determined|hopes? to|"
    r"is taking steps|ordered|expelled|accuse[sd]?|maintains the right|will take|says? it will)\b", re.I)
# "the government" or "the army" of an article is its main state's; "the troops" or "the administration" may be
# anyone's, so they are not pinned on it.
_MAIN_STATE_BODIES = {"government", "junta", "parliament", "army", "military", "regime", "cabinet"}


@dataclass
class _Cues:
    titles: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (title key, CAMEO role), longest first
    qualifiers: list[tuple[str, ...]]
    particles: frozenset[str]
    bodies: list[tuple[tuple[str, ...], dict]]
    group_heads: frozenset[str]
    bare_heads: frozenset[str]
    group_modifiers: dict[str, str]
    jihadist_groups: frozenset[str]
    org_heads: list[tuple[tuple[str, ...], str]]
    speech_verbs: frozenset[str]
    metonym_before: frozenset[str]
    facility_nouns: frozenset[str]
    institutions: list[tuple[tuple[str, ...], dict]]
    nationality_nouns: frozenset[str]
    generic_orgs: list[tuple[tuple[str, ...], str]]
    places: frozenset[tuple[str, ...]]


@cache
def cues() -> _Cues:
    spec = data.load("cues")
    titles = [(key(t), role) for role, names in spec["titles"].items() for t in names]
    heads = [(key(h), kind) for kind, names in spec["org_heads"].items() for h in names]
    return _Cues(
        titles=_by_first_word(titles),
        qualifiers=sorted((key(q) for q in spec["title_qualifiers"]), key=lambda q: -len(q)),
        particles=frozenset(spec["name_particles"]),
        bodies=sorted(((key(b), v) for b, v in spec["state_bodies"].items()), key=lambda b: -len(b[0])),
        group_heads=frozenset(spec["group_heads"]),
        bare_heads=frozenset(spec["bare_heads"]),
        group_modifiers={m.lower(): kind for kind, mods in spec["group_modifiers"].items() for m in mods},
        jihadist_groups=frozenset(spec["jihadist_groups"]),
        org_heads=sorted(heads, key=lambda h: -len(h[0])),
        speech_verbs=frozenset(spec["speech_verbs"]),
        metonym_before=frozenset(spec["metonym_before"]),
        facility_nouns=frozenset(spec["facility_nouns"]),
        institutions=sorted(((key(p), {**v, "phrase": key(p)}) for p, v in spec["institutions"].items()),
                            key=lambda item: -len(item[0])),
        nationality_nouns=frozenset(spec["nationality_nouns"]),
        places=frozenset(key(p) for p in spec["places"]),
        generic_orgs=sorted(((key(p), name) for p, name in spec["generic_organisations"].items()),
                            key=lambda item: -len(item[0])),
    )


def _by_first_word(items: list[tuple[tuple[str, ...], str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, value in sorted(items, key=lambda t: -len(t[0])):
        index.setdefault(words[0], []).append((words, value))
    return index


@dataclass
class _Candidate:
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
class _Sentence:
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


class _Collector:
    def __init__(self) -> None:
        self.found: dict[str, _Candidate] = {}

    def add(self, key_: str, name: str, type_: str, s: _Sentence, surface: str | None, *, code: str | None = None,
            role: str | None = None, country: str | None = None, gazetteer: bool = False) -> _Candidate:
        c = self.found.get(key_)
        if c is None:
            c = self.found[key_] = _Candidate(key_, name, type_, code, role, country, gazetteer)
        c.role = c.role or role
        c.code = c.code or code
        c.country = c.country or country
        if surface:
            c.aliases.setdefault(surface.strip(), None)
        c.mentions.append(s.sentence.id)
        c.first = min(c.first, s.index)
        return c


def find_actors(sentences: list[Sentence], gaz: Gazetteer, *, title: str = "") -> list[Actor]:
    cue = cues()
    text = "\n".join(s.text for s in sentences)
    local = _acronyms(text, gaz)
    lowercase_words = {w for w in re.findall(r"\b[a-z][\w'-]*\b", text)}
    sents = [_Sentence(s, i, tokenize(s.text), []) for i, s in enumerate(sentences)]
    for s in sents:
        s.claimed = [False] * len(s.tokens)
    found = _Collector()
    for s in sents:
        _gazetteer_pass(s, gaz, local, found, cue)
    main = _main_state(found, gaz, title)
    for s in sents:
        _institutions_pass(s, found, cue, main)
        _bodies_pass(s, gaz, found, cue, main)
        _groups_pass(s, gaz, found, cue)
        _generic_orgs_pass(s, found, cue)
        _titled_people_pass(s, gaz, found, cue)
        _capitalised_pass(s, gaz, found, cue, lowercase_words)
    _merge_people(found)
    _surname_pass(sents, found, cue)
    for s in sents:
        _single_name_speakers_pass(s, found, cue, lowercase_words)
    _resolve_generic_groups(found, cue)
    _merge_same_code(found)
    return _actors(found, gaz, main, sentences)


def _acronyms(text: str, gaz: Gazetteer) -> dict[tuple[str, ...], Entry]:
    """Acronyms the article defines itself: "Popular Mobilization Forces (PMF)" makes PMF name that body."""
    local: dict[tuple[str, ...], Entry] = {}
    for m in _ACRONYM_DEF.finditer(text):
        long_name = _LEADING_LOWER.sub("", m[1])
        words = long_name.split()
        # The long name is the tail of the capitalised run whose initials spell the acronym, if one does.
        acronym = re.sub(r"[^A-Z]", "", m[2])
        for start in range(len(words)):
            if "".join(w[0] for w in words[start:] if w[0].isupper()) == acronym:
                long_name = " ".join(words[start:])
                break
        known = gaz.names.get(key(m[2]))
        if known is not None:
            long_name = _LEADING_LOWER.sub("", m[1])  # a known acronym vouches for the whole run before it
        entry = gaz.names.get(key(long_name)) or known
        if entry is None:
            entry = Entry(name=long_name, type=_type_from_head(key(long_name)) or "organisation")
        local[key(m[2])] = entry
        local[key(long_name)] = entry
    return local


def _lookup(tokens: list[Token], i: int, table: dict[tuple[str, ...], Entry], longest: int) -> tuple[Entry, int] | None:
    words = [t.text.replace("’", "'") for t in tokens[i:i + longest]]
    for n in range(len(words), 0, -1):
        if n > 1 and tokens[i + n - 2].possessive:
            continue  # "Iraq's Prime" is not a name
        entry = table.get(tuple(words[:n]))
        if entry is not None:
            return entry, i + n
    return None


def _gazetteer_pass(s: _Sentence, gaz: Gazetteer, local: dict, found: _Collector, cue: _Cues) -> None:
    toks = s.tokens
    i = 0
    while i < len(toks):
        if not toks[i].text[:1].isalpha() or (not toks[i].capitalised and toks[i].text not in ("al", "the")):
            i += 1
            continue
        hit = _lookup(toks, i, local, 12) or _lookup(toks, i, gaz.names, gaz.longest)
        source = _source_at(toks, i, gaz)
        if source and (hit is None or source >= hit[1]):
            s.claim(i, source)
            i = source
            continue
        if hit:
            entry, j = hit
            start = i + 1 if toks[i].text.lower() == "the" else i
            if entry.type == "state" and _body_follows(toks, j, cue):
                i = j  # "US forces" is the state's body, found by the bodies pass
                continue
            if entry.type == "state" and j < len(toks) and toks[j].capitalised and not toks[j - 1].possessive and (
                    _title_ends_at(toks, i, cue) or _type_from_head(key(s.surface(i, _org_run(toks, i, s))))):
                i = j  # "Defence Minister Israel Katz" is a person, "Taiwan Affairs Office" an organisation
                continue
            found.add(entry.name, entry.name, entry.type, s, s.surface(start, j), code=entry.code,
                      country=entry.country, gazetteer=True)
            if entry.role and entry.type == "person":
                found.found[entry.name].known_role = entry.role
            s.claim(i, j)
            i = j
            continue
        demonym = _lookup(toks, i, gaz.demonyms, 3)
        if demonym:
            entry, j = demonym
            if _nationality_only(toks, j, cue):
                s.claim(i, j)  # "the Danish shipping group Maersk": Denmark does nothing here
            elif not _body_follows(toks, j, cue) and not _group_follows(toks, j, cue):
                found.add(entry.name, entry.name, "state", s, s.surface(i, j), code=entry.code, gazetteer=True)
                s.claim(i, j)
            i = j
            continue
        capital = _lookup(toks, i, gaz.capitals, 3)
        if capital:
            entry, j = capital
            if _acts(toks, i, j, cue):
                found.add(entry.name, entry.name, "state", s, s.surface(i, j), code=entry.code, gazetteer=True)
            s.claim(i, j)  # a capital that does not act is a place: never an actor
            i = j
            continue
        i += 1


def _title_ends_at(toks: list[Token], i: int, cue: _Cues) -> bool:
    for n in (1, 2, 3):
        title = _title_at(toks, i - n, cue) if i >= n else None
        if title and title[1] == i:
            return True
    return False


def _source_at(toks: list[Token], i: int, gaz: Gazetteer) -> int | None:
    for n in range(min(5, len(toks) - i), 0, -1):
        if tuple(t.text.replace("’", "'") for t in toks[i:i + n]) in gaz.sources:
            return i + n
    return None


def _body_follows(toks: list[Token], j: int, cue: _Cues) -> bool:
    return _body_at(toks, j, cue) is not None


def _body_at(toks: list[Token], j: int, cue: _Cues) -> tuple[dict, int] | None:
    """A state-body noun at token j, allowing two modifiers: "French special forces", "Yemen's internationally
    recognised government"."""
    for skip in (0, 1, 2):
        if skip and (j + skip > len(toks) or not toks[j + skip - 1].text.isalpha() or toks[j + skip - 1].capitalised):
            break
        words = tuple(t.text.lower() for t in toks[j + skip:j + skip + 3])
        for body, spec in cue.bodies:
            if words[:len(body)] == body:
                return spec, j + skip + len(body)
    return None


def _nationality_only(toks: list[Token], j: int, cue: _Cues) -> bool:
    """A demonym that only says where a company or a person is from."""
    words = [t.text.lower() for t in toks[j:j + 3]]
    return any(w in cue.nationality_nouns for w in words[:1]) or (
        len(words) > 1 and words[0].isalpha() and toks[j].text.islower() and words[1] in cue.nationality_nouns)


def _group_follows(toks: list[Token], j: int, cue: _Cues) -> bool:
    return j < len(toks) and (toks[j].text in cue.group_heads or toks[j].text == "-")


def _acts(toks: list[Token], i: int, j: int, cue: _Cues) -> bool:
    """A capital acts when it speaks or does ("Paris said"), owns ("Moscow's"), or is dealt with ("talks with Kyiv")."""
    if toks[j - 1].possessive:
        return True
    after = toks[j].text if j < len(toks) else ""
    before = toks[i - 1].text if i > 0 else ""
    # "Washington and Berlin have answered", "asking Washington and Berlin": a pair acts together.
    if after == "and" and j + 2 < len(toks) and toks[j + 1].capitalised:
        after = toks[j + 2].text
    if before == "and" and i >= 3 and toks[i - 2].capitalised:
        before = toks[i - 3].text
    return after in cue.speech_verbs or before in cue.metonym_before


def _main_state(found: _Collector, gaz: Gazetteer, title: str) -> Entry | None:
    states = [c for c in found.found.values() if c.type == "state"]
    if not states:
        return None
    in_title = {c.key for c in states if any(a in title for a in [c.name, *c.aliases])}
    best = max(states, key=lambda c: (len(c.mentions) + 3 * (c.key in in_title), -c.first))
    return gaz.state(best.code)


def _bodies_pass(s: _Sentence, gaz: Gazetteer, found: _Collector, cue: _Cues, main: Entry | None) -> None:
    """"Iraqi government", "Iraq's government", "US forces", "the country's junta", "the government"."""
    toks = s.tokens
    for i in range(len(toks)):
        state, j = _state_reference(toks, i, gaz, main)
        if state is None or not s.free(j, j + 1):
            continue
        body = _body_at(toks, j, cue)
        if body is None:
            continue
        spec, end = body
        generic = toks[i].text.lower() in ("the", "parliament")
        if generic and toks[end - 1].text.lower() in ("officials", "leaders"):
            continue
        code = f"{state.code}{spec['role']}"
        surface = s.surface(i, end)
        found.add(code, spec["label"].format(state=state.name), spec["type"], s, surface, code=code,
                  country=state.code)
        if not generic and s.free(i, j):
            found.add(state.name, state.name, "state", s, None, code=state.code, gazetteer=True)
        s.claim(i, end)


def _institutions_pass(s: _Sentence, found: _Collector, cue: _Cues, main: Entry | None) -> None:
    """Institutions named in lower case ("a transitional presidential council"), and "the council" after one."""
    if main is None:
        return
    toks = s.tokens
    heads = {c.name.split()[-1].lower(): c for c in found.found.values() if c.key.startswith("inst:")}
    for i in range(len(toks)):
        if not s.free(i, i + 1):
            continue
        words = tuple(t.text.lower() for t in toks[i:i + 4])
        spec = next((spec for phrase, spec in cue.institutions if words[:len(phrase)] == phrase), None)
        if spec is not None:
            end = i + len(spec["phrase"])
            label = spec["label"].format(state=main.name)
            start = i - 1 if i > 0 and toks[i - 1].text.lower() in ("a", "an", "the") else i
            found.add(f"inst:{label}", label, "government_body", s, s.surface(start, end),
                      code=f"{main.code}{spec['role']}", country=main.code)
            s.claim(start, end)
        elif words[0] == "the" and len(words) > 1 and words[1] in heads and s.free(i, i + 2):
            institution = heads[words[1]]
            found.add(institution.key, institution.name, institution.type, s, s.surface(i, i + 2))
            s.claim(i, i + 2)


def _state_reference(toks: list[Token], i: int, gaz: Gazetteer, main: Entry | None) -> tuple[Entry | None, int]:
    t = toks[i]
    if t.text == "government" and i + 1 < len(toks) and toks[i + 1].text in ("forces", "troops", "soldiers"):
        return main, i + 1
    if t.text in ("the", "The") and i + 1 < len(toks) and toks[i + 1].text in ("country", "nation") \
            and toks[i + 1].possessive:
        return main, i + 2
    if t.text in ("the", "The") and i + 1 < len(toks) and toks[i + 1].text in _MAIN_STATE_BODIES:
        return main, i + 1
    if t.text == "Parliament" and (i == 0 or toks[i - 1].text in ("the", "The")):
        return main, i
    for table in (gaz.names, gaz.demonyms):
        hit = _lookup(toks, i, table, 4)
        if hit and hit[0].type == "state":
            return hit[0], hit[1]
    return None, i


def _groups_pass(s: _Sentence, gaz: Gazetteer, found: _Collector, cue: _Cues) -> None:
    """Generic armed groups: "pro-Iran militias", "Iranian-sponsored groups", "jihadist groups", "militias"."""
    toks = s.tokens
    for j, t in enumerate(toks):
        if t.text not in cue.group_heads or not s.free(j, j + 1):
            continue
        i, sponsor, kind, named = j, None, None, None
        while i > 0:
            prev = toks[i - 1]
            word = prev.text
            if word == "-" and i >= 2:
                i -= 1
                continue
            named = _named_group(found, word)
            if named is not None:
                i -= 1  # "Hamas-led militants", "Taliban fighters": the named group itself
                break
            state = _state_word(toks, i - 1, gaz)
            if state is not None:
                sponsor, i = state, i - 1
                continue
            if word.lower() in cue.group_modifiers or word.lower() in _GROUP_LINKS:
                kind = kind or cue.group_modifiers.get(word.lower())
                i -= 1
                continue
            break
        while i < j and toks[i].text == "-":
            i += 1
        if sponsor is None and kind is None and t.text not in cue.bare_heads:
            continue
        kind = kind or cue.group_modifiers.get(t.text.lower())
        if named is not None:
            found.add(named.key, named.name, named.type, s, s.surface(i, j + 1))
            s.claim(i, j + 1)
            continue
        if sponsor is not None:
            key_ = f"groups:{sponsor.code}"
            name = f"{sponsor.name}-backed armed groups"
            code = f"{sponsor.code}UAF" if sponsor.code else None
        elif kind == "jihadist":
            key_, name, code = "groups:jihadist", "Jihadist groups", None
        elif kind == "criminal" or t.text.startswith("gang"):
            key_, name, code = "groups:gangs", "Armed gangs", None
        else:
            key_, name, code = "groups:armed", "Armed groups", None
        found.add(key_, name, "armed_group", s, s.surface(i, j + 1), code=code)
        s.claim(i, j + 1)


def _named_group(found: _Collector, word: str) -> _Candidate | None:
    return next((c for c in found.found.values() if c.type == "armed_group" and c.from_gazetteer
                 and (word == c.name or word in c.aliases)), None)


def _generic_orgs_pass(s: _Sentence, found: _Collector, cue: _Cues) -> None:
    """ "Rights groups", "aid agencies": unnamed but recurring voices in conflict reporting."""
    toks = s.tokens
    for i in range(len(toks)):
        words = tuple(t.text.lower() for t in toks[i:i + 3])
        for phrase, name in cue.generic_orgs:
            if words[:len(phrase)] == phrase and s.free(i, i + len(phrase)):
                found.add(f"generic:{name}", name, "organisation", s, s.surface(i, i + len(phrase)))
                s.claim(i, i + len(phrase))
                break


def _single_name_speakers_pass(s: _Sentence, found: _Collector, cue: _Cues, lowercase: set[str]) -> None:
    """A lone capitalised name that speaks or acts ("Maersk said") and is no known person's surname."""
    toks = s.tokens
    for i in range(1, len(toks) - 1):
        t = toks[i]
        if (not t.capitalised or not t.text.isalpha() or not s.free(i, i + 1) or t.text.lower() in lowercase
                or toks[i + 1].text not in cue.speech_verbs or toks[i - 1].capitalised
                or toks[i - 1].text in ("in", "at", "from", "near", "of", "to", "outside", "around")
                or toks[i + 1].text in _AUXILIARIES or t.text.lower() in _PRONOUNS):
            continue
        found.add(f"org:{t.text}", t.text, "organisation", s, t.text)
        s.claim(i, i + 1)


def _state_word(toks: list[Token], i: int, gaz: Gazetteer) -> Entry | None:
    for table in (gaz.demonyms, gaz.names):
        entry = table.get((toks[i].text.replace("’", "'"),))
        if entry is not None and entry.type == "state":
            return entry
    return None


def _titled_people_pass(s: _Sentence, gaz: Gazetteer, found: _Collector, cue: _Cues) -> None:
    toks = s.tokens
    i = 0
    while i < len(toks):
        title = _title_at(toks, i, cue)
        if title is None:
            i += 1
            continue
        role_code, j = title
        # A lowercase role may be set off by a comma: "Hezbollah's long-time leader, Hassan Nasrallah".
        name_start = j + 1 if j < len(toks) and toks[j].text == "," and not toks[i].capitalised else j
        end = _name_run(toks, name_start, cue)
        if end > name_start and not s.free(name_start, end):
            _role_for_known_person(s, found, name_start, end, toks[_role_start(s, _qualifiers_before(toks, i, cue)):j])
            i = j
            continue
        if (end - name_start < 1 or _is_known_name(toks, name_start, end, gaz)
                or (end < len(toks) and toks[end].text.lower() in cue.facility_nouns)
                or (name_start > j and end - name_start < 2)):
            i = j
            continue
        q = _qualifiers_before(toks, i, cue)
        country = _country_before(toks, q, gaz)
        role = s.surface(_role_start(s, q), j) if j > q else ""
        name = s.surface(name_start, end).rstrip("’'")
        code = f"{country.code}{role_code}" if country and country.code and role_code else None
        person = found.add(f"person:{name}", name, "person", s, name, role=_apposition(s, end) or role, code=code,
                           country=country.code if country else None)
        if name_start == j:
            person.aliases.setdefault(s.surface(q, end).rstrip("’'"), None)
        s.claim(q if s.free(q, j) else j, end)
        i = end


def _role_for_known_person(s: _Sentence, found: _Collector, start: int, end: int, title: list[Token]) -> None:
    """A gazetteer person named after a title: keep the article's words for their role."""
    surface = s.surface(start, end).rstrip("’'")
    person = next((c for c in found.found.values() if c.type == "person" and surface in c.aliases), None)
    if person is not None and person.role is None and title:
        person.role = _apposition(s, end) or s.sentence.text[title[0].start:title[-1].end]


def _role_start(s: _Sentence, q: int) -> int:
    """A role may name its organisation first: "Popular Mobilization Forces deputy commander"."""
    k = q
    while k > 0 and not s.free(k - 1, k) and s.tokens[k - 1].text[0].isupper():
        k -= 1
    return k


def _title_at(toks: list[Token], i: int, cue: _Cues) -> tuple[str, int] | None:
    if i >= len(toks):
        return None
    words = tuple(t.text for t in toks[i:i + 4])
    for title, role in cue.titles.get(words[0], ()):
        if words[:len(title)] == title:
            return role, i + len(title)
    return None


def _qualifiers_before(toks: list[Token], i: int, cue: _Cues) -> int:
    moved = True
    while moved:
        moved = False
        for q in cue.qualifiers:
            if i >= len(q) and tuple(t.text for t in toks[i - len(q):i]) == q:
                i -= len(q)
                moved = True
                break
        if not moved and i > 0:
            nested = _title_at(toks, i - 1, cue) or (_title_at(toks, i - 2, cue) if i > 1 else None)
            if nested and nested[1] == i and toks[i - 1].text[0].isupper():
                i -= 1 if _title_at(toks, i - 1, cue) else 2
                moved = True
    return i


def _country_before(toks: list[Token], i: int, gaz: Gazetteer) -> Entry | None:
    for back in (1, 2):
        if i - back >= 0:
            entry = _state_word(toks, i - back, gaz)
            if entry is not None:
                return entry
    return None


def _name_run(toks: list[Token], j: int, cue: _Cues) -> int:
    """End of a personal name starting at token j: capitalised words joined by particles and hyphens."""
    k = j
    while k < len(toks):
        t = toks[k]
        if t.capitalised and t.text.replace(".", "").isalpha() or (
            t.text in cue.particles and k + 1 < len(toks) and (toks[k + 1].capitalised or toks[k + 1].text == "-")
        ):
            k += 1
            if t.possessive:
                break
            continue
        attached = k > j and t.start == toks[k - 1].end
        if t.text == "-" and attached and k + 1 < len(toks) and toks[k + 1].start == t.end:
            nxt = toks[k + 1]
            # "Lai Ching-te": a lower-case syllable after a hyphen still belongs to the name
            k += 2 if nxt.text.isalpha() and nxt.text.islower() and len(nxt.text) <= 4 else 1
            continue
        if t.text in ("’", "'") and attached and k + 1 < len(toks) and toks[k + 1].text in cue.particles:
            k += 1
            continue
        if t.text in ('"', "“") and k > j and k + 3 < len(toks) and toks[k + 2].text in ('"', "”") \
                and toks[k + 1].capitalised and toks[k + 3].capitalised:
            k += 3  # a nickname in quotes: Jimmy "Barbecue" Cherizier
            continue
        break
    while k > j and (toks[k - 1].text in cue.particles or toks[k - 1].text in ("-", "’", "'")):
        k -= 1
    words = sum(1 for t in toks[j:k] if t.text[0].isalpha())
    return k if words <= 5 else j


def _is_known_name(toks: list[Token], j: int, end: int, gaz: Gazetteer) -> bool:
    words = tuple(t.text for t in toks[j:end])
    return words in gaz.names or words in gaz.demonyms or words in gaz.capitals


def _apposition(s: _Sentence, end: int) -> str | None:
    """ "Pat Ryder, the Pentagon press secretary," -> "Pentagon press secretary"."""
    rest = s.sentence.text[s.tokens[end - 1].end:] if end else ""
    m = re.match(r"\s*,\s+(?:the|a|an|its|his|her)\s+([^,;()]{3,60}?)\s*(?:,|\.|$|\s(?:who|which|that)\s)", rest)
    if m and re.search(r"\b(secretary|minister|spokes\w+|leader|commander|chief|head|president|director|envoy|"
                       r"ambassador|general|adviser|advisor|official|analyst|researcher|founder|chairman|"
                       r"governor|mayor|owner|manager|coach|officer|professor|fellow|editor)\b", m[1]):
        return m[1]
    return None


def _capitalised_pass(s: _Sentence, gaz: Gazetteer, found: _Collector, cue: _Cues, lowercase: set[str]) -> None:
    """Names no gazetteer knows, kept only when the text itself says they act or are organisations."""
    toks = s.tokens
    i = 0
    while i < len(toks):
        if not toks[i].capitalised or not s.free(i, i + 1) or not toks[i].text[0].isalpha():
            i += 1
            continue
        end = _org_run(toks, i, s)
        words = key(s.surface(i, end))
        if words[0] in _ARTICLES or (i == 0 and words[0].lower() in lowercase):
            i += 1  # "The ..." or a sentence-initial common word: the name, if any, starts after it
            continue
        kind = _type_from_head(words) if words not in cue.places else None
        if kind:
            name = s.surface(i, end).rstrip("’'")
            found.add(f"org:{name}", name, kind, s, name)
            s.claim(i, end)
            i = end
            continue
        person_end = _name_run(toks, i, cue)
        name = s.surface(i, person_end).rstrip("’'")
        words_in_name = sum(1 for t in toks[i:person_end] if t.text[0].isalpha())
        role = _apposition(s, person_end)
        if 2 <= words_in_name <= 5 and s.free(i, person_end) and (_speaks(toks, i, person_end, cue) or role) \
                and not any(t.text in gaz.sources for t in toks[i:person_end]):
            found.add(f"person:{name}", name, "person", s, name, role=role)
            s.claim(i, person_end)
            i = person_end
            continue
        i = max(end, i + 1)


def _org_run(toks: list[Token], i: int, s: _Sentence) -> int:
    k = i
    while k < len(toks) and s.free(k, k + 1):
        t = toks[k]
        inner = t.text in ("of", "for", "and", "al", "el", "de", "-", "&") and k + 1 < len(toks) and (
            toks[k + 1].capitalised or toks[k + 1].text == "-")
        if (t.capitalised and t.text[0].isalpha()) or (inner and k > i):
            k += 1
            if t.possessive:
                break
            continue
        break
    while k > i and toks[k - 1].text in ("of", "for", "and", "al", "el", "de", "-"):
        k -= 1
    return max(k, i + 1)


def _type_from_head(words: tuple[str, ...]) -> str | None:
    for cut in ("in", "for", "to"):  # "European Union Mission in Armenia" is a Mission
        if cut in words[1:]:
            words = words[: words.index(cut, 1)]
    if len(words) < 2:
        return None
    for head, kind in cues().org_heads:
        if words[-len(head):] == head and len(words) > len(head):
            return kind
    return None


def _speaks(toks: list[Token], i: int, end: int, cue: _Cues) -> bool:
    """ "X said", "said X", "according to X"."""
    after = toks[end].text if end < len(toks) else ""
    before = " ".join(t.text for t in toks[max(0, i - 2):i]).lower()
    said_before = i > 0 and toks[i - 1].text in ("said", "says", "told", "added", "warned", "explained")
    return after in cue.speech_verbs or before == "according to" or said_before


def _surname_pass(sents: list[_Sentence], found: _Collector, cue: _Cues) -> None:
    """Later mentions of a person by surname ("al-Sudani", "Soleimani's") or by role ("the prime minister")."""
    people = [c for c in found.found.values() if c.type == "person"]
    surnames: dict[tuple[str, ...], _Candidate] = {}
    for person in people:
        words = key(person.name)
        for n in (3, 1):
            tail = words[-n:]
            if n == 3 and not (len(words) > 3 and tail[1] == "-" and tail[0].lower() in cue.particles):
                continue
            if len(tail[-1]) > 2:
                surnames.setdefault(tuple(w.lower() for w in tail), person)
    roles = Counter(_role_words(p.role) for p in people if p.role)
    by_role = {_role_words(p.role): p for p in people if p.role and roles[_role_words(p.role)] == 1}
    for s in sents:
        toks = s.tokens
        for i in range(len(toks)):
            if not s.free(i, i + 1):
                continue
            for n in (3, 1):
                words = tuple(t.text.lower() for t in toks[i:i + n])
                person = surnames.get(words)
                if person and toks[i + n - 1].capitalised and s.free(i, i + n):
                    found.add(person.key, person.name, "person", s, s.surface(i, i + n))
                    s.claim(i, i + n)
                    break
            if toks[i].text.lower() == "the" and s.free(i, i + 3):
                person = by_role.get(tuple(t.text.lower() for t in toks[i + 1:i + 3]))
                if person:
                    found.add(person.key, person.name, "person", s, None)
                    s.claim(i, i + 3)


def _merge_people(found: _Collector) -> None:
    """ "Prime Minister al-Sudani" is "Mohammed Shia' al-Sudani": a name that ends another person's name."""
    people = sorted((c for c in found.found.values() if c.type == "person"), key=lambda c: -len(key(c.name)))
    for short in reversed(people):
        words = tuple(w.lower() for w in key(short.name))
        for full in people:
            full_words = tuple(w.lower() for w in key(full.name))
            if full is not short and len(full_words) > len(words) and full_words[-len(words):] == words:
                full.role = full.role or short.role
                full.code = full.code or short.code
                _fold(found, short.key, full)
                break


def _role_words(role: str | None) -> tuple[str, ...]:
    """The last two words of a role, as "the prime minister" would refer to it."""
    return tuple(w.lower() for w in (role or "").split()[-2:])


def _bare_title(role: str) -> bool:
    """ "Prime Minister" needs its country; "Pentagon press secretary" already says whose it is."""
    words = tuple(w for w in key(role) if w not in ("former", "deputy", "acting", "interim"))
    return bool(words) and any(title == words for title, _ in cues().titles.get(words[0], []))


def _merge_same_code(found: _Collector) -> None:
    """A described body ("US forces", "pro-Iran militias") is the same actor as a named one with its CAMEO code
    ("the Pentagon", the gazetteer's "Iran-backed militias")."""
    named = {c.code: c for c in found.found.values() if c.from_gazetteer and c.code and c.type != "state"}
    for k, c in list(found.found.items()):
        target = named.get(c.code or "")
        if target is not None and target is not c and not c.from_gazetteer and c.type == target.type:
            _fold(found, k, target)


def _resolve_generic_groups(found: _Collector, cue: _Cues) -> None:
    """Generic group mentions that can only mean one named group become that group: "extremist groups" in an
    article about one jihadist group, bare "militias" in an article about one sponsor's militias."""
    named = [c for c in found.found.values() if c.from_gazetteer and c.name in cue.jihadist_groups]
    if len(named) == 1:
        _fold(found, "groups:jihadist", named[0])
    sponsored = {c.code: c for c in found.found.values() if c.type == "armed_group" and (c.code or "").endswith("UAF")}
    if len(sponsored) == 1:
        _fold(found, "groups:armed", next(iter(sponsored.values())))


def _fold(found: _Collector, key_: str, into: _Candidate) -> None:
    generic = found.found.pop(key_, None)
    if generic is not None:
        into.aliases.update(generic.aliases)
        into.mentions += generic.mentions
        into.first = min(into.first, generic.first)


def _actors(found: _Collector, gaz: Gazetteer, main: Entry | None, sentences: list[Sentence]) -> list[Actor]:
    ranked = sorted(found.found.values(), key=lambda c: (-len(c.mentions), c.first))
    top = {c.key for c in ranked[:5] if len(c.mentions) >= 3}
    text = {s.id: s.text for s in sentences}
    out = []
    for c in ranked:
        seen = [a for a in c.aliases if a != c.name]
        aliases = list(seen)
        entry = gaz.names.get(key(c.name)) if c.from_gazetteer else None
        if entry is not None:
            # Other known forms help joins with other sources; acronyms first, as analysts search by them.
            known = [a for a in entry.aliases if a not in seen and a != c.name]
            known.sort(key=lambda a: not _is_acronym(a))
            aliases += known[:6]
        role = c.role or c.known_role
        if role and c.country and c.type == "person" and (state := gaz.state(c.country)) and _bare_title(role):
            role = f"{role} of {state.name}"
        if c.type == "state" and main is not None and c.name == main.name:
            role = role or "Main state in the article"
        position = next((sid for sid in dict.fromkeys(c.mentions) if _states_position(text[sid], [c.name, *seen])),
                        None)
        out.append(Actor(
            name=c.name, aliases=aliases, seen_as=seen, type=c.type, code=c.code, role=role, mentions=len(c.mentions),
            central=c.key in top, evidence=list(dict.fromkeys(c.mentions))[:MAX_EVIDENCE],
            position=strip_dateline(text[position]) if position else None, position_evidence=position,
        ))
    return out


def _states_position(sentence: str, forms: list[str]) -> bool:
    """The actor, named as the subject, is followed closely by what it wants: "Iraq's government is taking steps
    to ...", "the US maintains the right to ...". A want elsewhere in the sentence is someone else's."""
    for form in forms:
        at = sentence.find(form)
        if at >= 0:
            window = re.split(r"[,;:]", sentence[at + len(form):at + len(form) + 40])[0]
            if _WANTS.search(window) and not re.match(r"\s*(of|in|on|at|to|from|with|by|for)\b", window):
                return True
    return False


def _is_acronym(alias: str) -> bool:
    return 2 <= len(alias) <= 7 and alias.replace(".", "").replace("-", "").isupper()
