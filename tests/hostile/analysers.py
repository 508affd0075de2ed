"""Analysers for the time-budget tests, importable by the analysis child process (it is given the
parent's import path). Each lets the warm-up document through at once."""
from __future__ import annotations

import os
import re
import time

# nested quantifiers: exponential backtracking inside C, which no Python signal handler interrupts
CATASTROPHIC = re.compile(r"(a+)+$")


def _warm_up(doc) -> bool:
    return doc.source_path == "(warm-up)"


def regex_stall(doc, resources):
    if not _warm_up(doc) and doc.text.startswith("stall"):
        CATASTROPHIC.match("a" * 64 + "b")
    return doc.source_path


def sleeper(doc, resources):
    if not _warm_up(doc) and doc.text.startswith("stall"):
        time.sleep(3600)
    return doc.source_path


def crasher(doc, resources):
    if not _warm_up(doc) and doc.text.startswith("crash"):
        os._exit(9)  # the process dies (a segfault, the OOM killer)
    if not _warm_up(doc) and doc.text.startswith("raise"):
        raise ValueError(f"cannot read {doc.source_path}")
    return doc.source_path


def pid(doc, resources):
    return os.getpid()


def pid_or_stall(doc, resources):
    if not _warm_up(doc) and doc.text.startswith("stall"):
        time.sleep(3600)
    return os.getpid()


def echo(doc, resources):
    return doc.text
