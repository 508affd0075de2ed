"""From a decoded text to everything khabar reads from it: language, anatomy, dates, outlets,
entities and event mentions. Pure: resources (outlet registry, gazetteer) are loaded once and
passed in; nothing here touches the warehouse.

``analyse_batch`` is the unit a worker runs (a process of the local pool or a Dask worker): it takes
plain data (decoded texts and the project's location), loads the resources once per worker process
and returns the batch as raw-table frames (Arrow-backed polars), cheap to send back to the one writer.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from khabar.app.project import Project
from khabar.corpus import syndication
from khabar.document import anatomy as anatomy_
from khabar.document import dates, entities, events, language, outlets
from khabar.store import tables as tables_
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


@functools.lru_cache(maxsize=4)
def worker_resources(project: Project) -> Resources:
    """The resources of ``project``, loaded once per process (each pool or cluster worker keeps its own)."""
    return load_resources(project)


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


@dataclass(frozen=True)
class AnalysedBatch:
    """One analysed batch as the raw-table frames it loads into, and the documents no stage could read."""

    tables: tables_.Tables
    bands: pl.DataFrame  # rows of raw.syndication_bands: the LSH band keys of each body
    failed: tuple[tuple[Decoded, str], ...]  # (document, "ErrorType: message")


def analyse_batch(docs: Sequence[Decoded], project: Project) -> AnalysedBatch:
    """``analyse_all`` with the worker's cached resources, returned as frames (what a pool worker runs)."""
    done, failed = analyse_all(docs, worker_resources(project))
    bands = syndication.bands_frame((a.doc_id, a.anatomy.body) for a in done)
    return AnalysedBatch(tables_.to_tables(done), bands, tuple(failed))
