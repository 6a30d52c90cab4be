"""Analysis speed on articles of 1k, 10k and 100k words (imports and gazetteer loading excluded).

    .venv/bin/python benchmarks/bench_analyze.py [--repeat 5]

Prints a table: words, median seconds for ingest + analysis, and seconds per 1,000 words, so a reader can see
that the growth is linear. A second table does the same for pages that are one run of a single shape (an endless
token, a comma list of names, a path), where a pattern that rescans the rest of its line grows quadratically:
the time for four times the text should be about four times, not sixteen.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from policybrief.analysis import analyze, gazetteer
from policybrief.ingest import load_article

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"


def corpus_paragraphs() -> list[str]:
    """Body paragraphs of the text articles in the dev set, to build longer articles from real prose."""
    paragraphs = []
    for path in sorted(DEVSET.glob("*.txt")):
        paragraphs += [p.text for p in load_article(path).paragraphs if not p.heading]
    return paragraphs


def article_of(words: int, paragraphs: list[str], folder: Path) -> Path:
    out, count, i = ["A long article for the benchmark"], 0, 0
    while count < words:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        count += len(p.split())
        i += 1
    path = folder / f"bench_{words}.txt"
    path.write_text("\n\n".join(out), encoding="utf-8")
    return path


# The run closes a short article: patterns anchored at the end of a line meet it there.
RUNS = {"long words": "w" * 1999 + " ", "hyphens": "A-", "dots": "a.", "slashes": "A/", "brackets": "(A",
        "names, commas": "Ab, ", "labels": "A: ", "a path": "a/"}
AROUND = "Iraq asked the United States to withdraw its troops from the country by 2025. " * 3


def seconds_for(text: str, folder: Path) -> float:
    path = folder / "run.txt"
    path.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    analyze(load_article(path, max_words=10**7))
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gazetteer.load()
    paragraphs = corpus_paragraphs()
    print(f"{'words':>8} {'median s':>9} {'s/1k words':>11} {'runs':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for words in (1_000, 10_000, 100_000):
            path = article_of(words, paragraphs, Path(tmp))
            repeat = args.repeat if words <= 10_000 else max(1, args.repeat // 2)
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                article = load_article(path, max_words=10**7)
                analyze(article)
                times.append(time.perf_counter() - t0)
            median = statistics.median(times)
            print(f"{article.word_count:>8} {median:>9.3f} {median / article.word_count * 1000:>11.3f} {repeat:>5}")
        print(f"\n{'one run of':<14} {'8k chars s':>10} {'32k chars s':>11} {'ratio':>6}")
        for name, unit in RUNS.items():
            small, large = (seconds_for(AROUND + "\n\n" + unit * (n // len(unit)), Path(tmp))
                            for n in (8_000, 32_000))
            print(f"{name:<14} {small:>10.3f} {large:>11.3f} {large / small:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
