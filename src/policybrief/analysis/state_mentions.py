"""Mentions of states and organisations: gazetteer names and acronyms the text defines, capitals standing
for governments, a state's bodies named by description ("Iraqi government", "the country's junta"),
lower-case institutions, and generic armed groups ("pro-Iran militias")."""

from __future__ import annotations

import re

from .actor_cues import ARTICLES, BARE_BODIES, GROUP_LINKS, MAIN_STATE_BODIES, OPENERS, Cues
from .community_mentions import DEMONYM_HEADS
from .gazetteer import Entry, Gazetteer
from .mentions import (
    NAME_POSSESSIVES,
    Candidate,
    Collector,
    TokenSentence,
    add_administration,
    administration_at,
    is_org_head,
    lookup,
    named_after,
    names_a_place,
    org_run,
    state_named_after,
    state_word,
    title_at,
    type_from_head,
)
from .prose import state_name
from .tokens import Token, key

# "(PMF)" after a name, or a wire's ", or PMF,", defines an acronym. The name is read backwards from it over at
# most a dozen words, so a page of capitalised words cannot make the search quadratic.
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&-]{1,9})\)|, or ([A-Z]{2}[A-Za-z0-9&-]{0,8})(?=[,.;])")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|al-\w+|of|for|the|and|de|du|des|in|al|el")
_LEADING_LOWER = re.compile(r"^((?:of|for|the|and|de|al|el|in)\s+)+")


def acronyms(text: str, gaz: Gazetteer) -> dict[tuple[str, ...], Entry]:
    """Acronyms the article defines itself: "Popular Mobilization Forces (PMF)" makes PMF name that body."""
    local: dict[tuple[str, ...], Entry] = {}
    for m in _ACRONYM.finditer(text):
        run = _name_before(text, m.start())
        acronym = m[1] or m[2]
        if not run:
            continue
        long_name = _LEADING_LOWER.sub("", run)
        words = long_name.split()
        # The long name is the tail of the capitalised run whose initials spell the acronym, if one does.
        # "Zec" for the Zimbabwe Electoral Commission: a house style that writes acronyms like words
        spelt = {re.sub(r"[^A-Z]", "", acronym), re.sub(r"[^A-Z]", "", acronym.upper())}
        spells = False
        for start in range(len(words)):
            if "".join(w[0] for w in words[start:] if w[0].isupper()) in spelt:
                # "in Depsang and the Charding Nullah Junction (CNJ)": the name starts at its first capital
                long_name = _LEADING_LOWER.sub("", " ".join(words[start:]))
                spells = True
                break
        # "Kenya, or UGANDA,": the wire's way defines only a name whose initials the letters spell, in any order
        # (the Democratic Party of Kosovo is the PDK in Albanian)
        if m[2] and not (spells or sorted(w[0] for w in words if w[0].isupper()) == sorted(acronym)):
            continue
        known = gaz.names.get(key(acronym))
        if m[1] and not spells and known is None and acronym[1:].islower():
            continue  # "the Pakistan Muslim League (Nawaz)": a word in brackets that spells nothing is no acronym
        # "The ..." and an owner ("Mozambique's Defence and Security Forces (FDS)") are not part of the name
        long_name = re.sub(r"^(The|A|An) |^\S+['’]s ", "", long_name)
        redefined = known is not None and spells and not _shares_a_word(long_name, known)
        if redefined:
            known = None  # "Russian Orthodox Church (ROC)": the text's own ROC, not the gazetteer's (Taiwan)
        if known is not None and not (spells and len(re.sub(r"[^A-Z]", "", long_name)) >= 2):
            # a known acronym vouches for the whole run before it, unless two or more of its letters spell the
            # run's tail ("Aung San Suu Kyi’s National League for Democracy (NLD)": the party, not its leader;
            # "Minusma" after "... Mission in Mali" is spelt by more than "Mali")
            long_name = _LEADING_LOWER.sub("", run)
        entry = gaz.names.get(key(long_name)) or known
        if entry is None and _AGREEMENT.search(long_name):
            continue  # "the Joint Comprehensive Plan of Action (JCPOA)", "National General Elections (NGE)": no actor
        if entry is None and re.split(r" (?:of|for) ", long_name)[0].split()[-1] in _POSTS:
            continue  # "Prime Minister (PM) Imran Khan", "Chief Justice of Pakistan (CJP)": a post, not a body
        if entry is None:
            entry = Entry(name=long_name, type=type_from_head(key(long_name)) or "organisation")
        # A redefined acronym is the text's as "the ROC" too, which the gazetteer keeps as a name of its own.
        for name in [key(acronym), key(long_name), *([("the", *key(acronym))] if redefined else [])]:
            local[name] = entry
    return local


