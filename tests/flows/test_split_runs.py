"""The same documents give the same marts whether loaded in one run or in several runs of any split
and order: the demo corpus through one ``khabar run`` (warehouse A), and the same files added to a
growing landing folder in three uneven, shuffled parts, with a ``khabar run`` after each part
(warehouse B). B builds dbt after every run, as users do: four marts are incremental.

Besides the demo files the corpus holds two reprints (near-duplicates, so syndication links a
document with one loaded in an earlier run) and one exact copy of a demo file under another path.

Where the two can differ, by design: a document's ``source_path``. Identical bytes under several
paths are one document, analysed once under the path it is first seen at; in one run that is the
first path in sorted order, across runs the path of the earlier run (the later path is a sighting,
``already_loaded``). Changing it afterwards would mean analysing the document again (a path can
carry the date hint of its events), so the split test asserts exactly that one difference. And an
evidence row's score and strongest shared items are weighed as they were when the join was made
(``AS_JOINED``); the joins are the same."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from khabar.store import tables

KHABAR = str(Path(sys.executable).with_name("khabar"))
DEMO = ROOT / "warehouse" / "landing"
EXPECTED = json.loads((ROOT / "warehouse" / "demo_expected.json").read_text(encoding="utf-8"))["files"]
SEED = 20250610
PART_SIZES = (7, 17)  # the third part takes the rest

# reprints of two demo files under other outlets' folders: (demo file, how the reprint changes its text)
REPRINTS = {
    "feeds/alquds/fidan_in_moscow.txt": (
        "feeds/afp/fidan_in_moscow.txt",
        lambda text: text.replace("فيدان في موسكو", "وزير الخارجية التركي في موسكو", 1)
        + "\nوكانت موسكو قد استضافت الشهر الماضي جولة محادثات مماثلة.\n"),
    "feeds/khabaronline/araghchi_sharif_meeting.txt": (
        "feeds/irna/araghchi_sharif_meeting.txt",
        lambda text: text.rstrip("\n").rsplit("\n", 1)[0] + "\n"),  # the last paragraph cut
}
# the exact copy sorts after its original but arrives in the first run, the original in the last
ORIGINAL, COPY = "feeds/pajhwok/kunar_earthquake.txt", "inbox/kunar_earthquake_forwarded.txt"

# The marts users query, and the columns that legitimately differ per run: those the loader stamps
# at write time (``stamped`` in khabar.store.tables: run ids, load times) as far as the marts carry
# them (fct_articles.loaded_at, "when the loader wrote the row", dbt/models/marts/fct_articles.yml).
# No other mart column depends on when or in which run a document arrived.
MARTS = [
    "fct_articles", "fct_events", "bridge_event_articles", "bridge_event_participants", "fct_event_evidence",
    "fct_entity_mentions", "dim_entities", "dim_outlets", "bridge_article_outlets", "fct_near_duplicates",
    "fct_date_mentions", "fct_entity_cooccurrence",
]
PER_RUN = {"fct_articles": {"loaded_at"}}
# An evidence row's score and strongest shared items are weighed by how rare each item was in the
# warehouse when the join was made (khabar.corpus.story: background plus the warehouse's own counts);
# an event no later report could join keeps what it was weighed at. The joins themselves — which
# report joined which, sharing which people, place and date gap, for what reason — are the same.
AS_JOINED = {"fct_event_evidence": {"score", "shared_rare"}}
SCORE_DRIFT = 0.1  # how far a recorded score may lie from the one-run score
QUARANTINE_PER_RUN = {c.name for c in tables.QUARANTINE.columns if c.stamped}

pytestmark = pytest.mark.slow


def _khabar_run(landing: Path, warehouse: Path, prefect_home: Path) -> dict:
    result = subprocess.run(
        [KHABAR, "run", "--json", "--landing", str(landing), "--warehouse", str(warehouse)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PREFECT_HOME": str(prefect_home)})
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout[result.stdout.index("{"):])


def _write_corpus(corpus: Path) -> None:
    shutil.copytree(DEMO, corpus, ignore=shutil.ignore_patterns("README.md", "*.md"))
    for path, (source, edit) in REPRINTS.items():
        (corpus / path).parent.mkdir(parents=True, exist_ok=True)
        (corpus / path).write_text(edit((DEMO / source).read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy2(DEMO / ORIGINAL, corpus / COPY)


def _parts(corpus: Path) -> list[list[str]]:
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.txt"))
    files.remove(ORIGINAL)
    files.remove(COPY)
    random.Random(SEED).shuffle(files)
    a, b = PART_SIZES
    return [[COPY, *files[:a]], files[a:a + b], [*files[a + b:], ORIGINAL]]


def _copy(files: list[str], corpus: Path, landing: Path) -> None:
    for rel in files:
        (landing / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(corpus / rel, landing / rel)


def _rows(con, table: str, skip: set[str]) -> tuple[list[str], list[tuple]]:
    schema, name = table.split(".")
    columns = [c for (c,) in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position", [schema, name]).fetchall() if c not in skip]
    rows = con.execute(f"select {', '.join(columns)} from {table}").fetchall()
    return columns, sorted(rows, key=repr)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "landing"
    _write_corpus(path)
    return path


@pytest.fixture(scope="module")
def one_and_three_runs(corpus, tmp_path_factory):
    base = tmp_path_factory.mktemp("split")
    parts = _parts(corpus)
    _copy([f for part in parts for f in part], corpus, base / "a" / "landing")
    summary_a = _khabar_run(base / "a" / "landing", base / "a" / "khabar.duckdb", base / "prefect")
    summaries_b = []
    for part in parts:
        _copy(part, corpus, base / "b" / "landing")  # the landing grows; every file keeps its relative path
        summaries_b.append(_khabar_run(base / "b" / "landing", base / "b" / "khabar.duckdb", base / "prefect"))
    return (summary_a, base / "a" / "khabar.duckdb"), (summaries_b, base / "b" / "khabar.duckdb")


def test_the_split_spreads_events_reprints_and_bad_files_over_the_parts(corpus):
    parts = _parts(corpus)
    assert len({len(p) for p in parts}) == 3  # uneven
    part_of = {f: i for i, part in enumerate(parts) for f in part}
    assert sorted(part_of) == sorted([*EXPECTED, *REPRINTS, COPY])
    events: dict[str, set[int]] = {}
    for path, e in EXPECTED.items():
        if e.get("event"):
            events.setdefault(e["event"], set()).add(part_of[path])
    assert sum(len(p) > 1 for p in events.values()) >= 3, events  # reports of one event arrive in different runs
    assert len({part_of[p] for p, e in EXPECTED.items() if e["expect"] == "quarantine"}) > 1
    assert all(part_of[reprint] != part_of[source] for reprint, (source, *_) in REPRINTS.items())
    assert sorted([COPY, ORIGINAL]) == [ORIGINAL, COPY] and part_of[COPY] < part_of[ORIGINAL]


def test_each_run_of_the_split_loads_only_its_part(one_and_three_runs, corpus):
    (summary_a, _), (summaries_b, _) = one_and_three_runs
    parts = _parts(corpus)
    bad = {p for p, e in EXPECTED.items() if e["expect"] == "quarantine"}
    assert (summary_a["files_seen"], summary_a["quarantined"]) == (sum(map(len, parts)), len(bad))
    assert summary_a["loaded"] == sum(map(len, parts)) - len(bad) - 1  # the copy is one document with its original
    for i, summary in enumerate(summaries_b):
        seen = [f for part in parts[:i + 1] for f in part]
        new_good = [f for f in parts[i] if f not in bad]
        assert summary["files_seen"] == len(seen)
        assert summary["loaded"] == len(new_good) - (ORIGINAL in new_good)  # the original's bytes were loaded
        # quarantined files are never recorded as loaded, so every run reads them again
        assert summary["quarantined"] == len(bad & set(seen))


@pytest.mark.parametrize("mart", MARTS)
def test_a_mart_is_the_same_after_one_run_or_three(one_and_three_runs, mart):
    import duckdb

    (_, wh_a), (_, wh_b) = one_and_three_runs
    skip = PER_RUN.get(mart, set()) | AS_JOINED.get(mart, set())
    with duckdb.connect(str(wh_a), read_only=True) as a, duckdb.connect(str(wh_b), read_only=True) as b:
        columns_a, rows_a = _rows(a, f"marts.{mart}", skip)
        columns_b, rows_b = _rows(b, f"marts.{mart}", skip)
    assert columns_a == columns_b
    assert rows_a, f"marts.{mart} is empty"
    only_a = [dict(zip(columns_a, r)) for r in rows_a if r not in rows_b]
    only_b = [dict(zip(columns_b, r)) for r in rows_b if r not in rows_a]
    if mart == "fct_articles":
        # the one difference by design (module docstring): the copied document's path is the first
        # in sorted order in one run, the path it was first seen at across runs
        assert [r["source_path"] for r in only_a] == [ORIGINAL]
        assert [r["source_path"] for r in only_b] == [COPY]
        assert {**only_a[0], "source_path": COPY} == only_b[0]
        return
    assert (only_a, only_b) == ([], []), f"marts.{mart}: rows of one run only / of three runs only"
    assert rows_a == rows_b


def test_evidence_scores_are_near_those_of_one_run(one_and_three_runs):
    import duckdb

    (_, wh_a), (_, wh_b) = one_and_three_runs
    sql = "select evidence_id, score from marts.fct_event_evidence"
    with duckdb.connect(str(wh_a), read_only=True) as a, duckdb.connect(str(wh_b), read_only=True) as b:
        one, three = dict(a.execute(sql).fetchall()), dict(b.execute(sql).fetchall())
    assert one.keys() == three.keys()
    drift = {k: round(three[k] - one[k], 3) for k in one if abs(three[k] - one[k]) > SCORE_DRIFT}
    assert not drift, f"evidence scores further than {SCORE_DRIFT} from one run's: {drift}"


def test_the_same_files_are_quarantined_at_the_same_stage_for_the_same_reason(one_and_three_runs):
    import duckdb

    (_, wh_a), (_, wh_b) = one_and_three_runs
    with duckdb.connect(str(wh_a), read_only=True) as a, duckdb.connect(str(wh_b), read_only=True) as b:
        columns_a, rows_a = _rows(a, "raw.quarantine", QUARANTINE_PER_RUN)
        columns_b, rows_b = _rows(b, "raw.quarantine", QUARANTINE_PER_RUN)
    assert {"source_path", "stage", "reason"} <= set(columns_a) and not QUARANTINE_PER_RUN & set(columns_a)
    assert len(rows_a) == sum(e["expect"] == "quarantine" for e in EXPECTED.values())
    assert (columns_a, rows_a) == (columns_b, rows_b)


def test_the_reprints_are_near_duplicates_in_both(one_and_three_runs):
    import duckdb

    sql = ("select a.source_path, b.source_path from marts.fct_near_duplicates d "
           "join marts.fct_articles a on a.article_id = d.article_a join marts.fct_articles b on b.article_id = d.article_b")
    for _, wh in one_and_three_runs:
        with duckdb.connect(str(wh), read_only=True) as con:
            pairs = {frozenset(p) for p in con.execute(sql).fetchall()}
        assert pairs == {frozenset((reprint, source)) for reprint, (source, *_) in REPRINTS.items()}
