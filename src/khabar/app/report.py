"""What ``khabar run`` shows while it works and when it is done.

On a terminal: a progress bar over the files of the landing folder, with counts and an ETA, fed by
the flow's own log lines (``found N files``, then one ``batch i/n: …`` line per batch). Not on a
terminal: nothing extra; the log lines are the progress. At the end: the summary lines and a table
of time by stage with the documents per second, or the whole summary as JSON (``--json``).
"""
from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the run's modules import polars and duckdb: not before the CLI has set their allocator
    from khabar.app.runs import RunSummary

FLOW_LOGGER = "prefect.flow_runs"
FOUND_MESSAGE = "found %d files"                          # the flow's log line after discovery
BATCH_PREFIX = "batch %d/%d: %d files"                    # the start of its log line per batch


class _ProgressHandler(logging.Handler):
    """Moves a rich progress bar on the flow's ``found`` and ``batch`` log records."""

    def __init__(self, progress, task_id) -> None:
        super().__init__(level=logging.INFO)
        self.progress, self.task_id = progress, task_id
        self.loaded = self.quarantined = 0

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if record.msg == FOUND_MESSAGE and args:
            self.progress.update(self.task_id, total=args[0])
        elif isinstance(record.msg, str) and record.msg.startswith(BATCH_PREFIX) and len(args) >= 5:
            self.loaded += args[3]
            self.quarantined += args[4]
            self.progress.update(self.task_id, advance=args[2],
                                 description=f"loaded {self.loaded}, quarantined {self.quarantined}")


@contextlib.contextmanager
def progress(stream: TextIO | None = None) -> Iterator[None]:
    """A progress bar with counts and ETA on ``stream`` (stderr) when it is a terminal; else nothing."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(TextColumn("[bold]khabar[/bold] {task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("files"), TimeRemainingColumn(), console=Console(file=stream), transient=True)
    handler = _ProgressHandler(bar, bar.add_task("discovering files", total=None))
    logger = logging.getLogger(FLOW_LOGGER)
    logger.addHandler(handler)
    try:
        with bar, _log_lines_above():
            yield
    finally:
        logger.removeHandler(handler)


@contextlib.contextmanager
def _log_lines_above() -> Iterator[None]:
    """Prefect's console log lines printed above the bar instead of through it: while the bar is
    live, the consoles of Prefect's stderr handlers write to rich's stand-in for stderr."""
    consoles = [h.console for name in ("prefect", "") for h in logging.getLogger(name or None).handlers
                if getattr(getattr(h, "console", None), "file", None) is sys.__stderr__]
    for console in consoles:
        console.file = sys.stderr  # rich's proxy while the bar is live
    try:
        yield
    finally:
        for console in consoles:
            console.file = sys.__stderr__


def stage_table(summary: RunSummary) -> list[str]:
    """Time by stage, then the total with documents per second, as aligned plain-text lines."""
    if not summary.stage_seconds:
        return []
    width = max(len("total"), *(len(s) for s in summary.stage_seconds))
    rows = [f"{'stage':<{width}}  {'seconds':>8}"]
    rows += [f"{stage:<{width}}  {seconds:>8.2f}" for stage, seconds in summary.stage_seconds.items()]
    rate = summary.docs_per_second
    rows.append(f"{'total':<{width}}  {summary.seconds:>8.2f}  ({rate:.{1 if rate >= 1 else 2}f} docs/s)")
    return rows


def print_summary(summary: dict, *, as_json: bool, out: TextIO = sys.stdout) -> None:
    """The end of ``khabar run``: JSON for scripts, or the summary lines and the stage table."""
    if as_json:
        json.dump(summary, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from khabar.app.runs import RunSummary

    run = RunSummary.from_dict(summary)
    print(f"khabar run {run.run_id}", file=out)
    for line in run.lines() + [""] + stage_table(run):
        print("  " + line if line else "", file=out)
