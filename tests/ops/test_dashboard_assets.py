"""The Prefect dashboard khabar switches on ships inside the prefect wheel and loads nothing from the
web: no script, stylesheet or font from a CDN, so it works on a machine without a network."""
from __future__ import annotations

import re
from pathlib import Path

EXTERNAL_LOAD = re.compile(r"""(?:src|href)=["']https?://""")
EXTERNAL_CSS = re.compile(r"""url\(["']?https?://|@import\s+["']?https?://""")


def _ui() -> Path:
    import prefect.server

    return Path(prefect.server.__file__).parent / "ui"


def test_the_dashboard_page_loads_only_its_own_files():
    index = (_ui() / "index.html").read_text(encoding="utf-8")
    assert "assets/index-" in index  # the built dashboard is there
    assert not EXTERNAL_LOAD.findall(index)


def test_the_dashboard_stylesheets_import_nothing_from_the_web():
    sheets = list((_ui() / "assets").glob("*.css"))
    assert sheets
    offending = [s.name for s in sheets if EXTERNAL_CSS.search(s.read_text(encoding="utf-8"))]
    assert offending == []


def test_khabar_no_longer_switches_the_dashboard_off():
    from khabar.app.project import QUIET_ENV

    assert QUIET_ENV.get("PREFECT_UI_ENABLED", "true") != "false"
