"""Mentions of people: names after a title ("Prime Minister ..."), names that speak or carry an apposition,
later surname and role mentions ("al-Sudani", "the prime minister"), and lone names that act."""

from __future__ import annotations

import re
from collections import Counter

from .actor_cues import ARTICLES, AUXILIARIES, OPENERS, PRONOUNS, Cues, cues
from .gazetteer import Entry, Gazetteer
from .mentions import (
    MAX_NAME_TOKENS,
    Candidate,
    Collector,
    TokenSentence,
    add_administration,
    administration_at,
    fold,
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
from .tokens import Token, key

# Courtesy titles say how a person is addressed, not what they do: "Mr Sisi" has no role in "Mr".
_COURTESY = {"Dr", "Mr", "Mrs", "Ms", "Mme", "Sir", "Dame", "Prof", "Professor"}
# Honorifics and ranks between a role and the name: "commander Gen. Francis L. Donovan" (in short forms only).
_HONORIFICS = (_COURTESY - {"Professor"}) | {"Gen", "Lt", "Col", "Maj", "Brig", "Capt", "Adm", "Sgt", "Cmdr"}
_OUTLET_NOUNS = frozenset({"news", "agency", "newspaper", "daily", "channel", "broadcaster", "television", "TV",
                           "radio", "website", "magazine"})
_SUFFIXES = {"led", "style", "era", "based", "born", "like", "type"}  # "Trump-era", not a syllable of a name


def titled_people_pass(s: TokenSentence, gaz: Gazetteer, found: Collector, cue: Cues) -> None:
    toks = s.tokens
    i = 0
    while i < len(toks):
        title = title_at(toks, i, cue)
        if title is None:
            i += 1
            continue
        role_code, j = title
        # A lowercase role may be set off by a comma: "Hezbollah's long-time leader, Hassan Nasrallah".
        name_start = j + 1 if j < len(toks) and toks[j].text == "," and not toks[i].capitalised else j
        while name_start < len(toks) and toks[name_start].text.rstrip(".") in _HONORIFICS:
            name_start += 1  # "Executive President Dr Irfaan Ali": the honorific is not part of the name
        if name_start == j and title_at(toks, j, cue) is not None:
            i = j  # "Justice Minister Nick Hansen": the title goes on; the next one reads the name and the whole role
            continue
        end = _name_run(toks, name_start, cue)
        q = _qualifiers_before(toks, i, cue)
        if end > name_start and not s.free(name_start, end):
            _role_for_known_person(s, found, name_start, end, toks[_role_start(s, q):j])
            i = j
            continue
        country = _country_before(toks, q, gaz)
        if (end - name_start < 1 or _is_known_name(toks, name_start, end, gaz)
                # a headline's words in title case: "Expel French Ambassador After Protests"
                or toks[name_start].text.lower() in OPENERS
                # "Sudan's official SUNA news agency": the name of an outlet, not a person
                or end < len(toks) and toks[end].text in _OUTLET_NOUNS
                or names_a_place(toks, name_start, end, cue)
                # a rank before an organisation's head noun: "General Directorate of Mines", "General Assembly"
                or is_org_head(tuple(t.text for t in toks[name_start:end]))
                or (name_start > j and end - name_start < 2)
                # "Tajik national Amriddin Tabarov" names a person, "the national Army Day" does not
                or toks[j - 1].text in ("national", "citizen") and country is None):
            i = j
            continue
        role = s.surface(_role_start(s, q), j) if j > q and not _courtesy_only(toks[q:j]) else ""
        name = s.surface(name_start, end).rstrip("’'")
        code = f"{country.code}{role_code}" if country and country.code and role_code else None
        plural = len(toks[j - 1].text) > 3 and toks[j - 1].text.endswith("s") and toks[j - 1].text not in _COURTESY
        role = role.removesuffix("s") if plural else role  # each of "Senators Ben Cardin and Roger Wicker" a Senator
        person = found.add(f"person:{name}", name, "person", s, name, role=_apposition(s, end) or role, code=code,
                           country=country.code if country else None)
        if name_start == j:
            person.aliases.setdefault(s.surface(q, end).rstrip("’'"), None)
        s.claim(q if s.free(q, j) else j, end)
        i = end
        # "Senators Ben Cardin and Roger Wicker": a plural title names the second person too
        if plural and end + 1 < len(toks) and toks[end].text == "and" \
                and (second := _name_run(toks, end + 1, cue)) > end + 2 and s.free(end + 1, second) \
                and not _is_known_name(toks, end + 1, second, gaz):
            other = s.surface(end + 1, second).rstrip("’'")
            found.add(f"person:{other}", other, "person", s, other, role=role, code=code,
                      country=country.code if country else None)
            s.claim(end + 1, second)
            i = second


def _role_for_known_person(s: TokenSentence, found: Collector, start: int, end: int, title: list[Token]) -> None:
    """A gazetteer person named after a title: keep the article's words for their role."""
    surface = s.surface(start, end).rstrip("’'")
    person = next((c for c in found.found.values() if c.type == "person" and surface in c.aliases), None)
    if person is not None and person.role is None and title and not _courtesy_only(title):
        person.role = _apposition(s, end) or s.sentence.text[title[0].start:title[-1].end]


def _courtesy_only(title: list[Token]) -> bool:
    return all(t.text.rstrip(".") in _COURTESY for t in title)


def _role_start(s: TokenSentence, q: int) -> int:
    """A role may name its organisation first: "Popular Mobilization Forces deputy commander"."""
    k = q
    while k > 0 and not s.free(k - 1, k) and s.tokens[k - 1].text[0].isupper():
        k -= 1
    return k


def _qualifiers_before(toks: list[Token], i: int, cue: Cues) -> int:
    moved = True
    while moved:
        moved = False
        for q in cue.qualifiers:
            if i >= len(q) and tuple(t.text for t in toks[i - len(q):i]) == q:
                i -= len(q)
                moved = True
                break
        if not moved and i > 0:
            nested = title_at(toks, i - 1, cue) or (title_at(toks, i - 2, cue) if i > 1 else None)
            if nested and nested[1] == i and toks[i - 1].text[0].isupper():
                i -= 1 if title_at(toks, i - 1, cue) else 2
                moved = True
    return i


def _country_before(toks: list[Token], i: int, gaz: Gazetteer) -> Entry | None:
    for back in (1, 2):
        if i - back >= 0:
            entry = state_word(toks, i - back, gaz)
            if entry is not None:
                return entry
    return None


def _particles_end_on_a_name(toks: list[Token], k: int, cue: Cues) -> bool:
    """The particles from token k lead on to a name: "van der Leyen", "de la Cruz", "bin Salman", "al-Sudani"."""
    while k < len(toks) and toks[k].text in cue.particles:
        k += 1
    return k < len(toks) and (toks[k].capitalised or toks[k].text == "-")


_NAME_PUNCTUATION = re.compile(r"[.'’]")  # "Francis L. Donovan", "N'Ban La", "O’Brien"


def _name_run(toks: list[Token], j: int, cue: Cues) -> int:
    """End of a personal name starting at token j: capitalised words joined by particles and hyphens."""
    k = j
    while k < min(len(toks), j + MAX_NAME_TOKENS):
        t = toks[k]
        if t.capitalised and _NAME_PUNCTUATION.sub("", t.text).isalpha() \
                or t.text in cue.particles and _particles_end_on_a_name(toks, k, cue):
            k += 1
            if t.possessive:
                break
            continue
        attached = k > j and t.start == toks[k - 1].end
        if t.text == "-" and attached and k + 1 < len(toks) and toks[k + 1].start == t.end:
            nxt = toks[k + 1]
            # "Lai Ching-te", "Li Ka-shing": a lower-case syllable after a hyphen still belongs to the name
            syllable = nxt.text.isalpha() and nxt.text.islower() and len(nxt.text) <= 5 and nxt.text not in _SUFFIXES
            k += 2 if syllable else 1
            continue
        if t.text == "." and attached and len(toks[k - 1].text) == 1 and k + 1 < len(toks) \
                and toks[k + 1].capitalised:
            k += 1  # a middle initial: "Francis L. Donovan"
            continue
        if t.text in ("’", "'") and attached and k + 1 < len(toks) and toks[k + 1].text in cue.particles:
            k += 1
            continue
        if t.text in ('"', "“") and k > j:
            close = next((c for c in range(k + 2, min(k + 5, len(toks) - 1)) if toks[c].text in ('"', "”")), None)
            if close and toks[close + 1].capitalised and all(w.capitalised for w in toks[k + 1:close]):
                k = close + 1  # a nickname in quotes: Jimmy "Barbecue" Cherizier, Ismael “El Mayo” Zambada
                continue
        break
    while k > j and (toks[k - 1].text in cue.particles or toks[k - 1].text in ("-", "’", "'")):
        k -= 1
    words = sum(1 for t in toks[j:k] if t.text[0].isalpha())
    return k if words <= 5 else j


def _is_known_name(toks: list[Token], j: int, end: int, gaz: Gazetteer) -> bool:
    words = tuple(t.text for t in toks[j:end])
    return words in gaz.names or words in gaz.demonyms or words in gaz.capitals


def _apposition(s: TokenSentence, end: int) -> str | None:
    """ "Pat Ryder, the Pentagon press secretary," -> "Pentagon press secretary"."""
    rest = s.sentence.text[s.tokens[end - 1].end:] if end else ""
    # "Ximena Fuentes, Chile’s deputy foreign minister,", "Stefano Tomat, currently the EU's managing director"
    m = re.match(r"\s*,\s+((?:currently|now|formerly|also)\s+)?(?P<article>(?:the|a|an|its|his|her)\s+)?"
                 r"(?P<owner>(?-i:[A-Z])[\w.-]*[’']s\s+)?(?P<role>[^,;()]{3,90}?)\s*"
                 r"(?:,|\.|$|\(|\s(?:who|which|that)\s)", rest)  # "leader of the ... Authority (SSA),"
    # Without an article the role must lead with its title: "Muse Bihi Abdi, President of Somaliland,".
    if m and (_ROLE_WORD.search(m["role"]) if m["article"] or m["owner"] else _ROLE_WORD.match(m["role"])):
        return f"{m['owner'] or ''}{m['role']}"
    return None


_ACRONYM = re.compile(r"(?:[A-Z]\.){2,4}|[A-Z]{2,4}")
_ROLE_NOUNS = (r"secretary|minister|spokes\w+|leader|commander|chief|head|president|director|envoy|ambassador|general|"
               r"adviser|advisor|official|analyst|researcher|founder|chair|chairman|chairwoman|chairperson|governor|mayor|"
               r"owner|manager|coach|officer|professor|fellow|editor|convener|coordinator|activist|journalist|lawyer|"
               r"judge|prosecutor|commissioner|diplomat|negotiator|lawmaker|legislator|politician|national|citizen|"
               r"expert|specialist|scholar|historian|economist|scientist|author|writer|columnist|commentator|"
               r"consultant|strategist|academic|lecturer|member|representative|senator|congress(?:wo)?man|"
               r"correspondent|reporter|student|resident|prefect|administrator|instructor|moderator|pilot|candidate|"
               r"nominee|challenger|successor|predecessor|rival|opponent|counterpart|aide")
# "Lawrence Freedman, emeritus professor of war studies", "Dmitry Chemakin, vice-president of the Chamber": up to
# two words that qualify the role, before it or joined to it
_ROLE_QUALIFIERS = (r"deputy|vice|acting|former|under|assistant|senior|special|high|emeritus|interim|retired|"
                    r"outgoing|incoming|co|executive|principal|chief|top|longtime|long-time|veteran|sub|regional|"
                    r"provincial|district|local|foreign|defen[cs]e|security|military|political|opposition|party|"
                    # "Ayaba Cho, separatist leader based abroad,": who they lead, in a role set without an article
                    r"separatist|rebel|militia|tribal|religious|traditional|community|main|leading")
_ROLE_WORD = re.compile(rf"(?:(?:{_ROLE_QUALIFIERS})[\s-]+){{0,2}}\b({_ROLE_NOUNS})\b", re.I)
# Words that end a role's complement: a verb or a clause begins ("the President sent the Haitian capital, Port-au-
# Prince, into ...")
_NOT_IN_A_ROLE = ("said|says|told|is|was|are|were|has|have|had|will|would|that|which|who|when|where|while|after|"
                  "before|because|but|and|sent|made|took|gave|met|led|left|became|came|went|saw|won|lost|held|called|"
                  "asked|urged|warned|added|announced|stated|noted|claimed|reported|accused|visited|signed|killed|"
                  "ordered|named|appointed|replaced|succeeded|sacked|dismissed|fired|arrested|detained")
# "Guyana's President, Irfaan Ali, condemned", "Prime Minister of the Cook Islands, Mark Brown, and", "its
# candidate, Edmundo González, was the winner": a name set off by commas after a role is the person holding it
_ROLE_THEN_COMMA = re.compile(rf"\b({_ROLE_NOUNS}|hostage|wife|husband|son|daughter|brother|sister|father|mother)"
                              # "the assistant Chief District Officer (CDO), Dattaraj Hamal,": the title's acronym
                              # "the special envoy for dialogue, Miroslav Lajcak,", "the deputy director of the
                              # Kosovo Police for the northern region, Veton Elshani,": what the role is for, in lower
                              # case too, but no verb or clause between it and the name
                              r"(\s+(of|for|on|to|in|at|the|(?-i:[A-Z])[\w’'.-]*)|\s+(?!(?:" + _NOT_IN_A_ROLE + r")\b)"
                              r"(?-i:[a-z][\w’'-]*)){0,8}"
                              r"(\s*\((?-i:[A-Z]{2,6})\))?"
                              # "the enlargement commissioner, Slovenian Marta Kos,": a nationality before the name
                              r"\s*,\s*((?-i:[A-Z])[\w-]+\s+)?$", re.I)


# "CNAS, the Washington think tank,", "SeaLight, a maritime transparency project": the text says what it is
_ORG_NOUNS = (r"(?-i:think[- ]tank|company|firm|consultancy|project|organi[sz]ation|NGO|charity|network|association|"
              r"watchdog|party|alliance|coalition|group|movement|militia)")
# "the" needs a word before the noun: "Kordofan, the group appears to" is a new clause, not a description
_ORG_AFTER = re.compile(rf"\s*,\s+(an?\s+([\w’'-]+\s+){{0,4}}?|the\s+([\w’'-]+\s+){{1,4}}?){_ORG_NOUNS}\b", re.I)
# "the security consulting firm Control Risks", "a separatist group known as CCAT", "a militia called the Ninjas"
# ("Malaysia’s state-owned Petronas": what the state owns or runs is a company or an outlet)
_ORG_BEFORE = re.compile(rf"\b({_ORG_NOUNS}\s+((known as|called|named)\s+(the\s+)?)?|state[- ](owned|run)\s+)$", re.I)
_GROUP_OF_PLACES = re.compile(r"\s+of\s+([\w’'-]+\s+){0,5}?(islands|islets|atolls|reefs|shoals|rocks|villages|towns)\b",
                              re.I)
_ARMED = re.compile(r"\b(militant|rebel|armed|jihadist|separatist|insurgent|terrorist|extremist|paramilitary|"
                    r"militia)\b", re.I)
_NAME_GOES_ON = frozenset({"wal", "wa", "al", "el", "("})
_NAME_OPENING_WORDS = frozenset({"for", "with", "by", "from", "to"})
_NAME_JOINS = frozenset({"of", "for", "and", "de", "du", "des"})  # only when a capital follows: "Bank of England"


def _described_as_organisation(s: TokenSentence, i: int, end: int, cue: Cues) -> str | None:
    toks, text = s.tokens, s.sentence.text
    words = [t.text for t in toks[i:end]]
    if (i == 0 and len(words) == 1) or cue.not_names.issuperset(words) \
            or end < len(toks) and (toks[end].text in _NAME_GOES_ON or toks[end].text in _NAME_JOINS
                                    and end + 1 < len(toks) and toks[end + 1].capitalised):
        return None  # "Earlier, the group said"; "Jama'at Nusrat al-Islam wal Muslimeen" goes on
    if end < len(toks) and toks[end].text in _OUTLET_NOUNS:
        return None  # "a state-owned Hong Kong news outlet": the place the outlet is in
    before, after = text[max(0, toks[i].start - 60):toks[i].start], text[toks[end - 1].end:]
    m = _ORG_AFTER.match(after)
    if m and _GROUP_OF_PLACES.match(after, m.end()):
        return None  # "the Senkakus, a group of uninhabited East China Sea islands"
    said = m[0] if m else (b[0] if (b := _ORG_BEFORE.search(before)) else None)
    if said is None:
        return None
    return "armed_group" if _ARMED.search(said if m else before) else "organisation"


# "Trump’s envoy to Iraq, Mark Savaya—appointed on 19 October—has": a dash sets the name off as a comma does
_SETS_OFF = frozenset({",", "—", "–"})
# ("Ibrahima Camara, a civil servant in Conakry, said": described with "a", then speaking)
_WHO_OR_AGE = re.compile(r"\s*(who\b|(aged\s+)?\d{1,3}\s*,|an?\s+(?-i:[a-z])[^,;()]{2,80},\s*(said|says|told|added)\b)")
# "Sher Bahadur Deuba (head of the Congress)": a role in brackets after the name
_ROLE_IN_BRACKETS = re.compile(rf"\s*\((the\s+|a\s+|then\s+|former\s+)*({_ROLE_NOUNS})\b", re.I)


def capitalised_pass(s: TokenSentence, gaz: Gazetteer, found: Collector, cue: Cues, lowercase: set[str]) -> None:
    """Names no gazetteer knows, kept only when the text itself says they act or are organisations."""
    toks = s.tokens
    i = 0
    while i < len(toks):
        if not toks[i].capitalised or not s.free(i, i + 1) or not toks[i].text[0].isalpha():
            i += 1
            continue
        end = org_run(toks, i, s)
        if (person_end := _speaker_of(toks, i, end, gaz, cue)) is not None:
            # "Trond Hugubakken of PST told", "Erlandas Mikėnas of the Lithuanian National Road Carriers Association
            # said": a person's name, then where they work, then what they say
            name = s.surface(i, person_end)
            found.add(f"person:{name}", name, "person", s, name)
            body = person_end + 1 + (toks[person_end + 1].text == "the")
            if s.free(body, end) and key(s.surface(body, end)) not in cue.places:
                org = s.surface(body, end).rstrip("’'")
                found.add(f"org:{org}", org, type_from_head(key(org)) or "organisation", s, org)
            s.claim(i, end)
            i = end
            continue
        if end == i + 1 and toks[i].text.lower() in _NAME_OPENING_WORDS and end < len(toks) and toks[end].capitalised:
            # "the party For Georgia": a name that opens on a small word goes on over the state's name after it
            while end < len(toks) and toks[end].capitalised:
                end += 1
        words = key(s.surface(i, end))
        if (state_end := _of_a_state(toks, end, gaz)) and type_from_head(words):
            # "Armed Forces of the Philippines", "Bar Association of Sri Lanka": the state, already read as an
            # actor, ends the organisation's name
            end, words = state_end, key(s.surface(i, state_end))
        if words[0] in ARTICLES or (i == 0 and words[0].lower() in lowercase) or words[0].lower() in OPENERS \
                or _after_a_prefix(toks, i):
            i += 1  # "The ..." or a sentence-initial common word: the name, if any, starts after it
            continue
        headed = type_from_head(words) if words not in cue.places else None
        described = None if headed or words in cue.places else _described_as_organisation(s, i, end, cue)
        kind = headed or described
        # "the governing Georgian Dream party", "the Montana Accord movement": the name is the run before it
        # ("Neither party", "Western party" are one word, and not names)
        party = end < len(toks) and toks[end].text in _PARTY_WORDS and words not in cue.places and (
            len(words) > 1 or i > 0 and toks[i - 1].capitalised)
        # "The main opposition party, Chadema, dismissed the results": the name set off after the word
        party = party or (i > 1 and toks[i - 1].text == "," and toks[i - 2].text == "party"
                          and end < len(toks) and toks[end].text == "," and words not in cue.places)
        if party:
            kind = "organisation"
        # "the Sinaloa cartel": a criminal group named by the word after it
        cartel = end < len(toks) and toks[end].text == "cartel" and words not in cue.places and not kind
        if cartel:
            kind = "armed_group"
        # "the Lee Jaemyung government", "the Chhattisgarh government", "Hadi's government": a leader's or a
        # region's government, which no gazetteer knows
        if not kind and (run_end := administration_at(toks, end)) == end + 1 \
                and (toks[end - 1].possessive or i > 0 and toks[i - 1].text in ARTICLES):
            leader = s.surface(i, end).rstrip("’'")
            add_administration(found, s, leader, run_end, None)
            # "Fidel Castro's government", "the K.P. Sharma Oli government": a full name is its leader's, who
            # acts through it; a region's or a people's name ("the Kurdistan Region government", "the New
            # Caledonian government", "a Sunni Islamist government") is no one's
            if _names_a_leader(toks, i, end, gaz, cue):
                found.add(f"person:{leader}", leader, "person", s, leader)
            s.claim(i, run_end)
            i = run_end
            continue
        if kind:
            # "a newly created U.N. Support Office": the owner's acronym, already an actor, is part of the name
            owner = toks[i - 1] if i > 0 else None
            start = i - 1 if owner and _ACRONYM.fullmatch(owner.text) and not owner.possessive else i
            if kind == "organisation" and start == i:
                start = _city_in_name(toks, i, gaz)  # "the Belgrade Centre for Security Policy"
            if start == i and i > 0 and re.fullmatch(r"\d+(st|nd|rd|th)?", toks[i - 1].text):
                start = i - 1  # "the 444 Brigade", "the 201st Division": the number is the unit's name
            # "Georgian" was taken for Georgia and "United Nations" for the UN, but here they begin the name of
            # a party ("Georgian Dream party", "the Serb List, the largest Serbian party") or of a mission
            # ("United Nations Integrated Mission")
            # ("the pro-Russian Shor party": the stance is not part of the name)
            while (party or kind == "international_org" or described) and start > 0 \
                    and toks[start - 1].capitalised and not toks[start - 1].possessive \
                    and toks[start - 1].text not in ARTICLES and not _after_a_prefix(toks, start - 1):
                start -= 1
            name = s.surface(start, end).rstrip("’'") + (" cartel" if cartel else "")
            c = found.add(f"org:{name}", name, kind, s, name)
            if party and toks[end].text in _PARTY_WORDS:
                c.aliases.setdefault(f"{name} {toks[end].text}", None)  # "the Montana Accord movement"
            if kind == "government_body" and start > 0 and state_word(toks, start - 1, gaz) is not None:
                # "the Chadian National Election Management Agency": how the text names it, the state's word kept
                c.aliases.setdefault(s.surface(start - 1, end).rstrip("’'"), None)
            end += 1 if cartel else 0  # "cartel" is part of the name
            s.claim(i, end)
            i = end
            continue
        person_end = _name_run(toks, i, cue)
        name = s.surface(i, person_end).rstrip("’'")
        if key(name) in cue.places:  # "Nagorno-Karabakh was announced ...": a region, not a speaker
            i = person_end
            continue
        words_in_name = sum(1 for t in toks[i:person_end] if t.text[0].isalpha())
        role = _apposition(s, person_end)
        # Set off by commas after a role, or before "who" or an age ("Inessa Novikova, who is ethnically Russian,",
        # "Helene, aged 42, told AFP"), or followed by a role in brackets: what the text says of a person
        described = person_end < len(toks) and (toks[person_end].text in _SETS_OFF and (
            _ROLE_THEN_COMMA.search(s.sentence.text, max(0, toks[i].start - 300), toks[i].start) is not None)
            # ("the regional capital, Bahir Dar – who asked not to be named": after a dash, "who" is someone else)
            or toks[person_end].text == "," and _WHO_OR_AGE.match(s.sentence.text[toks[person_end].end:]) is not None
            or _ROLE_IN_BRACKETS.match(s.sentence.text[toks[person_end - 1].end:]) is not None)
        # "the Russian daily Nezavisimaya Gazeta, Kazakhstan's first president, ...": an outlet, then who it quoted
        named_outlet = i > 0 and toks[i - 1].text in _OUTLET_NOUNS
        # ("the Western Balkans said", "Central Africans say": a place's or a people's name)
        if 2 <= words_in_name <= 5 and s.free(i, person_end) and not _a_place_by_its_preposition(toks, i) \
                and not named_outlet and toks[i].text not in _NOT_FIRST_NAMES \
                and not _a_place_by_its_noun(toks, i) \
                and (_speaks(toks, i, person_end, cue) or role or described) \
                and not any(t.text in gaz.sources for t in toks[i:person_end]) \
                and not any(len(t.text) > 2 and t.text.isupper() for t in toks[i:person_end]):  # "LTTE Diaspora"
            found.add(f"person:{name}", name, "person", s, name, role=role)
            s.claim(i, person_end)
            i = person_end
            continue
        i = max(end, i + 1)


def _city_in_name(toks: list[Token], i: int, gaz: Gazetteer) -> int:
    """Where an organisation's name starts when a capital opens it ("the Belgrade Centre for Security Policy",
    "the Washington Institute"): the capital pass took the city for a place, which it is not here."""
    for k in (i - 1, i - 2):
        hit = lookup(toks, k, gaz.capitals, 3) if k >= 0 else None
        if hit and hit[1] == i and not toks[i - 1].possessive and toks[i - 1].end + 1 == toks[i].start:
            return k
    return i


def _of_a_state(toks: list[Token], j: int, gaz: Gazetteer) -> int | None:
    """Where "of (the) <state>" at token j ends, or "in <state>" after a mission ("EU Partnership Mission in
    Moldova", "United Nations Mission in South Sudan")."""
    mission = j > 0 and toks[j - 1].text in ("Mission", "Force", "Operation", "Office")
    hit = state_named_after(toks, j, gaz, ("of", "in") if mission else ("of",))
    if hit is None:
        # "the National Assembly of Republika Srpska": a state's region with its own government (a CAMEO code of
        # the state's, the region's and GOV), which ends the name as a state does
        found = named_after(toks, j, gaz)
        code = found[0].code or "" if found else ""
        hit = found if len(code) == 9 and code.endswith("GOV") else None
    return hit[1] if hit else None


def _after_a_prefix(toks: list[Token], k: int) -> bool:
    """ "pro-Western", "anti-Kremlin": a stance, never part of a name."""
    return k > 1 and toks[k - 1].text == "-" and toks[k - 1].end == toks[k].start \
        and toks[k - 2].text.lower() in _STANCE_PREFIXES


_STANCE_PREFIXES = frozenset({"pro", "anti"})


def _a_place_by_its_preposition(toks: list[Token], i: int) -> bool:
    """"a dam on the Blue Nile _ the river's main tributary _": nobody is "on the" or "along the" a person."""
    return i > 1 and toks[i - 1].text.lower() == "the" and toks[i - 2].text.lower() in _WHERE


_WHERE = frozenset({"on", "along", "across", "near", "beyond", "into", "through", "around", "up", "down", "upon"})


def _a_place_by_its_noun(toks: list[Token], i: int) -> bool:
    """ "the municipality of Zubin Potok offered ...": a name after a kind of place and "of" is the place's."""
    return i > 1 and toks[i - 1].text == "of" and toks[i - 2].text.lower() in _PLACE_NOUNS


_PLACE_NOUNS = frozenset({"municipality", "town", "city", "village", "district", "province", "region", "county",
                          "governorate", "island", "islands", "capital", "port"})


# Words that open a place's name or a sentence, never a person's: "West Africa", "Many Darfuris", "Top Pacific".
_NOT_FIRST_NAMES = frozenset({
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "High",
    "Greater", "Middle", "All", "Many", "Most", "Some", "Few", "Top", "Those", "These", "Several", "Both", "Each",
    "Every", "Other", "Such"})


def named_again_pass(sents: list[TokenSentence], gaz: Gazetteer, found: Collector, cue: Cues,
                     lowercase: set[str]) -> None:
    """An unknown name of two or three words is a person's when the text goes on to call them by its last word
    alone, acting or owning ("Manasseh Sogavare" ... "Sogavare was a polarizing figure", "Sogavare’s China policies"):
    places and organisations are not shortened that way. Words the text also writes in lower case ("North
    Darfur", "Email Share") and the gazetteer's places are not names."""
    spots: dict[str, list[tuple[TokenSentence, int, int]]] = {}
    acting: set[str] = set()
    alone: Counter[str] = Counter()
    for s in sents:
        toks = s.tokens
        for k, t in enumerate(toks):
            # a word on its own: not part of a longer name, and not after "the" ("the Nile’s waters", "the
            # Kremlin’s line": nobody's surname comes after "the")
            if not (t.capitalised and s.free(k, k + 1)) or k > 0 and (toks[k - 1].capitalised
                                                                     or toks[k - 1].text.lower() == "the"):
                continue
            after = toks[k + 1] if k + 1 < len(toks) else None
            # (opening a sentence only before a comma: "Bizenjo, a cadre of the BLA's Majeed Brigade, ...")
            if (k > 0 or after and after.text == ",") and not (after and after.capitalised):
                alone[t.text.rstrip("’'")] += 1
            if t.possessive or after and (after.text in cue.speech_verbs or after.text in AUXILIARIES
                                          or after.text == "who"):
                acting.add(t.text)
        i = 0
        while i < len(toks):
            t = toks[i]
            # ("When Kamchybek Tashiyev returned": a name may follow the word that opens the sentence)
            if not (t.capitalised and t.text[0].isalpha() and s.free(i, i + 1)) or t.text in ARTICLES \
                    or t.text.lower() in OPENERS:
                i += 1
                continue
            end = _name_run(toks, i, cue)
            words = s.surface(i, end).rstrip("’'").split()
            if 2 <= len(words) <= 3 and s.free(i, end) and not (end < len(toks) and toks[end].capitalised) \
                    and words[0] not in _NOT_FIRST_NAMES and min(map(len, words)) > 1 \
                    and not (i == 0 and _an_adverb(words[0])) \
                    and not any(w.lower() in lowercase or (w,) in gaz.names or (w,) in gaz.demonyms
                                or w in gaz.sources for w in words) \
                    and not names_a_place(toks, i, end, cue) and not is_org_head(tuple(words[-1:])):
                spots.setdefault(words[-1], []).append((s, i, end))
            i = max(end, i + 1)
    people = {form for c in found.found.values() if c.type == "person" for form in [c.name, *c.aliases]}
    for surname, where in spots.items():
        for s, i, end in where:
            if s.free(i, end) and (surname in acting or alone[surname] >= 2 or _paired_with(s, i, end, people)):
                name = s.surface(i, end).rstrip("’'")
                found.add(f"person:{name}", name, "person", s, name, role=_apposition(s, end))
                s.claim(i, end)


def _names_a_leader(toks: list[Token], i: int, end: int, gaz: Gazetteer, cue: Cues) -> bool:
    words = [t.text.rstrip("’'").removesuffix("’s").removesuffix("'s") for t in toks[i:end] if t.text[0].isalpha()]
    return len(words) >= 2 and words[0] not in _NOT_FIRST_NAMES and key(" ".join(words)) not in cue.places \
        and words[-1].lower() not in _PLACE_NOUNS | {"state", "regional", "federal", "national", "interim"} \
        and not re.search(r"(ian|ist|ese|ish|ic)$", words[-1]) \
        and not any((w,) in gaz.names or (w,) in gaz.demonyms for w in words)


def _speaker_of(toks: list[Token], i: int, end: int, gaz: Gazetteer, cue: Cues) -> int | None:
    """Where a name of two or three words ends, when a capitalised run reads "<name> of <body>" and a speech verb
    follows it; else None."""
    # ("the International Tribunal of the Law of the Sea backed": a body after "the")
    if end >= len(toks) or toks[end].text not in cue.speech_verbs or i > 0 and (
            toks[i - 1].capitalised or toks[i - 1].text.lower() in ARTICLES):
        return None
    of = next((k for k in range(i + 2, min(end, i + 4)) if toks[k].text == "of"), None)
    words = [t.text for t in toks[i:of]] if of else []
    if not (2 <= len(words) <= 3) or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words) \
            or words[0] in _NOT_FIRST_NAMES or words[0] in ARTICLES or is_org_head(tuple(words[-1:])) \
            or _is_known_name(toks, i, of, gaz) or any((w,) in gaz.names or (w,) in gaz.demonyms for w in words):
        return None
    return of


