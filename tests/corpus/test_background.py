"""The background statistics event grouping weighs words with ship as ``scripts/build_background_df.py``
writes them from ``../shared/corpora/news``: a change to how words or numbers become items (a scale
word, a separator) must come with a rebuild, or the shipped rarities belong to an older khabar."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter

from support import ROOT, shared_path

from khabar.corpus.story import (
    Background,
    Rarity,
    background_keys,
    load_background,
    weighing_with,
)

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


RELEASES = [("أعلنت وزارة العمل إيقاف استقدام العمالة المنزلية مؤقتا، وللإبلاغ الاتصال على 19911.", "ar"),
            ("ضبط مكتب العمل في خيبر منشآت مخالفة لقرار منع العمل تحت الشمس وأحالها للجان المختصة.", "ar"),
            ("أطلقت وزارة العمل المرحلة الثامنة من برنامج حماية الأجور للمنشآت الصغيرة.", "ar")]


def _counted(articles, min_df=1):
    df = Counter(k for text, lang in articles for k in background_keys(text, lang))
    return Background(len(articles), {k: n for k, n in df.items() if n >= min_df}, min_df)


def test_articles_counted_in_the_background_can_be_left_out_of_it():
    """An evaluation's articles are in the corpora the background is built from (a user's are not):
    left out, the statistics are those of the other articles, pruned as the shipped ones are."""
    assert _counted(RELEASES).without(RELEASES[:1]) == _counted(RELEASES[1:])
    assert _counted(RELEASES, min_df=2).without(RELEASES[2:]) == _counted(RELEASES[:2], min_df=2)
    assert "#19911" not in background_keys(RELEASES[0][0], "ar")  # a number to call is no figure
    assert "#19911" not in load_background().df


def test_rarity_is_counted_over_the_background_in_use():
    mine = _counted(RELEASES)
    with weighing_with(mine):
        assert Rarity.of([]).background is mine
    assert Rarity.of([]).background is load_background()
    assert load_background().documents > 10_000 and load_background().excluded  # the development set's ids
