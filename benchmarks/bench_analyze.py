"""Analysis speed on articles of 1k, 10k and 100k words (imports and gazetteer loading excluded).

    .venv/bin/python benchmarks/bench_analyze.py [--repeat 5]

Prints a table: words, median seconds for ingest + analysis, and seconds per 1,000 words, so a reader can see
that the growth is linear.
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
