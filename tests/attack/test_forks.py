"""Forks, spawns and threads: column calls give the same answers in every process and thread, and never hang.

Issue 15: after one column call of 196,609 rows or more (four blocks, run on the block thread
pool), a child started by ``fork`` inherited the pool without its threads and hung in its first
large column call. Every pool run here has a timeout, so a regression fails instead of hanging.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable, Iterator

import numpy as np
import pytest

import slaclock as sc
from slaclock._base import blocks as _blocks
from slaclock._calendar import clear_caches
from slaclock._days import compile as _compile
from slaclock._rules import columns as _columns

ROWS = 300_000
"""Above 196,608 (three blocks): the column call runs on the block thread pool."""
DAYS = np.resize(np.arange(np.datetime64("2020-01-01"), np.datetime64("2025-06-30")), ROWS)
CAL = sc.calendar("CN")
TIMEOUT = 60


def _job(_: object = None) -> str:
    """A 300,000-row ``sc.deadlines`` and ``add_workdays``: a digest of the answers (small to send back)."""
    d = sc.deadlines(DAYS, "5个工作日", calendar=CAL)
    h = hashlib.sha256()
    for column in (d.due, d.last_day, d.provisional, CAL.add_workdays(DAYS, 3)):
        h.update(np.ascontiguousarray(column).tobytes())
    return h.hexdigest()


@pytest.fixture
def two_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Blocks on 2 threads, whatever the machine (children inherit the setting)."""
    monkeypatch.setenv("SLACLOCK_THREADS", "2")
    _blocks.threads.cache_clear()
    yield
    _blocks.threads.cache_clear()


def _pool_runs(method: str) -> list[str]:
    with multiprocessing.get_context(method).Pool(2) as pool:
        return pool.map_async(_job, range(4)).get(timeout=TIMEOUT)


@pytest.mark.skipif(sys.platform == "win32", reason="no fork on Windows")
@pytest.mark.usefixtures("two_threads")
def test_a_fork_pool_after_a_threaded_call_in_the_parent_finishes_with_the_same_answers() -> None:
    # issue 15: this hung forever in the children (the block pool was inherited with dead threads)
    want = _job()
    assert _pool_runs("fork") == [want] * 4
    assert _job() == want  # and the parent's pool still works


@pytest.mark.usefixtures("two_threads")
def test_a_spawn_pool_gives_the_same_answers() -> None:
    want = _job()
    assert _pool_runs("spawn") == [want] * 4


