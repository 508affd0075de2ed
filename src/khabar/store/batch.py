"""One batch's bookkeeping: every path seen becomes a sighting, identical content is analysed once,
and every rejection names the path it is about.

Two files with the same bytes (a copy, a renamed file, a link inside the landing folder) are one
document with several sightings, never a quarantine: the first path in sorted order is the
document's ``source_path``; the others are sightings with the outcome ``copy``. Content already in
the warehouse (from an earlier batch or run) is not analysed again (``already_loaded``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from khabar.store.ingest import Decoded, Rejected
from khabar.store.tables import SIGHTINGS, Tables

LOADED, COPY, ALREADY_LOADED, QUARANTINED = "loaded", "copy", "already_loaded", "quarantined"
OUTCOMES = (LOADED, COPY, ALREADY_LOADED, QUARANTINED)


@dataclass(frozen=True)
class Sighting:
    source_path: str
    n_bytes: int | None
    mtime_ns: int | None
    sha256: str | None
    doc_id: str | None
    outcome: str
    link_target: str | None = None


@dataclass(frozen=True)
class Failure:
    """A document that did not come through analysis or validation: stage, reason and detail."""

    sha256: str
    stage: str
    reason: str
    detail: str


@dataclass(frozen=True)
class Plan:
    """What a batch read: one document per new content to analyse, and every path by content."""

    fresh: tuple[Decoded, ...]
    paths: Mapping[str, tuple[Decoded, ...]]  # sha256 -> every file read with that content, sorted by path
    known: Mapping[str, str]  # sha256 -> doc_id, for content already in the warehouse
    rejected: tuple[Rejected, ...]


@dataclass(frozen=True)
class Outcome:
    """What a batch loads: documents and mentions, quarantine rows, sightings and (path, sha) pairs."""

    tables: Tables
    quarantine: tuple[Rejected, ...]
    sightings: tuple[Sighting, ...]

    @property
    def files(self) -> list[tuple[str, str]]:
        return sorted({(s.source_path, s.sha256) for s in self.sightings if s.sha256 and s.doc_id})

    def sightings_frame(self) -> pl.DataFrame:
        return SIGHTINGS.frame(self.sightings)

    def count(self, outcome: str) -> int:
        return sum(1 for s in self.sightings if s.outcome == outcome)


def plan(decoded: Sequence[Decoded], rejected: Sequence[Rejected], known: Mapping[str, str]) -> Plan:
    """Group what was read by content; only the first path of a content not yet loaded is analysed."""
    paths: dict[str, list[Decoded]] = {}
    for doc in sorted(decoded, key=lambda d: d.source_path):
        paths.setdefault(doc.sha256, []).append(doc)
    fresh = tuple(group[0] for sha, group in paths.items() if sha not in known)
    return Plan(fresh, {sha: tuple(group) for sha, group in paths.items()}, dict(known), tuple(rejected))


def settle(batch: Plan, tables: Tables, failures: Iterable[Failure]) -> Outcome:
    """The batch as it will be loaded: failed contents out of the tables and quarantined under every
    path that holds them; one sighting per path."""
    failed: dict[str, Failure] = {}
    for f in failures:  # the first rule a content breaks is the one its quarantine rows name
        failed.setdefault(f.sha256, f)
    doc_ids = dict(zip(tables.documents["sha256"].to_list(), tables.documents["doc_id"].to_list()))
    kept = tables.without({doc_ids[sha] for sha in failed if sha in doc_ids})
    quarantine = list(batch.rejected)
    sightings = [_sighting_of_rejection(r) for r in batch.rejected]
    for sha, group in batch.paths.items():
        if sha in failed:
            f = failed[sha]
            quarantine += [Rejected(d.source_path, sha, f.stage, f.reason, f.detail, d.n_bytes, d.mtime_ns)
                           for d in group]
            sightings += [_sighting(d, None, QUARANTINED) for d in group]
        elif sha in batch.known:
            sightings += [_sighting(d, batch.known[sha], ALREADY_LOADED) for d in group]
        else:
            sightings += [_sighting(d, doc_ids.get(sha), LOADED if i == 0 else COPY) for i, d in enumerate(group)]
    return Outcome(kept, tuple(quarantine), tuple(sorted(sightings, key=lambda s: s.source_path)))


def analysis_failures(failed: Iterable) -> list[Failure]:
    """``khabar.document.budget.Failed`` records (timeouts, errors) as batch failures."""
    return [Failure(f.doc.sha256, "analyse", f.reason, f.detail) for f in failed]


def validation_failures(tables: Tables, failures: Iterable) -> list[Failure]:
    """Rows a validation rule rejected (``quality.RowFailure``: doc_id, rule, detail) as batch failures."""
    sha_of = dict(zip(tables.documents["doc_id"].to_list(), tables.documents["sha256"].to_list()))
    return [Failure(sha_of[f.doc_id], "validate", f.rule, f.detail) for f in failures]


def _sighting(doc: Decoded, doc_id: str | None, outcome: str) -> Sighting:
    return Sighting(doc.source_path, doc.n_bytes, doc.mtime_ns, doc.sha256, doc_id, outcome, doc.link_target)


def _sighting_of_rejection(r: Rejected) -> Sighting:
    return Sighting(r.source_path, r.n_bytes, r.mtime_ns, r.sha256, None, QUARANTINED)
