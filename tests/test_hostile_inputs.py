"""Issue 6 on the real command line: bad files, encodings, size limits, other languages, untrusted content.

Every refusal is one line on stderr naming the file, a non-zero exit and no brief files; every brief made from
hostile text shows that text as text (HTML and PDF) and stays inside --out. test_export.py already checks the
exporters' escaping on a hand-made hostile brief; here the hostile text comes in through real article and
params files and a full `policybrief run`.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE
from pypdf import PdfReader

BIN = Path(sys.executable).parent
BRIEF_FILES = ("brief.json", "brief.html", "brief.pdf", "brief.ipynb")
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">x</a>'
STYLE = "<style>body{display:none}</style>"
HOSTILE = f"{SCRIPT} {IMG} {LINK} {STYLE} </script>"
LEAD = ("Iraq's government is taking steps to require the withdrawal of the US-led military coalition, "
        "Prime Minister Mohammed Shia al-Sudani said on Tuesday. ")


def policybrief(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "policybrief"), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)


def assert_refused(proc: subprocess.CompletedProcess, named: str, problem: str | None = None) -> str:
    """Non-zero exit, exactly one stderr line naming the file (and the problem), no traceback."""
    assert proc.returncode != 0, proc.stdout[:500]
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert named in lines[0], lines[0]
    if problem:
        assert problem in lines[0], lines[0]
    return lines[0]


def brief_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name in BRIEF_FILES] if out.exists() else []


def brief_of(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def sentences_text(brief: dict) -> str:
    return " ".join(s["text"] for s in brief["sentences"])


# ---------------------------------------------------------------- 1. bad inputs: one line, non-zero, no brief

SAMPLE_PARAMS = f"article: {SAMPLE}\n"


def _article_cases(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (article path, problem expected in the message)."""
    rng = random.Random(6)
    files: dict[str, tuple[bytes | None, str, str]] = {
        "empty": (b"", ".txt", "file is empty"),
        "blank": (" \n\t\n\u00a0\u3000 \r\n".encode(), ".txt", "no text"),
        "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000)), ".txt",
                "binary"),
        "pdf-as-md": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256) for _ in range(4000)), ".md",
                      "binary"),
        "only-leftovers": (b"Share on Facebook\n\nAdvertisement\n\nBack to top\n", ".txt",
                           "no article text"),
        "empty-page": (b"<html><body><nav>Home | World</nav></body></html>", ".html", "no article text"),
        "missing": (None, ".txt", "no such file"),
    }
    cases = {}
    for name, (content, suffix, problem) in files.items():
        path = tmp / f"{name}{suffix}"
        if content is not None:
            path.write_bytes(content)
        cases[name] = (path, problem)
    return cases


def test_bad_articles_are_refused_by_analyze(tmp_path):
    for name, (path, problem) in _article_cases(tmp_path).items():
        proc = policybrief("analyze", str(path), "--json")
        assert_refused(proc, str(path), problem)
        assert proc.stdout == "", name
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert_refused(policybrief("analyze", str(folder), "--json"), str(folder), "is a directory")


def test_bad_articles_in_one_run_each_get_one_line_and_no_brief(tmp_path):
    cases = _article_cases(tmp_path)
    out = tmp_path / "out"
    proc = policybrief("run", *(str(p) for p, _ in cases.values()), "--out", str(out), "--workers", "2")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    failed = [line for line in proc.stderr.splitlines() if " failed " in line]
    assert len(failed) == len(cases), proc.stderr
    for path, problem in cases.values():
        mine = [line for line in failed if f" {path}: " in line]
        assert len(mine) == 1 and problem in mine[0], (path, proc.stderr)
    assert brief_files(out) == []


