"""Event clustering costs what changed and does not depend on how documents were split into runs:
the demo corpus loaded into one warehouse at once and into another in shuffled parts (with a
clustering after each) gives the same events, members and evidence; a clustering with nothing new
changes nothing; a warehouse clustered by an older khabar (events, no clustering state) is
clustered anew, once."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from support import ROOT
from texts import (
    BOMBING_REPORTS,
    BRIDGED,
    BRIDGED_SHAS,
    CONDEMNATION,
    FIRE_REACTION,
    FIRE_REPORTS,
    TOLD_TWO_WAYS,
)

from khabar.app.project import find_project
from khabar.corpus import derive
from khabar.corpus.events import cluster_increment
from khabar.corpus.pooling import POOLED
from khabar.document.article import analyse, analyse_all, load_resources
from khabar.store import batch, event_state
from khabar.store.event_state import StoredEvents, cluster_new
from khabar.store.ingest import Decoded, discover, read_all
from khabar.store.tables import to_tables
from khabar.store.warehouse import Warehouse, WarehouseError

DEMO = ROOT / "warehouse" / "landing"
LIMIT = 10**7


@pytest.fixture(scope="module")
def demo() -> list:
    """The demo corpus's documents, read and analysed once: (decoded, analysed article) by path."""
    sources, _ = discover(DEMO, LIMIT)
    decoded, _ = read_all(sources, LIMIT)
    analysed, failed = analyse_all(decoded, load_resources(find_project()), seconds=0)
    assert not failed
    by_sha = {a.doc.sha256: a for a in analysed}
    return [(d, by_sha[d.sha256]) for d in decoded if d.sha256 in by_sha]


def _load(store: Warehouse, part: list, run: str) -> None:
    docs = [d for d, _ in part]
    plan = batch.plan(docs, [], store.known_documents(d.sha256 for d in docs))
    fresh = {d.sha256 for d in plan.fresh}
    tables = to_tables(a for d, a in part if d.sha256 in fresh)
    store.load(batch.settle(plan, tables, []), run)


def _events(store: Warehouse) -> dict[str, list]:
    return {
        "events": store.con.execute("select * from raw.events order by all").fetchall(),
        "members": store.con.execute("select * from raw.event_members order by all").fetchall(),
        "evidence": store.con.execute(
            "select event_id, mention_id, doc_id, joined_to_mention_id, shared_participants, shared_place,"
            " date_gap_days, reason from raw.event_evidence order by all").fetchall(),
    }


def _in_one_run_and_in_parts(tmp_path: Path, analysed: dict[str, tuple], parts: list[list[str]]) -> dict[str, list]:
    """The events of the analysed articles loaded and clustered in one run, once checked that the same
    articles loaded in ``parts``, run after run, give the same events, ids and evidence."""
    with Warehouse(tmp_path / "one.duckdb") as one:
        _load(one, list(analysed.values()), "one")
        cluster_new(one)
        whole = _events(one)
    with Warehouse(tmp_path / "parts.duckdb") as store:
        for n, part in enumerate(parts):
            _load(store, [analysed[name] for name in part], f"part-{n}")
            cluster_new(store)
        assert _events(store) == whole
    return whole


