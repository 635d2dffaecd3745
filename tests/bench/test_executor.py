"""The same runs give the same records in this process, in a local process pool and on a Dask
cluster (a LocalCluster started here): only the wall-clock `cost` may differ."""

from __future__ import annotations

import json
from typing import Any

import pytest
from distributed import LocalCluster

from interdict.bench.aggregate import aggregate
from interdict.bench.executor import execute
from interdict.bench.suites import RunSpec

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


@pytest.fixture(scope="module")
def in_process() -> list[dict[str, Any]]:
    records, _ = execute(SPECS, workers=1)
    return records


def test_process_pool_matches_in_process(in_process: list[dict[str, Any]]) -> None:
    seen: list[int] = []
    records, wall_s = execute(SPECS, workers=2, progress=seen.append)
    assert [r["run"] for r in records] == [0, 1, 2, 3] and seen == [1, 2, 3, 4] and wall_s > 0
    assert json.dumps(_without_cost(records)) == json.dumps(_without_cost(in_process))
    assert _results(records) == _results(in_process)
    assert "tracker_alone_s" in records[2]["cost"] and "tracker_alone_s" not in records[0]["cost"]
    again = "interdict bench portuguese_pilot --runs 1 --seed 4 --set tracker.cv_accel_sigma_mps2=0.5"
    assert records[1]["reproduce"] == again


def test_dask_local_cluster_matches_the_process_pool(in_process: list[dict[str, Any]]) -> None:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        records, _ = execute(SPECS, scheduler=cluster.scheduler_address)
    assert _results(records) == _results(in_process)
    assert json.dumps(_without_cost(records)) == json.dumps(_without_cost(in_process))
