"""Throughput, memory and incremental cost of khabar, beside seeded langdetect on the same files.

    .venv/bin/python bench/throughput.py [N ...] [--stages] [--scaling 1000,2000,5000,10000] [--record]

For each N (default 1000; ``make bench`` runs 1000 and 10000; 100000 works the same way, allow an
hour or more on two cores) it writes N + 100 files with ../shared/tools/make_corpus.py (real news
paragraphs; copies of the demo corpus when ../shared is absent), holds the last 100 back, and measures:
  * langdetect alone (seeded) on the N texts over 2 processes — the reference, timed in the same run;
  * ``khabar run`` end to end (Prefect, analysis on every core, GX, DuckDB, events, dbt): seconds,
    the ratio to langdetect, and the peak RSS of the whole process tree (pool workers and dbt
    included), summed as RSS (as in earlier notes) and as PSS (a page shared by processes counted once);
  * start-up: ``khabar run --no-build`` on an empty folder, and a rerun with nothing new: the median of
    three runs each (a single one varies by about a second on a shared two-core machine), every
    run's seconds printed;
  * a run after adding the 100 held-back files;
  * corpus-level stages on that warehouse: event clustering of all documents at once (what a
    warehouse from before the clustering state costs, once), of the last 100 against the rest (what
    a run adding them costs), and syndication of the 100 new documents against the kept band keys.
--scaling times syndication (one pass over all bodies, as before, and the incremental link of 100
new documents) at each size, to show how the corpus-level cost grows.
--stages adds each analysis stage alone in docs/s (one process, no Prefect). --record stores the
figures as the new baseline (bench/baseline.json).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BASELINE = ROOT / "bench" / "baseline.json"
KHABAR = Path(sys.executable).parent / "khabar"
HELD_BACK = 100  # files added to a loaded warehouse to time an incremental run
REFERENCE_PROCESSES = 2  # langdetect alone runs on this many processes
RSS_SAMPLE_SECONDS = 0.25
REPEATED_RUNS = 3  # start-up and the rerun: cheap, and the median of three is steadier than one


def make_corpus(out: Path, n: int) -> str:
    tool = SHARED / "tools" / "make_corpus.py"
    if tool.exists():
        subprocess.run([sys.executable, str(tool), str(out), str(n)], check=True, capture_output=True)
        return "make_corpus.py (real news paragraphs)"
    demo = sorted((ROOT / "warehouse" / "landing" / "feeds").rglob("*.txt"))
    for i in range(n):
        dest = out / f"{i:07d}.txt"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(demo[i % len(demo)].read_text(encoding="utf-8") + f"\n{i}\n", encoding="utf-8")
    return "demo corpus copies (../shared absent)"


def split_landing(tmp: Path, n: int) -> tuple[Path, Path, str]:
    """``landing`` with n files and ``later`` with HELD_BACK more, the same relative layout."""
    everything = tmp / "all"
    source = make_corpus(everything, n + HELD_BACK)
    files = sorted(p for p in everything.rglob("*") if p.is_file())
    landing, later = tmp / "landing", tmp / "later"
    for i, path in enumerate(files):
        dest = (later if i >= n else landing) / path.relative_to(everything)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), dest)
    return landing, later, source


def _detect(path: str) -> None:
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    try:
        detect(Path(path).read_bytes().decode("utf-8", "replace"))
    except Exception:
        pass


def langdetect_alone(landing: Path) -> float:
    paths = sorted(str(p) for p in landing.rglob("*") if p.is_file())
    start = time.perf_counter()
    with Pool(REFERENCE_PROCESSES) as pool:
        pool.map(_detect, paths, chunksize=64)
    return time.perf_counter() - start


def _tree_memory(pid: int) -> tuple[int, int]:
    """RSS and PSS summed over the process tree. The RSS sum counts a page shared by several
    processes once in each (a child just forked shows its parent's pages until it execs, the
    libraries every process maps); PSS divides each shared page among the processes sharing it, so
    its sum is what the tree holds. The RSS sum is the figure of earlier notes, kept comparable."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for proc in procs:
        try:
            resident = proc.memory_info().rss
            proportional = getattr(proc.memory_full_info(), "pss", resident)
        except psutil.Error:  # gone between the listing and the reading
            continue
        rss, pss = rss + resident, pss + proportional
    return rss, pss


