"""Fuzz ingest and analysis with mutated dev-set articles for a given number of minutes.

    .venv/bin/python benchmarks/fuzz.py --minutes 3 [--seed 1] [--crashes fuzz-crashes] [--timeout 60]

Each input is a dev-set article (tests/devset) put through one to four mutations: byte flips, truncation,
random Unicode, HTML and markdown fragments, control characters, encoding swaps, duplicated lines, huge lines,
splices of two articles, absurd numbers and dates, a different file suffix. It goes to
`policybrief.article_brief.analyze_file` in a worker process that is killed if the input takes longer than
--timeout (or goes above --memory-mb). The outcome is one of:

    brief    a Brief that reads back from its own JSON and cites only sentences it has
    refused  a BriefError whose message is one line naming the file
    failure  anything else: another exception, a bad brief or message, a timeout, a dead worker

Every failure is saved under --crashes as the input file plus a .error file with the mutations and the error, and
the run ends with a summary table (outcomes, per mutation, distinct failures, slowest inputs). The exit status
is 1 when there was any failure. Input i of a run is made from (--seed, i) alone, so a seed replays a run.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
SUFFIXES = (".txt", ".md", ".html")

# ---------------------------------------------------------------- mutations (bytes in, bytes out)

UNICODE_POOLS = [
    "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c",  # bidi
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e",  # zero-width, soft hyphen, BOM
    "\u2028\u2029\u0085\u000b\u000c",  # line and paragraph separators
    "\u0300\u0301\u0302\u0308\u0327\u0336\u20dd\u0489",  # combining
    "👍🏽👩‍👩‍👧‍👦🇮🇶🇺🇸🔥💥🏳️‍🌈",  # emoji
    "中文漢字日本語한국어。、「」",  # CJK and its punctuation
    "العربيةעבריתفارسی۔؟",  # right to left
    "\ue000\uf8ff\U000f0000\ufffd\ufffe\uffff",  # private use, replacement, noncharacters
    "𝐈𝐫𝐚𝐪ℌ𝔢𝔩𝔩𝔬Ⅻﬁﬂ٣٤٥१२३",  # maths letters, ligatures, other digits
    "“”‘’«»—–…•·″′",  # typography
]
HTML_FRAGMENTS = [
    "<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
    "<style>body{display:none}</style>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;",
    "&nbsp;", "<html>", "<!doctype html>", "<p>", "</p>", "</div>", "<table><tr><td>", "<br/>", "<svg onload=x>",
    "<iframe src=//x>", "<?xml version='1.0'?>", "<title>", "</title>", "<meta charset=utf-16>",
]
MARKDOWN_FRAGMENTS = [
    "# ", "## ", "###### ", "**", "__", "*", "> ", "---", "***", "[link](http://x)", "![img](x.png)", "```",
    "    code", "|a|b|\n|-|-|", "1. ", "- ", "[^1]", "<details>", "\\", "#" * 10 + " ",
]
NUMBER_FRAGMENTS = [
    "9" * 400, "1e999", "$1e308", "3.5 million", "1,000,000,000,000,000,000,000 troops", "12/31/9999",
    "January 32, 2024", "0000-00-00", "2024-02-30", "Published: yesterday", "By Someone Name", "BAGHDAD (AP) — ",
    "U.S.", "Mr.", "e.g.", "...", "?!", "−5", "½", "10⁹", "٣٤٥ troops", "Feb. 29, 2023", "in 1 BC", "99999 AD",
]
ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "gb18030", "shift_jis", "koi8-r",
             "utf-8-sig", "mac_roman", "cp437"]


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _insert(rng: random.Random, raw: bytes, piece: bytes, count: int) -> bytes:
    for _ in range(count):
        at = rng.randrange(len(raw) + 1)
        raw = raw[:at] + piece + raw[at:]
    return raw


def byte_flips(rng, raw, seeds):
    data = bytearray(raw)
    for _ in range(rng.choice([1, 3, 10, 100])):
        if data:
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
    return bytes(data)


def truncate(rng, raw, seeds):
    cut = rng.randrange(len(raw) + 1)
    return raw[:cut] if rng.random() < 0.7 else raw[cut:]


def unicode_chars(rng, raw, seeds):
    pool = rng.choice(UNICODE_POOLS)
    for _ in range(rng.choice([1, 5, 50])):
        run = "".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))
        raw = _insert(rng, raw, run.encode("utf-8", errors="surrogatepass"), 1)
    return raw


def random_codepoints(rng, raw, seeds):
    chars = []
    for _ in range(rng.choice([1, 10, 100])):
        cp = rng.randrange(0x110000)
        if not 0xD800 <= cp <= 0xDFFF:
            chars.append(chr(cp))
    return _insert(rng, raw, "".join(chars).encode("utf-8"), 1)


def html_fragments(rng, raw, seeds):
    for _ in range(rng.choice([1, 3, 20])):
        raw = _insert(rng, raw, rng.choice(HTML_FRAGMENTS).encode(), 1)
    return raw


def markdown_fragments(rng, raw, seeds):
    lines = raw.split(b"\n")
    for _ in range(rng.choice([1, 3, 20])):
        i = rng.randrange(len(lines))
        lines[i] = rng.choice(MARKDOWN_FRAGMENTS).encode() + lines[i]
    return b"\n".join(lines)


def control_chars(rng, raw, seeds):
    for _ in range(rng.choice([1, 2, 10, 200])):
        raw = _insert(rng, raw, bytes([rng.choice([*range(0, 32), 127])]), 1)
    return raw


def line_start_control(rng, raw, seeds):
    """Control characters where ingest looks hardest: at the start of a line."""
    lines = raw.split(b"\n")
    i = rng.randrange(len(lines))
    control = bytes([rng.choice([0, 1, 2, 9, 11, 12, 27, 28, 31, 127])])
    lines[i] = control + rng.choice([b"", b" ", b"9", b"#"]) + lines[i]
    return b"\n".join(lines)


def encoding_swap(rng, raw, seeds):
    encoding = rng.choice(ENCODINGS)
    out = _text(raw).encode(encoding, errors="replace")
    if rng.random() < 0.1:  # a BOM that lies
        out = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + out
    return out


def duplicate_lines(rng, raw, seeds):
    lines = raw.split(b"\n")
    i = rng.randrange(len(lines))
    times = rng.choice([2, 10, 200, 2000])
    return b"\n".join(lines[:i] + [lines[i]] * times + lines[i + 1:])


def huge_line(rng, raw, seeds):
    size = rng.choice([10_000, 50_000, 200_000, 200_000, 1_000_000])
    kind = rng.choice(["join", "word", "blob", "sentence"])
    if kind == "join":
        line = b" ".join(raw.split())
        return (line * (size // max(len(line), 1) + 1))[:size]
    if kind == "word":
        piece = b"w" * size + b"."
    elif kind == "blob":
        piece = bytes(rng.choice(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in
                      range(min(size, 50_000))) * max(1, size // 50_000)
    else:
        piece = (b"The army said the troops would stay in the country. " * (size // 52 + 1))[:size]
    return _insert(rng, raw, b"\n\n" + piece + b"\n\n", 1)


def shuffle_lines(rng, raw, seeds):
    lines = raw.split(b"\n")
    rng.shuffle(lines)
    if rng.random() < 0.5:
        lines = [line for line in lines if rng.random() < 0.5]
    return b"\n".join(lines)


def splice(rng, raw, seeds):
    other = seeds[rng.choice(list(seeds))]
    a, b = rng.randrange(len(raw) + 1), rng.randrange(len(other) + 1)
    return raw[:a] + other[b:]


def numbers_and_dates(rng, raw, seeds):
    for _ in range(rng.choice([1, 3, 10])):
        raw = _insert(rng, raw, b" " + rng.choice(NUMBER_FRAGMENTS).encode() + b" ", 1)
    return raw


def line_endings(rng, raw, seeds):
    return raw.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n\n", b"\x0c", b"\xe2\x80\xa8", b" "]))


def html_wrap(rng, raw, seeds):
    body = "".join(f"<p>{p}</p>" for p in _text(raw).split("\n\n"))
    return f"<!doctype html><html><head><title>{rng.choice(HTML_FRAGMENTS)}</title></head><body>{body}</body></html>" \
        .encode()


MUTATIONS = [byte_flips, truncate, unicode_chars, random_codepoints, html_fragments, markdown_fragments, control_chars,
             line_start_control, encoding_swap, duplicate_lines, huge_line, shuffle_lines, splice, numbers_and_dates,
             line_endings, html_wrap]


def make_input(seed: int, index: int, seeds: dict[str, bytes]) -> tuple[str, bytes, str, list[str]]:
    """(seed article name, content, suffix, mutations) of input `index`: a function of (seed, index) only."""
    rng = random.Random(f"{seed}:{index}")
    name = rng.choice(sorted(seeds))
    raw = seeds[name]
    names = []
    for mutation in rng.sample(MUTATIONS, rng.randint(1, 4)):
        raw = mutation(rng, raw, seeds)
        names.append(mutation.__name__)
    suffix = Path(name).suffix if rng.random() < 0.7 else rng.choice(SUFFIXES)
    return name, raw, suffix, names


# ---------------------------------------------------------------- the worker: analyze_file and check the answer


def _cited(brief) -> set[str]:
    cited = set()
    for j in brief.key_judgments:
        cited.update(j.evidence)
    for a in brief.actors:
        cited.update(a.evidence)
        if a.position_evidence:
            cited.add(a.position_evidence)
    for t in (brief.themes.sovereignty, brief.themes.security, brief.themes.power_vacuum):
        cited.update(t.evidence)
    cited.update(brief.tension.evidence + brief.tension.sovereignty_evidence + brief.tension.security_evidence)
    for i in brief.risk.indicators:
        cited.update(i.evidence)
    cited.update(f.evidence for f in brief.figures)
    cited.update(t.evidence for t in brief.timeline)
    return cited


def judge(path: str) -> tuple[str, str]:
    """(outcome, detail) for one file, in the worker process."""
    import warnings

    from policybrief.article_brief import analyze_file
    from policybrief.brief import Brief
    from policybrief.errors import BriefError

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            brief = analyze_file(path)
    except BriefError as exc:
        message = str(exc)
        if "\n" in message or "\r" in message:
            return "failure", f"BriefError message is not one line: {message[:300]!r}"
        if path not in message:
            return "failure", f"BriefError message does not name the file: {message[:300]!r}"
        return "refused", exc.problem.split(" (")[0][:60]
    except BaseException as exc:  # the point of fuzzing: anything else is a failure, with where it came from
        return "failure", "".join(traceback.format_exception(exc))[-3000:]
    try:
        again = Brief.model_validate_json(brief.to_json())
    except Exception as exc:
        return "failure", f"brief.json does not read back: {type(exc).__name__}: {str(exc)[:500]}"
    if again != brief:
        return "failure", "brief.json reads back as a different brief"
    ids = [s.id for s in brief.sentences]
    if len(ids) != len(set(ids)):
        return "failure", "duplicate sentence ids"
    missing = _cited(brief) - set(ids)
    if missing:
        return "failure", f"evidence cites sentences the brief does not have: {sorted(missing)[:10]}"
    if not brief.bluf.strip():
        return "failure", "empty bottom line"
    if "\x00" in brief.article.title or any("\x00" in s.text for s in brief.sentences):
        return "failure", "NUL characters in the brief's text (mis-decoded input)"
    note = f" ({len(caught)} warnings: {caught[0].category.__name__})" if caught else ""
    return "brief", f"{brief.article.language}{note}"


def worker_main(conn, memory_mb: int) -> None:
    if memory_mb:
        import resource

        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import policybrief.analysis  # noqa: F401  (imported once, before the clock starts)
    import policybrief.pipeline  # noqa: F401

    conn.send("ready")
    while True:
        path = conn.recv()
        if path is None:
            return
        conn.send(judge(path))


class Worker:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.proc = None
        self.conn = None

    def start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, self.memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        if not parent.poll(120) or parent.recv() != "ready":
            raise RuntimeError("the fuzz worker did not start")

    def run(self, path: str, timeout: float) -> tuple[str, str]:
        if self.proc is None:
            self.start()
        try:
            self.conn.send(path)
            if self.conn.poll(timeout):
                return self.conn.recv()
            detail = f"timeout: no answer within {timeout:g} s"
        except (EOFError, OSError, BrokenPipeError):
            detail = f"the worker process died (exit code {self.proc.exitcode})"
        self.kill()
        return "failure", detail

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()
            self.conn.close()
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            try:
                self.conn.send(None)
                self.proc.join(5)
            except OSError:
                pass
        self.kill()


# ---------------------------------------------------------------- the run


@dataclass
class Tally:
    outcomes: Counter = field(default_factory=Counter)
    by_mutation: dict[str, Counter] = field(default_factory=dict)
    refusals: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    signatures: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    slowest: list[tuple[float, int, str]] = field(default_factory=list)
    seconds: float = 0.0
    unfinished: str | None = None  # the input cut off by the end of the run (not counted)


def signature(detail: str) -> str:
    """A failure's kind: the exception and the innermost policybrief frame, or the first words of the detail."""
    if detail.startswith("Traceback") or "\nTraceback" in detail or 'File "' in detail:
        frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', detail)
        ours = [f for f in frames if "policybrief" in f[0]] or frames
        last = detail.strip().splitlines()[-1]
        where = f"{Path(ours[-1][0]).name}:{ours[-1][1]} {ours[-1][2]}" if ours else "?"
        return f"{last.split(':')[0]} at {where}"
    return re.sub(r"\d+(\.\d+)?", "N", detail.split(":")[0])[:80]


