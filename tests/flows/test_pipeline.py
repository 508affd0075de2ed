"""The ingest flow end to end on the demo corpus, under a Prefect test harness: warehouse rows."""
from __future__ import annotations

import json
import shutil

import pytest
from support import ROOT, query

EXPECTED = json.loads((ROOT / "warehouse" / "demo_expected.json").read_text(encoding="utf-8"))["files"]
CONTRACT_TABLES = [
    "raw.documents", "raw.quarantine", "marts.fct_articles", "marts.dim_outlets", "marts.bridge_article_outlets",
    "marts.dim_entities", "marts.fct_entity_mentions", "marts.fct_events", "marts.bridge_event_articles",
    "marts.bridge_event_participants",
]

pytestmark = pytest.mark.slow


def test_every_file_is_loaded_or_quarantined_never_lost(demo_run, demo_landing):
    summary, wh = demo_run
    on_disk = sorted(p.relative_to(demo_landing).as_posix() for p in demo_landing.rglob("*") if p.is_file())
    loaded = {r[0] for r in query(wh, "select source_path from raw.documents")}
    quarantined = {r[0] for r in query(wh, "select source_path from raw.quarantine")}
    assert not loaded & quarantined
    assert sorted(loaded | quarantined) == on_disk
    assert summary["files_seen"] == len(on_disk)
    assert summary["loaded"] + summary["quarantined"] == len(on_disk)


@pytest.mark.parametrize("path", [p for p, e in EXPECTED.items() if e["expect"] == "quarantine"])
def test_bad_files_are_quarantined_with_stage_and_reason(demo_run, path):
    _, wh = demo_run
    rows = query(wh, "select stage, reason, detail, run_id from raw.quarantine where source_path = ?", path)
    assert len(rows) == 1, rows
    stage, reason, detail, run_id = rows[0]
    assert (stage, reason) == (EXPECTED[path]["quarantine_stage"], EXPECTED[path]["quarantine_reason"])
    assert detail and run_id


@pytest.mark.parametrize("path", ["inbox/legacy_cp1256.txt", "inbox/persian_utf16.txt"])
def test_legacy_and_utf16_files_load_as_readable_text(demo_run, path):
    _, wh = demo_run
    (encoding, lang), = query(wh, "select encoding, lang from raw.documents where source_path = ?", path)
    assert lang == EXPECTED[path]["lang"]
    assert encoding in {"cp1256", "windows-1256", "utf-16"}


def test_languages_of_the_demo_articles(demo_run):
    _, wh = demo_run
    got = dict(query(wh, "select source_path, lang from marts.fct_articles"))
    want = {p: e["lang"] for p, e in EXPECTED.items() if e["expect"] == "load"}
    wrong = {p: (got.get(p), l) for p, l in want.items() if got.get(p) != l}
    assert not wrong


def test_every_contract_table_has_rows(demo_run):
    _, wh = demo_run
    empty = [t for t in CONTRACT_TABLES if t != "raw.quarantine" and query(wh, f"select count(*) from {t}")[0][0] == 0]
    assert not empty


def test_an_event_reported_in_several_languages_is_one_event(demo_run):
    _, wh = demo_run
    rows = query(wh, "select event_type, article_count, language_count from marts.fct_events "
                     "where language_count >= 2 order by article_count desc")
    assert len(rows) >= 3, rows
    assert rows[0][0] == "meeting"


def test_reports_of_the_same_happening_share_an_event_and_others_do_not(demo_run):
    """Pairwise: two demo articles share an event exactly when they report the same happening."""
    _, wh = demo_run
    events = {}
    for path, event_id in query(wh, "select a.source_path, b.event_id from marts.fct_articles a "
                                    "join marts.bridge_event_articles b using (article_id)"):
        events.setdefault(path, set()).add(event_id)
    files = sorted(p for p, e in EXPECTED.items() if e["expect"] == "load")
    tp = fp = fn = 0
    for i, a in enumerate(files):
        for b in files[i + 1:]:
            same = bool(events.get(a, set()) & events.get(b, set()))
            truth = EXPECTED[a]["event"] is not None and EXPECTED[a]["event"] == EXPECTED[b]["event"]
            tp += same and truth
            fp += same and not truth
            fn += truth and not same
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, (tp, fp, fn)


def test_publishers_are_read_from_the_text(demo_run):
    _, wh = demo_run
    found = dict(query(wh, "select source_path, publisher_outlet_id from marts.fct_articles"))
    want = {p: e["outlet_id"] for p, e in EXPECTED.items() if e["expect"] == "load" and e.get("outlet_id")}
    right = sum(found.get(p) == o for p, o in want.items())
    wrong = {p: (found.get(p), o) for p, o in want.items() if found.get(p) not in (o, None)}
    assert not wrong  # a publisher named is the right one
    assert right >= 0.9 * len(want), sorted((p, found.get(p), o) for p, o in want.items() if found.get(p) != o)


def test_rerun_adds_nothing_and_keeps_ids(prefect_harness, demo_run, demo_landing, tmp_path):
    from khabar_flows.pipeline import ingest_flow

    _, wh = demo_run
    copy = tmp_path / "again.duckdb"
    shutil.copy(wh, copy)
    tables = ["raw.documents", "raw.quarantine", "raw.entity_mentions", "marts.fct_articles", "marts.fct_events",
              "marts.bridge_event_articles", "marts.dim_outlets"]
    before = {t: query(copy, f"select count(*) from {t}")[0][0] for t in tables}
    ids_before = query(copy, "select article_id from marts.fct_articles order by 1")
    events_before = query(copy, "select event_id from marts.fct_events order by 1")

    summary = ingest_flow(landing=str(demo_landing), warehouse=str(copy))

    assert summary["loaded"] == 0
    assert summary["already_loaded"] == before["raw.documents"]
    assert {t: query(copy, f"select count(*) from {t}")[0][0] for t in tables} == before
    assert query(copy, "select article_id from marts.fct_articles order by 1") == ids_before
    assert query(copy, "select event_id from marts.fct_events order by 1") == events_before


def test_a_changed_file_adds_a_new_version(prefect_harness, demo_run, demo_landing, tmp_path):
    from khabar_flows.pipeline import ingest_flow

    _, wh = demo_run
    copy = tmp_path / "changed.duckdb"
    shutil.copy(wh, copy)
    landing = tmp_path / "landing"
    shutil.copytree(demo_landing, landing)
    path = next(p for p, e in EXPECTED.items() if e["expect"] == "load" and e["lang"] == "fa")
    target = landing / path
    target.write_text(target.read_text(encoding="utf-8") + "\nویرایش شد: یک جمله تازه به گزارش افزوده شد.\n",
                      encoding="utf-8")

    summary = ingest_flow(landing=str(landing), warehouse=str(copy))

    assert summary["loaded"] == 1
    versions = query(copy, "select is_current_version from marts.fct_articles where source_path = ? "
                           "order by loaded_at", path)
    assert [v for (v,) in versions] == [False, True]


def test_the_example_sql_in_the_readme_runs_against_the_warehouse(demo_run):
    _, wh = demo_run
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sql\n")[1:]
    statements = [s.strip() for b in blocks for s in b.split("```")[0].split(";") if s.strip()]
    assert len(statements) >= 4
    results = [query(wh, s) for s in statements]
    assert results[1], "events reported in more than one language"
    assert results[3], "quarantine by reason"
