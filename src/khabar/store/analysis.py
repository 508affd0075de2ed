"""What one analysis worker runs — a thread of the flow process feeding its budget child (the
default), a process of the local pool (no time budget) or a Dask worker: a chunk of decoded
documents through every per-document stage (``khabar.document.article.analyse_all``, with its time
budget) and the syndication band keys of each body, returned as the raw-table frames they load into.
Plain, picklable data in and out (Arrow-backed polars), cheap to send back to the one writer.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from khabar.app.project import Project
from khabar.corpus import syndication
from khabar.document import article
from khabar.document.budget import Failed
from khabar.store import tables
from khabar.store.ingest import Decoded

_LOADING = threading.Lock()


def worker_resources(project: Project) -> article.Resources:
    """The outlet registry and gazetteer of ``project``, loaded once per process (whichever thread asks first)."""
    with _LOADING:
        return _load_resources(project)


@functools.lru_cache(maxsize=4)
def _load_resources(project: Project) -> article.Resources:
    return article.load_resources(project)


def start_worker(project: Project) -> None:
    """A pool worker's start: it dies with the flow process (kill -9 included), and loads the
    resources before its first chunk."""
    from khabar.app.lifecycle import die_with_parent

    die_with_parent()
    worker_resources(project)


def start_children(project: Project, count: int) -> int:
    """Start ``count`` budget children for ``analyse_chunk`` now (``khabar.document.budget.start_spares``):
    they import and warm up while this process waits on something else. From the main thread only."""
    from khabar.document import budget

    return budget.start_spares(count, analyse_for_store, worker_resources(project), article.WARM_UP)


def start_children_here(project: Project, dask_worker) -> int:
    """On a Dask worker (``Client.run`` calls it in the worker's main thread and passes it as
    ``dask_worker``): start a budget child for each of its threads that has none, kept or started
    ahead, so that they import and warm up while the flow reads its first batch instead of in the
    worker's first chunk. Returns how many were started."""
    from khabar.document import budget

    resources = worker_resources(project)
    missing = dask_worker.state.nthreads - budget.children_for(analyse_for_store, resources)
    return budget.start_spares(missing, analyse_for_store, resources, article.WARM_UP) if missing > 0 else 0


def start_children_on_cluster(client, project: Project, seconds: float = 10.0) -> dict[str, int]:
    """``start_children_here`` on every worker of the Dask cluster ``client`` is connected to; a
    worker that does not answer within ``seconds`` (a run must not wait on it) raises TimeoutError."""
    return client.run(start_children_here, project, callback_timeout=seconds)


@dataclass(frozen=True)
class AnalysedChunk:
    tables: tables.Tables
    bands: pl.DataFrame  # rows of raw.syndication_bands: the LSH band keys of each body
    failed: tuple[Failed, ...]


def analyse_for_store(doc: Decoded, resources: article.Resources) -> tuple[article.Article, tuple[int, ...]]:
    """One document's analysis and the syndication band keys of its body (both where the budget runs)."""
    analysed = article.analyse(doc, resources)
    return analysed, syndication.body_band_keys(analysed.anatomy.body)


def analyse_chunk(docs: Sequence[Decoded], project: Project, seconds: float | None = None) -> AnalysedChunk:
    # the budget's child process stays up between chunks: one start per worker, not per chunk
    done, failed = article.analyse_all(docs, worker_resources(project), seconds=seconds,
                                       analyser=analyse_for_store, keep_child=True)
    bands = syndication.keys_frame((a.doc_id, keys) for a, keys in done)
    return AnalysedChunk(tables.to_tables([a for a, _ in done]), bands, tuple(failed))


def combine(chunks: Sequence[AnalysedChunk]) -> AnalysedChunk:
    """The chunks of one batch as one: frames stacked in order, failures kept."""
    parts = [c.tables for c in chunks] or [tables.to_tables([])]
    stacked = tables.Tables(*(pl.concat(frames, how="vertical_relaxed") for frames in zip(*(p.frames() for p in parts))))
    bands = pl.concat([c.bands for c in chunks] or [syndication.keys_frame([])])
    return AnalysedChunk(stacked, bands, tuple(f for c in chunks for f in c.failed))
