"""dbt, run in a child process against the warehouse file: build (seeds, models, tests),
docs generate, and a static docs site served on 127.0.0.1.

The flow starts dbt's process while it still derives events (``started_ahead``): importing dbt and
parsing the project take seconds, and need nothing from the warehouse.

Each warehouse has its own dbt target folder beside it (``khabar.duckdb`` → ``khabar.duckdb.dbt/``):
dbt's parse of the project is tied to the warehouse path in the profile, so one folder shared by
every warehouse made dbt parse the whole project again whenever the warehouse changed. The docs site
is published from there to ``dbt/target``, where ``khabar docs`` serves it.

The Python loader must have closed its DuckDB connection before these run.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import shutil
import socketserver
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from khabar.app.lifecycle import spawn, stop_child
from khabar.app.project import QUIET_ENV, Project


class TransformError(RuntimeError):
    """dbt did not succeed; the message names the failing node(s)."""


@dataclass(frozen=True)
class BuildResult:
    passed: int  # nodes (seeds, models, tests) that succeeded
    skipped: bool = False  # nothing dbt reads had changed since the last build of this warehouse


# the dbt project's own files: a change to any of them rebuilds even when no data changed
_PROJECT_GLOBS = ("dbt_project.yml", "models/**/*", "seeds/**/*", "macros/**/*", "tests/**/*")
# what a build of new data alone leaves out, when the project and the raw tables' columns are those
# of this warehouse's last build: seeds (project files), views (their SQL is a project file) and unit
# tests (fixed inputs); the tables, incremental marts and every data test run
_DATA_ONLY = ("--exclude-resource-type", "seed", "unit_test", "--exclude", "config.materialized:view")
# dbt's threads (``KHABAR_DBT_THREADS``, unless set): its models and ~40 data tests run side by side,
# a build's only work while the flow waits for it (+100 files on a 10k warehouse: 6.0–6.4 → 4.2–5.6 s)
DBT_THREADS = min(4, os.cpu_count() or 1)
# the files of the docs site that ``khabar docs`` serves from dbt/target
_SITE_FILES = ("index.html", "static_index.html", "manifest.json", "catalog.json")


def target_dir(warehouse: Path) -> Path:
    """Beside the warehouse: dbt's target folder for it (parse state, manifest, run results)."""
    return Path(warehouse).with_name(Path(warehouse).name + ".dbt")


