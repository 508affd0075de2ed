"""The run record in raw.runs: completed, failed with the reason, cancelled by a signal, and a run
left running by a killed process marked abandoned by the next."""
from __future__ import annotations

import signal

import pytest
from support import query

from khabar.app import runs
from khabar.app.lifecycle import Stopped
from khabar.store.warehouse import Warehouse


@pytest.fixture
def settings(tmp_path, project):
    return lambda run_id: runs.RunSettings(project, run_id, tmp_path / "landing", tmp_path / "k.duckdb")


def _status(s, run_id):
    return query(s(run_id).warehouse, "select status, reason, dbt_status from raw.runs where run_id = ?", run_id)


@pytest.mark.parametrize("raised, status, reason", [
    pytest.param(None, "completed", None, id="completed"),
    pytest.param(RuntimeError("dbt build failed: fct_events"), "failed", "RuntimeError: dbt build failed: fct_events",
                 id="an-error-fails-with-its-reason"),
    pytest.param(Stopped(signal.SIGTERM), "cancelled", "stopped by SIGTERM", id="sigterm-cancels"),
    pytest.param(KeyboardInterrupt(), "cancelled", "stopped by SIGINT", id="ctrl-c-cancels"),
])
def test_a_run_is_closed_with_its_outcome(settings, raised, status, reason):
    try:
        with runs.recorded(settings("r1")) as summary:
            summary.dbt_started()
            if raised:
                raise raised
            summary.dbt_passed(7)
    except BaseException as err:
        assert err is raised
    dbt = {"completed": "passed", "failed": "failed", "cancelled": "cancelled"}[status]
    assert _status(settings, "r1") == [(status, reason, dbt)]


def test_a_signal_that_interrupts_a_duckdb_query_cancels_the_run(settings):
    """DuckDB turns the signal handler's ``Stopped`` into ``RuntimeError: Query interrupted``: the run
    was still stopped, not broken (CI once saw it recorded as failed, and the command exit 1)."""
    import os
    import threading

    import duckdb

    from khabar.app import lifecycle

    def handler(signum, frame):
        raise Stopped(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    try:
        with pytest.raises(RuntimeError, match="interrupted") as raised:
            with runs.recorded(settings("r1")):
                timer.start()
                duckdb.connect().sql("select count(*) from range(100000000000) t(a) where a % 7 = 3").fetchall()
    finally:
        timer.cancel()
        signal.signal(signal.SIGTERM, previous)
    assert lifecycle.stop_code(lifecycle.stop_of(raised.value)) == 143
    assert _status(settings, "r1") == [("cancelled", "stopped by SIGTERM", "skipped")]


def test_a_run_left_running_by_a_killed_process_is_abandoned_by_the_next(settings):
    with Warehouse(settings("killed").warehouse) as store:
        store.start_run("killed", "landing")  # and then the process died: never finished
    with runs.recorded(settings("next")):
        pass
    assert _status(settings, "killed")[0][0] == "abandoned"
    assert _status(settings, "next")[0][0] == "completed"


@pytest.mark.parametrize("one_run", [True, False], ids=["a-run-s-server", "serve-s-server"])
def test_a_run_s_prefect_server_starts_without_the_services_of_a_deployment(tmp_path, monkeypatch, one_run):
    """Read back by Prefect's own settings: a name Prefect does not know would leave a service on."""
    from prefect.settings import Settings

    from khabar.app.lifecycle import server_environment

    user = {"PREFECT_SERVER_SERVICES_FOREMAN_ENABLED": "true"}  # the user's own setting wins
    env = server_environment(tmp_path, "http://127.0.0.1:1/api", user, one_run=one_run)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    services = Settings().server.services
    off = {name for name, s in services if getattr(s, "enabled", True) is False}
    if one_run:
        assert off == {"scheduler", "late_runs", "cancellation_cleanup", "pause_expirations", "repossessor",
                       "cleanup_reconciler", "triggers", "event_logger"}
    else:
        assert off == {"event_logger"}  # Prefect's default
    assert services.task_run_recorder.enabled and services.event_persister.enabled  # the dashboard's
    assert services.foreman.enabled
