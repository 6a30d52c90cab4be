"""How far two annotators agree, and how far the analysis agrees with each: the ceiling a target can ask for.

    python scripts/annotator_agreement.py

Reads the second annotation of 48 tuning pages (tests/realset/agreement.yaml), the first (the gold files in
tests/realset/tune) and the brief the analysis writes for each page, and prints one row per judgment: the share
of pages on which the first annotator and the second agree, and on which the analysis agrees with each.
Central actors are compared by name: the share of one side's five found among the other's (a name matches when
one contains the other once case, accents and "the" are set aside).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from policybrief import evaluate
from policybrief.article_brief import analyze_file

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests/realset/agreement.yaml"
FIRST = ROOT / "tests/realset/tune"
THEMES = ("sovereignty", "security", "power_vacuum")


def _judgments(first: dict, second: dict, brief: dict) -> dict[str, tuple]:
    """Per judgment: (first annotator, second annotator, analysis)."""
    rows = {
        "kind": (first["kind"], second["kind"], brief["article"]["kind"]),
        "vacuum risk": (first["vacuum_risk"], second["vacuum_risk"], brief["risk"]["rating"]),
        "published": tuple(str(v)[:10] if v else None for v in
                           (first.get("published"), second.get("published"), brief["article"].get("published"))),
        "author": tuple(evaluate.norm(v) if v else None for v in
                        (first.get("author"), second.get("author"), brief["article"].get("author"))),
    }
    for theme in THEMES:
        rows[theme] = (bool(first["themes"].get(theme)), bool(second["themes"].get(theme)),
                       brief["themes"][theme]["present"])
    return rows


def _central(first: dict, second: dict, brief: dict) -> tuple[list[set[str]], list[set[str]], list[set[str]]]:
    """Each side's five central actors, each as the set of its names."""
    def names(actor: dict) -> set[str]:
        return {evaluate.norm(n) for n in [actor["name"], *(actor.get("aliases") or [])] if evaluate.norm(n)}

    return ([names(a) for a in first["actors"] if a.get("central")],
            [{evaluate.norm(n)} for n in second.get("central") or []],
            [names(a) for a in brief["actors"] if a.get("central")])


def _found(these: list[set[str]], among: list[set[str]]) -> tuple[int, int]:
    hits = sum(any(a in b or b in a for name in among for a in actor for b in name) for actor in these)
    return hits, len(these)


def main() -> None:
    second_all = yaml.safe_load(SECOND.read_text(encoding="utf-8"))
    agree: dict[str, list[int]] = {}
    central = [[0, 0], [0, 0], [0, 0]]
    for stem, second in sorted(second_all.items()):
        first, article = evaluate.load_gold(FIRST / f"{stem}.gold.yaml")
        brief = json.loads(analyze_file(article).to_json())
        for name, (a, b, c) in _judgments(first, second, brief).items():
            counts = agree.setdefault(name, [0, 0, 0, 0])
            counts[0] += a == b
            counts[1] += c == a
            counts[2] += c == b
            counts[3] += 1
        one, two, ours = _central(first, second, brief)
        for k, (these, among) in enumerate([(one, two), (ours, one), (ours, two)]):
            hits, n = _found(these, among)
            central[k][0] += hits
            central[k][1] += n
    print(f"{len(second_all)} pages of tests/realset/tune, annotated twice")
    print(f"{'judgment':<14} {'1st vs 2nd':>11} {'ours vs 1st':>12} {'ours vs 2nd':>12}")
    for name, (ab, ca, cb, n) in agree.items():
        print(f"{name:<14} {ab / n:>11.2f} {ca / n:>12.2f} {cb / n:>12.2f}")
    print(f"{'central five':<14}" + "".join(f"{h / max(n, 1):>{w}.2f}" for (h, n), w in zip(central, (12, 13, 13),
                                                                                              strict=True)))


if __name__ == "__main__":
    main()
