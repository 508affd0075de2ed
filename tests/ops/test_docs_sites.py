"""Both docs sites as `khabar docs` serves them on 127.0.0.1, in a real headless Chromium: the dbt
site opens on khabar's overview with every model and seed column described, and the Great
Expectations report of the last run is served beside it at /quality/."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import dump_dom
from support import ROOT

pytestmark = pytest.mark.slow

KHABAR = str(Path(sys.executable).with_name("khabar"))
TARGET = ROOT / "dbt" / "target"


@pytest.fixture(scope="module")
def served(demo_run):
    """`khabar docs` on a free port over the demo warehouse: the base URL."""
    _, warehouse = demo_run
    proc = subprocess.Popen([KHABAR, "docs", "--port", "0", "--warehouse", str(warehouse)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url, deadline = None, time.monotonic() + 600
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
            if "serving dbt docs on " in line:
                url = line.split("serving dbt docs on ")[1].split()[0]
        assert url, "khabar docs did not start serving"
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_every_column_of_every_model_and_seed_is_described(served):
    manifest = json.loads((TARGET / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((TARGET / "catalog.json").read_text(encoding="utf-8"))
    assert len(catalog["nodes"]) >= 29  # every materialised model and every seed
    undescribed = [
        f"{uid}.{column}"
        for uid, node in catalog["nodes"].items()
        for column in node["columns"]
        if not manifest["nodes"][uid]["columns"].get(column, {}).get("description", "").strip()
    ]
    assert undescribed == []
    assert all(manifest["nodes"][uid]["description"].strip() for uid in catalog["nodes"])


def test_the_project_declares_analyses_an_exposure_and_source_freshness(served):
    manifest = json.loads((TARGET / "manifest.json").read_text(encoding="utf-8"))
    analyses = {n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "analysis"}
    assert {"outlets_mentioning_an_entity", "events_in_several_languages", "quarantine_by_reason"} <= analyses
    exposure = manifest["exposures"]["exposure.khabar.analyst_copy"]
    assert "model.khabar.fct_articles" in exposure["depends_on"]["nodes"]
    documents = manifest["sources"]["source.khabar.raw.documents"]
    assert documents["loaded_at_field"] == "loaded_at"
    assert documents["freshness"]["warn_after"] == {"count": 2, "period": "day"}


def test_the_dbt_site_opens_on_the_khabar_overview(served, tmp_path):
    dom = dump_dom(served, tmp_path)
    assert "How to read the marts" in dom
    assert "khabar.read.duckdb" in dom


def test_the_quality_report_of_the_last_run_is_served_beside_it(served, demo_run, tmp_path):
    summary, _ = demo_run
    dom = dump_dom(served + "quality/index.html", tmp_path)
    assert summary["run_id"] in dom  # the index lists the run by its id
    assert "documents" in dom