def khabar_run(landing: Path, warehouse: Path, *extra: str, label: str = "") -> tuple[float, float, float]:
    """Seconds, peak RSS sum and peak PSS sum (MB, the whole process tree: ``_tree_memory``) of one
    ``khabar run``; with ``label``, its stage seconds (from the run's JSON summary) are printed under that label."""
    env = {**os.environ, "KHABAR_PROJECT_DIR": str(ROOT), "PREFECT_HOME": str(warehouse.parent / "prefect")}
    start = time.perf_counter()
    proc = subprocess.Popen([str(KHABAR), "run", "--json", "--landing", str(landing), "--warehouse", str(warehouse),
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = [0, 0]

    def sample() -> None:
        while proc.poll() is None:
            peak[:] = map(max, peak, _tree_memory(proc.pid))
            time.sleep(RSS_SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"khabar run failed:\n{(out + err).decode('utf-8', 'replace')[-3000:]}")
    if label:
        text = "\n" + out.decode("utf-8")
        stages = json.loads(text[text.rindex("\n{\n"):])["stage_seconds"]  # the summary, after any log line
        print(f"    {label}: " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items() if v >= 0.05)
              + f" (inside the flow; {seconds:.1f} s in all)", flush=True)
    return seconds, peak[0] / 2**20, peak[1] / 2**20


def corpus_stages(warehouse: Path, new_ids: int = HELD_BACK) -> dict[str, float]:
    """Event clustering of the whole warehouse (what a first run, or a warehouse from before the
    clustering state, costs once), of its last ``new_ids`` documents against the rest (what a run
    adding them costs), and syndication of those documents."""
    from khabar.corpus import syndication
    from khabar.store.event_state import cluster_new
    from khabar.store.warehouse import Warehouse

    copy = warehouse.with_name("stages.duckdb")
    shutil.copy(warehouse, copy)
    with Warehouse(copy) as store:
        ids = [r[0] for r in store.con.execute(
            "select doc_id from raw.documents order by loaded_at desc, doc_id limit ?", [new_ids]).fetchall()]
        store.con.execute("delete from raw.event_units")  # as a warehouse from before the state: clustered anew
        start = time.perf_counter()
        cluster_new(store)
        events_s = time.perf_counter() - start
        for table in ("event_members", "event_evidence", "event_units"):
            store.con.execute(f"delete from raw.{table} where doc_id in (select unnest(?))", [ids])
        start = time.perf_counter()
        cluster_new(store)
        new_events_s = time.perf_counter() - start
        store.con.execute("delete from raw.syndication_bands where doc_id in (select unnest(?))", [ids])
        bodies = store.bodies(ids)
        start = time.perf_counter()
        syndication.link(store, syndication.bands_frame(sorted(bodies.items())))
        link_s = time.perf_counter() - start
    copy.unlink()
    return {"event clustering, all documents (s)": events_s,
            f"event clustering of {new_ids} new documents (s)": new_events_s,
            f"syndication of {new_ids} new documents (s)": link_s}


class Figures(dict):
    """Figures printed as they are measured (a long bench shows progress), kept in order."""

    def __setitem__(self, key: str, value: float) -> None:
        print(f"  {key:55s} {value:10.2f}", flush=True)
        super().__setitem__(key, value)

    def update(self, other: dict[str, float]) -> None:  # type: ignore[override]
        for key, value in other.items():
            self[key] = value


def median_of(name: str, run) -> float:
    """The median seconds of REPEATED_RUNS calls of ``run``; each one's printed."""
    seconds = sorted(run() for _ in range(REPEATED_RUNS))
    print(f"    {name}, {REPEATED_RUNS} runs: " + ", ".join(f"{s:.2f}" for s in seconds) + " s", flush=True)
    return seconds[len(seconds) // 2]


def end_to_end(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        landing, later, source = split_landing(tmp, n)
        empty = tmp / "empty"
        empty.mkdir()
        print(f"[{n}] {source}", flush=True)
        figures = Figures()
        figures["langdetect alone, 2 processes (s)"] = langdetect_alone(landing)
        warehouse = tmp / "bench.duckdb"
        seconds, rss, pss = khabar_run(landing, warehouse, label="first run")
        figures["khabar run end to end (s)"] = seconds
        figures["ratio to langdetect alone"] = seconds / figures["langdetect alone, 2 processes (s)"]
        figures["peak RSS, whole process tree (MB)"] = rss
        figures["peak PSS, whole process tree (MB)"] = pss  # shared pages counted once
        # after the first run, as a user meets it: the Prefect database exists, nothing is installed anew
        figures["start-up: khabar run --no-build, empty folder (s)"] = median_of(
            "start-up", lambda: khabar_run(empty, tmp / "empty.duckdb", "--no-build")[0])
        figures["rerun, nothing new (s)"] = median_of(
            "rerun", lambda: khabar_run(landing, warehouse, label="rerun")[0])
        for path in sorted(p for p in later.rglob("*") if p.is_file()):
            dest = landing / path.relative_to(later)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), dest)
        figures[f"run after adding {HELD_BACK} files (s)"] = khabar_run(landing, warehouse,
                                                                        label=f"+{HELD_BACK} files")[0]
        figures.update(corpus_stages(warehouse))
    return figures


def scaling(sizes: list[int]) -> dict[str, float]:
    """Syndication at each size: one pass over all bodies (before) and the incremental link of 100 new."""
    from khabar.corpus import syndication
    from khabar.store.warehouse import Warehouse

    figures = Figures()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_corpus(tmp / "texts", max(sizes) + HELD_BACK)
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((tmp / "texts").rglob("*")) if p.is_file()]
        for n in sizes:
            docs = [(f"d{i:07d}", t) for i, t in enumerate(texts[:n + HELD_BACK])]
            start = time.perf_counter()
            syndication.near_duplicates(docs[:n])
            figures[f"syndication one pass, {n} docs (s)"] = time.perf_counter() - start
            with Warehouse(tmp / f"s{n}.duckdb") as store:
                store.con.execute("insert into raw.documents (doc_id, source_path, sha256, body) "
                                  "select * from (select unnest(?) as a, unnest(?), unnest(?), unnest(?))",
                                  [[d for d, _ in docs], [d for d, _ in docs], [d for d, _ in docs], [t for _, t in docs]])
                syndication.link(store, syndication.bands_frame(docs[:n]))
                start = time.perf_counter()
                syndication.link(store, syndication.bands_frame(docs[n:]))
                figures[f"syndication of {HELD_BACK} new against {n} (s)"] = time.perf_counter() - start
    return figures


