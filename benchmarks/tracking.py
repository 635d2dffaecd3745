"""Tracking benchmark: interdict's tracker and Stone Soup's GNN tracker on exactly the same plots.

N light aircraft (50-80 m/s, constant-velocity legs joined by standard-rate coordinated turns, kept
within the 200 x 200 km area) fly for 30 minutes around one radar (5 s scans, sigma_r 50 m,
sigma_az 0.2 deg, Pd 0.9, 10 false plots per scan uniform over the area). Aircraft and radar
antenna are at 1,500 m, so slant range equals planar range to within metres for both trackers.
Plot times are beam-crossing times. Both trackers run in this process on the same plots; GOSPA
(c = 1000 m, p = 1, alpha = 2) is computed afterwards with interdict.metrics (numpy + scipy) and
is not part of the timed section.

    python3 benchmarks/tracking.py --targets 10 50 200 [--json FILE] [--stonesoup-max-targets 50]
"""

from __future__ import annotations

import argparse
import json
import math
import time
from datetime import UTC, datetime, timedelta

import numpy as np

from interdict.contract.plots import Plot
from interdict.contract.specs import GeoPoint3, RadarSpec
from interdict.core.geodesy import EARTH_RADIUS_M, LocalFrame
from interdict.engine.tracking import Tracker, TrackerConfig, TrackStatus
from interdict.evaluation.metrics import score_tracks

SCAN_S, DURATION_S, HALF_M = 5.0, 1800.0, 100_000.0
SIGMA_R_M, SIGMA_AZ_RAD, PD, CLUTTER = 50.0, math.radians(0.2), 0.9, 10
ALT_M = 1500.0


def truth_paths(n: int, rng: np.random.Generator) -> np.ndarray:
    """(n, steps, 4) east, north, east_mps, north_mps at 1 s steps."""
    steps = int(DURATION_S) + int(SCAN_S) + 1
    out = np.empty((n, steps, 4))
    pos = rng.uniform(-0.7 * HALF_M, 0.7 * HALF_M, (n, 2))
    speed = rng.uniform(50.0, 80.0, n)
    heading = rng.uniform(0, 2 * math.pi, n)
    turn = np.zeros(n)
    turn_left = np.zeros(n)
    next_turn = rng.uniform(60, 400, n)
    rate = math.radians(3.0)
    for k in range(steps):
        out[:, k, :2] = pos
        out[:, k, 2] = speed * np.sin(heading)
        out[:, k, 3] = speed * np.cos(heading)
        start = (next_turn <= k) & (turn_left <= 0)
        turn[start] = rng.choice([-1.0, 1.0], start.sum())
        turn_left[start] = np.radians(rng.uniform(30, 120, start.sum()))
        next_turn[start] = k + rng.uniform(200, 500, start.sum())
        # head back towards the centre near the edge of the area
        far = (np.abs(pos) > 0.85 * HALF_M).any(axis=1) & (turn_left <= 0)
        back = np.arctan2(-pos[:, 0], -pos[:, 1])
        diff = (back - heading + math.pi) % (2 * math.pi) - math.pi
        turn[far] = np.sign(diff[far])
        turn_left[far] = np.abs(diff[far])
        active = turn_left > 0
        heading = heading + np.where(active, turn * rate, 0.0)
        turn_left = np.where(active, turn_left - rate, 0.0)
        pos = pos + np.column_stack([speed * np.sin(heading), speed * np.cos(heading)])
    return out


def make_plots(paths: np.ndarray, rng: np.random.Generator) -> list[list[tuple[float, float, float]]]:
    """Per scan: (t_s, range_m, azimuth_rad) plots, beam-crossing times, targets then clutter shuffled."""
    scans = []
    for k in range(int(DURATION_S / SCAN_S)):
        t0 = k * SCAN_S
        plots = []
        e0, n0 = paths[:, int(t0), 0], paths[:, int(t0), 1]
        az = np.mod(np.arctan2(e0, n0), 2 * math.pi)
        t = t0 + az / (2 * math.pi) * SCAN_S
        i0 = np.floor(t).astype(int)
        f = (t - i0)[:, None]
        p = paths[np.arange(len(paths)), i0, :2] * (1 - f) + paths[np.arange(len(paths)), i0 + 1, :2] * f
        ground = np.hypot(p[:, 0], p[:, 1])
        up = -(ground**2) / (2 * EARTH_RADIUS_M)
        r = np.hypot(ground, up)
        az = np.mod(np.arctan2(p[:, 0], p[:, 1]), 2 * math.pi)
        seen = rng.random(len(paths)) < PD
        rn = r + rng.normal(0, SIGMA_R_M, len(paths))
        an = np.mod(az + rng.normal(0, SIGMA_AZ_RAD, len(paths)), 2 * math.pi)
        plots += [(float(t[i]), float(rn[i]), float(an[i])) for i in np.flatnonzero(seen)]
        c = rng.uniform(-HALF_M, HALF_M, (CLUTTER, 2))
        caz = np.mod(np.arctan2(c[:, 0], c[:, 1]), 2 * math.pi)
        plots += [
            (float(t0 + a / (2 * math.pi) * SCAN_S), float(np.hypot(*xy)), float(a))
            for xy, a in zip(c, caz, strict=True)
        ]
        plots.sort()
        scans.append(plots)
    return scans


