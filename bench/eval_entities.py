"""Evaluate khabar.entities on the labelled NER corpora and the seed articles.

    .venv/bin/python bench/eval_entities.py [--limit N] [--shared ../shared]

NER corpora (``<shared>/corpora/ner/*.jsonl``): a gold person/location/organisation span counts as
found when one of our mentions overlaps it with the same type (recall, by corpus, language and
type). Precision: our mentions that overlap a gold span of the same type, over all our mentions.
These corpora are general news and literature sentences, not this region's politics, and several
annotate only some names, so recall measures gazetteer coverage and precision is a lower bound.

Seeds (``<shared>/seeds``): share of the gold entities of each article linked to the right entity,
Shoigu's entity ids across the five, and trailer entities wrongly attributed in 003.

Run from the repository root. Exits 0 with a message when the shared folder is absent.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

from khabar.document.entities import (
    EntityMention,
    Gazetteer,
    find_entities,
    load_gazetteer,
)
from khabar.text.normalize import fold

SEEDS = Path("dbt/seeds")
GOLD_TYPES = {
    "PERS": "person", "PER": "person", "PERSON": "person", "pers": "person",
    "LOC": "location", "LOCATION": "location", "loc": "location",
    "ORG": "organization", "ORGANIZATION": "organization", "org": "organization",
}
TYPES = ("person", "location", "organization")
NAME_STOP = {"al", "el", "the", "of", "air", "base", "front", "forces", "units", "plain", "highway",
             "ministry", "defence", "defense"}
SEED_TRAILER_END = "شمال سوريا."


def gold_spans(record: dict) -> list[tuple[int, int, str]]:
    """Character spans of the record's person/location/organisation entities."""
    spans = []
    starts: list[int] = []
    if "tokens" in record:
        position = 0
        for token in record["tokens"]:
            starts.append(position)
            position += len(token) + 1
    for ent in record.get("entities", []):
        kind = GOLD_TYPES.get(ent["type"])
        if kind is None:
            continue
        if "start" in ent:
            spans.append((ent["start"], ent["end"], kind))
        else:
            first, last = ent["start_tok"], ent["end_tok"] - 1
            spans.append((starts[first], starts[last] + len(record["tokens"][last]), kind))
    return spans


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate_ner(path: Path, gaz: Gazetteer, limit: int | None) -> dict:
    found = collections.Counter()
    total = collections.Counter()
    predicted = collections.Counter()
    correct = collections.Counter()
    by_method = collections.Counter()
    lang = "und"
    seconds = 0.0
    docs = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and docs >= limit:
                break
            record = json.loads(line)
            lang = record.get("lang", lang)
            spans = gold_spans(record)
            began = time.perf_counter()
            mentions: list[EntityMention] = find_entities(record["text"], lang, gaz)
            seconds += time.perf_counter() - began
            docs += 1
            for start, end, kind in spans:
                total[kind] += 1
                if any(m.entity_type == kind and overlaps(start, end, m.start, m.end) for m in mentions):
                    found[kind] += 1
            for m in mentions:
                predicted[m.entity_type] += 1
                ok = any(kind == m.entity_type and overlaps(start, end, m.start, m.end) for start, end, kind in spans)
                correct[m.entity_type] += ok
                by_method[(m.method, ok)] += 1
    return {"lang": lang, "docs": docs, "seconds": seconds, "found": found, "total": total,
            "predicted": predicted, "correct": correct, "by_method": by_method}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def print_ner(results: dict[str, dict]) -> None:
    print("NER corpora: recall = gold spans overlapped by a mention of the same type; "
          "precision = mentions overlapping a gold span of the same type")
    header = f"{'corpus':<24}{'lang':<6}{'docs':>6}  " + "".join(f"{t[:3]+' R':>9}{'(n)':>7}" for t in TYPES)
    print(header + f"{'all R':>8}{'P':>7}{'docs/s':>9}")
    per_lang: dict[str, dict[str, collections.Counter]] = collections.defaultdict(
        lambda: {"found": collections.Counter(), "total": collections.Counter(),
                 "predicted": collections.Counter(), "correct": collections.Counter()})
    for name, r in results.items():
        cells = "".join(f"{ratio(r['found'][t], r['total'][t]):>9}{r['total'][t]:>7}" for t in TYPES)
        all_r = ratio(sum(r["found"].values()), sum(r["total"].values()))
        prec = ratio(sum(r["correct"].values()), sum(r["predicted"].values()))
        speed = r["docs"] / r["seconds"] if r["seconds"] else 0.0
        print(f"{name:<24}{r['lang']:<6}{r['docs']:>6}  {cells}{all_r:>8}{prec:>7}{speed:>9.0f}")
        for key in ("found", "total", "predicted", "correct"):
            per_lang[r["lang"]][key].update(r[key])
    print("by language:")
    for lang, r in sorted(per_lang.items()):
        cells = "".join(f"{ratio(r['found'][t], r['total'][t]):>9}{r['total'][t]:>7}" for t in TYPES)
        precs = " ".join(f"P-{t[:3]} {ratio(r['correct'][t], r['predicted'][t])}" for t in TYPES)
        print(f"{'  ' + lang:<30}  {cells}   {precs}")
    methods = collections.Counter()
    for r in results.values():
        methods.update(r["by_method"])
    print("mentions by method (overlapping gold / not):",
          ", ".join(f"{m} {methods[(m, True)]}/{methods[(m, False)]}" for m in ("exact", "fuzzy", "pattern")))


