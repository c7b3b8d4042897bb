"""Where the per-file work runs: in this process, in a local process pool, or
on a Dask cluster. All three run the same function and hand back the same
results, so the tables they lead to are byte-identical.

A file that takes longer than the time limit is stopped (its worker process
is killed and replaced) and reported as a failed row; a worker that dies
(a crash in a parser, out of memory) costs that file only.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import threading
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence


# A worker process is replaced after this many files: what grows with every new word it
# sees (spaCy's vocabulary, the memo caches) stays bounded however large the archive;
# loading spaCy again costs well under 1 % of the time of these files.
TASKS_PER_CHILD = 500
IN_FLIGHT_PER_WORKER = 8  # files scheduled ahead per worker
# What the fork server imports once; every worker is forked from it with these loaded.
FORKSERVER_PRELOAD = ["pipeline.runner"]


@dataclass
class Outcome:
    """What became of one task: its value, or why there is none."""

    task: str
    value: object | None = None
    error: str | None = None


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a small fork server that has imported the
    pipeline, not from this process. A plain fork copies the parent's heap, which grows as
    the run collects documents rows, into every worker, and workers are replaced every
    `TASKS_PER_CHILD` files: each generation would start larger, so memory would grow
    with the archive. Where there is no fork server (Windows), the platform's default."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(FORKSERVER_PRELOAD)  # read when the server starts (once per process)
    return context


def run_inline(fn: Callable[[str], object], tasks: Iterable[str]) -> Iterator[Outcome]:
    """In this process, one after another (no time limit): for debugging and tiny runs."""
    for task in tasks:
        yield Outcome(task, value=fn(task))


def run_pool(fn: Callable[[str], object], tasks: Sequence[str], workers: int, timeout: float | None,
             initializer: Callable[[], None] | None = None) -> Iterator[Outcome]:
    """A local pool of worker processes (pebble) with a time limit per task; results come
    back in the order they finish."""
    from pebble import ProcessPool

    window = max(1, workers) * IN_FLIGHT_PER_WORKER
    queue = iter(tasks)
    with ProcessPool(max_workers=max(1, workers), max_tasks=TASKS_PER_CHILD, initializer=initializer,
                     context=worker_context()) as pool:
        pending: dict[concurrent.futures.Future, str] = {}

        def top_up() -> None:  # a bounded window of scheduled files: memory does not grow with the archive
            for task in queue:
                pending[pool.schedule(fn, args=(task,), timeout=timeout)] = task
                if len(pending) >= window:
                    break

        top_up()
        while pending:
            done, _ = concurrent.futures.wait(list(pending), return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                yield _outcome(task, future, timeout)
            top_up()


def _outcome(task: str, future: concurrent.futures.Future, timeout: float | None) -> Outcome:
    from pebble import ProcessExpired

    try:
        return Outcome(task, value=future.result())
    except concurrent.futures.TimeoutError:
        return Outcome(task, error=f"timeout: reading took longer than {timeout:g} s and was stopped "
                                   "(raise the limit with --file-timeout)")
    except ProcessExpired as exc:
        return Outcome(task, error=f"the reader process died ({exc}); the file may be malformed "
                                   "or too large for memory")
    except Exception as exc:  # noqa: BLE001 - one task's failure is that task's row
        return Outcome(task, error=f"internal error: {type(exc).__name__}: {exc}; please report this file")


class ClusterError(RuntimeError):
    """The Dask cluster cannot be used (not installed, scheduler unreachable): the run cannot run."""


def run_dask(fn: Callable[[str], object], tasks: Sequence[str], workers: int, timeout: float | None,
             scheduler: str | None, initializer: Callable[[], None] | None = None) -> Iterator[Outcome]:
    """A Dask cluster: an existing one (`scheduler` = tcp://host:port) or a LocalCluster.

    Each task runs `fn` in a child process of the Dask worker, so the time
    limit can stop it; where a worker may not start children (a daemonic
    worker), the task runs in the worker itself without a limit. distributed's own
    logging (cluster start, workers joining and leaving) is kept to errors, and the
    workers' child processes are stopped before the cluster closes, so a LocalCluster's
    workers exit at once instead of being killed after a wait.
    """
    try:
        import dask
    except ImportError:
        raise ClusterError("--executor dask needs Dask: pip install -e '.[dask]' (or run without "
                           "--executor dask)") from None
    with dask.config.set({"logging": {"distributed": "error"}}):  # read when distributed is imported
        from dask.distributed import Client, LocalCluster, as_completed
    logging.getLogger("distributed").setLevel(logging.ERROR)  # in case it was imported before
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, ValueError) as exc:  # TimeoutError is an OSError
            raise ClusterError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}; check that the "
                               "scheduler runs and this machine can reach it, or leave out --scheduler to "
                               "start a cluster on this machine") from None
    else:
        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(_with_time_limit, tasks, fn=fn, timeout=timeout, initializer=initializer, pure=False)
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
        try:
            client.run(_close_worker_pools)  # each worker's children; they would keep it from exiting
        except Exception:  # noqa: BLE001 - a worker already gone has nothing to close
            pass
        client.close()
        if cluster is not None:
            cluster.close()


def _close_worker_pools() -> None:
    """Stop the child processes this Dask worker keeps for its tasks (see `_with_time_limit`)."""
    with _POOL_LOCK:
        for pool in _WORKER_POOLS.values():
            pool.stop()  # type: ignore[attr-defined]
            pool.join()  # type: ignore[attr-defined]
        _WORKER_POOLS.clear()


_WORKER_POOLS: dict[object, object] = {}  # per Dask worker process: warm children kept for every task
_POOL_LOCK = threading.Lock()
_INITIALISED: set[Callable[[], None]] = set()  # initializers run in a daemonic worker itself


def _worker_threads() -> int:
    """How many tasks this Dask worker runs at once (its --nthreads)."""
    try:
        from dask.distributed import get_worker

        worker = get_worker()
        return max(1, int(getattr(worker, "nthreads", None) or worker.state.nthreads))
    except Exception:  # noqa: BLE001 - not in a worker, or another distributed version
        return 1


def _with_time_limit(task: str, fn: Callable[[str], object], timeout: float | None,
                     initializer: Callable[[], None] | None = None) -> tuple[object | None, str | None]:
    """Run one task in a child process with a time limit (inside a Dask worker).

    Each Dask worker keeps child processes (a pebble pool, one child per worker thread,
    started with `initializer`, which loads spaCy and the lexicons) for all its tasks, so a file
    costs what it costs in the local pool; a child that runs out of time is killed and
    replaced. A daemonic worker may not have children: there the task runs in the
    worker itself, without a limit."""
    from pebble import ProcessPool

    if multiprocessing.current_process().daemon:
        if initializer is not None and initializer not in _INITIALISED:
            initializer()
            _INITIALISED.add(initializer)
        return fn(task), None
    with _POOL_LOCK:  # a worker with several threads shares one pool of as many children
        pool = _WORKER_POOLS.get(initializer)
        if pool is None or not pool.active:  # type: ignore[attr-defined]
            pool = _WORKER_POOLS[initializer] = ProcessPool(max_workers=_worker_threads(), max_tasks=TASKS_PER_CHILD,
                                                            initializer=initializer, context=worker_context())
    outcome = _outcome(task, pool.schedule(fn, args=(task,), timeout=timeout), timeout)  # type: ignore[attr-defined]
    return outcome.value, outcome.error
