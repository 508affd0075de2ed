"""The scheduled deployment: the ingest flow on a cron schedule, served from this process."""
from __future__ import annotations

from khabar_flows.pipeline import ingest_flow

DEFAULT_CRON = "0 6 * * *"
DEPLOYMENT_NAME = "khabar-daily"
CONCURRENCY_LIMIT = 1  # DuckDB allows one writing process: a run waits for the previous one (as in prefect.yaml)


class ScheduleError(ValueError):
    """A cron expression Prefect cannot schedule."""


def check_cron(cron: str) -> str:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError:
        raise ScheduleError(f"invalid cron schedule {cron!r} (expected five fields, e.g. '0 6 * * *')") from None
    return cron


def serve(cron: str = DEFAULT_CRON, landing: str | None = None, warehouse: str | None = None,
          name: str = DEPLOYMENT_NAME) -> None:
    """Serve the ingest flow as a deployment on ``cron`` against the configured Prefect API."""
    check_cron(cron)
    parameters = {k: v for k, v in (("landing", landing), ("warehouse", warehouse)) if v}
    ingest_flow.serve(name=name, cron=cron, parameters=parameters, global_limit=CONCURRENCY_LIMIT,
                      print_starting_message=True)
