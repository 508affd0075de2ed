"""One writer per warehouse: an advisory lock on ``<warehouse>.lock`` held for a whole run (load,
events and dbt), taken before anything else starts.

DuckDB's own file lock is held only while a connection is open, and a run closes its connection
while dbt builds; it also answers a second writer only after that writer has done its work. This
lock is taken first, answers at once, and names its holder (pid, host, command, since when). The
kernel releases it when the holder dies, ``kill -9`` included, so a stale lock file never blocks.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_SUFFIX = ".lock"
WAIT_POLL_SECONDS = 0.5
_HELD: dict[Path, int] = {}  # lock path -> depth, for re-entry by the process that holds it


class WarehouseBusy(RuntimeError):
    """Another process writes this warehouse; carries the warehouse path and what the holder wrote."""

    def __init__(self, warehouse: Path, holder: dict):
        self.warehouse, self.holder = warehouse, holder
        super().__init__(f"warehouse {warehouse} is being written by {describe(holder)}; "
                         "try again when it has finished (or pass --wait)")


def lock_path(warehouse: Path) -> Path:
    warehouse = Path(warehouse).resolve()
    return warehouse.with_name(warehouse.name + LOCK_SUFFIX)


def describe(holder: dict) -> str:
    if not holder:
        return "another process"
    return (f"{holder.get('command', 'khabar')} (pid {holder.get('pid', '?')} on {holder.get('host', '?')}, "
            f"since {holder.get('since', '?')})")


@contextlib.contextmanager
def writer(warehouse: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's writer lock for the block; ``WarehouseBusy`` if another process holds
    it for longer than ``wait_seconds`` (0: refuse at once). Re-entrant within one process."""
    path = lock_path(warehouse)
    if path in _HELD:
        _HELD[path] += 1
        try:
            yield
        finally:
            _HELD[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        _acquire(fd, Path(warehouse), wait_seconds)
        _write_holder(fd)
        _HELD[path] = 1
        try:
            yield
        finally:
            del _HELD[path]
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, warehouse: Path, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WarehouseBusy(warehouse, _read_holder(fd)) from None
            time.sleep(WAIT_POLL_SECONDS)


def _write_holder(fd: int) -> None:
    since = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    program = Path(sys.argv[0]).name
    command = " ".join(["khabar", *sys.argv[1:2]]) if program == "khabar" else f"a khabar flow run ({program or 'python'})"
    record = {"pid": os.getpid(), "host": socket.gethostname(), "command": command, "since": since}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(record).encode(), 0)


def _read_holder(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        return {}