def truth_at(paths: np.ndarray, t_s: float) -> dict[str, np.ndarray]:
    i = int(t_s)
    return {f"a{j}": paths[j, i, :2] for j in range(len(paths))}


def run_interdict(scans: list[list[tuple[float, float, float]]]) -> tuple[float, list[dict[str, np.ndarray]]]:
    frame = LocalFrame(-12.0, -74.0, ALT_M)
    radar = RadarSpec(
        id="r",
        at=GeoPoint3(lat=-12.0, lon=-74.0, alt_m=ALT_M),
        kind="psr",
        antenna_height_m=0.0,
        scan_period_s=SCAN_S,
        range_sigma_m=SIGMA_R_M,
        azimuth_sigma_deg=math.degrees(SIGMA_AZ_RAD),
        max_range_km=200.0,
        detection_probability=PD,
        false_plots_per_scan=CLUTTER,
    )
    tracker = Tracker(frame, [radar], TrackerConfig(default_alt_m=ALT_M, default_alt_sigma_m=30.0))
    plots = [[Plot(plot_id=0, radar_id="r", t_s=t, range_m=r, azimuth_rad=a) for t, r, a in scan] for scan in scans]
    state = tracker.initial_state()
    out = []
    start = time.perf_counter()
    for k, scan in enumerate(plots):
        state, tracks = tracker.step(state, scan, (k + 1) * SCAN_S)
        out.append(
            {
                t.track_id: np.array([t.east_m, t.north_m])
                for t in tracks
                if t.status in (TrackStatus.CONFIRMED, TrackStatus.COASTING)
            }
        )
    return time.perf_counter() - start, out


def run_stonesoup(
    scans: list[list[tuple[float, float, float]]], scan_stamps: bool = False
) -> tuple[float, list[dict[str, np.ndarray]]]:
    """Stone Soup's GNN tracker. With `scan_stamps` every plot of a scan carries the scan's middle time
    (Stone Soup then predicts each track once per scan, its fast case); otherwise its beam-crossing time."""
    from stonesoup.dataassociator.neighbour import GNNWith2DAssignment
    from stonesoup.deleter.time import UpdateTimeDeleter
    from stonesoup.hypothesiser.distance import DistanceHypothesiser
    from stonesoup.initiator.simple import MultiMeasurementInitiator
    from stonesoup.measures import Mahalanobis
    from stonesoup.models.measurement.nonlinear import CartesianToBearingRange
    from stonesoup.models.transition.linear import CombinedLinearGaussianTransitionModel, ConstantVelocity
    from stonesoup.predictor.kalman import ExtendedKalmanPredictor
    from stonesoup.tracker.simple import MultiTargetTracker
    from stonesoup.types.angle import Bearing
    from stonesoup.types.array import StateVector
    from stonesoup.types.detection import Detection
    from stonesoup.types.state import GaussianState
    from stonesoup.updater.kalman import ExtendedKalmanUpdater

    epoch = datetime(2025, 1, 1, tzinfo=UTC)
    transition = CombinedLinearGaussianTransitionModel([ConstantVelocity(1.0), ConstantVelocity(1.0)])
    measurement = CartesianToBearingRange(
        ndim_state=4, mapping=(0, 2), noise_covar=np.diag([SIGMA_AZ_RAD**2, SIGMA_R_M**2])
    )
    predictor = ExtendedKalmanPredictor(transition)
    updater = ExtendedKalmanUpdater(measurement)
    hypothesiser = DistanceHypothesiser(predictor, updater, measure=Mahalanobis(), missed_distance=4)
    associator = GNNWith2DAssignment(hypothesiser)
    initiator = MultiMeasurementInitiator(
        prior_state=GaussianState(StateVector([0, 0, 0, 0]), np.diag([0, 60.0**2, 0, 60.0**2])),
        measurement_model=measurement,
        deleter=UpdateTimeDeleter(timedelta(seconds=3 * SCAN_S)),
        data_associator=GNNWith2DAssignment(hypothesiser),
        updater=updater,
        min_points=3,
    )

    class Detector:
        def __iter__(self):  # type: ignore[no-untyped-def]
            for k, scan in enumerate(scans):
                dets = {
                    Detection(
                        StateVector([Bearing(math.pi / 2 - a), r]),
                        timestamp=epoch + timedelta(seconds=(k + 0.5) * SCAN_S if scan_stamps else t),
                        measurement_model=measurement,
                    )
                    for t, r, a in scan
                }
                yield epoch + timedelta(seconds=(k + 1) * SCAN_S), dets

    tracker = MultiTargetTracker(
        initiator=initiator,
        deleter=UpdateTimeDeleter(timedelta(seconds=90)),
        detector=Detector(),
        data_associator=associator,
        updater=updater,
    )
    out = []
    start = time.perf_counter()
    for when, tracks in tracker:
        now = (when - epoch).total_seconds()
        snap = {}
        for tr in tracks:
            x = np.asarray(tr.state_vector, dtype=float).ravel()
            dt = now - (tr.timestamp - epoch).total_seconds()
            snap[str(tr.id)] = np.array([x[0] + x[1] * dt, x[2] + x[3] * dt])
        out.append(snap)
    return time.perf_counter() - start, out