def _an_adverb(word: str) -> bool:
    """ "Currently Rodriguez leads ...": an adverb opening a sentence, not a first name."""
    return len(word) >= 7 and word.endswith("ly")


def _paired_with(s: TokenSentence, i: int, end: int, people: set[str]) -> bool:
    """ "religious leader Frinel Joseph and Regine Abraham", "Payton Knopf and Alexander Rondos, former envoys":
    a name joined by "and" to a person's is another person's."""
    text = s.sentence.text
    before = re.search(r"([\w’'.-]+(?: [\w’'.-]+){0,3}) and $", text[:s.tokens[i].start])
    after = re.match(r" and ([\w’'.-]+(?: [\w’'.-]+){0,3})", text[s.tokens[end - 1].end:])
    return any(m is not None and any(m[1].endswith(p) or m[1].startswith(p) for p in people)
               for m in (before, after))


def _speaks(toks: list[Token], i: int, end: int, cue: Cues) -> bool:
    """ "X said", "said X", "according to X", or leads: "the party led by Fazlur Rehman", "under the leadership of
    Nathan Bawm"."""
    after = toks[end].text if end < len(toks) else ""
    before = " ".join(t.text for t in toks[max(0, i - 2):i]).lower()
    # "said Lebanese shepherd Ali Yassin Diab": what the speaker is may come between the verb and the name
    k = i - 1
    while k > max(0, i - 4) and toks[k].text not in _SAID and toks[k].text not in _NOT_A_DESCRIPTION and (
            toks[k].text.islower() or toks[k].capitalised and toks[k + 1].text.islower()):
        k -= 1
    said_before = k >= 0 and toks[k].text in _SAID
    # ("led by Nobel Peace laureate Muhammad Yunus": a title in lower case, then the name, is the titled pass's)
    leads = before in _LEADS and not (end + 1 < len(toks) and after.islower() and toks[end + 1].capitalised)
    return after in cue.speech_verbs or before == "according to" or leads or said_before


