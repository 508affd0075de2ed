"""A real Prefect server for the operations tests: started once per session on 127.0.0.1 with its
own PREFECT_HOME and telemetry off, spoken to over its REST API."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import support

BIN = Path(sys.executable).parent
QUIET = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
         "GX_ANALYTICS_ENABLED": "False", "PREFECT_UI_ENABLED": "true"}


@dataclass(frozen=True)
class Server:
    url: str   # the API, http://127.0.0.1:<port>/api
    env: dict  # the environment for CLI commands and workers that talk to it

    @property
    def dashboard(self) -> str:
        return self.url[: -len("/api")] + "/"

    def api(self, path: str, body: dict | None = None, method: str | None = None):
        return support.prefect_api(self.url, path, body, method)

    def prefect(self, *args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "prefect"), *args], cwd=cwd, env=self.env, capture_output=True,
                              text=True, timeout=timeout)


def wait(predicate, seconds: float, what: str, every: float = 2.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


def start(home: Path, port: int, log: Path) -> tuple[subprocess.Popen, Server]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    url = f"http://127.0.0.1:{port}/api"
    env.update(QUIET, PREFECT_HOME=str(home), PREFECT_UI_API_URL=url)  # the dashboard asks this API
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(url, {**env, "PREFECT_API_URL": url})

    def healthy() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"prefect server exited: {log.read_text()[-2000:]}")
        try:
            return server.api("/health") is True
        except OSError:
            return False

    wait(healthy, 240, "the Prefect server to answer", every=1.0)
    return proc, server


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, grace: float = 30) -> None:
    """Stop a process we started: ``sig``, then a kill after ``grace`` seconds."""
    proc.send_signal(sig)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)
