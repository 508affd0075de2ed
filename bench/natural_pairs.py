"""Event precision on natural data: cluster random articles, and score the joins people have read.

    .venv/bin/python bench/natural_pairs.py [--shared ../shared] [--articles 3000] [--seed 11]
        [--judged bench/events_natural_judged.json] [--sample N --out pairs.jsonl] [--undated]

The labelled sets (``eval_events.py``) are curated: a few happenings, each told by several papers, and
near misses written in on purpose. A warehouse holds thousands of unrelated articles, and most of its
wrong joins are of a kind those sets never offer. Here ``--articles`` random articles of
``../shared/corpora/news/ar_saudinewsnet.jsonl`` (shuffled with ``--seed``; the same texts twice count
once) go through the real per-document stages and the corpus clustering, and every pair of articles
that share an event is a *joined pair*.

``--judged`` (default ``bench/events_natural_judged.json``) holds joined pairs people read against the
labelling rules of the sets (corpus ids and a verdict, ``same`` true or false; no text): printed are how
many of the right ones are still joined, how many of the wrong ones still are, and the precision on
the judged pairs still joined. A judged pair no longer joined is a wrong join undone, or a right one
lost. ``--sample N --out FILE`` writes N joined pairs no one has judged yet (ids, event types, join
reasons), drawn at random, for reading. The judged pairs are those of the seed and size in the file.

Each file is named by its corpus id, whose day is then a date hint (as in a warehouse of dated
folders); with ``--undated`` by a hash of it (as a folder of files with no dates in their paths), and
``--judged`` defaults to ``bench/events_natural_undated_judged.json``, pairs drawn from that run.

Exits 0 with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

JUDGED = Path(__file__).with_name("events_natural_judged.json")
JUDGED_UNDATED = Path(__file__).with_name("events_natural_undated_judged.json")
CORPUS = "news/ar_saudinewsnet.jsonl"


def joined_pairs(shared: Path, articles: int, seed: int, dated: bool = True) -> dict[tuple[str, str], dict]:
    """Every pair of articles (corpus ids, in order) that share an event, with the events' types and
    the reasons their members were joined; with ``dated``, each file named by its id (its day a date hint)."""
    from khabar.app.project import find_project
    from khabar.corpus import derive
    from khabar.document.article import analyse_all, load_resources
    from khabar.store.ingest import Decoded
    from khabar.store.tables import to_tables

    rows = [json.loads(line) for line in (shared / "corpora" / CORPUS).read_text("utf-8").splitlines() if line.strip()]
    random.Random(seed).shuffle(rows)
    docs, seen, names = [], set(), {}
    for row in rows[:articles]:
        text = (row.get("title") or "").strip() + "\n\n" + row["text"]
        sha = hashlib.sha256(text.encode()).hexdigest()
        if sha not in seen:
            seen.add(sha)
            # by default the id is the file's name, and its day a date hint (as in a dated warehouse)
            name = row["id"] if dated else f"{hashlib.sha1(row['id'].encode()).hexdigest()[:12]}.txt"
            names[name] = row["id"]
            docs.append(Decoded(name, sha, len(text.encode()), "utf-8", text))
    analysed, _ = analyse_all(docs, load_resources(find_project()))
    tables = to_tables(analysed)
    frames = derive.derive(tables.documents, tables.entity_mentions, tables.date_mentions,
                           tables.outlet_mentions, tables.event_mentions)
    corpus_id = {a.doc_id: names[a.doc.source_path] for a in analysed}
    members: dict[str, set[str]] = defaultdict(set)
    for row in frames["event_members"].iter_rows(named=True):
        members[row["event_id"]].add(corpus_id[row["doc_id"]])
    kind = {row["event_id"]: row["event_type"] for row in frames["events"].iter_rows(named=True)}
    reasons: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in frames["event_evidence"].iter_rows(named=True):
        reasons[(row["event_id"], corpus_id[row["doc_id"]])].add(row["reason"] or "")
    pairs: dict[tuple[str, str], dict] = {}
    for event, ids in members.items():
        for a, b in combinations(sorted(ids), 2):
            p = pairs.setdefault((a, b), {"a": a, "b": b, "event_types": set(), "reasons": set()})
            p["event_types"].add(kind[event])
            p["reasons"] |= reasons[(event, a)] | reasons[(event, b)]
    return pairs


def score(pairs: dict[tuple[str, str], dict], judged: list[dict]) -> tuple[int, int, int, int]:
    """(right still joined, right judged, wrong still joined, wrong judged)."""
    right = [j for j in judged if j["same"]]
    wrong = [j for j in judged if not j["same"]]
    kept = sum((j["a"], j["b"]) in pairs for j in right)
    left = sum((j["a"], j["b"]) in pairs for j in wrong)
    return kept, len(right), left, len(wrong)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--articles", type=int, default=None, help="random articles to cluster (default: the judged file's)")
    ap.add_argument("--seed", type=int, default=None, help="shuffle seed (default: the judged file's)")
    ap.add_argument("--judged", type=Path, default=None, help="default: events_natural_judged.json "
                    "(events_natural_undated_judged.json with --undated)")
    ap.add_argument("--sample", type=int, default=0, help="write this many unjudged joined pairs for reading")
    ap.add_argument("--out", type=Path, help="where --sample writes (JSON lines)")
    ap.add_argument("--undated", action="store_true", help="files named by a hash of their id: no path date hint "
                    "(as a folder of files with no dates in their paths)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "corpora" / CORPUS).is_file():
        print(f"{shared / 'corpora' / CORPUS} not present: nothing to evaluate")
        return 0
    if args.sample and args.out is None:
        ap.error("--sample needs --out")
    args.judged = args.judged or (JUDGED_UNDATED if args.undated else JUDGED)
    spec = json.loads(args.judged.read_text("utf-8")) if args.judged.is_file() else {"pairs": []}
    articles = args.articles or spec.get("articles", 3000)
    seed = args.seed if args.seed is not None else spec.get("seed", 11)
    pairs = joined_pairs(shared, articles, seed, dated=not args.undated)
    print(f"{articles} random articles (seed {seed}): {len(pairs)} joined pairs")
    if spec["pairs"] and (articles, seed) == (spec.get("articles"), spec.get("seed")):
        kept, right, left, wrong = score(pairs, spec["pairs"])
        still = kept + left
        print(f"judged pairs ({args.judged.name}): right still joined {kept} of {right}, "
              f"wrong still joined {left} of {wrong}; precision on the judged pairs still joined "
              f"{kept / still if still else 0.0:.3f}")
    elif spec["pairs"]:
        print(f"judged pairs ({args.judged.name}) are of {spec.get('articles')} articles, seed {spec.get('seed')}: "
              "not scored on these")
    if args.sample:
        judged = {(j["a"], j["b"]) for j in spec["pairs"]}
        fresh = sorted(k for k in pairs if k not in judged)
        random.Random(seed).shuffle(fresh)
        with args.out.open("w", encoding="utf-8") as f:
            for k in fresh[:args.sample]:
                p = pairs[k]
                f.write(json.dumps({"a": p["a"], "b": p["b"], "event_types": sorted(p["event_types"]),
                                    "reasons": sorted(p["reasons"])}, ensure_ascii=False) + "\n")
        print(f"{min(args.sample, len(fresh))} unjudged joined pairs written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
