"""Where a khabar project's parts live: dbt project, seeds, expectations, warehouse, Prefect home.

A project is the folder holding ``dbt/dbt_project.yml`` and ``pyproject.toml``; it is found from
``KHABAR_PROJECT_DIR`` or by walking up from the working directory.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ENV = "KHABAR_PROJECT_DIR"
# set for every khabar process and the dbt it starts: no telemetry, no version checks, patient start-up
QUIET_ENV = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DBT_VERSION_CHECK": "false",
    "GX_ANALYTICS_ENABLED": "False",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}
# DuckDB and polars each carry their own jemalloc, which keeps freed pages for later; a run loads
# batch after batch and the pages kept added up (~25 MB per 1,000 documents loaded, measured):
# return them at once. Read when the library first allocates, so set before duckdb/polars import.
ALLOCATOR_ENV = {
    "DUCKDB_JE_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0",
    "_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0",
}


class ProjectNotFound(RuntimeError):
    """No khabar project above the working directory."""


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def dbt_dir(self) -> Path:
        return self.root / "dbt"

    @property
    def seeds_dir(self) -> Path:
        return self.dbt_dir / "seeds"

    @property
    def expectations_dir(self) -> Path:
        return self.root / "expectations"

    @property
    def default_landing(self) -> Path:
        return self.root / "warehouse" / "landing"

    @property
    def default_warehouse(self) -> Path:
        return self.root / "warehouse" / "khabar.duckdb"

    @property
    def prefect_home(self) -> Path:
        return self.root / ".prefect"

    @property
    def outlets_csv(self) -> Path:
        return self.seeds_dir / "outlets.csv"

    @property
    def entities_csv(self) -> Path:
        return self.seeds_dir / "entities.csv"

    @property
    def entity_aliases_csv(self) -> Path:
        return self.seeds_dir / "entity_aliases.csv"


def _is_root(path: Path) -> bool:
    return (path / "dbt" / "dbt_project.yml").is_file() and (path / "pyproject.toml").is_file()


def find_project(start: Path | None = None) -> Project:
    env = os.environ.get(PROJECT_ENV)
    if env:
        root = Path(env).resolve()
        if not _is_root(root):
            raise ProjectNotFound(f"{PROJECT_ENV}={env} is not a khabar project (no dbt/dbt_project.yml)")
        return Project(root)
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if _is_root(candidate):
            return Project(candidate)
    raise ProjectNotFound(
        f"no khabar project at or above {here}: run from the repository root or set {PROJECT_ENV}"
    )
