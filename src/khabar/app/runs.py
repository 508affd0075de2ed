"""What one pipeline run did, for the Prefect artifact, the CLI and ``raw.runs``; and the run's
record in ``raw.runs``, opened before the first file is read and closed after dbt."""
from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from khabar.app import lifecycle
from khabar.app.project import Project
from khabar.document import budget
from khabar.store import ingest
from khabar.store.batch import ALREADY_LOADED, COPY, QUARANTINED, Outcome

MAX_BYTES_ENV = "KHABAR_MAX_FILE_BYTES"
REASON_CHARS = 500  # raw.runs.reason is one line, not a traceback


@dataclass(frozen=True)
class RunSettings:
    """Where a run reads and writes, and the limits that bound the cost of one document."""

    project: Project
    run_id: str
    landing: Path
    warehouse: Path
    max_file_bytes: int = ingest.MAX_FILE_BYTES
    doc_seconds: float = budget.DOC_SECONDS

    @classmethod
    def resolve(cls, project: Project, run_id: str, landing: str | None, warehouse: str | None) -> RunSettings:
        """Paths default to the project's; limits come from KHABAR_MAX_FILE_BYTES and KHABAR_DOC_SECONDS."""
        raw = os.environ.get(MAX_BYTES_ENV, "").strip()
        if raw and not raw.isdigit():
            raise ValueError(f"{MAX_BYTES_ENV}={raw!r} is not a number of bytes")
        return cls(project, run_id, Path(landing) if landing else project.default_landing,
                   Path(warehouse) if warehouse else project.default_warehouse,
                   int(raw) if raw else ingest.MAX_FILE_BYTES, budget.seconds_from_env())


def batches(sources: Sequence[ingest.SourceFile], rejected: Sequence[ingest.Rejected],
            size: int) -> Iterator[tuple[Sequence[ingest.SourceFile], Sequence[ingest.Rejected]]]:
    """Files in batches of ``size``; what discovery rejected rides with the first batch. Nothing to
    read and nothing rejected: no batch."""
    for start in range(0, len(sources) or (1 if rejected else 0), size):
        yield sources[start:start + size], (rejected if start == 0 else ())


@dataclass
class RunSummary:
    run_id: str
    landing: str
    warehouse: str
    files_seen: int = 0
    loaded: int = 0
    already_loaded: int = 0
    quarantined: int = 0
    copies: int = 0  # paths whose content was loaded under another path in this run
    quarantine_reasons: Counter = field(default_factory=Counter)  # "stage/reason" -> files
    languages: Counter = field(default_factory=Counter)           # of documents loaded this run
    flags: list[str] = field(default_factory=list)
    events: int = 0
    dbt_nodes: int = 0
    dbt_status: str = "skipped"  # skipped | running | passed | failed | cancelled
    batches: int = 0
    stage_seconds: dict = field(default_factory=dict)  # stage -> wall-clock seconds, in run order
    quality_docs: str = ""  # the Data Docs page of this run's validation result
    read_copy: str = ""     # the analyst copy published at the end of the run

    def skipped_unchanged(self, n: int) -> None:
        """Files whose (path, size, mtime) match their last load: counted, never opened."""
        self.files_seen += n
        self.already_loaded += n

    def add(self, outcome: Outcome, flags: Sequence[str] = ()) -> None:
        """Count one loaded batch."""
        self.batches += 1
        self.files_seen += len(outcome.sightings)
        self.loaded += outcome.tables.documents.height
        self.copies += outcome.count(COPY)
        self.already_loaded += outcome.count(ALREADY_LOADED)
        self.quarantined += outcome.count(QUARANTINED)
        self.quarantine_reasons.update(f"{r.stage}/{r.reason}" for r in outcome.quarantine)
        self.languages.update(outcome.tables.documents["lang"].to_list())
        self.flags += list(flags)

    def progress(self) -> str:
        return (f"batch {self.batches}: {self.files_seen} files so far, {self.loaded} loaded, "
                f"{self.copies} copies, {self.already_loaded} already loaded, {self.quarantined} quarantined")

    def dbt_started(self) -> None:
        self.dbt_status = "running"

    def dbt_passed(self, nodes: int) -> None:
        self.dbt_status, self.dbt_nodes = "passed", nodes


    @contextlib.contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Add the wall-clock time of the block to ``stage`` (a stage run per batch adds up)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + time.perf_counter() - start

    @property
    def seconds(self) -> float:
        return sum(self.stage_seconds.values())

    @property
    def docs_per_second(self) -> float:
        """Files handled (loaded, already loaded or quarantined) per second of the whole run."""
        return self.files_seen / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id, "landing": self.landing, "warehouse": self.warehouse,
            "files_seen": self.files_seen, "loaded": self.loaded, "already_loaded": self.already_loaded,
            "quarantined": self.quarantined, "copies": self.copies,
            "quarantine_reasons": dict(sorted(self.quarantine_reasons.items())),
            "languages": dict(sorted(self.languages.items())), "flags": self.flags, "events": self.events,
            "dbt_nodes": self.dbt_nodes, "dbt_status": self.dbt_status,
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "seconds": round(self.seconds, 3), "docs_per_second": round(self.docs_per_second, 2),
            "quality_docs": self.quality_docs, "read_copy": self.read_copy,
        }

    @classmethod
    def from_dict(cls, data: dict) -> RunSummary:
        """The inverse of ``as_dict`` (what the flow returns across the Prefect boundary)."""
        counts = ("files_seen", "loaded", "already_loaded", "quarantined", "events", "dbt_nodes")
        return cls(
            data["run_id"], data["landing"], data["warehouse"], **{k: data[k] for k in counts},
            copies=data.get("copies", 0), dbt_status=data.get("dbt_status", "skipped"),
            quarantine_reasons=Counter(data["quarantine_reasons"]), languages=Counter(data["languages"]),
            flags=list(data["flags"]), stage_seconds=dict(data.get("stage_seconds", {})),
            quality_docs=data.get("quality_docs", ""), read_copy=data.get("read_copy", ""),
        )

    def lines(self) -> list[str]:
        out = [
            f"files seen {self.files_seen}: loaded {self.loaded}, already loaded {self.already_loaded}, "
            f"quarantined {self.quarantined}",
        ]
        if self.copies:
            out.append(f"copies of content loaded under another path: {self.copies}")
        if self.languages:
            out.append("languages: " + ", ".join(f"{k} {v}" for k, v in sorted(self.languages.items())))
        for reason, n in sorted(self.quarantine_reasons.items()):
            out.append(f"quarantined {reason}: {n}")
        out += [f"flag: {f}" for f in self.flags]
        out.append(f"events {self.events}; dbt nodes passed {self.dbt_nodes}; warehouse {self.warehouse}")
        if self.read_copy:
            out.append(f"analyst copy {self.read_copy}")
        if self.quality_docs:
            out.append(f"quality report {self.quality_docs}")
        return out

    def markdown(self) -> str:
        rows = [
            "# khabar run", "",
            f"Landing `{self.landing}` → warehouse `{self.warehouse}`", "",
            "| files seen | loaded | copies | already loaded | quarantined | events |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {self.files_seen} | {self.loaded} | {self.copies} | {self.already_loaded} | {self.quarantined} "
            f"| {self.events} |",
            "", "## Quarantined by reason", "", "| stage/reason | files |", "|---|---:|",
            *[f"| {k} | {v} |" for k, v in sorted(self.quarantine_reasons.items())],
            "", "## Loaded by language", "", "| language | documents |", "|---|---:|",
            *[f"| {k} | {v} |" for k, v in sorted(self.languages.items())],
        ]
        if self.stage_seconds:
            rows += ["", "## Time by stage", "", "| stage | seconds |", "|---|---:|",
                     *[f"| {k} | {v:.1f} |" for k, v in self.stage_seconds.items()],
                     f"| **total** | **{self.seconds:.1f}** ({self.docs_per_second:.1f} docs/s) |"]
        if self.flags:
            rows += ["", "## Flags", "", *[f"- {f}" for f in self.flags]]
        return "\n".join(rows) + "\n"


