"""dbt, run in-process with ``dbtRunner`` against the warehouse file: build (seeds, models, tests),
docs generate, and a static docs site served on 127.0.0.1.

The Python loader must have closed its DuckDB connection before these run.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socketserver
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from khabar.project import Project

QUIET_ENV = {
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DBT_VERSION_CHECK": "false",
    "DO_NOT_TRACK": "1",
}


class TransformError(RuntimeError):
    """dbt did not succeed; the message names the failing node(s)."""


@dataclass(frozen=True)
class BuildResult:
    passed: int
    failed: tuple[str, ...]


@contextlib.contextmanager
def _dbt_env(warehouse: Path) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in (*QUIET_ENV, "KHABAR_WAREHOUSE")}
    os.environ.update(QUIET_ENV)
    os.environ["KHABAR_WAREHOUSE"] = str(Path(warehouse).resolve())
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _invoke(project: Project, warehouse: Path, *args: str):
    from dbt.cli.main import dbtRunner

    target = project.dbt_dir / "target"
    with _dbt_env(warehouse):
        return dbtRunner().invoke([
            *args,
            "--project-dir", str(project.dbt_dir),
            "--profiles-dir", str(project.dbt_dir),
            "--target-path", str(target),
            "--log-path", str(project.dbt_dir / "logs"),
            "--quiet",
        ])


def build(project: Project, warehouse: Path) -> BuildResult:
    """``dbt build``: seeds, models and their tests. Raises ``TransformError`` naming what failed."""
    result = _invoke(project, warehouse, "build")
    if result.exception is not None:
        raise TransformError(f"dbt build could not run: {_one_line(result.exception)}")
    failed, passed = [], 0
    for node in result.result or []:
        status = str(node.status)
        if status in ("error", "fail", "runtime error"):
            message = (node.message or "").splitlines()[0] if node.message else status
            failed.append(f"{node.node.name}: {message}")
        else:
            passed += 1
    if failed or not result.success:
        raise TransformError("dbt build failed: " + "; ".join(failed[:5]) + (" …" if len(failed) > 5 else ""))
    return BuildResult(passed, ())


def generate_docs(project: Project, warehouse: Path) -> Path:
    """``dbt docs generate --static``: one self-contained HTML file that works offline."""
    result = _invoke(project, warehouse, "docs", "generate", "--static")
    if result.exception is not None or not result.success:
        raise TransformError(f"dbt docs generate failed: {_one_line(result.exception) or 'see dbt/logs/dbt.log'}")
    return project.dbt_dir / "target"


def _one_line(error: BaseException | None, width: int = 400) -> str:
    """dbt's multi-line errors folded to one line: the lines that say what and where."""
    if error is None:
        return ""
    lines = [line.strip() for line in str(error).splitlines() if line.strip() and not set(line.strip()) <= set("-")]
    text = " | ".join(lines)
    return text if len(text) <= width else text[:width] + " …"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def docs_server(site: Path, port: int = 8080) -> socketserver.TCPServer:
    """An HTTP server for the generated docs, bound to 127.0.0.1 only (port 0 picks a free one)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    socketserver.TCPServer.allow_reuse_address = True
    return socketserver.TCPServer(("127.0.0.1", port), handler)
