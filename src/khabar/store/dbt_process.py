"""dbt's own process, which can be started before it has work (``khabar.store.transform``).

``python -m khabar.store.dbt_process OPTIONS_JSON`` imports dbt and parses the project at once —
dbt's parse reads the project's files, never the warehouse, so it can run while the loader still
holds the DuckDB file — then waits for one command on stdin, a JSON list of dbt arguments
(``["build"]``), and runs it with that parse. OPTIONS_JSON (a JSON list: project, profiles and
target folders) is added to both. Closing stdin without a command ends it.

Exit status: 0 dbt succeeded; 1 nodes failed (run_results.json names them); 2 dbt could not run,
with the reason on stderr. dbt's log lines go to stdout as on the command line. The process closes
the warehouse and exits at once (``_exit``), skipping the interpreter's slow teardown.
"""
from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    options = json.loads(argv[1])
    from dbt.cli.main import dbtRunner

    parsed = dbtRunner().invoke(["parse", "--quiet", *options])
    # a failed parse is not reported here: the command parses again and says what is wrong
    manifest = parsed.result if parsed.success else None
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    result = dbtRunner(manifest=manifest).invoke([*json.loads(line), *options])
    if result.exception is not None:
        print(f"{type(result.exception).__name__}: {result.exception}", file=sys.stderr, flush=True)
        return 2
    return 0 if result.success else 1


def _close_warehouse() -> None:
    """dbt-duckdb keeps its DuckDB connection for the next command; closed here (DuckDB writes its
    log into the file) rather than by the interpreter's teardown."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV
    DuckDBConnectionManager.close_all_connections()
    if environment is not None and hasattr(environment, "close"):
        environment.close()


def _exit(code: int) -> None:
    """Exit once the warehouse is closed and dbt's logs are written, without the interpreter's
    teardown: finalising the thousands of modules dbt imported takes ~1 s that the run waits on."""
    import logging
    import os

    try:
        _close_warehouse()
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    _exit(main(sys.argv))
