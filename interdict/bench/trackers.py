"""interdict's tracker against Stone Soup's, fairly: the same plots (`bench.targets`), Stone Soup's
process noise tuned first, then both scored with the same metric outside the timed section.

Tuning: on a tuning seed (its own targets and plots), Stone Soup's GNN tracker (extended Kalman
filter, constant-velocity model with noise diffusion q per axis in m²/s³, Mahalanobis gate 4,
three-plot initiation) runs for each q of the sweep; the q with the lowest mean GOSPA is kept and
reported with the whole sweep. Evaluation: each target count on the evaluation seed, interdict as
configured and Stone Soup with the tuned q (and its JPDA, when asked: slow). GOSPA c = 1,000 m,
p = 1, alpha = 2 (`evaluation.metrics`).

Stone Soup is an optional dependency (`pip install 'interdict[compare]'`).
"""

from __future__ import annotations

import importlib
import math
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import numpy as np

from interdict.bench.targets import (
    ALT_M,
    CLUTTER,
    PD,
    SCAN_S,
    SIGMA_AZ_RAD,
    SIGMA_R_M,
    Scan,
    make_plots,
    truth_at,
    truth_paths,
)
from interdict.contract.plots import Plot
from interdict.contract.specs import GeoPoint3, RadarSpec
from interdict.core.arrays import FloatArray
from interdict.core.errors import InterdictError
from interdict.core.geodesy import LocalFrame
from interdict.engine.tracking import Tracker, TrackerConfig, TrackStatus
from interdict.evaluation.metrics import score_tracks

__all__ = ["Snapshots", "run_interdict", "run_stonesoup", "summarise", "tune_stonesoup", "compare", "Q_SWEEP"]

Q_SWEEP = (1.0, 5.0, 10.0, 20.0, 40.0, 80.0)
Snapshots = list[dict[str, FloatArray]]


def _problem(n: int, seed: int) -> tuple[FloatArray, list[Scan]]:
    rng = np.random.default_rng([seed, n])
    paths = truth_paths(n, rng)
    return paths, make_plots(paths, rng)


def run_interdict(scans: Sequence[Scan], config: TrackerConfig | None = None) -> tuple[float, Snapshots]:
    """Seconds spent tracking, and the confirmed and coasting tracks after each scan."""
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
    config = config or TrackerConfig(default_alt_m=ALT_M, default_alt_sigma_m=30.0)
    tracker = Tracker(frame, [radar], config)
    plots = [[Plot(plot_id=0, radar_id="r", t_s=t, range_m=r, azimuth_rad=a) for t, r, a in scan] for scan in scans]
    state = tracker.initial_state()
    out = []
    start = time.perf_counter()
    for k, scan in enumerate(plots):
        state, tracks = tracker.step(state, scan, (k + 1) * SCAN_S)
        shown = (TrackStatus.CONFIRMED, TrackStatus.COASTING)
        out.append({t.track_id: np.array([t.east_m, t.north_m]) for t in tracks if t.status in shown})
    return time.perf_counter() - start, out


_STONESOUP = {  # the Stone Soup classes the comparison uses, and their modules
    "GNNWith2DAssignment": "stonesoup.dataassociator.neighbour",
    "JPDA": "stonesoup.dataassociator.probability",
    "UpdateTimeDeleter": "stonesoup.deleter.time",
    "DistanceHypothesiser": "stonesoup.hypothesiser.distance",
    "PDAHypothesiser": "stonesoup.hypothesiser.probability",
    "MultiMeasurementInitiator": "stonesoup.initiator.simple",
    "Mahalanobis": "stonesoup.measures",
    "CartesianToBearingRange": "stonesoup.models.measurement.nonlinear",
    "CombinedLinearGaussianTransitionModel": "stonesoup.models.transition.linear",
    "ConstantVelocity": "stonesoup.models.transition.linear",
    "ExtendedKalmanPredictor": "stonesoup.predictor.kalman",
    "MultiTargetMixtureTracker": "stonesoup.tracker.simple",
    "MultiTargetTracker": "stonesoup.tracker.simple",
    "Bearing": "stonesoup.types.angle",
    "StateVector": "stonesoup.types.array",
    "Detection": "stonesoup.types.detection",
    "GaussianState": "stonesoup.types.state",
    "ExtendedKalmanUpdater": "stonesoup.updater.kalman",
}