def summarise(
    elapsed_s: float, n_plots: int, snaps: list[dict[str, np.ndarray]], paths: np.ndarray
) -> dict[str, float]:
    frames = [((k + 1) * SCAN_S, truth_at(paths, (k + 1) * SCAN_S), snap) for k, snap in enumerate(snaps)]
    t0 = time.perf_counter()
    s = score_tracks(frames, c=1000.0, p=1.0, assoc_m=1000.0)
    metric_s = time.perf_counter() - t0
    return {
        "plots_per_s": n_plots / elapsed_s,
        "seconds": elapsed_s,
        "gospa_mean": s.gospa_mean_m,
        "gospa_per_target": s.gospa_mean_m / len(paths),
        "rmse_m": s.rmse_m,
        "confirmed_end": len(snaps[-1]),
        "tracked_truths": s.tracked_truths,
        "identity_switches": s.identity_switches,
        "false_tracks": s.false_tracks,
        "metric_seconds": metric_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", dest="json_path")
    parser.add_argument(
        "--stonesoup-scan-stamps",
        action="store_true",
        help="give Stone Soup one time stamp per scan (faster for it, less exact) instead of per plot",
    )
    parser.add_argument(
        "--stonesoup-max-targets",
        type=int,
        default=50,
        help="run Stone Soup only up to this many targets (it takes minutes per run above)",
    )
    args = parser.parse_args()
    try:
        import stonesoup  # noqa: F401

        have_ss = True
    except ImportError:
        have_ss = False
        print("stonesoup not installed (pip install -e '.[compare]'): interdict only")
    results = []
    for n in args.targets:
        rng = np.random.default_rng([args.seed, n])
        paths = truth_paths(n, rng)
        scans = make_plots(paths, rng)
        n_plots = sum(map(len, scans))
        row: dict[str, object] = {"targets": n, "plots": n_plots}
        el, snaps = run_interdict(scans)
        row["interdict"] = summarise(el, n_plots, snaps, paths)
        if have_ss and n <= args.stonesoup_max_targets:
            el, snaps = run_stonesoup(scans, args.stonesoup_scan_stamps)
            row["stonesoup"] = summarise(el, n_plots, snaps, paths)
        results.append(row)
        _print(row)
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as f:
            json.dump({"results": results}, f, indent=2)


def _print(row: dict[str, object]) -> None:
    i = row["interdict"]
    s = row.get("stonesoup")
    print(f"\n{row['targets']} targets, {row['plots']} plots")
    print(
        f"  {'':10} {'plots/s':>10} {'s':>7} {'GOSPA':>9} {'/target':>8} {'RMSE m':>7} {'tracks':>7} {'truths':>7} "
        f"{'switch':>7} {'false':>6}"
    )
    for name, r in (("interdict", i), ("stonesoup", s)):
        if r is None:
            continue
        assert isinstance(r, dict)
        print(
            f"  {name:10} {r['plots_per_s']:10.0f} {r['seconds']:7.2f} {r['gospa_mean']:9.0f} "
            f"{r['gospa_per_target']:8.1f} {r['rmse_m']:7.1f} {r['confirmed_end']:7d} {r['tracked_truths']:7d} "
            f"{r['identity_switches']:7d} {r['false_tracks']:6d}"
        )
    if s is not None:
        assert isinstance(s, dict)
        assert isinstance(i, dict)
        print(
            f"  throughput ratio interdict/stonesoup: {i['plots_per_s'] / s['plots_per_s']:.0f}x; "
            f"GOSPA ratio: {i['gospa_mean'] / s['gospa_mean']:.2f}"
        )


if __name__ == "__main__":
    main()
