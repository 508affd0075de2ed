"""Raw frames in, event clustering's inputs out; its output as frames of the derived raw tables.

``khabar.store.event_state`` runs it over the documents a run loaded, against what earlier runs
left; ``derive`` runs it over a set of documents alone (benches, the development set).
A document's date hint comes from its ``source_path`` (``2015-08-07/…``); see ``event_dates.reference_hint``.
"""
from __future__ import annotations

import array
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator

import polars as pl
import pyarrow as pa

from khabar.corpus import events as clustering
from khabar.document import event_dates, events
from khabar.store import tables as raw

DOCUMENT_COLUMNS = ("doc_id", "lang", "published_date", "body", "source_path", "dateline", "title")  # what clustering reads


def event_inputs(documents: pl.DataFrame, entity_mentions: pl.DataFrame, date_mentions: pl.DataFrame,
                      outlet_mentions: pl.DataFrame) -> Iterator[events.ArticleInput]:
    """The articles one at a time, by doc_id: clustering keeps only what it derives from each
    (``khabar.corpus.events.cluster_increment``), so their bodies are never all in memory at once.
    Rows are read as tuples of the columns named (a dict per row costs three times as much)."""
    ents: dict[str, list[events.EntityRef]] = defaultdict(list)
    entity_columns = ["doc_id", "entity_id", "entity_type", "start_offset", "end_offset", "surface_form"]
    for doc_id, entity_id, entity_type, start, end, surface in (
            entity_mentions.sort(["doc_id", "start_offset"]).select(entity_columns).iter_rows()):
        ents[doc_id].append(events.EntityRef(entity_id, entity_type, start, end, surface))
    dats: dict[str, list[events.DateRef]] = defaultdict(list)
    date_columns = ["doc_id", "value", "start_offset", "end_offset", "precision"]
    for doc_id, value, start, end, precision in (
            date_mentions.sort(["doc_id", "start_offset"]).select(date_columns).iter_rows()):
        if value is not None and precision in events.DAY_PRECISIONS:
            dats[doc_id].append(events.DateRef(value, start, end))
    publisher = {
        r["doc_id"]: r["outlet_id"]
        for r in outlet_mentions.filter(pl.col("role") == "publisher").iter_rows(named=True)
    }
    for doc_id, lang, published_date, body, source_path, dateline, title in (
            documents.select(DOCUMENT_COLUMNS).sort("doc_id").iter_rows()):
        yield events.ArticleInput(
            article_id=doc_id, lang=lang, published_date=published_date, body=body or "",
            entities=tuple(ents[doc_id]), dates=tuple(dats[doc_id]), outlet_id=publisher.get(doc_id),
            reference_hint=event_dates.reference_hint(source_path), dateline=dateline, title=title,
        )


MENTION_COLUMNS = ("mention_id", "doc_id", "event_type", "cameo_root", "trigger", "trigger_start", "sentence",
                   "participants", "location_entity_id", "event_date", "date_source", "relative_words")


def mentions_from_frame(frame: pl.DataFrame) -> list[events.EventMention]:
    """The event mentions of the frame's rows (read as tuples of ``MENTION_COLUMNS``)."""
    return [
        events.EventMention(
            mention_id=mention_id, article_id=doc_id, event_type=event_type, cameo_root=cameo_root,
            trigger=trigger, trigger_start=trigger_start, sentence=sentence,
            participants=tuple((p["entity_id"], p["role"]) for p in (participants or [])),
            location_entity_id=location_entity_id, event_date=event_date,
            date_source=date_source, relative_words=tuple(relative_words or ()),
        )
        for (mention_id, doc_id, event_type, cameo_root, trigger, trigger_start, sentence, participants,
             location_entity_id, event_date, date_source, relative_words)
        in frame.sort("mention_id").select(MENTION_COLUMNS).iter_rows()
    ]


def increment_frames(done: clustering.Increment) -> Iterator[tuple[str, pl.DataFrame | pa.Table]]:
    """An increment as frames of the derived raw tables and of the clustering state, one at a time,
    each one's rows taken out of ``done`` as it is made (a 10k first clustering's index is a million
    rows: they and each frame can go before the next is made). The words are an Arrow table
    (``words_table``)."""
    yield raw.EVENTS.name, _taken(done.events, raw.EVENTS.frame)
    yield raw.EVENT_MEMBERS.name, raw.EVENT_MEMBERS.frame_of_rows(
        {"event_id": r.event_id, "mention_id": r.mention_id, "doc_id": r.article_id} for r in done.evidence)
    yield raw.EVENT_EVIDENCE.name, _taken(done.evidence, raw.EVENT_EVIDENCE.frame)
    yield raw.EVENT_UNITS.name, _taken(done.units, lambda rows: pl.DataFrame(rows, schema=raw.EVENT_UNITS.schema,
                                                                             orient="row"))
    yield raw.EVENT_KEYS.name, _taken(done.keys, lambda columns: pl.DataFrame(columns, schema=raw.EVENT_KEYS.schema))
    yield raw.STORY_DF.name, _taken(done.story_df, lambda rows: pl.DataFrame(rows, schema=raw.STORY_DF.schema,
                                                                             orient="row"))
    yield raw.STORY_WORDS.name, _taken(done.words, words_table)


def _taken(rows: list | dict, make: Callable) -> pl.DataFrame | pa.Table:
    """The frame of these rows, which are dropped once it is made."""
    frame = make(rows)
    rows.clear()
    return frame


def words_table(words: list[tuple[str, list[str]]]) -> pa.Table:
    """The ``story_words`` rows with each article's words as indices into one list of the distinct
    words: a 10k first clustering keeps ~2M words, ~75k of them distinct, and DuckDB stores them
    without a string object for each (~45 MB less at the insert, the peak of that clustering)."""
    index: dict[str, int] = {}
    codes = array.array("i", (index.setdefault(w, len(index)) for _, ws in words for w in ws))
    offsets = array.array("i", itertools.accumulate((len(ws) for _, ws in words), initial=0))
    items = pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()), pa.array(list(index), pa.string()))
    return pa.table({"doc_id": pa.array([doc_id for doc_id, _ in words], pa.string()),
                     "items": pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), items)})


def derive(documents: pl.DataFrame, entity_mentions: pl.DataFrame, date_mentions: pl.DataFrame,
           outlet_mentions: pl.DataFrame, event_mentions: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Events over these documents alone (an empty warehouse), their members and the evidence of
    every join, as frames of the derived raw tables and the clustering state.

    Near duplicates are not here: ``khabar.corpus.syndication.link`` keeps them as documents load."""
    articles = event_inputs(documents, entity_mentions, date_mentions, outlet_mentions)
    frames = increment_frames(clustering.cluster_increment(mentions_from_frame(event_mentions), articles))
    return {name: f if isinstance(f, pl.DataFrame) else pl.from_arrow(f).cast(raw.BY_NAME[name].schema)
            for name, f in frames}
