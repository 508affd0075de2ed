"""`khabar serve` against a real Prefect server on 127.0.0.1: the deployment is registered with its
cron schedule, and a run of it loads the warehouse."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import support
from support import ROOT, query

KHABAR = str(Path(sys.executable).with_name("khabar"))

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(2)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_registers_a_cron_deployment_runs_it_and_stops_on_sigterm(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    for rel in ("feeds/irna/araghchi_sharif_meeting.txt", "inbox/empty.txt"):
        shutil.copy(ROOT / "warehouse" / "landing" / rel, landing / Path(rel).name)
    warehouse = tmp_path / "served.duckdb"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), KHABAR_PROJECT_DIR=str(ROOT))
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen(
        [KHABAR, "serve", "--cron", "15 4 * * *", "--landing", str(landing), "--warehouse", str(warehouse),
         "--port", str(port)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/api"
    try:
        def deployment():
            try:
                found = support.prefect_api(url, "/deployments/filter", {"deployments": {"name": {"any_": ["khabar-daily"]}}})
            except OSError:
                return None
            return found[0] if found else None

        dep = _wait(deployment, 300, "the deployment to be registered")
        schedules = [s["schedule"] for s in dep["schedules"]]
        assert schedules and schedules[0]["cron"] == "15 4 * * *"
        assert dep["parameters"] == {"landing": str(landing), "warehouse": str(warehouse)}

        run = support.prefect_api(url, f"/deployments/{dep['id']}/create_flow_run", {})

        def finished():
            state = support.prefect_api(url, f"/flow_runs/{run['id']}")["state"]["type"]
            return state if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

        assert _wait(finished, 600, "the flow run to finish") == "COMPLETED", (tmp_path / "serve.log").read_text()[-3000:]
        children = support.children(proc.pid)
        signalled = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
        seconds = time.monotonic() - signalled
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    served = (tmp_path / "serve.log").read_text()
    assert (code, seconds < 10) == (143, True), served[-2000:]
    assert "All deployments have been paused" in served
    assert "Traceback" not in served
    time.sleep(1)
    assert any("prefect.server.api.server" in cmd for cmd in children.values())
    assert [p for p in children if support.alive(p)] == []
    assert query(warehouse, "select count(*) from raw.documents")[0][0] == 1
    assert query(warehouse, "select reason from raw.quarantine") == [("empty",)]
    assert query(warehouse, "select count(*) from marts.fct_articles")[0][0] == 1
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/health", timeout=5)