_SAID = frozenset({"said", "says", "told", "added", "warned", "explained"})
# Between "said" and a name, words that start another phrase: "said in a Facebook Messenger chat", "says the
# instructors train Central African soldiers", "said his giant Central Asian state"
_NOT_A_DESCRIPTION = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "in", "on",
                                "at", "to", "for", "of", "by", "with", "from", "and", "or", "it", "he", "she", "they"})
# Words after a name that make it a party's or a movement's ("the Montana Accord movement")
_PARTY_WORDS = ("party", "movement")
_LEADS = ("led by", "headed by", "chaired by", "commanded by", "founded by", "leadership of")


def surname_pass(sents: list[TokenSentence], found: Collector, cue: Cues) -> None:
    """Later mentions of a person by surname ("al-Sudani", "Soleimani's") or by role ("the prime minister")."""
    people = [c for c in found.found.values() if c.type == "person"]
    surnames: dict[tuple[str, ...], Candidate] = {}
    for person in people:
        words = key(person.name)
        while len(words) > 2 and words[-1].rstrip(".") in _GENERATIONS:
            words = words[:-1]  # "Ferdinand Marcos Jr." is "Marcos"
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
                person = surnames.get(words) if len(words) == n else None
                if person and toks[i + n - 1].capitalised and s.free(i, i + n):
                    if end := administration_at(toks, i + n):  # "the Marcos administration"
                        add_administration(found, s, s.surface(i, i + n), end, person.country)
                        s.claim(i, end)
                        break
                    found.add(person.key, person.name, "person", s, s.surface(i, i + n))
                    s.claim(i, i + n)
                    break
            if toks[i].text.lower() == "the" and s.free(i, i + 3):
                person = by_role.get(tuple(t.text.lower() for t in toks[i + 1:i + 3]))
                if person:
                    found.add(person.key, person.name, "person", s, None)
                    s.claim(i, i + 3)