def name_tokens(name: str) -> set[str]:
    """Distinctive tokens of a canonical name (the whole folded name when none is distinctive)."""
    tokens = {t for t in fold(name).replace("-", " ").split() if t not in NAME_STOP and len(t) > 2}
    return tokens or {fold(name)}


def evaluate_seeds(shared: Path, gaz: Gazetteer) -> None:
    gold = json.loads((shared / "seeds/gold.json").read_text(encoding="utf-8"))
    linked = total = trailer = 0
    shoigu: set[str] = set()
    misses = []
    for name, article in gold["articles"].items():
        text = (shared / "seeds/articles" / name).read_text(encoding="utf-8")
        if article.get("not_entities_of_this_article") and SEED_TRAILER_END in text:
            text = text[: text.index(SEED_TRAILER_END) + len(SEED_TRAILER_END)]  # crude body cut
        mentions = find_entities(text, article["lang"], gaz)
        for ent in article["entities"]:
            total += 1
            hits = [m for m in mentions if name_tokens(ent["name"]) & name_tokens(m.canonical_name)]
            if hits:
                linked += 1
                if ent["name"] == "Sergei Shoigu":
                    shoigu |= {m.entity_id for m in hits}
            else:
                misses.append(f"{name[:3]} {ent['name']}")
        for bad in article.get("not_entities_of_this_article", []):
            trailer += any(name_tokens(bad) & name_tokens(m.canonical_name) for m in mentions)
    print(f"seeds: {linked}/{total} gold entities linked ({linked / total:.1%}); "
          f"Shoigu entity ids: {sorted(shoigu)}; trailer entities attributed: {trailer}")
    for miss in misses:
        print("  not linked:", miss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=None, help="sentences per corpus")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"{args.shared} not present: nothing to evaluate")
        return 0
    began = time.perf_counter()
    gaz = load_gazetteer(SEEDS / "entities.csv", SEEDS / "entity_aliases.csv")
    print(f"gazetteer: {len(gaz)} entities, {len(gaz.aliases)} alias keys, "
          f"built in {time.perf_counter() - began:.2f}s")
    corpora = sorted((args.shared / "corpora/ner").glob("*.jsonl"))
    results = {p.stem: evaluate_ner(p, gaz, args.limit) for p in corpora}
    if results:
        print_ner(results)
    if (args.shared / "seeds/gold.json").is_file():
        evaluate_seeds(args.shared, gaz)
    return 0


if __name__ == "__main__":
    sys.exit(main())
