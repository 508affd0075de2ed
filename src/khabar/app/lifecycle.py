"""Process lifecycle: child processes that die with their parent, the local Prefect server, and
SIGINT/SIGTERM turned into a prompt, clean stop.

* ``spawn`` starts a child through a tiny launcher (``python -c _LAUNCHER PID command…``), which
  asks Linux to kill it when its parent dies (``prctl(PR_SET_PDEATHSIG)``), then ``exec``s the
  command. So no server or analysis worker outlives the command that started
  it, even one killed with ``kill -9``. The launcher is used instead of ``preexec_fn`` because
  ``preexec_fn`` is unsafe in a process with threads (Prefect has several).
* ``local_server`` is the Prefect API for one command: started on 127.0.0.1, stopped on exit.
* ``stop_signals`` turns the first SIGINT/SIGTERM into ``Stopped`` raised in the main thread (so
  ``finally`` blocks and the run bookkeeping run), and arms a deadline: if cleanup has not finished
  ``STOP_GRACE_SECONDS`` later, the children are killed and the process exits anyway.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PR_SET_PDEATHSIG = 1  # linux/prctl.h
SERVER_START_SECONDS = 180  # a cold Prefect server migrates its database on first start
SERVER_STOP_SECONDS = 5  # uvicorn stops in well under a second; then it is killed
SERVER_STOPPED_RUN_SECONDS = 1  # the same, when a stop signal ends the run
# a stop must be complete within 10 s of the signal: cleanup gets 8, the last 2 are for exiting
STOP_GRACE_SECONDS = 8.0
HEALTH_POLL_SECONDS = 0.1  # a refused connection costs nothing; the run waits on this
# The server's background services a single run has no use for: schedules, late and stuck runs,
# cancellations, work pools and automations belong to ``khabar serve``. Their start (automations
# read the database; every service wakes in the server's one event loop) made a run's server
# ~0.8 s slower to answer. Kept: the event persister and task-run recorder, which fill the dashboard.
RUN_ONLY_SERVICES_OFF = ("SCHEDULER", "LATE_RUNS", "FOREMAN", "CANCELLATION_CLEANUP", "PAUSE_EXPIRATIONS",
                         "REPOSSESSOR", "CLEANUP_RECONCILER", "TRIGGERS")


class ServerError(RuntimeError):
    """The local Prefect server did not start; carries its log file."""

    def __init__(self, message: str, log: Path):
        super().__init__(message)
        self.log = log


class Stopped(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error of the program
    """A stop signal arrived; ``exit_code`` is the shell's 128 + signal number (130, 143)."""

    def __init__(self, signum: int):
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def is_stop(exc: BaseException) -> bool:
    """A stop rather than an error: our ``Stopped``, Ctrl-C, or an orchestrator's own signal
    exception (Prefect raises ``TerminationSignal``, carrying ``.signal``, on SIGTERM in a flow)."""
    return isinstance(exc, (Stopped, KeyboardInterrupt)) or (
        not isinstance(exc, Exception) and isinstance(getattr(exc, "signal", None), int))


def stop_of(exc: BaseException | None) -> BaseException | None:
    """The stop behind ``exc``: itself, or a stop in its chain of causes. A signal that arrives
    while DuckDB runs a query surfaces as ``RuntimeError: Query interrupted`` caused by our
    ``Stopped``; that run was stopped, not broken."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if is_stop(exc):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def stop_code(stop: BaseException) -> int:
    """The exit status for a stop: 128 + the signal number (130 for Ctrl-C, 143 for SIGTERM)."""
    if isinstance(stop, Stopped):
        return stop.exit_code
    number = getattr(stop, "signal", None)
    return 128 + int(number) if isinstance(number, int) else 128 + signal.SIGINT


# ------------------------------------------------------------------ children that die with us
_CHILDREN: set[subprocess.Popen] = set()


def spawn(command: Sequence[str], **popen: object) -> subprocess.Popen:
    """``subprocess.Popen`` of a child that is killed when this process dies, and that a terminal's
    Ctrl-C does not reach directly (its own session: we stop it ourselves, in order)."""
    launcher = [sys.executable, "-c", _LAUNCHER, str(os.getpid()), *command]
    child = subprocess.Popen(launcher, start_new_session=True, **popen)
    _CHILDREN.add(child)
    return child


def stop_child(child: subprocess.Popen, seconds: float = SERVER_STOP_SECONDS,
               first: signal.Signals = signal.SIGTERM) -> None:
    """``first`` (SIGTERM), then SIGKILL after ``seconds``; always reaped."""
    if child.poll() is None:
        with contextlib.suppress(OSError):
            child.send_signal(first)
        try:
            child.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    _CHILDREN.discard(child)


def kill_children() -> None:
    for child in list(_CHILDREN):
        with contextlib.suppress(OSError):
            child.kill()
    _CHILDREN.clear()


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (a pool worker started by
    multiprocessing, which ``spawn`` does not start); elsewhere a no-op."""
    import ctypes

    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


# In the child, before exec: SIGKILL when the parent dies (Linux; elsewhere prctl is missing and the
# child is stopped by stop_child only); exit at once if the parent died before prctl took effect.
# Kept free of imports from khabar so that it starts in milliseconds.
_LAUNCHER = """
import ctypes, os, signal, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(%d, signal.SIGKILL, 0, 0, 0)
except (OSError, AttributeError):
    pass
else:
    if os.getppid() != int(sys.argv[1]):
        os._exit(1)
os.execvp(sys.argv[2], sys.argv[2:])
""" % PR_SET_PDEATHSIG


# ------------------------------------------------------------------ the local Prefect server
@dataclass(frozen=True)
class Server:
    url: str  # the API URL, ending in /api
    log: Path