_GENERATIONS = frozenset({"Jr", "Sr", "II", "III", "IV"})


def merge_people(found: Collector) -> None:
    """ "Prime Minister al-Sudani" is "Mohammed Shia' al-Sudani": a name that ends another person's name. So is
    "General Oligui" "Brice Oligui Nguema", whose first surname is his own alone: a one-word name inside exactly
    one longer name, never as its first word."""
    people = sorted((c for c in found.found.values() if c.type == "person"), key=lambda c: -len(key(c.name)))
    for short in reversed(people):
        words = tuple(w.lower() for w in key(short.name))
        fulls = [full for full in people if full is not short and len(_words(full)) > len(words)]
        full = next((f for f in fulls if _words(f)[-len(words):] == words), None)
        inside = [f for f in fulls if len(words) == 1 and words[0] in _words(f)[1:-1]]
        if full is None and len(inside) == 1 and len(words[0]) > 2:
            full = inside[0]
        if full is not None:
            full.role = full.role or short.role
            full.code = full.code or short.code
            fold(found, short.key, full)


def _words(person: Candidate) -> tuple[str, ...]:
    return tuple(w.lower() for w in key(person.name))


def _role_words(role: str | None) -> tuple[str, ...]:
    """The last two words of a role, as "the prime minister" would refer to it."""
    return tuple(w.lower() for w in (role or "").split()[-2:])