def _shares_a_word(name: str, entry: Entry) -> bool:
    """Whether a name has a word of four letters or more in common with one of the entry's names."""
    words = {w.lower() for w in re.findall(r"\w{4,}", name)}
    return any(words & {w.lower() for w in re.findall(r"\w{4,}", other)} for other in [entry.name, *entry.aliases])


# The head nouns of texts states agree on, before any "of" or "on": "Plan of Action", "Treaty on ...".
_POSTS = frozenset({"Minister", "President", "Justice", "Secretary", "Governor", "Commander", "Chief", "Ambassador",
                    "Envoy", "Adviser", "Advisor", "Speaker", "Premier", "Mayor", "Judge", "Prosecutor", "Officer"})
_AGREEMENT = re.compile(r"\b(Plan|Treaty|Agreement|Accords?|Convention|Protocol|Act|Charter|Deal|Declaration|"
                        r"Framework|Memorandum|Resolution|Roadmap|Elections?)( (of|on|for)\b.*)?$")


def _name_before(text: str, end: int) -> str:
    """The capitalised name that ends just before a parenthesis, read back over at most twelve words."""
    words = text[max(0, end - 200):end].split()[-12:]
    name: list[str] = []
    for word in reversed(words):
        # "... on 7 July. The United Nations Integrated Mission (UNMIT)": a full stop ends the name's sentence
        if not _NAME_WORD.fullmatch(word) or name and re.fullmatch(r"[A-Za-z]{3,}\.", word):
            break
        name.insert(0, word)
    while name and not name[-1][:1].isupper():
        name.pop()
    return " ".join(name) if len(name) >= 2 else ""

# States whose names are also first names
_GIVEN_NAMES = frozenset({"Jordan", "Chad", "Israel", "Georgia", "India", "Kenya"})


def _a_surname(toks: list[Token], j: int, gaz: Gazetteer, cue: Cues) -> bool:
    """A capitalised word at j that no list knows: no name, place, head noun or outlet."""
    if j >= len(toks) or toks[j - 1].possessive or not (toks[j].capitalised and toks[j].text.isalpha()):
        return False
    word = toks[j].text
    return (word not in cue.not_names and lookup(toks, j, gaz.names, gaz.longest) is None
            and lookup(toks, j, gaz.demonyms, 4) is None and not is_org_head((word,)) and (word,) not in cue.places)


_COMPASS = frozenset({"North", "South", "East", "West"})


def _first_of_a_pair(toks: list[Token], i: int, gaz: Gazetteer) -> Entry | None:
    """The state "North" stands for in "North and South Korea" (and "East and West Germany")."""
    if toks[i].text not in _COMPASS or i + 3 >= len(toks) or toks[i + 1].text != "and" \
            or toks[i + 2].text not in _COMPASS:
        return None
    second = lookup(toks, i + 2, gaz.names, gaz.longest)
    if second is None or second[0].type != "state":
        return None
    first = gaz.names.get((toks[i].text, *(t.text for t in toks[i + 3:second[1]])))
    return first if first is not None and first.type == "state" else None


_PARTY_HEADS = frozenset({"Party", "Front", "Movement", "Congress", "League"})


