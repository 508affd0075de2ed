"""The ingest flow: discover → read → analyse → validate → load, in batches; then events,
dbt build and a summary artifact. Each task is a few lines over a ``khabar`` library function.
"""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from khabar_flows.artifacts import publish_artifacts
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from khabar.app.project import Project, find_project
from khabar.app.runs import RunSummary
from khabar.corpus import derive
from khabar.document import article as articles
from khabar.store import ingest, quality, transform
from khabar.store import tables as tables_
from khabar.store.warehouse import Warehouse, publish_read_copy

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
def discover_files(landing: Path) -> tuple[list[ingest.SourceFile], list[ingest.Rejected]]:
    return ingest.discover(landing)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1, retry_condition_fn=_is_io_error)
def read_batch(sources: Sequence[ingest.SourceFile]) -> tuple[list[ingest.Decoded], list[ingest.Rejected]]:
    return ingest.read_all(sources)


@task(cache_policy=NO_CACHE)
def analyse_batch(docs: Sequence[ingest.Decoded], resources: articles.Resources):
    return articles.analyse_all(docs, resources)


@task(cache_policy=NO_CACHE)
def validate_batch(tables: tables_.Tables) -> quality.Report:
    return quality.validate(tables.documents)


@task(cache_policy=NO_CACHE)
def record_quality(checked: list, project: Project, run_id: str) -> str:
    page = quality.record_run(checked, project.expectations_dir, run_id)
    return str(page) if page else ""


@task(cache_policy=NO_CACHE)
def load_batch(store: Warehouse, tables: tables_.Tables, quarantine: list[ingest.Rejected],
               seen: list[tuple[str, str]], run_id: str):
    return store.load(tables, quarantine, seen, run_id)


@task(cache_policy=NO_CACHE)
def derive_events(store: Warehouse) -> int:
    frames = derive.derive(*(store.frame(t) for t in
                               ("documents", "entity_mentions", "date_mentions", "outlet_mentions", "event_mentions")))
    store.replace_derived(frames)
    return frames["events"].height


@task(cache_policy=NO_CACHE)
def build_models(project: Project, warehouse: Path) -> int:
    return transform.build(project, warehouse).passed


@task(cache_policy=NO_CACHE)
def publish_copy(warehouse: Path) -> str:
    return str(publish_read_copy(warehouse))


@flow(name="khabar-ingest", log_prints=False)
def ingest_flow(landing: str | None = None, warehouse: str | None = None, build: bool = True) -> dict:
    """One pipeline run over a landing folder into a DuckDB warehouse."""
    logger = get_run_logger()
    project = find_project()
    landing_dir = Path(landing) if landing else project.default_landing
    warehouse_file = Path(warehouse) if warehouse else project.default_warehouse
    run_id = _run_id()
    summary = RunSummary(run_id, str(landing_dir), str(warehouse_file))

    with summary.timed("discover"):
        sources, unreadable = discover_files(landing_dir)
    summary.files_seen = len(sources) + len(unreadable)
    logger.info("found %d files", summary.files_seen)
    checked = []
    resources = articles.load_resources(project)
    with Warehouse(warehouse_file) as store:
        store.start_run(run_id, str(landing_dir))
        pending_rejects = list(unreadable)
        for start in range(0, max(len(sources), 1), BATCH_SIZE):
            batch = sources[start:start + BATCH_SIZE]
            with summary.timed("read"):
                decoded, rejected = read_batch(batch)
            rejected = pending_rejects + rejected
            pending_rejects = []
            seen = [(d.source_path, d.sha256) for d in decoded]
            known = store.known_hashes(d.sha256 for d in decoded)
            fresh = [d for d in decoded if d.sha256 not in known]
            summary.already_loaded += len(decoded) - len(fresh)
            with summary.timed("analyse"):
                done, failed = analyse_batch(fresh, resources)
            rejected += [ingest.Rejected(d.source_path, d.sha256, "analyse", "analysis_error", why) for d, why in failed]
            tables = tables_.to_tables(done)
            with summary.timed("validate"):
                report = validate_batch(tables)
            summary.flags += list(report.flags)
            checked.append(report.checked)
            by_doc = {a.doc_id: a.doc for a in done}
            rejected += [
                ingest.Rejected(by_doc[f.doc_id].source_path, by_doc[f.doc_id].sha256, "validate", f.rule, f.detail)
                for f in report.failures
            ]
            tables = tables.without(report.failed_ids)
            with summary.timed("load"):
                load_batch(store, tables, rejected, seen, run_id)
            summary.loaded += tables.documents.height
            summary.quarantined += len({(r.source_path, r.sha256) for r in rejected})
            summary.quarantine_reasons.update(f"{r.stage}/{r.reason}" for r in rejected)
            summary.languages.update(tables.documents["lang"].to_list())
            logger.info("batch %d/%d: %d files, %d loaded, %d quarantined",
                        start // BATCH_SIZE + 1, max(1, -(-len(sources) // BATCH_SIZE)), len(batch),
                        tables.documents.height, len(rejected))
        with summary.timed("events"):
            summary.events = derive_events(store)
        store.finish_run(run_id, "loaded", summary.as_dict())
    _after_load(summary, project, checked, build=build)
    return summary.as_dict()


def _after_load(summary: RunSummary, project: Project, checked: list, *, build: bool) -> None:
    """The quality report, dbt, the analyst copy (after dbt's process has exited) and the artifacts."""
    with summary.timed("quality report"):
        summary.quality_docs = record_quality(checked, project, summary.run_id)
    if build:
        with summary.timed("dbt build"):
            summary.dbt_nodes = build_models(project, Path(summary.warehouse))
    with summary.timed("analyst copy"):
        summary.read_copy = publish_copy(Path(summary.warehouse))
    publish_artifacts(summary, project)


def _run_id() -> str:
    from prefect.runtime import flow_run

    return str(flow_run.id or uuid.uuid4())


