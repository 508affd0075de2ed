"""The pipeline once on a landing folder of ordinary and hostile files (tests/hostile/cases.py):
every path is accounted for, nothing is read through a link out of the folder, no content is lost,
and each file ends up where its kind says, for the reason it says."""
from __future__ import annotations

import hashlib
import os

import pytest
from cases import CASES, build
from support import query

pytestmark = pytest.mark.slow

DOC_SECONDS = "10"  # the budget in this suite: the megabyte line must not hold the run for long


def _snapshot(landing):
    return sorted((os.fsencode(p), os.lstat(p).st_mtime_ns, os.lstat(p).st_size)
                  for p in landing.rglob("*") if "abyss" not in p.parts)


@pytest.fixture(scope="session")
def hostile(prefect_harness, tmp_path_factory):
    """(landing, outside folder, warehouse, snapshot of the landing folder before the run, summary)."""
    from khabar_flows.pipeline import ingest_flow

    base = tmp_path_factory.mktemp("hostile")
    landing, outside = base / "landing", base / "outside"
    landing.mkdir()
    outside.mkdir()
    build(landing, outside)
    before = _snapshot(landing)
    warehouse = base / "hostile.duckdb"
    saved = os.environ.get("KHABAR_DOC_SECONDS")
    os.environ["KHABAR_DOC_SECONDS"] = DOC_SECONDS
    try:
        summary = ingest_flow(landing=str(landing), warehouse=str(warehouse), build=False)
    finally:
        if saved is None:
            os.environ.pop("KHABAR_DOC_SECONDS")
        else:
            os.environ["KHABAR_DOC_SECONDS"] = saved
    return landing, outside, warehouse, before, summary


def _document(wh, path):
    return query(wh, "select doc_id, sha256 from raw.documents where source_path = ?", path)


def _sighting(wh, path):
    return query(wh, "select outcome, doc_id, sha256 from raw.sightings where source_path = ?", path)


def _quarantine(wh, path):
    return query(wh, "select stage, reason, detail from raw.quarantine where source_path = ?", path)


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_each_kind_of_file_ends_up_where_it_should(hostile, c):
    _, _, wh, _, _ = hostile
    kind = c.expect[0]
    if kind == "loaded":
        assert _document(wh, c.path), (_quarantine(wh, c.path), _sighting(wh, c.path))
        assert [s[0] for s in _sighting(wh, c.path)] == ["loaded"]
        assert not _quarantine(wh, c.path)
    elif kind == "copy":
        (outcome, doc_id, _), = _sighting(wh, c.path)
        ((original, _),) = _document(wh, c.expect[1])
        assert (outcome, doc_id) == ("copy", original)
        assert not _quarantine(wh, c.path) and not _document(wh, c.path)
    elif kind == "quarantined":
        rows = _quarantine(wh, c.path)
        assert [(stage, reason) for stage, reason, _ in rows] == [c.expect[1:]], rows
        assert rows[0][2], "a quarantine row says why"
        assert not _document(wh, c.path)
    else:  # the megabyte line: the time budget stops it, or (once every stage is linear) it loads
        rows = _quarantine(wh, c.path)
        assert [(s, r) for s, r, _ in rows] == [("analyse", "analysis_timeout")] or _document(wh, c.path)


def test_every_path_is_a_sighting_and_no_content_is_lost(hostile):
    landing, _, wh, _, summary = hostile
    sightings = dict(query(wh, "select source_path, outcome from raw.sightings"))
    quarantined = {p for (p,) in query(wh, "select source_path from raw.quarantine")}
    expected = {c.path for c in CASES}
    assert expected <= set(sightings) | quarantined
    assert summary["files_seen"] == len(sightings)
    # every distinct readable content is in raw.documents, under exactly one document
    loaded = {sha for (sha,) in query(wh, "select sha256 from raw.sightings where outcome in ('loaded', 'copy')")}
    documents = [sha for (sha,) in query(wh, "select sha256 from raw.documents")]
    assert sorted(loaded) == sorted(documents)


def test_nothing_is_read_through_a_link_out_of_the_landing_folder(hostile):
    _, outside, wh, _, _ = hostile
    outside_hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in outside.rglob("*") if p.is_file()}
    seen = {sha for (sha,) in query(wh, "select sha256 from raw.sightings where sha256 is not null")}
    assert outside_hashes and not outside_hashes & seen
    assert not query(wh, "select 1 from raw.documents where text like '%(98)%' or text like '%(99)%'")


def test_the_landing_folder_is_left_as_it_was(hostile):
    landing, _, _, before, _ = hostile
    assert _snapshot(landing) == before


def test_a_sql_bearing_file_name_is_data_not_sql(hostile):
    _, _, wh, _, _ = hostile
    assert query(wh, "select count(*) from raw.documents")[0][0] > 10


def test_the_run_is_recorded_as_completed(hostile):
    _, _, wh, _, summary = hostile
    assert query(wh, "select status, reason, dbt_status from raw.runs where run_id = ?", summary["run_id"]) == [
        ("completed", None, "skipped")]
