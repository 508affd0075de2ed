"""dbt against several warehouses, and a build after new data: each warehouse keeps dbt's state
(target folder: parse, manifest, run results) beside it, so building one does not disturb another;
a build when only the data changed leaves out what depends on the project alone (seeds, views, unit
tests) and still builds every table and runs every data test; dbt's process started ahead of the
build (as a run does while it derives events) builds the same."""
from __future__ import annotations

import json
import os
import shutil
import time

import pytest
from support import children, query

from khabar.store import transform

pytestmark = pytest.mark.slow
OK = {"success", "pass", "no-op"}  # no-op: the exposure


def _copy(warehouse, dest):
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(warehouse, dest)
    return dest


def _results(warehouse) -> dict[str, str]:
    """unique_id -> status of the warehouse's last dbt build."""
    data = json.loads((transform.target_dir(warehouse) / "run_results.json").read_text(encoding="utf-8"))
    return {r["unique_id"]: r["status"] for r in data["results"]}


def _manifest(warehouse) -> dict:
    return json.loads((transform.target_dir(warehouse) / "manifest.json").read_text(encoding="utf-8"))


def test_a_run_keeps_dbt_state_beside_its_warehouse(demo_run):
    _, warehouse = demo_run
    target = warehouse.with_name(warehouse.name + ".dbt")
    assert (target / "partial_parse.msgpack").is_file()
    assert set(_results(warehouse).values()) <= OK and _results(warehouse)


def _threads(warehouse) -> set[str]:
    data = json.loads((transform.target_dir(warehouse) / "run_results.json").read_text(encoding="utf-8"))
    return {r["thread_id"] for r in data["results"]}


def test_building_another_warehouse_leaves_this_ones_dbt_state_alone(demo_run, project, tmp_path, monkeypatch):
    _, warehouse = demo_run
    a, b = _copy(warehouse, tmp_path / "a" / "alpha.duckdb"), _copy(warehouse, tmp_path / "b" / "beta.duckdb")
    monkeypatch.setenv("KHABAR_DBT_THREADS", "1")  # the user's setting wins over one per core
    transform.build(project, a)
    parsed = (transform.target_dir(a) / "partial_parse.msgpack").stat().st_mtime_ns
    monkeypatch.setenv("KHABAR_DBT_THREADS", "2")
    transform.build(project, b)
    assert (len(_threads(a)), len(_threads(b))) == (1, 2)
    assert (transform.target_dir(a) / "partial_parse.msgpack").stat().st_mtime_ns == parsed
    databases = [{n["database"] for n in _manifest(w)["nodes"].values() if n["resource_type"] == "model"}
                 for w in (a, b)]
    assert databases == [{"alpha"}, {"beta"}]
    assert _results(a).keys() == _results(b).keys()


def test_a_build_of_new_data_alone_builds_every_table_and_runs_every_data_test(demo_run, project, tmp_path):
    _, warehouse = demo_run
    copy = _copy(warehouse, tmp_path / "w.duckdb")
    first = transform.build_if_changed(project, copy, "data as loaded by one run")
    everything = _results(copy)
    assert not first.skipped and first.passed == len(everything)
    kinds = {uid.split(".")[0] for uid in everything}
    assert {"seed", "unit_test", "model", "test"} <= kinds

    again = transform.build_if_changed(project, copy, "the same warehouse after another run added data")
    nodes = {n["unique_id"]: n for n in _manifest(copy)["nodes"].values()}
    built = _results(copy)
    left_out = {uid for uid in everything if uid not in built}
    assert left_out and all(uid.startswith(("seed.", "unit_test.")) or nodes[uid]["config"]["materialized"] == "view"
                            for uid in left_out)
    tables = {uid for uid, n in nodes.items() if n["resource_type"] == "model"
              and n["config"]["materialized"] in ("table", "incremental")}
    data_tests = {uid for uid in everything if uid.startswith("test.")}
    assert tables | data_tests <= built.keys()
    assert set(built.values()) <= OK and again.passed == len(built)

    assert transform.build_if_changed(project, copy, "the same warehouse after another run added data").skipped


def test_a_warehouse_renamed_with_its_state_is_built_again_and_its_views_read(demo_run, project, tmp_path):
    """dbt's views name the warehouse's catalog, its file name: renamed (state files and all), they
    would read a catalog that is no more. The first run after the rename builds them again."""
    _, warehouse = demo_run
    first = _copy(warehouse, tmp_path / "before" / "old.duckdb")
    transform.build_if_changed(project, first, "data as loaded")
    renamed = tmp_path / "after" / "new.duckdb"
    shutil.copytree(first.parent, renamed.parent)
    for path in sorted(renamed.parent.iterdir()):
        path.rename(path.with_name(path.name.replace("old.duckdb", "new.duckdb")))
    result = transform.build_if_changed(project, renamed, "data as loaded")
    assert not result.skipped and set(_results(renamed).values()) <= OK
    assert query(renamed, "select count(*) from staging.stg_raw__documents")[0][0] > 0


def _dbt_processes() -> list[str]:
    return [c for c in children(os.getpid()).values() if "khabar.store.dbt_process" in c]


def _one_dbt_process(seconds: float = 5.0) -> list[str]:
    """The dbt processes once there is one, or after ``seconds``: a process that is exec'ing (the
    launcher becoming dbt's process) shows an empty command line for a moment."""
    deadline = time.monotonic() + seconds
    while len(found := _dbt_processes()) != 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def test_dbt_started_ahead_builds_as_one_started_for_the_build_and_never_outlives_its_use(demo_run, project, tmp_path):
    _, warehouse = demo_run
    copy = _copy(warehouse, tmp_path / "w.duckdb")
    with transform.started_ahead(project, copy):
        assert len(_one_dbt_process()) == 1  # importing dbt and parsing while the run goes on
        result = transform.build(project, copy)
        assert _dbt_processes() == []
    assert set(_results(copy).values()) <= OK and result.passed == len(_results(copy)) == len(_results(warehouse))
    with transform.started_ahead(project, copy):
        pass  # a run that needs no build
    assert _dbt_processes() == []
