"""Quieting Prefect's loggers before a run while another thread registers loggers (GX importing in
the background, started by ``head_start``): the run must not fail."""
from __future__ import annotations

import logging

from khabar.app import cli


class _GrowsWhileIterated(dict):
    """A logger registry to which another thread adds a logger while it is being walked."""

    def __iter__(self):
        inner = dict.__iter__(self)
        yield next(inner)
        self["great_expectations.registered.meanwhile"] = logging.PlaceHolder(logging.getLogger("x"))
        yield from inner


def test_prefect_loggers_are_quieted_while_other_loggers_are_registered(monkeypatch):
    registry = _GrowsWhileIterated(logging.root.manager.loggerDict)
    monkeypatch.setattr(logging.root.manager, "loggerDict", registry)
    cli._quiet_prefect_tasks()  # before the fix: RuntimeError, dictionary changed size during iteration
    assert logging.getLogger("prefect.task_runs").level == logging.WARNING
    assert logging.getLogger("prefect.events").level == logging.ERROR