def _stonesoup() -> SimpleNamespace:
    """Stone Soup's classes (an optional dependency, imported on demand)."""
    try:
        return SimpleNamespace(**{name: getattr(importlib.import_module(m), name) for name, m in _STONESOUP.items()})
    except ImportError:
        raise InterdictError("the comparison needs Stone Soup: pip install 'interdict[compare]'") from None


_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def _detections(ss: SimpleNamespace, scans: Sequence[Scan], measurement: Any, scan_stamps: bool) -> Any:
    """(time, detections) per scan, as Stone Soup's detector yields them."""

    class Detector:
        def __iter__(self):  # type: ignore[no-untyped-def]
            for k, scan in enumerate(scans):
                dets = {
                    ss.Detection(
                        ss.StateVector([ss.Bearing(math.pi / 2 - a), r]),
                        timestamp=_EPOCH + timedelta(seconds=(k + 0.5) * SCAN_S if scan_stamps else t),
                        measurement_model=measurement,
                    )
                    for t, r, a in scan
                }
                yield _EPOCH + timedelta(seconds=(k + 1) * SCAN_S), dets

    return Detector()


def _stonesoup_tracker(scans: Sequence[Scan], q: float, jpda: bool, scan_stamps: bool) -> Any:
    ss = _stonesoup()
    transition = ss.CombinedLinearGaussianTransitionModel([ss.ConstantVelocity(q), ss.ConstantVelocity(q)])
    measurement = ss.CartesianToBearingRange(
        ndim_state=4, mapping=(0, 2), noise_covar=np.diag([SIGMA_AZ_RAD**2, SIGMA_R_M**2])
    )
    predictor = ss.ExtendedKalmanPredictor(transition)
    updater = ss.ExtendedKalmanUpdater(measurement)
    gnn = ss.GNNWith2DAssignment(
        ss.DistanceHypothesiser(predictor, updater, measure=ss.Mahalanobis(), missed_distance=4)
    )
    initiator = ss.MultiMeasurementInitiator(
        prior_state=ss.GaussianState(ss.StateVector([0, 0, 0, 0]), np.diag([0, 60.0**2, 0, 60.0**2])),
        measurement_model=measurement,
        deleter=ss.UpdateTimeDeleter(timedelta(seconds=3 * SCAN_S)),
        data_associator=gnn,
        updater=updater,
        min_points=3,
    )
    parts = {
        "initiator": initiator,
        "deleter": ss.UpdateTimeDeleter(timedelta(seconds=90)),
        "detector": _detections(ss, scans, measurement, scan_stamps),
        "updater": updater,
    }
    if not jpda:
        return ss.MultiTargetTracker(data_associator=gnn, **parts)
    pda = ss.PDAHypothesiser(predictor, updater, clutter_spatial_density=CLUTTER / (200_000.0**2), prob_detect=PD)
    return ss.MultiTargetMixtureTracker(data_associator=ss.JPDA(pda), **parts)


def run_stonesoup(
    scans: Sequence[Scan], q: float, *, jpda: bool = False, scan_stamps: bool = False
) -> tuple[float, Snapshots]:
    """Stone Soup's tracker with constant-velocity noise `q` (m²/s³); GNN (2-D assignment) or JPDA.
    With `scan_stamps` every plot of a scan carries the scan's middle time (faster, less exact)."""
    tracker = _stonesoup_tracker(scans, q, jpda, scan_stamps)
    out = []
    start = time.perf_counter()
    for when, tracks in tracker:
        now = (when - _EPOCH).total_seconds()
        snap = {}
        for tr in tracks:
            x = np.asarray(tr.state_vector, dtype=float).ravel()
            dt = now - (tr.timestamp - _EPOCH).total_seconds()
            snap[str(tr.id)] = np.array([x[0] + x[1] * dt, x[2] + x[3] * dt])
        out.append(snap)
    return time.perf_counter() - start, out


