"""The analyst copy (`<warehouse>.read.duckdb`): published after every completed run, atomically,
readable by the DuckDB shell analysts use, and readable while a run holds the warehouse for writing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import query

from khabar.store.warehouse import Warehouse, publish_read_copy, read_copy_path

DUCKDB_SHELL = Path(sys.executable).with_name("duckdb")


@pytest.mark.parametrize("warehouse, copy", [
    pytest.param("warehouse/khabar.duckdb", "warehouse/khabar.read.duckdb", id="default-warehouse"),
    pytest.param("/data/news.duckdb", "/data/news.read.duckdb", id="any-duckdb-file"),
    pytest.param("/data/news.db", "/data/news.db.read.duckdb", id="other-suffix-kept"),
])
def test_the_copy_sits_beside_the_warehouse(warehouse, copy):
    assert read_copy_path(warehouse) == Path(copy)


def shell(database: Path, sql: str) -> subprocess.CompletedProcess:
    if not DUCKDB_SHELL.exists():
        pytest.skip("duckdb-cli is not installed in this environment")
    return subprocess.run([str(DUCKDB_SHELL), "-readonly", "-csv", "-noheader", str(database), "-c", sql],
                          capture_output=True, text=True, timeout=120)


MARTS = "select table_name from information_schema.tables where table_schema = 'marts' order by 1"


@pytest.mark.slow
def test_every_mart_is_in_the_copy_with_the_same_rows(demo_run):
    summary, warehouse = demo_run
    copy = read_copy_path(warehouse)
    assert summary["read_copy"] == str(copy)
    marts = [t for (t,) in query(warehouse, MARTS)]
    assert [t for (t,) in query(copy, MARTS)] == marts and "fct_articles" in marts
    for table in marts:
        count = f"select count(*) from marts.{table}"
        assert query(copy, count) == query(warehouse, count), table
    assert query(copy, "select count(*) from raw.quarantine") == query(warehouse, "select count(*) from raw.quarantine")


@pytest.mark.slow
def test_analysts_query_the_copy_while_a_run_writes_the_warehouse(demo_run):
    _, warehouse = demo_run
    with Warehouse(warehouse):  # a run holds the warehouse for writing
        blocked = shell(warehouse, "select 1")
        read = shell(read_copy_path(warehouse), "select count(*) from marts.fct_articles; select version();")
    assert blocked.returncode != 0  # why the copy exists: the warehouse itself cannot be opened
    assert read.returncode == 0, read.stderr
    count, version = read.stdout.split()
    assert int(count) == query(warehouse, "select count(*) from marts.fct_articles")[0][0]
    assert version.startswith("v1.5")


@pytest.mark.slow
def test_a_new_copy_replaces_the_old_atomically(demo_run):
    _, warehouse = demo_run
    import duckdb

    copy = read_copy_path(warehouse)
    with duckdb.connect(str(copy), read_only=True) as reader:
        before = reader.execute("select count(*) from marts.fct_articles").fetchone()
        publish_read_copy(warehouse)
        assert reader.execute("select count(*) from marts.fct_articles").fetchone() == before
    assert query(copy, "select count(*) from marts.fct_articles") == [before]
    assert sorted(p.name for p in copy.parent.iterdir() if "read" in p.name) == [copy.name]  # no temporary left
