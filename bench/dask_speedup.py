"""Analysis on one Dask worker against two, through the real flow; and the same warehouse either way.

    .venv/bin/python bench/dask_speedup.py [N] [--repeat 2] [--record]

Writes N files (default 2000) with ../shared/tools/make_corpus.py (copies of the demo corpus when
../shared is absent), then times ``khabar run --no-build --json`` on them: on the local process pool
(no ``--dask-address``), and on a real ``distributed.LocalCluster`` of 1 and of 2 worker processes
(one thread each), each configuration ``--repeat`` times on a fresh warehouse. The figure is the
``analyse`` stage of the run summary (chunks sent, analysed, gathered back), not the whole run.

Fair start: before the first timed run the cluster's workers import khabar and load the outlet
registry and gazetteer, as the local pool's initializer does; what is left in each chunk's time is
its own work (including the budget child it starts). The per-chunk compute times on each Dask worker
come from the scheduler's task stream.

Then the raw tables every run wrote (documents, entity_mentions, date_mentions, outlet_mentions,
event_mentions; without the columns that name a run or a time) are compared: ``identical: yes``
when every run gave the same rows. The issue's bar: two workers at least 1.7x one. The figures are
printed beside the baseline's (bench/baseline.json, "dask N"); --record stores them as the new one.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import BASELINE, KHABAR, ROOT, make_corpus

TABLES = ["documents", "entity_mentions", "date_mentions", "outlet_mentions", "event_mentions"]
RUN_COLUMNS = {"loaded_at", "run_id", "first_run_id", "first_seen_at", "quarantined_at"}
TARGET = 1.7


def khabar_run(landing: Path, warehouse: Path, env: dict, *extra: str) -> dict:
    """The JSON summary of one ``khabar run --no-build`` (its wall-clock seconds added)."""
    start = time.perf_counter()
    proc = subprocess.run([str(KHABAR), "run", "--no-build", "--json", "--landing", str(landing),
                           "--warehouse", str(warehouse), *extra], capture_output=True, env=env)
    wall = time.perf_counter() - start
    out = proc.stdout.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"khabar run failed:\n{out[-2000:]}{proc.stderr.decode('utf-8', 'replace')[-3000:]}")
    summary = json.loads(out[out.index("{"):])
    summary["wall_seconds"] = wall
    return summary


def raw_rows(warehouse: Path) -> dict[str, list[tuple]]:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = {}
        for table in TABLES:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_schema = 'raw' "
                "and table_name = ? order by ordinal_position", [table]).fetchall() if c not in RUN_COLUMNS]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows[table] = con.execute(f"select {listed} from raw.{table} order by all").fetchall()
        return rows
    finally:
        con.close()


def _warm_worker(project) -> int:
    """What the local pool's initializer does before a worker's first chunk: import khabar, load the
    outlet registry and gazetteer."""
    import khabar_flows.pipeline  # noqa: F401  (the module the flow's tasks come from)

    from khabar.store.analysis import worker_resources

    worker_resources(project)
    return os.getpid()


def chunk_times(records: list[dict]) -> dict[str, list[float]]:
    """Compute seconds of each analysis chunk, by worker, in the order they ran."""
    by_worker: dict[str, list[tuple[float, float]]] = {}
    for record in records:
        if "analyse_chunk" not in str(record["key"]):
            continue
        for ss in record["startstops"]:
            if ss["action"] == "compute":
                by_worker.setdefault(record["worker"], []).append((ss["start"], ss["stop"] - ss["start"]))
    return {w: [s for _, s in sorted(times)] for w, times in sorted(by_worker.items())}


def on_cluster(workers: int, landing: Path, tmp: Path, env: dict, repeat: int) -> list[dict]:
    """``repeat`` runs, each on a fresh cluster: a worker keeps sending Prefect events to the API of
    the first run it served, and each ``khabar run`` starts (and stops) its own Prefect server."""
    from distributed import Client, LocalCluster

    from khabar.app.project import Project

    runs = []
    for i in range(repeat):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.run(_warm_worker, Project(ROOT))
            client.get_task_stream(start=time.time())  # starts the scheduler's record of task timings
            started = time.time()
            summary = khabar_run(landing, tmp / f"dask{workers}-{i}.duckdb", env,
                                 "--dask-address", cluster.scheduler_address)
            summary["chunks"] = chunk_times(client.get_task_stream(start=started))
        runs.append(summary)
        _print_run(f"{workers} Dask worker{'s' if workers > 1 else ''}, run {i + 1}", summary)
    return runs


def _print_run(label: str, summary: dict) -> None:
    print(f"  {label:28s} analyse {summary['stage_seconds'].get('analyse', 0.0):7.2f} s"
          f"   (whole run {summary['wall_seconds']:6.1f} s, {summary['loaded']} loaded)", flush=True)
    for n, (worker, times) in enumerate(summary.get("chunks", {}).items(), 1):
        listed = ", ".join(f"{t:.1f}" for t in times)
        print(f"      worker {n}: {len(times)} chunks, {sum(times):6.2f} s computing ({listed})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="files to generate (default 2000)")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs per configuration (default 2)")
    parser.add_argument("--record", action="store_true", help="store the figures as the baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khabar-dask-") as name:
        tmp = Path(name)
        landing = tmp / "landing"
        source = make_corpus(landing, args.n)
        # the cluster's workers inherit this environment: no telemetry, Prefect's files in tmp
        env = {**os.environ, "DO_NOT_TRACK": "1", "KHABAR_PROJECT_DIR": str(ROOT), "PREFECT_HOME": str(tmp / "prefect")}
        os.environ.update({**env, "PREFECT_LOGGING_LEVEL": "WARNING"})  # quiet task lines from the workers
        logging.getLogger("distributed").setLevel(logging.ERROR)
        print(f"dask speedup: {args.n} files ({source}), {os.cpu_count()} cores, analyse stage seconds", flush=True)

        local = []
        for i in range(args.repeat):
            local.append(khabar_run(landing, tmp / f"local-{i}.duckdb", env))
            _print_run(f"local process pool, run {i + 1}", local[-1])
        one = on_cluster(1, landing, tmp, env, args.repeat)
        two = on_cluster(2, landing, tmp, env, args.repeat)

        warehouses = sorted(w for w in tmp.glob("*.duckdb") if ".read" not in w.suffixes)
        reference = raw_rows(warehouses[0])
        differ = [f"{w.stem}: {t}" for w in warehouses[1:] for t, rows in raw_rows(w).items() if rows != reference[t]]

    def analyse(runs: list[dict]) -> list[float]:
        return [r["stage_seconds"].get("analyse", 0.0) for r in runs]

    best_one, best_two = min(analyse(one)), min(analyse(two))
    figures = {"documents": one[0]["loaded"],
               **{f"analyse, 1 Dask worker, run {i} (s)": v for i, v in enumerate(analyse(one), 1)},
               **{f"analyse, 2 Dask workers, run {i} (s)": v for i, v in enumerate(analyse(two), 1)},
               **{f"speedup, run {i}": a / b for i, (a, b) in enumerate(zip(analyse(one), analyse(two)), 1)},
               f"speedup, best against best (target {TARGET})": best_one / best_two,
               **{f"analyse, local pool of {os.cpu_count()}, run {i} (s)": v for i, v in enumerate(analyse(local), 1)},
               "docs/s, 1 Dask worker (best)": one[0]["loaded"] / best_one,
               "docs/s, 2 Dask workers (best)": two[0]["loaded"] / best_two}
    everything = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    name = f"dask {args.n}"
    base = everything.get("runs", {}).get(name, {})
    load = os.getloadavg()
    title = f"{name} (load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores)"
    print(f"\n{title:57s} {'now':>10s} {'baseline':>10s}")
    for key, value in figures.items():
        was = base.get(key)
        print(f"  {key:55s} {value:10.2f} {'' if was is None else f'{was:.2f}':>10s}")
    print(f"identical: {'no' if differ else 'yes'} ({len(warehouses)} warehouses: raw {', '.join(TABLES)})")
    for line in differ:
        print(f"  differs: {line}")
    if "--record" in sys.argv and not differ:
        everything.setdefault("runs", {})[name] = {k: round(v, 2) for k, v in figures.items()}
        BASELINE.write_text(json.dumps(everything, indent=1, ensure_ascii=False) + "\n")
        print(f"recorded as the baseline in {BASELINE.relative_to(ROOT)}")
    if differ:
        sys.exit(1)


if __name__ == "__main__":
    main()
