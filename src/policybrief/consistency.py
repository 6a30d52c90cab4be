"""The consistency check: a brief whose prose, tables and rating disagree is not forwarded.

Each rule reads two parts of one brief that must agree (the rating and its indicators, the likelihood word and
the rating, the bottom line and the judgment, the framing sentence and the theme calls) and names the
disagreement in words. An empty list is a consistent brief.
"""

from __future__ import annotations

import re

from .brief import Brief

LIKELIHOOD_FOR = {
    "low": {"almost no chance", "very unlikely", "unlikely"},
    "moderate": {"roughly even chance"},
    "high": {"likely", "very likely", "almost certain"},
}
# Phrases of the old engine that read as a machine talking; none may reach a brief.
MACHINE_PHRASES = re.compile(r"Rated (low|moderate|high) \(|The central actors are|framed in \d+ sentence|"
                             r"\bOutlook:|Main state in the article|Balance [-+]?\d", re.I)
_DENIES = {
    "sovereignty": re.compile(r"sovereignty is not (at issue|a theme)|neither national sovereignty", re.I),
    "security": re.compile(r"security (threats )?(is|are) not (its concern|at issue|a theme)|nor security", re.I),
}


def contradictions(brief: Brief) -> list[str]:
    found = []
    risk, themes = brief.risk, brief.themes
    present = [i for i in risk.indicators if i.present]
    if risk.rating != "low" and not present and not themes.power_vacuum.present:
        found.append(f"the risk is rated {risk.rating} but no indicator is present and no vacuum is discussed")
    if risk.likelihood not in LIKELIHOOD_FOR[risk.rating]:
        found.append(f"the likelihood '{risk.likelihood}' does not fit a {risk.rating} rating")
    if risk.likelihood not in risk.judgment:
        found.append("the vacuum judgment does not use the likelihood word")
    if risk.judgment and risk.judgment not in brief.bluf:
        found.append("the bottom line does not carry the vacuum judgment")
    if re.search(r"confiden", risk.judgment, re.I):
        found.append("the likelihood and the confidence share one sentence")
    for indicator in risk.indicators:
        if indicator.present != bool(indicator.evidence):
            found.append(f"indicator '{indicator.label}' is {'present' if indicator.present else 'absent'} "
                         f"but {'has no' if indicator.present else 'has'} evidence")
    for name, denial in _DENIES.items():
        theme = getattr(themes, name)
        for text in (brief.tension.assessment, brief.bluf, *(j.text for j in brief.key_judgments)):
            if theme.present and denial.search(text):
                found.append(f"{name} is marked present but the text says it is not at issue")
    if f"Confidence is {brief.sourcing.confidence}" not in brief.bluf:
        found.append("the bottom line does not state the sourcing's confidence level")
    for text in (brief.bluf, brief.tension.assessment, risk.explanation, *(j.text for j in brief.key_judgments),
                 *(a.role or "" for a in brief.actors)):
        if m := MACHINE_PHRASES.search(text):
            found.append(f"machine phrasing in the text: '{m.group(0)}'")
    known = {s.id for s in brief.sentences}
    for judgment in brief.key_judgments:
        missing = [e for e in judgment.evidence if e not in known]
        if not judgment.evidence or missing:
            found.append(f"a key judgment cites {'nothing' if not judgment.evidence else missing}")
    return found
