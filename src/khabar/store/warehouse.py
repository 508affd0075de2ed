"""The one module that opens DuckDB from Python.

Writes the ``raw`` schema (documents, quarantine, mentions, events) in single transactions and
reads back what later stages need. dbt builds everything else from ``raw``.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from khabar.store import tables as raw
from khabar.store.batch import Outcome
from khabar.store.tables import Tables

MENTION_TABLES = tuple(t.name for t in raw.MENTIONS)
# A reader (an analyst's DuckDB shell, the docs site) holding the file: ask again for ~10 s, then
# fail with one line; a reader is usually a short query, a session left open is not worth waiting on.
CONNECT_TRIES = 5
CONNECT_RETRY_SECONDS = 2.0
_LOCK_MESSAGES = ("could not set lock", "conflicting lock")
EVICT_TO = "16MB"  # the memory limit set for a moment to make DuckDB drop its cached blocks (give_back_cache)


class WarehouseError(RuntimeError):
    """The warehouse file cannot be opened or written; carries the path."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


def _say(message: str) -> None:
    print(f"khabar: {message}", file=sys.stderr, flush=True)


def connect(path: Path, notify: Callable[[str], None] = _say, tries: int = CONNECT_TRIES,
            pause: float = CONNECT_RETRY_SECONDS) -> duckdb.DuckDBPyConnection:
    """A writable connection; while another process holds the file, ``tries`` attempts ``pause`` apart."""
    for attempt in range(1, tries + 1):
        try:
            return duckdb.connect(str(path))
        except duckdb.Error as err:
            first = str(err).splitlines()[0]
            if not any(m in first.lower() for m in _LOCK_MESSAGES):
                raise WarehouseError(f"cannot open warehouse {path}: {first}", path) from None
            holder = first.split("Conflicting lock is held in", 1)[-1].strip() if "held in" in first else "another process"
            if attempt == tries:
                raise WarehouseError(f"warehouse {path} is held open by {holder}; gave up after {tries} tries "
                                     f"over {pause * (tries - 1):g} s (close that session and run again)", path) from None
            notify(f"warehouse {path} is open in {holder}; trying again in {pause:g} s ({attempt}/{tries})")
            time.sleep(pause)
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class LoadResult:
    documents: int
    quarantined: int


