"""True trajectories: continuity, honoured waypoint times, coordinated turns, ground stops."""

from __future__ import annotations

import math

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import assume, given, settings

from interdict.core.units import G_MPS2
from interdict.reference.aircraft_types import aircraft_type
from interdict.scenario.document import AircraftSpec, Waypoint
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.trajectories import build_trajectories, build_trajectory
from tests.conftest import SCENARIOS

VRAEM = load_scenario(SCENARIOS / "vraem-shuttle.yaml")
PICTURE = picture_of(VRAEM)


def _route_spec(points: list[tuple[float, float, float]], speed_mps: float) -> AircraftSpec:
    """Airborne waypoints (lat, lon, alt) flown at about speed_mps."""
    frame = PICTURE.frame
    t, waypoints = 0.0, []
    prev = None
    for lat, lon, alt in points:
        if prev is not None:
            e0, n0, _ = frame.point_to_enu(*prev, 0.0)
            e1, n1, _ = frame.point_to_enu(lat, lon, 0.0)
            t += max(math.hypot(e1 - e0, n1 - n0) / speed_mps, 1.0)
        waypoints.append(Waypoint(t_s=t, lat=lat, lon=lon, alt_m=alt))
        prev = (lat, lon)
    return AircraftSpec(id="a", role="civil", aircraft_type="C206", route=tuple(waypoints))


routes = st.lists(
    st.tuples(st.floats(-12.5, -11.5), st.floats(-74.5, -73.5), st.floats(800, 4000)), min_size=3, max_size=6
)


@settings(max_examples=30, deadline=None)
@given(points=routes, speed=st.floats(45.0, 80.0))
def test_path_is_continuous_and_turns_are_coordinated(points: list[tuple[float, float, float]], speed: float) -> None:
    gaps_deg = np.hypot(*np.diff(np.array(points)[:, :2], axis=0).T)
    assume(gaps_deg.min() > 0.05)  # waypoints at least ~5 km apart, as the speed envelope demands
    legs = np.diff(np.array(points)[:, :2], axis=0)
    cos_turn = np.sum(legs[1:] * legs[:-1], axis=1) / (np.hypot(*legs[1:].T) * np.hypot(*legs[:-1].T))
    assume(cos_turn.min() > math.cos(math.radians(170.0)))  # reversals are flown as corners (documented)
    spec = _route_spec(points, speed)
    tr = build_trajectory(spec, PICTURE)
    dt = 2.0
    ts = np.arange(tr.t_start_s, tr.t_end_s, dt)
    p = tr.positions_enu_at(ts)
    step_m = np.hypot(*np.diff(p[:, :2], axis=0).T)
    fastest = max(
        np.hypot(*np.diff(np.array([tr.path_east_m, tr.path_north_m]), axis=1)) / np.maximum(np.diff(tr.path_t_s), 1e-9)
    )
    assert np.all(step_m <= fastest * dt + 1.0)
    # Heading changes between path chords never exceed the arc step (no corners) where the path turns.
    chords = np.diff(np.column_stack([tr.path_east_m, tr.path_north_m]), axis=0)
    chords = chords[np.hypot(*chords.T) > 1.0]
    heading = np.unwrap(np.arctan2(chords[:, 0], chords[:, 1]))
    assert np.all(np.abs(np.diff(heading)) <= math.radians(3.0) + 1e-6 + (np.abs(np.diff(heading)) < 1e-9))


def test_turn_rate_respects_bank_limit() -> None:
    spec = _route_spec([(-12.0, -74.2, 2000), (-12.0, -73.9, 2000), (-11.7, -73.9, 2000)], 70.0)
    tr = build_trajectory(spec, PICTURE)
    ts = np.arange(tr.t_start_s, tr.t_end_s, 1.0)
    states = [tr.state_at(t) for t in ts]
    course = np.unwrap([s.course_rad for s in states if s is not None])
    turning = np.flatnonzero(np.abs(np.diff(course)) > 1e-6)
    turn_rad = abs(course[-1] - course[0])
    assert turn_rad == pytest.approx(math.pi / 2, abs=0.05)  # a 90-degree left turn
    mean_rate = turn_rad / (ts[turning[-1] + 1] - ts[turning[0]])
    speed = states[turning[0]].speed_mps  # type: ignore[union-attr]
    limit = G_MPS2 * math.tan(math.radians(aircraft_type("C206").max_bank_deg)) / speed
    assert mean_rate <= limit * 1.05


def test_waypoint_times_are_honoured() -> None:
    for tr, spec in zip(build_trajectories(VRAEM), VRAEM.aircraft, strict=True):
        for wp in spec.route:
            state = tr.state_at(wp.t_s)
            assert state is not None
            if wp.strip is not None:
                pos = PICTURE.strip_positions[wp.strip]
                assert state.lat_deg == pytest.approx(pos.lat, abs=1e-4)
                assert state.alt_m == pytest.approx(pos.alt_m, abs=1.0)


def test_ground_stop_stays_on_the_strip() -> None:
    narco = build_trajectories(VRAEM)[0]
    a, b = narco.state_at(1800.0), narco.state_at(2300.0)
    assert a is not None and b is not None and a.on_ground and b.on_ground
    assert (a.east_m, a.north_m) == pytest.approx((b.east_m, b.north_m), abs=0.01)
    assert a.speed_mps == 0.0


def test_life_span_and_descent_is_late() -> None:
    narco = build_trajectories(VRAEM)[0]
    assert narco.state_at(-1.0) is None and narco.state_at(narco.t_end_s + 1) is None
    assert np.isnan(narco.positions_enu_at([narco.t_end_s + 10.0])).all()
    # 3000 m -> 560 m at the C210's descent rate takes about 11 minutes: level before that.
    early = narco.state_at(1700.0 - 15 * 60)
    assert early is not None and early.alt_m == pytest.approx(3000.0)


def test_an_arrival_slows_to_approach_speed_on_its_final_and_lands_on_time() -> None:
    from interdict.world.trajectories import APPROACH_RATIO, FINAL_M

    narco = build_trajectories(VRAEM)[0]
    cruise = narco.state_at(1_000.0)
    final = narco.state_at(1_690.0)
    assert cruise is not None and final is not None and not final.on_ground
    assert final.speed_mps == pytest.approx(APPROACH_RATIO * cruise.speed_mps, rel=1e-3)
    strip = narco.positions_enu_at([1_700.0])[0]
    start = narco.positions_enu_at([1_700.0 - FINAL_M / final.speed_mps])[0]
    assert math.hypot(*(start[:2] - strip[:2])) == pytest.approx(FINAL_M, rel=0.01)  # the final is 6 km
    assert narco.on_ground_at([1_700.0])[0]


def test_speeds_stay_within_the_envelope() -> None:
    for tr, spec in zip(build_trajectories(VRAEM), VRAEM.aircraft, strict=True):
        env = aircraft_type(spec.aircraft_type)
        ts = np.arange(tr.t_start_s, tr.t_end_s, 3.0)
        speeds = [s.speed_mps for s in map(tr.state_at, ts) if s is not None]
        assert max(speeds) <= env.max_speed_mps


def test_positions_of_all_aircraft_at_once_are_those_of_each() -> None:
    from interdict.world.trajectories import positions_at

    trajectories = build_trajectories(VRAEM)
    for t_s in np.arange(-10.0, 5_500.0, 37.3):
        at = positions_at(trajectories, float(t_s))
        for tr in trajectories:
            state = tr.state_at(float(t_s))
            assert (None if state is None else (state.east_m, state.north_m)) == at.get(tr.aircraft_id)
