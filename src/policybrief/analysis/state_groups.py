"""Groups of states that a text treats as one side: "the Baltic states", "Central Asian republics", "Western
powers", "the West". No one state stands for them, and they are often central to a story about a region."""

from __future__ import annotations

from .actor_cues import Cues
from .mentions import Collector, TokenSentence


def state_groups_pass(s: TokenSentence, found: Collector, cue: Cues) -> None:
    toks = s.tokens
    i = 0
    while i < len(toks):
        hit = _group_at(s, i, cue)
        if hit is None:
            i += 1
            continue
        end, group, kind = hit
        surface = s.surface(i, end)
        name = surface[0].upper() + surface[1:] if found.found.get(f"group:{group}") is None else ""
        found.add(f"group:{group}", name, kind, s, surface)
        s.claim(i, end)
        i = end


def _group_at(s: TokenSentence, i: int, cue: Cues) -> tuple[int, str, str] | None:
    toks = s.tokens
    if not s.free(i, i + 1):
        return None
    for phrase, (group, kind) in cue.state_group_names.items():
        n = len(phrase)
        if toks[i].text.lower() == "the" and tuple(t.text for t in toks[i + 1:i + n]) == phrase[1:] \
                and s.free(i, i + n) and not _named_after(toks, i + n):
            return i + n, group, kind  # "the West", "the Baltics", but not "the West Bank"
    for n in (2, 1):
        adjective = tuple(t.text for t in toks[i:i + n])
        group = cue.state_group_adjectives.get(adjective)
        if group and len(adjective) == n and i + n < len(toks) \
                and toks[i + n].text.lower() in cue.state_group_nouns and s.free(i, i + n + 1) \
                and not _named_after(toks, i + n + 1) \
                and not (toks[i + n].capitalised and i > 0 and toks[i - 1].text == "of"):
            return i + n + 1, group, "state"  # but "the League of Arab States" is a named body
    return None


def _named_after(toks: list, j: int) -> bool:
    """ "the West Bank", "Baltic States Defence College": the words begin a longer name."""
    return j < len(toks) and toks[j].capitalised and toks[j].text[0].isalpha()
