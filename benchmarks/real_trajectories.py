"""The tracker on real light-aircraft trajectories: public ADS-B samples made into primary-radar
plots in the VRAEM, tracked, and scored against the recorded (smoothed) positions, with the raw
plot error as the reference line.

The samples come from the `traffic` package (version 2.13, MIT licence; its samples are OpenSky
Network ADS-B data), fetched with `pip download traffic==2.13 --no-deps` into a cache folder (or
read from --wheel): only its data files are read, none of its code is run. Each flight is turned
into a scenario by `interdict adsb` (smoothed with its reported speed and track, moved to the VRAEM,
one primary radar 20 km south of it: 50 m and 0.2 deg sigma, Pd 0.9, 5 false plots per scan,
10 s scans), then simulated and tracked on --seeds seeds.

    python3 benchmarks/real_trajectories.py [--seeds 3] [--workers 2] [--json out.json] [--set tracker.NAME=VALUE ...]

`--set` takes the benchmark suite's tracker settings (docs/bench.md), e.g. the tracker as it was
before real trajectories were measured: --set tracker.estimated_turn=false
--set tracker.cv_accel_sigma_mps2=0.3 --set tracker.ct_accel_sigma_mps2=1.0 --set tracker.alone_m=1e9
--set tracker.reach_floor_m=1e9
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from interdict.bench.recorded import score_recorded
from interdict.bench.settings import engine_config, parse_settings
from interdict.engine.tracking import TrackerConfig
from interdict.io.adsb import adsb_scenario

WHEEL = "traffic-2.13-py3-none-any.whl"
VRAEM = (-12.4, -73.9)  # lat, lon: the Apurimac-Ene valley
# Light and slow aircraft on tight, continuous turns: skywriting, patrol orbits, aerial survey,
# a rescue helicopter. Calibration flights, gliders and two others are left out: their reported
# speed and track contradict their positions (interdict adsb refuses to smooth them), docs/bench.md.
SAMPLES = (
    "featured/anzac_day",
    "featured/easter_rabbit",
    "featured/thankyou",
    "surveillance/border_control",
    "surveys/liguria",
    "surveys/mecsek_mountains",
    "surveys/georeal_fyn_island",
    "ambulances/rega_sg",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--wheel", type=Path, help=f"{WHEEL}, if already downloaded")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "interdict")
    parser.add_argument("--json", type=Path, help="write the per-trajectory figures here")
    parser.add_argument("--set", action="append", default=[], help="tracker.NAME=VALUE (repeatable)")
    args = parser.parse_args()
    tracker = engine_config(parse_settings(args.set)).tracker
    wheel = args.wheel or _download(args.cache)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(wheel) as z:
        paths = []
        for name in SAMPLES:
            path = Path(tmp) / f"{name.split('/')[-1]}.json.gz"
            path.write_bytes(z.read(f"traffic/data/samples/{name}.json.gz"))
            paths.append(path)
        with ProcessPoolExecutor(args.workers) as pool:
            results = list(pool.map(_one, paths, [args.seeds] * len(paths), [tracker] * len(paths)))
    elapsed = time.perf_counter() - started
    _print(results, args.seeds, elapsed)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


def _download(cache: Path) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    wheel = cache / WHEEL
    if not wheel.exists():
        command = [sys.executable, "-m", "pip", "download", "traffic==2.13", "--no-deps", "-d", str(cache)]
        subprocess.run(command, check=True)
    return wheel


def _one(path: Path, seeds: int, tracker: TrackerConfig) -> dict[str, Any]:
    scenario, _ = adsb_scenario(path, path.name.split(".")[0].replace("_", "-"), at=VRAEM)
    return score_recorded(scenario, range(1, seeds + 1), tracker)


def _print(results: list[dict[str, Any]], seeds: int, elapsed_s: float) -> None:
    print(f"{len(results)} trajectories, seeds 1-{seeds}, {elapsed_s:.0f} s")
    print(
        f"{'trajectory':20} {'hours':>5} {'raw m':>6} {'track m':>7} {'ratio':>5} {'switch/h':>8} {'coverage':>8}"
        f" | {'forecast m':>10} {'latest plot m':>13} {'coverage':>8} {'plots':>6}"
    )
    for r in results:
        raw = r["raw_plot_error_m"]
        print(
            f"{r['scenario']:20} {r['flight_hours']:5.2f} {raw:6.0f} {r['rmse_m']:7.0f} {r['rmse_m'] / raw:5.2f} "
            f"{r['switches_per_aircraft_hour']:8.2f} {r['coverage']:8.3f}"
            f" | {r['forecast_rmse_m']:10.0f} {r['latest_plot_rmse_m']:13.0f} {r['forecast_coverage']:8.3f} "
            f"{r['latest_plot_coverage']:6.3f}"
        )
    hours = sum(r["flight_hours"] for r in results)
    switches = sum(x["identity_switches"] for r in results for x in r["runs"])
    n = len(results)
    print(
        f"all: {hours:.1f} aircraft-hours x {seeds} seeds, {switches / (hours * seeds):.2f} switches per "
        f"aircraft-hour; tracks at their own time: RMSE below the raw plot error on "
        f"{sum(r['rmse_m'] < r['raw_plot_error_m'] for r in results)} of {n}, coverage >= 0.97 on "
        f"{sum(r['coverage'] >= 0.97 for r in results)} of {n}; forecast at scan end: RMSE below the latest "
        f"plot's on {sum(r['forecast_rmse_m'] < r['latest_plot_rmse_m'] for r in results)} of {n}, coverage "
        f"above the latest plot's on {sum(r['forecast_coverage'] > r['latest_plot_coverage'] for r in results)} of {n}"
    )


if __name__ == "__main__":
    main()
