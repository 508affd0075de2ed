"""Grow the entity gazetteer from ParaNames or JRC-Names files that you downloaded yourself.

    .venv/bin/python scripts/import_names.py paranames FILE.tsv [--langs ar,fa,ur,en] [--seeds dbt/seeds]
    .venv/bin/python scripts/import_names.py jrc FILE [--langs ar,fa,ur,en] [--seeds dbt/seeds]

ParaNames (TSV with a header): ``wikidata_id  eng  label  language  type`` where type is PER, LOC or
ORG. One entity per Wikidata id; ``eng`` becomes the canonical name; each ``label`` an alias in its
``language``. An entity already in the seed with that Wikidata id only gains aliases.

JRC-Names (TSV or whitespace separated, no header): ``id  type  lang  name`` with '+' for spaces,
type P (person) or O (organisation), lang a code or 'u' (unknown). The English or unknown-language
name (else the first one seen) becomes the canonical name; the id becomes ``jrc-<id>``.

Rows are appended to ``entities.csv`` and ``entity_aliases.csv``; aliases already present are not
written twice, so running the importer twice adds nothing. Nothing is downloaded.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ENTITY_COLUMNS = ("entity_id", "canonical_name", "entity_type", "wikidata_id", "country")
ALIAS_COLUMNS = ("entity_id", "lang", "alias")
PARANAMES_TYPES = {"PER": "person", "LOC": "location", "ORG": "organization"}
JRC_TYPES = {"P": "person", "O": "organization", "L": "location"}
JRC_UNKNOWN_LANG = "u"
_QID = re.compile(r"^Q\d+$")


class NameFileError(ValueError):
    """A row of an import file cannot be read; ``value`` is the row."""

    def __init__(self, message: str, value: object) -> None:
        super().__init__(f"{message}: {value!r}")
        self.value = value


@dataclass
class Record:
    entity_id: str
    canonical_name: str
    entity_type: str
    wikidata_id: str
    aliases: list[tuple[str, str]] = field(default_factory=list)


def read_paranames(lines: Iterable[str], langs: set[str] | None) -> Iterator[Record]:
    records: dict[str, Record] = {}
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if not row or row[0] in ("wikidata_id", "id"):
            continue
        if len(row) < 5:
            raise NameFileError("ParaNames row needs 5 columns", row)
        qid, eng, label, lang, kind = (c.strip() for c in row[:5])
        if not _QID.match(qid) or kind not in PARANAMES_TYPES:
            raise NameFileError("bad ParaNames row", row)
        record = records.get(qid)
        if record is None:
            record = records[qid] = Record(f"wd-{qid.lower()}", eng or label, PARANAMES_TYPES[kind], qid)
        if label and (langs is None or lang in langs):
            record.aliases.append((lang, label))
    yield from records.values()


def read_jrc(lines: Iterable[str], langs: set[str] | None) -> Iterator[Record]:
    records: dict[str, Record] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t") if "\t" in line else line.split(None, 3)
        if len(parts) != 4:
            raise NameFileError("JRC-Names row needs 4 fields", line)
        jrc_id, kind, lang, name = (p.strip() for p in parts)
        if kind not in JRC_TYPES:
            raise NameFileError("unknown JRC-Names type", line)
        name = name.replace("+", " ")
        record = records.get(jrc_id)
        if record is None:
            record = records[jrc_id] = Record(f"jrc-{jrc_id}", name, JRC_TYPES[kind], "")
        elif lang in ("en", JRC_UNKNOWN_LANG) and not record.canonical_name.isascii() and name.isascii():
            record.canonical_name = name
        if langs is None or lang in langs or lang == JRC_UNKNOWN_LANG:
            record.aliases.append(("und" if lang == JRC_UNKNOWN_LANG else lang, name))
    yield from records.values()


def _read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def append(records: Iterable[Record], seeds: Path) -> tuple[int, int]:
    """Append new entities and aliases to the seed CSVs; returns (entities added, aliases added)."""
    entities_path, aliases_path = seeds / "entities.csv", seeds / "entity_aliases.csv"
    entities = _read_rows(entities_path)
    aliases = _read_rows(aliases_path)
    by_qid = {r["wikidata_id"]: r["entity_id"] for r in entities if r.get("wikidata_id")}
    known_ids = {r["entity_id"] for r in entities}
    known_aliases = {(r["entity_id"], r["lang"], r["alias"]) for r in aliases}
    new_entities: list[list[str]] = []
    new_aliases: list[list[str]] = []
    for record in records:
        entity_id = by_qid.get(record.wikidata_id, record.entity_id) if record.wikidata_id else record.entity_id
        if entity_id not in known_ids:
            known_ids.add(entity_id)
            new_entities.append([entity_id, record.canonical_name, record.entity_type, record.wikidata_id, ""])
        for lang, alias in record.aliases:
            key = (entity_id, lang, alias)
            if key not in known_aliases:
                known_aliases.add(key)
                new_aliases.append(list(key))
    for path, columns, rows in ((entities_path, ENTITY_COLUMNS, new_entities), (aliases_path, ALIAS_COLUMNS, new_aliases)):
        fresh = not path.exists() or path.stat().st_size == 0
        with path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            if fresh:
                writer.writerow(columns)
            writer.writerows(rows)
    return len(new_entities), len(new_aliases)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Append ParaNames / JRC-Names entries to the gazetteer seeds.")
    parser.add_argument("format", choices=("paranames", "jrc"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--langs", default="ar,fa,ur,en,ps", help="comma-separated; 'all' keeps every language")
    parser.add_argument("--seeds", type=Path, default=Path("dbt/seeds"))
    args = parser.parse_args(argv)
    langs = None if args.langs == "all" else set(args.langs.split(","))
    reader = read_paranames if args.format == "paranames" else read_jrc
    try:
        with args.file.open(encoding="utf-8") as handle:
            added = append(reader(handle, langs), args.seeds)
    except (OSError, NameFileError) as error:
        print(f"import_names: {error}", file=sys.stderr)
        return 1
    print(f"added {added[0]} entities and {added[1]} aliases to {args.seeds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