# Prefect's server app under uvicorn, as ``prefect server start`` runs it in the foreground (the same
# settings, from the environment) without importing Prefect's command line first: answers ~1 s sooner
_SERVER = ("import sys, uvicorn; from prefect.server.api.server import create_app; "
           "from prefect.settings import PREFECT_SERVER_API_KEEPALIVE_TIMEOUT as keep, PREFECT_SERVER_LOGGING_LEVEL as level; "
           "uvicorn.run(create_app(final=True), host='127.0.0.1', port=int(sys.argv[1]), "
           "timeout_keep_alive=keep.value(), log_level=level.value().lower())")


@contextlib.contextmanager
def local_server(prefect_home: Path, port: int | None = None,
                 meanwhile: Callable[[str], None] | None = None, *, one_run: bool = False) -> Iterator[Server]:
    """A Prefect server on 127.0.0.1 for the life of the ``with`` block (and never longer).

    ``meanwhile(api_url)`` runs while the server starts (it takes seconds to import): the caller's
    own imports then cost no wall time. ``one_run``: the server only records one run, so the services
    in ``RUN_ONLY_SERVICES_OFF`` stay off (unless the user's environment sets them)."""
    port = port or _free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = prefect_home / "server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        server = spawn([sys.executable, "-c", _SERVER, str(port)], stdout=out, stderr=subprocess.STDOUT,
                       env=server_environment(prefect_home, url, os.environ, one_run=one_run))
    try:
        if meanwhile is not None:
            meanwhile(url)
        _wait_healthy(url, server, log)
        yield Server(url, log)
    except BaseException as exc:
        if stop_of(exc) is not None:
            # a user waits on a stop: no grace for a request the run's clients left half sent, which
            # uvicorn's graceful shutdown would wait on (Ctrl-C once took 5.3 s, 0.3 s otherwise)
            stop_child(server, SERVER_STOPPED_RUN_SECONDS)
        raise
    finally:
        stop_child(server)


def server_environment(prefect_home: Path, url: str, environ: Mapping[str, str], *, one_run: bool) -> dict[str, str]:
    """The local server's environment: its home, and the address the dashboard asks for its API
    (else it assumes port 4200); for ``one_run``, the services in ``RUN_ONLY_SERVICES_OFF`` off
    unless ``environ`` sets them."""
    env = {**environ, "PREFECT_API_URL": "", "PREFECT_UI_API_URL": url, "PREFECT_HOME": str(prefect_home)}
    if one_run:
        for service in RUN_ONLY_SERVICES_OFF:
            env.setdefault(f"PREFECT_SERVER_SERVICES_{service}_ENABLED", "false")
    return env


def _wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerError(f"the local Prefect server exited with code {server.returncode}; see {log}", log)
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(HEALTH_POLL_SECONDS)
    raise ServerError(f"the local Prefect server did not answer within {SERVER_START_SECONDS} s; see {log}", log)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------ serving the deployment
# the Prefect runner, in a child of its own: Prefect installs its own SIGTERM handler (which exits
# with tracebacks) in whatever process serves, so ``khabar serve`` supervises it from outside
_SERVE = "import json, sys; from khabar_flows.deployment import serve; serve(**json.loads(sys.argv[1]))"
SERVE_STOP_SECONDS = 5.0  # SIGINT lets the runner pause its deployment; then it is killed
LOG_FLUSH_SECONDS = 3.0  # Prefect's log and event queues, sent while the server still runs


def serve_deployment(spec: dict, api_url: str) -> None:
    """Run the deployment server until it ends or a stop signal comes; on a stop it gets SIGINT
    (Prefect pauses the deployment) and ``SERVE_STOP_SECONDS`` before it is killed."""
    env = {**os.environ, "PREFECT_API_URL": api_url}
    child = spawn([sys.executable, "-c", _SERVE, json.dumps(spec)], env=env)
    try:
        code = child.wait()
    except BaseException:
        # SIGINT: Prefect's runner takes it as Ctrl-C (pauses the deployment, exits); never SIGTERM,
        # on which the runner's own handler exits in the middle of its event loop
        stop_child(child, SERVE_STOP_SECONDS, first=signal.SIGINT)
        raise
    _CHILDREN.discard(child)
    if code != 0:
        raise RuntimeError(f"the deployment server exited with code {code}")


def flush_prefect(seconds: float = LOG_FLUSH_SECONDS) -> None:
    """Send Prefect's queued logs and events now, while the server is up, so that nothing waits
    on them at exit; whatever is not sent within ``seconds`` is dropped."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=seconds)


# ------------------------------------------------------------------ stop signals
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_signals(on_deadline_exit: int | None = None) -> Iterator[None]:
    """Within the block, SIGINT/SIGTERM raise ``Stopped`` once in the main thread; later signals
    are ignored while cleanup runs, and a watchdog ends the process ``STOP_GRACE_SECONDS`` after the
    first signal (children killed, exit 128 + signal) if cleanup hangs (a log flush to a server
    already gone, a C call that does not return)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired: list[int] = []

    def handler(signum: int, frame: object) -> None:
        if fired:
            return
        fired.append(signum)
        threading.Thread(target=_exit_after_grace, args=(signum,), daemon=True, name="khabar-stop").start()
        raise Stopped(signum)

    previous = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _exit_after_grace(signum: int) -> None:
    time.sleep(STOP_GRACE_SECONDS)
    kill_children()
    with contextlib.suppress(Exception):
        print(f"khabar: stopped by {signal.Signals(signum).name} (cleanup did not finish in time)",
              file=sys.stderr, flush=True)
    os._exit(128 + signum)


def exit_now(code: int) -> None:
    """Exit without the interpreter's shutdown hooks (Prefect's log flush to a stopped server)."""
    kill_children()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
