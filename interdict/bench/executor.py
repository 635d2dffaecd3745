"""Where the runs run: in this process (one worker), a local process pool, or a `dask.distributed`
cluster given by its scheduler's address.

Specs are drawn lazily from an iterable (a billion-run plan costs nothing until it runs), at most a few
per worker in flight. Each record is handed to `on_record` the moment its run finishes, in whatever
order runs finish: the caller keeps it (streams it to disk) before the next one arrives, and sorts by
run index at the end, so every executor gives the same aggregate for the same seeds. Ctrl-C
(KeyboardInterrupt) cancels the runs not yet finished at once (local workers ignore SIGINT and are
terminated; Dask futures are cancelled) and is re-raised: what finished has already been handed over.
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from interdict.bench.run import run_one
from interdict.bench.suites import RunSpec
from interdict.core.errors import InterdictError

__all__ = ["execute", "scheduler_address"]

OnRecord = Callable[[dict[str, Any]], None]
IN_FLIGHT_PER_WORKER = 2  # specs queued per worker: enough to keep it busy, few to cancel


def execute(specs: Iterable[RunSpec], on_record: OnRecord, *, workers: int = 1, scheduler: str | None = None) -> float:
    """Run every spec, handing each record to `on_record` as it finishes; the wall-clock seconds."""
    started = time.perf_counter()
    if scheduler is not None:
        _on_dask(specs, scheduler, on_record)
    elif workers <= 1:
        for spec in specs:
            on_record(run_one(spec))
    else:
        _on_pool(specs, workers, on_record)
    return time.perf_counter() - started


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the parent, which stops them (no traceback from every worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_pool(specs: Iterable[RunSpec], workers: int, on_record: OnRecord) -> None:
    pool = multiprocessing.get_context().Pool(workers, initializer=_quiet_worker)
    back: queue.SimpleQueue[dict[str, Any] | BaseException] = queue.SimpleQueue()
    source = iter(specs)

    def submit(n: int) -> int:
        taken = _take(source, n)
        for spec in taken:
            pool.apply_async(run_one, (spec,), callback=back.put, error_callback=back.put)
        return len(taken)

    try:
        in_flight = submit(workers * IN_FLIGHT_PER_WORKER)
        while in_flight:
            got = back.get()
            if isinstance(got, BaseException):
                raise got
            on_record(got)
            in_flight += submit(1) - 1
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _take(source: Iterator[RunSpec], n: int) -> list[RunSpec]:
    return list(itertools.islice(source, max(n, 0)))


def scheduler_address(address: str) -> str:
    """`tcp://HOST:PORT` (or tls://, ws://, wss://, inproc://) checked before anything runs; InterdictError
    naming the option otherwise."""
    scheme, sep, rest = address.partition("://")
    host, colon, port = rest.rpartition(":")
    if not sep or scheme not in ("tcp", "tls", "ws", "wss", "inproc") or not rest:
        raise InterdictError(f"--scheduler {address!r}: expected an address such as tcp://HOST:8786")
    if scheme != "inproc" and (not colon or not host or not port.isdigit() or not 0 < int(port) < 65536):
        raise InterdictError(f"--scheduler {address!r}: expected HOST:PORT after {scheme}://, a port from 1 to 65535")
    return address


def _on_dask(specs: Iterable[RunSpec], scheduler: str, on_record: OnRecord) -> None:
    try:  # the optional `dask` extra
        from distributed import Client  # noqa: PLC0415
        from distributed import as_completed as dask_completed  # noqa: PLC0415
    except ImportError:
        raise InterdictError("--scheduler needs dask.distributed: pip install 'interdict[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise InterdictError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
    with client:
        source = iter(specs)
        slots = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER  # type: ignore[no-untyped-call]
        live = {client.submit(run_one, s, pure=False) for s in _take(source, slots)}
        flowing = dask_completed(list(live))  # type: ignore[no-untyped-call]
        try:
            for future in flowing:
                live.discard(future)
                on_record(future.result())
                for s in _take(source, 1):
                    new = client.submit(run_one, s, pure=False)
                    live.add(new)
                    flowing.add(new)  # type: ignore[no-untyped-call]
        except BaseException:
            client.cancel(list(live))  # type: ignore[no-untyped-call]
            raise
