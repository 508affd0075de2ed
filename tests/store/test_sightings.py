"""Every path a sighting: links, identical content under several paths, files that change, vanish
or grow between discovery and reading, and a folder of 10,000 files (discovery and ingest only)."""
from __future__ import annotations

import os
import threading

import polars as pl
import pytest
from texts import PARA_AR, PARA_FA, PARA_UR

from khabar.store import batch, ingest
from khabar.store.tables import Tables, to_tables


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def landing(tmp_path):
    root = tmp_path / "landing"
    write(root / "feeds" / "a.txt", PARA_AR)
    write(tmp_path / "outside" / "secret.txt", PARA_FA)
    return root


@pytest.mark.parametrize("name, target, reason", [
    pytest.param("out.txt", "../outside/secret.txt", "link_outside_landing", id="relative-link-out"),
    pytest.param("abs.txt", "/etc/hostname", "link_outside_landing", id="absolute-link-out"),
    pytest.param("dir_out", "../outside", "link_outside_landing", id="folder-link-out"),
    pytest.param("loop", ".", "link_loop", id="folder-link-to-itself"),
    pytest.param("broken.txt", "nowhere.txt", "not_regular_file", id="broken-link"),
])
def test_links_that_must_not_be_followed_are_quarantined_unopened(landing, name, target, reason):
    (landing / name).symlink_to(target)
    found, rejected = ingest.discover(landing)
    assert [f.source_path for f in found] == ["feeds/a.txt"]
    assert [(r.source_path, r.stage, r.reason) for r in rejected] == [(name, "discover", reason)]


def test_a_link_inside_is_a_sighting_of_its_target_under_its_own_path(landing):
    (landing / "alias.txt").symlink_to("feeds/a.txt")
    (landing / "mirror").symlink_to("feeds")
    found, rejected = ingest.discover(landing)
    assert [(f.source_path, f.link_target) for f in found] == [
        ("alias.txt", "feeds/a.txt"), ("feeds/a.txt", None), ("mirror/a.txt", "feeds/a.txt")]
    assert not rejected


def test_identical_content_is_one_document_with_a_sighting_per_path(landing):
    write(landing / "copy.txt", PARA_AR)
    write(landing / "other.txt", PARA_UR)
    found, _ = ingest.discover(landing)
    decoded, _ = ingest.read_all(found)
    plan = batch.plan(decoded, [], known={})
    assert [d.source_path for d in plan.fresh] == ["copy.txt", "other.txt"]
    outcome = batch.settle(plan, _tables(plan.fresh), [])
    assert [(s.source_path, s.outcome) for s in outcome.sightings] == [
        ("copy.txt", "loaded"), ("feeds/a.txt", "copy"), ("other.txt", "loaded")]
    assert outcome.sightings[0].doc_id == outcome.sightings[1].doc_id


def test_content_loaded_before_is_already_loaded_not_analysed_again(landing):
    found, _ = ingest.discover(landing)
    decoded, _ = ingest.read_all(found)
    plan = batch.plan(decoded, [], known={decoded[0].sha256: "d1"})
    assert plan.fresh == ()
    outcome = batch.settle(plan, _tables(()), [])
    assert [(s.outcome, s.doc_id) for s in outcome.sightings] == [("already_loaded", "d1")]


def test_a_rejected_content_is_quarantined_under_every_path_that_holds_it(landing):
    write(landing / "z_copy.txt", PARA_AR)
    found, _ = ingest.discover(landing)
    decoded, _ = ingest.read_all(found)
    plan = batch.plan(decoded, [], known={})
    tables = _tables(plan.fresh)
    failure = batch.Failure(decoded[0].sha256, "validate", "some_rule(lang)", "lang='xx'")
    outcome = batch.settle(plan, tables, [failure])
    assert [(r.source_path, r.reason) for r in outcome.quarantine] == [
        ("feeds/a.txt", "some_rule(lang)"), ("z_copy.txt", "some_rule(lang)")]
    assert outcome.tables.documents.is_empty()


@pytest.mark.parametrize("change, stage_reason", [
    pytest.param(lambda p: p.unlink(), ("read", "vanished"), id="deleted-after-discovery"),
    pytest.param(lambda p: p.write_bytes(b"x" * 2048), ("read", "too_large"), id="grew-past-the-limit"),
    pytest.param(lambda p: (p.unlink(), os.mkfifo(p)), ("read", "not_regular_file"), id="replaced-by-a-fifo"),
])
def test_a_file_that_changes_between_discovery_and_reading_is_rejected_with_the_reason(landing, change, stage_reason):
    (source,), _ = ingest.discover(landing, max_bytes=1024)
    change(landing / "feeds" / "a.txt")
    outcome = _in_thread(lambda: ingest.read(source, max_bytes=1024))
    assert isinstance(outcome, ingest.Rejected)
    assert (outcome.stage, outcome.reason) == stage_reason


def test_a_file_rewritten_after_discovery_is_read_as_it_is_now(landing):
    (source,), _ = ingest.discover(landing)
    write(landing / "feeds" / "a.txt", PARA_FA)
    doc = ingest.read(source)
    assert doc.text == PARA_FA and doc.n_bytes == len(PARA_FA.encode())


def test_a_file_over_the_size_limit_is_quarantined_without_being_read(landing):
    write(landing / "dump.txt", PARA_AR * 100)
    found, rejected = ingest.discover(landing, max_bytes=4096)
    assert [f.source_path for f in found] == ["feeds/a.txt"]
    (r,) = rejected
    assert (r.source_path, r.stage, r.reason, r.sha256) == ("dump.txt", "discover", "too_large", None)
    assert "over the limit of 4,096" in r.detail


def test_ten_thousand_files_in_one_folder_are_each_a_sighting(tmp_path):
    """Discovery and ingest only (a full analysis of 10,000 files is for the bench)."""
    folder = tmp_path / "flat"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f"{PARA_FA} {i % 2500}", encoding="utf-8")
    found, rejected = ingest.discover(tmp_path)
    decoded, unread = ingest.read_all(found)
    plan = batch.plan(decoded, [*rejected, *unread], known={})
    assert (len(found), len(plan.fresh), rejected, unread) == (10_000, 2500, [], [])
    outcome = batch.settle(plan, _tables(plan.fresh), [])
    counts = pl.Series([s.outcome for s in outcome.sightings]).value_counts(sort=True).rows()
    assert counts == [("copy", 7500), ("loaded", 2500)]


def _in_thread(fn):
    """Run ``fn`` with a deadline: a read that blocks on a FIFO fails the test instead of hanging it."""
    result = []
    t = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    t.start()
    t.join(30)
    assert result, "the read blocked"
    return result[0]


class _Doc:
    """Just what ``to_tables`` reads from an analysed article, for bookkeeping tests."""

    def __init__(self, decoded):
        from khabar.document.article import doc_id_for

        self.doc, self.doc_id = decoded, doc_id_for(decoded.sha256)
        self.language = self.anatomy = self.publication = None
        self.outlets = self.entities = self.dates = self.events = ()


def _tables(fresh) -> Tables:
    rows = [{"doc_id": d.doc_id, "sha256": d.doc.sha256, "source_path": d.doc.source_path} for d in map(_Doc, fresh)]
    base = to_tables([])
    docs = pl.DataFrame(rows, schema={"doc_id": pl.Utf8, "sha256": pl.Utf8, "source_path": pl.Utf8})
    return Tables(pl.concat([base.documents, docs], how="diagonal_relaxed").select(base.documents.columns),
                  *base.frames()[1:])
