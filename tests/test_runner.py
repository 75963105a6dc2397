"""The one runner (`arnews.runner.map_ordered`): ordered results under fork and spawn and in threads, errors
surfaced."""

import multiprocessing
import os
import threading

import pytest

from arnews import arabic, runner
from arnews.errors import InputError

# Real headlines: "Putin arrives in Pyongyang", "Kim receives Putin at the airport", "talks begin in Kumsusan".
HEADLINES = ["بوتين يصل إلى بيونغ يانغ", "كيم يستقبل بوتين في المطار", "بدء المباحثات في كومسوسان"] * 4


def _fold_or_fail(text: str) -> str:
    if not text:
        raise InputError("empty.txt", "the file is empty")
    return arabic.fold(text)


@pytest.mark.parametrize("method", [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()])
def test_results_come_back_in_input_order_whatever_the_start_method(method, monkeypatch):
    monkeypatch.setenv(runner.START_METHOD_VARIABLE, method)
    weights = list(range(len(HEADLINES)))  # the last items start first
    got = list(runner.map_ordered(_fold_or_fail, HEADLINES, jobs=2, weights=weights, progress=False))
    assert got == [arabic.fold(h) for h in HEADLINES]
    assert got[0] == "بوتين يصل الي بيونغ يانغ"


def test_one_job_runs_in_this_process_with_the_same_result():
    assert list(runner.map_ordered(_fold_or_fail, HEADLINES, jobs=1)) == \
        list(runner.map_ordered(_fold_or_fail, HEADLINES, jobs=2, progress=False))


def test_an_input_error_in_a_worker_reaches_the_caller_as_itself():
    with pytest.raises(InputError, match="empty.txt: the file is empty"):
        list(runner.map_ordered(_fold_or_fail, [*HEADLINES, ""], jobs=2, progress=False))


def test_threads_give_the_results_in_input_order_from_this_process():
    weights = list(range(len(HEADLINES)))  # the last items start first
    got = list(runner.map_ordered(_fold_or_fail, HEADLINES, jobs=2, weights=weights, progress=False, threads=True))
    assert got == [arabic.fold(h) for h in HEADLINES]
    for jobs in (1, 2):  # even one job is a thread besides this one, which takes the results as they come
        where = list(runner.map_ordered(lambda _: (os.getpid(), threading.get_ident()), HEADLINES, jobs=jobs,
                                        threads=True, progress=False))  # a lambda: nothing is pickled
        assert {pid for pid, _ in where} == {os.getpid()}
        assert threading.get_ident() not in {thread for _, thread in where}
    assert list(runner.map_ordered(_fold_or_fail, [], threads=True)) == []


def test_by_default_threads_leave_the_callers_core(monkeypatch):
    def where(_):
        return threading.get_ident()

    monkeypatch.setattr(runner, "available_cores", lambda: 1)  # one core: no thread, the caller does all
    assert set(runner.map_ordered(where, HEADLINES, threads=True, progress=False)) == {threading.get_ident()}
    monkeypatch.setattr(runner, "available_cores", lambda: 2)  # two: one thread besides the caller
    threads = set(runner.map_ordered(where, HEADLINES, threads=True, progress=False))
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_an_input_error_in_a_thread_reaches_the_caller_as_itself():
    with pytest.raises(InputError, match="empty.txt: the file is empty"):
        list(runner.map_ordered(_fold_or_fail, ["", *HEADLINES], jobs=2, progress=False, threads=True))


def test_available_cores_is_at_least_one():
    assert runner.available_cores() >= 1


def test_in_background_runs_beside_the_caller_and_gives_back_its_result_or_its_error(monkeypatch):
    started, release = threading.Event(), threading.Event()

    def fold_when_released():
        started.set()
        assert release.wait(10)  # the caller goes on meanwhile: it is the one that releases this call
        return threading.get_ident(), arabic.fold(HEADLINES[0])

    monkeypatch.setattr(runner, "available_cores", lambda: 2)
    future = runner.in_background(fold_when_released)
    assert started.wait(10)
    release.set()
    thread, folded = future.result()
    assert thread != threading.get_ident() and folded == "بوتين يصل الي بيونغ يانغ"
    with pytest.raises(InputError, match="empty.txt: the file is empty"):
        runner.in_background(lambda: _fold_or_fail("")).result()
    monkeypatch.setattr(runner, "available_cores", lambda: 1)  # one core: the call runs here, at once
    future = runner.in_background(lambda: (threading.get_ident(), arabic.fold(HEADLINES[1])))
    assert future.done() and future.result()[0] == threading.get_ident()
    with pytest.raises(InputError, match="empty.txt"):
        runner.in_background(lambda: _fold_or_fail("")).result()
