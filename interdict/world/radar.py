"""Radar plot simulator: rotating 2-D surveillance radars observing the true trajectories (WORLD side).

Model, per radar (`RadarSpec`):
- The antenna turns clockwise from north with period `scan_period_s`; the beam points north at
  `north_offset_s + k * scan_period_s`. A real antenna's period errs and jitters: with
  `scan_period_error` e and `scan_period_jitter` j, turn k lasts scan_period_s (1 + e)(1 + j u_k),
  u_k uniform in [-1, 1] (from a generator spawned off the radar's), and the north crossings are
  their sums.
  A target's plot time is when the beam crosses the target's own azimuth in its turn (a fixed point
  solved by three iterations for a moving target), not the scan's start.
- Geometry in the radar's own topocentric frame (origin at the antenna: site altitude plus
  `antenna_height_m`): `range_m` is the slant range, `azimuth_rad` clockwise from true north. The
  radars here are 2-D: `elevation_rad` is None.
- A target is in coverage when it is airborne, within `max_range_km`, and the refracted ray
  (4/3 earth) clears the scenario's terrain (or the ellipsoid without terrain; interdict.terrain).
  In coverage it is detected with `detection_probability`; range and azimuth get Gaussian noise.
- Primary radars add Poisson(`false_plots_per_scan`) false plots per scan, uniform over the
  coverage disc (r = R sqrt(u)), at the time the beam passes their azimuth.
- SSR replies (`mode_a`; `mode_c_alt_ft` rounded to 100 ft, true altitude standing in for pressure
  altitude) come when the radar kind includes SSR and the transponder is on; an `ssr`-only radar
  reports transponding aircraft only, and no false plots.
- Randomness: one `numpy.random.Generator` per radar, spawned from the seed in radar order; draws
  happen in a fixed order, so the same scenario and seed give the same plots.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from interdict.contract.plots import Plot
from interdict.contract.specs import RadarSpec
from interdict.core.arrays import FloatArray
from interdict.core.geodesy import LocalFrame, enu_to_polar
from interdict.core.units import m_to_ft
from interdict.scenario.document import AircraftSpec, Scenario
from interdict.scenario.picture_of import frame_of
from interdict.world.terrain import Terrain, line_of_sight, terrain_of
from interdict.world.trajectories import AircraftState, Trajectory, build_trajectories

__all__ = ["ScanTruth", "Simulation", "simulate", "scan_times_s"]

TWO_PI = 2.0 * math.pi


@dataclass(frozen=True, slots=True)
class ScanTruth:
    """True states of every aircraft alive when a radar's beam pointed north (scorers only)."""

    radar_id: str
    t_s: float
    states: tuple[AircraftState, ...]


@dataclass(frozen=True, slots=True)
class Simulation:
    """Plots ordered by t_s, the aircraft behind each (None: false plot), and per-scan truth."""

    seed: int
    plots: tuple[Plot, ...]
    plot_aircraft: tuple[str | None, ...]
    scans: tuple[ScanTruth, ...]


def scan_times_s(
    radar: RadarSpec, duration_s: float, rng: np.random.Generator | None = None
) -> tuple[FloatArray, FloatArray]:
    """Times at which the beam points north within [0, duration_s), and each turn's period (jittered
    with draws from `rng`, which a radar with jitter needs)."""
    nominal = radar.scan_period_s * (1.0 + radar.scan_period_error)
    n = math.ceil(max(duration_s - radar.north_offset_s, 0.0) / (nominal * (1.0 - radar.scan_period_jitter))) + 1
    periods = np.full(n, nominal)
    north = radar.north_offset_s + np.arange(n) * nominal
    if radar.scan_period_jitter > 0.0:
        if rng is None:
            raise ValueError(f"radar {radar.id}: a jittering antenna needs a random generator")
        jitter = rng.spawn(1)[0]
        periods = periods * (1.0 + radar.scan_period_jitter * jitter.uniform(-1.0, 1.0, n))
        north = radar.north_offset_s + np.r_[0.0, np.cumsum(periods[:-1])]
    keep = north < duration_s
    return np.asarray(north[keep], float), np.asarray(periods[keep], float)


