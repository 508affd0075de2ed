"""From a decoded text to everything khabar reads from it: language, anatomy, dates, outlets,
entities and event mentions. Pure: resources (outlet registry, gazetteer) are loaded once and
passed in; nothing here touches the warehouse.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from khabar.app.project import Project
from khabar.document import anatomy as anatomy_
from khabar.document import budget, dates, entities, events, language, outlets
from khabar.document.budget import Failed
from khabar.document.event_dates import reference_hint
from khabar.store.ingest import Decoded
from khabar.text.normalize import fold_with_offsets
from khabar.text.sentences import sentence_spans

DOC_ID_PREFIX = "d"
# analysed by a fresh analysis process before its first document, so that every stage has loaded
# its data tables outside the documents' time budget (Arabic, Persian and Urdu lines: each script's tables)
WARM_UP = Decoded(
    "(warm-up)", "0" * 64, 0, "utf-8",
    "تهران - ایرنا: وزیر امور خارجه روز دوشنبه ۱۰ خرداد ۱۴۰۳ با همتای خود دیدار کرد.\n"
    "دمشق (سانا) - التقى الرئيس وزير الخارجية يوم الأحد 5 يناير 2025 في دمشق.\n"
    "اسلام آباد: وزیر اعظم نے پیر کو وزیر خارجہ سے ملاقات کی۔\n",
)


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
    # the body is folded and cut into sentences once, for entities, dates and events
    folded_body = fold_with_offsets(body)
    sentences = sentence_spans(body)
    found_entities = entities.find_entities(body, code, resources.gazetteer, folded_text=folded_body)
    mentions = dates.date_mentions(body, publication.value, sentences=sentences)
    doc_id = doc_id_for(doc.sha256)
    publisher = next((o.outlet_id for o in found_outlets if o.role == "publisher"), None)
    event_input = event_input_for(doc_id, lang.lang, publication.value, body, found_entities, mentions, publisher)
    event_input = dataclasses.replace(event_input, reference_hint=reference_hint(doc.source_path))
    found_events = events.extract_event_mentions(event_input, folded_body=folded_body, sentences=sentences)
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
        dates=tuple(events.DateRef(d.value, d.start, d.end) for d in mentions if d.precision in events.DAY_PRECISIONS),
        outlet_id=outlet_id,
    )


def analyse_all(docs: Sequence[Decoded], resources: Resources, *, seconds: float | None = None,
                analyser: Callable[[Decoded, Resources], Article] = analyse,
                keep_child: bool = False) -> tuple[list[Article], list[Failed]]:
    """Analyse a batch; a document that makes a stage fail (``analysis_error``) or takes longer than
    ``seconds`` (``analysis_timeout``) is returned as ``Failed``, not lost, and the batch goes on.

    The budget (default ``KHABAR_DOC_SECONDS`` or 30 s; 0 for none) holds wherever this runs: the
    documents are analysed in a child process that is killed at the deadline (``khabar.document.budget``).
    """
    seconds = budget.seconds_from_env() if seconds is None else seconds
    if not docs:
        return [], []
    if seconds > 0:
        return budget.run(docs, analyser, resources, seconds, warm_up=WARM_UP, keep=keep_child)
    done: list[Article] = []
    failed: list[Failed] = []
    for doc in docs:
        try:
            done.append(analyser(doc, resources))
        except Exception as err:  # one bad document must not stop the batch; it is quarantined
            failed.append(Failed(doc, budget.ERROR, f"{type(err).__name__}: {err}"[:500]))
    return done, failed
