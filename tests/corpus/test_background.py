"""The background statistics event grouping weighs words with ship as ``scripts/build_background_df.py``
writes them from ``../shared/corpora/news``: a change to how words or numbers become items (a scale
word, a separator) must come with a rebuild, or the shipped rarities belong to an older khabar."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys

from support import ROOT, shared_path

SHIPPED = ROOT / "src" / "khabar" / "data" / "events" / "background_df.json.gz"


def _read(path):
    return json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))


def test_shipped_background_is_what_the_script_builds(tmp_path):
    news = shared_path("corpora", "news")
    out = tmp_path / "background_df.json.gz"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_background_df.py"), "--news", str(news),
         "--exclude", str(ROOT / "bench" / "events_dev.json"), "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    built, shipped = _read(out), _read(SHIPPED)
    assert built["documents"] == shipped["documents"]
    differ = sorted(k for k in built["df"].keys() | shipped["df"].keys() if built["df"].get(k) != shipped["df"].get(k))
    assert not differ, f"{len(differ)} items differ (e.g. {differ[:5]}): rerun scripts/build_background_df.py"
    assert out.read_bytes() == SHIPPED.read_bytes()
