"""A scenario whose aircraft fly recorded tracks (ADS-B): the world truth of real flights.

Each flight becomes an aircraft with `recorded: true` (flown point to point, no turn model). With
`at`, the flights are moved as one (their relative geometry kept) so that the centre of all their
positions lies at `at`: each position's local east/north offset from the old centre, on the
ellipsoid, becomes the same offset from the new one; altitudes are kept. The scenario gets one
primary radar (`RadarParams`) `clearance_km` south of the southernmost position (no flight passes
over it: the radar's blind cone overhead is a separate test), reaching every position; no terrain
(line of sight over the ellipsoid), no strips, no operator actions: a tracking benchmark.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from interdict.core.arrays import FloatArray
from interdict.core.errors import InterdictError
from interdict.core.geodesy import LocalFrame
from interdict.scenario.document import Scenario
from interdict.scenario.load import scenario_of

__all__ = ["RecordedFlight", "RadarParams", "recorded_scenario"]


@dataclass(frozen=True)
class RecordedFlight:
    """One aircraft's recorded positions: Unix time (s), WGS84 degrees, barometric altitude (m), and
    the reported ground speed (m/s) and track (degrees), NaN where the recording has none."""

    icao24: str
    callsign: str | None
    t_unix_s: FloatArray
    lat_deg: FloatArray
    lon_deg: FloatArray
    alt_m: FloatArray
    speed_mps: FloatArray
    track_deg: FloatArray


@dataclass(frozen=True)
class RadarParams:
    """The benchmark's primary radar (defaults: a light-aircraft surveillance radar, domain.md §5)."""

    scan_period_s: float = 10.0
    range_sigma_m: float = 50.0
    azimuth_sigma_deg: float = 0.2
    detection_probability: float = 0.9
    false_plots_per_scan: float = 5.0
    antenna_height_m: float = 15.0
    site_alt_m: float = 600.0
    clearance_km: float = 20.0


def recorded_scenario(
    flights: Sequence[RecordedFlight],
    name: str,
    *,
    at: tuple[float, float] | None = None,
    radar: RadarParams = RadarParams(),
    seed: int = 1,
    aircraft_type: str = "C210",
    description: str = "",
    source: str = "recorded flights",
) -> Scenario:
    """The scenario of the flights, moved to `at` (lat_deg, lon_deg) when given; validated like a
    scenario file, problems named by key path under `source` (ScenarioError)."""
    if not flights:
        raise InterdictError(f"{source}: no flight to make a scenario of")
    t0 = min(float(f.t_unix_s[0]) for f in flights)
    t1 = max(float(f.t_unix_s[-1]) for f in flights)
    lat = np.concatenate([f.lat_deg for f in flights])
    lon = np.concatenate([f.lon_deg for f in flights])
    old = LocalFrame(float(np.mean(lat)), float(np.mean(lon)))
    new = old if at is None else LocalFrame(at[0], at[1])
    aircraft = [_aircraft(f, old, new, t0, aircraft_type) for f in flights]
    east, north, _ = old.to_enu(lat, lon, np.zeros(len(lat)))
    radar_north_m = float(np.min(north)) - radar.clearance_km * 1000.0
    reach_km = float(np.max(np.hypot(east, north - radar_north_m))) / 1000.0 + 20.0
    site = new.below(0.0, radar_north_m)
    doc: dict[str, Any] = {
        "format": "interdict/1",
        "name": name,
        "description": description,
        "start": datetime.fromtimestamp(math.floor(t0), UTC).isoformat().replace("+00:00", "Z"),
        "duration_s": math.ceil(t1 - math.floor(t0)) + radar.scan_period_s,
        "seed": seed,
        "frame_origin": {"lat": new.lat_deg, "lon": new.lon_deg},
        "radars": [
            {
                "id": "psr",
                "at": {"lat": float(site[0]), "lon": float(site[1]), "alt_m": radar.site_alt_m},
                "kind": "psr",
                "antenna_height_m": radar.antenna_height_m,
                "scan_period_s": radar.scan_period_s,
                "range_sigma_m": radar.range_sigma_m,
                "azimuth_sigma_deg": radar.azimuth_sigma_deg,
                "max_range_km": min(math.ceil(reach_km), 600),
                "detection_probability": radar.detection_probability,
                "false_plots_per_scan": radar.false_plots_per_scan,
            }
        ],
        "aircraft": aircraft,
    }
    return scenario_of(doc, source)


def _aircraft(f: RecordedFlight, old: LocalFrame, new: LocalFrame, t0: float, aircraft_type: str) -> dict[str, Any]:
    east, north, _ = old.to_enu(f.lat_deg, f.lon_deg, np.zeros(len(f.lat_deg)))
    lat, lon = new.below(east, north)
    t = f.t_unix_s - math.floor(t0)
    return {
        "id": f.icao24,
        "role": "civil",
        "callsign": f.callsign,
        "aircraft_type": aircraft_type,
        "recorded": True,
        "route": [
            {
                "t_s": round(float(ti), 3),
                "lat": round(float(a), 7),
                "lon": round(float(o), 7),
                "alt_m": round(float(h), 1),
            }
            for ti, a, o, h in zip(t, lat, lon, f.alt_m, strict=True)
        ],
    }
