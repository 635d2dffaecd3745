"""Recorded flights as a scenario: moved without changing shape, flown point to point, seen by a
radar that no flight passes over; smoothing keeps the shape, removes the stamp errors, and refuses a
record whose speeds contradict its positions."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest

from interdict.core.errors import InterdictError
from interdict.core.geodesy import LocalFrame, geodesic_distance_m
from interdict.scenario.recorded import RecordedFlight, recorded_scenario
from interdict.scenario.smoothing import smooth_flight
from interdict.world.trajectories import build_trajectories
from tests.adsb_rows import FRAME, START_UNIX_S, orbit_path, rows


def _flight(stamp_error_s: float = 0.0, step_s: float = 5.0) -> RecordedFlight:
    r = rows("opensky", stamp_error_s=stamp_error_s, step_s=step_s)
    col = {k: np.array([x[k] for x in r], float) for k in ("time", "lat", "lon", "baroaltitude", "velocity", "heading")}
    return RecordedFlight(
        "e8044f", "OB1544", col["time"], col["lat"], col["lon"], col["baroaltitude"], col["velocity"], col["heading"]
    )


def test_moved_flights_keep_their_shape_and_the_radar_stands_clear_to_the_south() -> None:
    flight = _flight(step_s=60.0)
    scenario = recorded_scenario([flight], "moved", at=(-9.0, -75.0))
    route = scenario.aircraft[0].route
    assert scenario.aircraft[0].recorded
    moved = [(w.lat, w.lon) for w in route]
    recorded = list(zip(flight.lat_deg, flight.lon_deg, strict=True))
    for i, j in itertools.combinations(range(0, len(route), 5), 2):
        a = geodesic_distance_m(*moved[i], *moved[j])
        b = geodesic_distance_m(*recorded[i], *recorded[j])
        assert a == pytest.approx(b, abs=1.0)
    assert np.mean([m[0] for m in moved]) == pytest.approx(-9.0, abs=1e-4)
    radar = scenario.radars[0]
    south = min(w.lat for w in route)  # type: ignore[type-var]
    assert geodesic_distance_m(radar.at.lat, radar.at.lon, south, radar.at.lon) == pytest.approx(20_000, abs=50)
    far = max(geodesic_distance_m(radar.at.lat, radar.at.lon, w.lat, w.lon) for w in route)  # type: ignore[arg-type]
    assert far < radar.max_range_km * 1000


def test_a_recorded_route_is_flown_point_to_point_not_by_the_turn_model() -> None:
    flight = _flight(step_s=60.0)
    scenario = recorded_scenario([flight], "flown")
    (trajectory,) = build_trajectories(scenario)
    route = scenario.aircraft[0].route
    t = np.array([w.t_s for w in route])
    at = trajectory.geodetic_at(t)
    for (lat, lon, alt), w in zip(at, route, strict=True):
        assert geodesic_distance_m(lat, lon, w.lat, w.lon) < 1.0 and alt == pytest.approx(w.alt_m)  # type: ignore[arg-type]
    mid = trajectory.geodetic_at(0.5 * (t[10] + t[11]))[0]  # on the chord, where a turn model would cut a fillet
    chord = ((route[10].lat + route[11].lat) / 2, (route[10].lon + route[11].lon) / 2)  # type: ignore[operator]
    assert geodesic_distance_m(mid[0], mid[1], *chord) < 5.0


def test_smoothing_removes_stamp_errors_and_keeps_the_orbit() -> None:
    jittered = _flight(stamp_error_s=3.0)
    smoothed = smooth_flight(jittered)
    e, n, _, _ = orbit_path(jittered.t_unix_s - START_UNIX_S)  # where the aircraft was at each stamp

    def error_m(f: RecordedFlight) -> float:
        fe, fn, _ = FRAME.to_enu(f.lat_deg, f.lon_deg, np.zeros(len(e)))
        return math.sqrt(np.mean((fe - e) ** 2 + (fn - n) ** 2))

    assert error_m(jittered) > 80.0  # +/-3 s of stamp error at 50 m/s: ~87 m RMS
    assert error_m(smoothed) < 0.75 * error_m(jittered)
    assert smooth_flight(_flight()).lat_deg == pytest.approx(_flight().lat_deg, abs=3e-4)  # a clean record stays (30 m)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"speed_mps": "double"}, "contradict its positions"),
        ({"speed_mps": "none"}, "no reported ground speed"),
    ],
)
def test_a_record_that_contradicts_itself_is_refused(change: dict[str, str], message: str) -> None:
    flight = _flight()
    speeds = flight.speed_mps * 2 if change["speed_mps"] == "double" else np.full(len(flight.speed_mps), np.nan)
    with pytest.raises(InterdictError, match=message):
        smooth_flight(replace(flight, speed_mps=speeds))


def test_no_flight_no_scenario() -> None:
    with pytest.raises(InterdictError, match="no flight"):
        recorded_scenario([], "empty")


def test_frame_is_local_to_the_moved_flights() -> None:
    scenario = recorded_scenario([_flight(step_s=60.0)], "framed", at=(-12.0, -74.0))
    assert scenario.frame_origin is not None and (scenario.frame_origin.lat, scenario.frame_origin.lon) == (
        -12.0,
        -74.0,
    )
    assert isinstance(FRAME, LocalFrame)
