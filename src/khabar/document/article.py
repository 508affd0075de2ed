"""From a decoded text to everything khabar reads from it: language, anatomy, dates, outlets,
entities and event mentions. Pure: resources (outlet registry, gazetteer) are loaded once and
passed in; nothing here touches the warehouse.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from khabar.app.project import Project
from khabar.document import anatomy as anatomy_
from khabar.document import dates, entities, events, language, outlets
from khabar.store.ingest import Decoded

DOC_ID_PREFIX = "d"


@dataclass(frozen=True)
class Resources:
    outlets: outlets.OutletRegistry
    gazetteer: entities.Gazetteer


@dataclass(frozen=True)
class Article:
    doc: Decoded
    doc_id: str
    language: language.LanguageResult
    anatomy: anatomy_.Anatomy
    publication: dates.DateFinding
    outlets: tuple[outlets.OutletMention, ...]
    entities: tuple[entities.EntityMention, ...]
    dates: tuple[dates.DateMention, ...]
    events: tuple[events.EventMention, ...]


def load_resources(project: Project) -> Resources:
    return Resources(
        outlets=outlets.load_registry(project.outlets_csv),
        gazetteer=entities.load_gazetteer(project.entities_csv, project.entity_aliases_csv),
    )


def doc_id_for(sha256: str) -> str:
    """One id per distinct content: the same bytes anywhere get the same id in every run."""
    return f"{DOC_ID_PREFIX}{sha256[:16]}"


def analyse(doc: Decoded, resources: Resources) -> Article:
    text = doc.text
    lang = language.detect_document(text)
    code = lang.lang if lang.lang != "und" else None
    anatomy = anatomy_.dissect(text, code)
    publication = dates.publication_date(text, code)
    found_outlets = outlets.find_outlets(text, anatomy, code, resources.outlets)
    body = anatomy.body
    found_entities = entities.find_entities(body, code, resources.gazetteer)
    mentions = dates.date_mentions(body, publication.value)
    doc_id = doc_id_for(doc.sha256)
    publisher = next((o.outlet_id for o in found_outlets if o.role == "publisher"), None)
    event_input = event_input_for(doc_id, lang.lang, publication.value, body, found_entities, mentions, publisher)
    event_input = dataclasses.replace(event_input, reference_hint=events.reference_hint(doc.source_path))
    found_events = events.extract_event_mentions(event_input)
    return Article(
        doc=doc,
        doc_id=doc_id,
        language=lang,
        anatomy=anatomy,
        publication=publication,
        outlets=tuple(found_outlets),
        entities=tuple(found_entities),
        dates=tuple(mentions),
        events=tuple(found_events),
    )


def event_input_for(
    doc_id: str,
    lang: str,
    published: dt.date | None,
    body: str,
    found_entities: Sequence[entities.EntityMention],
    mentions: Sequence[dates.DateMention],
    outlet_id: str | None,
) -> events.ArticleInput:
    return events.ArticleInput(
        article_id=doc_id,
        lang=lang,
        published_date=published,
        body=body,
        entities=tuple(
            events.EntityRef(e.entity_id, e.entity_type, e.start, e.end, e.surface_form) for e in found_entities
        ),
        dates=tuple(events.DateRef(d.value, d.start, d.end) for d in mentions),
        outlet_id=outlet_id,
    )


# ---------------------------------------------------------------- batches as frames
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


PARTICIPANTS = pl.List(pl.Struct({"entity_id": pl.Utf8, "role": pl.Utf8}))
DOCUMENT_SCHEMA = {
    "doc_id": pl.Utf8, "source_path": pl.Utf8, "sha256": pl.Utf8, "n_bytes": pl.Int64, "encoding": pl.Utf8,
    "lang": pl.Utf8, "lang_confidence": pl.Float64, "lang_secondary": pl.List(pl.Utf8),
    "published_date": pl.Date, "date_text": pl.Utf8, "date_calendar": pl.Utf8, "date_precision": pl.Utf8,
    "date_method": pl.Utf8, "date_confidence": pl.Float64, "title": pl.Utf8, "kicker": pl.Utf8,
    "dateline": pl.Utf8, "byline": pl.Utf8, "body": pl.Utf8, "furniture": pl.List(pl.Utf8), "text": pl.Utf8,
}
OUTLET_SCHEMA = {
    "doc_id": pl.Utf8, "outlet_id": pl.Utf8, "name": pl.Utf8, "native_name": pl.Utf8, "role": pl.Utf8,
    "evidence": pl.Utf8, "method": pl.Utf8, "known": pl.Boolean, "start_offset": pl.Int32, "end_offset": pl.Int32,
}
ENTITY_SCHEMA = {
    "doc_id": pl.Utf8, "entity_id": pl.Utf8, "canonical_name": pl.Utf8, "entity_type": pl.Utf8,
    "surface_form": pl.Utf8, "start_offset": pl.Int32, "end_offset": pl.Int32, "method": pl.Utf8,
    "confidence": pl.Float64,
}
DATE_SCHEMA = {
    "doc_id": pl.Utf8, "value": pl.Date, "text": pl.Utf8, "start_offset": pl.Int32, "end_offset": pl.Int32,
    "sentence_start": pl.Int32, "sentence_end": pl.Int32, "calendar": pl.Utf8, "precision": pl.Utf8,
    "method": pl.Utf8, "confidence": pl.Float64,
}
EVENT_SCHEMA = {
    "mention_id": pl.Utf8, "doc_id": pl.Utf8, "event_type": pl.Utf8, "cameo_root": pl.Utf8, "trigger": pl.Utf8,
    "trigger_start": pl.Int32, "sentence": pl.Utf8, "participants": PARTICIPANTS,
    "location_entity_id": pl.Utf8, "event_date": pl.Date, "date_source": pl.Utf8,
    "relative_words": pl.List(pl.Utf8),
}


def to_tables(articles: Sequence[Article]) -> Tables:
    docs, outs, ents, dats, evs = [], [], [], [], []
    for a in articles:
        p, an = a.publication, a.anatomy
        docs.append({
            "doc_id": a.doc_id, "source_path": a.doc.source_path, "sha256": a.doc.sha256,
            "n_bytes": a.doc.n_bytes, "encoding": a.doc.encoding, "lang": a.language.lang,
            "lang_confidence": float(a.language.confidence), "lang_secondary": list(a.language.secondary),
            "published_date": p.value, "date_text": p.text or None, "date_calendar": p.calendar,
            "date_precision": p.precision, "date_method": p.method, "date_confidence": float(p.confidence),
            "title": an.title, "kicker": an.kicker, "dateline": an.dateline, "byline": an.byline,
            "body": an.body, "furniture": list(an.furniture), "text": a.doc.text,
        })
        outs += [{
            "doc_id": a.doc_id, "outlet_id": o.outlet_id, "name": o.name, "native_name": o.native_name,
            "role": o.role, "evidence": o.evidence, "method": o.method, "known": o.known,
            "start_offset": o.start, "end_offset": o.end,
        } for o in a.outlets]
        ents += [{
            "doc_id": a.doc_id, "entity_id": e.entity_id, "canonical_name": e.canonical_name,
            "entity_type": e.entity_type, "surface_form": e.surface_form, "start_offset": e.start,
            "end_offset": e.end, "method": e.method, "confidence": float(e.confidence),
        } for e in a.entities]
        dats += [{
            "doc_id": a.doc_id, "value": d.value, "text": d.text, "start_offset": d.start, "end_offset": d.end,
            "sentence_start": d.sentence_start, "sentence_end": d.sentence_end, "calendar": d.calendar,
            "precision": d.precision, "method": d.method, "confidence": float(d.confidence),
        } for d in a.dates]
        evs += [{
            "mention_id": m.mention_id, "doc_id": a.doc_id, "event_type": m.event_type,
            "cameo_root": m.cameo_root or None, "trigger": m.trigger, "trigger_start": m.trigger_start,
            "sentence": m.sentence,
            "participants": [{"entity_id": e, "role": r} for e, r in m.participants],
            "location_entity_id": m.location_entity_id, "event_date": m.event_date,
            "date_source": m.date_source, "relative_words": list(m.relative_words),
        } for m in a.events]
    return Tables(
        pl.DataFrame(docs, schema=DOCUMENT_SCHEMA),
        pl.DataFrame(outs, schema=OUTLET_SCHEMA),
        pl.DataFrame(ents, schema=ENTITY_SCHEMA),
        pl.DataFrame(dats, schema=DATE_SCHEMA),
        pl.DataFrame(evs, schema=EVENT_SCHEMA),
    )


def analyse_all(docs: Sequence[Decoded], resources: Resources) -> tuple[list[Article], list[tuple[Decoded, str]]]:
    """Analyse a batch; a document that makes a stage fail is returned with the error, not lost."""
    done: list[Article] = []
    failed: list[tuple[Decoded, str]] = []
    for doc in docs:
        try:
            done.append(analyse(doc, resources))
        except Exception as err:  # one bad document must not stop the batch; it is quarantined
            failed.append((doc, f"{type(err).__name__}: {err}"[:500]))
    return done, failed
