"""Content rules on loaded documents, run by Great Expectations.

The suite is defined here, in code (the source of truth), and saved into the file context under
``expectations/`` each run with ``add_or_update``. dbt tests hold keys and relationships; these
rules hold content: language in the supported set, confidence in range, text length sane, dates
neither in the future nor before 1900, calendar known. Rows that break a rule are reported with the
rule's name so the caller can quarantine them; batch-level rules are reported as flags.

Great Expectations is imported inside ``validate`` (it takes seconds to import).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from khabar.document.language import SUPPORTED_LANGUAGES

SUITE = "documents"
CHECKPOINT = "after_ingest"
MIN_TEXT_CHARS = 20
MAX_TEXT_CHARS = 2_000_000
EARLIEST_DATE = dt.date(1900, 1, 1)
MIN_MEAN_CONFIDENCE = 0.6
CALENDARS = ("gregorian", "jalali", "hijri", "relative", "none")
VALIDATED_COLUMNS = ("doc_id", "lang", "lang_confidence", "text", "published_date", "date_calendar")


class QualityError(RuntimeError):
    """A rule could not be evaluated (a bug or a schema change, not bad data)."""


@dataclass(frozen=True)
class RowFailure:
    doc_id: str
    rule: str
    detail: str


@dataclass(frozen=True)
class Report:
    failures: tuple[RowFailure, ...]
    flags: tuple[str, ...]  # batch-level rules that did not hold (recorded, nothing quarantined)

    @property
    def failed_ids(self) -> set[str]:
        return {f.doc_id for f in self.failures}


def _expectations(today: dt.date) -> list:
    import great_expectations.expectations as gxe

    quarantine = {"on_fail": "quarantine"}
    return [
        gxe.ExpectColumnValuesToBeUnique(column="doc_id", meta=quarantine),
        gxe.ExpectColumnValuesToNotBeNull(column="lang", meta=quarantine),
        gxe.ExpectColumnValuesToBeInSet(column="lang", value_set=sorted(SUPPORTED_LANGUAGES), meta=quarantine),
        gxe.ExpectColumnValuesToBeBetween(column="lang_confidence", min_value=0.0, max_value=1.0, meta=quarantine),
        gxe.ExpectColumnValueLengthsToBeBetween(
            column="text", min_value=MIN_TEXT_CHARS, max_value=MAX_TEXT_CHARS, meta=quarantine
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="published_date",
            min_value=dt.datetime.combine(EARLIEST_DATE, dt.time()),
            max_value=dt.datetime.combine(today, dt.time()),
            meta=quarantine,
        ),
        gxe.ExpectColumnValuesToBeInSet(column="date_calendar", value_set=list(CALENDARS), meta=quarantine),
        # the confidence distribution of a batch: many low-confidence documents mean a feed in a
        # language we do not know well, or broken decoding; flagged, nothing is lost
        gxe.ExpectColumnMeanToBeBetween(
            column="lang_confidence", min_value=MIN_MEAN_CONFIDENCE, max_value=1.0, meta={"on_fail": "flag"}
        ),
        gxe.ExpectColumnValuesToNotBeInSet(
            column="lang", value_set=["und"], mostly=0.95, meta={"on_fail": "flag"}
        ),
    ]


def _checkpoint(root: Path, today: dt.date):
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    # reuse what is saved: re-adding it would rewrite great_expectations.yml with new ids every run
    if "khabar" in context.data_sources.all():
        source = context.data_sources.get("khabar")
    else:
        source = context.data_sources.add_pandas("khabar")
    if "documents" in {a.name for a in source.assets}:
        asset = source.get_asset("documents")
    else:
        asset = source.add_dataframe_asset("documents")
    if "batch" in {b.name for b in asset.batch_definitions}:
        batch = asset.get_batch_definition("batch")
    else:
        batch = asset.add_batch_definition_whole_dataframe("batch")
    suite = context.suites.add_or_update(gx.ExpectationSuite(name=SUITE, expectations=_expectations(today)))
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(data=batch, suite=suite, name=f"{SUITE}_{CHECKPOINT}")
    )
    return context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=CHECKPOINT,
            validation_definitions=[definition],
            actions=[],
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["doc_id"]},
        )
    )


def validate(documents: pl.DataFrame, root: Path, today: dt.date | None = None) -> Report:
    """Validate a batch of documents (a polars frame shaped like raw.documents)."""
    if documents.is_empty():
        return Report((), ())
    today = today or dt.date.today()
    view = documents.select(VALIDATED_COLUMNS).with_columns(pl.col("published_date").cast(pl.Datetime("us"))).to_pandas()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = _checkpoint(root, today).run(batch_parameters={"dataframe": view})
    failures: list[RowFailure] = []
    flags: list[str] = []
    for run in result.run_results.values():
        for outcome in run.results:
            if outcome.success:
                continue
            config = outcome.expectation_config
            rule = f"{config.type}({config.kwargs.get('column')})"
            if (config.meta or {}).get("on_fail") == "flag":
                flags.append(f"{rule}: observed {outcome.result.get('observed_value', outcome.result.get('unexpected_percent'))}")
                continue
            rows = outcome.result.get("unexpected_index_list") or []
            if not rows:
                raise QualityError(f"validation rule {rule} failed without naming rows: {_exception_message(outcome)}")
            for row in rows:
                column = config.kwargs.get("column")
                failures.append(RowFailure(row["doc_id"], rule, f"{column}={row.get(column)!r}"[:200]))
    return Report(tuple(failures), tuple(flags))


def _exception_message(outcome) -> str:
    info = outcome.exception_info or {}
    if "exception_message" in info:
        return str(info["exception_message"])
    messages = [v.get("exception_message") for v in info.values() if isinstance(v, dict)]
    return "; ".join(m for m in messages if m) or "no exception recorded"
