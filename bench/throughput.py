"""Throughput and memory of khabar, printed beside the recorded baseline (bench/baseline.json).

    .venv/bin/python bench/throughput.py [N] [--record]

Writes N realistic files with ../shared/tools/make_corpus.py (real news paragraphs; falls back to
copies of the demo corpus when ../shared is absent), then measures:
  * each analysis stage alone, in docs/s (one process, no Prefect);
  * plain seeded langdetect on the same texts, the reference point for language identification;
  * one whole pipeline run (Prefect flow, GX, DuckDB load, events, dbt build): docs/s and peak RSS.
--record stores the figures as the new baseline.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BASELINE = ROOT / "bench" / "baseline.json"


def make_corpus(out: Path, n: int) -> str:
    tool = SHARED / "tools" / "make_corpus.py"
    if tool.exists():
        subprocess.run([sys.executable, str(tool), str(out), str(n)], check=True)
        return f"make_corpus.py ({n} files of real news paragraphs)"
    demo = [p for p in (ROOT / "warehouse" / "landing" / "feeds").rglob("*.txt")]
    for i in range(n):
        src = demo[i % len(demo)]
        dest = out / f"{i:07d}.txt"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(src.read_text(encoding="utf-8") + f"\n{i}\n", encoding="utf-8")
    return f"demo corpus copies ({n} files; ../shared absent)"


def timed(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return len(items) / (time.perf_counter() - start)


def stages(landing: Path) -> dict[str, float]:
    from langdetect import DetectorFactory, detect

    from khabar.app.project import find_project
    from khabar.document import anatomy, dates, entities, events, language, outlets
    from khabar.document.article import analyse, event_input_for, load_resources
    from khabar.store import ingest

    DetectorFactory.seed = 0
    resources = load_resources(find_project(ROOT))
    found, _ = ingest.discover(landing)
    docs = [d for d in (ingest.read(f) for f in found) if isinstance(d, ingest.Decoded)]
    texts = [d.text for d in docs]
    shaped = [anatomy.dissect(t, None) for t in texts]

    def plain_langdetect(t: str) -> None:
        try:
            detect(t)
        except Exception:
            pass

    return {
        "decode": timed(ingest.read, found),
        "langdetect (plain, seeded)": timed(plain_langdetect, texts),
        "language": timed(language.detect_document, texts),
        "anatomy": timed(lambda t: anatomy.dissect(t, None), texts),
        "publication date": timed(lambda t: dates.publication_date(t, None), texts),
        "outlets": timed(lambda p: outlets.find_outlets(p[0], p[1], None, resources.outlets), list(zip(texts, shaped))),
        "entities": timed(lambda a: entities.find_entities(a.body, None, resources.gazetteer), shaped),
        "date mentions": timed(lambda a: dates.date_mentions(a.body, None), shaped),
        "event mentions": timed(lambda a: events.extract_event_mentions(
            event_input_for("x", "ar", None, a.body, entities.find_entities(a.body, None, resources.gazetteer), (), None)),
            shaped),
        "all stages (articles.analyse)": timed(lambda d: analyse(d, resources), docs),
    }


def pipeline(landing: Path, warehouse: Path) -> dict[str, float]:
    env = {**os.environ, "PREFECT_HOME": str(warehouse.parent / "prefect"), "KHABAR_PROJECT_DIR": str(ROOT)}
    code = (
        "import json, resource, sys, time\n"
        "from khabar_flows.pipeline import ingest_flow\n"
        "t = time.perf_counter()\n"
        f"s = ingest_flow(landing={str(landing)!r}, warehouse={str(warehouse)!r})\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'files': s['files_seen'],"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    run = json.loads(out.stdout.strip().splitlines()[-1])
    return {"pipeline docs/s (incl. Prefect, GX, dbt)": run["files"] / run["seconds"],
            "pipeline seconds": run["seconds"], "pipeline peak RSS MB": run["rss_mb"]}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    base = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        landing = Path(tmp) / "landing"
        source = make_corpus(landing, n)
        figures = stages(landing)
        figures.update(pipeline(landing, Path(tmp) / "bench.duckdb"))
    figures["stages peak RSS MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"khabar throughput on {source}")
    print(f"{'measure':45s} {'now':>10s} {'baseline':>10s}")
    for key, value in figures.items():
        was = base.get("figures", {}).get(key)
        print(f"{key:45s} {value:10.1f} {was if was is None else round(was, 1)!s:>10s}")
    if "--record" in sys.argv:
        BASELINE.write_text(json.dumps({"files": n, "source": source, "figures": figures}, indent=1) + "\n")
        print(f"recorded as the baseline in {BASELINE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
