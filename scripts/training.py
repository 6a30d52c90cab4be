"""What the training scripts share: their command line, which refuses the held-back set, and how they name the
sets a model was trained on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def arguments(doc: str, default_sets: list[Path], output: Path) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=default_sets, help="folders of gold files")
    parser.add_argument("--cv", type=int, default=0, help="report K-fold cross-validation first")
    parser.add_argument("--out", type=Path, default=output)
    args = parser.parse_args()
    if held := [s for s in args.sets if "heldout" in s.resolve().parts]:
        sys.exit(f"{held[0]}: the held-back set measures the model and must not train it")
    return args


def trained_on(sets: list[Path]) -> list[str]:
    """The sets as the weights file records them: relative to the project, so that any checkout makes the same."""
    return [str(s.resolve().relative_to(ROOT)) if s.resolve().is_relative_to(ROOT) else str(s) for s in sets]