def summarise(elapsed_s: float, snaps: Snapshots, n_plots: int, paths: FloatArray) -> dict[str, float | int]:
    """Throughput and scores of one tracker's run (scored outside the timed section)."""
    frames = [((k + 1) * SCAN_S, truth_at(paths, (k + 1) * SCAN_S), snap) for k, snap in enumerate(snaps)]
    s = score_tracks(frames, c=1000.0, p=1.0, assoc_m=1000.0)
    return {
        "plots_per_s": n_plots / elapsed_s,
        "seconds": elapsed_s,
        "gospa_m": s.gospa_mean_m,
        "gospa_localisation_m": s.gospa_localisation_m,
        "gospa_missed_m": s.gospa_missed_m,
        "gospa_false_m": s.gospa_false_m,
        "rmse_m": s.rmse_m,
        "tracks_at_end": len(snaps[-1]),
        "tracked_truths": s.tracked_truths,
        "identity_switches": s.identity_switches,
        "fragmentations": s.fragmentations,
        "false_tracks": s.false_tracks,
    }


Say = Callable[[str], None]


def tune_stonesoup(targets: int, seed: int, qs: Sequence[float], say: Say, scan_stamps: bool = False) -> dict[str, Any]:
    """Stone Soup GNN over the q sweep on a tuning problem; the best q by mean GOSPA."""
    paths, scans = _problem(targets, seed)
    n_plots = sum(map(len, scans))
    sweep = []
    for q in qs:
        elapsed, snaps = run_stonesoup(scans, q, scan_stamps=scan_stamps)
        row = {"q": q, **summarise(elapsed, snaps, n_plots, paths)}
        say(
            f"  tuning q = {q:g} m²/s³: GOSPA {row['gospa_m']:.0f} m, switches {row['identity_switches']}, "
            f"{row['seconds']:.1f} s"
        )
        sweep.append(row)
    best = min(sweep, key=lambda r: r["gospa_m"])
    return {"targets": targets, "seed": seed, "sweep": sweep, "best_q": best["q"]}


def compare(
    targets: Sequence[int],
    seed: int,
    q: float,
    say: Say,
    *,
    jpda_max_targets: int = 0,
    stonesoup_max_targets: int = 50,
    scan_stamps: bool = False,
) -> list[dict[str, Any]]:
    """Per target count: interdict, Stone Soup GNN with `q` and (up to `jpda_max_targets`) JPDA."""
    rows = []
    for n in targets:
        paths, scans = _problem(n, seed)
        n_plots = sum(map(len, scans))
        row: dict[str, Any] = {"targets": n, "plots": n_plots, "seed": seed}
        row["interdict"] = summarise(*run_interdict(scans), n_plots, paths)
        if n <= stonesoup_max_targets:
            row["stonesoup_gnn"] = {
                "q": q,
                **summarise(*run_stonesoup(scans, q, scan_stamps=scan_stamps), n_plots, paths),
            }
            row["throughput_ratio"] = row["interdict"]["plots_per_s"] / row["stonesoup_gnn"]["plots_per_s"]
            row["gospa_ratio"] = row["interdict"]["gospa_m"] / row["stonesoup_gnn"]["gospa_m"]
        if n <= jpda_max_targets:
            row["stonesoup_jpda"] = {
                "q": q,
                **summarise(*run_stonesoup(scans, q, jpda=True, scan_stamps=scan_stamps), n_plots, paths),
            }
        say(_line(row))
        rows.append(row)
    return rows


def _line(row: dict[str, Any]) -> str:
    parts = [f"{row['targets']} targets, {row['plots']} plots:"]
    for name in ("interdict", "stonesoup_gnn", "stonesoup_jpda"):
        r = row.get(name)
        if r is not None:
            parts.append(
                f"{name} {r['plots_per_s']:,.0f} plots/s, GOSPA {r['gospa_m']:,.0f} m, "
                f"RMSE {r['rmse_m']:.0f} m, switches {r['identity_switches']};"
            )
    if "throughput_ratio" in row:
        parts.append(f"throughput ×{row['throughput_ratio']:.0f}, GOSPA ratio {row['gospa_ratio']:.2f}")
    return " ".join(parts)