def gazetteer_pass(s: TokenSentence, gaz: Gazetteer, local: dict, found: Collector, cue: Cues) -> None:
    toks = s.tokens
    i = 0
    while i < len(toks):
        if not toks[i].text[:1].isalpha() or (not toks[i].capitalised and toks[i].text not in ("al", "the")):
            i += 1
            continue
        hit = lookup(toks, i, local, 12) or lookup(toks, i, gaz.names, gaz.longest)
        source = _source_at(toks, i, gaz)
        if source and hit is None and toks[i].text.lower() == "the" and (
                after := lookup(toks, i + 1, local, 12) or lookup(toks, i + 1, gaz.names, gaz.longest)) \
                and after[1] > source:
            i += 1  # "The National League for Democracy" is the party, though "The National" is a newspaper
            continue
        if source and (hit is None or source >= hit[1]):
            s.claim(i, source)
            i = source
            continue
        if hit is None and (first := _first_of_a_pair(toks, i, gaz)):
            # "between North and South Korea": the first state of the pair is named by its first word alone
            found.add(first.name, first.name, "state", s, None, code=first.code, country=first.country, gazetteer=True)
            s.claim(i, i + 1)
            i += 1
            continue
        if hit and _a_shouted_word(toks, i, hit[1], s):
            i = hit[1]  # "BPA IS NOT RATIFIED": in a line set in capitals, IS is a verb
            continue
        if hit:
            entry, j = hit
            start = i + 1 if toks[i].text.lower() == "the" else i
            if i > 0 and key(s.surface(i - 1, j)) in cue.places:
                s.claim(i - 1, j)  # "Latin America", "Horn of Africa" is a region, not the state in its name
                i = j
                continue
            if s.surface(i, j) in BARE_BODIES and i > 0 and toks[i - 1].capitalised \
                    and toks[i - 1].text not in ARTICLES:
                i = j  # "People's National Congress" is a party: its last word is no country's congress
                continue
            if entry.type == "person" and j == i + 1 and _part_of_a_longer_name(toks, i, j, entry, cue):
                i = j  # "Abdul Ghani al-Kikli" is not Ashraf Ghani: one word of a longer name
                continue
            if entry.type == "organisation" and toks[j - 1].text in _PARTY_HEADS and (
                    _of_a_name(toks, j) or _named_before(toks, i, s, gaz)):
                # "the Democratic Party of Socialists" in Montenegro, the Faroes' "Social Democratic Party": not
                # the US Democratic Party
                i = j
                continue
            if entry.type == "government_body" and entry.country and (owner := state_named_after(toks, j, gaz)) \
                    and owner[0].code != entry.country:
                i += 1  # "the Ministry of Defence of Serbia" is Serbia's, not the British one the name alone is
                continue
            if entry.type != "state" and j < len(toks) and toks[j].text in ("Coalition", "Alliance", "Bloc"):
                i = j  # "the Al-Fatah Coalition" is an Iraqi bloc, not Fatah: a coalition is named after a word
                continue
            if i > 0 and toks[i - 1].text in _SERVANT_OF and toks[i - 1].end + 1 == toks[i].start:
                i = j  # "Abdel Fatah El Sisi" is Egypt's president, not the Palestinian party
                continue
            if entry.type == "person" and names_a_place(toks, i, j, cue):
                s.claim(i, j)  # "Hamid Karzai International Airport", "Camp Lemonnier": places, not people
                i = j
                continue
            if entry.type == "person" and (end := administration_at(toks, j)):
                # "the Biden administration", "the Trump and Biden administrations", "the Assad regime": the
                # government, not the man
                full = j - start >= 2 and toks[j].text != "and"
                add_administration(found, s, toks[j - 1].text if full else s.surface(start, j), end, entry.country)
                if full:  # "President Donald Trump’s administration": the man, named in full, is an actor too
                    person = found.add(entry.name, entry.name, entry.type, s, s.surface(start, j), code=entry.code,
                                       country=entry.country, gazetteer=True)
                    person.known_role = entry.role
                s.claim(i, j if toks[j].text == "and" else end)
                i = j
                continue
            if entry.type == "state" and toks[i].text in _GIVEN_NAMES and j == i + 1 and _a_surname(toks, j, gaz, cue):
                i = j  # "Jordan Goudreau, founder of Silvercorp": a first name, left for the people's passes
                continue
            if entry.type == "state" and _body_follows(toks, j, cue):
                i = j  # "US forces" is the state's body, found by the bodies pass
                continue
            if entry.type == "state" and j < len(toks) and toks[j].text.startswith("$"):
                s.claim(i, j)  # "US$21 billion": a currency, not the state
                i = j
                continue
            if entry.type == "state" and _names_a_sea(toks, i):
                s.claim(i, j)  # "the Gulf of Guinea", "the Sea of Japan": water, not the state
                i = j
                continue
            if entry.type == "state" and j < len(toks) and toks[j].capitalised and not toks[j - 1].possessive and (
                    _title_ends_at(toks, i, cue) or type_from_head(key(s.surface(i, org_run(toks, i, s))))):
                i = j  # "Defence Minister Israel Katz" is a person, "Taiwan Affairs Office" an organisation
                continue
            found.add(entry.name, entry.name, entry.type, s, s.surface(start, j), code=entry.code,
                      country=entry.country, gazetteer=True)
            if entry.role and entry.type == "person":
                found.found[entry.name].known_role = entry.role
            s.claim(i, j)
            i = j
            continue
        demonym = lookup(toks, i, gaz.demonyms, 3)
        if demonym:
            entry, j = demonym
            if j < len(toks) and toks[j].capitalised and not toks[j - 1].possessive and (
                    i > 0 and toks[i - 1].capitalised and toks[i - 1].text not in ARTICLES
                    or i > 1 and toks[i - 1].text == "of" and is_org_head((toks[i - 2].text,))
                    or type_from_head(key(s.surface(i, org_run(toks, i, s)))) == "organisation"):
                # "National Iranian Oil Company", "the Serbian Orthodox Church", "National Union of Libyan
                # Parties": the demonym is in the name; a state's body ("the Chadian National Election Management
                # Agency") is the state's
                i = j
                continue
            if _nationality_only(toks, j, cue):
                s.claim(i, j)  # "the Danish shipping group Maersk": Denmark does nothing here
            elif not _body_follows(toks, j, cue) and not _group_follows(toks, j, cue):
                found.add(entry.name, entry.name, "state", s, s.surface(i, j), code=entry.code, gazetteer=True)
                s.claim(i, j)
            i = j
            continue
        capital = lookup(toks, i, gaz.capitals, 3)
        if capital:
            entry, j = capital
            if _acts(toks, i, j, cue):
                found.add(entry.name, entry.name, "state", s, s.surface(i, j), code=entry.code, gazetteer=True)
            s.claim(i, j)  # a capital that does not act is a place: never an actor
            i = j
            continue
        i += 1


