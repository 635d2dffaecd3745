"""Engine throughput: plots per second through the whole engine (tracker, strips, identification,
safety checks, ladder, events, audit records) against the tracker alone on the same plots, same run.

    python3 benchmarks/engine.py [--scenario scenarios/vraem-shuttle.yaml] [--seed 42]
"""

from __future__ import annotations

import argparse
import time

from interdict.contract.plots import scans
from interdict.engine.engine import Engine
from interdict.engine.tracking import Tracker
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.radar import simulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default="scenarios/vraem-shuttle.yaml")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    picture = picture_of(scenario)
    plots = simulate(scenario, args.seed).plots
    step_s = min(r.scan_period_s for r in picture.radars)

    start = time.perf_counter()
    for _ in Tracker(picture.frame, picture.radars).run(plots, step_s, t_end_s=scenario.duration_s):
        pass
    tracker_s = time.perf_counter() - start

    engine = Engine(picture)
    state = engine.initial_state()
    start = time.perf_counter()
    for t_s, batch in scans(plots, step_s, t_end_s=scenario.duration_s, past_end=False):
        state, _ = engine.step(state, batch, [], t_s)
    engine_s = time.perf_counter() - start
    n = len(plots)
    print(f"{scenario.name}, seed {args.seed}: {n} plots, {int(scenario.duration_s / step_s)} scans")
    print(f"  tracker alone : {n / tracker_s:9.0f} plots/s ({tracker_s:.2f} s)")
    print(f"  whole engine  : {n / engine_s:9.0f} plots/s ({engine_s:.2f} s)")
    print(f"  engine / tracker time ratio: {engine_s / tracker_s:.2f}")


if __name__ == "__main__":
    main()
