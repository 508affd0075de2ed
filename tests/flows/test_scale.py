"""The same flow on a Dask cluster: the warehouse a user gets does not depend on where analysis ran,
and a batch is shared evenly between the workers. (How the documents were split into runs does not
matter either: tests/flows/test_split_runs.py.)"""
from __future__ import annotations

import pytest
from support import query

pytestmark = pytest.mark.slow

# columns that say when or in which run a row was written, not what the documents say
RUN_COLUMNS = {"loaded_at", "run_id", "first_run_id", "first_seen_at", "quarantined_at"}
RAW = ["documents", "outlet_mentions", "entity_mentions", "date_mentions", "event_mentions", "events",
       "event_members", "near_duplicates", "syndication_bands"]


def _rows(warehouse, schema: str, table: str) -> list[tuple]:
    columns = [c for (c,) in query(warehouse, "select column_name from information_schema.columns "
                                              "where table_schema = ? and table_name = ? order by ordinal_position",
                                   schema, table) if c not in RUN_COLUMNS]
    listed = ", ".join(f'"{c}"' for c in columns)
    return query(warehouse, f"select {listed} from {schema}.{table} order by all")


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
        children = client.run(_children_held)
    assert summary["loaded"] > 0
    assert sum(loaded_resources.values()) >= 1  # the analysis ran in the cluster's worker processes
    # each worker started its budget child when the run began, whether a chunk came to it or not, and
    # only one: the child that analysed a chunk is the one started ahead, kept for the next
    assert sorted(children.values()) == [1, 1]
    for table in RAW:
        assert _rows(warehouse, "raw", table) == _rows(local, "raw", table), table


def _children_held() -> int:
    from khabar.document import budget

    return budget.children_for()


def _resources_loaded() -> int:
    from khabar.store.analysis import _load_resources

    return _load_resources.cache_info().currsize


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
