"""The ingest flow: discover → skip unchanged → read → analyse (on every core, or on a Dask cluster,
each document within its time budget) → validate → load, in batches; then the new reports' events,
dbt build when anything changed, and a summary artifact. Each task is a few lines over a ``khabar`` library function;
the run's bookkeeping (writer lock, ``raw.runs``, counts) is ``khabar.store.lock`` and ``khabar.app.runs``.

Analysis runs in worker processes (Prefect's process pool, or Dask workers when a scheduler address
is given); everything that writes — the one DuckDB connection — stays in this flow process. Batches
overlap: the next batch is read and on the workers while this process validates and loads the one
before it, so the workers do not wait on the writer (``start_batch``, ``finish_batch``).
"""
from __future__ import annotations

import contextlib
import ctypes
import math
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from khabar_flows import head_start
from khabar_flows.artifacts import publish_artifacts
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from khabar.app import lifecycle, runs
from khabar.app.project import Project, find_project
from khabar.corpus import syndication
from khabar.document import budget
from khabar.store import analysis, batch, changes, ingest, lock, quality, transform
from khabar.store import tables as tables_
from khabar.store.event_state import cluster_new
from khabar.store.warehouse import Warehouse, publish_read_copy

BATCH_SIZE = 1000  # files read, validated and loaded together (one GX run, one transaction)
FOUND_MESSAGE = "found %d files"  # the lines khabar.app.report's progress bar reads
BATCH_MESSAGE = "batch %d/%d: %d files, %d loaded, %d quarantined"
# A batch's new documents go to the workers in chunks, one task each: of nearly equal size,
# CHUNKS_PER_WORKER per worker so that every worker gets the same share (600 documents in chunks of
# 250 left one of two workers a third of the work), at most CHUNK_SIZE and, unless the batch is
# smaller, at least MIN_CHUNK documents, whose work outweighs a task's fixed cost (Prefect's task run;
# each worker's budget child starts with its first chunk and is kept for the next).
CHUNK_SIZE = 250
MIN_CHUNK = 50
CHUNKS_PER_WORKER = 4


def _is_io_error(task, task_run, state) -> bool:
    """Retry reads only on IO errors, never on a malformed file."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


# Big task inputs (a run's file list, a batch's documents and frames) go to the tasks ``quote``d:
# Prefect would otherwise walk every object in them looking for futures (1.5 s for 10k file records).
# Not the chunks submitted to the analysis runner: a Dask worker would get the quote, not the chunk.
@task(cache_policy=NO_CACHE)
def discover_files(landing: Path, max_bytes: int) -> tuple[list[ingest.SourceFile], list[ingest.Rejected]]:
    return ingest.discover(landing, max_bytes)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1, retry_condition_fn=_is_io_error)
def read_batch(sources: Sequence[ingest.SourceFile], max_bytes: int) -> tuple[list[ingest.Decoded], list[ingest.Rejected]]:
    return ingest.read_all(sources, max_bytes)


@task(cache_policy=NO_CACHE)
def skip_unchanged(store: Warehouse, sources: Sequence[ingest.SourceFile]) -> changes.Split:
    return changes.split_against(store, sources)


@task(cache_policy=NO_CACHE)
def analyse_chunk(docs: Sequence[ingest.Decoded], project: Project, seconds: float) -> analysis.AnalysedChunk:
    return analysis.analyse_chunk(docs, project, seconds)


@task(cache_policy=NO_CACHE)
def validate_batch(tables: tables_.Tables) -> quality.Report:
    return quality.validate(tables.documents)


@task(cache_policy=NO_CACHE)
def record_quality(checked: list, project: Project, run_id: str) -> str:
    page = quality.record_run(checked, project.expectations_dir, run_id)
    return str(page) if page else ""


@task(cache_policy=NO_CACHE)
def load_batch(store: Warehouse, outcome: batch.Outcome, run_id: str):
    return store.load(outcome, run_id)


def give_back_memory() -> None:
    """Return the heap a batch or clustering freed to the system (glibc keeps it otherwise): the
    process tree's peak is this process beside the analysis children, then beside dbt's."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


