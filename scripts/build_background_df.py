"""Build the background document frequencies that event grouping weighs words with.

    .venv/bin/python scripts/build_background_df.py [--news ../shared/corpora/news] [--exclude bench/events_dev.json]

Reads every ``*.jsonl`` of real news (one article per line, a ``text`` and a ``lang``), turns each
article into its content-word keys exactly as ``khabar.corpus.story`` does, and writes
``src/khabar/data/events/background_df.json.gz``: the number of documents and, for each word seen in
at least ``--min-df`` of them, how many. Statistics only: no text is kept. Articles whose ids are
listed in ``--exclude`` (the labelled development set) are left out, so the development figures are
not measured on the statistics' own documents.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from khabar.corpus.story import background_keys

OUT = Path(__file__).resolve().parents[1] / "src" / "khabar" / "data" / "events" / "background_df.json.gz"
ABOUT = (
    "Background document frequencies for event grouping (khabar.corpus.story): 'documents' is the "
    "number of news articles counted, 'df' maps a content-word key (folded, clitics off) to the number "
    "of those articles it occurs in (a number written with digits is keyed '#<digits>'); words in fewer than 'min_df' articles are pruned (they count as "
    "unseen, i.e. rare). Built by scripts/build_background_df.py from the news corpora named in 'sources', "
    "the articles whose ids are listed in 'excluded' left out."
)


def count(news: Path, exclude: set[str]) -> tuple[int, Counter, list[str]]:
    df: Counter = Counter()
    n = 0
    sources = []
    for path in sorted(news.glob("*.jsonl")):
        sources.append(path.name)
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("id") in exclude or not row.get("text"):
                continue
            text = (row.get("title") or "") + "\n" + row["text"]
            df.update(background_keys(text, row.get("lang") or ""))
            n += 1
    return n, df, sources


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--news", type=Path, default=Path("../shared/corpora/news"))
    ap.add_argument("--exclude", type=Path, default=Path("bench/events_dev.json"))
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not args.news.is_dir():
        print(f"{args.news} not found", file=sys.stderr)
        return 1
    exclude = set()
    if args.exclude.is_file():
        exclude = {a["id"] for a in json.loads(args.exclude.read_text("utf-8"))["articles"]}
    n, df, sources = count(args.news, exclude)
    kept = {w: c for w, c in sorted(df.items()) if c >= args.min_df}
    data = {"about": ABOUT, "sources": sources, "excluded": sorted(exclude), "documents": n, "min_df": args.min_df,
            "df": kept}
    args.out.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), mtime=0))
    print(f"{n} documents, {len(df)} words, {len(kept)} kept (df >= {args.min_df}) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