def _scores(store: Warehouse) -> dict[tuple[str, str], float]:
    """Scores are weighed by rarity as it was when each join was made (tests/flows/test_split_runs.py)."""
    return {(e, m): s for e, m, s in store.con.execute("select event_id, mention_id, score from raw.event_evidence").fetchall()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_events_are_the_same_after_one_clustering_or_several(demo, tmp_path: Path, seed: int) -> None:
    with Warehouse(tmp_path / "one.duckdb") as one:
        _load(one, demo, "one")
        assert cluster_new(one) == one.con.execute(
            "select count(distinct doc_id) from raw.event_mentions").fetchone()[0]
        whole, scores = _events(one), _scores(one)
    shuffled = demo[:]
    random.Random(seed).shuffle(shuffled)
    parts = [shuffled[:5], shuffled[5:19], shuffled[19:]]
    with Warehouse(tmp_path / "parts.duckdb") as store:
        for n, part in enumerate(parts):
            _load(store, part, f"part-{n}")
            cluster_new(store)
        assert _events(store) == whole
        drift = max(abs(s - scores[k]) for k, s in _scores(store).items())
        assert drift <= 0.1, drift
        assert len(whole["events"]) > 10 and any(len(e[4]) >= 2 for e in whole["events"])


def test_a_clustering_with_nothing_new_changes_nothing(demo, tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as store:
        _load(store, demo, "one")
        cluster_new(store)
        before = _events(store)
        assert cluster_new(store) == 0
        assert _events(store) == before


def test_a_warehouse_clustered_by_an_older_khabar_is_clustered_anew_once(demo, tmp_path: Path) -> None:
    with Warehouse(tmp_path / "w.duckdb") as store:
        _load(store, demo, "one")
        cluster_new(store)
        before = _events(store)
        # an older khabar kept events without the clustering state
        store.con.execute("delete from raw.event_units; delete from raw.event_keys; delete from raw.story_df")
        store.con.execute("insert into raw.events (event_id, event_type) values ('ev-stale', 'meeting')")
        assert cluster_new(store) > 0
        assert _events(store) == before
        assert cluster_new(store) == 0


@pytest.mark.parametrize("parts", [
    [["attack", "far"], ["council"], ["chamber"]],
    [["chamber"], ["far", "council"], ["attack"]],
    [["far"], ["chamber", "attack"], ["council"]],
], ids=["bridges-last", "bridges-first", "one-bridge-each-run"])
def test_two_events_merged_by_bridging_reports_are_the_same_loaded_in_parts(tmp_path: Path, parts) -> None:
    """Two events that two reports could each join are merged (khabar.corpus.merges.Merges) whether
    the reports come in one run or in several, in any order."""
    resources = load_resources(find_project())
    docs = {n: Decoded(n + ".txt", BRIDGED_SHAS[n], len(t.encode()), "utf-8", t) for n, t in BRIDGED.items()}
    analysed = {n: (d, analyse(d, resources)) for n, d in docs.items()}
    whole = _in_one_run_and_in_parts(tmp_path, analysed, parts)
    assert sum(1 for e in whole["events"] if e[1] == "attack") == 1
    assert any(r[7].startswith("events merged") for r in whole["evidence"])


def _told_two_ways() -> dict[str, tuple]:
    resources = load_resources(find_project())
    texts = {**TOLD_TWO_WAYS, "attack": BRIDGED["attack"]}
    docs = {n: Decoded(n + ".txt", f"{i}{n}", len(t.encode()), "utf-8", t) for i, (n, t) in enumerate(texts.items())}
    return {n: (d, analyse(d, resources)) for n, d in docs.items()}


@pytest.mark.parametrize("parts", [[["seized"], ["told", "attack"]], [["told", "attack"], ["seized"]]],
                         ids=["known-kind-first", "other-first"])
def test_one_story_told_as_two_kinds_is_one_event_loaded_in_parts(tmp_path: Path, parts) -> None:
    """The later report finds the earlier event through its whole article's keys, whatever its kind."""
    analysed = _told_two_ways()
    whole = _in_one_run_and_in_parts(tmp_path, analysed, parts)
    doc = {analysed[n][1].doc_id: n for n in analysed}
    assert sorted((e[1], tuple(sorted({doc[m[2]] for m in whole["members"] if m[0] == e[0]}))) for e in whole["events"]) \
        == [("attack", ("attack",)), ("capture", ("seized", "told"))]


@pytest.mark.parametrize("parts", [[["r0", "r1", "r2", "r3"], ["c"]], [["c"], ["r0", "r1", "r2", "r3"]],
                                   [["r0", "r1"], ["c"], ["r2", "r3"]]],
                         ids=["condemnation-last", "condemnation-first", "condemnation-between"])
def test_a_condemnation_joining_a_bombings_reports_is_the_same_loaded_in_parts(tmp_path: Path, parts) -> None:
    """An undated condemnation of "the terrorist incident" in the bombing's town joins its four reports
    whichever run brings it: the index offers the earlier event, and the event is read whole."""
    resources = load_resources(find_project())
    texts = {**{f"r{i}": t for i, t in enumerate(BOMBING_REPORTS)}, "c": CONDEMNATION}
    docs = {n: Decoded(("" if n == "c" else "2015-08-06/") + n + ".txt", f"{i}{n}", len(t.encode()), "utf-8", t)
            for i, (n, t) in enumerate(texts.items())}
    analysed = {n: (d, analyse(d, resources)) for n, d in docs.items()}
    whole = _in_one_run_and_in_parts(tmp_path, analysed, parts)
    doc = {analysed[n][1].doc_id: n for n in analysed}
    bombing = [sorted({doc[m[2]] for m in whole["members"] if m[0] == e[0]}) for e in whole["events"] if e[1] == "bombing"]
    assert bombing == [["c", "r0", "r1", "r2", "r3"]]
    assert any(r[7] == "undated; same place" for r in whole["evidence"])


@pytest.mark.parametrize("parts", [[["r0", "r1", "r2", "r3"], ["c"]], [["c"], ["r0", "r1", "r2", "r3"]],
                                   [["r0", "r1"], ["c"], ["r2", "r3"]]],
                         ids=["reaction-last", "reaction-first", "reaction-between"])
def test_a_reaction_read_with_a_fires_reports_together_is_the_same_loaded_in_parts(tmp_path: Path, parts) -> None:
    """The chamber's call, alike no one report of the market fire enough, joins the four read together
    whichever run brings it: a report left alone is clustered again with new reports it could be read with."""
    resources = load_resources(find_project())
    texts = {**{f"r{i}": t for i, t in enumerate(FIRE_REPORTS)}, "c": FIRE_REACTION}
    docs = {n: Decoded(n + ".txt", f"{i}{n}", len(t.encode()), "utf-8", t) for i, (n, t) in enumerate(texts.items())}
    analysed = {n: (d, analyse(d, resources)) for n, d in docs.items()}
    whole = _in_one_run_and_in_parts(tmp_path, analysed, parts)
    doc = {analysed[n][1].doc_id: n for n in analysed}
    fire = [sorted({doc[m[2]] for m in whole["members"] if m[0] == e[0]}) for e in whole["events"] if e[1] == "fire"]
    assert fire == [["c", "r0", "r1", "r2", "r3"]]
    assert any(POOLED in r[7] for r in whole["evidence"] if doc[r[2]] == "c")


def test_a_warehouse_whose_keys_an_older_khabar_filed_by_type_still_finds_its_events(tmp_path: Path) -> None:
    """Before reports of two kinds could meet, a whole article's keys were filed under its unit's
    type: a new report still finds the events filed so."""
    # a report of no known type ("other") is filed under its whole article's keys alone: a reprint finds it there
    texts = {"a": TOLD_TWO_WAYS["told"], "b": TOLD_TWO_WAYS["told"] + "\n(واس)"}
    resources = load_resources(find_project())
    analysed = {n: (d, analyse(d, resources)) for n, d in
                ((n, Decoded(n + ".txt", f"{i}{n}", len(t.encode()), "utf-8", t)) for i, (n, t) in enumerate(texts.items()))}
    with Warehouse(tmp_path / "w.duckdb") as store:
        _load(store, [analysed["a"]], "first")
        cluster_new(store)
        store.con.execute(
            "update raw.event_keys k set key = e.event_type || substr(k.key, 2) from raw.event_units u, raw.events e"
            " where k.key like '*|%' and u.seq = k.seq and u.event_id = e.event_id")
        assert store.con.execute("select count(*) from raw.event_keys where key like '*|%'").fetchone()[0] == 0
        _load(store, [analysed["b"]], "second")
        cluster_new(store)
        members = store.con.execute("select event_id, list(distinct doc_id order by doc_id) from raw.event_members"
                                    " group by event_id").fetchall()
    assert [analysed["a"][1].doc_id, analysed["b"][1].doc_id] in [m[1] for m in members]


def test_a_clustering_whose_write_fails_midway_leaves_the_warehouse_as_it_was(demo, tmp_path: Path) -> None:
    """The increment is written in one transaction, each table's rows evicted from DuckDB's memory as
    they are written: a table that cannot be written after others were rolls all of them back."""
    with Warehouse(tmp_path / "w.duckdb") as store:
        _load(store, demo, "run")
        articles, mentions = event_state._read(store, event_state._FRESH)
        frames = list(derive.increment_frames(cluster_increment(mentions, articles, StoredEvents(store))))
        assert frames[0][1].height > 0
        with pytest.raises(WarehouseError):
            store.add_events([*frames, ("documents", frames[0][1])])
        assert store.count("events") == 0 and store.count("event_members") == 0
        store.add_events(frames)
        assert store.count("events") == frames[0][1].height


def test_a_clustering_is_written_when_duckdb_cannot_give_its_memory_back(demo, tmp_path: Path, monkeypatch) -> None:
    """Between the increment's tables DuckDB is asked to evict what it can; when it cannot get under
    the limit asked (a transaction's deletes stay in memory), the write goes on, whole: the asking
    must not abort the transaction (a 10k warehouse's +100 run did so once)."""
    monkeypatch.setattr("khabar.store.warehouse.EVICT_TO", "1KB")
    with Warehouse(tmp_path / "w.duckdb") as store:
        _load(store, demo, "run")
        assert cluster_new(store) > 0
        assert store.count("events") > 10
