"""The command line as users expect it: global options on either side of the subcommand, --version,
documented exit statuses, --json, the progress bar and the table of time by stage."""
from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from khabar.app import report
from khabar.app.runs import RunSummary

KHABAR = str(Path(sys.executable).with_name("khabar"))


def khabar(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([KHABAR, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, env=os.environ)


@pytest.mark.parametrize("args", [
    pytest.param(["--version"], id="version-alone"),
    pytest.param(["run", "--version"], id="version-after-the-subcommand"),
])
def test_version_prints_the_installed_version(args):
    from importlib.metadata import version

    result = khabar(*args)
    assert (result.returncode, result.stdout.strip()) == (0, f"khabar {version('khabar')}")


@pytest.mark.parametrize("args", [
    pytest.param(["--debug", "run", "--landing", "/nonexistent/landing"], id="debug-before-the-subcommand"),
    pytest.param(["run", "--debug", "--landing", "/nonexistent/landing"], id="debug-after-the-subcommand"),
    pytest.param(["run", "--landing", "/nonexistent/landing", "--debug"], id="debug-at-the-end"),
])
def test_debug_shows_the_traceback_wherever_it_is_given(args):
    result = khabar(*args)
    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert "CommandError: landing folder not found: /nonexistent/landing" in result.stderr


def test_without_debug_the_error_is_one_line():
    result = khabar("run", "--landing", "/nonexistent/landing")
    assert (result.returncode, result.stderr) == (1, "khabar: error: landing folder not found: /nonexistent/landing\n")


def test_help_documents_the_exit_statuses():
    out = khabar("--help").stdout
    statuses = [line.split()[0] for line in out.split("exit statuses:")[1].splitlines() if line.strip()]
    assert statuses == ["0", "1", "2", "130"]


def test_an_unknown_option_exits_2():
    result = khabar("run", "--no-such-option")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr


def _summary() -> RunSummary:
    summary = RunSummary("r1", "landing", "w.duckdb", files_seen=40, loaded=30, quarantined=10)
    summary.stage_seconds = {"read": 1.5, "analyse": 6.0, "dbt build": 12.5}
    return summary


def test_the_stage_table_gives_each_stage_the_total_and_docs_per_second():
    lines = report.stage_table(_summary())
    assert [line.split()[0] for line in lines] == ["stage", "read", "analyse", "dbt", "total"]
    assert lines[-1].split() == ["total", "20.00", "(2.0", "docs/s)"]


def test_json_summary_carries_durations_and_throughput():
    out = io.StringIO()
    report.print_summary(_summary().as_dict(), as_json=True, out=out)
    data = json.loads(out.getvalue())
    assert data["stage_seconds"] == {"read": 1.5, "analyse": 6.0, "dbt build": 12.5}
    assert (data["seconds"], data["docs_per_second"]) == (20.0, 2.0)
    assert RunSummary.from_dict(data).stage_seconds == data["stage_seconds"]


def test_plain_summary_ends_with_the_stage_table():
    out = io.StringIO()
    report.print_summary(_summary().as_dict(), as_json=False, out=out)
    text = out.getvalue()
    assert text.startswith("khabar run r1\n  files seen 40: loaded 30")
    assert text.rstrip().endswith("(2.0 docs/s)")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_flow_log_lines_move_the_progress_bar(monkeypatch):
    logger = logging.getLogger(report.FLOW_LOGGER)
    monkeypatch.setattr(logger, "level", logging.INFO)  # as Prefect configures it for a flow run
    # outside a flow run, Prefect's own handlers (its API log handler) would be sent these lines and warn
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "propagate", False)
    screen = _Terminal()
    with report.progress(screen):
        handler = next(h for h in logger.handlers if isinstance(h, report._ProgressHandler))
        logger.info(report.FOUND_MESSAGE, 700)
        logger.info("batch %d/%d: %d files, %d loaded, %d quarantined", 1, 2, 500, 480, 20)
        task = handler.progress.tasks[0]
        assert (task.completed, task.total, task.description) == (500, 700, "loaded 480, quarantined 20")
    assert handler not in logger.handlers


def test_not_on_a_terminal_there_is_no_progress_bar():
    logger = logging.getLogger(report.FLOW_LOGGER)
    before = list(logger.handlers)
    with report.progress(io.StringIO()):
        assert logger.handlers == before


def test_the_flow_logs_the_lines_the_progress_bar_reads():
    source = (ROOT / "flows" / "pipeline.py").read_text(encoding="utf-8")
    assert f'"{report.FOUND_MESSAGE}"' in source
    assert f'"{report.BATCH_PREFIX}' in source
