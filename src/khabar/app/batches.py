"""The bookkeeping of one batch in a run: what was read, analysed, rejected and loaded.

The flow reads a batch, has its chunks analysed by workers, validates and loads it; the records
here gather the chunks into one set of frames, turn analysis and validation failures into
quarantine rows, and add the batch to the run summary.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import polars as pl

from khabar.app.runs import RunSummary
from khabar.corpus.syndication import BANDS_SCHEMA
from khabar.document.article import AnalysedBatch
from khabar.store import tables as tables_
from khabar.store.ingest import Decoded, Rejected
from khabar.store.quality import Report


@dataclass(frozen=True)
class Batch:
    tables: tables_.Tables
    bands: pl.DataFrame  # rows of raw.syndication_bands for the documents in ``tables``
    rejected: tuple[Rejected, ...]
    seen: tuple[tuple[str, str], ...]  # (source_path, sha256) of every file decoded in the batch
    flags: tuple[str, ...] = ()

    @classmethod
    def rejects(cls, rejected: Iterable[Rejected]) -> Batch:
        """A batch holding only quarantine rows (files that could not even be listed)."""
        return cls(tables_.to_tables([]), pl.DataFrame(schema=BANDS_SCHEMA), tuple(rejected), ())

    @classmethod
    def of(cls, decoded: Sequence[Decoded], rejected: Sequence[Rejected], analysed: Sequence[AnalysedBatch]) -> Batch:
        """The analysed chunks of one read batch as one batch; documents no stage could read are rejected."""
        parts = [a.tables for a in analysed] or [tables_.to_tables([])]
        tables = tables_.Tables(*(pl.concat(frames, how="vertical_relaxed") for frames in zip(*(p.frames() for p in parts))))
        bands = pl.concat([a.bands for a in analysed] or [pl.DataFrame(schema=BANDS_SCHEMA)])
        failed = [Rejected(d.source_path, d.sha256, "analyse", "analysis_error", why)
                  for a in analysed for d, why in a.failed]
        return cls(tables, bands, (*rejected, *failed), tuple((d.source_path, d.sha256) for d in decoded))

    def validated(self, report: Report) -> Batch:
        """Rows that broke a content rule move from the tables to quarantine; flags are kept."""
        if not report.failures:
            return replace(self, flags=self.flags + tuple(report.flags))
        docs = self.tables.documents
        where = dict(zip(docs["doc_id"], zip(docs["source_path"], docs["sha256"])))
        rejected = [Rejected(*where[f.doc_id], "validate", f.rule, f.detail) for f in report.failures]
        keep = ~pl.col("doc_id").is_in(sorted(report.failed_ids))
        return Batch(self.tables.without(report.failed_ids), self.bands.filter(keep),
                     self.rejected + tuple(rejected), self.seen, self.flags + tuple(report.flags))


def fresh(decoded: Sequence[Decoded], known: set[str]) -> list[Decoded]:
    """The decoded files whose content the warehouse does not hold yet."""
    return [d for d in decoded if d.sha256 not in known]


def record(summary: RunSummary, batch: Batch) -> None:
    """Add a loaded batch to the run summary."""
    summary.loaded += batch.tables.documents.height
    summary.quarantined += len({(r.source_path, r.sha256) for r in batch.rejected})
    summary.quarantine_reasons.update(f"{r.stage}/{r.reason}" for r in batch.rejected)
    summary.languages.update(batch.tables.documents["lang"].to_list())
    summary.flags += list(batch.flags)


def progress(summary: RunSummary) -> str:
    return (f"so far {summary.loaded} loaded, {summary.quarantined} quarantined, "
            f"{summary.already_loaded} already loaded, of {summary.files_seen} files")
