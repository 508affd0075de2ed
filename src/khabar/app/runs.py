"""What one pipeline run did, for the Prefect artifact, the CLI and ``raw.runs``."""
from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class RunSummary:
    run_id: str
    landing: str
    warehouse: str
    files_seen: int = 0
    loaded: int = 0
    already_loaded: int = 0
    quarantined: int = 0
    quarantine_reasons: Counter = field(default_factory=Counter)  # "stage/reason" -> files
    languages: Counter = field(default_factory=Counter)           # of documents loaded this run
    flags: list[str] = field(default_factory=list)
    events: int = 0
    dbt_nodes: int = 0
    stage_seconds: dict = field(default_factory=dict)  # stage -> wall-clock seconds, in run order
    quality_docs: str = ""  # the Data Docs page of this run's validation result
    read_copy: str = ""     # the analyst copy published at the end of the run

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
            "quarantined": self.quarantined, "quarantine_reasons": dict(sorted(self.quarantine_reasons.items())),
            "languages": dict(sorted(self.languages.items())), "flags": self.flags, "events": self.events,
            "dbt_nodes": self.dbt_nodes,
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
            quarantine_reasons=Counter(data["quarantine_reasons"]), languages=Counter(data["languages"]),
            flags=list(data["flags"]), stage_seconds=dict(data.get("stage_seconds", {})),
            quality_docs=data.get("quality_docs", ""), read_copy=data.get("read_copy", ""),
        )

    def lines(self) -> list[str]:
        out = [
            f"files seen {self.files_seen}: loaded {self.loaded}, already loaded {self.already_loaded}, "
            f"quarantined {self.quarantined}",
        ]
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
            "| files seen | loaded | already loaded | quarantined | events |",
            "|---:|---:|---:|---:|---:|",
            f"| {self.files_seen} | {self.loaded} | {self.already_loaded} | {self.quarantined} | {self.events} |",
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
