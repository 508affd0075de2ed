"""How event grouping and event-mention extraction grow with their input.

    .venv/bin/python bench/events_scale.py [--sizes 1000,2000,5000,10000] [--big-mb 30] [--baseline FILE]

1. Clustering: N synthetic articles made of real Arabic news paragraphs (../shared/corpora/news,
   2-8 paragraphs each, like ../shared/tools/make_corpus.py), published over 60 days, with
   entities from the dev-only name table of bench/eval_events.py; their mentions are extracted once,
   then ``cluster_events`` is timed. ``--baseline FILE`` times another clustering module (a
   ``cluster_events`` of the same signature, e.g. an older version of khabar/corpus/events.py) beside it.
2. A long text: the paragraphs of tests/texts.py repeated to ``--big-mb`` megabytes, entities found
   in it, and ``extract_event_mentions`` timed, with the peak memory it allocates; then a text of one
   sentence dated by a bare weekday ("… في تفجير يوم الأحد …") repeated to a tenth of that: each
   mention asks which way the weekday lies elsewhere in the article, read once per article (it was
   read once per mention for a while: 119 s for 0.4 MB).

Prints figures; asserts nothing. Exits 0 with a message when ../shared is absent (part 1 only).
"""
from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import random
import sys
import time
import tracemalloc
from pathlib import Path

from eval_events import dev_entities

from khabar.corpus.events import cluster_events
from khabar.document.events import ArticleInput, extract_event_mentions

ROOT = Path(__file__).resolve().parents[1]


def paragraphs(shared: Path) -> list[str]:
    path = shared / "corpora" / "news" / "ar_saudinewsnet.jsonl"
    out = []
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row:
            out += [p.strip() for p in row["text"].split("\n") if len(p.strip()) > 40]
    return out


def synthetic(n: int, pool: list[str], seed: int = 7) -> list[ArticleInput]:
    rng = random.Random(seed)
    start = datetime.date(2015, 7, 1)
    articles = []
    for i in range(n):
        body = "\n".join(rng.sample(pool, rng.randint(2, 8)))
        pub = start + datetime.timedelta(days=rng.randrange(60))
        articles.append(ArticleInput(f"a{i:06d}", "ar", pub, body, dev_entities(body, "ar"), ()))
    return articles


def _load(path: Path):
    spec = importlib.util.spec_from_file_location("baseline_events", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module.cluster_events


def clustering(shared: Path, sizes: list[int], baseline: Path | None) -> None:
    pool = paragraphs(shared)
    other = _load(baseline) if baseline else None
    print("articles  mentions  events  cluster_events s" + ("  baseline s" if other else ""))
    for n in sizes:
        articles = synthetic(n, pool)
        mentions = [m for a in articles for m in extract_event_mentions(a)]
        t0 = time.perf_counter()
        events, _ = cluster_events(mentions, articles)
        dt = time.perf_counter() - t0
        line = f"{n:8d}  {len(mentions):8d}  {len(events):6d}  {dt:16.1f}"
        if other is not None:
            t0 = time.perf_counter()
            other(mentions, articles)
            line += f"  {time.perf_counter() - t0:10.1f}"
        print(line, flush=True)


def long_text(megabytes: float) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from texts import PARA_AR

    block = (PARA_AR + "\n") * 20
    body = block * max(1, int(megabytes * 1e6 / len(block.encode("utf-8"))))
    t0 = time.perf_counter()
    entities = dev_entities(block, "ar")
    step = len(block)
    refs = tuple(e.__class__(e.entity_id, e.entity_type, e.start + k * step, e.end + k * step, e.surface_form)
                 for k in range(len(body) // step) for e in entities)
    article = ArticleInput("big", "ar", datetime.date(2015, 8, 7), body, refs, ())
    t1 = time.perf_counter()
    tracemalloc.start()
    mentions = extract_event_mentions(article)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    t2 = time.perf_counter()
    print(f"long text: {len(body.encode('utf-8')) / 1e6:.1f} MB, {len(refs)} entities (built in {t1 - t0:.1f} s), "
          f"{len(mentions)} mentions extracted in {t2 - t1:.1f} s, peak {peak / 1e6:.0f} MB allocated")


def long_weekdays(megabytes: float) -> None:
    sentence = "قتل شخصان في تفجير يوم الأحد في بغداد وأصيب آخرون. "
    body = sentence * max(1, int(megabytes * 1e6 / len(sentence.encode("utf-8"))))
    article = ArticleInput("weekdays", "ar", datetime.date(2015, 8, 7), body, (), ())
    t0 = time.perf_counter()
    mentions = extract_event_mentions(article)
    print(f"weekday text: {len(body.encode('utf-8')) / 1e6:.1f} MB, {len(mentions)} mentions extracted in "
          f"{time.perf_counter() - t0:.1f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--sizes", default="1000,2000,5000,10000")
    ap.add_argument("--big-mb", type=float, default=30.0)
    ap.add_argument("--baseline", type=Path, help="another module with cluster_events, timed beside")
    args = ap.parse_args(argv)
    if (args.shared / "corpora" / "news").is_dir():
        clustering(args.shared, [int(s) for s in args.sizes.split(",") if s], args.baseline)
    else:
        print(f"{args.shared} not present: clustering part skipped")
    if args.big_mb > 0:
        long_text(args.big_mb)
        long_weekdays(args.big_mb / 10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