def save_failure(crashes: Path, index: int, seed: int, name: str, raw: bytes, suffix: str, mutations: list[str],
                 detail: str) -> Path:
    crashes.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(raw).hexdigest()[:10]
    path = crashes / f"{index:05d}-{digest}{suffix}"
    path.write_bytes(raw)
    path.with_name(path.name + ".error").write_text(
        f"seed {seed} input {index}\nfrom {name}\nmutations {' '.join(mutations)}\nsize {len(raw)} bytes\n"
        f"replay: .venv/bin/policybrief analyze {path} --json\n\n{detail}\n", encoding="utf-8")
    return path


def run(minutes: float, seed: int, crashes: Path, timeout: float, memory_mb: int, quiet: bool) -> Tally:
    seeds = {p.name: p.read_bytes() for p in sorted(DEVSET.iterdir()) if p.suffix in (".txt", ".md", ".html")}
    tally = Tally()
    worker = Worker(memory_mb)
    worker.start()
    work = Path(tempfile.mkdtemp(prefix="pb-fuzz-"))
    t0 = time.monotonic()
    end = t0 + minutes * 60
    index = 0
    try:
        while time.monotonic() < end:
            name, raw, suffix, mutations = make_input(seed, index, seeds)
            path = work / f"input-{index}{suffix}"
            path.write_bytes(raw)
            started = time.monotonic()
            budget = min(timeout, max(end - started, 0) + 10)  # the run ends on time, 10 s grace at most
            outcome, detail = worker.run(str(path), budget)
            took = time.monotonic() - started
            if outcome == "failure" and detail.startswith("timeout") and budget < timeout:
                unfinished = f"#{index} ({' '.join(mutations)}) still running after {took:.0f} s at the end"
                tally.unfinished = unfinished
                break
            tally.outcomes[outcome] += 1
            for m in mutations:
                tally.by_mutation.setdefault(m, Counter())[outcome] += 1
            tally.slowest = sorted([*tally.slowest, (took, index, " ".join(mutations))], reverse=True)[:5]
            if outcome == "refused":
                tally.refusals[detail] += 1
            elif outcome == "brief":
                tally.languages[detail] += 1
            else:
                sig = signature(detail)
                tally.signatures[sig] += 1
                saved = save_failure(crashes, index, seed, name, raw, suffix, mutations, detail)
                tally.examples.setdefault(sig, str(saved))
                if not quiet:
                    print(f"FAIL input {index} ({' '.join(mutations)}): {sig} -> {saved}", file=sys.stderr,
                          flush=True)
            path.unlink(missing_ok=True)
            index += 1
            if not quiet and index % 25 == 0:
                print(f"... {index} inputs, {tally.outcomes['failure']} failures, "
                      f"{time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    finally:
        worker.stop()
        shutil.rmtree(work, ignore_errors=True)
    tally.seconds = time.monotonic() - t0
    return tally


def table(title: str, rows: list[tuple], header: tuple) -> str:
    rows = [tuple(str(c) for c in r) for r in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h)) for i, h in enumerate(header)]

    def line(cells: tuple) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in pairs)

    return "\n".join([title, line(header), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)])


