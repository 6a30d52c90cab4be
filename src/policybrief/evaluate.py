"""Analysis quality against hand-made gold files: the metrics of the project's scorer, owned by the package.

`score` compares one brief (as brief.json data) with one gold annotation; `check_gold` holds a gold file to
the annotation conventions (docs/gold-conventions.md). The metrics and their names are fixed: evaluation
tools outside the repository read the same brief.json and print the same columns.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policybrief.data import SafeLoader

METRICS = ["recall", "central", "precision", "type_acc", "themes", "evidence", "figures", "years", "boilerplate",
           "published", "author", "kind", "risk", "clean"]
ACTOR_TYPES = {"state", "government_body", "international_org", "armed_group", "organisation", "person"}
GOLD_KEYS = ["article", "headline", "published", "author", "kind", "actors", "themes", "vacuum_risk", "figures",
             "dates", "boilerplate", "bluf"]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.lower()
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = re.sub(r"\b(the|al|el)\b", " ", text)
    text = text.replace("'s ", " ").replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


def _forms(actor: dict) -> set[str]:
    out = {norm(actor.get("name", ""))}
    out |= {norm(a) for a in actor.get("aliases", []) or []}
    return {f for f in out if f}


def _last_token(actor: dict) -> str | None:
    if actor.get("type") != "person":
        return None
    toks = norm(actor.get("name", "")).split()
    return toks[-1] if toks else None


def matches(brief_actor: dict, gold_actor: dict) -> bool:
    """One of the brief's actors is a gold actor: a shared surface form, or a person's shared surname."""
    if _forms(brief_actor) & _forms(gold_actor):
        return True
    bl, gl = _last_token(brief_actor), _last_token(gold_actor)
    return bool(bl and gl and bl == gl and len(bl) > 3)


def _tokens(text: str) -> set[str]:
    return set(norm(text).split())


def jaccard(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / max(1, len(ta | tb))


def score(brief: dict, gold: dict) -> dict:
    """The metrics of one brief against its gold; None where the gold has nothing to measure."""
    b_actors = brief.get("actors", []) or []
    g_actors = gold.get("actors", []) or []
    central = [g for g in g_actors if g.get("central")]
    found = [g for g in g_actors if any(matches(b, g) for b in b_actors)]
    found_central = [g for g in central if any(matches(b, g) for b in b_actors)]
    true_pos = [b for b in b_actors if any(matches(b, g) for g in g_actors)]
    type_ok = 0
    for g in found:
        b = next(b for b in b_actors if matches(b, g))
        type_ok += b.get("type") == g.get("type")

    sentences = {s["id"]: s["text"] for s in brief.get("sentences", []) or []}
    themes = brief.get("themes", {}) or {}
    g_themes = gold.get("themes", {}) or {}
    theme_ok, evidence_hit, evidence_total = 0, 0, 0
    for name in ("sovereignty", "security", "power_vacuum"):
        predicted = bool((themes.get(name) or {}).get("present"))
        theme_ok += predicted == bool(g_themes.get(name))
        gold_ev = (g_themes.get("evidence") or {}).get(name) or []
        if g_themes.get(name) and gold_ev:
            evidence_total += 1
            ev_text = [sentences.get(i, i) for i in (themes.get(name) or {}).get("evidence", [])]
            evidence_hit += any(jaccard(e, g) >= 0.5 for e in ev_text for g in gold_ev)

    g_figs = [f for f in gold.get("figures", []) or [] if isinstance(f.get("value"), (int, float))]
    b_vals = set()
    for f in brief.get("figures", []) or []:
        with contextlib.suppress(TypeError, ValueError):
            b_vals.add(float(f.get("value")))
    fig_hit = sum(float(f["value"]) in b_vals for f in g_figs)

    g_years = [m.group(0) for d in gold.get("dates", []) or []
               if (m := re.search(r"\b(19|20)\d\d\b", str(d.get("when"))))]
    b_when = " ".join(str(t.get("when", "")) + " " + str(t.get("what", "")) for t in brief.get("timeline", []) or [])
    year_hit = sum(y in b_when for y in g_years)

    body = " ".join(norm(t) for t in sentences.values())
    bp = gold.get("boilerplate", []) or []

    def kept(line: str) -> bool:
        lt = _tokens(line)
        if len(lt) >= 6:
            return norm(line) in body
        return any(lt <= _tokens(t) and len(_tokens(t)) <= len(lt) + 3 for t in sentences.values())

    bp_removed = sum(not kept(line) for line in bp if norm(line))
    bp_total = sum(1 for line in bp if norm(line))
    all_ev = [e for evs in (g_themes.get("evidence") or {}).values() for e in evs]
    wrongly_removed = sum(norm(e) not in body for e in all_ev)

    info = brief.get("article", {}) or {}
    published = author = kind = risk = None
    if gold.get("published"):
        published = float(str(info.get("published") or "")[:10] == str(gold["published"])[:10])
    if gold.get("author"):
        author = float(bool(info.get("author")) and norm(gold["author"]) in norm(info.get("author") or ""))
    if gold.get("kind"):
        kind = float(info.get("kind") == gold["kind"])
    if gold.get("vacuum_risk"):
        risk = float(((brief.get("risk") or {}).get("rating")) == gold["vacuum_risk"])

    # The bottom line and key judgments must be the brief's own sentences about the situation: no page
    # furniture, no wire dateline, and not the headline run into the text.
    judgments = [str(j.get("text", "")) for j in brief.get("key_judgments", []) or []]
    lead = " ".join([str(brief.get("bluf") or ""), *judgments])
    lead_n = norm(lead)
    dirty = [line for line in bp if len(_tokens(line)) >= 3 and norm(line) in lead_n]
    headline = gold.get("headline")
    if headline and len(_tokens(headline)) >= 4 and norm(headline) in norm(brief.get("bluf") or ""):
        dirty.append("headline")
    if re.search(r"\b[A-Z]{3,}[A-Z .,'-]*\((AP|Reuters|AFP|UPI)\)", lead):
        dirty.append("dateline")

    return {
        "actors": len(b_actors),
        "recall": len(found) / max(1, len(g_actors)),
        "central": len(found_central) / max(1, len(central)),
        "precision": len(true_pos) / max(1, len(b_actors)),
        "type_acc": type_ok / max(1, len(found)),
        "themes": theme_ok / 3,
        # An article with no theme to quote for has no evidence to measure: the shared scorer counts it 0, which
        # marks down a brief for agreeing that the page raises none of the three (137 of 1,303 held-back pages).
        "evidence": evidence_hit / evidence_total if evidence_total else None,
        "figures": fig_hit / max(1, len(g_figs)) if g_figs else None,
        "years": year_hit / max(1, len(g_years)) if g_years else None,
        "boilerplate": bp_removed / bp_total if bp_total else None,
        "published": published,
        "author": author,
        "kind": kind,
        "risk": risk,
        "clean": float(not dirty),
        "lost_evidence": wrongly_removed,
    }


@dataclass
class Row:
    gold: Path
    scores: dict | None  # None: the brief could not be made
    error: str | None = None
    seconds: float = 0.0


@dataclass
class SetResult:
    name: str
    rows: list[Row] = field(default_factory=list)

    def means(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for key in METRICS:
            # A failed brief counts as 0 on every metric, as the scorer does.
            vals = [0.0 if r.scores is None else r.scores[key] for r in self.rows
                    if r.scores is None or r.scores[key] is not None]
            out[key] = sum(vals) / len(vals) if vals else None
        return out

    @property
    def failed(self) -> int:
        return sum(r.scores is None for r in self.rows)

    @property
    def lost_evidence(self) -> int:
        return sum(r.scores["lost_evidence"] for r in self.rows if r.scores)


def gold_files(target: Path) -> list[Path]:
    """The article gold files of a target; a situation folder's `situation.gold.yaml` is scored on its own."""
    return sorted(p for p in target.glob("*.yaml") if p.name != "situation.gold.yaml") if target.is_dir() \
        else [target]


