"""The one way arnews spreads work over the cores: an ordered map over worker processes or threads.

Every stage that processes a corpus piece by piece (the loader's source files, the stages' shards of the
clean store) calls `map_ordered`. It owns the workers, the order of the results (always the order of the
inputs, whatever the number of workers, so outputs are byte-identical), the progress bar and the clean-up
when something fails or the user interrupts. Worker processes work under every start method: `fork`
(Linux), `spawn` (macOS and Windows; set ARNEWS_START_METHOD=spawn to try it on Linux) and `forkserver`; the
function must then be a module-level function and the items picklable. Worker threads (`threads=True`) suit
a function that spends its time in compiled code that releases the GIL (the term engine's kernels): they
start at once and share the items and results without pickling.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from typing import TypeVar

__all__ = ["START_METHOD_VARIABLE", "available_cores", "in_background", "map_ordered"]

T = TypeVar("T")
R = TypeVar("R")

#: Environment variable naming the start method of worker processes (default: the platform's).
START_METHOD_VARIABLE = "ARNEWS_START_METHOD"


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells, else the CPU count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _context():
    method = os.environ.get(START_METHOD_VARIABLE) or None
    return multiprocessing.get_context(method)


def map_ordered(function: Callable[[T], R], items: Sequence[T], *, jobs: int = 0,
                weights: Sequence[float] | None = None, desc: str = "", progress: bool = True,
                threads: bool = False) -> Iterator[R]:
    """Yield `function(item)` for every item, in the order of `items`.

    With more than one worker process (or any worker thread) and more than one item, the calls run in the
    workers; the heaviest items (by `weights`) are started first so that no worker is left with a big one at
    the end, and each result is yielded as soon as every result before it is in. An exception in a worker is
    raised here (the other calls are cancelled); Ctrl-C stops the workers.

    Args:
        function: a module-level function (it is pickled by name under the spawn start method).
        items: its arguments, one per call.
        jobs: worker processes; 0 means one per available core, 1 runs everything in this thread.
        weights: the cost of each item (e.g. its size in bytes), to schedule the heavy ones first.
        desc: the progress bar's label; progress: show a bar (on stderr, for more than one item).
        threads: the calls run in `jobs` worker threads of this process instead, besides the caller, which
            works on the results as they come (0: one per available core but the caller's; on one core, none:
            everything runs in this thread). For a function whose work releases the GIL (compiled kernels,
            reading files); it need not be module-level, nor the items picklable.
    """
    if jobs <= 0:  # threads leave a core to the caller, which works on their results
        jobs = available_cores() - 1 if threads else available_cores()
    jobs = min(jobs, len(items))
    bar = _bar(len(items), desc, progress)
    try:
        if jobs == 0 or (jobs == 1 and not threads):
            for item in items:
                yield function(item)
                bar.update()
            return
        yield from _in_workers(function, items, jobs, weights, bar, threads)
    finally:
        bar.close()


def _in_workers(function, items, jobs, weights, bar, threads=False) -> Iterator:
    order = sorted(range(len(items)), key=lambda i: -weights[i]) if weights is not None else list(range(len(items)))
    done: dict[int, object] = {}
    next_out = 0
    executor = ThreadPoolExecutor(max_workers=jobs) if threads else \
        ProcessPoolExecutor(max_workers=jobs, mp_context=_context())
    with executor as pool:
        pending: dict[Future, int] = {}
        queue = iter(order)
        try:
            for index in queue:  # at most two calls per worker in flight: results come back in time to stream
                pending[pool.submit(function, items[index])] = index
                if len(pending) >= 2 * jobs:
                    break
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done[pending.pop(future)] = future.result()
                    bar.update()
                    index = next(queue, None)
                    if index is not None:
                        pending[pool.submit(function, items[index])] = index
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
        except BaseException:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def in_background(function: Callable[[], R]) -> Future:
    """Start `function()` in a worker thread of this process and return its future (`.result()` waits for it
    and raises what it raised), so that it overlaps the caller's work: for work that mostly leaves the GIL free
    (compiled code, loading compiled code). On one core it runs here, before this returns.
    """
    if available_cores() == 1:
        future: Future = Future()
        try:
            future.set_result(function())
        except Exception as error:  # raised where the caller waits, as from a thread
            future.set_exception(error)
        return future
    executor = ThreadPoolExecutor(max_workers=1)
    try:
        return executor.submit(function)
    finally:
        executor.shutdown(wait=False)  # the thread ends when the call does


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, desc: str, progress: bool):
    if not progress or total <= 1:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=desc or None, unit="part", file=sys.stderr, delay=2)
