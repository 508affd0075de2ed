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


_RAW_TABLES = tuple(raw.BY_NAME)
_DERIVED_TABLES = tuple(t.name for t in raw.DERIVED)


# ---------------------------------------------------------------- the analyst copy
READ_COPY_SCHEMAS = ("marts",)  # every table and view of these schemas, as tables
READ_COPY_TABLES = (("raw", "quarantine"), ("raw", "runs"))  # small raw tables analysts ask about


def read_copy_path(warehouse: Path | str) -> Path:
    """``warehouse/khabar.duckdb`` → ``warehouse/khabar.read.duckdb`` (the contract's analyst copy)."""
    path = Path(warehouse)
    stem = path.name[: -len(".duckdb")] if path.name.endswith(".duckdb") else path.name
    return path.with_name(f"{stem}.read.duckdb")


def publish_read_copy(warehouse: Path | str) -> Path:
    """Copy the marts (and the quarantine and run log) into the analyst copy, replaced atomically.

    Called by the run after dbt has exited and the loader has closed the warehouse: the warehouse
    is opened read-only, the copy is written to a temporary file in the same folder and moved over
    the old copy with ``os.replace``, so a reader sees either the old copy or the new, never half.
    """
    import os
    import uuid

    source = Path(warehouse)
    target = read_copy_path(source)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with duckdb.connect(str(temporary)) as con:
            quoted = str(source).replace("'", "''")  # ATTACH takes no parameters
            con.execute(f"attach '{quoted}' as source (read_only)")
            for schema, table in _copy_tables(con):
                con.execute(f'create schema if not exists "{schema}"')
                con.execute(f'create table "{schema}"."{table}" as select * from source."{schema}"."{table}"')
            con.execute("detach source")
        os.replace(temporary, target)
    except duckdb.Error as err:
        raise WarehouseError(f"cannot publish the analyst copy {target}: {str(err).splitlines()[0]}") from None
    finally:
        temporary.unlink(missing_ok=True)
        temporary.with_name(temporary.name + ".wal").unlink(missing_ok=True)
    return target


def _copy_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables where table_catalog = 'source'"
        " order by all").fetchall()
    return [(s, t) for s, t in rows if s in READ_COPY_SCHEMAS or (s, t) in READ_COPY_TABLES]