def _a_shouted_word(toks: list[Token], i: int, j: int, s: TokenSentence) -> bool:
    return j == i + 1 and toks[i].text.lower() in _SHOUTED_WORDS and not any(c.islower() for c in s.sentence.text)


_SHOUTED_WORDS = frozenset({"is", "it", "as", "at", "or", "on", "in", "an", "to", "no", "so", "we", "he",
                            "me", "am", "do", "if", "of", "by", "up"})


def _part_of_a_longer_name(toks: list[Token], i: int, j: int, entry: Entry, cue: Cues) -> bool:
    """A known person's one-word name inside someone else's: "Abdul Ghani al-Kikli" is not Ashraf Ghani. A title
    before it ("President Ghani") or a first name of the person's own ("Abdel-Fattah Burhan") keeps the match, and
    so does a word that opens a sentence or a title-case headline ("As Macron visits", "After Maduro's Exit")."""
    before = toks[i - 1] if i > 0 else None
    own = {w.lower() for n in (entry.name, *entry.aliases) for w in re.findall(r"\w+", n)}
    if before and before.capitalised and before.text.isalpha() and not before.possessive \
            and before.text not in ARTICLES and before.text.lower() not in OPENERS \
            and before.end + 1 == toks[i].start and not _title_ends_at(toks, i, cue) \
            and before.text.lower() not in own:
        return True
    # "Abdel-Ghani al-Kikli": the name's first half joined to it by a hyphen
    if before and before.text == "-" and before.end == toks[i].start and i > 1 and toks[i - 2].capitalised \
            and toks[i - 2].end == before.start and toks[i - 2].text.lower() not in own:
        return True
    # "Yunus-Bek Yevkurov" is not Muhammad Yunus: the first half of a hyphenated first name, a surname after it
    # ("the Putin-Xi summit" names both)
    if j + 2 < len(toks) and toks[j].text == "-" and toks[j - 1].end == toks[j].start == toks[j + 1].start - 1 \
            and toks[j + 1].capitalised and toks[j + 2].capitalised:
        return True
    return j + 1 < len(toks) and toks[j].text in cue.particles and toks[j + 1].text == "-"


# "Servant of": an Arabic name's first half, whose second is one of God's names ("Abdel Fatah", "Abdul Aziz")
# and may be spelled as a party's or a place's name
_SERVANT_OF = frozenset({"Abdel", "Abdul", "Abd", "Abdal", "Abdoul", "Abdou"})


def _names_a_sea(toks: list[Token], i: int) -> bool:
    return i >= 2 and toks[i - 1].text == "of" and toks[i - 2].text in ("Gulf", "Bay", "Sea", "Strait", "Straits")


def _title_ends_at(toks: list[Token], i: int, cue: Cues) -> bool:
    for n in (1, 2, 3):
        title = title_at(toks, i - n, cue) if i >= n else None
        if title and title[1] == i:
            return True
    return False


def _source_at(toks: list[Token], i: int, gaz: Gazetteer) -> int | None:
    for n in range(min(5, len(toks) - i), 0, -1):
        if tuple(t.text.replace("’", "'") for t in toks[i:i + n]) in gaz.sources:
            return i + n
    return None


def _body_follows(toks: list[Token], j: int, cue: Cues) -> bool:
    return _body_at(toks, j, cue) is not None


def _body_at(toks: list[Token], j: int, cue: Cues) -> tuple[dict, int] | None:
    """A state-body noun at token j, allowing two modifiers: "French special forces", "Yemen's internationally
    recognised government"."""
    for skip in (0, 1, 2):
        if skip and (j + skip > len(toks) or not toks[j + skip - 1].text.isalpha() or toks[j + skip - 1].capitalised
                     or toks[j + skip - 1].text in _FUNCTION_WORDS):
            break  # "turned to Russia for military aid", "Croatia criticised the Government": no modifiers
        words = tuple(t.text.lower() for t in toks[j + skip:j + skip + 4])
        for body, spec in cue.bodies:
            if words[:len(body)] == body:
                if len(words) > len(body) and words[len(body)] in _NOT_A_BODY_AFTER:
                    return None  # "China's rising military might", "the military void": a quality, not a force
                end = j + skip + len(body)
                if toks[end - 1].capitalised and _of_a_name(toks, end):
                    return None  # "Moldova's ruling Party of Action and Solidarity": the party's own name
                return spec, end
    return None


