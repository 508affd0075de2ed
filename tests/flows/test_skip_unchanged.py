"""Files whose (path, size, mtime) match the sighting recorded when their content was loaded are
skipped before reading (khabar.store.changes with Warehouse.unchanged_files)."""
from __future__ import annotations

import hashlib
import os

import pytest
from texts import PARA_AR, PARA_FA

from khabar.store import changes, ingest
from khabar.store.warehouse import Warehouse


def _loaded(store: Warehouse, landing, names: list[str]) -> None:
    """Record files as a run that loaded them does: a document, a sighting, its size and mtime."""
    sources, _ = ingest.discover(landing)
    seen = []
    for source in sources:
        if source.source_path not in names:
            continue
        sha = hashlib.sha256(source.path.read_bytes()).hexdigest()
        store.con.execute("insert or ignore into raw.documents (doc_id, source_path, sha256) values (?, ?, ?)",
                          [sha[:16], source.source_path, sha])
        store.con.execute("insert into raw.files (source_path, sha256) values (?, ?)", [source.source_path, sha])
        seen.append((source.source_path, sha))
    store.record_file_stats(changes.stats_of(sources), seen)


def _to_read(store: Warehouse, landing) -> list[str]:
    sources, _ = ingest.discover(landing)
    stats = changes.stats_of(sources)
    return [s.source_path for s in changes.split(sources, stats, store.unchanged_files(stats)).to_read]


def _append(path):
    path.write_text(path.read_text(encoding="utf-8") + "\nتحديث.", encoding="utf-8")


def _touch(path):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _same_size_new_bytes(path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text[::-1], encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


@pytest.mark.parametrize("change,read_again", [
    pytest.param(None, False, id="unchanged-file-is-not-read"),
    pytest.param(_append, True, id="grown-file-is-read"),
    pytest.param(_touch, True, id="touched-file-is-read-its-hash-decides"),
    pytest.param(_same_size_new_bytes, True, id="same-size-new-mtime-is-read"),
])
def test_a_loaded_file_is_read_again_only_when_its_size_or_mtime_changed(tmp_path, change, read_again):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.txt").write_text(PARA_AR, encoding="utf-8")
    with Warehouse(tmp_path / "w.duckdb") as store:
        _loaded(store, landing, ["a.txt"])
        if change:
            change(landing / "a.txt")
        assert _to_read(store, landing) == (["a.txt"] if read_again else [])


def test_new_and_never_loaded_files_are_read(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    for name, text in (("a.txt", PARA_AR), ("b.txt", PARA_FA), ("quarantined.txt", "")):
        (landing / name).write_text(text, encoding="utf-8")
    with Warehouse(tmp_path / "w.duckdb") as store:
        _loaded(store, landing, ["a.txt"])
        store.con.execute("insert into raw.files (source_path, sha256, n_bytes, mtime_ns) values (?, ?, ?, ?)",
                          ["quarantined.txt", "e3b0", 0, (landing / "quarantined.txt").stat().st_mtime_ns])
        (landing / "c.txt").write_text(PARA_FA + " جديد", encoding="utf-8")
        assert _to_read(store, landing) == ["b.txt", "c.txt", "quarantined.txt"]


def test_a_warehouse_from_before_sizes_were_recorded_gains_the_columns(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw; create table raw.files (source_path varchar not null, sha256 varchar not null,"
                    " first_run_id varchar, first_seen_at timestamp, primary key (source_path, sha256))")
        con.execute("insert into raw.files values ('a.txt', 'abc', 'r1', null)")
    with Warehouse(path) as store:
        rows = store.con.execute("select source_path, n_bytes, mtime_ns from raw.files").fetchall()
    assert rows == [("a.txt", None, None)]