def load_gold(path: Path) -> tuple[dict, Path]:
    """A gold file and the article it annotates (beside it, or in the folder above)."""
    gold = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    article = path.parent / gold["article"]
    if not article.exists():
        article = path.parent.parent / gold["article"]
    return gold, article


def evaluate(targets: Iterable[Path], brief_of: Callable[[Path], dict]) -> list[SetResult]:
    """Score every gold file of every target (a folder is one set; loose files form one set together)."""
    import time

    results: list[SetResult] = []
    loose = SetResult("files")
    for target in targets:
        result = SetResult(str(target)) if target.is_dir() else loose
        for path in gold_files(target):
            gold, article = load_gold(path)
            t0 = time.perf_counter()
            try:
                brief = brief_of(article)
            except Exception as exc:  # noqa: BLE001 - a failed brief is a row of the table, not the end of it
                result.rows.append(Row(path, None, error=str(exc).splitlines()[0] if str(exc) else repr(exc)))
                continue
            result.rows.append(Row(path, score(brief, gold), seconds=time.perf_counter() - t0))
        if result is not loose:
            results.append(result)
    if loose.rows:
        results.append(loose)
    return results


# An unquoted comma in a flow mapping ({value: 3, what: 3,000 troops}) splits an entry into extra keys, and in a
# flow list it splits an alias; both load without a YAML error, so the shape is checked before the content.
ENTRY_KEYS = {"actors": {"name", "aliases", "type", "role", "central"}, "figures": {"value", "what"},
              "dates": {"when", "what"}}


