"""Time and peak memory of the two inputs that used to stall a run: a 1 MB line without spaces and
a 30 MB text (concatenated articles).

    .venv/bin/python bench/hostile.py [--stages] [--cap SECONDS]

For each input: discovery and reading (the size limit), then ``analyse_all`` with the time budget
(what a run does), and the same with the size limit lifted. ``--stages`` also times each analysis
stage alone, without the budget, each in a child stopped after ``--cap`` seconds (default 60), to
show where the time goes. Peak memory is the maximum resident set of this process and of the
analysis children (``ru_maxrss``).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))  # the stage runners below are unpickled by name in the child

LINE_BYTES = 1_000_000
DUMP_BYTES = 30 * 1024 * 1024
PARAGRAPH = ("قالت الوزارة في بيان اليوم إن الاجتماع بحث سبل تعزيز التعاون بين البلدين في مجالات "
             "الطاقة والنقل والتعليم، وأكد وزير الخارجية أن اللجنة المشتركة ستعقد دورتها المقبلة في الخريف.\n")
STAGES = ("language", "anatomy", "publication_date", "outlets", "entities", "date_mentions", "event_mentions")


def write_inputs(folder: Path) -> dict[str, Path]:
    line = folder / "line" / "one_line.txt"
    line.parent.mkdir(parents=True)
    line.write_text("ب" * (LINE_BYTES // 2), encoding="utf-8")
    dump = folder / "dump" / "dump.txt"
    dump.parent.mkdir(parents=True)
    block = "".join(f"خبر رقم {i}\n\nدمشق - 12 يناير 2025\n\n{PARAGRAPH}\n" for i in range(200)).encode()
    with open(dump, "wb") as f:
        while f.tell() < DUMP_BYTES:
            f.write(block)
    return {"1 MB line without spaces": line, "30 MB text": dump}


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def run_like_a_run(path: Path, resources, max_bytes: int | None) -> tuple[str, float]:
    """Discover, read and analyse one file as the flow does; where it ends up and the seconds."""
    from khabar.document.article import analyse_all
    from khabar.store import ingest

    limit = max_bytes or ingest.MAX_FILE_BYTES
    start = time.perf_counter()
    found, rejected = ingest.discover(path.parent, limit)
    if rejected:
        return f"quarantined {rejected[0].stage}/{rejected[0].reason}", time.perf_counter() - start
    decoded, rejected = ingest.read_all(found, limit)
    if rejected:
        return f"quarantined {rejected[0].stage}/{rejected[0].reason}", time.perf_counter() - start
    done, failed = analyse_all(decoded, resources)
    outcome = f"quarantined analyse/{failed[0].reason}" if failed else "analysed (loaded)"
    return outcome, time.perf_counter() - start


def stage(name: str, doc, resources):
    """One analysis stage alone on ``doc`` (inputs of earlier stages taken as cheap defaults)."""
    from khabar.document import anatomy, dates, entities, events, language, outlets
    from khabar.document.article import event_input_for

    text, code = doc.text, "ar"
    start = time.perf_counter()
    if name == "language":
        language.detect_document(text)
    elif name == "anatomy":
        anatomy.dissect(text, code)
    elif name == "publication_date":
        dates.publication_date(text, code)
    elif name == "outlets":
        parts = anatomy.dissect(text, code)
        start = time.perf_counter()
        outlets.find_outlets(text, parts, code, resources.outlets)
    elif name == "entities":
        entities.find_entities(text, code, resources.gazetteer)
    elif name == "date_mentions":
        dates.date_mentions(text, None)
    elif name == "event_mentions":
        found = entities.find_entities(text, code, resources.gazetteer)
        start = time.perf_counter()
        events.extract_event_mentions(event_input_for("d0", code, None, text, found, (), None))
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_runner(name: str):
    import functools

    import hostile

    return functools.partial(hostile.stage, name)


def time_stages(path: Path, resources, cap: float) -> None:
    from khabar.document import budget
    from khabar.store import ingest

    (source,), _ = ingest.discover(path.parent, 1 << 40)
    doc = ingest.read(source, 1 << 40)
    for name in STAGES:
        done, failed = budget.run([doc], stage_runner(name), resources, cap)
        if done:
            seconds, rss = done[0]
            print(f"    {name:<18} {seconds:8.1f} s   peak {rss:7.0f} MB")
        else:
            print(f"    {name:<18}  > {cap:g} s (stopped; {failed[0].reason})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", action="store_true", help="also time each stage alone, without the budget")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds a stage may take in --stages")
    args = parser.parse_args()
    from khabar.app.project import find_project
    from khabar.document import budget
    from khabar.document.article import load_resources
    from khabar.store import ingest

    resources = load_resources(find_project(ROOT))
    print(f"size limit {ingest.MAX_FILE_BYTES:,} bytes; time budget {budget.seconds_from_env():g} s per document")
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in write_inputs(Path(tmp)).items():
            print(f"{label} ({path.stat().st_size:,} bytes)")
            for how, limit in (("as a run does", None), ("size limit lifted", 1 << 40)):
                outcome, seconds = run_like_a_run(path, resources, limit)
                own, children = peak_mb()
                print(f"  {how:<18} {outcome:<38} {seconds:7.1f} s   peak {own:6.0f} MB (analysis child {children:6.0f} MB)")
            if args.stages:
                time_stages(path, resources, args.cap)


if __name__ == "__main__":
    main()