def test_an_empty_folder_is_refused_by_run(tmp_path):
    folder = tmp_path / "articles.txt"
    folder.mkdir()
    out = tmp_path / "out"
    assert_refused(policybrief("run", str(folder), "--out", str(out)), str(folder), "no article or params files")
    assert brief_files(out) == []


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    """A named pipe (or /dev/zero) is not an article file: reading it would block, or never end."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    try:
        proc = policybrief("analyze", str(fifo), "--json", timeout=15)
    except subprocess.TimeoutExpired:
        pytest.fail(f"policybrief analyze {fifo} was still reading the pipe after 15 s")
    assert_refused(proc, str(fifo))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("article: [unclosed\n", "malformed YAML"),
        ("article: x\n\tbad: indent\n", "malformed YAML"),
        (f"{SAMPLE_PARAMS}colour: red\n", "unknown parameter: 'colour'"),
        (f"{SAMPLE_PARAMS}max_words: lots\n", "'max_words'"),
        (f"{SAMPLE_PARAMS}paper: A5\n", "'paper'"),
        (f"{SAMPLE_PARAMS}engine: gpt\n", "'engine'"),
        (f"{SAMPLE_PARAMS}actors_files: one.yaml\n", "'actors_files'"),
        (f"{SAMPLE_PARAMS}output_dir: [a, b]\n", "'output_dir'"),
        ("article: null\n", "'article'"),
        (f"artcle: {SAMPLE}\n", "unknown parameter: 'artcle'"),  # the typo is named, not the missing key
        ("- article: a.txt\n", "YAML mapping"),
        ("", "YAML mapping"),
        ("just a string\n", "YAML mapping"),
        (b"\xff\xfe\x00\x01article", "cannot be read"),
        # a billion laughs: aliases PyYAML does not expand, refused by type, not by running out of memory
        ("a: &a [x, x, x, x, x, x, x, x, x]\n"
         + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
         + "article: x\nactors_files: *i\n", "unknown parameter: 'a'"),
    ],
    ids=["unclosed", "tab", "unknown-key", "max-words-text", "paper", "engine", "actors-not-list",
         "output-dir-list", "article-null", "article-typo", "list", "empty", "scalar", "not-utf8", "laughs"],
)
def test_bad_params_are_refused_naming_the_params_file(tmp_path, content, problem):
    params = tmp_path / "job.yaml"
    params.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "out"
    assert_refused(policybrief("run", str(params), "--out", str(out)), str(params), problem)
    assert brief_files(out) == []


def test_params_naming_a_missing_or_unreadable_article_are_refused(tmp_path):
    folder = tmp_path / "adir"
    folder.mkdir()
    out = tmp_path / "out"
    for target, problem in ((tmp_path / "gone.txt", "no such file"), (folder, "is a directory")):
        params = tmp_path / "job.yaml"
        params.write_text(f"article: {target}\n")
        assert_refused(policybrief("run", str(params), "--out", str(out)), str(target), problem)
    missing_params = tmp_path / "nope.yaml"
    assert_refused(policybrief("run", str(missing_params), "--out", str(out)), str(missing_params), "no such")
    assert brief_files(out) == []


# ---------------------------------------------------------------- 2. encodings are detected, not guessed

ENCODED = (
    "Kenyan police land in Haiti\n\n"
    "PORT-AU-PRINCE, Haiti — A second group of 200 Kenyan police officers landed in Port-au-Prince on Tuesday, "
    "officials said.\n\n"
    "The mission’s “first phase” cost €21 million, the café owner in Pétion-Ville told reporters.\n\n"
    f"{LEAD}The naïve plan was rejected by the army, officials in Zürich said.\n"
)
EXPECTED = [
    "A second group of 200 Kenyan police officers landed in Port-au-Prince on Tuesday",
    "The mission’s “first phase” cost €21 million, the café owner in Pétion-Ville told reporters.",
    "The naïve plan was rejected by the army, officials in Zürich said.",
]
LATIN1 = ENCODED.replace("—", "-").replace("’", "'").replace("“", '"').replace("”", '"').replace("€", "EUR ")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", ENCODED),
        ("utf-8-sig", ENCODED),
        ("utf-16", ENCODED),  # with BOM, this machine's order (little-endian)
        ("utf-16-be-bom", ENCODED),
        ("utf-16-le", ENCODED),  # no BOM
        ("latin-1", LATIN1),
        ("cp1252", ENCODED),
    ],
)
def test_real_world_encodings_are_read_correctly(tmp_path, encoding, text):
    raw = b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    path = tmp_path / "article.txt"
    path.write_bytes(raw)
    brief = brief_of(policybrief("analyze", str(path), "--json"))
    body = sentences_text(brief)
    expected = EXPECTED if text is ENCODED else [e.replace("’", "'").replace("“", '"').replace("”", '"')
                                                 .replace("€", "EUR ") for e in EXPECTED]
    for sentence in expected:
        assert sentence in body, (encoding, body)
    assert brief["article"]["language"] == "en"


def test_utf32_is_read_correctly_or_refused_never_garbled(tmp_path):
    """UTF-32's BOM starts with UTF-16's: read as UTF-16 it gives text with a NUL after every letter."""
    path = tmp_path / "article.txt"
    path.write_bytes(ENCODED.encode("utf-32"))
    proc = policybrief("analyze", str(path), "--json")
    if proc.returncode:
        assert_refused(proc, str(path))
        return
    body = sentences_text(brief_of(proc))
    assert "\x00" not in body and EXPECTED[1] in body, body[:300]


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"], ids=["utf16le-bom", "utf16be-bom"])
def test_a_bom_that_lies_gives_a_brief_or_one_line(tmp_path, bom):
    """UTF-8 text behind a UTF-16 BOM (a concatenation gone wrong): a brief or a refusal, never a traceback."""
    path = tmp_path / "article.txt"
    path.write_bytes(bom + (SAMPLE.parent / "006_syria_northeast_us_troops.txt").read_bytes())
    proc = policybrief("analyze", str(path), "--json")
    if proc.returncode:
        assert_refused(proc, str(path))
    else:
        json.loads(proc.stdout)


def test_a_file_name_with_a_newline_still_gives_one_line(tmp_path):
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    proc = policybrief("analyze", str(path), "--json")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


@pytest.mark.parametrize("stray", ["\x01 ", "\x019 ", "\x01", "\x02", "\x1b[31m"], ids=["x01-space", "x01-digit",
                                                                                        "x01", "x02", "ansi"])
def test_stray_control_characters_do_not_crash_or_hide_text(tmp_path, stray):
    """\\x01 at the start of a line is ingest's own markdown-heading marker; a scraped file may carry it too."""
    sentence = "The army sent 300 troops to the border on Tuesday, officials said."
    path = tmp_path / "article.txt"
    path.write_text(f"Iraq story\n\n{LEAD}\n\n{stray}{sentence}\n", encoding="utf-8")
    proc = policybrief("analyze", str(path), "--json")
    assert "Traceback" not in proc.stderr, proc.stderr[-1500:]
    assert sentence in sentences_text(brief_of(proc))