def stages(n: int) -> dict[str, float]:
    from khabar.app.project import find_project
    from khabar.document.article import analyse, load_resources
    from khabar.store import ingest

    resources = load_resources(find_project(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp), n)
        found, _ = ingest.discover(Path(tmp))
        docs = [d for d in (ingest.read(f) for f in found) if isinstance(d, ingest.Decoded)]
    start = time.perf_counter()
    for doc in docs:
        analyse(doc, resources)
    return {"all stages, one process (docs/s)": len(docs) / (time.perf_counter() - start)}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sizes = [int(a) for a in args if a.isdigit()] or [1000]
    base = json.loads(BASELINE.read_text()).get("runs", {}) if BASELINE.exists() else {}
    runs: dict[str, dict[str, float]] = {}
    for n in sizes:
        runs[str(n)] = end_to_end(n)
        if "--stages" in sys.argv:
            runs[str(n)].update(stages(n))
    if "--scaling" in sys.argv:
        at = sys.argv[sys.argv.index("--scaling") + 1] if sys.argv.index("--scaling") + 1 < len(sys.argv) else ""
        runs["scaling"] = scaling([int(x) for x in at.split(",")] if at and at[0].isdigit() else [1000, 2000, 5000, 10000])
    load = os.getloadavg()
    print(f"khabar bench (load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores)")
    for name, figures in runs.items():
        print(f"\n{'files ' + name if name.isdigit() else name:55s} {'now':>10s} {'baseline':>10s}")
        for key, value in figures.items():
            was = base.get(name, {}).get(key)
            print(f"{key:55s} {value:10.2f} {'' if was is None else f'{was:.2f}':>10s}")
    if "--record" in sys.argv:
        BASELINE.write_text(json.dumps({"load_average": load, "runs": {**base, **runs}}, indent=1) + "\n")
        print(f"\nrecorded as the baseline in {BASELINE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
