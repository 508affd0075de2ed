"""Stages over the whole warehouse rather than one document: event clustering and syndication.

Reads the raw frames of all loaded documents, returns frames for the derived raw tables. Pure over
its inputs: the same documents give the same events, whatever order or however many runs they were
loaded in. Each run re-reads the documents (linear), and clustering compares each unit only with the
candidate events a blocking index offers (``khabar.corpus.events``), so a run costs about N log N.
A document's date hint comes from its ``source_path`` (``2015-08-07/…``); see ``events.reference_hint``.
"""
from __future__ import annotations

from collections import defaultdict

import polars as pl

from khabar.corpus import events as clustering
from khabar.corpus import syndication
from khabar.document import events
from khabar.store.tables import PARTICIPANTS


def event_inputs(documents: pl.DataFrame, entity_mentions: pl.DataFrame, date_mentions: pl.DataFrame,
                 outlet_mentions: pl.DataFrame) -> list[events.ArticleInput]:
    ents: dict[str, list[events.EntityRef]] = defaultdict(list)
    for r in entity_mentions.sort(["doc_id", "start_offset"]).iter_rows(named=True):
        ents[r["doc_id"]].append(events.EntityRef(r["entity_id"], r["entity_type"], r["start_offset"],
                                                  r["end_offset"], r["surface_form"]))
    dats: dict[str, list[events.DateRef]] = defaultdict(list)
    for r in date_mentions.sort(["doc_id", "start_offset"]).iter_rows(named=True):
        if r["value"] is not None:
            dats[r["doc_id"]].append(events.DateRef(r["value"], r["start_offset"], r["end_offset"]))
    publisher = {
        r["doc_id"]: r["outlet_id"]
        for r in outlet_mentions.filter(pl.col("role") == "publisher").iter_rows(named=True)
    }
    return [
        events.ArticleInput(
            article_id=r["doc_id"], lang=r["lang"], published_date=r["published_date"], body=r["body"] or "",
            entities=tuple(ents[r["doc_id"]]), dates=tuple(dats[r["doc_id"]]), outlet_id=publisher.get(r["doc_id"]),
            reference_hint=events.reference_hint(r["source_path"]),
        )
        for r in documents.select("doc_id", "lang", "published_date", "body", "source_path").sort("doc_id")
        .iter_rows(named=True)
    ]


def mentions_from_frame(frame: pl.DataFrame) -> list[events.EventMention]:
    return [
        events.EventMention(
            mention_id=r["mention_id"], article_id=r["doc_id"], event_type=r["event_type"],
            cameo_root=r["cameo_root"], trigger=r["trigger"], trigger_start=r["trigger_start"],
            sentence=r["sentence"],
            participants=tuple((p["entity_id"], p["role"]) for p in (r["participants"] or [])),
            location_entity_id=r["location_entity_id"], event_date=r["event_date"],
            date_source=r["date_source"], relative_words=tuple(r["relative_words"] or ()),
        )
        for r in frame.sort("mention_id").iter_rows(named=True)
    ]


def derive(documents: pl.DataFrame, entity_mentions: pl.DataFrame, date_mentions: pl.DataFrame,
           outlet_mentions: pl.DataFrame, event_mentions: pl.DataFrame) -> dict[str, pl.DataFrame]:
    articles = event_inputs(documents, entity_mentions, date_mentions, outlet_mentions)
    clusters, evidence = clustering.cluster_events(mentions_from_frame(event_mentions), articles)
    by_mention = dict(zip(event_mentions["mention_id"], event_mentions["doc_id"]))
    pairs = syndication.near_duplicates([(a.article_id, a.body) for a in articles])
    return {
        "events": pl.DataFrame(
            [{
                "event_id": c.event_id, "event_type": c.event_type, "event_date": c.event_date,
                "location_entity_id": c.location_entity_id,
                "participants": [{"entity_id": e, "role": r} for e, r in c.participants],
            } for c in clusters],
            schema={"event_id": pl.Utf8, "event_type": pl.Utf8, "event_date": pl.Date,
                    "location_entity_id": pl.Utf8, "participants": PARTICIPANTS},
        ),
        "event_members": pl.DataFrame(
            [{"event_id": c.event_id, "mention_id": m, "doc_id": by_mention[m]} for c in clusters for m in c.mention_ids],
            schema={"event_id": pl.Utf8, "mention_id": pl.Utf8, "doc_id": pl.Utf8},
        ),
        "event_evidence": pl.DataFrame(
            [{
                "event_id": e.event_id, "mention_id": e.mention_id, "doc_id": e.article_id,
                "joined_to_mention_id": e.joined_to_mention_id, "shared_participants": list(e.shared_participants),
                "shared_place": e.shared_place, "date_gap_days": e.date_gap_days, "shared_rare": list(e.shared_rare),
                "score": float(e.score), "reason": e.reason,
            } for e in evidence],
            schema={"event_id": pl.Utf8, "mention_id": pl.Utf8, "doc_id": pl.Utf8, "joined_to_mention_id": pl.Utf8,
                    "shared_participants": pl.List(pl.Utf8), "shared_place": pl.Utf8, "date_gap_days": pl.Int32,
                    "shared_rare": pl.List(pl.Utf8), "score": pl.Float64, "reason": pl.Utf8},
        ),
        "near_duplicates": pl.DataFrame(
            [{"article_a": p.article_a, "article_b": p.article_b, "similarity": float(p.similarity)} for p in pairs],
            schema={"article_a": pl.Utf8, "article_b": pl.Utf8, "similarity": pl.Float64},
        ),
    }
