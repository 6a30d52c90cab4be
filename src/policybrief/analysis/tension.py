"""Tension: where the article sets national sovereignty against security, and which way it leans."""

from __future__ import annotations

from ..brief import Sentence, Tension, Themes
from .themes import SentenceScores

_SIDE_EVIDENCE = 3


def assess_tension(sentences: list[Sentence], scores: SentenceScores, themes: Themes, state: str | None) -> Tension:
    sov = scores.weights["sovereignty"] if themes.sovereignty.present else {}
    sec = scores.weights["security"] if themes.security.present else {}
    sov_total, sec_total = sum(sov.values()), sum(sec.values())
    balance = 0.0 if not (sov_total + sec_total) else (sov_total - sec_total) / (sov_total + sec_total)
    both = [s.id for s in sentences if s.id in sov and s.id in sec]
    sov_side = _top(sov, sentences)
    sec_side = _top(sec, sentences)
    where = f" for {state}" if state else ""
    if not sov and not sec:
        assessment = "The article does not frame its subject in terms of sovereignty or security."
    elif not sov:
        assessment = (f"The article treats the situation{where} as a security matter; national sovereignty is not "
                      "at issue in it.")
    elif not sec:
        assessment = (f"The article frames the situation{where} as a question of sovereignty; security threats "
                      "are not its concern.")
    else:
        lean = ("leans towards sovereignty" if balance > 0.2 else "leans towards security" if balance < -0.2
                else "weighs the two about evenly")
        joint = (f" {len(both)} sentence{'s' if len(both) != 1 else ''} set{'s' if len(both) == 1 else ''} the two "
                 "against each other directly." if both else "")
        assessment = (f"The article sets national sovereignty{where} against security and {lean} "
                      f"({len(sov)} sentences on sovereignty, {len(sec)} on security).{joint}")
    order = {s.id: i for i, s in enumerate(sentences)}
    evidence = sorted(set(both[:2] + sov_side[:1] + sec_side[:1]), key=order.__getitem__)
    return Tension(balance=round(max(-1.0, min(1.0, balance)), 3), assessment=assessment, evidence=evidence,
                   sovereignty_evidence=sov_side, security_evidence=sec_side)


def _top(weights: dict[str, float], sentences: list[Sentence]) -> list[str]:
    order = {s.id: i for i, s in enumerate(sentences)}
    best = sorted(weights, key=lambda sid: (-weights[sid], order[sid]))[:_SIDE_EVIDENCE]
    return sorted(best, key=order.__getitem__)
