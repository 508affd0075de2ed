"""The ingest flow: discover → read → analyse → validate → load, in batches; then events,
dbt build and a summary artifact. Each task is a few lines over a ``khabar`` library function;
the run's bookkeeping (writer lock, ``raw.runs``, counts) is ``khabar.store.lock`` and ``khabar.app.runs``.
"""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from khabar.app import runs
from khabar.app.project import Project, find_project
from khabar.corpus import derive
from khabar.document import article as articles
from khabar.store import batch, ingest, lock, quality, transform
from khabar.store import tables as tables_
from khabar.store.warehouse import Warehouse

BATCH_SIZE = 500


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
def discover_files(landing: Path, max_bytes: int) -> tuple[list[ingest.SourceFile], list[ingest.Rejected]]:
    return ingest.discover(landing, max_bytes)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1, retry_condition_fn=_is_io_error)
def read_batch(sources: Sequence[ingest.SourceFile], max_bytes: int) -> tuple[list[ingest.Decoded], list[ingest.Rejected]]:
    return ingest.read_all(sources, max_bytes)


@task(cache_policy=NO_CACHE)
def analyse_batch(docs: Sequence[ingest.Decoded], resources: articles.Resources, seconds: float):
    return articles.analyse_all(docs, resources, seconds=seconds)


@task(cache_policy=NO_CACHE)
def validate_batch(tables: tables_.Tables, project: Project) -> quality.Report:
    return quality.validate(tables.documents, project.expectations_dir)


@task(cache_policy=NO_CACHE)
def load_batch(store: Warehouse, outcome: batch.Outcome, run_id: str):
    return store.load(outcome, run_id)


@task(cache_policy=NO_CACHE)
def derive_events(store: Warehouse) -> int:
    frames = derive.derive(*(store.frame(t) for t in
                               ("documents", "entity_mentions", "date_mentions", "outlet_mentions", "event_mentions")))
    store.replace_derived(frames)
    return frames["events"].height


@task(cache_policy=NO_CACHE)
def build_models(project: Project, warehouse: Path) -> int:
    return transform.build(project, warehouse).passed


def process_batch(store: Warehouse, files: Sequence[ingest.SourceFile], early: Sequence[ingest.Rejected],
                  run: runs.RunSettings, resources: articles.Resources) -> tuple[batch.Outcome, tuple[str, ...]]:
    """One batch through the tasks: identical content analysed once, every path a sighting."""
    decoded, unread = read_batch(files, run.max_file_bytes)
    plan = batch.plan(decoded, [*early, *unread], store.known_documents(d.sha256 for d in decoded))
    done, failed = analyse_batch(plan.fresh, resources, run.doc_seconds)
    tables = tables_.to_tables(done)
    report = validate_batch(tables, run.project)
    failures = [*batch.analysis_failures(failed), *batch.validation_failures(tables, report.failures)]
    outcome = batch.settle(plan, tables, failures)
    load_batch(store, outcome, run.run_id)
    return outcome, report.flags


@flow(name="khabar-ingest", log_prints=False)
def ingest_flow(landing: str | None = None, warehouse: str | None = None, build: bool = True) -> dict:
    """One pipeline run over a landing folder into a DuckDB warehouse."""
    logger = get_run_logger()
    run = runs.RunSettings.resolve(find_project(), _run_id(), landing, warehouse)
    with lock.writer(run.warehouse), runs.recorded(run) as summary:
        sources, rejected = discover_files(run.landing, run.max_file_bytes)
        resources = articles.load_resources(run.project)
        with Warehouse(run.warehouse) as store:
            for files, early in runs.batches(sources, rejected, BATCH_SIZE):
                summary.add(*process_batch(store, files, early, run, resources))
                logger.info(summary.progress())
            summary.events = derive_events(store)
        if build:
            summary.dbt_started()
            summary.dbt_passed(build_models(run.project, run.warehouse))
    create_markdown_artifact(markdown=summary.markdown(), key="khabar-run-summary",
                             description="files seen, loaded, quarantined by reason, per language")
    return summary.as_dict()


def _run_id() -> str:
    from prefect.runtime import flow_run

    return str(flow_run.id or uuid.uuid4())
