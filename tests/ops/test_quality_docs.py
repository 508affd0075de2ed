"""Great Expectations the 1.x way: batches leave nothing on disk, each run stores one validation
result tagged with its run id, Data Docs keep the last runs only and open offline in a browser."""
from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest
from browser import dump_dom

from khabar.store import quality, quality_docs

TODAY = dt.date(2026, 11, 22)
TEXT = "قال وزير الخارجية إن المحادثات كانت مثمرة وستستمر الأسبوع المقبل."
# a page loading something from another machine: a script, a stylesheet, an image
EXTERNAL_LOAD = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']https?://""")


def documents(*rows: dict) -> pl.DataFrame:
    base = {"lang": "ar", "lang_confidence": 0.9, "text": TEXT, "published_date": dt.date(2025, 6, 10),
            "date_calendar": "gregorian"}
    return pl.DataFrame([{**base, **r} for r in rows], schema={
        "doc_id": pl.Utf8, "lang": pl.Utf8, "lang_confidence": pl.Float64, "text": pl.Utf8,
        "published_date": pl.Date, "date_calendar": pl.Utf8})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Three runs recorded in a fresh file context that keeps two."""
    root = tmp_path_factory.mktemp("expectations")
    keep = quality_docs.KEEP_RUNS
    quality_docs.KEEP_RUNS = 2
    try:
        batch = quality.validate(documents({"doc_id": "good"}, {"doc_id": "bad", "lang": "xx"}), today=TODAY)
        pages = [quality.record_run([batch.checked], root, f"run-{i}", today=TODAY) for i in range(3)]
    finally:
        quality_docs.KEEP_RUNS = keep
    return root, pages


def test_the_date_is_a_suite_parameter_so_the_suite_does_not_change_daily():
    before = quality.validate(documents({"doc_id": "a", "published_date": dt.date(2026, 11, 23)}), today=TODAY)
    after = quality.validate(documents({"doc_id": "a", "published_date": dt.date(2026, 11, 23)}),
                             today=TODAY + dt.timedelta(days=1))
    assert [f.rule for f in before.failures] == ["expect_column_values_to_be_between(published_date)"]
    assert after.failures == ()
    context, _ = quality._batch_checkpoint()
    assert context.validation_results_store.list_keys() == []  # batches keep nothing


def test_one_result_per_run_and_only_the_last_runs_are_kept(site):
    root, pages = site
    stored = sorted(p.relative_to(root / "gx" / "uncommitted" / "validations" / "documents").parts[0]
                    for p in (root / "gx" / "uncommitted" / "validations").rglob("*.json"))
    assert stored == ["run-1", "run-2"]
    rendered = quality_docs.local_site(root) / "validations" / "documents"
    assert sorted(p.name for p in rendered.iterdir()) == ["run-1", "run-2"]
    assert pages[-1] == quality_docs.local_site(root) / "index.html"


def test_no_page_of_the_site_loads_anything_from_the_web(site):
    root, _ = site
    pages = list(quality_docs.local_site(root).rglob("*.html"))
    assert len(pages) == 3  # the index and one page per kept run
    assert [p.name for p in pages if EXTERNAL_LOAD.search(p.read_text(encoding="utf-8"))] == []


@pytest.mark.parametrize("html, kept, dropped", [
    pytest.param('<head><script src="https://code.jquery.com/jquery-3.7.1.min.js"></script></head>',
                 '<script src="../static/khabar/offline.js">', "code.jquery.com", id="cdn-script-replaced-by-local"),
    pytest.param('<head><link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/b.css"/></head>',
                 '<link rel="stylesheet" href="../static/khabar/offline.css">', "bootstrapcdn", id="cdn-stylesheet-dropped"),
    pytest.param('<head></head><img src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png">',
                 '<img src="../static/images/logo-long.png">', "amazonaws", id="logo-from-the-site-itself"),
    pytest.param('<head></head><a href="https://greatexpectations.io">GX</a>',
                 '<a href="https://greatexpectations.io">GX</a>', "never-there", id="plain-links-stay"),
])
def test_offline_html(html, kept, dropped):
    page = quality_docs.offline_html(html, "../")
    assert kept in page and dropped not in page
    assert quality_docs.offline_html(page, "../") == page  # idempotent


def test_the_index_and_a_run_page_render_in_a_browser_without_network(site, tmp_path):
    root, pages = site
    index = dump_dom(pages[-1].as_uri(), tmp_path)
    assert "run-2" in index and "run-1" in index and "run-0" not in index  # rows drawn by offline.js
    run_page = next((quality_docs.local_site(root) / "validations" / "documents" / "run-2").rglob("*.html"))
    dom = dump_dom(run_page.as_uri(), tmp_path)
    assert "lang" in dom and "xx" in dom  # the failing value is shown
