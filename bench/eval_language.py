"""Evaluate khabar's language identification beside seeded langdetect and lingua, in one run.

    .venv/bin/python bench/eval_language.py [--corpus FILE] [--articles-repeat N] [--make-corpus N]
                                            [--no-lingua] [--errors K]

Accuracy by language and by length class on the HELD-OUT split of
``../shared/corpora/lid/lid_dev.jsonl`` (the items ``scripts/build_lid_profiles.py`` did not train
on), docs/s for each detector, then a speed line on full articles: khabar (``detect_document`` and
``detect_language``) against plain seeded langdetect on the five sample articles repeated, and on
files written by ``../shared/tools/make_corpus.py`` when ``--make-corpus N`` is given; last, the time
one call takes on runaway inputs (1 MB and 30 MB: a line of letters without spaces, and lines of text).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

SHARED = Path("../shared")
CORPUS = SHARED / "corpora" / "lid" / "lid_dev.jsonl"
ARTICLES = SHARED / "seeds" / "articles"
MAKE_CORPUS = SHARED / "tools" / "make_corpus.py"
ROUNDS = 3
CLASSES = ("word", "word_pair", "sentence", "paragraph", "document")


def _load_split_function():
    """is_train from the build script, so the evaluation uses exactly the held-out items."""
    path = Path(__file__).resolve().parent.parent / "scripts" / "build_lid_profiles.py"
    spec = importlib.util.spec_from_file_location("build_lid_profiles", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.is_train


def plain_langdetect():
    """langdetect as a user would run it: all 55 stock profiles, one fixed seed, nothing else."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)

    def detect(text: str) -> str:
        detector = factory.create()
        detector.append(text)
        try:
            return detector.detect().split("-")[0]
        except LangDetectException:
            return "und"

    return detect


def lingua_detector():
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def detect(text: str) -> str:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language is not None else "und"

    return detect


def khabar_detector():
    from khabar.document.language import detect_language

    return lambda text: detect_language(text).lang


def score(name, detect, items):
    started = time.perf_counter()
    predictions = [detect(item["text"]) for item in items]
    elapsed = time.perf_counter() - started
    return {"name": name, "pred": predictions, "docs_per_s": len(items) / elapsed if elapsed else 0.0}


def table(results, items, key):
    groups: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[key(item)].append(i)
    width = max(len(r["name"]) for r in results) + 2
    lines = []
    header = f"{'':<22}{'n':>6}" + "".join(f"{r['name']:>{width}}" for r in results)
    lines.append(header)
    for group in sorted(groups, key=lambda g: (g.split(" ")[0], CLASSES.index(g.split(" ")[-1]) if g.split(" ")[-1] in CLASSES else 0, g)):
        idx = groups[group]
        row = f"{group:<22}{len(idx):>6}"
        for r in results:
            acc = sum(r["pred"][i] == items[i]["lang"] for i in idx) / len(idx)
            row += f"{acc:>{width}.3f}"
        lines.append(row)
    return "\n".join(lines)


def article_speed(files: list[Path], repeat: int) -> str:
    from khabar.document.language import detect_document, detect_language

    texts = [p.read_text("utf-8", errors="replace") for p in files] * repeat
    plain = plain_langdetect()
    plain("warm up")
    detect_language("warm up")
    timings: dict[str, float] = {}
    for _ in range(ROUNDS):  # interleaved rounds, best of each: less noise from the machine
        for name, fn in (("langdetect", plain), ("khabar.detect_language", detect_language),
                         ("khabar.detect_document", detect_document)):
            started = time.perf_counter()
            for text in texts:
                fn(text)
            elapsed = time.perf_counter() - started
            timings[name] = min(timings.get(name, elapsed), elapsed)
    base = timings["langdetect"]
    parts = [f"{name} {len(texts) / t:.1f} docs/s ({t / base:.2f}x)" for name, t in timings.items()]
    return f"{len(texts)} articles, best of {ROUNDS} rounds: " + "; ".join(parts)


def long_input_times() -> list[str]:
    """Seconds per call on inputs far longer than any article (each must stay linear, or bounded)."""
    from khabar.document.language import detect_document, detect_language

    line = "وزیر امور خارجه روز گذشته با همتای خود در تهران دیدار کرد. press@irna.ir\n"
    detect_language("warm up")  # the models load on first use
    out = []
    for size in (1_000_000, 30_000_000):
        for name, text in (("letters without spaces", "a" * size), ("lines", line * (size // len(line)))):
            timings = []
            for fn in (detect_language, detect_document):
                started = time.perf_counter()
                fn(text)
                timings.append(f"{fn.__name__} {time.perf_counter() - started:.3f}s")
            out.append(f"{size // 1_000_000} MB {name}: " + ", ".join(timings))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="khabar language identification vs langdetect and lingua")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles-repeat", type=int, default=20)
    parser.add_argument("--make-corpus", type=int, default=0, metavar="N")
    parser.add_argument("--no-lingua", action="store_true")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="print K khabar errors per language")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"../shared not present (no {args.corpus}); nothing to evaluate.")
        return 0

    is_train = _load_split_function()
    items = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    held_out = [item for item in items if not is_train(item["id"])]
    print(f"held-out split: {len(held_out)} of {len(items)} items of {args.corpus}")

    detectors = [("khabar", khabar_detector()), ("langdetect", plain_langdetect())]
    if not args.no_lingua:
        detectors.append(("lingua", lingua_detector()))
    for _, detect in detectors:
        detect("warm up")
    results = [score(name, detect, held_out) for name, detect in detectors]

    print("\naccuracy by language and length class")
    print(table(results, held_out, lambda it: f"{it['lang']} {it['length_class']}"))
    print("\naccuracy by language")
    print(table(results, held_out, lambda it: it["lang"]))
    print("\naccuracy by length class")
    print(table(results, held_out, lambda it: it["length_class"]))
    print("\noverall")
    print(table(results, held_out, lambda it: "all"))
    print("\nspeed: " + "; ".join(f"{r['name']} {r['docs_per_s']:.0f} docs/s" for r in results))

    if args.errors:
        khabar = results[0]["pred"]
        shown: Counter[str] = Counter()
        print("\nkhabar errors")
        for item, pred in zip(held_out, khabar):
            if pred != item["lang"] and shown[item["lang"]] < args.errors:
                shown[item["lang"]] += 1
                print(f"  {item['lang']}->{pred} [{item['length_class']}] {item['text'][:80]!r}")

    if ARTICLES.is_dir():
        print("\nfull articles, " + article_speed(sorted(ARTICLES.glob("*.txt")), args.articles_repeat))
    if args.make_corpus and MAKE_CORPUS.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, str(MAKE_CORPUS), tmp, str(args.make_corpus)], check=True,
                           stdout=subprocess.DEVNULL)
            files = sorted(Path(tmp).rglob("*.txt"))
            print("make_corpus files, " + article_speed(files, 1))
    print("\nlong inputs, one call each")
    for line in long_input_times():
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
