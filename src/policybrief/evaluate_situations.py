"""Merged briefs against hand-made situation gold: a folder per situation holding its articles, one gold file
per article and `situation.gold.yaml` (situation key, wire copies, merged actors, agreements, disagreements).

`score_situation` takes the merged brief and each article's own brief as brief.json data, so the same scorer
can judge any tool that writes the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .evaluate import matches

GOLD_NAME = "situation.gold.yaml"
METRICS = ["grouped", "merged_recall", "merged_central", "wire_copies", "agreements", "disagreements",
           "false_disagreements"]


def situation_folders(target: Path) -> list[Path]:
    if (target / GOLD_NAME).is_file():
        return [target]
    return sorted(p.parent for p in target.glob(f"*/{GOLD_NAME}"))


def score_situation(gold: dict, merged: dict, singles: dict[str, dict]) -> dict:
    """`singles`: each article's own brief by its file name; `merged`: the brief merged from all of them, whose
    `sources` list the articles by path."""
    key = gold["situation"]["key"]
    grouped = sum(((b.get("situation") or {}).get("key") == key) for b in singles.values()) / max(1, len(singles))
    names = [Path(s.get("path", "")).name for s in merged.get("sources") or []]
    index = {name: n for n, name in enumerate(names)}
    actors = merged.get("actors") or []
    gold_actors = gold.get("merged_actors") or []
    found = [g for g in gold_actors if any(matches(a, g) for a in actors)]
    central = [g for g in gold_actors if g.get("central")]

    copies = {n: s["copy_of"] for n, s in enumerate(merged.get("sources") or []) if s.get("copy_of") is not None}
    predicted_groups = _groups(copies)
    gold_groups = {frozenset(index.get(name, -1) for name in group) for group in gold.get("wire_copies") or []}

    def same_story(n: int) -> int:  # a copy stands for the story it copies
        return copies.get(n, n)

    corroboration = merged.get("corroboration") or {}
    predicted_agreements = [{same_story(int(s)) for s in a.get("sources", [])}
                            for a in corroboration.get("agreements") or []]
    gold_agreements = [{same_story(index.get(s, -1)) for s in a.get("sources", [])}
                       for a in gold.get("agreements") or []]
    agreed = sum(any(len(g & p) >= 2 for p in predicted_agreements) for g in gold_agreements)

    predicted = [(d.get("kind"), {same_story(int(s)) for s in (d.get("values") or {})})
                 for d in corroboration.get("disagreements") or []]
    planted = [(d.get("kind"), {same_story(index.get(s, -1)) for s in (d.get("values") or {})})
               for d in gold.get("disagreements") or []]
    # A reported disagreement covers a planted one when it is of its kind and quotes at least its sources (one
    # row may give a third source's value too); each row covers one planted disagreement at most.
    unused = list(predicted)
    reported = 0
    for kind, sources in planted:
        cover = next((p for p in unused if p[0] == kind and sources <= p[1]), None)
        if cover is not None:
            unused.remove(cover)
            reported += 1
    # A row is false when no planted disagreement of its kind is between two of its sources: a row that finds
    # two of a planted disagreement's three sources is incomplete (not reported, above), not false.
    false = sum(not any(k == gk and len(gs & sources) >= 2 for gk, gs in planted) for k, sources in predicted)
    return {
        "grouped": grouped,
        "merged_recall": len(found) / max(1, len(gold_actors)),
        "merged_central": sum(g in found for g in central) / max(1, len(central)),
        "wire_copies": float(predicted_groups == gold_groups),
        "agreements": agreed / len(gold_agreements) if gold_agreements else None,
        "disagreements": reported / len(planted) if planted else None,
        "false_disagreements": float(false),
    }


def _groups(copies: dict[int, int]) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for copy, original in copies.items():
        groups.setdefault(original, {original}).add(copy)
    return {frozenset(g) for g in groups.values()}


@dataclass
class SituationResult:
    name: str
    rows: list[tuple[Path, dict]] = field(default_factory=list)

    def means(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for key in METRICS:
            vals = [scores[key] for _, scores in self.rows if scores[key] is not None]
            out[key] = sum(vals) / len(vals) if vals else None
        return out


def evaluate_situations(targets: Iterable[Path], merged_of: Callable[[list[Path]], dict],
                        brief_of: Callable[[Path], dict]) -> list[SituationResult]:
    results = []
    for target in targets:
        result = SituationResult(str(target))
        for folder in situation_folders(target):
            gold = yaml.safe_load((folder / GOLD_NAME).read_text(encoding="utf-8"))
            articles = [folder / name for name in gold["articles"]]
            singles = {a.name: brief_of(a) for a in articles}
            result.rows.append((folder, score_situation(gold, merged_of(articles), singles)))
        results.append(result)
    return results
