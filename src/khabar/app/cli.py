"""khabar's command line: ``khabar run``, ``khabar serve``, ``khabar docs``.

Errors become one line on stderr and a non-zero exit; tracebacks are for ``--debug``.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from khabar.app import report
from khabar.app.project import ALLOCATOR_ENV, QUIET_ENV, Project, find_project


class CommandError(RuntimeError):
    """A failure to report as one line."""


def _prepare_environment(project: Project) -> None:
    for key, value in {**QUIET_ENV, **ALLOCATOR_ENV}.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_HOME", str(project.prefect_home))
    os.environ.setdefault("KHABAR_PROJECT_DIR", str(project.root))


class _NoTraceback(logging.Filter):
    """Prefect logs a failed run with its traceback; the user gets the one-line reason instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def _quiet_prefect_tasks() -> None:
    # the flow logs progress per batch; one line per task run would drown it
    logging.getLogger("prefect.task_runs").setLevel(logging.WARNING)
    logging.getLogger("prefect.events").setLevel(logging.ERROR)
    quiet = _NoTraceback()
    # a copy: GX is importing in another thread (``head_start``), adding loggers as it goes, and
    # iterating the registry itself then fails the run with "dictionary changed size during iteration"
    registered = logging.root.manager.loggerDict.copy()
    names = ["prefect", *(n for n in registered if n.startswith("prefect"))]
    for name in names:
        for handler in logging.getLogger(name).handlers:
            handler.addFilter(quiet)


def cmd_run(args: argparse.Namespace, project: Project) -> int:
    landing = Path(args.landing) if args.landing else project.default_landing
    if not landing.is_dir():
        raise CommandError(f"landing folder not found: {landing}")
    warehouse = Path(args.warehouse) if args.warehouse else project.default_warehouse
    with report.progress():
        summary = _run_once(project, landing.resolve(), warehouse.resolve(), build=not args.no_build, wait=args.wait,
                            dask_address=args.dask_address, workers=args.workers)
    report.print_summary(summary, as_json=args.json)
    # everything is written, closed and printed: the interpreter's own teardown (finalising Prefect's
    # thousands of modules, ~1 s) would only delay the exit
    from khabar.app import lifecycle

    lifecycle.exit_now(0)
    return 0


def _run_once(project: Project, landing: Path, warehouse: Path, *, build: bool, wait: float,
              dask_address: str | None = None, workers: int | None = None) -> dict:
    """One flow run, holding the warehouse's writer lock from before the Prefect server starts to
    after dbt. SIGINT/SIGTERM cancel it: the run is closed as ``cancelled``, the server stopped, and
    the process exits 130/143 without waiting on Prefect's log shipping."""
    from khabar.app import lifecycle
    from khabar.store import lock

    with lock.writer(warehouse, wait_seconds=wait), lifecycle.stop_signals():
        try:
            prepare = functools.partial(_prepare_the_run, project, landing, warehouse, workers, dask_address)
            with _prefect_api(project, None, meanwhile=prepare, one_run=True):
                from khabar_flows.pipeline import ingest_flow

                _quiet_prefect_tasks()
                try:
                    summary = ingest_flow(landing=str(landing), warehouse=str(warehouse), build=build,
                                          dask_address=dask_address, workers=workers)
                except Exception as err:  # a stop skips this: its few seconds are for closing the run, not logs
                    if lifecycle.stop_of(err) is None:
                        lifecycle.flush_prefect()
                    raise
                lifecycle.flush_prefect()
        except BaseException as exc:
            stop = lifecycle.stop_of(exc)
            if stop is None:
                raise
            code = lifecycle.stop_code(stop)
            print(f"khabar: run cancelled (stopped by {signal.Signals(code - 128).name}); "
                  "nothing of the unfinished batch was kept", file=sys.stderr)
            lifecycle.exit_now(code)
    return summary


def cmd_serve(args: argparse.Namespace, project: Project) -> int:
    from khabar_flows.deployment import check_cron

    check_cron(args.cron)  # before a server is started for nothing
    from khabar.app import lifecycle

    spec = {"cron": args.cron, "landing": args.landing, "warehouse": args.warehouse}
    with lifecycle.stop_signals():
        try:
            with _prefect_api(project, args.port) as url:
                lifecycle.serve_deployment(spec, url)
        except lifecycle.Stopped as stop:
            print(f"khabar: serve stopped ({stop}); deployment paused, local server stopped", file=sys.stderr)
            lifecycle.exit_now(stop.exit_code)
    return 0


