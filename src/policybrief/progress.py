"""What a batch tells the person running it, on stderr: a live bar on a terminal, one line per brief in logs,
and a summary table at the end."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .worker import Result


class Reporter:
    """Counts outcomes and shows them as they come; `live` picks the bar over log lines.

    The bar counts only briefs that are built (or fail), so that instant skips do not skew its time left.
    """

    def __init__(self, total: int, to_build: int, *, quiet: bool = False, live: bool | None = None,
                 log: Path | None = None) -> None:
        self.total = total
        self.log = log
        self.to_build = to_build
        self.quiet = quiet
        self.counts: Counter[str] = Counter()
        self.console = Console(stderr=True, highlight=False)
        self.live = (sys.stderr.isatty() if live is None else live) and not quiet
        self._progress: Progress | None = None
        self._task = None

    def __enter__(self) -> Reporter:
        if self.live:
            self._progress = Progress(
                TextColumn("briefs"), BarColumn(), MofNCompleteColumn(),
                TextColumn("[green]{task.fields[built]} built[/] [red]{task.fields[failed]} failed[/] "
                           "[dim]{task.fields[skipped]} skipped[/]"),
                TimeElapsedColumn(), TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left"),
                console=self.console, transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("briefs", total=self.to_build, built=0, failed=0, skipped=0)
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def add(self, result: Result) -> None:
        self.counts[result.status] += 1
        done = sum(self.counts.values())
        if self._progress is not None:
            self._progress.update(self._task, completed=self.counts["built"] + self.counts["failed"],
                                  **{k: self.counts[k] for k in ("built", "failed", "skipped")})
            if result.status == "failed":
                self.console.print(f"[red]failed[/] {escape(result.folder)}: {escape(self._error(result))}",
                                   soft_wrap=True)
            return
        if result.status != "failed" and self.quiet:
            return
        width = len(str(self.total))
        head = f"[{done:>{width}}/{self.total}] {result.status:<7} {result.folder}"
        if result.status == "failed":
            line = f"{head}: {self._error(result)}"
        elif result.status == "built":
            line = f"{head} ({result.seconds:.1f} s)"
        else:
            line = f"{head} (up to date)"
        print(line, file=sys.stderr, flush=True)

    def summary(self, results: list[Result], out: Path, seconds: float, *, interrupted: bool = False) -> None:
        table = Table(title=f"Briefs in {escape(str(out))}", title_justify="left", show_header=False,
                      box=None, padding=(0, 2, 0, 0))
        for status in ("built", "skipped", "failed"):
            style = {"failed": "red", "built": "green"}.get(status, "") if self.counts[status] else ""
            table.add_row(status, f"[{style}]{self.counts[status]}[/]" if style else str(self.counts[status]))
        if interrupted:
            table.add_row("not done", f"[yellow]{self.total - sum(self.counts.values())}[/]")
        table.add_row("time", f"{seconds:.1f} s")
        table.add_row("index", escape(str(out / "index.html")))
        if self.log is not None:
            table.add_row("log", escape(str(self.log)))
        self.console.print(table)
        failed = [r for r in results if r.status == "failed"]
        if failed:
            errors = Table(title="Failed", title_justify="left", title_style="bold red", show_lines=False)
            errors.add_column("brief", no_wrap=True)
            errors.add_column("error", overflow="fold")
            for r in failed:
                errors.add_row(escape(r.folder), escape(self._error(r)))
            self.console.print(errors)
        if interrupted:
            self.console.print("[yellow]Interrupted.[/] Run the same command again to build the rest; "
                               "finished briefs are kept.")

    def _error(self, result: Result) -> str:
        """The one-line error; for an unexpected one, where its traceback is."""
        if result.traceback and self.log is not None:
            return f"{result.error} (traceback in {self.log})"
        return result.error or ""
