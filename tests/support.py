"""Paths and helpers the test modules share: the repository root, ``../shared`` beside it, and a
read-only query on a warehouse file. Fixtures live in ``conftest.py``; texts in ``texts.py``."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def _repository_root() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    raise RuntimeError("tests are not inside the khabar repository")


ROOT = _repository_root()
SHARED = ROOT.parent / "shared"
SEED_ARTICLES = SHARED / "seeds" / "articles"
SEED_GOLD = SHARED / "seeds" / "gold.json"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip with the reason when that material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} not present (the shared development material sits beside the repo)")
    return path


def prefect_api(url: str, path: str, body: dict | None = None, method: str | None = None, tries: int = 6):
    """One call to a Prefect server's REST API, JSON in and out. A 503 is the server saying its
    SQLite database was busy (Prefect answers a locked database so, and its own client retries):
    tried again with a growing pause, as that client does."""
    data = json.dumps(body).encode() if body is not None else None
    for attempt in range(tries):
        req = urllib.request.Request(url + path, data=data, method=method or ("POST" if data is not None else "GET"),
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return json.loads(r.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code != 503 or attempt == tries - 1:
                raise
            time.sleep(0.5 * 2 ** attempt)


def query(warehouse: Path, sql: str, *params):
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def children(pid: int) -> dict[int, str]:
    """Descendants of process ``pid`` (pid -> command line), read from /proc."""
    parents: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                found[child] = _cmdline(child)
                frontier.append(child)
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
