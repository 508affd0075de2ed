"""Evaluate khabar.events and khabar.syndication on the shared development material.

    .venv/bin/python bench/eval_events.py [--shared ../shared] [--pairs 8]

1. Seeds: build ArticleInputs from ../shared/seeds/articles with a DEV-ONLY entity finder (a small
   regex table below, standing in for khabar.entities) and a dev-only header date reader (standing
   in for khabar.dates), extract event mentions, cluster, and print the pairwise F1 of "these two
   articles share a Shoigu–Assad meeting event" against seeds/gold.json, with each event's date.
2. Syndication: on ../shared/corpora/news/ar_saudinewsnet.jsonl, group articles by the day in their
   id, find near-duplicates within each day, and count wire stories (groups of near-duplicates)
   reprinted by more than one outlet on the same day; the outlet is read, dev-only, from the dateline
   at the start of the text. Prints a few pairs for checking by hand.

3. Development sets: the articles labelled in bench/events_dev.json (ids of
   ../shared/corpora/news/ar_saudinewsnet.jsonl, each with the key of the happening it reports) go
   through the real per-document stages and the corpus clustering; pairwise precision/recall/F1 over
   articles (two articles are together when they share an event, as ../shared/tools/evaluate.py
   counts it), and whether each labelled near miss stays apart. Files are named by a hash of the
   id, so no date hint comes from the path: the run relies on the texts. With ``--dated`` each file
   is under a folder of its day, as in a dated warehouse: near misses must stay apart then too.
   The set's own articles are left out of the background statistics (they are in the corpora those
   are built from; a user's new articles are in none), so a set is weighed as unseen text is.
   The same for bench/events_dev2.json … events_dev7.json (more development sets; the sixth and the
   seventh, labelled when the first five were tuned, scored 0.452 and 0.179 as they came)
   and bench/events_heldout.json … events_heldout11.json (held out: only scored,
   never tuned against), labelled the same way from other happenings; the sixth, mostly single
   reports in look-alike families (what this corpus has left), scored 0.375 as it came, the
   seventh (columns and match previews, archived sports reports re-posted) 0.194, the eighth (news:
   reports and the columns and condolences about them) 0.000, the eleventh (labelled fourteen stops
   after the tenth, from what the corpus had left: a report and a column, mostly) 0.222. bench/events_fa_dev.json and
   events_fa_heldout.json are two such sets in Persian (../shared/corpora/news/fa_rss.jsonl: RSS
   summaries of Hamshahri Online and Radio Farda, April 2020, no dates), the second only scored;
   bench/events_ur_dev.json one in Urdu (../shared/corpora/news/ur_counter.jsonl: agency texts and the
   newspaper stories written from them, no dates), a development set (0.697 as it came), and
   bench/events_ur_heldout.json a held-out one from other stories of that corpus, labelled blind
   (0.587 as it came: precision 0.71, recall 0.50).

Exits 0 with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from khabar.corpus import story
from khabar.corpus.events import cluster_events
from khabar.corpus.syndication import near_duplicates
from khabar.document.events import (
    ArticleInput,
    DateRef,
    EntityRef,
    extract_event_mentions,
)
from khabar.text.normalize import fold, fold_with_offsets

# ------------------------------------------------------------- dev-only stand-ins (not the library)

DEV_ENTITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "sergei-shoigu": ("person", ("شويغو", "شویینکو", "شوینکو", "شويو")),
    "bashar-assad": ("person", ("بشار الأسد", "بشار الاسد", "بشار اسد", "الأسد")),
    "vladimir-putin": ("person", ("بوتين", "پوتین")),
    "erdogan": ("person", ("أردوغان",)),
    "ali-shamkhani": ("person", ("شمخاني",)),
    "alexander-lapin": ("person", ("لابين",)),
    "russian-mod": ("organization", ("وزارة الدفاع الروسية", "روسی وزارت دفاع")),
    "jaish-al-fatah": ("organization", ("جيش الفتح", "جیش الفتح")),
    "al-qaeda": ("organization", ("القاعدة", "القاعده", "القاعدہ")),
    "free-syrian-army": ("organization", ("ارتش آزاد", "فری سیرین آرمی", "الجيش الحر")),
    "islamic-state": ("organization", ("داعش", "الدولة الإسلامية", "الدولة الاسلامية")),
    "nusra-front": ("organization", ("جبهة النصرة",)),
    "hezbollah": ("organization", ("حزب الله",)),
    "united-nations": ("organization", ("سازمان ملل", "اقوام متحدہ", "الأمم المتحدة")),
    "sdf": ("organization", ("قوات سوريا الديمقراطية",)),
    "ypg": ("organization", ("وحدات حماية الشعب",)),
    "damascus": ("location", ("دمشق",)),
    "syria": ("location", ("سوريا", "سورية", "سوریه")),
    "russia": ("location", ("روسيا", "روسیه")),
    "idlib": ("location", ("إدلب", "ادلب")),
    "aleppo": ("location", ("حلب",)),
    "latakia": ("location", ("لاذقیه", "لاذقیہ", "اللاذقية")),
    "homs": ("location", ("حمص",)),
    "deir-ez-zor": ("location", ("دير الزور", "دیرالزور", "دیر الزور")),
    "raqqa": ("location", ("رقه", "الرقة")),
    "hmeimim": ("location", ("حميميم", "حمیمیم")),
    "turkey": ("location", ("ترکیه", "ترکی", "تركيا")),
    "saudi-arabia": ("location", ("عربستان سعودی", "سعودی عرب", "السعودية")),
    "united-states": ("location", ("آمریکا", "امریکا", "امریکہ", "أميركا", "أمريكا")),
    "iran": ("location", ("ایران", "إيران")),
    "iraq": ("location", ("العراق",)),
    "moscow": ("location", ("موسكو",)),
    "washington": ("location", ("واشنگٹن", "واشنطن")),
    "kafr-nabl": ("location", ("كفرنبل",)),
    "euphrates": ("location", ("نهر الفرات",)),
}
# Urdu 'شام' is Syria; in Arabic it is also an outlet name, so the dev table only uses it for Urdu.
DEV_URDU_ONLY = {"syria": ("شام",), "russia": ("روس",)}


def _alias_pattern(aliases) -> re.Pattern[str]:
    alts = "|".join(re.escape(fold(a)) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:و|ب|ل|ف|لل)?(?:{alts})(?!\w)")


_DEV_PATTERNS = {eid: (etype, _alias_pattern(aliases)) for eid, (etype, aliases) in DEV_ENTITIES.items()}
_DEV_URDU = {eid: (DEV_ENTITIES[eid][0], _alias_pattern(a)) for eid, a in DEV_URDU_ONLY.items()}


def dev_entities(body: str, lang: str) -> tuple[EntityRef, ...]:
    folded, offsets = fold_with_offsets(body)
    refs, taken = [], set()
    tables = list(_DEV_PATTERNS.items()) + (list(_DEV_URDU.items()) if lang == "ur" else [])
    for eid, (etype, pattern) in tables:
        for m in pattern.finditer(folded):
            s, e = offsets[m.start()], offsets[m.end() - 1] + 1
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.add((s, e))
            refs.append(EntityRef(eid, etype, s, e, body[s:e]))
    return tuple(sorted(refs, key=lambda r: (r.start, r.entity_id)))


_ISO = re.compile(r"\b(\d{4})[- ](\d{2})[- ](\d{2})\b")
_DAY_MONTH_YEAR = re.compile(r"(?<!\w)(\d{1,2}) (مارس|سبتمبر) (\d{4})(?!\w)")
_DAY_MONTH = re.compile(r"(?<!\w)(\d{1,2}) (مارس|سبتمبر)(?! \d)")
_MONTHS = {"مارس": 3, "سبتمبر": 9}


def dev_published(text: str) -> datetime.date | None:
    head = fold("\n".join(text.splitlines()[:6]))
    if m := _ISO.search(head):
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH_YEAR.search(head):
        return datetime.date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    return None


def dev_dates(body: str, published: datetime.date | None) -> tuple[DateRef, ...]:
    if published is None:
        return ()
    folded, offsets = fold_with_offsets(body)
    return tuple(
        DateRef(datetime.date(published.year, _MONTHS[m[2]], int(m[1])), offsets[m.start()], offsets[m.end() - 1] + 1)
        for m in _DAY_MONTH.finditer(folded)
    )


def dev_body(text: str) -> str:
    """Drop header lines with dates and a trailing run of short headline-like lines (dev anatomy)."""
    lines = text.splitlines()
    while lines and (not lines[-1].strip() or len(lines[-1].strip()) < 80):
        lines.pop()
    return "\n".join(l for l in lines if not _ISO.search(l))


# ------------------------------------------------------------- seeds


def seeds(shared: Path) -> None:
    gold = json.loads((shared / "seeds" / "gold.json").read_text("utf-8"))
    articles = []
    for path in sorted((shared / "seeds" / "articles").glob("*.txt")):
        text = path.read_text("utf-8")
        lang = gold["articles"][path.name]["lang"]
        pub = dev_published(text)
        body = dev_body(text)
        articles.append(ArticleInput(path.name, lang, pub, body, dev_entities(body, lang), dev_dates(body, pub)))
    t0 = time.perf_counter()
    mentions = [m for a in articles for m in extract_event_mentions(a)]
    events, evidence = cluster_events(mentions, articles)
    dt = time.perf_counter() - t0
    meeting = {}
    for ev in events:
        pids = {p for p, _ in ev.participants}
        if ev.event_type == "meeting" and {"sergei-shoigu", "bashar-assad"} <= pids:
            for aid in ev.article_ids:
                meeting.setdefault(aid, set()).add(ev.event_id)
    tp = fp = fn = 0
    names = sorted(gold["articles"])
    for a, b in combinations(names, 2):
        same_gold = gold["articles"][a]["event"] == gold["articles"][b]["event"]
        same = bool(meeting.get(a, set()) & meeting.get(b, set()))
        tp += same and same_gold
        fp += same and not same_gold
        fn += (not same) and same_gold
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"seeds: {len(articles)} articles, {len(mentions)} mentions, {len(events)} events "
          f"({dt * 1000:.0f} ms)")
    print(f"seeds: Shoigu–Assad meeting pairwise precision {p:.2f} recall {r:.2f} F1 {f1:.2f}")
    ev_by_id = {e.event_id: e for e in events}
    for aid in names:
        got = sorted(meeting.get(aid, ()))
        dates = [str(ev_by_id[e].event_date) for e in got]
        want = gold["events"][gold["articles"][aid]["event"]]["date"]
        print(f"  {aid[:3]} {gold['articles'][aid]['lang']} events={got} dates={dates} gold_date={want}")
    for row in evidence:
        if row.joined_to_mention_id and row.event_id in {e for s in meeting.values() for e in s} \
                and row.reason != "same article, same type":
            print(f"  join {row.article_id[:3]} -> {row.event_id}: {row.reason}; score {row.score}; "
                  f"participants {list(row.shared_participants)}; gap {row.date_gap_days}; "
                  f"rare {list(row.shared_rare)[:8]}")


# ------------------------------------------------------------- syndication

_DATELINE_SEP = re.compile(r"\s*[–\-—]\s*")
_KNOWN_OUTLETS = ("عين اليوم", "سبق", "واس", "عكاظ")


def dev_outlet(text: str) -> str:
    """Dev-only outlet guess from the dateline: '<outlet> –', '<author> – <outlet>', '(واس)'."""
    head = text.replace("Next Previous", "").strip()[:300]
    first = head.splitlines()[0] if head else ""
    for known in _KNOWN_OUTLETS:
        if re.search(rf"(?<!\w){known}(?!\w)", first):
            return known
    if re.search(r"(?<!\w)واس(?!\w)", head):
        return "واس"
    parts = _DATELINE_SEP.split(first, maxsplit=1)
    return parts[0].strip() if len(parts) == 2 and len(parts[0].split()) <= 3 else "?"


def syndication(shared: Path, n_pairs: int, threshold: float) -> None:
    path = shared / "corpora" / "news" / "ar_saudinewsnet.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    by_day = defaultdict(list)
    for r in rows:
        by_day[r["id"].rsplit("-", 1)[0]].append(r)
    text = {r["id"]: r["text"] for r in rows}
    t0 = time.perf_counter()
    pairs = []
    for day in sorted(by_day):
        pairs += near_duplicates([(r["id"], r["text"]) for r in by_day[day]], threshold=threshold)
    dt = time.perf_counter() - t0
    outlet = {aid: dev_outlet(t) for aid, t in text.items()}
    cross = [p for p in pairs if outlet[p.article_a] != outlet[p.article_b]]
    known = [p for p in cross if "?" not in (outlet[p.article_a], outlet[p.article_b])]
    # wire stories: connected groups of same-day near-duplicates spanning more than one outlet
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[find(p.article_a)] = find(p.article_b)
    groups = defaultdict(set)
    for aid in parent:
        groups[find(aid)].add(aid)
    multi = [g for g in groups.values() if len({outlet[a] for a in g}) > 1]
    multi_known = [g for g in multi if len({outlet[a] for a in g} - {"?"}) > 1]
    print(f"syndication: {len(rows)} articles over {len(by_day)} days; {len(pairs)} same-day near-duplicate "
          f"pairs (Jaccard ≥ {threshold} on folded 5-character shingles) in {len(groups)} groups; "
          f"{len(cross)} pairs across outlets ({len(known)} between two recognised outlets); {len(multi)} wire stories reprinted by more than one outlet "
          f"on the same day, {len(multi_known)} of them between two recognised outlets ({dt:.1f} s)")
    sims = [p.similarity for p in pairs]
    if sims:
        print(f"  similarity of pairs: min {min(sims):.2f} median {sorted(sims)[len(sims) // 2]:.2f}")
    shown = sorted(cross, key=lambda p: (p.similarity, p.article_a))[:: max(1, len(cross) // max(1, n_pairs))]
    for p in shown[:n_pairs]:
        print(f"  {p.similarity:.2f} {p.article_a} [{outlet[p.article_a]}] ~ {p.article_b} [{outlet[p.article_b]}]")
        for aid in (p.article_a, p.article_b):
            print("      " + " ".join(text[aid].split())[:110])


# ------------------------------------------------------------- development set

DEV_LABELS = Path(__file__).with_name("events_dev.json")
# labelled like it from other articles and happenings: two more development sets (the second held
# out when labelled, developed against since), and a held-out set that is only scored, never tuned against
DEV2_LABELS = Path(__file__).with_name("events_dev2.json")
DEV3_LABELS = Path(__file__).with_name("events_dev3.json")
HELD_OUT_LABELS = Path(__file__).with_name("events_heldout.json")
HELD_OUT2_LABELS = Path(__file__).with_name("events_heldout2.json")
HELD_OUT3_LABELS = Path(__file__).with_name("events_heldout3.json")
HELD_OUT4_LABELS = Path(__file__).with_name("events_heldout4.json")
HELD_OUT5_LABELS = Path(__file__).with_name("events_heldout5.json")
HELD_OUT6_LABELS = Path(__file__).with_name("events_heldout6.json")
HELD_OUT7_LABELS = Path(__file__).with_name("events_heldout7.json")
HELD_OUT8_LABELS = Path(__file__).with_name("events_heldout8.json")
HELD_OUT9_LABELS = Path(__file__).with_name("events_heldout9.json")
HELD_OUT10_LABELS = Path(__file__).with_name("events_heldout10.json")
HELD_OUT11_LABELS = Path(__file__).with_name("events_heldout11.json")
DEV4_LABELS = Path(__file__).with_name("events_dev4.json")
DEV5_LABELS = Path(__file__).with_name("events_dev5.json")
DEV6_LABELS = Path(__file__).with_name("events_dev6.json")
DEV7_LABELS = Path(__file__).with_name("events_dev7.json")
FA_DEV_LABELS = Path(__file__).with_name("events_fa_dev.json")
FA_HELD_OUT_LABELS = Path(__file__).with_name("events_fa_heldout.json")
UR_DEV_LABELS = Path(__file__).with_name("events_ur_dev.json")
UR_HELD_OUT_LABELS = Path(__file__).with_name("events_ur_heldout.json")


def _labelled_rows(shared: Path, labels: dict) -> list[dict]:
    """The corpus rows of the labelled articles, read once for their files and for the background."""
    wanted = {a["id"] for a in labels["articles"]}
    rows = (json.loads(line) for line in (shared / "corpora" / labels["corpus"]).read_text("utf-8").splitlines()
            if line.strip())
    return [row for row in rows if row["id"] in wanted]


def _dev_decoded(shared: Path, labels: dict, dated: bool = False,
                 rows: list[dict] | None = None) -> tuple[list, dict[str, str]]:
    """The labelled articles as decoded files named by a hash of their id; with ``dated``, each under
    a folder of its day (the id's), so their date hint comes from the path as in a dated warehouse."""
    import hashlib

    from khabar.store.ingest import Decoded

    docs, names = [], {}
    for row in _labelled_rows(shared, labels) if rows is None else rows:
        text = (row.get("title") or "").strip() + "\n\n" + row["text"]
        sha = hashlib.sha256(text.encode()).hexdigest()
        name = f"{hashlib.sha1(row['id'].encode()).hexdigest()[:12]}.txt"
        day = re.search(r"\d{4}-\d{2}-\d{2}", row["id"])
        if dated and day:  # the corpus's own day, where its ids carry one
            name = f"{day.group()}/{name}"
        docs.append(Decoded(name, sha, len(text.encode()), "utf-8", text))
        names[name] = row["id"]
    return docs, names


def _background_without(labels: dict, rows: list[dict]) -> story.Background:
    """The shipped background statistics less the labelled articles (``rows``) they counted: a set's
    articles are in the corpora the background is built from, where a user's new articles are in none,
    and each would weigh its own words as seen before (a ministry's hotline that three of a set's
    reports give, in four articles of the corpus, looks common)."""
    background = story.load_background()
    if Path(labels["corpus"]).name not in background.sources:
        return background
    return background.without(  # each article as scripts/build_background_df.py reads it
        ((row.get("title") or "") + "\n" + row["text"], row.get("lang") or "")
        for row in rows if row["id"] not in background.excluded and row.get("text"))


def pairwise(gold: dict[str, str], events_of: dict[str, set[str]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same = bool(events_of.get(a, set()) & events_of.get(b, set()))
        tp += same and gold[a] == gold[b]
        fp += same and gold[a] != gold[b]
        fn += (not same) and gold[a] == gold[b]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def dev_set(shared: Path, show: int, dated: bool = False, labels_file: Path = DEV_LABELS) -> float:
    from khabar.app.project import find_project
    from khabar.corpus import derive
    from khabar.document.article import analyse_all, load_resources
    from khabar.store.tables import to_tables

    labels = json.loads(labels_file.read_text("utf-8"))
    name = "dev set" if labels_file == DEV_LABELS else labels_file.stem
    rows = _labelled_rows(shared, labels)
    docs, names = _dev_decoded(shared, labels, dated, rows)
    # two labelled ids with the same text are one document in a warehouse (its content hash), and
    # share its events: analysed once, both ids read its events
    same_text: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        same_text[d.sha256].append(names[d.source_path])
    docs = list({d.sha256: d for d in reversed(docs)}.values())[::-1]
    t0 = time.perf_counter()
    analysed, failed = analyse_all(docs, load_resources(find_project()))
    t1 = time.perf_counter()
    tables = to_tables(analysed)
    with story.weighing_with(_background_without(labels, rows)):
        frames = derive.derive(tables.documents, tables.entity_mentions, tables.date_mentions,
                               tables.outlet_mentions, tables.event_mentions)
    t2 = time.perf_counter()
    corpus_ids = {a.doc_id: same_text[a.doc.sha256] for a in analysed}
    events_of: dict[str, set[str]] = defaultdict(set)
    for row in frames["event_members"].iter_rows(named=True):
        for cid in corpus_ids[row["doc_id"]]:
            events_of[cid].add(row["event_id"])
    gold = {a["id"]: a["event"] for a in labels["articles"]}
    p, r, f1 = pairwise(gold, events_of)
    print(f"{name}{' (dated paths)' if dated else ''}: {len(gold)} articles in {len(set(gold.values()))} happenings ({len(failed)} failed); "
          f"pairwise precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
          f"(stages {t1 - t0:.1f} s, clustering {t2 - t1:.2f} s)")
    by_event: dict[str, set[str]] = defaultdict(set)
    for aid, ev in gold.items():
        by_event[ev] |= events_of.get(aid, set())
    for nm in labels["near_misses"]:
        apart = not (by_event[nm["a"]] & by_event[nm["b"]])
        print(f"  near miss {'kept apart' if apart else 'MERGED    '}: {nm['a']} / {nm['b']} ({nm['why']})")
    _show_errors(gold, events_of, show)
    return f1


def _show_errors(gold: dict[str, str], events_of: dict[str, set[str]], show: int) -> None:
    wrong = [(a, b) for a, b in combinations(sorted(gold), 2)
             if bool(events_of.get(a, set()) & events_of.get(b, set())) != (gold[a] == gold[b])]
    for a, b in wrong[:show]:
        kind = "split " if gold[a] == gold[b] else "merged"
        print(f"  {kind} {a[13:]} [{gold[a]}] ~ {b[13:]} [{gold[b]}]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--pairs", type=int, default=6)
    ap.add_argument("--threshold", type=float, default=0.6, help="syndication Jaccard threshold")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrongly split or merged pairs")
    ap.add_argument("--dated", action="store_true", help="dev set files under their day's folder (a path date hint)")
    ap.add_argument("--only", choices=("seeds", "syndication", "dev"), help="run one part")
    ap.add_argument("--labels", type=Path, action="append",
                    help="labelled set(s) to score (default: bench/events_dev.json, events_dev2..7.json, events_heldout.json, "
                         "events_heldout2..8.json, events_fa_dev.json, events_fa_heldout.json)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "seeds").is_dir():
        print(f"{shared} not present: nothing to evaluate")
        return 0
    news = (shared / "corpora" / "news" / "ar_saudinewsnet.jsonl").is_file()
    if args.only in (None, "seeds"):
        seeds(shared)
    if news and args.only in (None, "syndication"):
        syndication(shared, args.pairs, args.threshold)
    if news and args.only in (None, "dev"):
        for labels_file in args.labels or [DEV_LABELS, DEV2_LABELS, DEV3_LABELS, DEV4_LABELS, DEV5_LABELS, DEV6_LABELS, DEV7_LABELS,
                                             HELD_OUT_LABELS, HELD_OUT2_LABELS, HELD_OUT3_LABELS, HELD_OUT4_LABELS, HELD_OUT5_LABELS, HELD_OUT6_LABELS,
                                             HELD_OUT7_LABELS, HELD_OUT8_LABELS, HELD_OUT9_LABELS, HELD_OUT10_LABELS, HELD_OUT11_LABELS,
                                             FA_DEV_LABELS, FA_HELD_OUT_LABELS, UR_DEV_LABELS, UR_HELD_OUT_LABELS]:
            if (shared / "corpora" / json.loads(labels_file.read_text("utf-8"))["corpus"]).is_file():
                dev_set(shared, args.errors, args.dated, labels_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
