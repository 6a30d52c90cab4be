"""Actors: one entry per real-world actor, with its mentions merged and each mention tied to a sentence.

Passes over each sentence, strongest evidence first, each claiming the characters it explains: groups of
states ("the Baltic states", "the West"); gazetteer names and acronyms defined in the text; peoples, clans and
communities ("the Meitei community"); a state's bodies named by description ("Iraqi government", "French
troops", "the country's junta"); capitals standing for governments; generic armed groups ("pro-Iran
militias"); people named after a title; capitalised names with an organisation head or a speech cue. A last
pass links later surname and role mentions ("al-Sudani", "the prime minister").
"""

from __future__ import annotations

import functools
import re
from datetime import date

from ..brief import Actor, Sentence
from ..furniture import strip_dateline
from .actor_cues import BARE_BODIES, Cues, cues
from .community_mentions import communities_pass
from .gazetteer import Entry, Gazetteer
from .mentions import Candidate, Collector, TokenSentence, fold
from .person_mentions import (
    bare_title,
    capitalised_pass,
    merge_people,
    named_again_pass,
    single_name_speakers_pass,
    surname_pass,
    titled_people_pass,
)
from .prose import state_name
from .state_groups import state_groups_pass
from .state_mentions import (
    acronyms,
    bodies_pass,
    gazetteer_pass,
    generic_orgs_pass,
    groups_pass,
    institutions_pass,
    main_state,
)
from .tokens import key, tokenize

MAX_EVIDENCE = 5
# Names ending so are outlets, which are sources of the story, never actors in it.
_MEDIA_HEADS = frozenset(["News", "Post", "Times", "Herald", "Journal", "Tribune", "Gazette", "Telegraph",
                          "Chronicle", "Observer", "Press", "Daily", "Monitor", "Examiner", "Standard"])
# Head nouns of lines, zones, laws, plans and places that pages spell out with an acronym beside them, as they
# do organisations' names: "Line of Actual Control (LAC)", "Law of the Sea (UNCLOS)", "Air Defense Identification
# Zone (ADIZ)", "Belt and Road Initiative (BRI)". None of them acts.
_NOT_ACTOR_HEADS = frozenset(["Line", "Zone", "System", "Region", "Regions", "Law", "Permit", "Report", "Reports",
                              "Base", "Bases", "Strategy", "Area", "Territory", "Sea", "Passage", "Junction",
                              "Initiative", "Partnership", "Program", "Programme", "Understanding", "Corridor",
                              "Route", "Hostilities", "Communication", "Zones",
                              # currencies, which pages spell out with their code: "the Danish Krone (DKK)"
                              "Krone", "Krona", "Dollar", "Euro", "Rouble", "Ruble", "Yuan", "Peso", "Franc",
                              "Rupee", "Dinar", "Rial", "Riyal", "Lira", "Shilling", "Naira", "Cedi", "Rand"])
HEADLINE = "headline"  # the id the headline gets while actors are read from it
# Verbs that say what an actor wants: the first sentence with the actor as their subject is its position.
_WANTS = re.compile(
    r"\b(wants?|wanted|seeks?|sought|demand(s|ed)?|call(s|ed)? for|push(es|ed)? for|press(es|ed)? for|"
    r"insist(s|ed)?|aims?|goal|desire|intends?|plans? to|pledge[sd]?|vow(s|ed)?|threaten(s|ed)?|refuse[sd]?|"
    r"reject(s|ed)?|oppose[sd]?|urge[sd]?|working (on|towards)|committed to|commitment to|determined|hopes? to|"
    r"is taking steps|ordered|expelled|accuse[sd]?|maintains the right|will take|says? it will)\b", re.I)


