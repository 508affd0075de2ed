"""Shared fixtures: the project, ../shared when present, and one demo-corpus warehouse per session."""
from __future__ import annotations

import os
import shutil

import pytest
from support import ROOT

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("DBT_VERSION_CHECK", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ["KHABAR_PROJECT_DIR"] = str(ROOT)



@pytest.fixture(scope="session")
def project():
    from khabar.app.project import find_project

    return find_project(ROOT)


@pytest.fixture(scope="session")
def resources(project):
    from khabar.document.article import load_resources

    return load_resources(project)


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    os.environ.setdefault("PREFECT_HOME", str(tmp_path_factory.mktemp("prefect-home")))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def demo_landing(tmp_path_factory):
    """A copy of the bundled demo corpus (the tests may add files to it)."""
    dest = tmp_path_factory.mktemp("demo") / "landing"
    shutil.copytree(ROOT / "warehouse" / "landing", dest, ignore=shutil.ignore_patterns("README.md"))
    return dest


@pytest.fixture(scope="session")
def demo_run(prefect_harness, demo_landing, tmp_path_factory):
    """The pipeline run once on the demo corpus: (summary, warehouse path)."""
    from khabar_flows.pipeline import ingest_flow

    warehouse = tmp_path_factory.mktemp("wh") / "demo.duckdb"
    summary = ingest_flow(landing=str(demo_landing), warehouse=str(warehouse))
    return summary, warehouse
