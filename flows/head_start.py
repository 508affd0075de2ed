"""What ``khabar run`` does while its Prefect server starts (seconds of import on one core, the
other idle): list the landing folder and ask the warehouse which files are unchanged, and — when
there is something to read — start the analysis children and GX's import. The flow takes what was
prepared for its landing folder and warehouse (``take``); a flow run without it (a deployment's, a
test's) does the same steps itself. Nothing here may fail the run: on any error nothing is kept,
and the flow meets the error again in its own steps, where it is reported.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from khabar.app import runs
from khabar.app.project import Project
from khabar.store import analysis, changes, ingest, quality
from khabar.store.warehouse import Warehouse


@dataclass(frozen=True)
class Prepared:
    landing: Path
    warehouse: Path
    sources: list[ingest.SourceFile]
    rejected: list[ingest.Rejected]
    split: changes.Split
    seconds: float  # listing and asking the warehouse: the run's discover stage


_prepared: list[Prepared] = []


def prepare(project: Project, landing: Path, warehouse: Path, *, workers: int | None, dask_address: str | None) -> None:
    """Discover and split now; with files to read, start GX's import and the analysis children the
    first batch will use (unless a Dask cluster analyses). From the main thread, which holds the
    warehouse's writer lock."""
    from khabar_flows.pipeline import BATCH_SIZE, chunk_bounds

    start = time.perf_counter()
    try:
        run = runs.RunSettings.resolve(project, "ahead", str(landing), str(warehouse))
        if run.doc_seconds <= 0:
            return  # no budget: the flow's process pool analyses, not budget children
        sources, rejected = ingest.discover(run.landing, run.max_file_bytes)
        with Warehouse(run.warehouse) as store:
            split = changes.split_against(store, sources)
    except Exception:
        return
    _prepared[:] = [Prepared(run.landing, run.warehouse, sources, rejected, split, time.perf_counter() - start)]
    if split.to_read:
        quality.prepare_in_background()
        if dask_address is None:
            slots = workers or os.cpu_count() or 1
            analysis.start_children(project, min(slots, len(chunk_bounds(min(len(split.to_read), BATCH_SIZE), slots))))


def take(landing: Path, warehouse: Path) -> Prepared | None:
    """What ``prepare`` listed for this landing folder and warehouse, once."""
    found = next((p for p in _prepared if (p.landing, p.warehouse) == (landing, warehouse)), None)
    _prepared.clear()
    return found
