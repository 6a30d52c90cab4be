"""`<out>/manifest.json`: every brief in the output folder, its outcome, and the hashes of what it was built from.

A brief is up to date when its article, its parameters (with the contents of its gazetteer files), the
templates and the package version hash the same as when it was built, and its files are all still there.
The manifest is rewritten atomically after every finished brief, so a killed run loses only those in flight.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .changes import read_brief
from .files import write_atomically
from .jobs import Job

if TYPE_CHECKING:  # for typing only: worker imports the output folder, which imports this module
    from .worker import Result

NAME = "manifest.json"
SCHEMA_VERSION = 1
BRIEF_FILES = {"ipynb": "brief.ipynb", "html": "brief.html", "pdf": "brief.pdf", "json": "brief.json"}
FAILURE_FILES = {"error": "error.txt", "notebook": "brief.failed.ipynb"}


def sha256_file(path: Path) -> str | None:
    """None for anything but a readable regular file (a FIFO would block the run)."""
    if not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def template_hash() -> str:
    """The notebook template and the export templates (layout, CSS): a change to either changes every brief."""
    package = files("policybrief")
    paths = [package / "notebooks" / "brief.ipynb"]
    paths += sorted((p for p in (package / "templates" / "policybrief").iterdir() if p.is_file()),
                    key=lambda p: p.name)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def input_hashes(job: Job, template: str) -> dict[str, str | None]:
    params = job.params.model_dump()
    params.pop("article")  # the article counts by content, not by where it lies
    params["actors_files"] = [sha256_file(Path(p)) or p for p in job.params.actors_files]
    params["articles"] = [sha256_file(Path(p)) or p for p in job.params.articles]  # merged: by content too
    return {
        "article": sha256_file(Path(job.params.article)),
        "params": hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest(),
        "template": template,
        "package": __version__,
    }


class Manifest:
    """Entries keyed by brief folder (relative to the output folder)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / NAME
        self.entries: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries = {e["folder"]: e for e in data["briefs"]}
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no manifest, or one we cannot trust: every brief is rebuilt

    def up_to_date(self, folder: str, hashes: dict) -> bool:
        entry = self.entries.get(folder)
        if entry is None or entry.get("status") not in ("built", "skipped") or None in hashes.values():
            return False
        if entry.get("hashes") != hashes:
            return False
        return all((self.out / folder / name).is_file() for name in BRIEF_FILES.values()) and not (
            self.out / folder / FAILURE_FILES["error"]).exists()

    def skipped(self, folder: str, source: str) -> None:
        entry = self.entries[folder]
        entry.update(status="skipped", source=source, error=None)
        if "situation" not in entry:  # recorded by a version before situations
            entry["situation"] = self._situation(folder)

    def record(self, result: Result, hashes: dict | None) -> None:
        present = FAILURE_FILES if result.status == "failed" else BRIEF_FILES
        entry = {
            "slug": result.slug,
            "folder": result.folder,
            "source": result.source,
            "status": result.status,
            "title": result.summary.get("title"),
            "outlet": result.summary.get("outlet"),
            "published": result.summary.get("published"),
            "risk": result.summary.get("risk"),
            "actors": result.summary.get("actors", []),
            "situation": self._situation(result.folder) if result.status == "built" else None,
            "files": {key: f"{result.folder}/{name}" for key, name in present.items()
                      if (self.out / result.folder / name).is_file()},
            "hashes": hashes,
            "seconds": round(result.seconds, 2),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "error": result.error,
        }
        self.entries[result.folder] = entry

    def _situation(self, folder: str) -> dict | None:
        """The situation the brief is filed under, from its brief.json (which a Dask worker's brief has too)."""
        try:
            situation = read_brief(self.out / folder / BRIEF_FILES["json"]).situation
        except (OSError, ValueError):
            return None
        return {"key": situation.key, "label": situation.label} if situation else None

    def forget_missing(self) -> None:
        """Drop entries whose folder is gone (deleted by hand, or never published before a kill)."""
        self.entries = {k: e for k, e in self.entries.items() if (self.out / k).is_dir()}

    def briefs(self) -> list[dict]:
        return [self.entries[k] for k in sorted(self.entries)]

    def save(self) -> None:
        data = {"schema_version": SCHEMA_VERSION, "generator": {"name": "policybrief", "version": __version__},
                "updated": datetime.now(UTC).isoformat(timespec="seconds"), "briefs": self.briefs()}
        write_atomically(self.path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
