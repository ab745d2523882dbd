"""Running export targets in worker processes, for `ladderc export --jobs N`.

The targets of an export are independent: each reads the compiled ladder and writes only into its
own sub-directory. At a thousand families the Workday workbooks alone take as long as all other
targets together, so running the targets side by side roughly halves the export on two cores.

Workers are forked, so they inherit the compiled ladders (set in `_work` just before the pool
starts) instead of receiving them pickled: at a thousand families pickling the ladder takes about
1 s and unpickling it 2 s per worker, more than running the targets side by side saves.
The caller has frozen the ladders out of the cyclic GC (`gc.freeze()`), which the Python docs
recommend before a fork so that collections in the workers do not copy every page of the model.
Findings come back pickled. A worker's exception is raised here as the target's own exception, once
every started target has stopped, so the caller discards the temporary directory as it does for
a target that fails in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING

from ladderc.diagnostics import Diagnostic
from ladderc.export.target import run_target

if TYPE_CHECKING:
    from ladderc.export.target import Settings, Target
    from ladderc.model import Ladder

Task = tuple["Ladder", "Target", Path]  # a ladder, one of its targets, the directory it writes into

_work: tuple[list[Task], Settings] | None = None  # what the forked workers inherit


def can_fork() -> bool:
    """Whether workers can inherit the ladders (Linux, macOS); elsewhere targets run in-process."""
    return "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_in_processes(tasks: list[Task], settings: Settings, jobs: int) -> list[Diagnostic]:
    """Run every task in up to `jobs` forked workers; the findings in task order."""
    global _work
    # The costliest targets start first, so that the last to finish did not also start last.
    order = sorted(range(len(tasks)), key=lambda i: -tasks[i][1].cost)
    _work = (tasks, settings)
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker)
    try:
        futures = {i: pool.submit(_run, i) for i in order}
        wait(futures.values(), return_when=FIRST_EXCEPTION)
    finally:
        # On a failure (or Ctrl-C here), targets not started yet never start, and started ones
        # finish before the caller removes the directory they write into.
        pool.shutdown(wait=True, cancel_futures=True)
        _work = None
    failed = [futures[i] for i in range(len(tasks)) if futures[i].done() and not futures[i].cancelled()
              and futures[i].exception() is not None]
    if failed:
        raise failed[0].exception()  # type: ignore[misc]  # not None: `failed` holds the futures that raised
    return [x for i in range(len(tasks)) for x in futures[i].result()]


def _run(index: int) -> list[Diagnostic]:
    assert _work is not None, "export workers must be forked from run_in_processes"
    tasks, settings = _work
    ladder, target, directory = tasks[index]
    return run_target(ladder, target, directory, settings)


def _start_worker() -> None:
    # A worker lives for one export and ends with os._exit, so the cyclic collector stays off for
    # good rather than only during each target (see `run_target`): the one cyclic structure the
    # targets build, XlsxWriter's workbook (0.1 s to collect at a thousand families), goes with
    # the process, and what stays behind until then is no larger than the export itself.
    gc.disable()
    # Ctrl-C reaches every process of the terminal's process group; the parent alone decides what
    # an interrupt means (stop starting targets, let started ones finish, clean up).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, name="exit-with-parent", daemon=True).start()


def _exit_with_parent() -> None:
    # A worker whose parent was killed would otherwise wait for work forever, or go on writing
    # into a temporary directory that the next run is about to clear.
    parent = multiprocessing.parent_process()
    assert parent is not None  # this runs in a worker
    multiprocessing.connection.wait([parent.sentinel])
    os._exit(1)
