"""The actor gazetteer: shipped YAML (states, organisations, news sources) plus analysts' own files.

An analyst's file is a YAML list in the same shape as data/organisations.yaml (name, type, code, aliases,
and for states demonyms and capital); its entries are added to, and override, the shipped ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .. import data
from ..errors import InputError
from .tokens import key

TYPES = {"person", "state", "organisation", "armed_group", "international_org", "government_body"}


@dataclass
class Entry:
    name: str
    type: str
    code: str | None = None
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    country: str | None = None
    role: str | None = None


@dataclass
class Gazetteer:
    """Lookup tables from a name's token key to what it names."""

    names: dict[tuple[str, ...], Entry]
    demonyms: dict[tuple[str, ...], Entry]
    capitals: dict[tuple[str, ...], Entry]
    by_code: dict[str, Entry]
    sources: frozenset[tuple[str, ...]]
    longest: int

    def state(self, code: str | None) -> Entry | None:
        entry = self.by_code.get(code or "")
        return entry if entry and entry.type == "state" else None


@cache
def _shipped() -> tuple[Entry, ...]:
    return (
        tuple(_entries(data.load("states"), "states.yaml", default_type="state"))
        + tuple(_entries(data.load("organisations"), "organisations.yaml", default_type=None))
        + tuple(_entries(data.load("people"), "people.yaml", default_type="person"))
    )


def load(extra_files: Iterable[str | Path] = ()) -> Gazetteer:
    return _load(tuple(str(p) for p in extra_files))


@cache
def _load(extra_files: tuple[str, ...]) -> Gazetteer:
    entries = list(_shipped())
    for path in extra_files:
        entries += _read_user_file(Path(path))
    return _build(entries)


def _read_user_file(path: Path) -> list[Entry]:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "actors file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(path, f"actors file is not readable YAML ({type(exc).__name__})") from None
    if isinstance(content, dict) and "actors" in content:
        content = content["actors"]
    if not isinstance(content, list):
        raise InputError(path, "actors file must be a YAML list of entries with name and type")
    return list(_entries(content, str(path), default_type=None))


def _entries(items: list, origin: str, default_type: str | None) -> Iterable[Entry]:
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise InputError(origin, f"entry {i + 1} has no name")
        kind = item.get("type", default_type)
        if kind not in TYPES:
            raise InputError(origin, f"entry {item['name']!r} has type {kind!r}; expected one of {sorted(TYPES)}")
        capitals = [item["capital"]] if item.get("capital") else []
        yield Entry(
            name=item["name"],
            type=kind,
            code=item.get("code") or None,
            aliases=[str(a) for a in item.get("aliases") or []],
            demonyms=[str(d) for d in item.get("demonyms") or []],
            capitals=capitals + [str(c) for c in item.get("capital_aliases") or []],
            country=item.get("country") or None,
            role=item.get("role") or None,
        )


# British style writes an acronym said as a word as a word: "Nato", "Ecowas", "Minusma". Some of those words are
# also a name or a word of their own ("Sadr" is a cleric, "Fact" a word, "Rand" a currency).
_ACRONYM = re.compile(r"[A-Z]{4,8}")
_ACRONYMS_NOT_WORDS = frozenset({"FACT", "RAND", "SADR"})


def _build(entries: list[Entry]) -> Gazetteer:
    names: dict[tuple[str, ...], Entry] = {}
    demonyms: dict[tuple[str, ...], Entry] = {}
    capitals: dict[tuple[str, ...], Entry] = {}
    by_code: dict[str, Entry] = {}
    as_words: dict[tuple[str, ...], Entry] = {}
    for e in entries:  # later entries (analysts' files) win over shipped ones
        for form in [e.name, *e.aliases]:
            names[key(form)] = e
            if form[:4].lower() != "the ":
                names[key("the " + form)] = e
            if _ACRONYM.fullmatch(form) and form not in _ACRONYMS_NOT_WORDS:
                as_words[key(form.capitalize())] = e
            if form.startswith("United Nations "):  # news writes "the UN Mission for the Referendum in ..."
                for short in ("UN ", "U.N. "):
                    as_words[key(short + form.removeprefix("United Nations "))] = e
        for form in e.demonyms:
            demonyms[key(form)] = e
        for form in e.capitals:
            capitals[key(form)] = e
        if e.code and (e.code not in by_code or e.type == "state"):
            by_code[e.code] = e
    for k, e in as_words.items():
        names.setdefault(k, e)
    src = data.load("sources")
    sources = frozenset(key(n) for group in src.values() for n in group)
    longest = max(len(k) for k in [*names, *demonyms, *capitals])
    return Gazetteer(names, demonyms, capitals, by_code, sources, longest)