@task(cache_policy=NO_CACHE)
def derive_events(store: Warehouse) -> int:
    """Cluster the reports not clustered yet (this run's, and a stopped run's), once all batches have
    loaded and the analysis processes have gone. Not batch by batch: each clustering against the
    warehouse reads the events its reports could join, so ten batches of a 10k first run cost three
    times one clustering of them all (210 s against 70 s, measured). What the loads left in DuckDB's
    memory goes first (~130 MB after a 10k first run's loads): clustering is the flow's peak."""
    store.give_back_cache()
    cluster_new(store)
    give_back_memory()
    return store.count("events")


@task(cache_policy=NO_CACHE)
def build_models(project: Project, warehouse: Path, fingerprint: str) -> transform.BuildResult:
    return transform.build_if_changed(project, warehouse, fingerprint)


def analysis_runner(project: Project, dask_address: str | None, workers: int | None, doc_seconds: float):
    """Where analysis runs: a Dask scheduler when given an address; else local processes, one per core.

    With a time budget per document (the default) every document is analysed in a budget child
    process (``khabar.document.budget``), one per thread of Prefect's thread pool: the threads only
    feed their child and gather its answers, so a pool of processes beside them would hold a second
    copy of everything in memory for nothing. Without a budget the work itself needs processes:
    Prefect's process pool, each worker loading the resources once."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if doc_seconds > 0:
        return ThreadPoolTaskRunner(max_workers=workers or os.cpu_count() or 1)
    return ProcessPoolTaskRunner(max_workers=workers, initializer=analysis.start_worker, initargs=(project,))


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


def worker_slots(runner) -> int:
    """How many chunks the runner analyses at once: the Dask cluster's worker threads, or the pool's processes."""
    if hasattr(runner, "client"):  # DaskTaskRunner, connected
        return max(sum(runner.client.nthreads().values()), 1)
    return getattr(runner, "_max_workers", None) or os.cpu_count() or 1


def chunk_bounds(count: int, workers: int) -> list[tuple[int, int]]:
    """``count`` documents as (start, stop) chunks for ``workers`` workers (see CHUNK_SIZE)."""
    if not count:
        return []
    chunks = max(math.ceil(count / CHUNK_SIZE), min(CHUNKS_PER_WORKER * workers, count // MIN_CHUNK), 1)
    return [(i * count // chunks, (i + 1) * count // chunks) for i in range(chunks)]


def analyse_in_workers(runner, docs: Sequence[ingest.Decoded], run: runs.RunSettings) -> list:
    """The batch's new documents, in chunks on the workers: their futures, in order."""
    chunks = [docs[start:stop] for start, stop in chunk_bounds(len(docs), worker_slots(runner))]
    return [runner.submit(analyse_chunk, {"docs": c, "project": run.project, "seconds": run.doc_seconds})
            for c in chunks]


@dataclass
class Started:
    """A batch read, planned and on the workers, not yet gathered, validated or loaded."""

    decoded: list[ingest.Decoded]
    rejected: list[ingest.Rejected]
    plan: batch.Plan
    futures: list
    files: int
    deferred: frozenset[str]  # content the batch before was analysing when this one was planned


def start_batch(store: Warehouse, runner, files: Sequence[ingest.SourceFile], early: Sequence[ingest.Rejected],
                run: runs.RunSettings, summary: runs.RunSummary, ahead: Started | None) -> Started:
    """Read a batch and send its new documents to the workers. ``ahead`` (the batch before, still on
    the workers) is not loaded yet: content it analyses is left out here and settled in
    ``finish_batch``, once that batch is loaded, exactly as if this batch had been read after it."""
    with summary.timed("read"):
        decoded, unread = read_batch(quote(files), run.max_file_bytes)
        rejected = [*early, *unread]
        in_flight = {d.sha256 for d in ahead.plan.fresh} if ahead else set()
        deferred = frozenset(d.sha256 for d in decoded if d.sha256 in in_flight)
        plan = batch.plan([d for d in decoded if d.sha256 not in deferred], rejected,
                          store.known_documents(d.sha256 for d in decoded if d.sha256 not in deferred))
    futures = analyse_in_workers(runner, plan.fresh, run) if plan.fresh else []
    return Started(decoded, rejected, plan, futures, len(files) + len(early), deferred)


