"""The one module that opens DuckDB from Python.

Writes the ``raw`` schema (documents, quarantine, mentions, events) in single transactions and
reads back what later stages need. dbt builds everything else from ``raw``.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from khabar.store import tables as raw
from khabar.store.ingest import Rejected
from khabar.store.tables import Tables

MENTION_TABLES = tuple(t.name for t in raw.MENTIONS)


class WarehouseError(RuntimeError):
    """The warehouse file cannot be opened or written."""


@dataclass(frozen=True)
class LoadResult:
    documents: int
    quarantined: int


class Warehouse:
    """A DuckDB file opened for writing; use as a context manager so it is closed before dbt runs."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as err:
            raise WarehouseError(f"cannot open warehouse {self.path}: {str(err).splitlines()[0]}") from None
        self.con.execute(raw.ddl())

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------ reads
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        frame = pl.DataFrame({"sha256": sorted(set(hashes))}, schema={"sha256": pl.Utf8})
        self.con.register("incoming_hashes", frame.to_arrow())
        try:
            rows = self.con.execute(
                "select i.sha256 from incoming_hashes i join raw.documents d using (sha256)"
            ).fetchall()
        finally:
            self.con.unregister("incoming_hashes")
        return {r[0] for r in rows}

    def frame(self, table: str) -> pl.DataFrame:
        """A whole raw table as a polars frame (Arrow, no row-by-row copy)."""
        if table not in _RAW_TABLES:
            raise WarehouseError(f"unknown raw table {table!r}")
        return pl.from_arrow(self.con.execute(f"select * from raw.{table}").to_arrow_table())

    # ------------------------------------------------------------ writes
    def load(self, tables: Tables, quarantine: Sequence[Rejected], seen: Sequence[tuple[str, str]],
             run_id: str) -> LoadResult:
        """Documents, their mentions, quarantine rows and file sightings, in one transaction.

        Idempotent: a document whose content hash is already loaded, and a quarantine row already
        recorded for the same path, hash, stage and reason, add nothing.
        """
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        con = self.con
        con.begin()
        try:
            docs = tables.documents.with_columns(
                pl.lit(run_id).alias("run_id"), pl.lit(now).alias("loaded_at")
            )
            con.register("batch_documents", docs.to_arrow())
            before = con.execute("select count(*) from raw.documents").fetchone()[0]
            con.execute(
                "insert into raw.documents by name select * from batch_documents b "
                "where not exists (select 1 from raw.documents d where d.sha256 = b.sha256)"
            )
            added = con.execute("select count(*) from raw.documents").fetchone()[0] - before
            for name, frame in zip(MENTION_TABLES, tables.frames()[1:]):
                con.register(f"batch_{name}", frame.to_arrow())
                con.execute(
                    f"insert into raw.{name} by name select m.* from batch_{name} m "
                    f"where m.doc_id in (select doc_id from batch_documents) "
                    f"and not exists (select 1 from raw.{name} x where x.doc_id = m.doc_id)"
                )
            q = raw.QUARANTINE.frame(quarantine).with_columns(pl.lit(run_id).alias("run_id"), pl.lit(now).alias("quarantined_at"))
            con.register("batch_quarantine", q.to_arrow())
            before_q = con.execute("select count(*) from raw.quarantine").fetchone()[0]
            con.execute(
                "insert into raw.quarantine by name select * from batch_quarantine b where not exists ("
                " select 1 from raw.quarantine x where x.source_path = b.source_path"
                " and x.sha256 is not distinct from b.sha256 and x.stage = b.stage and x.reason = b.reason)"
            )
            quarantined = con.execute("select count(*) from raw.quarantine").fetchone()[0] - before_q
            files = pl.DataFrame(list(seen), schema=raw.FILES.schema, orient="row")
            files = files.unique().with_columns(pl.lit(run_id).alias("first_run_id"), pl.lit(now).alias("first_seen_at"))
            con.register("batch_files", files.to_arrow())
            con.execute(
                "insert into raw.files by name select * from batch_files b where not exists ("
                " select 1 from raw.files f where f.source_path = b.source_path and f.sha256 = b.sha256)"
            )
            con.commit()
        except Exception:
            con.rollback()
            raise
        finally:
            for name in ("documents", *MENTION_TABLES, "quarantine", "files"):
                try:
                    con.unregister(f"batch_{name}")
                except duckdb.Error:
                    pass
        return LoadResult(documents=added, quarantined=quarantined)

    def replace_derived(self, frames: dict[str, pl.DataFrame]) -> None:
        """Replace the tables derived over all documents (events, near duplicates) in one transaction."""
        con = self.con
        con.begin()
        try:
            for table, frame in frames.items():
                if table not in _DERIVED_TABLES:
                    raise WarehouseError(f"not a derived table: {table}")
                con.execute(f"delete from raw.{table}")
                con.register(f"derived_{table}", frame.to_arrow())
                con.execute(f"insert into raw.{table} by name select * from derived_{table}")
                con.unregister(f"derived_{table}")
            con.commit()
        except Exception:
            con.rollback()
            raise

    def start_run(self, run_id: str, landing: str) -> None:
        self.con.execute(
            "insert or replace into raw.runs (run_id, started_at, landing, status) values (?, ?, ?, 'running')",
            [run_id, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), landing],
        )

    def finish_run(self, run_id: str, status: str, summary: dict) -> None:
        self.con.execute(
            "update raw.runs set finished_at = ?, status = ?, files_seen = ?, loaded = ?, already_loaded = ?,"
            " quarantined = ?, summary = ? where run_id = ?",
            [dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), status, summary.get("files_seen", 0),
             summary.get("loaded", 0), summary.get("already_loaded", 0), summary.get("quarantined", 0),
             json.dumps(summary, ensure_ascii=False, default=str), run_id],
        )


    # ------------------------------------------------------------ incremental runs
    def _with_frame(self, name: str, frame: pl.DataFrame, sql: str, params: Sequence = ()) -> list[tuple]:
        self.con.register(name, frame.to_arrow())
        try:
            return self.con.execute(sql, list(params)).fetchall()
        finally:
            self.con.unregister(name)

    def unchanged_files(self, stats: pl.DataFrame) -> set[str]:
        """Paths whose (size, mtime) match the sighting recorded when their loaded content was read."""
        if stats.is_empty():
            return set()
        rows = self._with_frame(
            "incoming_stats", stats,
            "select s.source_path from incoming_stats s join raw.files f on f.source_path = s.source_path"
            " and f.n_bytes = s.n_bytes and f.mtime_ns = s.mtime_ns"
            " where exists (select 1 from raw.documents d where d.sha256 = f.sha256)",
        )
        return {r[0] for r in rows}

    def record_file_stats(self, stats: pl.DataFrame, seen: Sequence[tuple[str, str]]) -> None:
        """Remember the size and mtime at which each (path, content) was read this run."""
        if not seen:
            return
        read = pl.DataFrame(list(seen), schema={"source_path": pl.Utf8, "sha256": pl.Utf8}, orient="row")
        self._with_frame(
            "read_stats", read.join(stats, on="source_path", how="inner"),
            "update raw.files f set n_bytes = r.n_bytes, mtime_ns = r.mtime_ns from read_stats r"
            " where f.source_path = r.source_path and f.sha256 = r.sha256",
        )

    def add_syndication_bands(self, bands: pl.DataFrame) -> None:
        self._with_frame("new_bands", bands,
                         "insert or ignore into raw.syndication_bands by name select * from new_bands")

    def syndication_candidates(self, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
        """Pairs (a < b) sharing an LSH band where at least one side is in ``doc_ids``."""
        ids = pl.DataFrame({"doc_id": list(doc_ids)}, schema={"doc_id": pl.Utf8})
        return [tuple(r) for r in self._with_frame(
            "new_ids", ids,
            "select distinct least(n.doc_id, o.doc_id), greatest(n.doc_id, o.doc_id)"
            " from raw.syndication_bands n join new_ids using (doc_id)"
            " join raw.syndication_bands o on o.band = n.band and o.band_key = n.band_key and o.doc_id <> n.doc_id"
            " order by 1, 2",
        )]

    def bodies(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The bodies of these documents only (never the whole table's text)."""
        ids = pl.DataFrame({"doc_id": list(doc_ids)}, schema={"doc_id": pl.Utf8})
        rows = self._with_frame("wanted_ids", ids,
                                "select doc_id, coalesce(body, '') from raw.documents join wanted_ids using (doc_id)")
        return dict(rows)

    def add_near_duplicates(self, pairs: pl.DataFrame) -> None:
        self._with_frame(
            "new_pairs", pairs,
            "insert into raw.near_duplicates by name select * from new_pairs p where not exists ("
            " select 1 from raw.near_duplicates x where x.article_a = p.article_a and x.article_b = p.article_b)",
        )

    def count(self, table: str) -> int:
        if table not in _RAW_TABLES:
            raise WarehouseError(f"unknown raw table {table!r}")
        return self.con.execute(f"select count(*) from raw.{table}").fetchone()[0]

    def fingerprint(self) -> str:
        """A digest of what dbt reads from ``raw``: equal fingerprints, equal marts."""
        parts = [f"{name}:{self.con.execute(f'select count(*) from raw.{name}').fetchone()[0]}"
                 for name in _FINGERPRINT_TABLES]
        loaded = self.con.execute("select max(loaded_at), max(run_id) from raw.documents").fetchone()
        derived = self.con.execute("select coalesce(sum(hash(event_id, mention_id)), 0) from raw.event_members").fetchone()
        return "|".join([*parts, str(loaded), str(derived[0])])


_RAW_TABLES = tuple(raw.BY_NAME)
_FINGERPRINT_TABLES = tuple(t.name for t in raw.ALL if t.name not in ("runs", "syndication_bands"))
_DERIVED_TABLES = tuple(t.name for t in raw.DERIVED)
