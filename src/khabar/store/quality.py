"""Content rules on loaded documents, run by Great Expectations.

The suite is defined here, in code (the source of truth). It does not change from day to day: the
latest acceptable publication date is a suite parameter (``{"$PARAMETER": "latest_date"}``) bound
when a batch is validated. dbt tests hold keys and relationships; these rules hold content:
language in the supported set, confidence in range, text length sane, dates neither in the future
nor before 1900, calendar known. Rows that break a rule are reported with the rule's name so the
caller can quarantine them; batch-level rules are reported as flags.

Batches are validated in an ephemeral context built once per process (nothing written to disk).
Once per run, :func:`record_run` validates everything the run checked in the file context under
``expectations/``: one validation result tagged with the run id, rendered into Data Docs
(:mod:`khabar.store.quality_docs`), older results pruned.

Great Expectations is imported lazily (it takes seconds to import).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from khabar.document.language import SUPPORTED_LANGUAGES

SUITE = "documents"
CHECKPOINT = "after_ingest"
DATASOURCE, ASSET, BATCH = "khabar", "documents", "batch"
MIN_TEXT_CHARS = 20
MAX_TEXT_CHARS = 2_000_000
EARLIEST_DATE = dt.date(1900, 1, 1)
MIN_MEAN_CONFIDENCE = 0.6
CALENDARS = ("gregorian", "jalali", "hijri", "relative", "none")
# what the rules look at: the text itself is replaced by its length, so a run's worth of checked
# rows stays small enough to validate once more at the end of the run
CHECKED_SCHEMA = {"doc_id": pl.Utf8, "lang": pl.Utf8, "lang_confidence": pl.Float64, "text_chars": pl.Int64,
                  "published_date": pl.Datetime("us"), "date_calendar": pl.Utf8}
LATEST_DATE = "latest_date"  # suite parameter: no publication date after the day of the run
RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["doc_id"]}


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
    checked: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=CHECKED_SCHEMA))

    @property
    def failed_ids(self) -> set[str]:
        return {f.doc_id for f in self.failures}


def _expectations() -> list:
    import great_expectations.expectations as gxe

    quarantine = {"on_fail": "quarantine"}
    return [
        gxe.ExpectColumnValuesToBeUnique(column="doc_id", meta=quarantine),
        gxe.ExpectColumnValuesToNotBeNull(column="lang", meta=quarantine),
        gxe.ExpectColumnValuesToBeInSet(column="lang", value_set=sorted(SUPPORTED_LANGUAGES), meta=quarantine),
        gxe.ExpectColumnValuesToBeBetween(column="lang_confidence", min_value=0.0, max_value=1.0, meta=quarantine),
        gxe.ExpectColumnValuesToBeBetween(
            column="text_chars", min_value=MIN_TEXT_CHARS, max_value=MAX_TEXT_CHARS, meta=quarantine
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="published_date",
            min_value=dt.datetime.combine(EARLIEST_DATE, dt.time()),
            max_value={"$PARAMETER": LATEST_DATE},
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


def _import_gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    return gx


def _checkpoint(context, *, reuse_saved: bool):
    """The ``after_ingest`` checkpoint in ``context``; a file context keeps what it saved before."""
    gx = _import_gx()
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    sources = context.data_sources
    source = sources.get(DATASOURCE) if reuse_saved and DATASOURCE in sources.all() else sources.add_pandas(DATASOURCE)
    asset = (source.get_asset(ASSET) if ASSET in {a.name for a in source.assets}
             else source.add_dataframe_asset(ASSET))
    batch = (asset.get_batch_definition(BATCH) if BATCH in {b.name for b in asset.batch_definitions}
             else asset.add_batch_definition_whole_dataframe(BATCH))
    suite = context.suites.add_or_update(gx.ExpectationSuite(name=SUITE, expectations=_expectations()))
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(data=batch, suite=suite, name=f"{SUITE}_{CHECKPOINT}")
    )
    return context.checkpoints.add_or_update(
        gx.Checkpoint(name=CHECKPOINT, validation_definitions=[definition], actions=[], result_format=RESULT_FORMAT)
    )


_BUILDING = threading.Lock()


def prepare_in_background() -> None:
    """Import GX and build the batch checkpoint in a thread, while the documents are analysed
    elsewhere: the seconds GX takes to import are then not spent waiting. Any error surfaces again
    when ``validate`` builds it."""
    def prepare() -> None:
        with contextlib.suppress(Exception):  # validate() builds it again and reports the error there
            _batch_checkpoint()

    threading.Thread(target=prepare, name="khabar-gx-prepare", daemon=True).start()


def _batch_checkpoint():
    with _BUILDING:  # once per process, whichever thread asks first
        return _build_batch_checkpoint()


@functools.lru_cache(maxsize=1)
def _build_batch_checkpoint():
    """Built once per process in an ephemeral context: batches leave no files behind (not even the
    temporary Data Docs folder GX's default ephemeral config makes)."""
    gx = _import_gx()
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
    )

    config = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False))
    context = gx.get_context(mode="ephemeral", project_config=config)
    return context, _checkpoint(context, reuse_saved=False)


