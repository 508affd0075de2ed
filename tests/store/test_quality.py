"""Content rules (Great Expectations): rows that break a rule are named, with the rule."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from khabar.store import quality

TODAY = dt.date(2026, 11, 22)
TEXT = "قال وزير الخارجية إن المحادثات كانت مثمرة وستستمر الأسبوع المقبل."


def frame(rows):
    base = {"lang": "ar", "lang_confidence": 0.9, "text": TEXT, "published_date": dt.date(2025, 6, 10),
            "date_calendar": "gregorian"}
    return pl.DataFrame([{**base, **r} for r in rows], schema={
        "doc_id": pl.Utf8, "lang": pl.Utf8, "lang_confidence": pl.Float64, "text": pl.Utf8,
        "published_date": pl.Date, "date_calendar": pl.Utf8})


@pytest.mark.parametrize(
    "row, rule",
    [
        pytest.param({"lang": "xx"}, "expect_column_values_to_be_in_set(lang)", id="language-outside-the-set"),
        pytest.param({"lang_confidence": 1.4}, "expect_column_values_to_be_between(lang_confidence)", id="confidence-above-1"),
        pytest.param({"text": "كلمة"}, "expect_column_values_to_be_between(text_chars)", id="text-too-short"),
        pytest.param({"published_date": dt.date(2027, 1, 1)}, "expect_column_values_to_be_between(published_date)", id="date-in-the-future"),
        pytest.param({"published_date": dt.date(1895, 1, 1)}, "expect_column_values_to_be_between(published_date)", id="date-before-1900"),
        pytest.param({"date_calendar": "julian"}, "expect_column_values_to_be_in_set(date_calendar)", id="unknown-calendar"),
    ],
)
def test_a_row_breaking_a_rule_is_reported_with_the_rule(row, rule):
    report = quality.validate(frame([{"doc_id": "good"}, {"doc_id": "bad", **row}]), today=TODAY)
    assert [(f.doc_id, f.rule) for f in report.failures] == [("bad", rule)]


def test_null_dates_and_und_documents_pass_the_row_rules():
    report = quality.validate(
        frame([{"doc_id": "a", "published_date": None, "date_calendar": "none"},
               {"doc_id": "b", "lang": "und", "lang_confidence": 0.1}]), today=TODAY)
    assert report.failures == ()


def test_a_batch_of_low_confidence_documents_is_flagged_not_quarantined():
    report = quality.validate(
        frame([{"doc_id": str(i), "lang": "und", "lang_confidence": 0.1} for i in range(4)]), today=TODAY)
    assert report.failures == ()
    assert any("lang_confidence" in f for f in report.flags)
    assert any("not_be_in_set(lang)" in f for f in report.flags)
