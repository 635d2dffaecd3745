"""Simulator throughput on a generated 50-aircraft, one-hour scenario, against a reference measured in
the same run: drawing the same number of Gaussian pairs with numpy alone.

    python3 benchmarks/simulate.py [--aircraft 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from interdict.bench.families.parts import MAZAMARI, mazamari_radar
from interdict.core.geodesy import geodesic_destination
from interdict.scenario.document import Scenario
from interdict.world.radar import simulate

SITE = (MAZAMARI["lat"], MAZAMARI["lon"])


def scenario(n: int, seed: int) -> Scenario:
    rng = np.random.default_rng(seed)
    aircraft = []
    for i in range(n):
        a = geodesic_destination(*SITE, bearing_rad=rng.uniform(0, 2 * math.pi), range_m=rng.uniform(20e3, 150e3))
        b = geodesic_destination(*a, bearing_rad=rng.uniform(0, 2 * math.pi), range_m=rng.uniform(150e3, 200e3))
        aircraft.append(
            {
                "id": f"a{i}",
                "role": "civil",
                "aircraft_type": "C206",
                "route": [
                    {"t_s": 0, "lat": a[0], "lon": a[1], "alt_m": 2500},
                    {"t_s": 3000, "lat": b[0], "lon": b[1], "alt_m": 2500},
                ],
            }
        )
    return Scenario.model_validate(
        {
            "format": "interdict/1",
            "name": "bench",
            "start": "2025-01-01T12:00:00Z",
            "duration_s": 3600,
            "seed": seed,
            "radars": [mazamari_radar(10)],
            "aircraft": aircraft,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aircraft", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sc = scenario(args.aircraft, args.seed)
    start = time.perf_counter()
    sim = simulate(sc, args.seed)
    sim_s = time.perf_counter() - start
    start = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    for _ in range(len(sim.plots)):
        rng.normal(size=2)
    ref_s = time.perf_counter() - start
    n = len(sim.plots)
    print(f"{args.aircraft} aircraft, 1 h, 1 radar: {n} plots in {sim_s:.2f} s = {n / sim_s:.0f} plots/s")
    print(
        f"reference (one numpy normal pair per plot, Python loop): {n / ref_s:.0f} per s; "
        f"simulator / reference time: {sim_s / ref_s:.2f}"
    )


if __name__ == "__main__":
    main()
