"""The same runs give the same records in this process, in a local process pool and on a Dask
cluster (a LocalCluster started here): only the wall-clock `cost` may differ. Specs are drawn lazily and
Ctrl-C stops the pool at once."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterable
from typing import Any

import pytest
from distributed import LocalCluster

from interdict.bench.aggregate import aggregate
from interdict.bench.executor import execute, scheduler_address
from interdict.bench.suites import RunSpec
from interdict.core.errors import InterdictError

SPECS = [
    RunSpec(0, "late_plan", 3),
    RunSpec(1, "portuguese_pilot", 4, (("tracker.cv_accel_sigma_mps2", "0.5"),)),
    RunSpec(2, "callsign_plan", 5, time_tracker=True),
    RunSpec(3, "late_plan", 6),
]


def _results(records: list[dict[str, Any]]) -> str:
    return json.dumps(aggregate(records, 1.0, 1)["results"], sort_keys=True)


def _without_cost(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "cost"} for r in records]


def _collect(specs: Iterable[RunSpec], **where: Any) -> tuple[list[dict[str, Any]], list[int], float]:
    """The records in run order, the order they finished in, and the wall-clock seconds."""
    got: list[dict[str, Any]] = []
    wall_s = execute(specs, got.append, **where)
    return sorted(got, key=lambda r: int(r["index"])), [int(r["index"]) for r in got], wall_s


@pytest.fixture(scope="module")
def in_process() -> list[dict[str, Any]]:
    records, order, _ = _collect(SPECS, workers=1)
    assert order == [0, 1, 2, 3]
    return records


def test_process_pool_matches_in_process(in_process: list[dict[str, Any]]) -> None:
    records, order, wall_s = _collect(SPECS, workers=2)
    assert [r["index"] for r in records] == [0, 1, 2, 3] and sorted(order) == [0, 1, 2, 3] and wall_s > 0
    assert json.dumps(_without_cost(records)) == json.dumps(_without_cost(in_process))
    assert _results(records) == _results(in_process)
    assert "tracker_alone_s" in records[2]["cost"] and "tracker_alone_s" not in records[0]["cost"]
    again = "interdict bench portuguese_pilot --runs 1 --seed 4 --set tracker.cv_accel_sigma_mps2=0.5"
    assert records[1]["reproduce"] == again


def test_dask_local_cluster_matches_the_process_pool(in_process: list[dict[str, Any]]) -> None:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        records, _, _ = _collect(SPECS, scheduler=cluster.scheduler_address)
    assert _results(records) == _results(in_process)
    assert json.dumps(_without_cost(records)) == json.dumps(_without_cost(in_process))


def test_specs_are_drawn_lazily_and_ctrl_c_stops_the_pool_at_once() -> None:
    """An endless plan runs (nothing is built up front); Ctrl-C after two records returns within
    seconds, the runs in flight cancelled, the two records handed over."""
    endless = (RunSpec(i, "callsign_plan", 3 + i) for i in itertools.count())
    got: list[dict[str, Any]] = []

    def keep(record: dict[str, Any]) -> None:
        got.append(record)
        if len(got) == 2:
            raise KeyboardInterrupt

    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        execute(endless, keep, workers=2)
    assert len(got) == 2 and time.perf_counter() - started < 120


@pytest.mark.parametrize("address", ["nonsense", "tcp://", "tcp://host", "tcp://host:0", "http://host:8786"])
def test_a_scheduler_address_is_checked_before_anything_runs(address: str) -> None:
    with pytest.raises(InterdictError, match="--scheduler"):
        scheduler_address(address)
    assert scheduler_address("tcp://127.0.0.1:8786") == "tcp://127.0.0.1:8786"
