"""One declaration per raw table: the DuckDB DDL, the polars schema of a batch and the rows made
from records all derive from the ``Table`` below, so a column is named in exactly one place.

A column reads its value from the record by a dotted attribute path (``source``, default: the column's
own name), or from values the caller fixes for every row (``doc_id`` of an article's mentions).
Columns marked ``stamped`` are filled by the warehouse when it writes (run id, load time) and are not
part of a batch frame. dbt reads these tables as sources (``dbt/models/staging/_sources.yml``).
"""
from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import polars as pl

SCHEMA = "raw"
PARTICIPANTS = pl.List(pl.Struct({"entity_id": pl.Utf8, "role": pl.Utf8}))

_SQL_TYPES = {
    pl.Utf8: "varchar", pl.Int32: "integer", pl.Int64: "bigint", pl.Float64: "double",
    pl.Boolean: "boolean", pl.Date: "date", pl.Datetime: "timestamp",
}


class TableError(ValueError):
    """A record does not fit its table; carries the table and column."""

    def __init__(self, table: str, column: str, problem: str) -> None:
        super().__init__(f"raw.{table}.{column}: {problem}")
        self.table, self.column = table, column


@dataclass(frozen=True)
class Column:
    name: str
    dtype: Any  # a polars data type
    source: str | None = None  # dotted attribute path on the record; default: ``name``
    not_null: bool = False
    empty_is_null: bool = False  # an empty string is stored as null
    stamped: bool = False  # filled by the warehouse at write time, not by the batch
    sql: str | None = None  # a DuckDB type polars has no name for (json)

    @cached_property
    def getter(self):
        return operator.attrgetter(self.source or self.name)

    def ddl(self) -> str:
        return f"{self.name} {self.sql or sql_type(self.dtype)}" + (" not null" if self.not_null else "")

    def cell(self, record: object) -> object:
        return _cell(self.getter(record), self.dtype, self.empty_is_null)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()

    @property
    def qualified(self) -> str:
        return f"{SCHEMA}.{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def schema(self) -> dict[str, Any]:
        """The polars schema of a batch frame (stamped columns left to the warehouse)."""
        return {c.name: c.dtype for c in self.columns if not c.stamped}

    def ddl(self) -> str:
        parts = [c.ddl() for c in self.columns]
        if self.primary_key:
            parts.append(f"primary key ({', '.join(self.primary_key)})")
        parts += [f"unique ({u})" for u in self.unique]
        body = ",\n    ".join(parts)
        return f"create table if not exists {self.qualified} (\n    {body}\n);"

    def row(self, record: object, fixed: Mapping[str, object] | None = None) -> dict[str, object]:
        fixed = fixed or {}
        row = {}
        for c in self.columns:
            if c.stamped:
                continue
            if c.name in fixed:
                row[c.name] = fixed[c.name]
                continue
            try:
                row[c.name] = c.cell(record)
            except AttributeError as err:
                raise TableError(self.name, c.name, f"record {type(record).__name__} has no {err.name}") from None
        return row

    def frame(self, records: Iterable[object], fixed: Mapping[str, object] | None = None) -> pl.DataFrame:
        return pl.DataFrame([self.row(r, fixed) for r in records], schema=self.schema)

    def frame_of_rows(self, rows: Iterable[Mapping[str, object]]) -> pl.DataFrame:
        return pl.DataFrame(list(rows), schema=self.schema)


def sql_type(dtype: Any) -> str:
    if isinstance(dtype, pl.List):
        return f"{sql_type(dtype.inner)}[]"
    if isinstance(dtype, pl.Struct):
        return "struct(" + ", ".join(f"{f.name} {sql_type(f.dtype)}" for f in dtype.fields) + ")"
    base = dtype.base_type() if hasattr(dtype, "base_type") else dtype
    return _SQL_TYPES[base]


def _cell(value: object, dtype: Any, empty_is_null: bool) -> object:
    if value is None or (empty_is_null and value == ""):
        return None
    if isinstance(dtype, pl.List):
        inner = dtype.inner
        if isinstance(inner, pl.Struct):
            names = [f.name for f in inner.fields]
            return [dict(zip(names, item)) if isinstance(item, tuple) else item for item in value]
        return list(value)
    if dtype == pl.Float64:
        return float(value)
    return value


def _c(name: str, dtype: Any = pl.Utf8, **kw) -> Column:
    return Column(name, dtype, **kw)


_OFFSETS = (_c("start_offset", pl.Int32, source="start"), _c("end_offset", pl.Int32, source="end"))

