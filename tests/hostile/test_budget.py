"""The time budget per document (``analyse_all``): a document that stalls, even inside C, is
stopped and reported as ``analysis_timeout``; the rest of the batch is analysed; nothing lingers."""
from __future__ import annotations

import os

import analysers
import pytest

from khabar.document.article import analyse_all
from khabar.store.ingest import Decoded


def doc(name: str, text: str) -> Decoded:
    return Decoded(name, name.encode().hex().ljust(64, "0")[:64], len(text), "utf-8", text)


BATCH = [doc("a.txt", "fine"), doc("b.txt", "stall here"), doc("c.txt", "fine too"), doc("d.txt", "stall again"),
         doc("e.txt", "last")]


@pytest.mark.parametrize("analyser", [
    pytest.param(analysers.regex_stall, id="backtracking-regex-in-C"),
    pytest.param(analysers.sleeper, id="sleeping-python"),
])
def test_a_stalled_document_is_stopped_and_the_batch_goes_on(analyser):
    done, failed = analyse_all(BATCH, None, seconds=2, analyser=analyser)
    assert done == ["a.txt", "c.txt", "e.txt"]
    assert [(f.doc.source_path, f.reason) for f in failed] == [("b.txt", "analysis_timeout"),
                                                               ("d.txt", "analysis_timeout")]
    assert "longer than 2 s" in failed[0].detail


@pytest.mark.parametrize("text, reason, detail", [
    pytest.param("raise", "analysis_error", "ValueError: cannot read x.txt", id="an-exception-in-a-stage"),
    pytest.param("crash", "analysis_error", "the analysis process died (exit 9)", id="the-process-dies"),
])
def test_a_failing_document_is_reported_and_the_batch_goes_on(text, reason, detail):
    done, failed = analyse_all([doc("x.txt", text), doc("y.txt", "fine")], None, seconds=30, analyser=analysers.crasher)
    assert done == ["y.txt"]
    assert [(f.doc.source_path, f.reason, f.detail) for f in failed] == [("x.txt", reason, detail)]


def test_analysis_runs_in_a_child_that_is_gone_afterwards():
    done, _ = analyse_all([doc("a.txt", "one"), doc("b.txt", "two")], None, seconds=30, analyser=analysers.pid)
    child = done[0]
    assert child != os.getpid() and done == [child, child]
    assert not os.path.exists(f"/proc/{child}") or open(f"/proc/{child}/stat").read().split()[2] == "Z"


def test_no_budget_analyses_in_this_process():
    done, failed = analyse_all([doc("a.txt", "one")], None, seconds=0, analyser=analysers.pid)
    assert (done, failed) == ([os.getpid()], [])


def _gone(pid: int) -> bool:
    return not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z"


def test_a_pool_worker_keeps_one_child_for_chunk_after_chunk_until_a_stall():
    from khabar.document import budget

    resources = object()
    try:
        first, _ = analyse_all([doc("a.txt", "one")], resources, seconds=30, analyser=analysers.pid_or_stall, keep_child=True)
        again, _ = analyse_all([doc("b.txt", "two")], resources, seconds=30, analyser=analysers.pid_or_stall, keep_child=True)
        assert first == again and first[0] != os.getpid() and not _gone(first[0])
        # a stalled document kills the kept child; the next chunk gets a fresh one
        done, failed = analyse_all([doc("c.txt", "stall")], resources, seconds=1, analyser=analysers.pid_or_stall,
                                   keep_child=True)
        assert [f.reason for f in failed] == ["analysis_timeout"]
        fresh, _ = analyse_all([doc("d.txt", "three")], resources, seconds=30, analyser=analysers.pid_or_stall, keep_child=True)
        assert fresh[0] != first[0] and _gone(first[0])
    finally:
        budget.close_kept()
    assert _gone(fresh[0])


