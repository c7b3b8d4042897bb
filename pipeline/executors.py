"""Where the per-file work runs: in this process, in a local process pool, or
on a Dask cluster. All three run the same function and hand back the same
results, so the tables they lead to are byte-identical.

A file that takes longer than the time limit is stopped (its worker process
is killed and replaced) and reported as a failed row; a worker that dies
(a crash in a parser, out of memory) costs that file only.
"""

from __future__ import annotations

import concurrent.futures
import os
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence


@dataclass
class Outcome:
    """What became of one task: its value, or why there is none."""

    task: str
    value: object | None = None
    error: str | None = None


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_inline(fn: Callable[[str], object], tasks: Iterable[str]) -> Iterator[Outcome]:
    """In this process, one after another (no time limit): for debugging and tiny runs."""
    for task in tasks:
        yield Outcome(task, value=fn(task))


def run_pool(fn: Callable[[str], object], tasks: Sequence[str], workers: int, timeout: float | None,
             initializer: Callable[[], None] | None = None) -> Iterator[Outcome]:
    """A local pool of worker processes (pebble) with a time limit per task."""
    from pebble import ProcessExpired, ProcessPool

    with ProcessPool(max_workers=max(1, workers), initializer=initializer) as pool:
        pending = {pool.schedule(fn, args=(task,), timeout=timeout): task for task in tasks}
        for future in concurrent.futures.as_completed(list(pending)):
            task = pending.pop(future)
            try:
                yield Outcome(task, value=future.result())
            except concurrent.futures.TimeoutError:
                yield Outcome(task, error=f"timeout: reading took longer than {timeout:g} s and was stopped "
                                          "(raise the limit with --file-timeout)")
            except ProcessExpired as exc:
                yield Outcome(task, error=f"the reader process died ({exc}); the file may be malformed "
                                          "or too large for memory")
            except Exception as exc:  # noqa: BLE001 - one task's failure is that task's row
                yield Outcome(task, error=f"internal error: {type(exc).__name__}: {exc}; please report this file")


def run_dask(fn: Callable[[str], object], tasks: Sequence[str], workers: int, timeout: float | None,
             scheduler: str | None) -> Iterator[Outcome]:
    """A Dask cluster: an existing one (`scheduler` = tcp://host:port) or a LocalCluster.

    Each task runs `fn` in a child process of the Dask worker, so the time
    limit can stop it; where a worker may not start children (a daemonic
    worker), the task runs in the worker itself without a limit.
    """
    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(_with_time_limit, tasks, fn=fn, timeout=timeout, pure=False)
        by_key = dict(zip((f.key for f in futures), tasks))
        for future in as_completed(futures):
            task = by_key[future.key]
            try:
                value, error = future.result()
            except Exception as exc:  # noqa: BLE001
                value, error = None, f"internal error on the cluster: {type(exc).__name__}: {exc}"
            yield Outcome(task, value=value, error=error)
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _with_time_limit(task: str, fn: Callable[[str], object], timeout: float | None) -> tuple[object | None, str | None]:
    """Run one task in a child process with a time limit (inside a Dask worker)."""
    from pebble import ProcessExpired, concurrent as pebble_concurrent

    try:
        future = pebble_concurrent.process(timeout=timeout)(fn)(task)
    except AssertionError:  # "daemonic processes are not allowed to have children"
        return fn(task), None
    try:
        return future.result(), None
    except concurrent.futures.TimeoutError:
        return None, (f"timeout: reading took longer than {timeout:g} s and was stopped "
                      "(raise the limit with --file-timeout)")
    except ProcessExpired as exc:
        return None, f"the reader process died ({exc}); the file may be malformed or too large for memory"
