"""The command line as a user meets it: exit codes, one-line errors, summaries, the warehouse file
opened by the DuckDB shell analysts use, and the docs site in a real headless browser."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import dump_dom
from support import ROOT, query

KHABAR = str(Path(sys.executable).with_name("khabar"))
DUCKDB_SHELL = Path(sys.executable).with_name("duckdb")
SMALL = ["feeds/irna/araghchi_sharif_meeting.txt", "feeds/app/pm_shehbaz_meets_araghchi.txt",
         "feeds/aljazeera/araghchi_sharif_islamabad.txt", "inbox/empty.txt", "inbox/attachment_png.txt"]

pytestmark = pytest.mark.slow


def run_cli(*args: str, cwd: Path = ROOT, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([KHABAR, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    landing = base / "landing"
    for rel in SMALL:
        (landing / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "warehouse" / "landing" / rel, landing / rel)
    warehouse = base / "out" / "small.duckdb"
    result = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse),
                     env={"PREFECT_HOME": str(base / "prefect")})
    return result, landing, warehouse


def test_run_exits_0_with_a_summary_even_when_files_are_quarantined(small_run):
    result, _, warehouse = small_run
    assert result.returncode == 0, result.stderr[-2000:]
    assert "files seen 5: loaded 3, already loaded 0, quarantined 2" in result.stdout
    assert "quarantined decode/binary: 1" in result.stdout
    assert "quarantined decode/empty: 1" in result.stdout
    assert query(warehouse, "select count(*) from marts.fct_articles")[0][0] == 3


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["run", "--landing", "/nonexistent/landing"], "khabar: error: landing folder not found: /nonexistent/landing",
                     id="missing-landing"),
        pytest.param(["serve", "--cron", "every morning"],
                     "khabar: error: invalid cron schedule 'every morning' (expected five fields, e.g. '0 6 * * *')",
                     id="serve-with-a-bad-cron"),
        pytest.param(["docs", "--no-serve", "--warehouse", "/nonexistent/w.duckdb"],
                     "khabar: error: no warehouse at /nonexistent/w.duckdb: run 'khabar run' first", id="docs-without-warehouse"),
    ],
)
def test_bad_input_gives_one_line_and_a_non_zero_exit(args, message):
    result = run_cli(*args)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert "Traceback" not in result.stdout + result.stderr


def test_a_warehouse_that_is_not_duckdb_is_one_line(tmp_path, small_run):
    _, landing, _ = small_run
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_text("this is not a database\n")
    result = run_cli("run", "--landing", str(landing), "--warehouse", str(bogus), "--no-build",
                     env={"PREFECT_HOME": str(tmp_path / "prefect")})
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("khabar: error:")]
    assert len(errors) == 1 and errors[0].startswith("khabar: error: cannot open warehouse")
    assert "Traceback" not in result.stdout + result.stderr


def test_outside_a_project_the_error_says_where_to_run(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "KHABAR_PROJECT_DIR"}
    result = subprocess.run([KHABAR, "run"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("khabar: error: no khabar project at or above")


def test_the_duckdb_shell_analysts_use_opens_the_warehouse(small_run):
    _, _, warehouse = small_run
    if not DUCKDB_SHELL.exists():
        pytest.skip("duckdb-cli is not installed in this environment")
    out = subprocess.run([str(DUCKDB_SHELL), "-readonly", "-csv", str(warehouse), "-c",
                          "select count(*) as n from marts.fct_articles; select version();"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split()
    assert lines[:2] == ["n", "3"]
    assert "v1.5" in out.stdout


def test_docs_site_is_served_on_localhost_and_renders_the_models(small_run, tmp_path):
    _, _, warehouse = small_run
    proc = subprocess.Popen([KHABAR, "docs", "--port", "0", "--warehouse", str(warehouse)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and url is None:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
            if "serving dbt docs on " in line:
                url = line.split("serving dbt docs on ")[1].split()[0]
        assert url and url.startswith("http://127.0.0.1:"), "docs server did not start"
        dom = dump_dom(url + "#!/model/model.khabar.fct_articles", tmp_path)
        assert "fct_articles" in dom
        assert "One row per article" in dom
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_static_docs_open_offline_as_a_file(small_run, tmp_path):
    _, _, warehouse = small_run
    result = run_cli("docs", "--no-serve", "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    page = ROOT / "dbt" / "target" / "static_index.html"
    dom = dump_dom(page.as_uri() + "#!/model/model.khabar.dim_outlets", tmp_path)
    assert "One row per outlet" in dom


def test_the_command_line_sets_the_allocators_before_duckdb_or_polars_load():
    """DuckDB's and polars' allocators read their settings once, when they first allocate: the
    command line must set them before anything imports either (and stays quick to start)."""
    probe = ("import sys; from khabar.app import cli; from khabar.app.project import find_project;"
             "loaded = [m for m in ('duckdb', 'polars', 'prefect') if m in sys.modules];"
             "cli._prepare_environment(find_project()); import os, duckdb, polars;"
             "print(loaded, os.environ['DUCKDB_JE_MALLOC_CONF'], os.environ['_RJEM_MALLOC_CONF'])")
    env = {k: v for k, v in os.environ.items() if k not in ("DUCKDB_JE_MALLOC_CONF", "_RJEM_MALLOC_CONF")}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    loaded, duckdb_conf, polars_conf = out.stdout.split()
    assert loaded == "[]" and duckdb_conf == "dirty_decay_ms:0,muzzy_decay_ms:0"
    assert polars_conf.endswith("dirty_decay_ms:0,muzzy_decay_ms:0")  # polars puts its defaults first; the last wins