WAKE_SECONDS = 0.2  # how often the main thread wakes while it waits for analysis


def _results(futures) -> list:
    """The futures' results, waited for in short steps: a wait with no timeout is not woken by a
    signal delivered to another thread, so a Ctrl-C would wait for the document being analysed
    (seconds on a long one); woken, the main thread runs the stop handler at once."""
    for future in futures:
        wrapped = getattr(future, "wrapped_future", None)  # the pool's or Dask's own future: no API call
        while wrapped is not None and not wrapped.done():
            future.wait(WAKE_SECONDS)
    return [f.result() for f in futures]


def finish_batch(store: Warehouse, runner, started: Started, run: runs.RunSettings, split: changes.Split,
                 summary: runs.RunSummary) -> pl.DataFrame:
    """Gather a started batch's analysis, validate and load it: identical content analysed once,
    every path a sighting. Returns the rows the content rules checked (for the run's one quality report)."""
    with summary.timed("analyse"):
        chunks = _results(started.futures)
        plan = started.plan
        if started.deferred:
            # now that the batch before is loaded, what it analysed is known, unless it was
            # quarantined there — then it is analysed here, as it would have been
            known = {**plan.known, **store.known_documents(started.deferred)}
            plan = batch.plan(started.decoded, started.rejected, known)
            late = [d for d in plan.fresh if d.sha256 in started.deferred]
            if late:
                chunks += _results(analyse_in_workers(runner, late, run))
        analysed = analysis.combine(chunks)
    with summary.timed("validate"):
        report = validate_batch(quote(analysed.tables))
    failures = [*batch.analysis_failures(analysed.failed),
                *batch.validation_failures(analysed.tables, report.failures)]
    outcome = batch.settle(plan, analysed.tables, failures)
    with summary.timed("load"):
        load_batch(store, quote(outcome), run.run_id)
        store.record_file_stats(split.stats, outcome.files)
        loaded = outcome.tables.documents["doc_id"]
        syndication.link(store, analysed.bands.filter(pl.col("doc_id").is_in(loaded.to_list())))
    summary.add(outcome, report.flags)
    return report.checked


@task(cache_policy=NO_CACHE)
def publish_copy(warehouse: Path) -> str:
    return str(publish_read_copy(warehouse))


@flow(name="khabar-ingest", log_prints=False)
def ingest_flow(landing: str | None = None, warehouse: str | None = None, build: bool = True,
                dask_address: str | None = None, workers: int | None = None) -> dict:
    """One pipeline run over a landing folder into a DuckDB warehouse.

    ``dask_address`` (``tcp://host:8786``) runs analysis on that Dask cluster; otherwise ``workers``
    local processes (default: one per core) do.
    """
    logger = get_run_logger()
    run = runs.RunSettings.resolve(find_project(), _run_id(), landing, warehouse)
    with lock.writer(run.warehouse), runs.recorded(run) as summary, contextlib.ExitStack() as ahead:
        prepared = head_start.take(run.landing, run.warehouse)  # listed while the Prefect server started
        with summary.timed("discover"):
            sources, rejected = (prepared.sources, prepared.rejected) if prepared else \
                discover_files(run.landing, run.max_file_bytes)
        with Warehouse(run.warehouse) as store:
            with summary.timed("discover"):
                split = prepared.split if prepared else skip_unchanged(store, quote(sources))
            if prepared:
                summary.stage_seconds["discover"] += prepared.seconds
            summary.skipped_unchanged(len(split.unchanged))
            checked = _load_all(store, run, split, rejected, summary, logger, dask_address, workers)
            # new data: dbt will build; it starts up while events are derived, unless clustering them
            # is big enough to hold much memory (a first load of many batches), which dbt's would add to
            if build and 0 < summary.loaded <= BATCH_SIZE:
                ahead.enter_context(transform.started_ahead(run.project, run.warehouse))
            with summary.timed("events"):
                summary.events = derive_events(store)
            fingerprint = store.fingerprint()
        _after_load(summary, run, checked, fingerprint, build=build)
    publish_artifacts(summary, run.project)
    return summary.as_dict()


