"""Event clustering that costs what changed: the reports loaded since the last clustering are
clustered against what earlier runs left in the warehouse (``raw.event_units``, ``raw.event_keys``,
``raw.story_df``), reading only the candidate events the index offers, and re-forming only those
the new reports could join, from their members' articles (``khabar.corpus.events.cluster_increment``).
A warehouse from before this state existed is clustered whole once (``cluster_new``).
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Collection, Iterator, Mapping, Sequence

import duckdb
import polars as pl

from khabar.corpus import derive, merges, story
from khabar.corpus import events as clustering
from khabar.corpus.event_index import POSTING_CAP
from khabar.document.events import ArticleInput, EventMention
from khabar.store import tables as raw
from khabar.store.warehouse import Warehouse

_FRESH = ("doc_id in (select doc_id from raw.event_mentions)"
          " and doc_id not in (select doc_id from raw.event_units)")


class StoredEvents(clustering.Earlier):
    """``khabar.corpus.events.Earlier`` answered from the warehouse's tables."""

    def __init__(self, store: Warehouse) -> None:
        self.store = store
        self.documents, self.next_seq, self.next_position = store.con.execute(
            "select count(distinct doc_id), coalesce(max(seq) + 1, 0), coalesce(max(position) + 1, 0)"
            " from raw.event_units").fetchone()

    def _ask(self, name: str, column: str, values: Collection, sql: str) -> list[tuple]:
        wanted = pl.DataFrame({column: sorted(values)}, schema={column: pl.Int64 if column == "seq" else pl.Utf8})
        return self.store._with_frame(name, wanted, sql)

    def story_df(self, items: Collection[str]) -> Mapping[str, tuple[int, int]]:
        rows = self._ask("wanted_items", "item", items,
                         "select item, df, entity_df from raw.story_df join wanted_items using (item)")
        return {item: (df, entity_df) for item, df, entity_df in rows}

    def postings(self, keys: Collection[str]) -> Mapping[str, list[int]]:
        rows = self._ask(
            "wanted_keys", "key", keys,
            "select key, seq from (select k.key, k.seq, k.position,"
            f" row_number() over (partition by k.key order by k.position desc) as latest"
            " from raw.event_keys k join wanted_keys using (key))"
            f" where latest <= {POSTING_CAP} order by key, position")
        found: dict[str, list[int]] = {}
        for key, seq in rows:
            found.setdefault(key, []).append(seq)
        return found

    def members(self, seqs: Collection[int], *, compared_only: bool) -> Mapping[int, clustering.StoredEvent]:
        keep = f"where first = 1 or latest < {merges.MEMBERS_COMPARED}" if compared_only else ""
        rows = self._ask(
            "wanted_seqs", "seq", seqs,
            "select seq, event_id, doc_id, head_mention_id, units from ("
            " select u.*, count(*) over (partition by seq) as units,"
            " row_number() over (partition by seq order by position) as first,"
            " row_number() over (partition by seq order by position desc) as latest"
            f" from raw.event_units u join wanted_seqs using (seq)) {keep} order by seq, position")
        grouped: dict[int, list[tuple]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(row)
        return {seq: clustering.StoredEvent(rs[0][1], rs[0][4], tuple((r[2], r[3]) for r in rs))
                for seq, rs in grouped.items()}

    def words(self, doc_ids: Collection[str]) -> Mapping[str, Sequence[str]]:
        return dict(self._ask("wanted_words", "doc_id", doc_ids,
                              "select doc_id, items from raw.story_words join wanted_words using (doc_id)"))

    def articles(self, doc_ids: Collection[str]) -> tuple[list[ArticleInput], list[EventMention]]:
        ids = pl.DataFrame({"doc_id": sorted(doc_ids)}, schema={"doc_id": pl.Utf8})
        self.store.con.register("wanted_docs", ids.to_arrow())
        try:
            articles, mentions = _read(self.store, "doc_id in (select doc_id from wanted_docs)")
            return list(articles), mentions
        finally:
            self.store.con.unregister("wanted_docs")


def _read(store: Warehouse, where: str) -> tuple[Iterator[ArticleInput], list[EventMention]]:
    """The documents matching ``where`` (without raw text) as clustering's inputs, one at a time
    (``derive.event_inputs``), and their event mentions."""
    documents = store.frame("documents", derive.DOCUMENT_COLUMNS, where=where)
    others = [store.frame(t, where=where) for t in ("entity_mentions", "date_mentions", "outlet_mentions")]
    return (derive.event_inputs(documents, *others),
            derive.mentions_from_frame(store.frame("event_mentions", where=where)))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Clustering makes millions of small objects and no reference cycles: Python's cycle collector
    only walked them (and everything the run holds) again and again — ~1 s of a +100 run's 6."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextlib.contextmanager
def _collector_frozen() -> Iterator[None]:
    """While the increment's frames are made and written, the cycle collector leaves what lives
    already (the increment, the lexicon, the caches of words and hashes) alone: it walked them ~30
    times (~1 s of a 10k clustering). It still runs, and frees what the frames' making leaves in
    cycles, which pausing it (as ``_collector_paused``) would keep until the end."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _empty(con: duckdb.DuckDBPyConnection, tables: Sequence[raw.Table]) -> None:
    """Empty these tables. One with a primary key is made anew from its declaration: DuckDB is slow
    to delete the rows of a table with a key (emptying ``story_df``, 80k items in a 10k warehouse,
    took 2-5 s of a 25 s clustering), and drops and creates it in next to no time. The staging views
    that read the tables name them, and read the new ones."""
    for table in tables:
        if table.primary_key:
            con.execute(f"drop table {table.qualified}; {table.ddl()}")
        else:
            con.execute(f"delete from {table.qualified}")


def cluster_new(store: Warehouse) -> int:
    """Cluster the reports not yet clustered (all of them in a warehouse from before the clustering
    state was kept); returns how many documents that was."""
    con = store.con
    units, events = con.execute(
        "select (select count(*) from raw.event_units), (select count(*) from raw.events)").fetchone()
    if events and not units:  # events clustered whole by an older khabar: cluster everything again, once
        _empty(con, (raw.EVENTS, raw.EVENT_MEMBERS, raw.EVENT_EVIDENCE, raw.EVENT_KEYS, raw.STORY_DF,
                     raw.STORY_WORDS))
    count = con.execute(f"select count(*) from raw.documents where {_FRESH}").fetchone()[0]
    if not count:
        return 0
    articles, mentions = _read(store, _FRESH)  # read one at a time: each body goes once clustering has read it
    store.give_back_cache()  # the blocks just read (~70 MB of a 10k first clustering) are not read again
    with _collector_paused():
        done = clustering.cluster_increment(mentions, articles, StoredEvents(store))
    del articles, mentions  # before the increment's frames are made
    gc.collect()  # the clustering's cycles (paused above) go now, not frozen with the rest (~20 MB at 10k)
    with _collector_frozen():
        store.add_events(derive.increment_frames(done), done.replaced)
    # the memos of words, and what the frames' making left in cycles, go before dbt's process builds
    # beside this one: the run's peak (flow + dbt + server at 10k: 1337 -> 1285 MB; either alone: none)
    story.forget_words()
    gc.collect()
    return count
