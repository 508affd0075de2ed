"""prefect.yaml as a team runs it, against a real Prefect server on 127.0.0.1: `prefect work-pool
create`, `prefect deploy --all`, `prefect worker start`; the run completes, loads the warehouse,
publishes the analyst copy and leaves its artifacts; the dashboard renders from the server itself."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from browser import dump_dom
from prefect_api import BIN, stop, wait
from support import ROOT, query

pytestmark = pytest.mark.slow

POOL = "khabar-process"
FILES = ("feeds/irna/araghchi_sharif_meeting.txt", "inbox/empty.txt")
FINAL = ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")


@pytest.fixture(scope="module")
def deployed(prefect_server):
    """The pool created and prefect.yaml deployed, as the README says."""
    pool = prefect_server.prefect("work-pool", "create", POOL, "--type", "process", cwd=ROOT)
    assert pool.returncode == 0, pool.stdout + pool.stderr
    deploy = prefect_server.prefect("--no-prompt", "deploy", "--all", cwd=ROOT)
    assert deploy.returncode == 0, deploy.stdout[-3000:] + deploy.stderr[-3000:]
    found = prefect_server.api("/deployments/filter", {"deployments": {"name": {"any_": ["khabar-daily"]}}})
    assert len(found) == 1
    for schedule in found[0]["schedules"]:  # the test's own run only: no 06:00 run on the repository's files
        prefect_server.api(f"/deployments/{found[0]['id']}/schedules/{schedule['id']}", {"active": False}, "PATCH")
    return found[0]


@pytest.fixture(scope="module")
def worker_run(prefect_server, deployed, tmp_path_factory):
    """One run of the deployment, picked up by a process worker: (final state, warehouse, worker log)."""
    base = tmp_path_factory.mktemp("worker")
    landing = base / "landing"
    for rel in FILES:
        (landing / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "warehouse" / "landing" / rel, landing / rel)
    warehouse = base / "team.duckdb"
    run = prefect_server.api(f"/deployments/{deployed['id']}/create_flow_run",
                             {"parameters": {"landing": str(landing), "warehouse": str(warehouse)}})
    log = base / "worker.log"
    with open(log, "wb") as out:
        worker = subprocess.Popen([str(BIN / "prefect"), "worker", "start", "--pool", POOL, "--run-once"],
                                  cwd=base, env=prefect_server.env, stdout=out, stderr=subprocess.STDOUT)
    try:
        def finished():
            state = prefect_server.api(f"/flow_runs/{run['id']}")["state"]["type"]
            return state if state in FINAL else None

        state = wait(finished, 900, "the worker to finish the flow run", every=3.0)
        worker.wait(timeout=120)
    finally:
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)
    return state, run, warehouse, log.read_text(errors="replace")


def test_prefect_yaml_deploys_a_cron_schedule_with_its_timezone_pool_and_limit(deployed):
    schedule = deployed["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 6 * * *", "UTC")
    assert deployed["work_pool_name"] == POOL
    assert deployed["entrypoint"] == "flows/pipeline.py:ingest_flow"
    assert deployed["parameters"] == {"landing": "warehouse/landing", "warehouse": "warehouse/khabar.duckdb",
                                      "build": True}
    assert deployed["global_concurrency_limit"]["limit"] == 1


def test_a_worker_picks_up_the_run_and_it_loads_the_warehouse(worker_run):
    state, _, warehouse, log = worker_run
    assert state == "COMPLETED", log[-4000:]
    assert query(warehouse, "select count(*) from raw.documents")[0][0] == 1
    assert query(warehouse, "select reason from raw.quarantine") == [("empty",)]
    copy = warehouse.with_name("team.read.duckdb")
    assert query(copy, "select count(*) from marts.fct_articles")[0][0] == 1


def test_the_run_leaves_its_summary_quarantine_table_and_docs_links_as_artifacts(prefect_server, worker_run):
    _, run, _, _ = worker_run
    artifacts = prefect_server.api("/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run["id"]]}}})
    by_key = {a["key"]: a for a in artifacts}
    assert {"khabar-run-summary", "khabar-quarantine", "khabar-dbt-docs", "khabar-quality-docs"} <= set(by_key)
    assert "| decode/empty | 1 |" in by_key["khabar-run-summary"]["data"]
    assert "decode/empty" in str(by_key["khabar-quarantine"]["data"])
    assert "quality/index.html" in by_key["khabar-quality-docs"]["data"]


def test_the_dashboard_renders_in_a_browser_and_lists_the_deployment(prefect_server, deployed, tmp_path):
    dom = dump_dom(prefect_server.dashboard + "deployments", tmp_path, budget_ms=30000)
    assert "<title>Deployments • Prefect Server</title>" in dom
    assert "Can't connect to Server API" not in dom
    assert "khabar-daily" in dom


def test_khabar_serve_registers_the_same_one_run_limit(prefect_server, worker_run, tmp_path):
    """The one-machine way (`khabar serve`), against the same server: same deployment, same limit."""
    import signal

    env = {**prefect_server.env, "KHABAR_PROJECT_DIR": str(ROOT)}
    with open(tmp_path / "serve.log", "wb") as log:
        serve = subprocess.Popen([str(BIN / "khabar"), "serve", "--cron", "15 4 29 2 *"], cwd=ROOT, env=env,
                                 stdout=log, stderr=subprocess.STDOUT)
    try:
        def served():
            found = prefect_server.api("/deployments/filter", {"deployments": {"name": {"any_": ["khabar-daily"]}}})
            return next((d for d in found if d["schedules"] and d["schedules"][0]["schedule"]["cron"] == "15 4 29 2 *"), None)

        deployment = wait(served, 300, "khabar serve to register its deployment")
    finally:
        stop(serve, signal.SIGINT, grace=60)
    assert deployment["global_concurrency_limit"]["limit"] == 1
