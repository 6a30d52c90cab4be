"""Bottom line up front and key judgments, built from the lead (news puts the main fact first) and the
analysis parts; every judgment cites the sentences it rests on."""

from __future__ import annotations

import re

from ..brief import Actor, Figure, Judgment, Risk, Sentence, Tension, Themes
from ..furniture import strip_dateline

_OUTLOOK = re.compile(r"\b(unlikely|likely|expected to|uncertain|could|may|might|risk|warn\w*|fear\w*|threat\w*|"
                      r"remains?|will)\b", re.I)
_MAX_JUDGMENTS = 5


def lead_sentences(sentences: list[Sentence], n: int = 2) -> list[Sentence]:
    """The first real sentences: long enough to state a fact, not a question, not a dangling fragment."""
    out = []
    for s in sentences:
        words = s.text.split()
        if len(words) >= 8 and not s.text.rstrip().endswith("?") and s.text[:1].isupper():
            out.append(s)
        if len(out) == n:
            break
    return out or sentences[:1]


def bottom_line(sentences: list[Sentence], themes: Themes, risk: Risk, tension: Tension) -> tuple[str, list[str]]:
    lead = lead_sentences(sentences, 1)
    parts = [strip_dateline(s.text) for s in lead]
    evidence = [s.id for s in lead]
    outlook = _outlook(sentences, exclude=set(evidence))
    if outlook is not None:
        parts.append(outlook.text)
        evidence.append(outlook.id)
    if themes.power_vacuum.present or risk.rating != "low":
        present = [i.label[0].lower() + i.label[1:] for i in risk.indicators if i.present][:2]
        parts.append(f"Power-vacuum risk is {risk.rating}" + (f" ({'; '.join(present)})." if present else "."))
    elif themes.sovereignty.present and themes.security.present:
        parts.append(tension.assessment)
    return " ".join(parts), evidence


def _outlook(sentences: list[Sentence], exclude: set[str]) -> Sentence | None:
    """The article's own forward-looking judgment, preferring analysts' hedged assessments."""
    scored = []
    for i, s in enumerate(sentences):
        if s.id in exclude or s.text.rstrip().endswith("?") or len(s.text.split()) < 8:
            continue
        hits = len(_OUTLOOK.findall(s.text)) + 2 * bool(re.search(r"\b(analysts?|experts?|officials?) (say|said|"
                                                                    r"suggest|warn)", s.text))
        if hits:
            scored.append((hits, -i, s))
    return max(scored, key=lambda t: t[:2])[2] if scored else None


def key_judgments(sentences: list[Sentence], actors: list[Actor], themes: Themes, tension: Tension, risk: Risk,
                  figures: list[Figure], bluf_evidence: list[str]) -> list[Judgment]:
    """Judgments that go beyond the bottom line: the next development, who matters, the framing, the risk."""
    judgments: list[Judgment] = []
    follow_up = [s for s in lead_sentences(sentences, 3) if s.id not in bluf_evidence][:1]
    if follow_up:
        judgments.append(Judgment(text=strip_dateline(follow_up[0].text), evidence=[follow_up[0].id]))
    central = [a for a in actors if a.central][:4] or actors[:3]
    if central:
        names = ", ".join(a.name for a in central[:-1]) + (" and " if len(central) > 1 else "") + central[-1].name
        judgments.append(Judgment(text=f"The central actors are {names}.",
                                  evidence=list(dict.fromkeys(e for a in central for e in a.evidence[:1]))))
    if themes.sovereignty.present or themes.security.present:
        judgments.append(Judgment(text=tension.assessment, evidence=tension.evidence))
    present = [i for i in risk.indicators if i.present]
    if present:
        judgments.append(Judgment(text=risk.explanation,
                                  evidence=list(dict.fromkeys(e for i in present for e in i.evidence[:1]))))
    used = {e for j in judgments for e in j.evidence} | set(bluf_evidence)
    outlook = _outlook(sentences, exclude=used)
    if outlook is not None and len(judgments) < _MAX_JUDGMENTS:
        judgments.append(Judgment(text=f"Outlook: {outlook.text}", evidence=[outlook.id]))
    if len(judgments) < 3 and figures:
        f = figures[0]
        judgments.append(Judgment(text=f"Key figure: {f.text} {f.what}.", evidence=[f.evidence]))
    return judgments[:_MAX_JUDGMENTS]
