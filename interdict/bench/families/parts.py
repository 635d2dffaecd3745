"""The parts every family builds its documents from: the VRAEM frame and the Mazamari radar, ATS
units and the roster, positions in km from the frame origin, waypoints, strips, civil and
smuggler aircraft."""

from __future__ import annotations

import math
from typing import Any

__all__ = [
    "ORIGIN",
    "MAZAMARI",
    "UNITS",
    "units_for",
    "ROSTER",
    "POLICE_TEAMS",
    "mazamari_radar",
    "lat_lon",
    "waypoint",
    "strip_at",
    "document",
    "civil_aircraft",
    "smuggler_aircraft",
]


ORIGIN = (-12.0, -74.0)


MAZAMARI = {"lat": -11.3254, "lon": -74.5356}


def mazamari_radar(false_plots_per_scan: float = 5.0, radar_id: str = "psr-mazamari") -> dict[str, Any]:
    """A primary + secondary radar at Mazamari with the parameters of the bundled scenarios (file form)."""
    return {
        "id": radar_id,
        "at": {**MAZAMARI, "alt_m": 700},
        "kind": "psr+ssr",
        "antenna_height_m": 15,
        "scan_period_s": 10,
        "range_sigma_m": 60,
        "azimuth_sigma_deg": 0.15,
        "max_range_km": 250,
        "detection_probability": 0.9,
        "false_plots_per_scan": false_plots_per_scan,
    }


UNITS: list[
    dict[str, Any]
] = [  # Lima ACC covers the airspace and gives flight information to the aerodromes without a tower
    {"id": "lima-acc", "frequencies_mhz": [128.3], "area": True, "serves": ["SPAY", "SPHO"]},
    {"id": "mazamari-twr", "frequencies_mhz": [118.3], "serves": ["SPMF"]},
]


def units_for(strips: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The units, each serving the strips of this document it serves (`serves` names only strips listed)."""
    ids = {s["id"] for s in strips}
    return [{**u, "serves": [sid for sid in u["serves"] if sid in ids]} for u in UNITS]


ROSTER = [
    {"name": "Cmdr. Ortiz", "role": "duty_commander"},
    {"name": "Maj. Ruiz", "role": "ats_coordinator"},
    {"name": "Lt. Vega", "role": "safety_monitor"},
    {"name": "trainee", "role": "trainee"},
]


def _teams() -> list[dict[str, Any]]:
    """Two police teams with Mi-17-class helicopters (assumed figures: cruise 120 kt; readiness ten
    minutes at the Mazamari base, five at a forward base near Pichari on alert; on stand-by, crew at
    the helicopter, two minutes and one)."""
    return [
        {"id": "dirandro-mazamari", "base": MAZAMARI, "cruise_speed_kt": 120, "readiness_s": 600, "standby_s": 120},
        {
            "id": "forward-pichari",
            "base": lat_lon(18_000, -58_000),
            "cruise_speed_kt": 120,
            "readiness_s": 300,
            "standby_s": 60,
        },
    ]


def lat_lon(east_m: float, north_m: float) -> dict[str, float]:
    """A point east/north of the family origin (small offsets: an equirectangular step is enough)."""
    lat = ORIGIN[0] + north_m / 111_320.0
    lon = ORIGIN[1] + east_m / (111_320.0 * math.cos(math.radians(ORIGIN[0])))
    return {"lat": round(lat, 5), "lon": round(lon, 5)}


def waypoint(t_s: float, east_m: float, north_m: float, alt_m: float) -> dict[str, Any]:
    return {"t_s": round(t_s), **lat_lon(east_m, north_m), "alt_m": round(alt_m)}


def strip_at(sid: str, kind: str, east_m: float, north_m: float, **extra: Any) -> dict[str, Any]:
    return {"id": sid, "kind": kind, "at": {**lat_lon(east_m, north_m), "alt_m": 550}, **extra}


def document(name: str, description: str, duration_s: float, seed: int, **parts: Any) -> dict[str, Any]:
    return {
        "format": "interdict/1",
        "name": name,
        "description": description,
        "start": "2025-06-03T13:00:00Z",
        "duration_s": duration_s,
        "seed": seed,
        "frame_origin": {"lat": ORIGIN[0], "lon": ORIGIN[1]},
        "radars": [mazamari_radar()],
        "atc_units": units_for(parts.get("strips", [])),
        "authorities": ROSTER,
        "police_teams": POLICE_TEAMS,
        "operator": {"policy": "by_the_book", "reaction_s": 60},
        **parts,
    }


POLICE_TEAMS = _teams()


def civil_aircraft(aid: str, reg: str | None, route: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    return {
        "id": aid,
        "role": "civil",
        "registration": reg,
        "aircraft_type": kw.pop("aircraft_type", "C206"),
        "transponder": kw.pop("transponder", "off"),
        "radio": kw.pop("radio", {"monitors_mhz": [121.5, 118.3, 128.3], "replies": True, "language": "es"}),
        "on_intercept": kw.pop("on_intercept", "comply"),
        "route": route,
        **kw,
    }


def smuggler_aircraft(aid: str, route: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": aid,
        "role": "smuggler",
        "registration": None,
        "aircraft_type": "C210",
        "transponder": "off",
        "radio": {"monitors_mhz": [123.45], "replies": False, "language": "es"},
        "on_intercept": "ignore",
        "route": route,
    }