def _named_before(toks: list[Token], i: int, s: TokenSentence, gaz: Gazetteer) -> bool:
    """A capitalised word before token i that no earlier name took, and no state's ("Social" in "Social Democratic
    Party"; not "US" in "US Democratic Party"; "People's" in "People's Democratic Party", whose possessive owns
    nothing): the start of a longer proper name."""
    return i > 0 and toks[i - 1].capitalised and toks[i - 1].text not in ARTICLES and s.free(i - 1, i) \
        and state_word(toks, i - 1, gaz) is None \
        and (not toks[i - 1].possessive or toks[i - 1].text in NAME_POSSESSIVES)


def _of_a_name(toks: list[Token], j: int) -> bool:
    """ "of" and a capitalised word at token j: the rest of a longer proper name ("Party of Socialists")."""
    return j + 1 < len(toks) and toks[j].text == "of" and toks[j + 1].capitalised


_FUNCTION_WORDS = frozenset({"the", "a", "an", "for", "to", "of", "in", "with", "and", "or", "by", "from", "on",
                             "at", "as", "that", "which", "who", "is", "was", "are", "were", "has", "have", "had",
                             "will", "would", "than", "into", "over", "after", "before"})
# Nouns after "military" or "army" that make it an adjective: the state's might or aid, not its forces
_NOT_A_BODY_AFTER = frozenset({"might", "power", "aid", "assistance", "spending", "budget", "budgets", "equipment",
                               "hardware", "cooperation", "ties", "void", "vacuum", "capabilities", "capability",
                               "strength", "build-up", "buildup", "expenditure", "technology", "sales", "action",
                               "actions", "activity", "activities", "intervention", "interventions", "strike",
                               "strikes", "campaign", "exercises", "drills"})


def _nationality_only(toks: list[Token], j: int, cue: Cues) -> bool:
    """A demonym that only says where a company or a person is from."""
    words = [t.text.lower() for t in toks[j:j + 3]]
    return any(w in cue.nationality_nouns for w in words[:1]) or (
        len(words) > 1 and words[0].isalpha() and toks[j].text.islower() and words[1] in cue.nationality_nouns)


def _group_follows(toks: list[Token], j: int, cue: Cues) -> bool:
    """ "Iranian-backed militias", "the Hungarian minority": a group, not the state."""
    return j < len(toks) and (toks[j].text in cue.group_heads or toks[j].text == "-" or toks[j].text in DEMONYM_HEADS)


def _acts(toks: list[Token], i: int, j: int, cue: Cues) -> bool:
    """A capital acts when it speaks or does ("Paris said"), owns ("Moscow's"), or is dealt with ("talks with Kyiv")."""
    if toks[j - 1].possessive:
        return True
    after = toks[j].text if j < len(toks) else ""
    before = toks[i - 1].text if i > 0 else ""
    if after in ("—", "–", "("):
        # "Ankara — which brands the SDF a terrorist front — has warned": the verb after the aside counts
        close = ")" if after == "(" else after
        k = next((k for k in range(j + 1, min(len(toks), j + 30)) if toks[k].text == close), None)
        after = toks[k + 1].text if k is not None and k + 1 < len(toks) else ""
    # "Washington and Berlin have answered", "asking Washington and Berlin": a pair acts together.
    if after == "and" and j + 2 < len(toks) and toks[j + 1].capitalised:
        after = toks[j + 2].text
    if before == "and" and i >= 3 and toks[i - 2].capitalised:
        before = toks[i - 3].text
    return after in cue.speech_verbs or before in cue.metonym_before


def main_state(found: Collector, gaz: Gazetteer, title: str, sents: list[TokenSentence]) -> Entry | None:
    """The story's state, whose bodies the text names bare ("the junta", "the government"): the state named
    most, the headline counting three; of two named as often, the one the headline names first ("Niger Junta
    Orders French Ambassador To Depart"), then the one the text names first."""
    states = [c for c in found.found.values() if c.type == "state"]
    if not states:
        # A story may name its state only before its rulers ("Myanmar's military junta is withdrawing"), which
        # the bodies pass reads later. Only then: beside states named alone, "the US administration" or
        # "China's government" is as often an outside power's
        named = _named_before_rulers(sents, gaz)
        return gaz.state(max(named, key=lambda code: (len(named[code]), -named[code][0]))) if named else None
    at = {c.key: min((title.find(a) for a in [c.name, *c.aliases] if a and a in title), default=len(title))
          for c in states}
    best = max(states, key=lambda c: (len(c.mentions) + 3 * (at[c.key] < len(title)), -at[c.key], -c.first))
    return gaz.state(best.code)