def test_a_huge_number_gives_a_brief_whose_json_reads_back(tmp_path):
    """A 400-digit figure overflows a float; brief.json must still be a valid Brief (the notebook reads it)."""
    from policybrief.brief import Brief

    path = tmp_path / "article.txt"
    path.write_text(f"Iraq story\n\n{LEAD}The army sent {'9' * 400} troops to the border, officials said.\n")
    proc = policybrief("analyze", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    brief = Brief.model_validate_json(proc.stdout)
    assert "9" * 40 in sentences_text(brief.model_dump())


# ---------------------------------------------------------------- 3. limits: bounded time and memory, or refused


def measured(*args: str, timeout: float) -> tuple[int, str, float, float]:
    """(exit code, stderr, seconds, peak memory in MB) of one policybrief process; stdout is discarded."""
    with tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen([str(BIN / "policybrief"), *args], stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                pytest.fail(f"policybrief {' '.join(args)} did not finish within {timeout} s")
            time.sleep(0.05)
        seconds = time.monotonic() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return code, err.read().decode(errors="replace"), seconds, usage.ru_maxrss / 1024


def write_repeated(path: Path, unit: bytes, size: int, head: bytes = b"") -> None:
    with path.open("wb") as f:
        f.write(head)
        written = len(head)
        while written < size:
            chunk = unit[: size - written]
            f.write(chunk)
            written += len(chunk)


def sample_body() -> str:
    return " ".join(SAMPLE.read_text(encoding="utf-8").split("\n\n")[3:]).replace("\n", " ")


@pytest.mark.slow
def test_a_one_megabyte_line_is_briefed_in_bounded_time_or_refused(tmp_path):
    """Measured on the 2-core dev machine: 19 s and 85 MB for 1 MB (148,000 words on one line)."""
    body = sample_body()
    path = tmp_path / "one-line.txt"
    line = ((body + " ") * (1_000_000 // len(body) + 1))[:1_000_000]
    path.write_text(f"Iraq coalition story\n\n{line}\n", encoding="utf-8")
    code, err, seconds, mb = measured("analyze", str(path), "--json", timeout=180)
    if code:
        assert "--max-words" in err and str(path) in err and len(err.strip().splitlines()) == 1, err
    assert seconds < 120 and mb < 1500, (seconds, mb)


@pytest.mark.slow
def test_a_fifty_megabyte_article_is_refused_quickly_naming_the_limit(tmp_path):
    """Measured: refused in 1 s at 185 MB (the rough word count runs before any cleaning)."""
    path = tmp_path / "big.txt"
    write_repeated(path, SAMPLE.read_bytes(), 50_000_000)
    code, err, seconds, mb = measured("analyze", str(path), "--json", timeout=120)
    assert code == 2 and "--max-words" in err and str(path) in err and len(err.strip().splitlines()) == 1, err
    assert seconds < 30 and mb < 1000, (seconds, mb)


@pytest.mark.slow
def test_a_fifty_megabyte_article_without_spaces_is_bounded(tmp_path):
    """The word limit counts spaces; a page of one endless token (base64, or CJK text) must be bounded too."""
    path = tmp_path / "blob.txt"
    write_repeated(path, b"QUJD" * 1024, 50_000_000, head=b"Title here\n\n")
    with path.open("ab") as f:
        f.write(b".\n")
    code, err, seconds, mb = measured("analyze", str(path), "--json", timeout=60)
    assert code in (0, 2) and "Traceback" not in err, err[-1500:]
    assert seconds < 60 and mb < 1500, (seconds, mb)


@pytest.mark.slow
def test_a_long_run_of_title_case_lines_is_briefed_in_bounded_time(tmp_path):
    """A scraped tag cloud or a heading repeated down the page: one long run of capitalised words. Measured:
    1,000 repeats 14.5 s, 2,000 repeats 54 s (time grows with the square of the run, in actor acronyms)."""
    path = tmp_path / "tags.txt"
    path.write_text(f"Iraq story\n\n{LEAD}\n\n" + "\n".join(["Balancing National Sovereignty and Security"] * 2000)
                    + "\n", encoding="utf-8")
    code, err, seconds, mb = measured("analyze", str(path), "--json", timeout=45)
    assert code == 0, err[-1500:]
    assert seconds < 30, seconds


def test_a_file_above_the_byte_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 2**20 + 1)  # sparse: no disk used
    assert_refused(policybrief("analyze", str(path), "--json"), str(path), "limit")


def test_max_words_is_a_clear_refusal(tmp_path):
    out = tmp_path / "out"
    assert_refused(policybrief("analyze", str(SAMPLE), "--json", "--max-words", "50"), str(SAMPLE), "--max-words")
    proc = policybrief("run", str(SAMPLE), "--out", str(out), "--max-words", "50")
    assert_refused(proc, str(SAMPLE), "--max-words")
    assert brief_files(out) == []


# ---------------------------------------------------------------- 4. articles not in English

FOREIGN = {
    "fr": "Le Mali demande le départ des casques bleus\n\n"
          "Le gouvernement de transition du Mali a demandé vendredi au Conseil de sécurité des Nations unies le "
          "retrait « sans délai » de la mission de maintien de la paix, présente dans le pays depuis 2013.\n\n"
          "Le ministre des Affaires étrangères, Abdoulaye Diop, a estimé que la mission avait échoué à répondre "
          "aux défis sécuritaires.\n\n"
          "Les experts craignent qu'un vide sécuritaire ne profite aux groupes jihadistes liés à Al-Qaïda et à "
          "l'État islamique dans le nord du pays.\n",
    "es": "El Gobierno de Níger expulsa a las tropas estadounidenses\n\n"
          "El Gobierno militar de Níger anunció el sábado la ruptura del acuerdo de cooperación militar con "
          "Estados Unidos, que mantiene cerca de mil soldados en una base de drones en Agadez.\n\n"
          "El portavoz de la junta, el coronel Amadou Abdramane, afirmó que la presencia de las tropas "
          "estadounidenses era ilegal y violaba la soberanía del país.\n\n"
          "Los analistas advierten que la salida de las fuerzas occidentales podría dejar un vacío de poder.\n",
    "ar": "العراق يطلب انسحاب قوات التحالف\n\n"
          "قال رئيس الوزراء العراقي محمد شياع السوداني يوم الثلاثاء إن حكومته ستبدأ محادثات لإنهاء وجود "
          "التحالف الدولي بقيادة الولايات المتحدة في البلاد.\n\n"
          "وأضاف أن الأسباب التي أدت إلى تشكيل التحالف قد انتهت، وأن القوات العراقية قادرة على حماية أمن البلاد.\n\n"
          "ويخشى محللون من أن يؤدي الانسحاب إلى فراغ أمني قد يستغله تنظيم الدولة الإسلامية.\n",
    "zh": "缅甸军政府与北部武装达成停火协议\n\n"
          "据报道，缅甸军政府与北部少数民族武装在中国的斡旋下于周四达成临时停火协议，双方同意停止在掸邦北部的战斗。\n\n"
          "中国外交部发言人表示，中方支持缅甸各方通过对话协商解决分歧，维护中缅边境地区的和平稳定。\n\n"
          "分析人士指出，停火协议十分脆弱，军政府对边境地区的控制力已大幅削弱，可能出现权力真空。\n",
}


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_an_article_not_in_english_is_recognised_and_said_plainly(tmp_path, language):
    path = tmp_path / f"{language}.txt"
    path.write_text(FOREIGN[language], encoding="utf-8")
    brief = brief_of(policybrief("analyze", str(path), "--json"))
    assert re.search(r"(not in|other than) English", brief["bluf"]), brief["bluf"]
    assert brief["actors"] == [] and brief["article"]["language"] != "en"
    assert brief["sentences"], "the article's own text is still kept for the reader"


# ---------------------------------------------------------------- 5. untrusted content


def test_params_output_dir_outside_the_output_root_is_refused(tmp_path):
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "link").symlink_to(elsewhere, target_is_directory=True)
    escapes = {"up": "../outside", "absolute": str(tmp_path / "abs"), "sneaky": "sub/../../x", "root": ".",
               "symlink": "link/inside"}
    params = []
    for name, output_dir in escapes.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"article: {SAMPLE}\noutput_dir: {json.dumps(output_dir)}\n")
        params.append(path)
    proc = policybrief("run", *(str(p) for p in params), "--out", str(out), "--workers", "2")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    failed = [line for line in proc.stderr.splitlines() if " failed " in line]
    assert len(failed) == len(params), proc.stderr
    for path in params:
        mine = [line for line in failed if f" {path}: " in line]
        assert len(mine) == 1 and "outside the output folder" in mine[0], (path, proc.stderr)
    assert brief_files(tmp_path) == []
    assert not (tmp_path / "outside").exists() and not (tmp_path / "abs").exists() and not (tmp_path / "x").exists()
    assert list(elsewhere.iterdir()) == []


class Page(HTMLParser):
    """Every element with its attributes and its own text, and the page's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.text: list[str] = []
        self._stack: list[int] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}, []))
        if tag not in ("meta", "img", "br", "hr", "link", "input", "col", "wbr", "source"):
            self._stack.append(len(self.elements) - 1)

    def handle_endtag(self, tag):
        while self._stack:
            if self.elements[self._stack.pop()][0] == tag:
                break

    def handle_data(self, data):
        if self._stack:
            self.elements[self._stack[-1]][2].append(data)
            if self.elements[self._stack[-1]][0] in ("script", "style"):
                return
        self.text.append(data)

    def of(self, tag: str) -> list[tuple[dict[str, str], str]]:
        return [(attrs, "".join(data)) for t, attrs, data in self.elements if t == tag]


def assert_nothing_from_the_article_is_markup(html: str) -> Page:
    page = Page()
    page.feed(html)
    for tag, attrs, _ in page.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            bare = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
            assert not bare.startswith(("javascript:", "vbscript:", "data:text/html")), (tag, attrs)
        assert tag not in ("iframe", "object", "embed", "form", "base", "link", "frame"), (tag, attrs)
        if tag == "img":
            assert attrs.get("src", "").startswith("data:image/"), attrs
    for attrs, code in page.of("script"):
        known = (attrs.get("id") == "policybrief-vega" or
                 (attrs.get("id") == "policybrief-index" and "alert(" not in code) or
                 (attrs.get("class") == "pb-chart-spec" and attrs.get("type") == "application/json") or
                 (attrs.get("type") == "module" and "vegaEmbed" in code and "alert(" not in code))
        assert known, (attrs, code[:300])
        if attrs.get("class") == "pb-chart-spec":
            assert "<" not in code, code[:300]
    assert len(page.of("style")) <= 1 and all("display:none}" not in css for _, css in page.of("style"))
    return page


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> dict:
    """One `policybrief run` of three hostile inputs: a params file with a hostile title over a hostile .txt
    article, an HTML page with a hostile file name and `../../etc/passwd` as its title, and a markdown article."""
    root = tmp_path_factory.mktemp("hostile")
    paragraphs = SAMPLE.read_text(encoding="utf-8").split("\n\n")[3:9]
    lead = "\n\n".join(paragraphs)
    txt = root / "hostile.txt"
    txt.write_text(f"Iraq {HOSTILE} coalition exit\n\n{lead}\n\n"
                   f"The spokesman wrote {HOSTILE} in a statement on Tuesday, officials said.\n", encoding="utf-8")
    title = f"Params </title>{SCRIPT} \"; import os; os.system('touch {root}/PWNED') #"
    params = root / "hostile.yaml"
    params.write_text(f"article: {txt.name}\ntitle: {json.dumps(title)}\n", encoding="utf-8")
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    page = root / f"{IMG}.html"
    page.write_text(
        f"<!doctype html><html><head><title>../../etc/passwd</title>{STYLE}<script>alert(2)</script></head>"
        f"<body><article><h1>../../etc/passwd</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f"<p>The spokesman wrote {escaped} in a statement on Tuesday, officials said.</p>"
          f"<p><img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">read more</a></p></article></body></html>",
        encoding="utf-8")
    md = root / "passwd.md"
    md.write_text(f"# ../../etc/passwd {SCRIPT}\n\n{lead}\n\n"
                  f"The spokesman wrote `{SCRIPT}` and {IMG} and [a link](javascript:alert(1)) on Tuesday, "
                  f"officials said.\n", encoding="utf-8")
    out = root / "out"
    t0 = time.monotonic()
    proc = policybrief("run", str(params), str(page), str(md), "--out", str(out), "--workers", "2")
    return {"root": root, "out": out, "proc": proc, "seconds": time.monotonic() - t0, "title": title}


@pytest.mark.slow
def test_hostile_run_builds_every_brief_inside_out(hostile_run):
    proc, out, root = hostile_run["proc"], hostile_run["out"], hostile_run["root"]
    assert proc.returncode == 0, proc.stderr
    folders = sorted(p.parent for p in out.rglob("brief.html"))
    assert len(folders) == 3
    for folder in folders:
        assert folder.parent == out and not folder.name.startswith(".")
        assert re.fullmatch(r"[A-Za-z0-9._-]+", folder.name), folder.name
        assert sorted(p.name for p in folder.iterdir()) == sorted(BRIEF_FILES)
    everything = [p.resolve() for p in root.rglob("*")]
    assert all(p.is_relative_to(out.resolve()) or p.parent == root.resolve() for p in everything)
    assert not (root / "PWNED").exists(), "a params value ran as code in the notebook"


@pytest.mark.slow
def test_hostile_run_html_shows_article_markup_as_text(hostile_run):
    out = hostile_run["out"]
    pages = sorted(out.rglob("brief.html"))
    assert len(pages) == 3
    for path in pages:
        page = assert_nothing_from_the_article_is_markup(path.read_text(encoding="utf-8"))
        text = " ".join(" ".join(page.text).split())
        assert SCRIPT in text, path
        assert IMG in text or "../../etc/passwd" in text, path
    index = assert_nothing_from_the_article_is_markup((out / "index.html").read_text(encoding="utf-8"))
    assert [attrs.get("id") for attrs, _ in index.of("script")] == ["policybrief-index"]
    for attrs, _ in index.of("a"):
        href = attrs.get("href", "")
        assert not href.startswith(("/", "..")) and "://" not in href, href


@pytest.mark.slow
def test_hostile_run_title_param_is_text_in_html_title(hostile_run):
    folder = next(p.parent for p in hostile_run["out"].rglob("brief.ipynb") if "hostile" in p.parent.name)
    page = Page()
    page.feed((folder / "brief.html").read_text(encoding="utf-8"))
    titles = page.of("title")
    assert len(titles) == 1 and titles[0][1] == hostile_run["title"]


@pytest.mark.slow
def test_hostile_run_pdf_has_the_literal_characters_and_no_active_content(hostile_run):
    for path in sorted(hostile_run["out"].rglob("brief.pdf")):
        reader = PdfReader(path)
        text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
        assert SCRIPT in text, path
        root = reader.trailer["/Root"]
        assert "/OpenAction" not in root and "/AA" not in root and "/JavaScript" not in root.get("/Names", {})
        for page in reader.pages:
            for annot in page.get("/Annots", []) or []:
                action = annot.get_object().get("/A", {})
                assert action.get("/S") != "/JavaScript", path
                assert not str(action.get("/URI", "")).lower().startswith("javascript:"), path
    txt_pdf = next(p for p in hostile_run["out"].rglob("brief.pdf") if "hostile" in p.parent.name)
    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(txt_pdf).pages).split())
    for literal in (SCRIPT, IMG, LINK, STYLE, "</script>"):
        assert literal in text, literal