def report(tally: Tally, seed: int, crashes: Path) -> str:
    tried = sum(tally.outcomes.values())
    parts = [
        table(f"policybrief fuzz: seed {seed}, {tally.seconds / 60:.1f} min, {tried} inputs "
              f"({tried / max(tally.seconds, 1e-9):.2f}/s)",
              [(k, tally.outcomes[k], f"{100 * tally.outcomes[k] / max(tried, 1):.1f}%")
               for k in ("brief", "refused", "failure")] + [("tried", tried, "100%")],
              ("outcome", "inputs", "share")),
        table("per mutation (an input has 1-4)",
              sorted(((m, sum(c.values()), c["brief"], c["refused"], c["failure"])
                      for m, c in tally.by_mutation.items()), key=lambda r: -r[4]),
              ("mutation", "inputs", "brief", "refused", "failure")),
        table("refusals", tally.refusals.most_common(), ("message", "inputs")),
        table("brief languages", tally.languages.most_common(8), ("language", "inputs")),
        table("slowest inputs", [(f"#{i}", f"{s:.1f} s", m) for s, i, m in tally.slowest],
              ("input", "time", "mutations")),
    ]
    if tally.unfinished:
        parts.append(f"not counted: input {tally.unfinished}")
    if tally.signatures:
        parts.append(table(f"distinct failures (inputs saved in {crashes})",
                           [(sig, n, tally.examples[sig]) for sig, n in tally.signatures.most_common()],
                           ("failure", "inputs", "first saved input")))
    else:
        parts.append("no failures")
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, required=True, help="how long to fuzz")
    parser.add_argument("--seed", type=int, default=None, help="replay a run (default: from the clock)")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"), help="folder for failing inputs")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per input")
    parser.add_argument("--memory-mb", type=int, default=4096, help="address-space limit of the worker (0: none)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time()) % 100_000
    tally = run(args.minutes, seed, args.crashes, args.timeout, args.memory_mb, args.quiet)
    print(report(tally, seed, args.crashes))
    return 1 if tally.outcomes["failure"] else 0


if __name__ == "__main__":
    sys.exit(main())
