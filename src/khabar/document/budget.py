"""A time budget per document: analysis runs in a child process that is killed when one document
takes longer than the budget; that document is reported as ``analysis_timeout`` and the rest of the
batch goes on in a fresh child.

Why a process and not an alarm: ``signal.setitimer`` only interrupts Python bytecode in the main
thread, and a regular expression backtracking inside C (``re``) does not return to it for minutes.
A process can always be killed, whichever thread or pool the caller runs in. The child is started
through ``khabar.app.lifecycle.spawn``, so it dies with its parent (``kill -9`` included).

Limits: the budget is wall-clock time (a loaded machine makes everything slower, hence a generous
default); memory is not capped, but a child is replaced after ``RECYCLE_DOCS`` documents; starting
the child costs about a second per batch and per timeout.

The child runs ``python -m khabar.document.budget``; parent and child exchange length-prefixed
pickles over its stdin/stdout: first sys.path, then (analyser, resources, warm-up document), answered by ``ready``; then
documents, each answered in order by ("ok", article) or ("error", detail) — the next one already
waiting in the pipe while the child works (``IN_FLIGHT``).
"""
from __future__ import annotations

import atexit
import collections
import contextlib
import fcntl
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from khabar.app.lifecycle import spawn, stop_child

# A news article is analysed in milliseconds; 30 s means a stall (a backtracking regex, a
# quadratic scan), not work. Set KHABAR_DOC_SECONDS to change it; 0 turns the budget off.
DOC_SECONDS = 30.0
BUDGET_ENV = "KHABAR_DOC_SECONDS"
# A child's heap grows with what it has read (bounded caches fill, then fragmentation): ~200 MB
# when started, ~250 MB after 2,000 documents, ~315 MB after 5,000. A fresh one after this many
# documents costs a second of one core and keeps the 10k run's peak ~120 MB lower (two children).
RECYCLE_DOCS = 2000
# importing khabar and unpickling the outlet registry and gazetteer in a fresh interpreter
WORKER_START_SECONDS = 120.0
# documents sent to a child ahead of the answer it is working on: one, so it never waits for us
IN_FLIGHT = 2
# children yield the CPU to the processes the run waits on: the Prefect server starting (children are
# started while it does), and the flow process, the one writer, validating and loading a batch
CHILD_NICENESS = 5
PIPE_BYTES = 1 << 20  # the pipe to a child, widened from Linux's 64 KiB so documents can wait in it
_HEADER = struct.Struct("!Q")
TIMEOUT, ERROR = "analysis_timeout", "analysis_error"


class WorkerError(RuntimeError):
    """The analysis child could not be started or answered nonsense; carries its exit code."""

    def __init__(self, message: str, returncode: int | None = None):
        super().__init__(message)
        self.returncode = returncode


class _Late(Exception):
    """No answer before the deadline."""


@dataclass(frozen=True)
class Failed:
    """A document analysis gave up on: ``reason`` is ``analysis_timeout`` or ``analysis_error``."""

    doc: Any  # khabar.store.ingest.Decoded
    reason: str
    detail: str


