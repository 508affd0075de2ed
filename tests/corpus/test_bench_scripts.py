"""The event benchmarks a developer runs by hand (``make eval-events``, ``bench/near_miss_fragility.py``)
still run against the code they measure, and the development set still groups as its labels say."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from support import ROOT, SHARED, shared_path


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "bench" / script), "--shared", str(SHARED), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_the_development_set_groups_as_labelled():
    shared_path("corpora", "news", "ar_saudinewsnet.jsonl")
    done = _run("eval_events.py", "--only", "dev", "--labels", str(ROOT / "bench" / "events_dev.json"))
    assert done.returncode == 0, done.stderr[-2000:]
    f1 = re.search(r"dev set: 103 articles in 49 happenings \(0 failed\); .* F1 (\d\.\d+)", done.stdout)
    assert f1 is not None, done.stdout[-2000:]
    assert float(f1.group(1)) >= 0.95
    assert "near miss MERGED" not in done.stdout


def test_the_near_miss_fragility_check_runs_on_the_labelled_near_misses():
    shared_path("corpora", "news", "ar_saudinewsnet.jsonl")
    done = _run("near_miss_fragility.py")
    assert done.returncode == 0, done.stderr[-2000:]
    summary = re.search(r"near misses joinable when compared directly: (\d+)/(\d+);.*"
                        r"pairs of reports of one happening joinable directly: (\d+)/(\d+)", done.stdout)
    assert summary is not None, done.stdout[-2000:]
    joinable, near_misses, can, same = map(int, summary.groups())
    assert near_misses > 0 and joinable < near_misses and 0 < can <= same


def test_the_natural_data_check_draws_joined_pairs_of_real_articles_for_reading(tmp_path):
    news = shared_path("corpora", "news", "ar_saudinewsnet.jsonl")
    out = tmp_path / "pairs.jsonl"
    # undated: files named by a hash of their id, which the pairs still give as corpus ids
    done = _run("natural_pairs.py", "--articles", "400", "--seed", "3", "--sample", "5", "--out", str(out), "--undated")
    assert done.returncode == 0, done.stderr[-2000:]
    joined = re.search(r"400 random articles \(seed 3\): (\d+) joined pairs", done.stdout)
    assert joined is not None and int(joined.group(1)) > 0, done.stdout[-2000:]
    assert "are of 3000 articles, seed 11: not scored on these" in done.stdout  # the judged pairs are of another draw
    drawn = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert 0 < len(drawn) <= 5
    ids = {json.loads(line)["id"] for line in news.read_text("utf-8").splitlines() if line.strip()}
    assert all(p["a"] in ids and p["b"] in ids and p["a"] < p["b"] and p["event_types"] for p in drawn)


@pytest.mark.parametrize("name", ["events_natural_judged.json", "events_natural_undated_judged.json"])
def test_the_judged_natural_pairs_are_corpus_ids_with_a_verdict(name):
    judged = json.loads((ROOT / "bench" / name).read_text("utf-8"))
    assert judged["corpus"] == "news/ar_saudinewsnet.jsonl" and judged["pairs"]
    assert all(set(p) <= {"a", "b", "same", "borderline", "why"} and isinstance(p["same"], bool) for p in judged["pairs"])
    assert len({(p["a"], p["b"]) for p in judged["pairs"]}) == len(judged["pairs"])


def test_the_roles_benchmark_scores_each_language_beside_the_rule_it_replaced():
    shared_path("corpora", "news", "fa_farsnews.jsonl")
    done = _run("eval_roles.py", "--split", "dev")
    assert done.returncode == 0, done.stderr[-2000:]
    for lang in ("ar", "fa", "ur"):
        ours = re.search(rf"^{lang} dev: (\d+)/(\d+) names right", done.stdout, re.M)
        rule = re.search(rf"^{lang} dev, position rule: (\d+)/(\d+) names right", done.stdout, re.M)
        assert ours and rule, done.stdout[-2000:]
        assert int(ours.group(2)) > 50 and ours.group(2) == rule.group(2)
        assert int(ours.group(1)) > int(rule.group(1))  # khabar's roles beat before/after the trigger
    assert "no longer found" not in done.stdout


def test_the_roles_gold_holds_corpus_ids_offsets_and_roles_only():
    gold = json.loads((ROOT / "bench" / "roles_gold.json").read_text("utf-8"))
    roles = {"actor", "target", "participant", "none", "not_a_name"}
    for item in gold["items"]:
        assert set(item) == {"lang", "split", "corpus", "id", "trigger_start", "event_type", "trigger_ok", "roles"}
        assert item["split"] in ("dev", "dev2", "heldout", "heldout2") and isinstance(item["trigger_start"], int)
        assert set(item["roles"].values()) <= roles
        assert not any(re.search("[\u0600-\u06ff]", name) for name in item["roles"])  # made-up names as digests
    assert {i["lang"] for i in gold["items"]} == {"ar", "fa", "ur"}
