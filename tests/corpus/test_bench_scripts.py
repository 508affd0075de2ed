"""The event benchmarks a developer runs by hand (``make eval-events``, ``bench/near_miss_fragility.py``)
still run against the code they measure, and the development set still groups as its labels say."""
from __future__ import annotations

import re
import subprocess
import sys

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
