"""Paths and helpers the test modules share: the repository root, ``../shared`` beside it, and a
read-only query on a warehouse file. Fixtures live in ``conftest.py``; texts in ``texts.py``."""
from __future__ import annotations

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
