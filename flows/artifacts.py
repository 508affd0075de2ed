"""What a run leaves on its Prefect flow-run page: the summary, the quarantine reasons as a table,
and links to the two docs sites (dbt's models and Great Expectations' validation results)."""
from __future__ import annotations

from pathlib import Path

from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_table_artifact,
)

from khabar.app.project import Project
from khabar.app.runs import RunSummary

DOCS_URL = "http://127.0.0.1:8080/"  # where ``khabar docs`` serves both sites by default
QUALITY_PATH = "quality/index.html"   # Data Docs, beside the dbt docs on the same server


def publish_artifacts(summary: RunSummary, project: Project) -> None:
    """The run's artifacts, under stable keys so the latest run of each is one click away."""
    create_markdown_artifact(markdown=summary.markdown(), key="khabar-run-summary",
                             description="files seen, loaded, quarantined by reason, per language, time by stage")
    create_table_artifact(
        table=[{"stage/reason": k, "files": v} for k, v in sorted(summary.quarantine_reasons.items())]
        or [{"stage/reason": "(none)", "files": 0}],
        key="khabar-quarantine", description="files quarantined by this run, by stage and reason",
    )
    create_link_artifact(key="khabar-dbt-docs", link=DOCS_URL, link_text="dbt docs (run `khabar docs`)",
                         description=f"static copy: {project.dbt_dir / 'target' / 'static_index.html'}")
    if summary.quality_docs:
        create_link_artifact(key="khabar-quality-docs", link=DOCS_URL + QUALITY_PATH,
                             link_text="data quality report (run `khabar docs`)",
                             description=f"this run's validation result: {Path(summary.quality_docs).as_uri()}")
