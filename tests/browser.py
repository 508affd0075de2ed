"""A real headless Chromium for the tests that open a docs site or the Prefect dashboard."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

# no network beyond what the page asks for, no first-run or sync requests of the browser itself
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless Chromium on this machine (make browser installs Debian's chromium)")


def dump_dom(url: str, tmp_path: Path, budget_ms: int = 15000) -> str:
    """The DOM after the page's scripts ran for ``budget_ms`` of virtual time."""
    out = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chrome'}",
         f"--virtual-time-budget={budget_ms}", "--dump-dom", url],
        capture_output=True, text=True, timeout=180)
    return out.stdout