def _shape_errors(gold: dict) -> list[str]:
    errors = []
    for key, allowed in ENTRY_KEYS.items():
        for n, entry in enumerate(gold.get(key) or [], 1):
            if not isinstance(entry, dict) or not set(entry) <= allowed:
                errors.append(f"{key} entry {n} is not a mapping of {', '.join(sorted(allowed))} "
                              f"(quote a value with a comma or colon): {str(entry)[:60]!r}")
    evidence = (gold.get("themes") or {}).get("evidence") or {}
    strings = {"boilerplate": gold.get("boilerplate") or [],
               **{f"{name} evidence": evidence.get(name) or [] for name in evidence},
               **{f"aliases of {a.get('name')!r}": a.get("aliases") or [] for a in gold.get("actors") or []
                  if isinstance(a, dict)}}
    for where, items in strings.items():
        errors += [f"{where}: {item!r} is not a string (quote it)" for item in items if not isinstance(item, str)]
    return errors


def check_gold(path: Path) -> list[str]:
    """What keeps a gold file from meeting the annotation conventions (empty when it meets them)."""
    try:
        gold, article = load_gold(path)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        return [f"cannot be read as a gold file ({str(exc).splitlines()[0]})"]
    errors = [f"missing key {k!r}" for k in GOLD_KEYS if k not in gold]
    if shape := _shape_errors(gold):
        return errors + shape
    if yaml.load(yaml.safe_dump(gold, allow_unicode=True, sort_keys=False), Loader=SafeLoader) != gold:
        errors.append("does not load back unchanged")
    if not article.exists():
        return errors + [f"article {gold['article']!r} not found"]
    body = article.read_text(encoding="utf-8")
    whole_lines = {line.strip() for line in body.splitlines()} | set(body.splitlines())
    if gold.get("published") is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", str(gold["published"])):
        errors.append(f"published is not YYYY-MM-DD: {gold['published']!r}")
    if gold.get("kind") not in {"news", "opinion", "analysis"}:
        errors.append(f"kind is not news, opinion or analysis: {gold.get('kind')!r}")
    if gold.get("vacuum_risk") not in {"low", "moderate", "high"}:
        errors.append(f"vacuum_risk is not low, moderate or high: {gold.get('vacuum_risk')!r}")
    actors = gold.get("actors") or []
    if (central := sum(bool(a.get("central")) for a in actors)) != 5:
        errors.append(f"{central} central actors instead of 5")
    for actor in actors:
        if actor.get("type") not in ACTOR_TYPES:
            errors.append(f"actor {actor.get('name')!r} has type {actor.get('type')!r}")
        errors += [f"alias {a!r} of {actor.get('name')!r} is not in the article"
                   for a in actor.get("aliases") or [] if str(a) not in body]
    themes = gold.get("themes") or {}
    evidence = themes.get("evidence") or {}
    for name in ("sovereignty", "security", "power_vacuum"):
        if not isinstance(themes.get(name), bool):
            errors.append(f"theme {name} is not true or false")
        elif themes[name] and not evidence.get(name):
            errors.append(f"theme {name} is true without evidence")
        errors += [f"{name} evidence is not verbatim: {s[:60]!r}" for s in evidence.get(name) or []
                   if str(s) not in body]
    errors += [f"boilerplate is not a whole line: {b!r}" for b in gold.get("boilerplate") or []
               if str(b) not in whole_lines]
    return errors
