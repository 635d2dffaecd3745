"""Replay time of vraem-shuttle with its radar's clutter raised, the measure behind the limits of
`interdict/scenario/budget.py`. Clutter beyond those limits is refused at load, so the replay here
bypasses the loader's cost rule (`model_validate` + `run_replay`) to measure it; each point is
reported against the scenario time it covers (ratio < 1: faster than real time).

    python3 benchmarks/clutter_cost.py [--points 1000/10/120 1000/5/900 ...]   # plots/scan / period s / duration s
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from interdict.replay.loop import run_replay
from interdict.scenario.document import Scenario

SHUTTLE = Path(__file__).resolve().parents[1] / "scenarios" / "vraem-shuttle.yaml"


def replay_s(false_plots_per_scan: float, scan_period_s: float, duration_s: float) -> float:
    data = yaml.safe_load(SHUTTLE.read_text())
    data["radars"][0].update(false_plots_per_scan=false_plots_per_scan, scan_period_s=scan_period_s)
    data["duration_s"] = duration_s
    scenario = Scenario.model_validate(data)
    started = time.perf_counter()
    run_replay(scenario, seed=scenario.seed)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", nargs="+", default=["1000/10/120", "1000/5/900", "1000/2/900", "1000/0.6/120"])
    args = parser.parse_args()
    print("false plots/s  scenario s  replay s  replay/scenario")
    for point in args.points:
        fp, period, duration = (float(x) for x in point.split("/"))
        took = replay_s(fp, period, duration)
        print(f"{fp / period:13.0f}  {duration:10.0f}  {took:8.1f}  {took / duration:15.3f}", flush=True)


if __name__ == "__main__":
    main()