def bare_title(role: str) -> bool:
    """ "Prime Minister" needs its country; "Pentagon press secretary" already says whose it is."""
    words = tuple(w for w in key(role) if w not in ("former", "deputy", "acting", "interim"))
    return bool(words) and any(title == words for title, _ in cues().titles.get(words[0], []))


def single_name_speakers_pass(s: TokenSentence, found: Collector, cue: Cues, lowercase: set[str]) -> None:
    """A lone capitalised name that speaks or acts ("Maersk said") and is no known person's surname; one that
    opens or stands inside exactly one known person's name is that person ("Liu added" after "Liu Dejun, a coast
    guard spokesperson, said": a family name written first)."""
    toks = s.tokens
    for i in range(1, len(toks) - 1):
        t = toks[i]
        if (not t.capitalised or not t.text.isalpha() or not s.free(i, i + 1) or t.text.lower() in lowercase
                or toks[i + 1].text not in cue.speech_verbs or toks[i - 1].capitalised
                or toks[i - 1].text in ("in", "at", "from", "near", "of", "to", "outside", "around")
                or toks[i + 1].text in AUXILIARIES or t.text.lower() in PRONOUNS or t.text.lower() in OPENERS):
            continue
        # ("Obiang said" after "Teodoro Nguema Obiang Mangue": a family name inside a longer one; a word of two
        # people's names is one of them, and no organisation's)
        opens = [c for c in found.found.values() if c.type == "person" and len(key(c.name)) > 1
                 and t.text in key(c.name)[:-1]]
        if len(opens) == 1:
            found.add(opens[0].key, opens[0].name, "person", s, t.text)
        elif not opens:
            found.add(f"org:{t.text}", t.text, "organisation", s, t.text)
        s.claim(i, i + 1)