def find_actors(sentences: list[Sentence], gaz: Gazetteer, *, title: str = "", headline: str = "",
                published: date | None = None) -> list[Actor]:
    cue = cues()
    # The headline names the actors a reader must know; it is not article text, so it is read for actors but
    # never cited as evidence.
    if headline:
        sentences = [Sentence(id=HEADLINE, paragraph=-1, text=headline), *sentences]
    text = "\n".join(s.text for s in sentences)
    local = acronyms(text, gaz)
    lowercase_words = {w for w in re.findall(r"\b[a-z][\w'-]*\b", text)}
    sents = [TokenSentence(s, i, tokenize(s.text), []) for i, s in enumerate(sentences)]
    for s in sents:
        s.claimed = [False] * len(s.tokens)
    found = Collector()
    for s in sents:
        state_groups_pass(s, found, cue)  # first: "European countries" are not the EU, nor "Gulf states" the GCC
        gazetteer_pass(s, gaz, local, found, cue)
    main = main_state(found, gaz, title, sents)
    if main is not None:
        _bare_bodies_of(found, main)
    communities_pass(sents, gaz, found, cue, lowercase_words)
    for s in sents:
        institutions_pass(s, gaz, found, cue, main)
        bodies_pass(s, gaz, found, cue, main)
        groups_pass(s, gaz, found, cue)
        generic_orgs_pass(s, found, cue)
        titled_people_pass(s, gaz, found, cue)
        capitalised_pass(s, gaz, found, cue, lowercase_words)
    named_again_pass(sents, gaz, found, cue, lowercase_words)
    merge_people(found)
    surname_pass(sents, found, cue)
    for s in sents:
        single_name_speakers_pass(s, found, cue, lowercase_words)
    _resolve_generic_groups(found, cue)
    _merge_same_code(found)
    return _actors(found, gaz, sentences, published)


def _bare_bodies_of(found: Collector, main: Entry) -> None:
    """A body the text names only by its bare name ("Leaders in the Senate", "Congress removed her") belongs to
    the story's main state, not to the one country the gazetteer files that name under."""
    for c in found.found.values():
        bare = next(iter(c.aliases), None) if len(c.aliases) == 1 else None
        if c.from_gazetteer and bare in BARE_BODIES and c.country and c.country != main.code:
            c.name, c.code, c.country = f"{bare} of {main.name}", f"{main.code}{BARE_BODIES[bare]}", main.code
            c.from_gazetteer, c.known_role = False, None


def _merge_same_code(found: Collector) -> None:
    """A described body ("US forces", "pro-Iran militias") is the same actor as a named one with its CAMEO code
    ("the Pentagon", the gazetteer's "Iran-backed militias"), and as another description of it."""
    # (people share their government's code: a minister is not the president)
    named = {c.code: c for c in found.found.values()
             if c.from_gazetteer and c.code and c.type not in ("state", "person")}
    for k, c in list(found.found.items()):
        target = named.get(c.code or "")
        # a body kept apart from its state's others is filed under its own name (a delegation is not the White House)
        if target is not None and target is not c and not c.from_gazetteer and c.type == target.type \
                and k != c.name:
            fold(found, k, target)
    # two passes may describe one body ("the Nicaraguan opposition", "the political opposition"): one actor
    described: dict[tuple, Candidate] = {}
    for k, c in sorted(found.found.items(), key=lambda kc: kc[1].first):
        if c.code and not c.from_gazetteer and (same := described.setdefault((c.name, c.type, c.code), c)) is not c:
            fold(found, k, same)


def _resolve_generic_groups(found: Collector, cue: Cues) -> None:
    """Generic group mentions that can only mean one named group become that group: "extremist groups" in an
    article about one jihadist group, bare "militias" in an article about one sponsor's militias. Bare
    "militants" are the jihadists of a story that names jihadists, and otherwise its armed groups (Manipur's
    militants are not jihadists)."""
    named = [c for c in found.found.values() if c.from_gazetteer and c.name in cue.jihadist_groups]
    if (militants := found.found.get("groups:militants")) is not None:
        into = named[0] if len(named) == 1 else found.found.get("groups:jihadist") or found.found.get("groups:armed")
        if into is None:
            militants.name = "Armed groups"
            found.found["groups:armed"] = found.found.pop("groups:militants")
            militants.key = "groups:armed"
        else:
            fold(found, "groups:militants", into)
    if len(named) == 1:
        fold(found, "groups:jihadist", named[0])
    sponsored = {c.code: c for c in found.found.values() if c.type == "armed_group" and (c.code or "").endswith("UAF")}
    if len(sponsored) == 1:
        fold(found, "groups:armed", next(iter(sponsored.values())))