@contextlib.contextmanager
def recorded(settings: RunSettings) -> Iterator[RunSummary]:
    """The run in ``raw.runs``: ``running`` (earlier runs left running are marked ``abandoned``);
    at the end ``completed``, ``cancelled`` (a stop signal, Ctrl-C) or ``failed`` with the reason.
    The caller holds the writer lock. The row is closed after dbt, with dbt's outcome."""
    from khabar.store.warehouse import Warehouse

    summary = RunSummary(settings.run_id, str(settings.landing), str(settings.warehouse))
    with Warehouse(settings.warehouse) as store:
        store.start_run(settings.run_id, str(settings.landing))
    status, reason = "completed", None
    try:
        yield summary
    except Exception as err:
        stop = lifecycle.stop_of(err)
        status, reason = ("cancelled", _stop_reason(stop)) if stop else ("failed", _one_line(err))
        raise
    except BaseException as stop:  # a signal, Ctrl-C, an exit: the run was stopped, not broken
        status, reason = "cancelled", _stop_reason(stop)
        raise
    finally:
        if summary.dbt_status == "running":
            summary.dbt_status = "failed" if status == "failed" else "cancelled"
        _close(settings, status, reason, summary)


def _close(settings: RunSettings, status: str, reason: str | None, summary: RunSummary) -> None:
    """Close the row; when the warehouse cannot be opened now, the next run marks it ``abandoned``."""
    from khabar.store.warehouse import Warehouse, WarehouseError

    try:
        with Warehouse(settings.warehouse) as store:
            store.finish_run(settings.run_id, status, summary.as_dict(), reason)
    except WarehouseError:
        if status == "completed":
            raise


def _stop_reason(stop: BaseException) -> str:
    """``stopped by SIGTERM`` for our ``Stopped`` and for an orchestrator's signal exception alike
    (Prefect raises its own ``TerminationSignal`` on SIGTERM while a flow runs)."""
    number = getattr(stop, "signum", None) or getattr(stop, "signal", None)
    if isinstance(stop, KeyboardInterrupt):
        number = signal.SIGINT
    try:
        return f"stopped by {signal.Signals(number).name}"
    except (TypeError, ValueError):
        return f"stopped ({type(stop).__name__})"


def _one_line(err: BaseException) -> str:
    text = str(err).strip()
    line = text.splitlines()[0] if text else type(err).__name__
    return f"{type(err).__name__}: {line}"[:REASON_CHARS]
