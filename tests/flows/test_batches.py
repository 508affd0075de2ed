"""Batches overlap: the next batch is on the workers while the one before it is validated and
loaded. A run in batches of four loads what one batch loads, and content met again in the very next
batch — loaded, or quarantined there — ends as it would had that batch waited for the one before."""
from __future__ import annotations

import shutil

import pytest
from support import query

pytestmark = pytest.mark.slow

BATCH = 4
# a breaking-news line too short to be an article: validation quarantines it
BREAKING = "عاجل: انفجار\n"
ORIGINAL_SHORT, COPY_SHORT = "feeds/aaa_wire/breaking_note.txt", "feeds/alarabiya/breaking_note_copy.txt"
ORIGINAL_AR, COPY_AR = "feeds/afp/fidan_in_moscow.txt", "feeds/alarabiya/fidan_forwarded.txt"


@pytest.fixture(scope="module")
def small_batches(prefect_harness, demo_landing, tmp_path_factory):
    from khabar_flows import pipeline

    landing = tmp_path_factory.mktemp("batches") / "landing"
    shutil.copytree(demo_landing, landing)
    (landing / ORIGINAL_SHORT).parent.mkdir(parents=True)
    (landing / ORIGINAL_SHORT).write_text(BREAKING, encoding="utf-8")
    shutil.copy(landing / ORIGINAL_SHORT, landing / COPY_SHORT)
    shutil.copy(landing / ORIGINAL_AR, landing / COPY_AR)
    paths = sorted(p.relative_to(landing).as_posix() for p in landing.rglob("*") if p.is_file())
    batch_of = {p: i // BATCH for i, p in enumerate(paths)}
    # the copies are read while their originals' batch is still on the workers
    assert batch_of[COPY_SHORT] == batch_of[ORIGINAL_SHORT] + 1 and batch_of[COPY_AR] == batch_of[ORIGINAL_AR] + 1

    warehouse = tmp_path_factory.mktemp("wh") / "batches.duckdb"
    saved = pipeline.BATCH_SIZE
    pipeline.BATCH_SIZE = BATCH
    try:
        summary = pipeline.ingest_flow(landing=str(landing), warehouse=str(warehouse), build=False)
    finally:
        pipeline.BATCH_SIZE = saved
    return summary, warehouse, len(paths)


def test_every_file_of_every_batch_is_loaded_or_quarantined(small_batches):
    summary, wh, files = small_batches
    assert files > 3 * BATCH
    assert summary["files_seen"] == summary["loaded"] + summary["already_loaded"] + summary["quarantined"] == files
    assert len(query(wh, "select distinct source_path from raw.sightings")) == files


def test_documents_quarantine_and_mentions_are_those_of_one_batch(small_batches, demo_run):
    _, one_batch = demo_run
    _, batches, _ = small_batches
    for sql in ["select doc_id, source_path, lang, published_date from raw.documents",
                "select source_path, stage, reason from raw.quarantine where source_path not like '%breaking_note%'",
                "select doc_id, entity_id, start_offset from raw.entity_mentions",
                "select doc_id, event_type, sentence from raw.event_mentions"]:
        assert sorted(query(batches, sql)) == sorted(query(one_batch, sql)), sql


def test_a_copy_of_content_loaded_in_the_batch_before_is_a_sighting_of_it(small_batches):
    _, wh, _ = small_batches
    outcome = dict(query(wh, "select source_path, outcome from raw.sightings"))
    assert outcome[ORIGINAL_AR] == "loaded" and outcome[COPY_AR] == "already_loaded"
    doc_ids = dict(query(wh, "select source_path, doc_id from raw.sightings"))
    assert doc_ids[COPY_AR] == doc_ids[ORIGINAL_AR]


def test_a_copy_of_content_quarantined_in_the_batch_before_is_quarantined_for_the_same_reason(small_batches):
    _, wh, _ = small_batches
    rows = dict((p, (s, r)) for p, s, r in query(wh, "select source_path, stage, reason from raw.quarantine"))
    assert rows[ORIGINAL_SHORT][0] == "validate"
    assert rows[COPY_SHORT] == rows[ORIGINAL_SHORT]