def _acts(c: Candidate, not_names: frozenset[str]) -> bool:
    """Whether a candidate names an actor: not "Monday" that "urged", the "General Staff", "The Denver Post",
    "JAM-News", nor a line or law spelt out with an acronym, which the page's own acronym makes look known."""
    words = c.name.split()
    if c.type == "organisation" and c.name.split(" of ")[0].split()[-1] in _NOT_ACTOR_HEADS:
        return False
    if c.from_gazetteer:
        return True
    if c.type == "person":
        return not not_names.intersection(words)
    if c.type == "organisation":
        return not (not_names.issuperset(words) or re.split(r"[-–]", words[-1])[-1] in _MEDIA_HEADS)
    if c.type == "government_body":
        return "News" not in words  # "Baltic News Service", a news agency: a source, not a side
    return True


def _actors(found: Collector, gaz: Gazetteer, sentences: list[Sentence], published: date | None) -> list[Actor]:
    ranked = sorted(found.found.values(), key=lambda c: (-len(c.mentions), c.first))
    top = {c.key for c in ranked[:5] if len(c.mentions) >= 3}
    text = {s.id: s.text for s in sentences}
    out = []
    not_names = cues().not_names
    named = {w for c in ranked if c.type == "person" and set(c.mentions) != {HEADLINE} for w in _name_words(c.name)}
    states = [c for c in ranked if c.type == "state"]
    for c in ranked:
        if not _acts(c, not_names):
            continue
        if c.key.startswith(("community:", "group:")) and len(c.mentions) < 2:
            continue  # a people or a group of states named once is part of the scene, not a side in it
        if set(c.mentions) == {HEADLINE} and c.key.startswith(("org:", "person:")) and _title_case(text[HEADLINE]):
            continue  # "Is Sowing Conflict", "Wins Presidency": in a headline set in title case, capitals name nothing
        if c.type == "person" and set(c.mentions) == {HEADLINE} and _name_words(c.name) & named:
            continue  # "PM Tiangaye", "How Putin", "Granger Refuses": the headline's form of a person the story names
        seen = [a for a in c.aliases if a != c.name]
        if c.type == "person" and not c.from_gazetteer and _only_a_place_or_a_ship(
                [text[sid] for sid in dict.fromkeys(c.mentions)], [c.name, *seen]):
            continue
        if c.type == "state" and c.mentions == [c.mentions[0]] and c.mentions[0] != HEADLINE \
                and _only_a_place(text[c.mentions[0]], [c.name, *seen]) and len(states) > 1:
            continue  # (the one state a story names is where it happens, however it names it)
        aliases = list(seen)
        entry = gaz.names.get(key(c.name)) if c.from_gazetteer else None
        if entry is not None:
            # Other known forms help joins with other sources; acronyms first, as analysts search by them.
            known = [a for a in entry.aliases if a not in seen and a != c.name]
            known.sort(key=lambda a: not _is_acronym(a))
            aliases += known[:6]
        role = c.role or (role_as_of(c.known_role, published) if c.known_role else None)
        if role and c.country and c.type == "person" and (state := gaz.state(c.country)) and bare_title(role):
            role = f"{_RANKS.get(role, role)} of {state_name(state.name)}"  # "General of Libya", not "Gen. of"
        cited = [sid for sid in dict.fromkeys(c.mentions) if sid != HEADLINE]
        position = next((sid for sid in cited if _states_position(text[sid], [c.name, *seen])), None)
        out.append(Actor(
            name=c.name, aliases=aliases, seen_as=seen, type=c.type, code=c.code, role=role,
            mentions=sum(sid != HEADLINE for sid in c.mentions), central=c.key in top, evidence=cited[:MAX_EVIDENCE],
            position=strip_dateline(text[position]) if position else None, position_evidence=position,
        ))
    return out


_RANKS = {"Gen.": "General", "Lt. Gen.": "Lieutenant General", "Maj. Gen.": "Major General",
          "Brig. Gen.": "Brigadier General", "Col.": "Colonel", "Lt. Col.": "Lieutenant Colonel", "Maj.": "Major",
          "Capt.": "Captain", "Lt.": "Lieutenant", "Adm.": "Admiral", "Sgt.": "Sergeant", "Cmdr.": "Commander",
          "Sen.": "Senator", "Rep.": "Representative", "Gov.": "Governor", "PM": "Prime Minister"}


