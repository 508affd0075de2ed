"""Runs that cost what changed, and the same flow on a Dask cluster: the warehouse a user gets does
not depend on how the documents were split into runs, nor on where analysis ran."""
from __future__ import annotations

import shutil

import pytest
from support import ROOT, query

pytestmark = pytest.mark.slow

# columns that say when or in which run a row was written, not what the documents say
RUN_COLUMNS = {"loaded_at", "run_id", "first_run_id", "first_seen_at", "quarantined_at"}
MARTS = ["fct_articles", "fct_entity_mentions", "fct_date_mentions", "bridge_article_outlets", "dim_outlets",
         "dim_entities", "fct_events", "bridge_event_articles", "bridge_event_participants", "fct_near_duplicates"]
RAW = ["documents", "outlet_mentions", "entity_mentions", "date_mentions", "event_mentions", "events",
       "event_members", "near_duplicates", "syndication_bands"]


def _rows(warehouse, schema: str, table: str) -> list[tuple]:
    columns = [c for (c,) in query(warehouse, "select column_name from information_schema.columns "
                                              "where table_schema = ? and table_name = ? order by ordinal_position",
                                   schema, table) if c not in RUN_COLUMNS]
    listed = ", ".join(f'"{c}"' for c in columns)
    return query(warehouse, f"select {listed} from {schema}.{table} order by all")


def _landing_of(paths: list[str], dest):
    for rel in paths:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "warehouse" / "landing" / rel, dest / rel)
    return dest


def _demo_paths() -> list[str]:
    landing = ROOT / "warehouse" / "landing"
    return sorted(p.relative_to(landing).as_posix() for p in landing.rglob("*") if p.is_file() and p.name != "README.md")


def test_marts_are_the_same_whether_loaded_in_one_run_or_several(prefect_harness, demo_run, tmp_path):
    from khabar_flows.pipeline import ingest_flow

    _, one_run = demo_run
    paths = _demo_paths()
    later, first = paths[::2], paths[1::2]  # the odd files first, then everything (the even ones are new)
    warehouse = tmp_path / "split.duckdb"
    ingest_flow(landing=str(_landing_of(list(reversed(first)), tmp_path / "one")), warehouse=str(warehouse))
    summary = ingest_flow(landing=str(_landing_of(later + first, tmp_path / "two")), warehouse=str(warehouse))
    assert summary["already_loaded"] + summary["loaded"] + summary["quarantined"] == len(paths)
    for table in MARTS:
        assert _rows(warehouse, "marts", table) == _rows(one_run, "marts", table), table


def test_analysis_on_a_two_worker_dask_cluster_gives_the_local_result(prefect_harness, demo_run, demo_landing,
                                                                       tmp_path):
    from distributed import Client, LocalCluster
    from khabar_flows.pipeline import ingest_flow

    _, local = demo_run
    warehouse = tmp_path / "cluster.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        summary = ingest_flow(landing=str(demo_landing), warehouse=str(warehouse), build=False,
                              dask_address=cluster.scheduler_address)
        loaded_resources = client.run(_resources_loaded)
    assert summary["loaded"] > 0
    assert sum(loaded_resources.values()) >= 1  # the analysis ran in the cluster's worker processes
    for table in RAW:
        assert _rows(warehouse, "raw", table) == _rows(local, "raw", table), table


def _resources_loaded() -> int:
    from khabar.store.analysis import worker_resources

    return worker_resources.cache_info().currsize


@pytest.mark.parametrize(("count", "workers"), [(600, 2), (1000, 2), (1000, 3), (999, 4), (1000, 64), (60, 2), (1, 4)])
def test_a_batch_is_shared_evenly_between_the_workers_in_order(count, workers):
    from khabar_flows.pipeline import CHUNK_SIZE, MIN_CHUNK, chunk_bounds

    bounds = chunk_bounds(count, workers)
    assert [start for start, _ in bounds] == [0, *(stop for _, stop in bounds[:-1])]
    assert bounds[-1][1] == count
    sizes = [stop - start for start, stop in bounds]
    assert max(sizes) - min(sizes) <= 1 and max(sizes) <= CHUNK_SIZE
    if count >= 2 * workers * MIN_CHUNK:  # every worker gets as many chunks as the others, and more than one
        assert len(bounds) % workers == 0 and len(bounds) >= 2 * workers
    assert chunk_bounds(0, workers) == []
