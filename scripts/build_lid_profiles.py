"""Build khabar's language-identification data from the development corpus.

Reads ``../shared/corpora/lid/lid_dev.jsonl`` (or ``--corpus``), keeps only its deterministic TRAIN
split (see :func:`is_train`), and writes into ``src/khabar/data/lid/`` (or ``--out``):

* ``profiles/<lang>.json`` — langdetect-format n-gram profiles (``name``, ``freq``, ``n_words``) for
  the languages langdetect lacks;
* ``words.json`` — per language, the most frequent words of the train split with their counts
  (statistics, not text), used as function-word and lexical evidence;
* ``ngrams.json`` — per language, counts of the character 1- to 4-grams of its words (with a
  boundary mark ``_`` at both ends), all of them (the Witten-Bell model of
  ``khabar.document.char_model`` counts the distinct characters after each context, which pruning
  would understate), for short texts.

Everything is sorted and written with fixed formatting, so a rebuild gives byte-identical files.

    python scripts/build_lid_profiles.py [--corpus FILE] [--out DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from langdetect.utils.lang_profile import LangProfile

DEFAULT_CORPUS = Path("../shared/corpora/lid/lid_dev.jsonl")
DEFAULT_OUT = Path("src/khabar/data/lid")
# languages that langdetect 1.0.9 has no profile for, and that the corpus covers
NEW_PROFILE_LANGS = ("ckb", "kmr", "pnb", "ps", "sd", "skr", "tg", "ug")
TRAIN_PERCENT = 70
WORDS_PER_LANG = 3000
MIN_WORD_COUNT = 2
NGRAM_MAX = 4
MIN_NGRAM_COUNT = 1               # keep every n-gram: see the docstring on ngrams.json
ZWNJ = "\u200c"
_WORD = re.compile(rf"[^\W\d_]+(?:[{ZWNJ}'’][^\W\d_]+)*")


def is_train(item_id: str) -> bool:
    """The train/held-out split: a fixed hash of the id, so every run and machine agrees."""
    digest = hashlib.sha256(item_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < TRAIN_PERCENT


def read_corpus(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def words_of(text: str) -> list[str]:
    """Lower-cased words without ZWNJ, as khabar.language reads them."""
    return [w.lower().replace(ZWNJ, "") for w in _WORD.findall(text)]


def word_ngrams(word: str) -> list[str]:
    """Character n-grams of one word, with ``_`` marking its start and end."""
    marked = f"_{word.replace(ZWNJ, '')}_"
    return [marked[i:i + n] for n in range(1, NGRAM_MAX + 1) for i in range(len(marked) - n + 1)
            if marked[i:i + n] != "_"]


def build(corpus: Path, out: Path) -> list[Path]:
    items = [item for item in read_corpus(corpus) if is_train(item["id"])]
    profiles = {lang: LangProfile(name=lang) for lang in NEW_PROFILE_LANGS}
    # counted per (language, source): a language's rate for a word or n-gram is its highest rate in
    # any one of its sources, so a language known only from one domain (a legal text, say) is not
    # favoured over a language known from that domain and others on that domain's words
    word_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    gram_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for item in items:
        lang, text = item["lang"], item["text"]
        if lang in profiles:
            profiles[lang].update(text)
        words = words_of(text)
        key = (lang, item.get("source_dataset", ""))
        word_counts[key].update(words)
        for word in words:
            gram_counts[key].update(word_ngrams(word))
    word_counts = _domain_max(word_counts, lambda word: 0)
    gram_counts = _domain_max(gram_counts, lambda gram: len(gram) - 1)

    written = []
    (out / "profiles").mkdir(parents=True, exist_ok=True)
    for lang, profile in profiles.items():
        profile.omit_less_freq()
        data = {"freq": dict(sorted(profile.freq.items())), "n_words": profile.n_words, "name": lang}
        written.append(_write_json(out / "profiles" / f"{lang}.json", data))

    words = {}
    for lang in sorted(word_counts):
        counts, totals = word_counts[lang]
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        kept = [(w, c) for w, c in ranked if c >= MIN_WORD_COUNT][:WORDS_PER_LANG]
        words[lang] = {"total": totals[0], "counts": dict(kept)}
    about = (
        "Word counts per language from the train split of the khabar LID development corpus "
        "(built by scripts/build_lid_profiles.py; statistics, not text)."
    )
    written.append(_write_json(out / "words.json", {"about": about, "languages": words}))

    grams = {}
    for lang in sorted(gram_counts):
        counts, totals = gram_counts[lang]
        kept = {g: c for g, c in sorted(counts.items()) if c >= MIN_NGRAM_COUNT}
        grams[lang] = {"totals": totals, "counts": kept}
    about = (
        "Character 1-4-gram counts of words per language ('_' marks word boundaries) from the train "
        "split of the khabar LID development corpus (built by scripts/build_lid_profiles.py)."
    )
    written.append(_write_json(out / "ngrams.json", {"about": about, "languages": grams}))
    return written


def _domain_max(counts: dict[tuple[str, str], Counter], order) -> dict[str, tuple[dict, list[int]]]:
    """Per language: for each key, its highest rate over the language's sources, expressed as a count
    against the language's total (rounded to 2 decimals), and those totals per order."""
    by_lang: dict[str, list[Counter]] = defaultdict(list)
    for (lang, _source), counter in sorted(counts.items()):
        by_lang[lang].append(counter)
    out = {}
    for lang, counters in by_lang.items():
        size = max(order(k) for c in counters for k in c) + 1
        source_totals = []
        for counter in counters:
            totals = [0] * size
            for key, count in counter.items():
                totals[order(key)] += count
            source_totals.append(totals)
        totals = [sum(t[i] for t in source_totals) for i in range(size)]
        merged: dict[str, float] = {}
        for counter, own in zip(counters, source_totals):
            for key, count in counter.items():
                scaled = count * totals[order(key)] / own[order(key)]
                if scaled > merged.get(key, 0.0):
                    merged[key] = scaled
        out[lang] = ({k: round(v, 2) for k, v in merged.items()}, totals)
    return out


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=False, indent=0) + "\n", "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} (is ../shared present?)", file=sys.stderr)
        return 2
    for path in build(args.corpus, args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