def _title_case(headline: str) -> bool:
    """Every longer word capitalised ("Mayor Secures Presidential Nomination Amidst Controversy")."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", headline) if len(w) > 3 and w not in _SMALL_WORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


# Words that title-case styles leave in lower case
_SMALL_WORDS = frozenset({"with", "from", "into", "onto", "over", "after", "amid", "than", "that", "upon", "about",
                          "under", "without", "within", "against", "during", "through"})


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[\w’'-]+", name) if len(w) > 3}


def _only_a_place(sentence: str, forms: list[str]) -> bool:
    """ "met for a summit in Nigeria", "in exile in Spain", "800 kilometres east of the Philippines", "frontiers
    with China, India and Thailand": named once, as a place or a landmark, a state does not act. A state that
    hosts a foreign force ("a US outpost in Jordan", "bases in Senegal") is part of the story."""
    for f in forms:
        name = re.escape(f)
        if _rx(rf"\b(in|at) {name}\b(?!['’])").search(sentence) \
                and not _rx(rf"{_HOSTED}[^.;]{{0,60}}\b(in|at) {name}\b").search(sentence):
            return True
        if _rx(rf"{_BEARING} of (the )?{name}\b(?!['’])|{_BOUNDARY} with ([\w’'-]+,? (and )?){{0,4}}(the )?"
               rf"{name}\b(?!['’])").search(sentence):
            return True
    return False


def _only_a_place_or_a_ship(sentences: list[str], forms: list[str]) -> bool:
    """ "fighting in El Fasher", "clashes near Zubin Potok", "the frigate Admiral Gorshkov": a name that only ever
    follows a preposition of place or a kind of vessel names a town or a ship, however much it looks like a
    person's."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    said = [m for t in sentences for m in _rx(rf"(\w+)?(\W*)(?<![\w-])(?:{alternatives})(?![\w-])").finditer(t)]
    # ("the supply vessel M/L Kalayaan", "M/V Galaxy Leader": a hull designation, whose last letter is no initial)
    return bool(said) and all((m.group(1) or "").lower() in _PLACE_OR_VESSEL
                              or re.fullmatch(r"[A-Z]", m.group(1) or "") and m.group(2) == "/" for m in said)


_PLACE_OR_VESSEL = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "frigate", "destroyer",
                              "carrier", "tanker", "ship", "vessel", "cruiser", "submarine", "corvette", "warship",
                              "freighter", "boat",
                              # navies' prefixes: "the BRP Sierra Madre", "USS Carl Vinson", "HMS Trent"
                              "brp", "uss", "hms", "hmas", "hmcs", "ins", "pns", "tcg", "rfs", "mv"})

# Patterns made per name, compiled once per process: a batch names more of them than re's own cache holds
_rx = functools.cache(re.compile)
_BEARING = r"\b(north|south|east|west|north-?east|north-?west|south-?east|south-?west)(ern)?"
_BOUNDARY = r"\b(borders?|frontiers?|boundary|boundaries)"
_HOSTED = r"\b(bases?|outposts?|presence|troops|forces|soldiers|contingents?|deployed|stationed|garrison\w*)\b"
_TERM = re.compile(r"\s*\((?:from\s+)?(?P<start>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<end>(?:19|20)\d\d))?\)")


def role_as_of(role: str, published: date | None) -> str:
    """A gazetteer role as it stood when the article was written: "former US National Security Adviser
    (2021-2025)" is "US National Security Adviser" in a 2024 article; in a 2026 one it stays former. Of an
    undated article, no one is said to be former: the years let the reader judge."""
    m = _TERM.search(role)
    if m is None:
        return role
    if published is None:
        return re.sub(r"^former\s+", "", role, flags=re.I)
    start, end = int(m["start"]), int(m["end"]) if m["end"] else None
    if start <= published.year and (end is None or published.year < end):
        return re.sub(r"^former\s+", "", role[:m.start()] + role[m.end():], flags=re.I).strip()
    return role


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
