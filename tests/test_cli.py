"""The command line as a user runs it: real processes, real files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE

BIN = Path(sys.executable).parent


def policybrief(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "policybrief"), *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_analyze_prints_the_brief_json_contract():
    proc = policybrief("analyze", str(SAMPLE), "--json")
    assert proc.returncode == 0, proc.stderr
    brief = json.loads(proc.stdout)
    assert brief["schema_version"] == 1
    for key in ("article", "engine", "bluf", "key_judgments", "sentences", "actors", "themes", "tension", "risk",
                "figures", "timeline", "removed"):
        assert key in brief
    assert set(brief["themes"]) >= {"sovereignty", "security", "power_vacuum"}
    assert brief["risk"]["rating"] in ("low", "moderate", "high")
    assert brief["article"]["word_count"] > 500 and len(brief["article"]["sha256"]) == 64


@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "no such file"), (b"", "file is empty"), (b"  \n \n", "no text"), (bytes(range(256)) * 8, "binary")],
)
def test_bad_article_one_line_error_and_nothing_written(tmp_path, content, problem):
    article = tmp_path / "bad.txt"
    if content is not None:
        article.write_bytes(content)
    out = tmp_path / "out"
    for args in (["analyze", str(article), "--json"], ["run", str(article), "--out", str(out)]):
        proc = policybrief(*args)
        assert proc.returncode != 0
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, proc.stderr
        assert str(article) in lines[0] and problem in lines[0]
        assert "Traceback" not in proc.stderr and proc.stdout.strip() == ""
    assert not list(out.rglob("brief.*"))


def test_params_command_writes_runnable_params(tmp_path):
    proc = policybrief("params", str(SAMPLE), "--out", str(tmp_path / "params"))
    assert proc.returncode == 0, proc.stderr
    written = list((tmp_path / "params").glob("*.yaml"))
    assert [p.name for p in written] == [f"{SAMPLE.stem}.yaml"]
    assert str(SAMPLE) in written[0].read_text()


def test_malformed_and_unknown_params_are_refused(tmp_path):
    bad_yaml = tmp_path / "broken.yaml"
    bad_yaml.write_text("article: [unclosed\n")
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(f"article: {SAMPLE}\ncolour: red\n")
    for path, problem in ((bad_yaml, "malformed YAML"), (unknown, "unknown parameter: 'colour'")):
        proc = policybrief("run", str(path), "--out", str(tmp_path / "out"))
        assert proc.returncode != 0 and problem in proc.stderr and str(path) in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1


def test_verbose_logs_on_stderr_and_leaves_stdout_to_the_brief():
    quiet = policybrief("analyze", str(SAMPLE), "--json")
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = policybrief("analyze", str(SAMPLE), "--json", "-v")
    assert loud.returncode == 0 and json.loads(loud.stdout) == json.loads(quiet.stdout)
    assert re.search(rf"^policybrief: INFO: policybrief\.article_brief: {re.escape(str(SAMPLE))}: \d+ words in en, "
                     r"analysed in [\d.]+ s$", loud.stderr, re.MULTILINE), loud.stderr
