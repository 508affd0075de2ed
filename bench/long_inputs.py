"""Seconds that anatomy, outlets and entities take on long inputs: every stage must stay linear.

    .venv/bin/python bench/long_inputs.py [--line-mb 1] [--text-mb 30]

Two generated inputs: one line without spaces (a run of letters, as a broken file gives), and a long
text made by repeating short paragraphs of our own (tests/texts.py) that carry an agency formula, a
cited newspaper and gazetteer names. Prints the seconds per stage; a stage that grows faster than
its input shows as seconds far beyond the line's or text's megabytes.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from texts import PARA_AR, PARA_FA, PARA_UR

from khabar.document.anatomy import dissect
from khabar.document.entities import find_entities, load_gazetteer
from khabar.document.outlets import find_outlets, load_registry

SEEDS = ROOT / "dbt" / "seeds"
PARAGRAPHS = (
    f"به گزارش خبرگزاری فارس، {PARA_FA}\n"
    f"وقال الرئيس بشار الأسد لصحيفة الوطن في دمشق إن {PARA_AR}\n"
    f"{PARA_UR}\n\n"
)


def inputs(line_mb: float, text_mb: float) -> dict[str, str]:
    line_chars, text_chars = int(line_mb * 1_000_000), int(text_mb * 1_000_000)
    return {
        "line without spaces": ("سبق" * (line_chars // 3 + 1))[:line_chars],
        "repeated paragraphs": (PARAGRAPHS * (text_chars // len(PARAGRAPHS) + 1))[:text_chars],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--line-mb", type=float, default=1.0)
    ap.add_argument("--text-mb", type=float, default=30.0)
    args = ap.parse_args()
    registry = load_registry(SEEDS / "outlets.csv")
    gazetteer = load_gazetteer(SEEDS / "entities.csv", SEEDS / "entity_aliases.csv")
    for name, text in inputs(args.line_mb, args.text_mb).items():
        t0 = time.perf_counter()
        anatomy = dissect(text)
        t1 = time.perf_counter()
        outlets = find_outlets(text, anatomy, None, registry)
        t2 = time.perf_counter()
        entities = find_entities(anatomy.body, None, gazetteer)
        t3 = time.perf_counter()
        print(f"{name}, {len(text) / 1e6:.1f} MB: anatomy {t1 - t0:.1f}s, outlets {t2 - t1:.1f}s "
              f"({len(outlets)} outlets), entities {t3 - t2:.1f}s ({len(entities)} mentions)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
