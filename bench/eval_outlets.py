"""Publisher precision / recall of khabar.outlets on the shared news corpora, plus title checks.

Labels: the ``outlet`` field of ar_saudinewsnet.jsonl and fa_rss.jsonl; every fa_farsnews.jsonl
article is Fars. "Names itself" (the recall base of issue 5) is approximated independently of the
detector: the gold outlet's domain, or one of its registry names written with an outlet cue
(صحيفة/جريدة/وكالة/خبرگزاری/روزنامه/quotes) or as an unambiguous multi-word name, or any of its
names in the first 60 or last 250 characters.

Usage (from the repository root): ``.venv/bin/python bench/eval_outlets.py [--show N]``
Exits 0 with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

from khabar.document.anatomy import dissect
from khabar.document.outlets import find_outlets, load_registry
from khabar.text.normalize import fold

SHARED = Path("../shared")
NEWS = SHARED / "corpora" / "news"
REGISTRY = Path("dbt/seeds/outlets.csv")
CORPORA = ("ar_saudinewsnet", "fa_farsnews", "fa_rss", "ur_counter", "ur_bend_the_truth")
CUE = re.compile(r"(صحيفه|جريده|وکاله|خبرگزاری|روزنامه|پایگاه|سایت|موقع)\s*$")


def _names_itself(text: str, outlet, folded: str) -> bool:
    low = text.lower()
    if any(d and d.split("/")[0] in low for d in outlet.domain.split("|")):
        return True
    head, tail = fold(text[:60]), fold(text[-250:])
    for n in (outlet.name, *outlet.native_names):
        fn = fold(n)
        if not fn or not re.search(r"[^\x00-\x7f]", fn):
            continue
        pat = re.compile(rf"(?:^|\s){re.escape(fn)}(?:\s|$)")
        if pat.search(head) or pat.search(tail):
            return True
        for m in pat.finditer(folded):
            before = folded[max(0, m.start() - 12) : m.start() + 1]
            if CUE.search(fold(before)) or (len(fn.split()) > 1 and fn.split()[0] not in ("ال",)):
                return True
    return False


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="print N errors per corpus")
    args = ap.parse_args()
    if not NEWS.is_dir():
        print("../shared/corpora/news not present: nothing to evaluate")
        return 0
    reg = load_registry(REGISTRY)
    by_name = {o.name: o for o in reg.outlets}
    total_docs, total_secs = 0, 0.0
    overall = collections.Counter()
    for corpus in CORPORA:
        path = NEWS / f"{corpus}.jsonl"
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        stats = collections.Counter()
        per_outlet: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        predicted = collections.Counter()
        errors = []
        t0 = time.perf_counter()
        for r in rows:
            text = r["text"]
            a = dissect(text, r.get("lang"))
            ms = find_outlets(text, a, r.get("lang"), reg)
            pub = next((m for m in ms if m.role == "publisher"), None)
            predicted[pub.outlet_id if pub else None] += 1
            gold_name = "Fars News Agency" if corpus == "fa_farsnews" else r.get("outlet")
            if r.get("title"):
                stats["title_gold_in_text"] += r["title"].strip() in text
                stats["title_pred"] += a.title is not None
                stats["title_exact"] += a.title is not None and a.title.strip() == r["title"].strip()
            if not gold_name:
                continue
            gold = by_name.get(gold_name)
            if gold is None:
                stats["gold_not_in_registry"] += 1
                continue
            stats["docs"] += 1
            named = _names_itself(text, gold, fold(text))
            stats["named"] += named
            po = per_outlet[gold.outlet_id]
            po["docs"] += 1
            po["named"] += named
            if pub:
                stats["pred"] += 1
                ok = pub.outlet_id == gold.outlet_id
                stats["correct"] += ok
                po["pred"] += 1
                po["correct"] += ok
                if named:
                    stats["named_correct"] += ok
                if not ok:
                    errors.append(("FP", gold.outlet_id, pub.outlet_id, pub.evidence, text[:120]))
            elif named:
                errors.append(("FN", gold.outlet_id, None, "", text[:120]))
        secs = time.perf_counter() - t0
        overall.update({k: stats[k] for k in ("docs", "pred", "correct", "named", "named_correct")})
        total_docs += len(rows)
        total_secs += secs
        print(f"== {corpus}: {len(rows)} docs, {1000 * secs / max(1, len(rows)):.2f} ms/doc")
        if stats["docs"]:
            p = stats["correct"] / stats["pred"] if stats["pred"] else float("nan")
            r_all = stats["correct"] / stats["docs"]
            r_named = stats["named_correct"] / stats["named"] if stats["named"] else float("nan")
            print(
                f"   publisher precision {p:.3f} ({stats['correct']}/{stats['pred']}); "
                f"recall where the outlet names itself {r_named:.3f} "
                f"({stats['named_correct']}/{stats['named']}); recall over all {r_all:.3f}"
            )
            for oid, c in sorted(per_outlet.items()):
                print(f"     {oid:20s} docs {c['docs']:4d} named {c['named']:4d} "
                      f"pred {c['pred']:4d} correct {c['correct']:4d}")
        else:
            top = ", ".join(f"{k}: {v}" for k, v in predicted.most_common(8))
            print(f"   no labels; predicted publishers: {top}")
        if stats["title_gold_in_text"] or stats["title_pred"]:
            print(f"   titles: gold title present in text {stats['title_gold_in_text']}, "
                  f"predicted {stats['title_pred']}, exact {stats['title_exact']}")
        for e in errors[: args.show]:
            print("   ", e)
    if overall["pred"]:
        print(
            f"labelled corpora together: publisher precision {overall['correct'] / overall['pred']:.3f} "
            f"({overall['correct']}/{overall['pred']}); recall where the outlet names itself "
            f"{overall['named_correct'] / max(1, overall['named']):.3f} "
            f"({overall['named_correct']}/{overall['named']}); recall over all "
            f"{overall['correct'] / max(1, overall['docs']):.3f}"
        )
    print(f"total {total_docs} docs in {total_secs:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