def _start(project: Project, warehouse: Path) -> subprocess.Popen:
    """dbt's process for ``warehouse`` (``khabar.store.dbt_process``): it imports dbt and parses the
    project, then waits for its command. Its own process: its DuckDB connection is gone when it
    exits, so the warehouse file is free for the reader that comes next (an analyst's shell, the
    evaluator, the next run), and it dies with this one."""
    env = {"KHABAR_DBT_THREADS": str(DBT_THREADS), **os.environ, **QUIET_ENV,
           "KHABAR_WAREHOUSE": str(Path(warehouse).resolve())}
    options = [
        "--project-dir", str(project.dbt_dir),
        "--profiles-dir", str(project.dbt_dir),
        "--target-path", str(target_dir(warehouse).resolve()),
        "--log-path", str(project.dbt_dir / "logs"),
    ]
    return spawn([sys.executable, "-m", "khabar.store.dbt_process", json.dumps(options)], env=env, cwd=project.dbt_dir,
                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


_ready: dict[Path, subprocess.Popen] = {}  # warehouse -> dbt's process started ahead of its command


@contextlib.contextmanager
def started_ahead(project: Project, warehouse: Path) -> Iterator[None]:
    """Start dbt's process for ``warehouse`` now, so that importing dbt and parsing the project (a few
    seconds) overlap what comes before the build; the next dbt command on this warehouse uses it.
    Stopped on exit if no command did."""
    key = Path(warehouse).resolve()
    child = _ready[key] = _start(project, warehouse)
    try:
        yield
    finally:
        if _ready.get(key) is child:
            del _ready[key]
            stop_child(child, seconds=2)


def _invoke(project: Project, warehouse: Path, *args: str) -> subprocess.CompletedProcess:
    """One dbt command on ``warehouse``, in the process started ahead for it or in a new one."""
    child = _ready.pop(Path(warehouse).resolve(), None) or _start(project, warehouse)
    try:
        out, err = child.communicate(json.dumps(args) + "\n")
    finally:
        stop_child(child)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def _failed_nodes(warehouse: Path) -> tuple[list[str], int]:
    results = target_dir(warehouse) / "run_results.json"
    if not results.is_file():
        return [], 0
    failed, passed = [], 0
    for node in json.loads(results.read_text(encoding="utf-8")).get("results", []):
        if node.get("status") in ("error", "fail", "runtime error"):
            message = (node.get("message") or node["status"]).strip().splitlines()[0]
            failed.append(f"{node['unique_id'].split('.')[-1]}: {message}")
        else:
            passed += 1
    return failed, passed


def _one_line(error: BaseException | None, width: int = 400) -> str:
    """dbt's multi-line errors folded to one line: the lines that say what and where."""
    if error is None:
        return ""
    lines = [line.strip() for line in str(error).splitlines() if line.strip() and not set(line.strip()) <= set("-")]
    text = " | ".join(lines)
    return text if len(text) <= width else text[:width] + " …"


def _error_lines(output: str) -> str:
    wanted = [line.split("  ", 1)[-1].strip() for line in output.splitlines()
              if "rror" in line or "Failure in" in line]
    return _one_line(RuntimeError("\n".join(wanted))) or "see dbt/logs/dbt.log"


def build(project: Project, warehouse: Path, *, data_only: bool = False) -> BuildResult:
    """``dbt build``: seeds, models and their tests (``data_only``: see ``_DATA_ONLY``). Raises
    ``TransformError`` naming what failed."""
    (target_dir(warehouse) / "run_results.json").unlink(missing_ok=True)
    done = _invoke(project, warehouse, "build", *(_DATA_ONLY if data_only else ()))
    failed, passed = _failed_nodes(warehouse)
    if failed:
        raise TransformError("dbt build failed: " + "; ".join(failed[:5]) + (" …" if len(failed) > 5 else ""))
    if done.returncode != 0:
        raise TransformError(f"dbt build could not run: {_error_lines(done.stdout + done.stderr)}")
    return BuildResult(passed)


def _state_file(warehouse: Path) -> Path:
    """Beside the warehouse: what the marts in it were last built from."""
    return Path(warehouse).with_name(Path(warehouse).name + ".built")


def _project_state(project: Project, warehouse: Path) -> str:
    """A digest of the dbt project's files, of the raw tables' columns it reads, and of the warehouse's
    catalog: the views dbt made name it, and it is the file's name ("k.raw.documents"), so a warehouse
    renamed with what lies beside it has them built again, as a changed project would."""
    from khabar.store import tables

    digest = hashlib.sha256(tables.ddl().encode("utf-8"))
    digest.update(Path(warehouse).stem.encode("utf-8"))
    for pattern in _PROJECT_GLOBS:
        for path in sorted(project.dbt_dir.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(project.dbt_dir).as_posix().encode("utf-8"))
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _recorded_state(recorded: Path) -> tuple[str, str] | None:
    """(project, data) digests of the last successful build, when there is one."""
    try:
        lines = dict(line.split(" ", 1) for line in recorded.read_text(encoding="utf-8").splitlines() if " " in line)
    except OSError:
        return None
    return (lines["project"], lines["data"]) if {"project", "data"} <= lines.keys() else None


def build_if_changed(project: Project, warehouse: Path, data_fingerprint: str) -> BuildResult:
    """``build`` unless the warehouse's raw data (``data_fingerprint``) and the dbt project are what the
    last successful build of this warehouse saw; incremental marts then add only what is new, and when
    only the data changed, what depends on the project alone is not built again (``_DATA_ONLY``)."""
    state = (_project_state(project, warehouse), hashlib.sha256(data_fingerprint.encode("utf-8")).hexdigest())
    recorded = _state_file(warehouse)
    last = _recorded_state(recorded)
    if last == state:
        return BuildResult(0, skipped=True)
    recorded.unlink(missing_ok=True)
    result = build(project, warehouse, data_only=last is not None and last[0] == state[0])
    recorded.write_text(f"project {state[0]}\ndata {state[1]}\n", encoding="utf-8")
    return result


def generate_docs(project: Project, warehouse: Path) -> Path:
    """``dbt docs generate --static``: the site, plus one self-contained HTML file that works offline,
    generated in the warehouse's target folder and published to ``dbt/target``."""
    done = _invoke(project, warehouse, "docs", "generate", "--static")
    if done.returncode != 0:
        raise TransformError(f"dbt docs generate failed: {_error_lines(done.stdout + done.stderr)}")
    site = project.dbt_dir / "target"
    site.mkdir(parents=True, exist_ok=True)
    for name in _SITE_FILES:
        temporary = site / f".{name}.tmp"
        shutil.copyfile(target_dir(warehouse) / name, temporary)
        os.replace(temporary, site / name)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    mounts: dict[str, Path] = {}  # URL prefix (no slashes) -> folder served under it

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def translate_path(self, path: str) -> str:
        prefix, _, rest = path.lstrip("/").partition("/")
        if prefix in self.mounts:
            return _inside(self.mounts[prefix], rest)
        return super().translate_path(path)


def _inside(base: Path, rest: str) -> str:
    """``rest`` (a URL path) under ``base``, without letting ``..`` leave it."""
    from urllib.parse import unquote

    parts = [p for p in unquote(rest.split("?", 1)[0].split("#", 1)[0]).split("/") if p not in ("", ".", "..")]
    return str(base.joinpath(*parts))


def docs_server(site: Path, port: int = 8080, mounts: dict[str, Path] | None = None) -> socketserver.TCPServer:
    """An HTTP server for the generated docs, bound to 127.0.0.1 only (port 0 picks a free one).
    ``mounts`` serves more folders beside the site, e.g. ``{"quality": data_docs}`` at ``/quality/``."""
    handler_class = type("DocsHandler", (_QuietHandler,), {"mounts": dict(mounts or {})})
    handler = functools.partial(handler_class, directory=str(site))
    socketserver.TCPServer.allow_reuse_address = True
    return socketserver.TCPServer(("127.0.0.1", port), handler)