def seconds_from_env(default: float = DOC_SECONDS) -> float:
    value = os.environ.get(BUDGET_ENV, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise ValueError(f"{BUDGET_ENV}={value!r} is not a number of seconds") from None


def run(docs: Sequence[Any], analyser: Callable, resources: Any, seconds: float,
        warm_up: Any = None, *, keep: bool = False) -> tuple[list, list[Failed]]:
    """``analyser(doc, resources)`` for every doc, each within ``seconds``, in a child process.

    ``warm_up`` is a small document the child analyses before it says it is ready: the data tables
    the stages load lazily on first use are then loaded outside any document's budget.
    ``keep`` leaves a healthy child running for the next call with the same analyser and resources
    (a pool worker analyses chunk after chunk; one child start per worker instead of per chunk).
    The kept child dies with this process, or at ``close_kept()``.

    The next document is sent before the answer to the current one is read (``IN_FLIGHT``): the
    child starts it at once instead of waiting while this process, busy with other threads, reads
    and unpickles the answer. A document's budget runs from when the child could start it."""
    done: list = []
    failed: list[Failed] = []
    _refuse_if_stopping()
    slot = (analyser, id(resources), threading.get_ident())  # one kept child per thread
    worker = (_take_kept(slot) if keep else None) or _take_spare(analyser, resources)
    waiting = collections.deque(docs)
    try:
        while waiting or (worker is not None and worker.in_flight):
            worker = worker or _Worker(analyser, resources, warm_up)
            worker.feed(waiting)
            outcome = worker.answer(seconds)
            if isinstance(outcome, Failed):
                failed.append(outcome)
                if outcome.reason == TIMEOUT or not worker.alive():
                    waiting.extendleft(reversed(worker.take_back()))  # theirs is not the fault
                    worker.close()
                    worker = None
            else:
                done.append(outcome)
            if worker is not None and worker.answered >= RECYCLE_DOCS:
                worker.close()
                worker = None
    except BaseException:
        if worker is not None:
            worker.close()
        raise
    if worker is not None:
        if keep and worker.alive():
            _kept[slot] = worker
        else:
            worker.close()
    return done, failed


# kept children by (analyser, resources, thread): a child started by a thread is killed by Linux
# when that thread ends (PR_SET_PDEATHSIG follows the thread), so it serves that thread only
_kept: dict[tuple[Callable, int, int], _Worker] = {}


def _take_kept(slot: tuple[Callable, int, int]) -> _Worker | None:
    worker = _kept.pop(slot, None)
    if worker is not None and not worker.alive():
        worker.close()
        return None
    return worker


def close_kept() -> None:
    """Stop the children kept by ``run(..., keep=True)`` and the spares nobody took. A stop
    (``stop_all``) is over then: the runner whose threads it ended has gone."""
    while _kept:
        _kept.popitem()[1].close()
    with _SPARES_LOCK:
        spares = [w for found in _spares.values() for w in found]
        _spares.clear()
    for worker in spares:
        worker.close()
    _stopping.clear()


# children started ahead of their first document (``start_spares``), by analyser and resources
_spares: dict[tuple[Callable, int], list[_Worker]] = {}
_SPARES_LOCK = threading.Lock()


def start_spares(count: int, analyser: Callable, resources: Any, warm_up: Any = None) -> int:
    """Start ``count`` children now, for the first threads that ``run`` this analyser on these
    resources: they import and warm up while this process does something else (its Prefect server
    starting). Only from the main thread, which lives as long as the process — a child dies with the
    thread that started it. Returns how many were started."""
    if threading.current_thread() is not threading.main_thread():
        return 0
    started = []
    for _ in range(count):
        try:
            started.append(_Worker(analyser, resources, warm_up, wait=False))
        except WorkerError:  # the thread that needs a child starts its own, and says why if it cannot
            break
    with _SPARES_LOCK:
        _spares.setdefault((analyser, id(resources)), []).extend(started)
    return len(started)


def children_for(analyser: Callable | None = None, resources: Any = None) -> int:
    """How many children this process holds (for this analyser on these resources, when given): kept
    by a thread between two calls of ``run``, or started ahead and not yet taken."""
    def mine(a: Callable, r: int) -> bool:
        return analyser is None or (a is analyser and r == id(resources))

    with _SPARES_LOCK:
        spares = sum(len(found) for (a, r), found in _spares.items() if mine(a, r))
    return spares + sum(1 for (a, r, _), w in list(_kept.items()) if mine(a, r) and w.alive())


def _take_spare(analyser: Callable, resources: Any) -> _Worker | None:
    with _SPARES_LOCK:
        found = _spares.get((analyser, id(resources)))
        worker = found.pop(0) if found else None
    if worker is None:
        return None
    try:
        worker.wait_ready()
    except WorkerError:
        return None  # a fresh child is started in its place, as when there was no spare
    return worker


atexit.register(close_kept)

# every child alive in this process, and whether a stop signal has come (no child starts after it)
_live: set[_Worker] = set()
_stopping = threading.Event()


def stop_all() -> None:
    """A stop signal came: kill every analysis child now, without waiting, and start no more. The
    threads waiting on them see them die and end; the answer of a child minutes into a long
    document (unpickled while holding the interpreter) would otherwise hold the stop up."""
    _stopping.set()
    for worker in list(_live):
        with contextlib.suppress(OSError):
            worker.proc.kill()


def _refuse_if_stopping() -> None:
    if _stopping.is_set():
        raise WorkerError("the run is stopping: no analysis process is started")


class _Worker:
    def __init__(self, analyser: Callable, resources: Any, warm_up: Any, *, wait: bool = True):
        """Start the child and send it the analyser; with ``wait``, wait until it is ready (else
        ``wait_ready`` does, before its first document)."""
        _refuse_if_stopping()
        self.proc = spawn([sys.executable, "-m", "khabar.document.budget"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        _live.add(self)
        self.in_flight: collections.deque[tuple[Any, int]] = collections.deque()  # sent, unanswered: (doc, bytes)
        self.sent = self.answered = 0
        self._since = 0.0  # when the child could start the first document in flight
        self._started = time.monotonic()
        try:
            self.pipe_room = _widen_pipe(self.proc.stdin.fileno())
            self._send(list(sys.path))
            self._send((analyser, resources, warm_up))
        except OSError as err:
            self._failed(err)
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        try:
            if self._receive(self._started + WORKER_START_SECONDS) != "ready":
                raise WorkerError("the analysis process did not start properly")
        except (_Late, OSError, EOFError) as err:
            self._failed(err)

    def _failed(self, err: BaseException) -> None:
        self.close()
        raise WorkerError(f"the analysis process did not start: {err or type(err).__name__}",
                          self.proc.returncode) from None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def feed(self, waiting: collections.deque) -> None:
        """Send documents from ``waiting`` until ``IN_FLIGHT`` are in flight. A document goes ahead
        of the answers only while everything unanswered fits in the pipe: a write that blocked on
        a busy child which is itself blocked writing its answer would wait for ever."""
        while waiting and len(self.in_flight) < IN_FLIGHT and self.sent < RECYCLE_DOCS:
            data = _message(waiting[0])
            if self.in_flight and sum(size for _, size in self.in_flight) + len(data) > self.pipe_room:
                return
            if not self.in_flight:
                self._since = time.monotonic()
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except OSError:  # the child has died: the document it was on (if any) is answered next
                if self.in_flight:
                    return
                # none: this one is reported with the death, as when documents went one at a time
            self.in_flight.append((waiting.popleft(), len(data)))
            self.sent += 1

    def answer(self, seconds: float) -> Any:
        """The outcome of the first document in flight: its analysis, or ``Failed``."""
        doc = self.in_flight[0][0]
        try:
            answer = self._receive(self._since + seconds)
        except _Late:
            return Failed(doc, TIMEOUT, f"analysis took longer than {seconds:g} s (setting {BUDGET_ENV}); stopped")
        except (OSError, EOFError):
            self.proc.wait()
            return Failed(doc, ERROR, f"the analysis process died (exit {self.proc.returncode})")
        finally:
            self.in_flight.popleft()
            self._since = time.monotonic()  # the child went on to the next one as it answered
        self.answered += 1
        if answer[0] == "ok":
            return answer[1]
        return Failed(doc, ERROR, answer[1])

    def take_back(self) -> list:
        """The documents sent but not answered (the child is being replaced)."""
        docs = [doc for doc, _ in self.in_flight]
        self.in_flight.clear()
        return docs

    def close(self) -> None:
        _live.discard(self)
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        stop_child(self.proc, seconds=1)

    def _send(self, obj: Any) -> None:
        self.proc.stdin.write(_message(obj))
        self.proc.stdin.flush()

    def _receive(self, deadline: float) -> Any:
        fd = self.proc.stdout.fileno()
        (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size, deadline))
        return pickle.loads(_read_exactly(fd, size, deadline))


def _message(obj: Any) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _widen_pipe(fd: int) -> int:
    """The bytes the pipe to the child holds: widened to ``PIPE_BYTES`` where Linux allows."""
    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    with contextlib.suppress(OSError, AttributeError):
        return fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ)
    return 4096  # POSIX's guaranteed minimum


def _read_exactly(fd: int, n: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while n:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise _Late()
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("the analysis process closed its output")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


# ------------------------------------------------------------------ the child
def _child() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    with contextlib.suppress(OSError):
        os.nice(CHILD_NICENESS)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by a stage may corrupt the answers

    def receive() -> Any:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            raise EOFError
        return pickle.loads(stdin.read(_HEADER.unpack(header)[0]))

    def send(obj: Any) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(_HEADER.pack(len(data)) + data)
        stdout.flush()

    # the parent's import path first, so that its analyser (a test's, a plug-in's) can be unpickled
    sys.path[:0] = [p for p in receive() if p not in sys.path]
    analyser, resources, warm_up = receive()
    if warm_up is not None:
        analyser(warm_up, resources)
    send("ready")
    while True:
        try:
            doc = receive()
        except EOFError:
            return
        try:
            send(("ok", analyser(doc, resources)))
        except Exception as err:  # one bad document must not stop the batch; it is quarantined
            send(("error", f"{type(err).__name__}: {err}"[:500]))


if __name__ == "__main__":
    _child()
