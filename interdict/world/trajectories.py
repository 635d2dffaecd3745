"""True trajectories: how the simulated aircraft fly their timed waypoints (WORLD data).

Only the simulator, the simulated world and the scorer import this module; the engine never does.

Model
- Horizontal: straight legs between waypoints in the scenario's local ENU frame, joined at each
  airborne interior waypoint by a coordinated-turn arc of radius v^2 / (g tan(bank)), v the mean
  speed of the two legs and bank the type's limit; the arc is shrunk when a leg is too short for it.
  Each waypoint's time is honoured at the arc's midpoint (the path's closest point to it), and the
  speed is constant between consecutive anchor points. Arcs are drawn as 3-degree chords, so the
  heading is continuous to within 3 degrees. A reversal sharper than 170 degrees has no tangent
  arc and is flown as a corner (write a procedure turn as extra waypoints).
- Arrivals: a leg from the air onto a strip ends with a straight final of `FINAL_M` (or a third of
  the leg, if shorter) flown at `APPROACH_RATIO` of the speed of the rest of the leg: the aircraft
  slows to its approach speed, and still touches down at the waypoint's time.
- Vertical: a climb starts at the beginning of a leg at the type's climb rate; a descent starts as
  late as the type's descent rate allows, so an aircraft landing at a strip descends in its last
  minutes. If the rate cannot make the change in time the profile is linear over the leg.
- Recorded routes (`recorded: true`, ADS-B): flown point to point in straight lines at the recorded
  altitudes, none of the above.
- Strips: a waypoint `{strip: ID}` puts the aircraft on the strip at the strip's elevation; between
  two consecutive waypoints on the same strip it is stopped on the ground (`on_ground`).
- Positions: east/north come from the path, altitude from the profile; the WGS84 position is the
  ENU point dropped onto the ellipsoid and lifted to that altitude, and `up_m` is the exact ENU
  height of it (so the earth's curvature is in `up_m`, not in `alt_m`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from interdict.contract.picture import Picture
from interdict.core.arrays import FloatArray
from interdict.core.geodesy import LocalFrame
from interdict.core.units import G_MPS2
from interdict.reference.aircraft_types import aircraft_type
from interdict.scenario.document import AircraftSpec, Scenario
from interdict.scenario.picture_of import picture_of

__all__ = ["AircraftState", "Trajectory", "build_trajectory", "build_trajectories", "positions_at"]

_ARC_STEP_RAD = math.radians(3.0)
FINAL_M = 6_000.0  # length of the final approach onto a strip
APPROACH_RATIO = 0.6  # approach speed over the speed of the rest of the leg (light singles: ~80 of ~135 kt)


@dataclass(frozen=True, slots=True)
class AircraftState:
    """True state at `t_s`: scenario ENU frame (metres, m/s) and the same position in WGS84."""

    aircraft_id: str
    t_s: float
    east_m: float
    north_m: float
    up_m: float
    lat_deg: float
    lon_deg: float
    alt_m: float
    east_mps: float
    north_mps: float
    up_mps: float
    on_ground: bool

    @property
    def speed_mps(self) -> float:
        """Ground speed."""
        return math.hypot(self.east_mps, self.north_mps)

    @property
    def course_rad(self) -> float:
        """Course over the ground, clockwise from north in [0, 2*pi)."""
        return math.atan2(self.east_mps, self.north_mps) % (2 * math.pi)


@dataclass(frozen=True, slots=True)
class Trajectory:
    """A true trajectory, sampled by interpolation of precomputed knot tables (immutable)."""

    aircraft_id: str
    frame: LocalFrame
    t_start_s: float
    t_end_s: float
    path_t_s: FloatArray  # knots of the horizontal path (non-decreasing times)
    path_east_m: FloatArray
    path_north_m: FloatArray
    alt_t_s: FloatArray  # knots of the altitude profile
    alt_m: FloatArray
    ground_intervals_s: tuple[tuple[float, float], ...]  # [from, to] stopped on a strip

    def _horizontal(self, t: FloatArray) -> tuple[FloatArray, FloatArray]:
        return np.interp(t, self.path_t_s, self.path_east_m), np.interp(t, self.path_t_s, self.path_north_m)

    def _geodetic(self, t: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
        e, n = self._horizontal(t)
        alt = np.interp(t, self.alt_t_s, self.alt_m)
        return (*_flown(self.frame, e, n, alt), alt)

    def positions_enu_at(self, t_s: npt.ArrayLike) -> FloatArray:
        """(n, 3) ENU positions at the given times; rows are NaN outside the life span."""
        t = np.atleast_1d(np.asarray(t_s, dtype=float))
        e, n, u, *_ = self._geodetic(t)
        out = np.column_stack([e, n, u])
        out[(t < self.t_start_s) | (t > self.t_end_s)] = np.nan
        return out

    def geodetic_at(self, t_s: npt.ArrayLike) -> FloatArray:
        """(n, 3) WGS84 lat_deg, lon_deg, alt_m at the given times; NaN outside the life span."""
        t = np.atleast_1d(np.asarray(t_s, dtype=float))
        *_, lat, lon, alt = self._geodetic(t)
        out = np.column_stack([lat, lon, alt])
        out[(t < self.t_start_s) | (t > self.t_end_s)] = np.nan
        return out

    def on_ground_at(self, t_s: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """Whether the aircraft is on a strip (stopped, landed or not yet taken off) at each time."""
        t = np.atleast_1d(np.asarray(t_s, dtype=float))
        out = np.zeros(t.shape, dtype=bool)
        for start, end in self.ground_intervals_s:
            out |= (t >= start) & (t <= end)
        return out

    def state_at(self, t_s: float) -> AircraftState | None:
        """The true state at `t_s`, or None outside [t_start_s, t_end_s]."""
        return self.states_at([t_s])[0]

    def states_at(self, times_s: Sequence[float] | FloatArray) -> list[AircraftState | None]:
        """The true state at each time (None outside [t_start_s, t_end_s]), all in one go. Velocities
        are those of the leg flown at that time; zero on the ground."""
        t = np.asarray(times_s, dtype=float).reshape(-1)
        out: list[AircraftState | None] = [None] * len(t)
        alive = np.flatnonzero((t >= self.t_start_s) & (t <= self.t_end_s))
        if not len(alive):
            return out
        ta = t[alive]
        e, n, u, lat, lon, alt = self._geodetic(ta)
        ve, vn = _rate(self.path_t_s, self.path_east_m, ta), _rate(self.path_t_s, self.path_north_m, ta)
        vu, ground = _rate(self.alt_t_s, self.alt_m, ta), self.on_ground_at(ta)
        for k, i in enumerate(alive):
            still = bool(ground[k])
            out[i] = AircraftState(
                self.aircraft_id,
                float(ta[k]),
                float(e[k]),
                float(n[k]),
                float(u[k]),
                float(lat[k]),
                float(lon[k]),
                float(alt[k]),
                0.0 if still else float(ve[k]),
                0.0 if still else float(vn[k]),
                0.0 if still else float(vu[k]),
                still,
            )
        return out


def _rate(knots_t: FloatArray, values: FloatArray, t: FloatArray) -> FloatArray:
    """The rate of change of a piecewise-linear profile on the segment holding each time (0 on a
    segment of no duration)."""
    k = np.clip(np.searchsorted(knots_t, t, side="right") - 1, 0, len(knots_t) - 2)
    dt = knots_t[k + 1] - knots_t[k]
    return np.where(dt > 0, (values[k + 1] - values[k]) / np.where(dt > 0, dt, 1.0), 0.0)


def _flown(
    frame: LocalFrame, e: FloatArray, n: FloatArray, alt: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """ENU east, north, up, and WGS84 lat, lon of points flown at (e, n) on the map at altitude `alt`."""
    lat, lon = frame.below(e, n)
    ee, nn, uu = frame.to_enu(lat, lon, alt)
    return ee, nn, uu, lat, lon


def positions_at(trajectories: Sequence[Trajectory], t_s: float) -> dict[str, tuple[float, float]]:
    """ENU (east_m, north_m) at `t_s` of every aircraft alive then, the same values as `state_at`, in
    one coordinate transformation for all of them."""
    t = np.array([t_s])
    by_frame: dict[int, list[Trajectory]] = {}  # one scenario has one frame; kept apart if not
    for tr in trajectories:
        if tr.t_start_s <= t_s <= tr.t_end_s:
            by_frame.setdefault(id(tr.frame), []).append(tr)
    out: dict[str, tuple[float, float]] = {}
    for alive in by_frame.values():
        hv = [tr._horizontal(t) for tr in alive]
        e = np.concatenate([h[0] for h in hv])
        n = np.concatenate([h[1] for h in hv])
        alt = np.concatenate([np.interp(t, tr.alt_t_s, tr.alt_m) for tr in alive])
        ee, nn, *_ = _flown(alive[0].frame, e, n, alt)
        out.update({tr.aircraft_id: (float(ee[k]), float(nn[k])) for k, tr in enumerate(alive)})
    return out


def build_trajectories(scenario: Scenario) -> tuple[Trajectory, ...]:
    """Trajectories of every aircraft of a scenario, in file order."""
    picture = picture_of(scenario)
    return tuple(build_trajectory(spec, picture) for spec in scenario.aircraft)


def build_trajectory(spec: AircraftSpec, picture: Picture) -> Trajectory:
    """Fly one aircraft's timed waypoints (see the module docstring for the model)."""
    envelope = aircraft_type(spec.aircraft_type)
    frame = picture.frame
    times, points, strips = [], [], []
    for wp in spec.route:
        if wp.strip is not None:
            pos = picture.strip_positions[wp.strip]
            lat, lon, alt = pos.lat, pos.lon, pos.alt_m
        else:
            lat, lon, alt = wp.lat, wp.lon, wp.alt_m  # type: ignore[assignment]
        e, n, _ = frame.point_to_enu(lat, lon, 0.0)
        times.append(wp.t_s)
        points.append((e, n, float(alt)))
        strips.append(wp.strip)
    t = np.array(times)
    xy = np.array([p[:2] for p in points])
    alts = np.array([p[2] for p in points])
    if spec.recorded:  # what flew, point to point
        path_t, path_xy, alt_t, alt_v = t, xy, t, alts
    else:
        path_t, path_xy = _horizontal_path(t, xy, strips, math.radians(envelope.max_bank_deg))
        alt_t, alt_v = _altitude_profile(t, alts, envelope.climb_mps, envelope.descent_mps)
    ground = tuple(
        (float(t[i]), float(t[i + 1]))
        for i in range(len(t) - 1)
        if strips[i] is not None and strips[i] == strips[i + 1]
    )
    ground += tuple((float(t[i]), float(t[i])) for i in (0, len(t) - 1) if strips[i] is not None)
    return Trajectory(
        spec.id, frame, float(t[0]), float(t[-1]), path_t, path_xy[:, 0], path_xy[:, 1], alt_t, alt_v, ground
    )


