"""Force the comparison of labelled near misses: would clustering join them if the index offered them?

    .venv/bin/python bench/near_miss_fragility.py [--shared ../shared] [--dated] [--show]

The development set's near misses (bench/events_dev.json) stay apart in ``eval_events.py`` partly
because the blocking index never offers one to the other. Here every unit of every article of one
happening is compared with every unit of the same type of every article of the other, as a unit
offered an event would be (``khabar.corpus.compare.conflict`` both ways, then ``compare``). A near-miss pair is *fragile*
when some pair of their reports would be joined. The merge of two events (``khabar.corpus.merges.Merges``) is refused
when a member of one rules out a member of the other: a near-miss pair is *mergeable* when, for some
event type, no report of one rules out any report of the other, so that only the want of bridging
reports keeps them apart. With ``--dated`` files are under their day's folder (a path date hint, as
in a dated warehouse). Also counts, as a check on recall, how many pairs
of reports of one labelled happening could be joined directly.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from eval_events import DEV_LABELS, _background_without, _dev_decoded, _labelled_rows  # noqa: E402

from khabar.corpus import compare as cc  # noqa: E402
from khabar.corpus import derive, reading, story  # noqa: E402
from khabar.corpus.places import load_hierarchy  # noqa: E402
from khabar.corpus.units import units_of_article  # noqa: E402
from khabar.document.events import load_lexicon  # noqa: E402


def _joinable(u, v, ctx):
    """The join as clustering would decide it, offered the other's event with it alone inside."""
    if u.event_type != v.event_type or cc.conflict(u, v, ctx) or cc.conflict(v, u, ctx):
        return None
    return cc.compare(u, v, ctx) or cc.compare(v, u, ctx)


def main(argv: list[str] | None = None) -> int:
    from khabar.app.project import find_project
    from khabar.document.article import analyse_all, load_resources
    from khabar.store.tables import to_tables

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--dated", action="store_true", help="files under their day's folder (a path date hint)")
    ap.add_argument("--show", action="store_true", help="print the likeness of every compared pair")
    ap.add_argument("--labels", type=Path, default=DEV_LABELS, help="the labelled set whose near misses to force "
                    "(default: bench/events_dev.json)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "corpora").is_dir():
        print(f"{shared} not present: nothing to evaluate")
        return 0
    labels = json.loads(args.labels.read_text("utf-8"))
    rows = _labelled_rows(shared, labels)
    docs, names = _dev_decoded(shared, labels, args.dated, rows)
    analysed, _ = analyse_all(docs, load_resources(find_project()))
    t = to_tables(analysed)
    articles = list(derive.event_inputs(t.documents, t.entity_mentions, t.date_mentions, t.outlet_mentions))
    mentions = derive.mentions_from_frame(t.event_mentions)
    corpus_id = {a.doc_id: names[a.doc.source_path] for a in analysed}
    gold = {a["id"]: a["event"] for a in labels["articles"]}

    by_id = {a.article_id: a for a in articles}
    per_article = defaultdict(list)
    for m in mentions:
        per_article[m.article_id].append(m)
    profiles = {aid: reading.profile_of(by_id[aid]) for aid in sorted(per_article)}
    rarity = story.Rarity.of(profiles.values(), _background_without(labels, rows))  # as eval_events weighs
    rarity.ensure({i for p in profiles.values() for i in p.items})
    places = load_hierarchy()
    ctx = reading.Context(load_lexicon(), places, rarity,
                      {aid: story.Weighted.of(p, rarity) for aid, p in profiles.items()})
    ctx.weigh_openings(reading.opening_of(by_id[aid]) for aid in sorted(per_article))
    units = {aid: units_of_article(by_id[aid], per_article[aid], places) for aid in sorted(per_article)}
    ctx.tell([u for us in units.values() for u in us])
    of_event = defaultdict(list)
    for doc, us in units.items():
        of_event[gold[corpus_id[doc]]].append(doc)

    fragile = mergeable = 0
    for nm in labels["near_misses"]:
        joined = []
        for da in of_event[nm["a"]]:
            for db in of_event[nm["b"]]:
                for u in units[da]:
                    for v in units[db]:
                        if u.event_type != v.event_type:
                            continue
                        j = _joinable(u, v, ctx)
                        if args.show:
                            print(f"    {u.event_type} {corpus_id[da][13:]}~{corpus_id[db][13:]} "
                                  f"likeness {ctx.likeness(u, v)[0]:.2f} places {u.place}/{v.place} "
                                  f"dates {u.date[0]}/{v.date[0]} conflict "
                                  f"{cc.conflict(u, v, ctx) or cc.conflict(v, u, ctx)}"
                                  + (f" JOIN ({j.reason})" if j else ""))
                        if j is not None:
                            joined.append((u.event_type, j.score, j.reason))
        fragile += bool(joined)
        types = {u.event_type for d in of_event[nm["a"]] for u in units[d] if u.lead} & {
            u.event_type for d in of_event[nm["b"]] for u in units[d] if u.lead}
        merge = sorted(t for t in types if not any(
            cc.conflict(u, v, ctx) or cc.conflict(v, u, ctx)
            for da in of_event[nm["a"]] for u in units[da] if u.event_type == t and u.lead
            for db in of_event[nm["b"]] for v in units[db] if v.event_type == t and v.lead))
        mergeable += bool(merge)
        print(f"  {'WOULD JOIN' if joined else 'apart     '} {nm['a']} / {nm['b']}: "
              f"{len(joined)} report pairs" + (f", e.g. {max(joined, key=lambda x: x[1])}" if joined else "")
              + (f"; mergeable as {merge}" if merge else ""))
    same = can = 0
    for ev, docs_ in of_event.items():
        for da, db in combinations(docs_, 2):
            same += 1
            can += any(_joinable(u, v, ctx) for u in units[da] for v in units[db])
    print(f"near misses joinable when compared directly: {fragile}/{len(labels['near_misses'])}; "
          f"mergeable (nothing rules one out of the other): {mergeable}/{len(labels['near_misses'])}; "
          f"pairs of reports of one happening joinable directly: {can}/{same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