def _named_before_rulers(sents: list[TokenSentence], gaz: Gazetteer) -> dict[str, list[int]]:
    """The states named before their rulers ("Mali's junta", "the Myanmar military government"), each with
    the sentences that do so."""
    named: dict[str, list[int]] = {}
    for s in sents:
        toks, i = s.tokens, 0
        while i < len(toks):
            hit = lookup(toks, i, gaz.names, 4)
            if hit is None:
                i += 1
                continue
            entry, i = hit
            k = i + (i < len(toks) and toks[i].text.lower() in _RULERS_ADJECTIVES)
            if entry.type == "state" and entry.code and k < len(toks) and toks[k].text.lower() in _RULERS:
                named.setdefault(entry.code, []).append(s.index)
    return named


_RULERS = frozenset({"junta", "government", "regime", "authorities", "administration", "rulers", "leadership"})
_RULERS_ADJECTIVES = frozenset({"military", "ruling", "new", "interim", "transitional"})


def bodies_pass(s: TokenSentence, gaz: Gazetteer, found: Collector, cue: Cues, main: Entry | None) -> None:
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
        generic = toks[i].text.lower() in ("the", "parliament", "security")
        if generic and toks[end - 1].text.lower() in ("officials", "leaders"):
            continue
        if generic and _owner_named_after(toks, end, gaz, state):
            continue  # "the National Assembly of Republika Srpska" is not the main state's
        if spec["role"] == "PTY" and end + 1 < len(toks) and toks[end].text == "," and toks[end + 1].capitalised \
                and not s.free(end + 1, end + 2):
            # "Georgia’s ruling party, Georgian Dream,": the party the text goes on to name
            if s.free(i, j):
                found.add(state.name, state.name, "state", s, None, code=state.code, gazetteer=True)
            s.claim(i, end)
            continue
        code = f"{state.code}{spec['role']}"
        # the whole proper name as the text gives it: "Royal Thai Army", "Solomon Islands Police Force"
        start = i - 1 if i and toks[i - 1].text == "Royal" and s.free(i - 1, i) else i
        if end < len(toks) and toks[end].text in _NAME_ENDS_AFTER_A_BODY and s.free(end, end + 1):
            end += 1
        surface = s.surface(start, end)
        label = spec["label"].format(state=state_name(state.name))
        found.add(label if spec.get("separate") else code, label, spec["type"], s, surface, code=code,
                  country=state.code)
        if not generic and s.free(i, j):
            found.add(state.name, state.name, "state", s, None, code=state.code, gazetteer=True)
        s.claim(start, end)


def _owner_named_after(toks: list[Token], j: int, gaz: Gazetteer, state: Entry) -> bool:
    """Whether "of (the) <a place the gazetteer knows>" at token j names another owner than the state."""
    hit = named_after(toks, j, gaz)
    return hit is not None and hit[0].type in ("state", "government_body") and hit[0].code != state.code


# Capitalised words that end the name of a force after its body noun: "Police Force", "Police Service"
_NAME_ENDS_AFTER_A_BODY = frozenset({"Force", "Service", "Corps"})


def institutions_pass(s: TokenSentence, gaz: Gazetteer, found: Collector, cue: Cues, main: Entry | None
                      ) -> None:
    """Institutions named in lower case ("a transitional presidential council"), and "the council" after one."""
    if main is None:
        return
    toks = s.tokens
    # "the assembly" after the national assembly: the head noun, not the state's name after "of"
    heads = {c.name.split(" of ")[0].split()[-1].lower(): c for c in found.found.values() if c.key.startswith("inst:")}
    for i in range(len(toks)):
        if not s.free(i, i + 1):
            continue
        words = tuple(t.text.lower() for t in toks[i:i + 4])
        spec = next((spec for phrase, spec in cue.institutions if words[:len(phrase)] == phrase
                     and _institution_here(toks, i, i + len(phrase), spec)
                     # "the National Assembly of Republika Srpska" is the region's, named with it
                     and not _owner_named_after(toks, i + len(phrase), gaz, main)), None)
        if spec is not None:
            end = i + len(spec["phrase"])
            # "The Iraqi Federal Supreme Court": capitalised words before the institution belong to its name
            named = i
            while named > 0 and toks[i].capitalised and toks[named - 1].capitalised and s.free(named - 1, named) \
                    and toks[named - 1].text[0].isalpha() and toks[named - 1].text not in ARTICLES \
                    and not toks[named - 1].possessive:
                named -= 1
            # "The Iraqi Federal Supreme Court" is Iraq's, whichever state the story is about
            owner = state_word(toks, named - 1, gaz) if named > 0 and toks[i].capitalised else None
            state = owner or main
            label = spec["label"].format(state=state_name(state.name))
            start = named - 1 if named > 0 and toks[named - 1].text.lower() in ("a", "an", "the") else named
            # "a transitional council" is seen as "transitional council": the indefinite article names nothing
            seen = start if start < named and toks[start].text.lower() == "the" else named
            found.add(f"inst:{label}", label, spec.get("type", "government_body"), s, s.surface(seen, end),
                      code=f"{state.code}{spec['role']}", country=state.code)
            s.claim(start, end)
        elif words[0] == "the" and len(words) > 1 and words[1] in heads and s.free(i, i + 2):
            institution = heads[words[1]]
            found.add(institution.key, institution.name, institution.type, s, s.surface(i, i + 2))
            s.claim(i, i + 2)


