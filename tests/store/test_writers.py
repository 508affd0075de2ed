"""One writer per warehouse: a second writer is refused at once naming the holder (or waits when
asked); a reader holding the file gets bounded retries with a message, then one clean error."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from khabar.store import lock
from khabar.store.warehouse import Warehouse, WarehouseError, connect

HOLD_LOCK = """
import sys, time
from khabar.store import lock
with lock.writer(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""
HOLD_READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _holder(code: str, path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_writer_is_refused_at_once_with_the_holder_named(tmp_path):
    warehouse = tmp_path / "k.duckdb"
    holder = _holder(HOLD_LOCK, warehouse, 60)
    try:
        started = time.monotonic()
        with pytest.raises(lock.WarehouseBusy) as err:
            with lock.writer(warehouse):
                pass
        assert time.monotonic() - started < 1
        assert err.value.holder["pid"] == holder.pid
        assert f"(pid {holder.pid} on " in str(err.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_writer_asked_to_wait_gets_the_lock_when_the_holder_ends(tmp_path):
    warehouse = tmp_path / "k.duckdb"
    holder = _holder(HOLD_LOCK, warehouse, 1)
    with lock.writer(warehouse, wait_seconds=60):
        assert holder.wait(timeout=30) == 0


def test_the_lock_of_a_process_killed_with_9_is_free(tmp_path):
    warehouse = tmp_path / "k.duckdb"
    holder = _holder(HOLD_LOCK, warehouse, 60)
    holder.kill()
    holder.wait()
    with lock.writer(warehouse):
        pass


def test_the_lock_is_reentrant_within_one_process(tmp_path):
    with lock.writer(tmp_path / "k.duckdb"), lock.writer(tmp_path / "k.duckdb"):
        pass
    with lock.writer(tmp_path / "k.duckdb"):
        pass


def test_a_reader_holding_the_file_gets_bounded_retries_then_one_line(tmp_path):
    warehouse = tmp_path / "k.duckdb"
    Warehouse(warehouse).close()
    reader = _holder(HOLD_READER, warehouse, 60)
    said = []
    try:
        with pytest.raises(WarehouseError) as err:
            connect(warehouse, notify=said.append, tries=3, pause=0.1)
    finally:
        reader.kill()
        reader.wait()
    assert len(said) == 2 and all("is open in" in s for s in said)
    message = str(err.value)
    assert "\n" not in message and "gave up after 3 tries" in message and str(reader.pid) in message
    connect(warehouse).close()  # the reader gone, the writer gets in
