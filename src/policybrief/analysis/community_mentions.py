"""Peoples, clans and communities the text names ("the Meitei community", "Kuki tribes", "the Isaaq clan", "the
Hungarian minority"): the sides of ethnic and local conflicts, which no gazetteer lists."""

from __future__ import annotations

from .actor_cues import ARTICLES, OPENERS, Cues
from .gazetteer import Gazetteer
from .mentions import Collector, TokenSentence, lookup
from .tokens import Token, key

# After a country's demonym these name a part of its people ("the Greek minority"); "the Afghan people" is the
# nation itself, and the state is its actor.
DEMONYM_HEADS = frozenset({"community", "minority", "diaspora"})
_LONGEST = 3


def communities_pass(sents: list[TokenSentence], gaz: Gazetteer, found: Collector, cue: Cues,
                     lowercase: set[str]) -> None:
    named: dict[tuple[str, ...], str] = {}  # the name's words -> its candidate's key
    for s in sents:
        toks = s.tokens
        for k in range(1, len(toks)):
            if toks[k].text not in cue.community_heads or not s.free(k, k + 1):
                continue
            i = _name_start(toks, k, s)
            words = key(s.surface(i, k)) if i < k else ()
            if not words or not _a_peoples_name(toks, i, k, words, gaz, cue, lowercase):
                continue
            run = tuple(w.lower() for w in words)
            key_ = named.setdefault(run, f"community:{' '.join(run)}")
            found.add(key_, s.surface(i, k + 1), "organisation", s, s.surface(i, k + 1))
            s.claim(i, k + 1)
    for s in sents:  # then "the Meitei" and "the Kukis", named alone
        toks = s.tokens
        for i in range(len(toks)):
            for run, key_ in named.items():
                j = i + len(run)
                words = tuple(t.text.lower() for t in toks[i:j])
                plural = words[:-1] + (words[-1].removesuffix("s"),) if words else ()
                if (words == run or plural == run) and toks[i].capitalised and s.free(i, j) \
                        and not (j < len(toks) and toks[j].text in cue.group_heads):
                    found.add(key_, "", "organisation", s, s.surface(i, j))
                    s.claim(i, j)
                    break


def _name_start(toks: list[Token], k: int, s: TokenSentence) -> int:
    """Where the capitalised name before the head begins: "the Sweida Druze community" -> "Sweida"."""
    i = k
    while i > 0 and k - i < _LONGEST and s.free(i - 1, i) and (
            toks[i - 1].capitalised and toks[i - 1].text[0].isalpha() and toks[i - 1].text not in ARTICLES
            and not toks[i - 1].possessive
            or toks[i - 1].text == "-" and i > 1 and toks[i - 2].capitalised):
        i -= 1
    while i < k and (toks[i].text == "-" or toks[i].text.lower() in OPENERS):
        i += 1
    return i


def _a_peoples_name(toks: list[Token], i: int, k: int, words: tuple[str, ...], gaz: Gazetteer, cue: Cues,
                    lowercase: set[str]) -> bool:
    if i == 0 and toks[k].text in ("people", "peoples"):
        return False  # "Four people", "Many people": a count opening the sentence
    demonym = lookup(toks, i, gaz.demonyms, _LONGEST)
    if demonym and demonym[1] == k:
        return toks[k].text in DEMONYM_HEADS  # "the Greek minority", but "the Afghan people" is Afghanistan
    if (hit := lookup(toks, i, gaz.names, _LONGEST)) and hit[1] == k:
        return False  # "the Kosovo community", "the Hong Kong people": a place's people, or a known body's
    # a word the text also writes in lower case is an ordinary one opening the sentence ("Other tribes")
    return all(w.lower() not in lowercase for w in words if w != "-")