class Warehouse:
    """A DuckDB file opened for writing; use as a context manager so it is closed before dbt runs."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(self.path)
        try:
            self.con.execute(raw.ddl())
        except duckdb.Error as err:
            self.con.close()
            raise WarehouseError(f"cannot prepare warehouse {self.path}: {str(err).splitlines()[0]}", self.path) from None

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def give_back_cache(self) -> None:
        """Write what the loads left in memory into the file and drop the blocks DuckDB keeps cached.
        Under its memory limit (80 % of the machine's memory) DuckDB evicts nothing: a 10k first run
        ends its loads holding ~130 MB of blocks and of rows not yet written, and clustering's reads
        add ~70 MB, all kept while events cluster (the run's peak). Lowering the limit for a moment
        makes it evict what it can (~15 MB stay); later reads take their blocks from the file again."""
        self.con.execute("checkpoint")
        self._evict()

    def _evict(self) -> None:
        """Make DuckDB drop the blocks it can (cached, or written already: a transaction's inserted rows
        are written as they fill blocks) by lowering its memory limit for a moment. Nothing is
        throttled: the limit is back before the next statement (a limit of 30 MB held through a 10k
        clustering's inserts made them run for more than ten minutes instead of seconds). Asked on a
        connection of its own: the limit is the database's, and when DuckDB cannot get under it (a
        transaction's deletes stay in memory) the failed statement aborts that connection's
        transaction, not the caller's."""
        with self.con.cursor() as asking:
            limit = asking.execute("select current_setting('memory_limit')").fetchone()[0]
            try:
                asking.execute(f"set memory_limit = '{EVICT_TO}'")
            except duckdb.Error:  # more than that in use: nothing lost, what could go went
                pass
            finally:
                asking.execute(f"set memory_limit = '{limit}'")

    # ------------------------------------------------------------ reads
    def known_documents(self, hashes: Iterable[str]) -> dict[str, str]:
        """Content already loaded: sha256 -> doc_id."""
        frame = pl.DataFrame({"sha256": sorted(set(hashes))}, schema={"sha256": pl.Utf8})
        self.con.register("incoming_hashes", frame.to_arrow())
        try:
            rows = self.con.execute(
                "select i.sha256, d.doc_id from incoming_hashes i join raw.documents d using (sha256)"
            ).fetchall()
        finally:
            self.con.unregister("incoming_hashes")
        return dict(rows)

    def runs(self) -> list[tuple[str, str]]:
        """(run_id, status) of every run, oldest first."""
        return self.con.execute("select run_id, status from raw.runs order by started_at").fetchall()

    def frame(self, table: str, columns: Sequence[str] | None = None, where: str | None = None) -> pl.DataFrame:
        """A raw table (``columns`` of it; rows matching the SQL condition ``where``) as a polars
        frame (Arrow, no row-by-row copy)."""
        if table not in _RAW_TABLES:
            raise WarehouseError(f"unknown raw table {table!r}")
        listed = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        condition = f" where {where}" if where else ""
        return pl.from_arrow(self.con.execute(f"select {listed} from raw.{table}{condition}").to_arrow_table())

    # ------------------------------------------------------------ writes
    def load(self, outcome: Outcome, run_id: str) -> LoadResult:
        """Documents, their mentions, quarantine rows and sightings of one batch, in one transaction:
        a run stopped mid-batch leaves nothing of that batch behind.

        Idempotent: a document whose content hash is already loaded, and a quarantine row already
        recorded for the same path, hash, stage and reason, add nothing.
        """
        stamp = {"run_id": run_id, "now": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)}
        con = self.con
        con.begin()
        try:
            added = self._insert_documents(outcome.tables, stamp)
            quarantined = self._insert_quarantine(outcome, stamp)
            self._insert_sightings(outcome, stamp)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        finally:
            for name in ("documents", *MENTION_TABLES, "quarantine", "files", "sightings"):
                try:
                    con.unregister(f"batch_{name}")
                except duckdb.Error:
                    pass
        return LoadResult(documents=added, quarantined=quarantined)

    def _count(self, table: str) -> int:
        return self.con.execute(f"select count(*) from raw.{table}").fetchone()[0]

    def _insert_documents(self, tables: Tables, stamp: Mapping) -> int:
        con = self.con
        docs = tables.documents.with_columns(pl.lit(stamp["run_id"]).alias("run_id"), pl.lit(stamp["now"]).alias("loaded_at"))
        con.register("batch_documents", docs.to_arrow())
        before = self._count("documents")
        con.execute(
            "insert into raw.documents by name select * from batch_documents b "
            "where not exists (select 1 from raw.documents d where d.sha256 = b.sha256)"
        )
        for name, frame in zip(MENTION_TABLES, tables.frames()[1:]):
            con.register(f"batch_{name}", frame.to_arrow())
            con.execute(
                f"insert into raw.{name} by name select m.* from batch_{name} m "
                f"where m.doc_id in (select doc_id from batch_documents) "
                f"and not exists (select 1 from raw.{name} x where x.doc_id = m.doc_id)"
            )
        return self._count("documents") - before

    def _insert_quarantine(self, outcome: Outcome, stamp: Mapping) -> int:
        q = raw.QUARANTINE.frame(outcome.quarantine).with_columns(
            pl.lit(stamp["run_id"]).alias("run_id"), pl.lit(stamp["now"]).alias("quarantined_at"))
        self.con.register("batch_quarantine", q.to_arrow())
        before = self._count("quarantine")
        self.con.execute(
            "insert into raw.quarantine by name select * from batch_quarantine b where not exists ("
            " select 1 from raw.quarantine x where x.source_path = b.source_path"
            " and x.sha256 is not distinct from b.sha256 and x.stage = b.stage and x.reason = b.reason)"
        )
        return self._count("quarantine") - before

    def _insert_sightings(self, outcome: Outcome, stamp: Mapping) -> None:
        con = self.con
        sightings = outcome.sightings_frame().with_columns(
            pl.lit(stamp["run_id"]).alias("run_id"), pl.lit(stamp["now"]).alias("seen_at"))
        con.register("batch_sightings", sightings.to_arrow())
        con.execute("insert or replace into raw.sightings by name select * from batch_sightings")
        files = pl.DataFrame(outcome.files, schema=raw.FILES.schema, orient="row").with_columns(
            pl.lit(stamp["run_id"]).alias("first_run_id"), pl.lit(stamp["now"]).alias("first_seen_at"))
        con.register("batch_files", files.to_arrow())
        con.execute(
            "insert into raw.files by name select * from batch_files b where not exists ("
            " select 1 from raw.files f where f.source_path = b.source_path and f.sha256 = b.sha256)"
        )

    def add_events(self, frames: Iterable[tuple[str, pl.DataFrame | pa.Table]],
                   replaced: Sequence[tuple[int, str]] = ()) -> None:
        """One clustering's increment (``khabar.corpus.derive.increment_frames``) in one transaction:
        the ``replaced`` events (seq, event id) go with their members, evidence, units and index keys;
        the frames' events replace rows of the same ids, every other frame adds rows."""
        con = self.con
        con.begin()
        try:
            if replaced:
                gone = pl.DataFrame(list(replaced), schema={"seq": pl.Int64, "event_id": pl.Utf8}, orient="row")
                con.register("replaced_events", gone.to_arrow())
                for table in ("events", "event_members", "event_evidence"):
                    con.execute(f"delete from raw.{table} where event_id in (select event_id from replaced_events)")
                for table in ("event_units", "event_keys"):
                    con.execute(f"delete from raw.{table} where seq in (select seq from replaced_events)")
                con.unregister("replaced_events")
            for table, frame in frames:
                if table not in _DERIVED_TABLES:
                    raise WarehouseError(f"not a derived table: {table}")
                con.register(f"increment_{table}", frame if isinstance(frame, pa.Table) else frame.to_arrow())
                if table == raw.EVENTS.name:
                    con.execute("delete from raw.events where event_id in (select event_id from increment_events)")
                verb = "insert or replace" if raw.BY_NAME[table].primary_key and table != raw.EVENTS.name else "insert"
                con.execute(f"{verb} into raw.{table} by name select * from increment_{table}")
                con.unregister(f"increment_{table}")
                del frame  # before the next is made
                self._evict()  # the table's rows, written: a 10k first clustering's inserts held ~190 MB more
            con.commit()
        except Exception:
            con.rollback()
            raise

    def start_run(self, run_id: str, landing: str) -> list[str]:
        """Record a run as ``running``. Runs still ``running`` from before are ``abandoned``: the
        caller holds the writer lock, so their process is gone (killed). Returns their ids."""
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        stale = [r for r, status in self.runs() if status == "running" and r != run_id]
        self.con.execute(
            "update raw.runs set status = 'abandoned', finished_at = ?,"
            " reason = 'its process ended without closing the run (killed)' where status = 'running'", [now])
        self.con.execute(
            "insert or replace into raw.runs (run_id, started_at, landing, status, pid) values (?, ?, ?, 'running', ?)",
            [run_id, now, landing, os.getpid()],
        )
        return stale

    def finish_run(self, run_id: str, status: str, summary: Mapping, reason: str | None = None) -> None:
        """Close a run: its status (completed, failed, cancelled), why, the counts and dbt's outcome."""
        self.con.execute(
            "update raw.runs set finished_at = ?, status = ?, reason = ?, files_seen = ?, loaded = ?,"
            " already_loaded = ?, quarantined = ?, dbt_status = ?, dbt_nodes = ?, summary = ? where run_id = ?",
            [dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), status, reason, summary.get("files_seen", 0),
             summary.get("loaded", 0), summary.get("already_loaded", 0), summary.get("quarantined", 0),
             summary.get("dbt_status"), summary.get("dbt_nodes", 0),
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
_INTERNAL_TABLES = ("runs", "sightings", "syndication_bands", *(t.name for t in raw.EVENT_STATE))  # dbt never reads them
_FINGERPRINT_TABLES = tuple(t.name for t in raw.ALL if t.name not in _INTERNAL_TABLES)
_DERIVED_TABLES = tuple(t.name for t in (*raw.DERIVED, *raw.EVENT_STATE))


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
            con.execute("begin")  # one commit for all tables: ~0.2 s less at 10k documents, and a smaller file
            for schema, table in _copy_tables(con):
                con.execute(f'create schema if not exists "{schema}"')
                con.execute(f'create table "{schema}"."{table}" as select * from source."{schema}"."{table}"')
            con.execute("commit")
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