# status: running → completed | failed (reason says why) | cancelled (by a signal) | abandoned (found
# still running by a later run: its process was killed). Closed after dbt, with dbt's outcome.
RUNS = Table("runs", (
    _c("run_id"), _c("started_at", pl.Datetime), _c("finished_at", pl.Datetime), _c("landing"),
    _c("status"), _c("files_seen", pl.Int32), _c("loaded", pl.Int32), _c("already_loaded", pl.Int32),
    _c("quarantined", pl.Int32), _c("summary", sql="json"), _c("reason"), _c("pid", pl.Int64),
    _c("dbt_status"), _c("dbt_nodes", pl.Int32),
), primary_key=("run_id",))

# One row per path seen by a run: what was there (size, mtime, content hash) and what became of it.
# Identical content under several paths is one document with several sightings. A rerun can skip a
# path whose (source_path, n_bytes, mtime_ns) matches its latest sighting.
SIGHTINGS = Table("sightings", (
    _c("run_id", not_null=True, stamped=True), _c("source_path", not_null=True), _c("n_bytes", pl.Int64),
    _c("mtime_ns", pl.Int64), _c("sha256"), _c("doc_id"), _c("outcome", not_null=True),
    _c("link_target"), _c("seen_at", pl.Datetime, stamped=True),
), primary_key=("run_id", "source_path"))

FILES = Table("files", (
    _c("source_path", not_null=True), _c("sha256", not_null=True),
    _c("first_run_id", stamped=True), _c("first_seen_at", pl.Datetime, stamped=True),
    # size and modification time when last read: a file that still matches is skipped before reading
    _c("n_bytes", pl.Int64, stamped=True), _c("mtime_ns", pl.Int64, stamped=True),
), primary_key=("source_path", "sha256"))

DOCUMENTS = Table("documents", (
    _c("doc_id"), _c("source_path", source="doc.source_path", not_null=True),
    _c("sha256", source="doc.sha256", not_null=True), _c("n_bytes", pl.Int64, source="doc.n_bytes"),
    _c("encoding", source="doc.encoding"), _c("lang", source="language.lang"),
    _c("lang_confidence", pl.Float64, source="language.confidence"),
    _c("lang_secondary", pl.List(pl.Utf8), source="language.secondary"),
    _c("published_date", pl.Date, source="publication.value"),
    _c("date_text", source="publication.text", empty_is_null=True),
    _c("date_calendar", source="publication.calendar"), _c("date_precision", source="publication.precision"),
    _c("date_method", source="publication.method"),
    _c("date_confidence", pl.Float64, source="publication.confidence"),
    _c("title", source="anatomy.title"), _c("kicker", source="anatomy.kicker"),
    _c("dateline", source="anatomy.dateline"), _c("byline", source="anatomy.byline"),
    _c("body", source="anatomy.body"), _c("furniture", pl.List(pl.Utf8), source="anatomy.furniture"),
    _c("text", source="doc.text"),
    _c("run_id", stamped=True), _c("loaded_at", pl.Datetime, stamped=True),
), primary_key=("doc_id",), unique=("sha256",))

QUARANTINE = Table("quarantine", (
    _c("source_path", not_null=True), _c("sha256"), _c("stage", not_null=True), _c("reason", not_null=True),
    _c("detail"), _c("run_id", stamped=True), _c("quarantined_at", pl.Datetime, stamped=True),
))

OUTLET_MENTIONS = Table("outlet_mentions", (
    _c("doc_id", not_null=True), _c("outlet_id", not_null=True), _c("name"), _c("native_name"), _c("role"),
    _c("evidence"), _c("method"), _c("known", pl.Boolean), *_OFFSETS,
))

ENTITY_MENTIONS = Table("entity_mentions", (
    _c("doc_id", not_null=True), _c("entity_id", not_null=True), _c("canonical_name"), _c("entity_type"),
    _c("surface_form"), *_OFFSETS, _c("method"), _c("confidence", pl.Float64),
))

DATE_MENTIONS = Table("date_mentions", (
    _c("doc_id", not_null=True), _c("value", pl.Date), _c("text"), *_OFFSETS,
    _c("sentence_start", pl.Int32), _c("sentence_end", pl.Int32), _c("calendar"), _c("precision"),
    _c("method"), _c("confidence", pl.Float64),
))

EVENT_MENTIONS = Table("event_mentions", (
    _c("mention_id"), _c("doc_id", not_null=True), _c("event_type"), _c("cameo_root", empty_is_null=True),
    _c("trigger"), _c("trigger_start", pl.Int32), _c("sentence"), _c("participants", PARTICIPANTS),
    _c("location_entity_id"), _c("event_date", pl.Date), _c("date_source"),
    _c("relative_words", pl.List(pl.Utf8)),
), primary_key=("mention_id",))

# derived at the end of each run: events grow by the reports of the run (khabar.store.event_state)
EVENTS = Table("events", (
    _c("event_id"), _c("event_type"), _c("event_date", pl.Date), _c("location_entity_id"),
    _c("participants", PARTICIPANTS),
), primary_key=("event_id",))