def test_a_child_is_replaced_after_its_share_of_documents(monkeypatch):
    """A long run's child is replaced every ``RECYCLE_DOCS`` documents (its heap only grows), kept
    children included; every document is still answered, in order."""
    from khabar.document import budget

    monkeypatch.setattr(budget, "RECYCLE_DOCS", 2)
    resources = object()
    try:
        done, failed = analyse_all([doc(f"{n}.txt", "fine") for n in "abcde"], resources, seconds=30,
                                   analyser=analysers.pid_or_stall, keep_child=True)
        more, _ = analyse_all([doc("f.txt", "fine")], resources, seconds=30, analyser=analysers.pid_or_stall,
                              keep_child=True)
    finally:
        budget.close_kept()
    assert failed == [] and len(done) == 5
    assert done[0] == done[1] != done[2] == done[3] != done[4]
    assert more == [done[4]]  # the last child had answered one document: kept for the next chunk
    assert all(_gone(pid) for pid in {*done, *more})


def test_documents_and_answers_larger_than_the_pipe_go_through_in_order():
    """The next document waits in the pipe while the child works on one; a document or an answer
    of megabytes (more than the pipe holds) must not leave both sides waiting on each other."""
    import threading

    texts = ["short one", "x" * (3 << 20), "short two", "y" * (3 << 20), "z" * (700 << 10), "short three"]
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(result=analyse_all(
        [doc(f"{n}.txt", t) for n, t in enumerate(texts)], None, seconds=60, analyser=analysers.echo)), daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "parent and child blocked on each other"
    assert outcome["result"] == (texts, [])


def test_children_started_ahead_serve_the_first_threads_and_go_when_closed():
    """``start_spares`` (the main thread, while a run's Prefect server starts): the first thread to
    analyse takes a child that is already up; a spare nobody took is stopped by ``close_kept``; a
    thread that is not the main one starts none (its children would die with it)."""
    import threading

    from khabar.document import budget

    resources = object()
    try:
        assert budget.start_spares(2, analysers.pid_or_stall, resources) == 2
        spares = [w.proc.pid for w in budget._spares[(analysers.pid_or_stall, id(resources))]]
        answers = {}
        thread = threading.Thread(target=lambda: answers.update(done=analyse_all(
            [doc("a.txt", "one"), doc("b.txt", "two")], resources, seconds=30, analyser=analysers.pid_or_stall,
            keep_child=True)[0]))
        thread.start()
        thread.join(timeout=60)
        assert answers["done"] == [spares[0], spares[0]]
        assert not _gone(spares[0])  # kept for the thread's next chunk: it was not started by that thread
        from_a_thread = []
        other = threading.Thread(target=lambda: from_a_thread.append(budget.start_spares(1, analysers.pid, resources)))
        other.start()
        other.join()
        assert from_a_thread == [0]
    finally:
        budget.close_kept()
    assert _gone(spares[0]) and _gone(spares[1])


def test_children_run_at_a_lower_priority_than_the_flow():
    """The run waits on its Prefect server and on the flow process (the one writer), never on one
    child: children are niced below them."""
    from khabar.document import budget

    resources = object()
    try:
        (child,), _ = analyse_all([doc("a.txt", "one")], resources, seconds=30, analyser=analysers.pid_or_stall,
                                  keep_child=True)
        nice = int(open(f"/proc/{child}/stat").read().rsplit(")", 1)[1].split()[16])
    finally:
        budget.close_kept()
    assert nice == min(os.nice(0) + budget.CHILD_NICENESS, 19)


def test_a_stop_ends_the_child_of_a_long_document_at_once_and_starts_no_other():
    """What a stop signal does (``budget.stop_all``, called by the run as the signal comes): the
    thread waiting on a child minutes into a document is free within a second, with no new child."""
    import threading
    import time

    from khabar.document import budget

    outcome: dict = {}

    def analyse() -> None:
        try:
            outcome["result"] = analyse_all([doc("b.txt", "stall here"), doc("c.txt", "fine")], None, seconds=600,
                                            analyser=analysers.sleeper)
        except budget.WorkerError as err:
            outcome["error"] = str(err)

    thread = threading.Thread(target=analyse)
    thread.start()
    time.sleep(3)  # the child is on the stalled document
    stopped = time.monotonic()
    budget.stop_all()
    thread.join(timeout=30)
    try:
        assert not thread.is_alive() and time.monotonic() - stopped < 2
        assert outcome == {"error": "the run is stopping: no analysis process is started"}
    finally:
        budget.close_kept()  # the stop is over: later analyses start children again
    assert analyse_all([doc("a.txt", "fine")], None, seconds=30, analyser=analysers.echo)[0]