def _horizontal_path(
    t: FloatArray, xy: FloatArray, strips: list[str | None], bank_rad: float
) -> tuple[FloatArray, FloatArray]:
    """Knots (times, (m, 2) east/north) of the path with coordinated-turn fillets."""
    n = len(t)
    leg = np.diff(xy, axis=0)
    leg_len = np.hypot(leg[:, 0], leg[:, 1])
    leg_speed = leg_len / np.diff(t)
    # Each waypoint becomes a list of path points; its anchor (time-honoured point) is the middle one,
    # or, on arrival at a strip, the last: [start of the final, the strip].
    pieces: list[FloatArray] = []
    anchors: list[int] = []
    slow: list[bool] = []  # per path point: the segment that ends there is flown at approach speed
    count = 0
    for i in range(n):
        if i > 0 and strips[i] is not None and strips[i - 1] is None and leg_len[i - 1] > 1.0:
            final = min(FINAL_M, leg_len[i - 1] / 3.0)
            fix = xy[i] - final * leg[i - 1] / leg_len[i - 1]
            pieces.append(np.vstack([fix, xy[i]]))
            anchors.append(count + 1)
            slow += [False, True]
            count += 2
            continue
        arc = None
        if 0 < i < n - 1 and strips[i] is None and leg_len[i - 1] > 1.0 and leg_len[i] > 1.0:
            arc = _fillet(
                xy[i - 1],
                xy[i],
                xy[i + 1],
                0.5 * (leg_speed[i - 1] + leg_speed[i]),
                bank_rad,
                0.45 * min(leg_len[i - 1], leg_len[i]),
            )
        pts = arc if arc is not None else xy[i][None, :]
        pieces.append(pts)
        anchors.append(count + len(pts) // 2)
        slow += [False] * len(pts)
        count += len(pts)
    path = np.vstack(pieces)
    seg = np.hypot(*np.diff(path, axis=0).T)
    # time runs with path length, a final's length counting 1 / APPROACH_RATIO times
    seg = np.where(np.array(slow[1:]), seg / APPROACH_RATIO, seg)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    # Times: linear in path length between consecutive anchors; a zero-length stretch keeps its time span.
    path_t = np.empty(len(path))
    for k in range(n - 1):
        a, b = anchors[k], anchors[k + 1]
        span = s[b] - s[a]
        frac = (s[a : b + 1] - s[a]) / span if span > 0 else np.linspace(0.0, 1.0, b - a + 1)
        path_t[a : b + 1] = t[k] + frac * (t[k + 1] - t[k])
    path_t[: anchors[0] + 1] = t[0]
    path_t[anchors[-1] :] = t[-1]
    # Points before the first anchor or after the last (half arcs) cannot exist: anchors are at the ends.
    return path_t, path


def _fillet(
    a: FloatArray, b: FloatArray, c: FloatArray, speed_mps: float, bank_rad: float, max_tangent_m: float
) -> FloatArray | None:
    """Points of the coordinated-turn arc joining legs a->b and b->c, or None for a straight pass."""
    u1 = (b - a) / np.linalg.norm(b - a)
    u2 = (c - b) / np.linalg.norm(c - b)
    turn = math.atan2(u1[0] * u2[1] - u1[1] * u2[0], float(u1 @ u2))  # signed, counter-clockwise positive
    if abs(turn) < math.radians(1.0) or abs(turn) > math.radians(170.0):
        return None
    radius = speed_mps**2 / (G_MPS2 * math.tan(bank_rad))
    tangent = radius * math.tan(abs(turn) / 2)
    if tangent > max_tangent_m:
        tangent = max_tangent_m
        radius = tangent / math.tan(abs(turn) / 2)
    start = b - u1 * tangent
    normal = np.array([-u1[1], u1[0]]) * math.copysign(1.0, turn)  # towards the turn centre
    centre = start + normal * radius
    steps = max(2, math.ceil(abs(turn) / _ARC_STEP_RAD))
    if steps % 2:
        steps += 1  # an even number of chords puts a point at the arc's midpoint
    angles = np.linspace(0.0, turn, steps + 1)
    r0 = start - centre
    cos, sin = np.cos(angles), np.sin(angles)
    return np.column_stack([centre[0] + r0[0] * cos - r0[1] * sin, centre[1] + r0[0] * sin + r0[1] * cos])


def _altitude_profile(
    t: FloatArray, alt: FloatArray, climb_mps: float, descent_mps: float
) -> tuple[FloatArray, FloatArray]:
    """Knots of altitude against time: climbs early, descents late, linear when the rate is short."""
    knots_t, knots_a = [float(t[0])], [float(alt[0])]
    for k in range(len(t) - 1):
        t0, t1, a0, a1 = float(t[k]), float(t[k + 1]), float(alt[k]), float(alt[k + 1])
        change = a1 - a0
        rate = climb_mps if change > 0 else descent_mps
        needed_s = abs(change) / rate
        if change != 0 and needed_s < t1 - t0:
            knots_t.append(t0 + needed_s if change > 0 else t1 - needed_s)
            knots_a.append(a1 if change > 0 else a0)
        knots_t.append(t1)
        knots_a.append(a1)
    return np.array(knots_t), np.array(knots_a)