def _institution_here(toks: list[Token], i: int, end: int, spec: dict) -> bool:
    if spec.get("after_the") and not (i > 0 and toks[i - 1].text.lower() == "the"):
        return False
    return not (end < len(toks) and toks[end].text.lower() in spec.get("not_before", ()))


def _state_reference(toks: list[Token], i: int, gaz: Gazetteer, main: Entry | None) -> tuple[Entry | None, int]:
    t = toks[i]
    if t.text == "government" and i + 1 < len(toks) and toks[i + 1].text in ("forces", "troops", "soldiers"):
        return main, i + 1
    if (t.text == "security" or t.text == "armed" and i > 0 and toks[i - 1].text.lower() == "the") \
            and i + 1 < len(toks) and toks[i + 1].text == "forces":
        # "the TTP frequently targets security forces", "the armed forces tried to seize power": when no one
        # else's are named, they are the country's own
        return main, i
    if t.text in ("the", "The") and i + 1 < len(toks) and toks[i + 1].text in ("country", "nation") \
            and toks[i + 1].possessive:
        return main, i + 2
    if t.text in ("the", "The"):
        # "the army", "the interim government", "the military-backed interim government"
        for k in range(i + 1, min(i + 4, len(toks))):
            if toks[k].text in _SOMEONE_ELSES:
                break  # "the transatlantic military", "the rival government": not the story's state's own
            if toks[k].text.lower() in _RULES_OF:
                break  # "the sanctions regime", "the free movement regime": rules, not a government
            if toks[k].text.lower() in MAIN_STATE_BODIES and _the_countrys_own(toks, i, k):
                # "the government in Somalia", "the army of Chad": the state named after it, not the main one
                # ("the junta in Niamey", "the military regime in Niger")
                m = k + 2 if k + 1 < len(toks) and toks[k + 1].text in _BODY_SECOND_WORDS else k + 1
                if m + 1 < len(toks) and toks[m].text in ("in", "of") and (
                        hit := lookup(toks, m + 1, gaz.names, 4) or lookup(toks, m + 1, gaz.capitals, 3)) \
                        and hit[0].type == "state":
                    return hit[0], i + 1
                return main, i + 1
            if toks[k].capitalised or not (toks[k].text.isalpha() or toks[k].text == "-"):
                break
    if t.text == "Parliament" and (i == 0 or toks[i - 1].text in ("the", "The")):
        return main, i
    for table in (gaz.names, gaz.demonyms):
        hit = lookup(toks, i, table, 4)
        if hit and hit[0].type == "state":
            return hit[0], hit[1]
    # "the Pristina government", "Belgrade's forces": a capital standing for its state, its body right after it
    # ("Manila's firm opposition" is the state's stance, "Manila deployed coast guard" a verb between)
    hit = lookup(toks, i, gaz.capitals, 3)
    if hit and hit[0].type == "state" and hit[1] < len(toks) and toks[hit[1]].text in _CAPITALS_BODIES:
        return hit[0], hit[1]
    return None, i


def _the_countrys_own(toks: list[Token], i: int, k: int) -> bool:
    """ "the government", and "the Government" of house styles that capitalise the country's own; but "the
    Government of the Federation of BiH" and "the Cabinet Council" are the names of other bodies."""
    if not toks[k].capitalised:
        return True
    after = toks[k + 1] if k + 1 < len(toks) else None
    return k == i + 1 and not (after and (after.capitalised or after.text == "of"))


_MILITANTS = frozenset({"militants", "militant"})
_BODY_SECOND_WORDS = frozenset({"regime", "government", "junta", "authorities", "administration", "rulers",
                                "leaders", "forces"})
_SOMEONE_ELSES = frozenset({"foreign", "transatlantic", "international", "multinational", "allied", "coalition",
                            "rebel", "rival", "parallel", "private"})
_RULES_OF = frozenset({"sanctions", "sanction", "movement", "control", "visa", "tax", "vat", "trade", "customs",
                       "export", "legal", "nonproliferation", "non-proliferation", "inspection", "treaty", "transit",
                       "tariff", "exchange", "safeguards", "fishing"})
_CAPITALS_BODIES = frozenset({"government", "regime", "authorities", "forces", "troops", "army", "military"})