def _load_all(store: Warehouse, run: runs.RunSettings, split: changes.Split, rejected, summary: runs.RunSummary,
              logger, dask_address: str | None, workers: int | None) -> list[pl.DataFrame]:
    """Every file to read, batch by batch, on the workers; the progress line after each batch."""
    logger.info(FOUND_MESSAGE, len(split.to_read) + len(rejected))
    if split.unchanged:
        logger.info("%d files unchanged since they were loaded: not read again", len(split.unchanged))
    checked = []
    if split.to_read:
        quality.prepare_in_background()  # GX imports while the first batch is analysed
    with _workers(run, split, dask_address, workers) as runner:
        batches = list(runs.batches(split.to_read, rejected, BATCH_SIZE))
        ahead: Started | None = None  # on the workers while the batch before it is validated and loaded
        for number, (files, early) in enumerate(batches, 1):
            started = start_batch(store, runner, files, early, run, summary, ahead)
            if ahead is not None:
                checked.append(_finish(store, runner, ahead, run, split, summary, logger, number - 1, len(batches)))
            ahead = started
        if ahead is not None:
            checked.append(_finish(store, runner, ahead, run, split, summary, logger, len(batches), len(batches)))
    return checked


def _finish(store: Warehouse, runner, started: Started, run: runs.RunSettings, split: changes.Split,
            summary: runs.RunSummary, logger, number: int, count: int) -> pl.DataFrame:
    """``finish_batch``, the heap it freed given back, and the progress line."""
    loaded, quarantined = summary.loaded, summary.quarantined
    checked = finish_batch(store, runner, started, run, split, summary)
    give_back_memory()  # the batch's documents, frames and analysed articles are gone
    logger.info(BATCH_MESSAGE, number, count, started.files, summary.loaded - loaded, summary.quarantined - quarantined)
    return checked


def _after_load(summary: runs.RunSummary, run: runs.RunSettings, checked: list, fingerprint: str, *,
                build: bool) -> None:
    """The quality report, made in a thread while dbt builds in its own process; then the analyst
    copy (after dbt's process has exited)."""
    report = record_quality.submit(quote(checked), run.project, summary.run_id)
    try:
        if build:
            summary.dbt_started()
            with summary.timed("dbt build"):
                summary.dbt_passed(build_models(run.project, run.warehouse, fingerprint).passed)
    except BaseException:
        report.wait()  # not left running; dbt's error (or the stop) is the one reported
        raise
    with summary.timed("quality report"):  # what is left of it once dbt is done
        summary.quality_docs = report.result()
    with summary.timed("analyst copy"):
        summary.read_copy = publish_copy(run.warehouse)


@contextlib.contextmanager
def _workers(run: runs.RunSettings, split: changes.Split, dask_address: str | None,
             workers: int | None) -> Iterator[object]:
    """The analysis runner, started only when there is something to read."""
    if not split.to_read:
        yield None
        return
    try:
        with _api_shared_with_workers(), analysis_runner(run.project, dask_address, workers, run.doc_seconds) as runner:
            if dask_address and run.doc_seconds > 0:
                _children_ahead(runner, run.project)
            try:
                yield runner
            except BaseException as exc:
                # a stop (our Stopped, Ctrl-C, or Prefect's own SIGTERM exception while the flow runs,
                # which our signal handler never sees): the runner's
                # exit waits for its threads, and they for children that may be seconds into a
                # long document; the children go now
                if lifecycle.stop_of(exc) is not None:
                    budget.stop_all()
                raise
    finally:
        budget.close_kept()  # children started ahead (``head_start``) outlive the runner's threads: not its memory


def _children_ahead(runner, project: Project) -> None:
    """Each Dask worker starts its budget children now, while this process reads the first batch
    (``khabar.store.analysis.start_children_here``); a worker that cannot starts them at its first chunk."""
    try:
        analysis.start_children_on_cluster(runner.client, project)
    except Exception:  # noqa: BLE001 - an optimisation: the chunks start their own children
        pass


def _run_id() -> str:
    from prefect.runtime import flow_run

    return str(flow_run.id or uuid.uuid4())