EVENT_MEMBERS = Table("event_members", (
    _c("event_id", not_null=True), _c("mention_id", not_null=True), _c("doc_id", not_null=True),
))

EVENT_EVIDENCE = Table("event_evidence", (
    _c("event_id", not_null=True), _c("mention_id", not_null=True),
    _c("doc_id", source="article_id", not_null=True), _c("joined_to_mention_id"),
    _c("shared_participants", pl.List(pl.Utf8)), _c("shared_place"), _c("date_gap_days", pl.Int32),
    _c("shared_rare", pl.List(pl.Utf8)), _c("score", pl.Float64), _c("reason"),
))

NEAR_DUPLICATES = Table("near_duplicates", (
    _c("article_a", not_null=True), _c("article_b", not_null=True), _c("similarity", pl.Float64),
))

# the LSH band keys of each document's body, kept so a run compares only new documents (corpus.syndication)
SYNDICATION_BANDS = Table("syndication_bands", (
    _c("doc_id", not_null=True), _c("band", pl.Int32, not_null=True), _c("band_key", pl.Int64, not_null=True),
), primary_key=("doc_id", "band"))

# what event clustering keeps so that a run clusters only its new reports (khabar.store.event_state):
# each unit's event and place in clustering order, the index of events by blocking key, and how many
# clustered articles hold each story item, and each clustered article's words and numbers
EVENT_UNITS = Table("event_units", (
    _c("event_id", not_null=True), _c("seq", pl.Int64, not_null=True), _c("doc_id", not_null=True),
    _c("head_mention_id", not_null=True), _c("position", pl.Int64, not_null=True),
), primary_key=("position",))

EVENT_KEYS = Table("event_keys", (
    _c("key", not_null=True), _c("seq", pl.Int64, not_null=True), _c("position", pl.Int64, not_null=True),
))

STORY_DF = Table("story_df", (
    _c("item", not_null=True), _c("df", pl.Int64, not_null=True), _c("entity_df", pl.Int64, not_null=True),
), primary_key=("item",))

STORY_WORDS = Table("story_words", (
    _c("doc_id", not_null=True), _c("items", pl.List(pl.Utf8)),
), primary_key=("doc_id",))

MENTIONS = (OUTLET_MENTIONS, ENTITY_MENTIONS, DATE_MENTIONS, EVENT_MENTIONS)
DERIVED = (EVENTS, EVENT_MEMBERS, EVENT_EVIDENCE, NEAR_DUPLICATES)
EVENT_STATE = (EVENT_UNITS, EVENT_KEYS, STORY_DF, STORY_WORDS)
ALL = (RUNS, SIGHTINGS, FILES, DOCUMENTS, QUARANTINE, *MENTIONS, *DERIVED, SYNDICATION_BANDS, *EVENT_STATE)
BY_NAME = {t.name: t for t in ALL}


def ddl() -> str:
    """The whole raw schema, idempotent (``create … if not exists``); columns declared since a
    warehouse was created are added to it (``add column if not exists``)."""
    added = [f"alter table {t.qualified} add column if not exists {c.ddl()};" for t in ALL for c in t.columns
             if not c.not_null]
    return "\n\n".join([f"create schema if not exists {SCHEMA};", *(t.ddl() for t in ALL), *added])


@dataclass(frozen=True)
class Tables:
    """One batch of analysed articles as frames shaped like the raw tables they load into."""

    documents: pl.DataFrame
    outlet_mentions: pl.DataFrame
    entity_mentions: pl.DataFrame
    date_mentions: pl.DataFrame
    event_mentions: pl.DataFrame

    def without(self, doc_ids: set[str]) -> Tables:
        if not doc_ids:
            return self
        keep = ~pl.col("doc_id").is_in(sorted(doc_ids))
        return Tables(*(frame.filter(keep) for frame in self.frames()))

    def frames(self) -> tuple[pl.DataFrame, ...]:
        return (self.documents, self.outlet_mentions, self.entity_mentions, self.date_mentions, self.event_mentions)


def to_tables(articles: Iterable[object]) -> Tables:
    """Analysed articles (``khabar.document.article.Article``) as one batch of raw-table frames."""
    articles = list(articles)

    def mentions(table: Table, attribute: str) -> pl.DataFrame:
        return table.frame_of_rows(
            table.row(m, {"doc_id": a.doc_id}) for a in articles for m in getattr(a, attribute)
        )

    return Tables(
        DOCUMENTS.frame(articles),
        mentions(OUTLET_MENTIONS, "outlets"),
        mentions(ENTITY_MENTIONS, "entities"),
        mentions(DATE_MENTIONS, "dates"),
        mentions(EVENT_MENTIONS, "events"),
    )