def groups_pass(s: TokenSentence, gaz: Gazetteer, found: Collector, cue: Cues) -> None:
    """Generic armed groups: "pro-Iran militias", "Iranian-sponsored groups", "jihadist groups", "militias"."""
    toks = s.tokens
    for j, t in enumerate(toks):
        if t.text not in cue.group_heads or not s.free(j, j + 1):
            continue
        i, sponsor, kind, named, linked = j, None, None, None, False
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
            state = state_word(toks, i - 1, gaz)
            if state is not None:
                sponsor, i = state, i - 1
                continue
            if word.lower() == "ethnic":
                i -= 1  # "armed ethnic groups" are armed; "ethnic groups" alone are peoples
                continue
            if word.lower() in cue.group_modifiers or word.lower() in GROUP_LINKS:
                kind = kind or cue.group_modifiers.get(word.lower())
                linked = linked or word.lower() in GROUP_LINKS
                i -= 1
                continue
            break
        while i < j and toks[i].text == "-":
            i += 1
        if sponsor is None and kind is None and t.text not in cue.bare_heads:
            continue
        linked_by = i > 1 and toks[i - 1].text == "-"
        k = i - 2 if linked_by else i - 1
        if _proper_adjective(s, k, cue, first=linked_by):
            i = k  # "Baloch militants", "Kurdish-led militias", "Misrata militias": the text's own name for them
        # bare "militants" are jihadists only in a story that has them (see actors._resolve_generic_groups)
        bare_militants = kind is None and t.text.lower() in _MILITANTS
        kind = kind or cue.group_modifiers.get(t.text.lower())
        if named is not None:
            found.add(named.key, named.name, named.type, s, s.surface(i, j + 1))
            s.claim(i, j + 1)
            continue
        if t.text == "group" and _describes_a_named_group(s, i, j, found):
            s.claim(i, j + 1)  # "the Lebanese militant group Hezbollah", "the PKK, a Kurdish separatist group"
            continue
        gangs = kind == "criminal" or t.text.startswith("gang")
        if sponsor is not None and not (gangs and not linked):  # "Haitian gangs" are Haiti's own, not its proxies
            key_ = f"groups:{sponsor.code}"
            # "Iran-backed militias" are its proxies; "Iraqi factions", "Myanmar's ethnic armed groups" its own
            name = f"{sponsor.name}-backed armed groups" if linked else f"Armed groups of {state_name(sponsor.name)}"
            code = f"{sponsor.code}UAF" if sponsor.code else None
        elif bare_militants:
            key_, name, code = "groups:militants", "Militants", None
        elif kind == "jihadist":
            key_, name, code = "groups:jihadist", "Jihadist groups", None
        elif gangs:
            # one actor, as annotators have it, named as the text first names it
            key_, code = "groups:gangs", None
            name = "Drug cartels" if t.text.startswith("cartel") else "Armed gangs"
        else:
            key_, name, code = "groups:armed", "Armed groups", None
        found.add(key_, name, "armed_group", s, s.surface(i, j + 1), code=code)
        s.claim(i, j + 1)


def _proper_adjective(s: TokenSentence, k: int, cue: Cues, *, first: bool = False) -> bool:
    """One capitalised word, alone and unclaimed: a people or a place the group is named for. Two or more are the
    start of a longer name, which the capitalised-name pass reads; a sentence's first word is capitalised anyway,
    unless a link follows it ("Kurdish-led")."""
    toks = s.tokens
    return (k > 0 or (first and k == 0)) and toks[k].capitalised and toks[k].text.isalpha() \
        and not toks[k].possessive and s.free(k, k + 1) and toks[k].text not in cue.not_names \
        and toks[k].text not in ARTICLES and not (k > 0 and toks[k - 1].capitalised)


def _describes_a_named_group(s: TokenSentence, i: int, j: int, found: Collector) -> bool:
    """A group phrase right beside a named armed group of the same sentence is that group's description."""
    around = f"{s.surface(max(0, i - 6), i)} {s.surface(j + 1, min(len(s.tokens), j + 4))}"
    return any(c.type == "armed_group" and c.from_gazetteer and s.sentence.id in c.mentions
               and any(a in around for a in c.aliases) for c in found.found.values())


def _named_group(found: Collector, word: str) -> Candidate | None:
    return next((c for c in found.found.values() if c.type == "armed_group" and c.from_gazetteer
                 and (word == c.name or word in c.aliases)), None)


def generic_orgs_pass(s: TokenSentence, found: Collector, cue: Cues) -> None:
    """ "Rights groups", "aid agencies": unnamed but recurring voices in conflict reporting."""
    toks = s.tokens
    for i in range(len(toks)):
        words = tuple(t.text.lower() for t in toks[i:i + 3])
        for phrase, name in cue.generic_orgs:
            if words[:len(phrase)] == phrase and s.free(i, i + len(phrase)):
                found.add(f"generic:{name}", name, "organisation", s, s.surface(i, i + len(phrase)))
                s.claim(i, i + len(phrase))
                break
