"""One Prefect server for every deployment test, and helpers to drive Chromium."""
from __future__ import annotations

import pytest
from prefect_api import start, stop

from khabar.app.lifecycle import _free_port


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("prefect-server")
    proc, server = start(base / "home", _free_port(), base / "server.log")
    try:
        yield server
    finally:
        stop(proc)