def simulate(
    scenario: Scenario,
    seed: int | None = None,
    *,
    trajectories: tuple[Trajectory, ...] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """Simulate every radar of a scenario. `seed` overrides the scenario's seed."""
    seed = scenario.seed if seed is None else seed
    trajectories = build_trajectories(scenario) if trajectories is None else trajectories
    frame = frame_of(scenario)
    terrain = terrain_of(scenario.terrain, frame)
    rngs = np.random.default_rng(seed).spawn(len(scenario.radars))
    raw: list[tuple[float, int, int, Plot, str | None]] = []
    scans: list[ScanTruth] = []
    for r_index, (radar, rng) in enumerate(zip(scenario.radars, rngs, strict=True)):
        north_s, period_s = scan_times_s(radar, scenario.duration_s, rng)
        turns = _Turns(north_s, period_s)
        for j, (plot, who) in enumerate(_radar_plots(radar, rng, turns, scenario, trajectories, frame, terrain)):
            raw.append((plot.t_s, r_index, j, plot, who))
        states = [tr.states_at(north_s) for tr in trajectories]  # each aircraft's states at every scan
        for k, t in enumerate(north_s):
            alive = tuple(s for per_aircraft in states if (s := per_aircraft[k]) is not None)
            scans.append(ScanTruth(radar.id, float(t), alive))
        if progress is not None:
            progress(r_index + 1, len(scenario.radars))
    raw.sort(key=lambda item: (item[0], item[1], item[2]))
    plots = tuple(replace(p, plot_id=i) for i, (_, _, _, p, _) in enumerate(raw))
    scans.sort(key=lambda s: (s.t_s, s.radar_id))
    return Simulation(seed, plots, tuple(who for *_, who in raw), tuple(scans))


@dataclass(frozen=True, slots=True)
class _Turns:
    """One radar's antenna turns: when each began (the beam at north) and how long it lasted."""

    north_s: FloatArray
    period_s: FloatArray


@dataclass(frozen=True, slots=True)
class _Site:
    """One radar's fixed geometry and noise, in SI units: the antenna's topocentric frame, its
    position in the scenario's ENU frame, its sigmas and reach, what it can see."""

    radar: RadarSpec
    frame: LocalFrame  # the antenna's topocentric frame
    scene: LocalFrame  # the scenario's ENU frame
    antenna_alt_m: float
    sensor_en_m: tuple[float, float]
    azimuth_sigma_rad: float
    max_range_m: float
    has_psr: bool
    has_ssr: bool


def _site(radar: RadarSpec, frame: LocalFrame) -> _Site:
    antenna_alt_m = radar.at.alt_m + radar.antenna_height_m
    sensor_e, sensor_n, _ = frame.point_to_enu(radar.at.lat, radar.at.lon, 0.0)
    return _Site(
        radar=radar,
        frame=LocalFrame(radar.at.lat, radar.at.lon, antenna_alt_m),
        scene=frame,
        antenna_alt_m=antenna_alt_m,
        sensor_en_m=(sensor_e, sensor_n),
        azimuth_sigma_rad=math.radians(radar.azimuth_sigma_deg),
        max_range_m=radar.max_range_km * 1000.0,
        has_psr=radar.kind in ("psr", "psr+ssr"),
        has_ssr=radar.kind in ("ssr", "psr+ssr"),
    )


def _radar_plots(
    radar: RadarSpec,
    rng: np.random.Generator,
    turns: _Turns,
    scenario: Scenario,
    trajectories: tuple[Trajectory, ...],
    frame: LocalFrame,
    terrain: Terrain,
) -> list[tuple[Plot, str | None]]:
    """Target and false plots of one radar, unordered (the draws in a fixed order: each aircraft in
    turn, then the false plots)."""
    site = _site(radar, frame)
    out: list[tuple[Plot, str | None]] = []
    for spec, tr in zip(scenario.aircraft, trajectories, strict=True):
        out += [(p, spec.id) for p in _target_plots(site, rng, turns, spec, tr, terrain, scenario.duration_s)]
    if site.has_psr:
        out += [(p, None) for p in _false_plots(site, rng, turns, scenario.duration_s)]
    return out


def _target_plots(
    site: _Site,
    rng: np.random.Generator,
    turns: _Turns,
    spec: AircraftSpec,
    tr: Trajectory,
    terrain: Terrain,
    duration_s: float,
) -> list[Plot]:
    """One aircraft's plots: beam-crossing times, coverage (airborne, in range, line of sight), Pd,
    noise, and SSR replies while its transponder is on."""
    radar, n = site.radar, len(turns.north_s)
    # Fixed draws per aircraft and scan, whatever the geometry: determinism does not hinge on coverage.
    u_detect = rng.random(n)
    noise_r = rng.normal(0.0, radar.range_sigma_m, n)
    noise_az = rng.normal(0.0, site.azimuth_sigma_rad, n)
    t = _beam_crossing_s(tr, site.frame, turns)
    geo = tr.geodetic_at(t)
    alive = ~np.isnan(geo[:, 0]) & (t < duration_s)
    geo_ok = np.where(alive[:, None], geo, 0.0)
    e, n_m, u = site.frame.to_enu(geo_ok[:, 0], geo_ok[:, 1], geo_ok[:, 2])
    range_m, az, _ = enu_to_polar(e, n_m, u)
    visible = _visible(site, terrain, geo_ok)
    covered = alive & ~tr.on_ground_at(t) & (range_m <= site.max_range_m) & visible
    squawk = _squawk_on(spec, t) if site.has_ssr else np.zeros(n, dtype=bool)
    seen = covered & (u_detect < radar.detection_probability) & (squawk | site.has_psr)
    plots = []
    for k in np.flatnonzero(seen):
        mode_a = mode_c = None
        if squawk[k] and spec.transponder != "off":
            mode_a = spec.transponder.mode_a
            if spec.transponder.altitude:
                mode_c = float(round(m_to_ft(float(geo[k, 2])) / 100.0) * 100.0)
        plots.append(
            Plot(
                plot_id=0,
                radar_id=radar.id,
                t_s=float(t[k]),
                range_m=max(float(range_m[k] + noise_r[k]), 0.0),
                azimuth_rad=float((az[k] + noise_az[k]) % TWO_PI),
                mode_a=mode_a,
                mode_c_alt_ft=mode_c,
            )
        )
    return plots


def _visible(site: _Site, terrain: Terrain, geo: FloatArray) -> npt.NDArray[np.bool_]:
    """Line of sight from the antenna over the terrain (4/3 earth) to each WGS84 position."""
    te, tn, _ = site.scene.to_enu(geo[:, 0], geo[:, 1], geo[:, 2])
    return line_of_sight(
        terrain,
        sensor_en_m=site.sensor_en_m,
        sensor_alt_m=site.antenna_alt_m,
        target_east_m=te,
        target_north_m=tn,
        target_alt_m=geo[:, 2],
    )


def _false_plots(site: _Site, rng: np.random.Generator, turns: _Turns, duration_s: float) -> list[Plot]:
    """Poisson false plots per scan, uniform over the coverage disc, when the beam passes them."""
    radar, out = site.radar, []
    counts = rng.poisson(radar.false_plots_per_scan, len(turns.north_s))
    for t0, period_s, count in zip(turns.north_s, turns.period_s, counts, strict=True):
        r = site.max_range_m * np.sqrt(rng.random(count))
        az = rng.random(count) * TWO_PI
        for rr, aa in zip(r, az, strict=True):
            t_s = float(t0 + aa / TWO_PI * period_s)
            if t_s < duration_s:
                out.append(Plot(plot_id=0, radar_id=radar.id, t_s=t_s, range_m=float(rr), azimuth_rad=float(aa)))
    return out


def _beam_crossing_s(tr: Trajectory, site: LocalFrame, turns: _Turns) -> FloatArray:
    """Time in each turn at which the beam crosses the target's azimuth (three fixed-point iterations)."""
    t = np.clip(turns.north_s, tr.t_start_s, tr.t_end_s)
    for _ in range(3):
        geo = tr.geodetic_at(np.clip(t, tr.t_start_s, tr.t_end_s))
        e, n, _ = site.to_enu(geo[:, 0], geo[:, 1], geo[:, 2])
        az = np.mod(np.arctan2(e, n), TWO_PI)
        t = turns.north_s + az / TWO_PI * turns.period_s
    return t


def _squawk_on(spec: AircraftSpec, t: FloatArray) -> np.ndarray:
    """Whether the transponder replies at each time."""
    if spec.transponder == "off":
        return np.zeros(t.shape, dtype=bool)
    tp = spec.transponder
    on = np.ones(t.shape, dtype=bool)
    if tp.from_s is not None:
        on &= t >= tp.from_s
    if tp.to_s is not None:
        on &= t <= tp.to_s
    return on


def truth_records(sim: Simulation) -> list[dict[str, object]]:
    """The scorers' truth file as JSON-ready records: one `plot` record per plot (which aircraft, or
    null for a false plot), then one `scan` record per radar scan with every aircraft's true state."""
    records: list[dict[str, object]] = [
        {"kind": "plot", "plot_id": p.plot_id, "aircraft_id": who}
        for p, who in zip(sim.plots, sim.plot_aircraft, strict=True)
    ]
    for scan in sim.scans:
        records.append(
            {
                "kind": "scan",
                "radar_id": scan.radar_id,
                "t_s": scan.t_s,
                "states": [{f: getattr(s, f) for f in AircraftState.__slots__} for s in scan.states],
            }
        )
    return records
