"""The ingest flow: discover → skip unchanged → read → analyse (on every core, or on a Dask cluster)
→ validate → load, in batches; then events, syndication of the new documents, dbt build when anything
changed, and a summary artifact. Each task is a few lines over a ``khabar`` library function.

Analysis runs in worker processes (Prefect's process pool, or Dask workers when a scheduler address
is given); everything that writes — the one DuckDB connection — stays in this flow process.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner

from khabar.app import batches
from khabar.app.project import Project, find_project
from khabar.app.runs import RunSummary
from khabar.corpus import derive, syndication
from khabar.document import article as articles
from khabar.store import changes, ingest, quality, transform
from khabar.store.warehouse import Warehouse

BATCH_SIZE = 1000  # files read, validated and loaded together (one GX run, one transaction)
CHUNK_SIZE = 125  # files one worker analyses per task: small enough to keep every worker busy
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: reading and loading overlap analysis


def _is_io_error(task, task_run, state) -> bool:
    """Retry reads only on IO errors, never on a malformed file."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


@task(cache_policy=NO_CACHE)
def discover_files(landing: Path) -> tuple[list[ingest.SourceFile], list[ingest.Rejected]]:
    return ingest.discover(landing)


@task(cache_policy=NO_CACHE)
def skip_unchanged(store: Warehouse, sources: Sequence[ingest.SourceFile]) -> changes.Split:
    stats = changes.stat_all(sources)
    return changes.split(sources, stats, store.unchanged_files(stats))


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1, retry_condition_fn=_is_io_error)
def read_batch(sources: Sequence[ingest.SourceFile]) -> tuple[list[ingest.Decoded], list[ingest.Rejected]]:
    return ingest.read_all(sources)


@task(cache_policy=NO_CACHE)
def analyse_chunk(docs: Sequence[ingest.Decoded], project: Project) -> articles.AnalysedBatch:
    return articles.analyse_batch(docs, project)


@task(cache_policy=NO_CACHE)
def validate_batch(batch: batches.Batch, project: Project) -> quality.Report:
    return quality.validate(batch.tables.documents, project.expectations_dir)


@task(cache_policy=NO_CACHE)
def load_batch(store: Warehouse, batch: batches.Batch, split: changes.Split, run_id: str) -> batches.Batch:
    store.load(batch.tables, batch.rejected, batch.seen, run_id)
    store.record_file_stats(split.stats, batch.seen)
    syndication.link(store, batch.bands)
    return batch


@task(cache_policy=NO_CACHE)
def derive_events(store: Warehouse) -> int:
    frames = derive.derive(*(store.frame(t) for t in
                               ("documents", "entity_mentions", "date_mentions", "outlet_mentions", "event_mentions")))
    frames.pop("near_duplicates", None)  # kept incrementally by syndication.link as documents load
    store.replace_derived(frames)
    return frames["events"].height


@task(cache_policy=NO_CACHE)
def build_models(project: Project, warehouse: Path, fingerprint: str) -> transform.BuildResult:
    return transform.build_if_changed(project, warehouse, fingerprint)


def analysis_runner(project: Project, dask_address: str | None, workers: int | None):
    """Where analysis runs: a Dask scheduler when given an address, else a pool of local processes."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    return ProcessPoolTaskRunner(max_workers=workers, initializer=articles.worker_resources, initargs=(project,))


@contextlib.contextmanager
def _api_shared_with_workers() -> Iterator[None]:
    """Worker processes report to this run's Prefect API instead of each starting a temporary server."""
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        os.environ["PREFECT_API_URL"] = str(client.api_url)
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def _worker_count(runner) -> int:
    client = getattr(runner, "_client", None)
    if client is not None:  # Dask: the cluster's worker processes
        return max(1, len(client.scheduler_info().get("workers", {})))
    return max(1, getattr(runner, "_max_workers", 1))


def _analysed(runner, reads: Iterator[tuple], project: Project, window: int) -> Iterator[tuple]:
    """(read batch, analysed chunks) in order, keeping ``window`` chunks queued on the workers."""
    pending: deque = deque()
    for read in reads:
        fresh = read[1]
        chunks = [fresh[i:i + CHUNK_SIZE] for i in range(0, len(fresh), CHUNK_SIZE)]
        futures = [runner.submit(analyse_chunk, {"docs": c, "project": project}) for c in chunks]
        pending.append((read, futures))
        while len(pending) > 1 and sum(len(f) for _, f in pending) - len(pending[0][1]) >= window:
            done_read, done = pending.popleft()
            yield done_read, [f.result() for f in done]
    while pending:
        done_read, done = pending.popleft()
        yield done_read, [f.result() for f in done]


def _reads(store: Warehouse, sources: Sequence[ingest.SourceFile], summary: RunSummary) -> Iterator[tuple]:
    for start in range(0, len(sources), BATCH_SIZE):
        decoded, rejected = read_batch(sources[start:start + BATCH_SIZE])
        fresh = batches.fresh(decoded, store.known_hashes(d.sha256 for d in decoded))
        summary.already_loaded += len(decoded) - len(fresh)
        yield decoded, fresh, rejected


@flow(name="khabar-ingest", log_prints=False)
def ingest_flow(landing: str | None = None, warehouse: str | None = None, build: bool = True,
                dask_address: str | None = None, workers: int | None = None) -> dict:
    """One pipeline run over a landing folder into a DuckDB warehouse.

    ``dask_address`` (``tcp://host:8786``) runs analysis on that Dask cluster; otherwise ``workers``
    local processes (default: one per core) do.
    """
    logger = get_run_logger()
    project = find_project()
    landing_dir = Path(landing) if landing else project.default_landing
    warehouse_file = Path(warehouse) if warehouse else project.default_warehouse
    summary = RunSummary(_run_id(), str(landing_dir), str(warehouse_file))
    sources, unreadable = discover_files(landing_dir)
    summary.files_seen = len(sources) + len(unreadable)
    with Warehouse(warehouse_file) as store:
        store.start_run(summary.run_id, str(landing_dir))
        split = skip_unchanged(store, sources)
        summary.already_loaded += len(split.unchanged)
        if unreadable:
            batches.record(summary, load_batch(store, batches.Batch.rejects(unreadable), split, summary.run_id))
        if split.to_read:
            with _api_shared_with_workers(), analysis_runner(project, dask_address, workers) as runner:
                window = IN_FLIGHT_PER_WORKER * _worker_count(runner)
                for (decoded, _, rejected), analysed in _analysed(runner, _reads(store, split.to_read, summary),
                                                                  project, window):
                    batch = batches.Batch.of(decoded, rejected, analysed)
                    batch = batch.validated(validate_batch(batch, project))
                    batches.record(summary, load_batch(store, batch, split, summary.run_id))
                    logger.info("%s", batches.progress(summary))
        summary.events = derive_events(store) if summary.loaded else store.count("events")
        store.finish_run(summary.run_id, "loaded", summary.as_dict())
        fingerprint = store.fingerprint()
    if build:
        summary.dbt_nodes = build_models(project, warehouse_file, fingerprint).passed
    create_markdown_artifact(markdown=summary.markdown(), key="khabar-run-summary",
                             description="files seen, loaded, quarantined by reason, per language")
    return summary.as_dict()


def _run_id() -> str:
    from prefect.runtime import flow_run

    return str(flow_run.id or uuid.uuid4())
