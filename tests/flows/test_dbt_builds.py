"""dbt against several warehouses: each warehouse keeps dbt's state (target folder: parse, manifest,
run results) beside it, so building one does not disturb another."""
from __future__ import annotations

import json
import shutil

import pytest

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


def test_building_another_warehouse_leaves_this_ones_dbt_state_alone(demo_run, project, tmp_path):
    _, warehouse = demo_run
    a, b = _copy(warehouse, tmp_path / "a" / "alpha.duckdb"), _copy(warehouse, tmp_path / "b" / "beta.duckdb")
    transform.build(project, a)
    parsed = (transform.target_dir(a) / "partial_parse.msgpack").stat().st_mtime_ns
    transform.build(project, b)
    assert (transform.target_dir(a) / "partial_parse.msgpack").stat().st_mtime_ns == parsed
    databases = [{n["database"] for n in _manifest(w)["nodes"].values() if n["resource_type"] == "model"}
                 for w in (a, b)]
    assert databases == [{"alpha"}, {"beta"}]
    assert _results(a).keys() == _results(b).keys()