def _at_once(job: Callable[[], str], callers: int, pool: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[str]]:
    """``job`` on one thread (``SLACLOCK_THREADS=1``), then from ``callers`` threads at once sharing a block pool of
    ``pool`` threads: (the one-thread answer, every caller's answer). A caller's error, or one still running after
    the timeout, fails the test."""
    monkeypatch.setenv("SLACLOCK_THREADS", "1")
    _blocks.threads.cache_clear()
    want = job()
    monkeypatch.setenv("SLACLOCK_THREADS", pool)
    _blocks.threads.cache_clear()
    try:
        got: list[str] = []
        errors: list[BaseException] = []

        def run() -> None:
            try:
                got.append(job())
            except BaseException as exc:  # reported by the assert below
                errors.append(exc)

        threads = [threading.Thread(target=run) for _ in range(callers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(TIMEOUT)
        assert not any(t.is_alive() for t in threads)
    finally:
        _blocks.threads.cache_clear()
    assert not errors
    return want, got


def test_sixteen_threads_give_the_single_threaded_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    want, got = _at_once(_job, 16, "4", monkeypatch)  # 16 calls at once, sharing one pool of 4 block threads
    assert got == [want] * 16


def test_sixteen_threads_building_many_calendars_keep_the_day_table_cache_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # issue 15: KeyError from two threads evicting the same entry, and 65 entries against a limit of 64.
    # Each round, 16 threads compile 16 new calendars into a full cache, then store them at the same moment.
    clear_caches()
    for j in range(64):
        sc.calendar("CN", closures={_day(j): "filler"})
    barrier = threading.Barrier(16, timeout=TIMEOUT)
    compile_days = _compile._compile_days

    def compile_then_wait(cal: sc.WorkCalendar) -> object:
        made = compile_days(cal)
        barrier.wait()
        return made

    monkeypatch.setattr(_compile, "_compile_days", compile_then_wait)
    monkeypatch.setattr(_compile, "_COMPILED", _SlowLen(_compile._COMPILED))
    seen: list[int] = []
    errors: list[BaseException] = []

    def build(k: int) -> None:
        try:
            for r in range(4):
                j = 64 + r * 16 + k  # 64 more distinct calendars
                cal = sc.calendar("CN", closures={_day(j): f"closure {j}"})
                assert not cal.is_workday(_day(j))
                seen.append(len(_compile._COMPILED))
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
            barrier.abort()

    try:
        threads = [threading.Thread(target=build, args=(k,)) for k in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(TIMEOUT)
    finally:
        clear_caches()
    assert not errors
    assert len(seen) == 64
    assert max(seen) <= 64


class _SlowLen(dict[object, object]):
    """The cache, with a window between reading it (its size, its oldest key) and acting on it: a
    check-then-act race between threads shows every time instead of now and then."""

    def __len__(self) -> int:
        n = super().__len__()
        time.sleep(0.002)
        return n

    def __iter__(self) -> Iterator[object]:
        keys = list(super().__iter__())
        time.sleep(0.002)
        return iter(keys)


def _day(j: int) -> str:
    """A distinct weekday of 2026 for each j < 200 (a closure makes each calendar's spec distinct)."""
    return str(np.busday_offset(np.datetime64("2026-01-05"), j, roll="forward"))


def test_a_bad_thread_setting_is_raised_by_a_large_column_call_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 15: "abc" fell back to one thread silently; a block's error is retried on the whole column, so the
    # setting's error must come before the blocks
    monkeypatch.setenv("SLACLOCK_THREADS", "abc")
    monkeypatch.setattr(_columns, "TABLES", False)  # the full way runs blocks on threads (a day table runs none)
    _blocks.threads.cache_clear()
    try:
        with pytest.raises(sc.InvalidInputError, match="SLACLOCK_THREADS='abc'"):
            sc.deadlines(DAYS, "5个工作日", calendar=CAL)
    finally:
        _blocks.threads.cache_clear()


def _evaluate_job() -> str:
    """``Contract.evaluate`` of 200,000 help-desk cases (more than two blocks of 65,536: blocks on the pool, taken
    by the caller and the pool's threads): a digest of every column."""
    from tests.helpers.tickets import NOW, desk

    out = desk().evaluate(_tickets(), now=NOW, states="codes")
    h = hashlib.sha256()
    for name in sorted(out):
        h.update(name.encode())
        h.update(np.ascontiguousarray(out[name]).tobytes())
    return h.hexdigest()


@functools.cache
def _tickets() -> dict[str, np.ndarray]:
    from tests.helpers.tickets import tickets

    t = tickets(200_000, seed=21)
    return {n: t.column(n).to_numpy(zero_copy_only=False) for n in t.column_names}


def test_eight_threads_evaluating_long_tables_at_once_give_the_one_thread_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # each call hands its blocks to the shared pool of 3 and works on them itself: 8 callers at once must not
    # wait on each other's blocks forever, nor mix their rows
    want, got = _at_once(_evaluate_job, 8, "3", monkeypatch)
    assert got == [want] * 8


def test_a_bad_thread_setting_is_raised_by_a_long_evaluate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACLOCK_THREADS", "0")
    _blocks.threads.cache_clear()
    try:
        with pytest.raises(sc.InvalidInputError, match="SLACLOCK_THREADS='0'"):
            _evaluate_job()
    finally:
        _blocks.threads.cache_clear()


def test_blocks_asked_for_on_a_pool_thread_run_in_it_instead_of_waiting_on_the_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two tasks fill the pool of 2; each asks for 8 blocks: handed to the same pool, they would wait forever
    monkeypatch.setenv("SLACLOCK_THREADS", "2")
    _blocks.threads.cache_clear()
    try:
        seen: list[tuple[str, int]] = []

        def task() -> None:
            assert _blocks.on_pool()
            _blocks.for_each_block(lambda lo, hi: seen.append((threading.current_thread().name, lo)), 8, 1)

        futures = [_blocks.pool(2).submit(task) for _ in range(2)]
        for f in futures:
            f.result(timeout=TIMEOUT)
    finally:
        _blocks.threads.cache_clear()
    assert sorted(lo for _, lo in seen) == sorted(list(range(8)) * 2)
    assert not _blocks.on_pool()  # this thread is not the pool's
