"""Where the runs run: in this process (one worker), a local process pool, or a `dask.distributed`
cluster given by its scheduler's address. Records come back in run order whatever order the runs
finish in, so every executor gives the same aggregate for the same seeds."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from interdict.bench.run import run_one
from interdict.bench.suites import RunSpec
from interdict.core.errors import InterdictError

__all__ = ["execute"]

Progress = Callable[[int], None]


def execute(
    specs: Sequence[RunSpec], *, workers: int = 1, scheduler: str | None = None, progress: Progress | None = None
) -> tuple[list[dict[str, Any]], float]:
    """Every run's record, in run order, and the wall-clock seconds the whole took."""
    started = time.perf_counter()
    if scheduler is not None:
        done = _on_dask(specs, scheduler, progress)
    elif workers <= 1:
        done = {}
        for spec in specs:
            done[spec.index] = run_one(spec)
            if progress is not None:
                progress(len(done))
    else:
        done = _on_pool(specs, workers, progress)
    return [done[s.index] for s in specs], time.perf_counter() - started


def _on_pool(specs: Sequence[RunSpec], workers: int, progress: Progress | None) -> dict[int, dict[str, Any]]:
    done: dict[int, dict[str, Any]] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_one, spec): spec.index for spec in specs}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if progress is not None:
                progress(len(done))
    return done


def _on_dask(specs: Sequence[RunSpec], scheduler: str, progress: Progress | None) -> dict[int, dict[str, Any]]:
    try:  # the optional `dask` extra
        from distributed import Client  # noqa: PLC0415
        from distributed import as_completed as dask_completed  # noqa: PLC0415
    except ImportError:
        raise InterdictError("--scheduler needs dask.distributed: pip install 'interdict[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise InterdictError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
    done: dict[int, dict[str, Any]] = {}
    with client:
        futures = client.map(run_one, list(specs), pure=False)
        index = {f.key: s.index for f, s in zip(futures, specs, strict=True)}
        for future in dask_completed(futures):  # type: ignore[no-untyped-call]
            done[index[future.key]] = future.result()
            if progress is not None:
                progress(len(done))
    return done
