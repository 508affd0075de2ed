"""What changed in a landing folder since the warehouse last read it, decided before reading.

A file whose (path, size, modification time) match what was recorded when it was last read — and
whose content was loaded then — is unchanged: it is counted as already loaded without being opened,
read or hashed again. Anything else (new, touched, resized, or unreadable by ``stat``) is read.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from khabar.store.ingest import SourceFile

STATS_SCHEMA = {"source_path": pl.Utf8, "n_bytes": pl.Int64, "mtime_ns": pl.Int64}


@dataclass(frozen=True)
class Split:
    to_read: tuple[SourceFile, ...]
    unchanged: tuple[SourceFile, ...]
    stats: pl.DataFrame  # source_path, n_bytes, mtime_ns of every file, as discovered


def stats_of(sources: Sequence[SourceFile]) -> pl.DataFrame:
    """Size and modification time (ns) of each file, as discovery saw them (not stat'ed again)."""
    return pl.DataFrame([(s.source_path, s.n_bytes, s.mtime_ns) for s in sources], schema=STATS_SCHEMA, orient="row")


def split_against(store, sources: Sequence[SourceFile]) -> Split:
    """``split`` with the unchanged paths asked of ``store`` (a ``Warehouse``)."""
    stats = stats_of(sources)
    return split(sources, stats, store.unchanged_files(stats))


def split(sources: Sequence[SourceFile], stats: pl.DataFrame, unchanged_paths: set[str]) -> Split:
    """Files to read, and files whose recorded sighting still matches (``unchanged_paths``)."""
    to_read = tuple(s for s in sources if s.source_path not in unchanged_paths)
    unchanged = tuple(s for s in sources if s.source_path in unchanged_paths)
    return Split(to_read, unchanged, stats)