def checked_view(documents: pl.DataFrame) -> pl.DataFrame:
    """The columns the rules read, with the text replaced by its length in characters."""
    return documents.select(
        "doc_id", "lang", "lang_confidence", pl.col("text").str.len_chars().cast(pl.Int64).alias("text_chars"),
        pl.col("published_date").cast(pl.Datetime("us")), "date_calendar",
    )


def _run(checkpoint, view: pl.DataFrame, today: dt.date, run_id=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return checkpoint.run(
            batch_parameters={"dataframe": view.to_pandas()},
            expectation_parameters={LATEST_DATE: dt.datetime.combine(today, dt.time())},
            run_id=run_id,
        )


def validate(documents: pl.DataFrame, today: dt.date | None = None) -> Report:
    """Validate a batch of documents (a polars frame shaped like raw.documents)."""
    if documents.is_empty():
        return Report((), ())
    view = checked_view(documents)
    context, checkpoint = _batch_checkpoint()
    result = _run(checkpoint, view, today or dt.date.today())
    for key in result.run_results:
        context.validation_results_store.remove_key(key)  # a long-lived process keeps nothing
    failures, flags = _outcomes(result)
    return Report(tuple(failures), tuple(flags), view)


def _outcomes(result) -> tuple[list[RowFailure], list[str]]:
    failures: list[RowFailure] = []
    flags: list[str] = []
    for run in result.run_results.values():
        for outcome in run.results:
            if outcome.success:
                continue
            config = outcome.expectation_config
            column = config.kwargs.get("column")
            rule = f"{config.type}({column})"
            if (config.meta or {}).get("on_fail") == "flag":
                flags.append(f"{rule}: observed {outcome.result.get('observed_value', outcome.result.get('unexpected_percent'))}")
                continue
            rows = outcome.result.get("unexpected_index_list") or []
            if not rows:
                raise QualityError(f"validation rule {rule} failed without naming rows: {_exception_message(outcome)}")
            failures += [RowFailure(row["doc_id"], rule, f"{column}={_plain(row.get(column))!r}"[:200]) for row in rows]
    return failures, flags


def _plain(value):
    """numpy and pandas scalars as the Python values they hold (``5``, not ``np.int64(5)``)."""
    return value.item() if hasattr(value, "item") else value


def _exception_message(outcome) -> str:
    info = outcome.exception_info or {}
    if "exception_message" in info:
        return str(info["exception_message"])
    messages = [v.get("exception_message") for v in info.values() if isinstance(v, dict)]
    return "; ".join(m for m in messages if m) or "no exception recorded"


def record_run(checked: Sequence[pl.DataFrame], root: Path, run_id: str, today: dt.date | None = None) -> Path | None:
    """One validation result for the whole run, tagged with ``run_id``, stored in the file context
    under ``root`` and rendered into its Data Docs; results of older runs beyond the last
    ``quality_docs.KEEP_RUNS`` are pruned. Returns the Data Docs index page (None: nothing checked)."""
    frames = [f for f in checked if not f.is_empty()]
    if not frames:
        return None
    from great_expectations.core.run_identifier import RunIdentifier

    from khabar.store import quality_docs

    gx = _import_gx()
    context = gx.get_context(mode="file", project_root_dir=str(root))
    checkpoint = _checkpoint(context, reuse_saved=True)
    stamp = RunIdentifier(run_name=run_id, run_time=dt.datetime.now(dt.timezone.utc))
    result = _run(checkpoint, pl.concat(frames), today or dt.date.today(), run_id=stamp)
    return quality_docs.publish(context, list(result.run_results))