@contextlib.contextmanager
def _prefect_api(project: Project, port: int | None, meanwhile: Callable[[], None] | None = None,
                 one_run: bool = False) -> Iterator[str]:
    """The configured Prefect API, or a local Prefect server on 127.0.0.1 for this command only
    (``one_run``: for one flow run, without the services of a deployment's server).
    ``meanwhile`` runs while that server starts, with PREFECT_API_URL already set (Prefect reads its
    settings when it is imported: imports belong there)."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        if meanwhile is not None:
            meanwhile()
        yield configured
        return
    from khabar.app import lifecycle

    home = Path(os.environ.get("PREFECT_HOME") or project.prefect_home)  # the user's, else the project's

    def starting(url: str) -> None:
        os.environ["PREFECT_API_URL"] = url
        if meanwhile is not None:
            meanwhile()

    try:
        with lifecycle.local_server(home, port, meanwhile=starting, one_run=one_run) as server:
            print(f"khabar: local Prefect server at {server.url[:-4]} (log: {server.log})", flush=True)
            from prefect.settings import (
                PREFECT_API_URL,
                PREFECT_CLIENT_CSRF_SUPPORT_ENABLED,
                PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED,
                PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
                PREFECT_SERVER_CSRF_PROTECTION_ENABLED,
                temporary_settings,
            )

            # Prefect read its settings when it was imported: without this, parts of it would start a
            # temporary server of their own beside ours. That server runs the Prefect of this very
            # environment: its version need not be asked (a fresh server's first /admin/version ~0.3 s)
            updates = {PREFECT_API_URL: server.url, PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED: False}
            if not PREFECT_SERVER_CSRF_PROTECTION_ENABLED.value():  # the server's setting (its environment is ours)
                updates[PREFECT_CLIENT_CSRF_SUPPORT_ENABLED] = False  # no token to fetch before each client's first call
            if one_run:
                # heartbeats tell a long-lived server that a run has crashed; this one dies with the run.
                # Prefect's heartbeat thread sleeps in 1 s steps and is joined at the end (~0.5 s a run)
                updates[PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
            with temporary_settings(updates=updates):
                yield server.url
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def _import_the_flow() -> None:
    """What every run imports, done while the server starts: the flow (prefect, polars, duckdb),
    pandas (DuckDB's and GX's) and FastAPI's encoder (Prefect serialises the flow's parameters with
    it) — about 4 s that would otherwise come after the server is up."""
    import gc

    import fastapi.encoders  # noqa: F401
    import khabar_flows.pipeline  # noqa: F401
    import pandas  # noqa: F401

    gc.freeze()  # what the imports made lives as long as the process: the collector need not walk it again


def _prepare_the_run(project: Project, landing: Path, warehouse: Path, workers: int | None,
                     dask_address: str | None) -> None:
    """While the server starts: the imports, then the run's head start (``khabar_flows.head_start``:
    the folder listed, and the analysis children and GX warming up when there is something to read)."""
    _import_the_flow()
    from khabar_flows import head_start

    head_start.prepare(project, landing, warehouse, workers=workers, dask_address=dask_address)


def cmd_docs(args: argparse.Namespace, project: Project) -> int:
    from khabar.store import transform
    from khabar.store.quality_docs import local_site

    warehouse = Path(args.warehouse) if args.warehouse else project.default_warehouse
    if not warehouse.is_file():
        raise CommandError(f"no warehouse at {warehouse}: run 'khabar run' first")
    site = transform.generate_docs(project, warehouse)
    print(f"khabar: docs generated in {site} (static_index.html opens offline as a file)", flush=True)
    if args.no_serve:
        return 0
    quality_site = local_site(project.expectations_dir)
    server = transform.docs_server(site, args.port, mounts={"quality": quality_site})
    host, port = server.server_address[:2]
    print(f"khabar: serving dbt docs on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    print(f"khabar: data quality report on http://{host}:{port}/quality/index.html", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="khabar", description="Raw Arabic, Persian and Urdu news texts into a DuckDB warehouse.",
                                epilog=EXIT_STATUSES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _global_options(p, default=False)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, default=argparse.SUPPRESS)  # after the subcommand too, without resetting
    sub = p.add_subparsers(dest="command", required=True, parser_class=_sub_parser(common))
    run = sub.add_parser("run", help="one pipeline run over a landing folder")
    run.add_argument("--json", action="store_true", help="print the run summary as JSON (for scripts)")
    run.add_argument("--landing", help="folder of raw text files (default: warehouse/landing/)")
    run.add_argument("--warehouse", help="DuckDB file (default: warehouse/khabar.duckdb)")
    run.add_argument("--no-build", action="store_true", help="load only; skip dbt build")
    run.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                     help="when another run writes the warehouse, wait up to SECONDS for it (default: refuse at once)")
    run.add_argument("--dask-address", default=os.environ.get("KHABAR_DASK_ADDRESS"),
                     help="analyse on this Dask scheduler (tcp://host:8786) instead of local processes")
    run.add_argument("--workers", type=int, help="local analysis processes (default: one per core)")
    run.set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="serve the scheduled deployment (cron)")
    serve.add_argument("--cron", default=os.environ.get("KHABAR_CRON", "0 6 * * *"),
                       help="cron schedule (default: daily at 06:00, or $KHABAR_CRON)")
    serve.add_argument("--landing", help="landing folder for scheduled runs")
    serve.add_argument("--warehouse", help="DuckDB file for scheduled runs")
    serve.add_argument("--port", type=int, help="port of the local Prefect server when no API is configured")
    serve.set_defaults(func=cmd_serve)
    docs = sub.add_parser("docs", help="generate and serve the dbt docs site on 127.0.0.1")
    docs.add_argument("--port", type=int, default=8080)
    docs.add_argument("--warehouse", help="DuckDB file (default: warehouse/khabar.duckdb)")
    docs.add_argument("--no-serve", action="store_true", help="generate only")
    docs.set_defaults(func=cmd_docs)
    return p


EXIT_STATUSES = """exit statuses:
  0    the command completed (a run that quarantined files completed too)
  1    the command failed: one line on stderr says why (--debug shows the traceback)
  2    the command line was not understood (unknown option, missing subcommand)
  130  interrupted (Ctrl-C)"""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"khabar {version('khabar')}"
    except PackageNotFoundError:
        return "khabar (not installed)"


def _global_options(p: argparse.ArgumentParser, default: object) -> None:
    """Options accepted before or after the subcommand (``khabar --debug run``, ``khabar run --debug``)."""
    p.add_argument("--debug", action="store_true", default=default, help="show tracebacks")
    p.add_argument("--version", action="version", version=_version(), help="print the version and exit")


def _sub_parser(common: argparse.ArgumentParser) -> type[argparse.ArgumentParser]:
    class SubParser(argparse.ArgumentParser):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(parents=[common], **kwargs)

    return SubParser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        project = find_project()
        _prepare_environment(project)
        return args.func(args, project)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # the command line turns every error into one line
        if args.debug:
            raise
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"khabar: error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
