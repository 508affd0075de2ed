"""Who takes part in an event, scored against people's reading: actor, target, meeting participants.

    .venv/bin/python bench/eval_roles.py [--shared ../shared] [--labels bench/roles_gold.json]
        [--split dev|dev2|heldout|heldout2|all] [--errors N]

``--labels`` (default ``bench/roles_gold.json``) holds event mentions of real news (corpus ids and the
trigger's offset in the article's body; no text) and, for every person or organisation khabar names in
the trigger's sentence, the role a reader gave it, blind to khabar's: ``actor`` (who did it) and
``target`` (to whom) for violence, arrests, captures, verdicts; ``participant`` for meetings, calls,
agreements (the parties meeting, not who speaks of the meeting, whose regards were conveyed, or what it
discussed); ``none`` for a name that takes no part; ``not_a_name`` for a word read as a name (not
scored). A name khabar made up from the text (``cand:…``) is kept as a digest of its id.

The articles go through the real per-document stages; each labelled mention is found again by its
offset and type. Printed per language and split: how many names got the reader's role, the precision
and recall of each role, and beside them the rule the project started from (a name before the trigger
is its actor, after it its target; every name beside a meeting a participant). A mention no longer
found (its trigger changed) is counted, not scored. The development splits (``dev``, ``dev2``) are
the ones whose errors were read; the held-out splits (``heldout``, ``heldout2``) were labelled the same
way and only scored.

Exits 0 with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

LABELS = Path(__file__).with_name("roles_gold.json")
ROLES = ("actor", "target", "participant")
PARTICIPANT_TYPES = frozenset({"meeting", "call", "agreement"})
SPLITS = ("dev", "dev2", "heldout", "heldout2")  # errors read: dev, dev2; only scored: heldout, heldout2


def label_id(entity_id: str) -> str:
    """An entity id as the labels keep it: a name made up from the text (``cand:``) only as a digest."""
    if entity_id.startswith("cand:"):
        return "cand#" + hashlib.sha1(entity_id.encode("utf-8")).hexdigest()[:12]
    return entity_id


def _documents(shared: Path, corpus: str, wanted: set[str]) -> list:
    from khabar.store.ingest import Decoded

    docs = []
    for line in (shared / "corpora" / corpus).read_text("utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if not row or row["id"] not in wanted:
            continue
        title = (row.get("title") or "").strip()
        text = f"{title}\n\n{row['text']}" if title else row["text"]
        docs.append(Decoded(row["id"], hashlib.sha256(text.encode()).hexdigest(), len(text.encode()), "utf-8", text))
    return docs


def system_roles(shared: Path, items: list[dict]) -> dict[str, dict | None]:
    """Each labelled mention's (item key's) roles as khabar gives them: {label id: role, "@before": the
    label ids of the names its sentence writes before the trigger} or None when the mention is no longer
    found."""
    from khabar.app.project import find_project
    from khabar.document.article import analyse_all, load_resources
    from khabar.text.sentences import sentence_spans

    by_corpus: dict[str, set[str]] = defaultdict(set)
    for it in items:
        by_corpus[it["corpus"]].add(it["id"])
    resources = load_resources(find_project())
    found: dict[str, dict | None] = {}
    for corpus, ids in sorted(by_corpus.items()):
        analysed, _ = analyse_all(_documents(shared, corpus, ids), resources)
        for a in analysed:
            spans = sentence_spans(a.anatomy.body)
            for m in a.events:
                s, e = next(((s, e) for s, e in spans if s <= m.trigger_start < e), (m.trigger_start, m.trigger_start))
                before = {label_id(x.entity_id) for x in a.entities
                          if x.entity_type != "location" and s <= x.start and x.end <= m.trigger_start}
                found[f"{a.doc.source_path}@{m.trigger_start}:{m.event_type}"] = {
                    **{label_id(k): v for k, v in m.participants}, "@before": before}
    return {it_key(it): found.get(it_key(it)) for it in items}


def it_key(item: dict) -> str:
    return f"{item['id']}@{item['trigger_start']}:{item['event_type']}"


def position_rule(item: dict, before: set[str]) -> dict[str, str]:
    """The rule the project started from: every name beside a meeting is a participant; before any
    other trigger its actor, after it its target (``before``: the names written before it)."""
    if item["event_type"] in PARTICIPANT_TYPES:
        return {n: "participant" for n in item["roles"]}
    return {n: ("actor" if n in before else "target") for n in item["roles"]}


class Score:
    def __init__(self) -> None:
        self.names = self.right = 0
        self.tp: Counter[str] = Counter()
        self.given: Counter[str] = Counter()
        self.gold: Counter[str] = Counter()

    def add(self, gold: str, said: str) -> None:
        self.names += 1
        self.right += gold == said
        self.gold[gold] += 1
        self.given[said] += 1
        self.tp[gold] += gold == said

    def line(self) -> str:
        parts = [f"{self.right}/{self.names} names right ({self.right / self.names:.3f})" if self.names else "no names"]
        for r in ROLES:
            if self.gold[r] or self.given[r]:
                p = self.tp[r] / self.given[r] if self.given[r] else 0.0
                rc = self.tp[r] / self.gold[r] if self.gold[r] else 0.0
                parts.append(f"{r} P {p:.2f} R {rc:.2f} ({self.gold[r]})")
        return "; ".join(parts)


def evaluate(items: list[dict], said: dict[str, dict | None], errors: int = 0) -> dict[tuple[str, str], tuple[Score, Score, int]]:
    """(language, split) -> (khabar's score, the position rule's, mentions not found)."""
    out: dict[tuple[str, str], tuple[Score, Score, int]] = {}
    shown = 0
    for it in items:
        if not it["trigger_ok"]:
            continue
        ours, rule, lost = out.setdefault((it["lang"], it["split"]), (Score(), Score(), 0))
        roles = said[it_key(it)]
        if roles is None:
            out[(it["lang"], it["split"])] = (ours, rule, lost + 1)
            continue
        by_rule = position_rule(it, roles["@before"])
        for name, gold in sorted(it["roles"].items()):
            if gold == "not_a_name":
                continue
            ours.add(gold, roles.get(name, "none"))
            rule.add(gold, by_rule[name])
            if roles.get(name, "none") != gold and shown < errors:
                shown += 1
                print(f"  {it['lang']} {it['id']}@{it['trigger_start']} {it['event_type']}: {name} "
                      f"read {gold}, khabar {roles.get(name, 'none')}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--split", choices=SPLITS + ("all",), default="all")
    ap.add_argument("--errors", type=int, default=0, help="print this many names given another role than the reader's")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    spec = json.loads(args.labels.read_text("utf-8"))
    items = [it for it in spec["items"] if args.split in ("all", it["split"])]
    if not all((shared / "corpora" / c).is_file() for c in {it["corpus"] for it in items}):
        print(f"{shared / 'corpora'} lacks the labelled corpora: nothing to evaluate")
        return 0
    said = system_roles(shared, items)
    scores = evaluate(items, said, args.errors)
    for (lang, split), (ours, rule, lost) in sorted(scores.items()):
        print(f"{lang} {split}: {ours.line()}" + (f"; {lost} mentions no longer found" if lost else ""))
        print(f"{lang} {split}, position rule: {rule.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
