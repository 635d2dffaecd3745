"""Families of ordinary civil flights the engine must not mistake: a silent air taxi, a river
medevac, a late plan, a survey round trip, a plan by call sign only, a Portuguese-speaking pilot, an
air taxi turned back by weather along its plan's route, one departing long after its off-block."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interdict.bench.families.parts import civil_aircraft, document, lat_lon, strip_at, waypoint

__all__ = [
    "silent_taxi",
    "river_medevac",
    "late_plan",
    "round_trip",
    "callsign_plan",
    "portuguese_pilot",
    "weather_return",
    "fog_delay",
]


def silent_taxi(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    cm = (float(rng.uniform(20_000, 40_000)), float(rng.uniform(-40_000, -30_000)))
    cl = (cm[0] + 3_000, cm[1] + float(rng.uniform(-1_000, 1_000)))
    route = [
        waypoint(0.0, cm[0] - 90_000, cm[1] + 60_000, 2_500),
        waypoint(1_200.0, cm[0] - 8_000, cm[1] + 4_000, 1_200),
        {"t_s": 1_500, "strip": "cm-silent-01"},
        {"t_s": 2_100, "strip": "cm-silent-01"},
    ]
    return document(
        "adv-silent-taxi",
        "A registered air taxi flies VFR without a plan, transponder off, listening only to its company "
        "frequency, and lands at a community strip 3 km from a clandestine one.",
        2_400.0,
        seed,
        strips=[strip_at("cm-silent-01", "community", *cm), strip_at("cl-silent-01", "clandestine", *cl, length_m=400)],
        registry=[
            {
                "registration": "OB-1802",
                "aircraft_type": "C206",
                "operator": "air taxi (Satipo)",
                "category": "air_taxi",
            }
        ],
        aircraft=[
            civil_aircraft(
                "taxi-silent", "OB-1802", route, radio={"monitors_mhz": [123.1], "replies": True, "language": "es"}
            )
        ],
    )


def river_medevac(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    cl = (float(rng.uniform(10_000, 30_000)), float(rng.uniform(-50_000, -40_000)))
    heading = float(rng.uniform(0, 2 * math.pi))
    rv = (cl[0] + 1_800 * math.sin(heading), cl[1] + 1_800 * math.cos(heading))
    start = (rv[0] - 80_000 * math.sin(heading), rv[1] - 80_000 * math.cos(heading))
    route = [
        waypoint(0.0, *start, 1_500),
        waypoint(1_000.0, rv[0] - 8_000 * math.sin(heading), rv[1] - 8_000 * math.cos(heading), 600),
        {"t_s": 1_200, "strip": "rv-medevac-01"},
        {"t_s": 1_900, "strip": "rv-medevac-01"},
    ]
    return document(
        "adv-river-medevac",
        "A medevac floatplane without plan or transponder, silent on the radio, lands on a river 1.8 km "
        "past a clandestine strip on the same line.",
        2_100.0,
        seed,
        strips=[strip_at("cl-medevac-01", "clandestine", *cl, length_m=420), strip_at("rv-medevac-01", "river", *rv)],
        registry=[
            {
                "registration": "OB-1963",
                "aircraft_type": "C206",
                "operator": "mission aviation",
                "category": "medevac",
                "floats": True,
            }
        ],
        aircraft=[
            civil_aircraft(
                "medevac-river",
                "OB-1963",
                route,
                floats=True,
                radio={"monitors_mhz": [], "replies": False, "language": "es"},
            )
        ],
    )


def late_plan(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    filed = float(rng.uniform(400.0, 900.0))
    route = [waypoint(t, -70_000 + 65.0 * t, -10_000 + 10.0 * t, 2_300) for t in (0.0, 1_200.0, 2_400.0)]
    plan = {
        "callsign": "OB1905",
        "registration": "OB-1905",
        "aircraft_type": "C206",
        "departure": lat_lon(-72_000, -10_300),
        "destination": lat_lon(100_000, 16_000),
        "off_block_s": -60,
        "cruise_alt_ft": 7500,
        "held_by": ["lima-acc"],
        "filed_s": round(filed),
    }
    return document(
        "adv-late-plan",
        "A civil C206 without transponder or contact files its plan with Lima ACC by phone after the first "
        "answers have come back: the plan must be found before anyone is sent after it.",
        2_400.0,
        seed,
        strips=[strip_at("cl-late-01", "clandestine", 80_000, 13_000, length_m=400)],
        flight_plans=[plan],
        aircraft=[
            civil_aircraft(
                "late-filer", "OB-1905", route, radio={"monitors_mhz": [123.1], "replies": True, "language": "es"}
            )
        ],
    )


def round_trip(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    centre = (float(rng.uniform(-50_000, -40_000)), float(rng.uniform(45_000, 55_000)))  # 25-35 km from SPMF
    radius, period = 6_000.0, 900.0
    points = [
        waypoint(
            t,
            centre[0] + radius * math.sin(2 * math.pi * t / period),
            centre[1] + radius * math.cos(2 * math.pi * t / period),
            1_800,
        )
        for t in np.arange(900.0, 3_600.0, 150.0)
    ]
    route = [{"t_s": 0, "strip": "SPMF"}, *points, {"t_s": 4_500, "strip": "SPMF"}]
    plan = {
        "callsign": "OB2010",
        "registration": "OB-2010",
        "aircraft_type": "C206",
        "departure": "SPMF",
        "destination": "SPMF",
        "off_block_s": 0,
        "cruise_alt_ft": 6000,
        "held_by": ["mazamari-twr"],
        "filed_s": -3_600,
    }
    return document(
        "adv-round-trip",
        "A survey flight files a local round trip (departure = destination) and orbits over the valley for "
        "an hour, silent on the radio, transponder off: the plan must keep matching.",
        4_500.0,
        seed,
        strips=[
            {"id": "SPMF", "kind": "registered"},
            strip_at("cl-round-01", "clandestine", centre[0] + 4_000, centre[1] - 3_000, length_m=400),
        ],
        flight_plans=[plan],
        aircraft=[
            civil_aircraft("survey", "OB-2010", route, radio={"monitors_mhz": [], "replies": False, "language": "es"})
        ],
    )


def callsign_plan(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    route = [waypoint(t, -50_000 + 68.0 * t, -30_000 + 20.0 * t, 2_200) for t in (0.0, 1_000.0, 2_000.0)]
    plan = {
        "callsign": "MISION7",
        "aircraft_type": "C206",
        "departure": lat_lon(-52_000, -30_600),
        "destination": lat_lon(95_000, 13_000),
        "off_block_s": -30,
        "cruise_alt_ft": 7000,
        "held_by": ["mazamari-twr"],
        "filed_s": -600,
    }
    return document(
        "adv-callsign-plan",
        "A mission flight files by call sign only (no registration), no transponder, no contact, and carries "
        "no visible registration marks.",
        2_000.0,
        seed,
        strips=[strip_at("cl-callsign-01", "clandestine", 60_000, -4_000, length_m=400)],
        flight_plans=[plan],
        aircraft=[
            {
                **civil_aircraft(
                    "mision7",
                    None,
                    route,
                    radio={
                        "monitors_mhz": [121.5],
                        "replies": True,
                        "language": "es",
                    },
                ),
                "callsign": "MISION7",
            }
        ],
    )


def portuguese_pilot(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    route = [waypoint(t, 60_000 - 60.0 * t, -60_000 + 25.0 * t, 2_600) for t in (0.0, 1_000.0, 2_000.0)]
    return document(
        "adv-portuguese-pilot",
        "A Brazilian air taxi without plan or transponder; its pilot answers only in Portuguese.",
        2_000.0,
        seed,
        strips=[strip_at("cl-pt-01", "clandestine", -62_000, -9_000, length_m=400)],
        registry=[
            {"registration": "PT-KXA", "aircraft_type": "C206", "operator": "taxi aereo (Acre)", "category": "air_taxi"}
        ],
        aircraft=[
            civil_aircraft(
                "brasil", "PT-KXA", route, radio={"monitors_mhz": [121.5], "replies": True, "language": "pt"}
            )
        ],
    )


def _plan_taxi(
    name: str,
    route: list[dict[str, Any]],
    departure: tuple[float, float],
    destination: tuple[float, float],
    off_block_s: float,
    filed_s: float,
) -> dict[str, Any]:
    """The air taxi OB-1907 on its plan held by Lima ACC (ends east, north, m), low in the valleys: no
    transponder, no two-way contact, listening on its company frequency only, so that its plan is the
    one civil ground."""
    plan = {
        "callsign": "OB1907",
        "registration": "OB-1907",
        "aircraft_type": "C206",
        "departure": lat_lon(*departure),
        "destination": lat_lon(*destination),
        "off_block_s": round(off_block_s),
        "cruise_alt_ft": 7500,
        "held_by": ["lima-acc"],
        "filed_s": round(filed_s),
    }
    return {
        "flight_plans": [plan],
        "registry": [
            {
                "registration": "OB-1907",
                "aircraft_type": "C206",
                "operator": "air taxi (Satipo)",
                "category": "air_taxi",
            }
        ],
        "aircraft": [
            civil_aircraft(name, "OB-1907", route, radio={"monitors_mhz": [123.1], "replies": True, "language": "es"})
        ],
    }


def weather_return(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """An air taxi that turned back for weather before the radar saw it: it flies its plan's route the
    other way, back towards its departure, at the plan's time."""
    a, b = (-90_000.0, float(rng.uniform(-25_000, -15_000))), (110_000.0, float(rng.uniform(5_000, 15_000)))
    turned = float(rng.uniform(0.35, 0.6))
    at = (a[0] + turned * (b[0] - a[0]), a[1] + turned * (b[1] - a[1]))
    leg_s = math.hypot(at[0] - a[0], at[1] - a[1]) / 62.0
    route = [waypoint(0.0, *at, 2_300), waypoint(leg_s, *a, 2_300)]
    off_block_s = -float(rng.uniform(1_800, 2_700))
    return document(
        "adv-weather-return",
        "An air taxi on a plan held by Lima ACC turned back for weather before the radar saw it: it flies "
        "the plan's route the other way, silent, transponder off, out of contact.",
        min(leg_s, 2_400.0),
        seed,
        strips=[strip_at("cl-weather-01", "clandestine", at[0] - 30_000, at[1] + 8_000, length_m=400)],
        **_plan_taxi("taxi-weather", route, a, b, off_block_s, -7_200),
    )


def fog_delay(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """An air taxi that waited out the morning fog: it departs 100-120 minutes after its plan's
    off-block time, on the plan's route, and its plan was never amended."""
    a, b = (-80_000.0, float(rng.uniform(-25_000, -15_000))), (70_000.0, float(rng.uniform(0, 10_000)))
    route = [
        waypoint(t, a[0] + (b[0] - a[0]) * t / 2_400.0, a[1] + (b[1] - a[1]) * t / 2_400.0, 2_300)
        for t in (0.0, 2_400.0)
    ]
    off_block_s = -float(rng.uniform(6_000, 7_200))
    return document(
        "adv-fog-delay",
        "An air taxi departs 100-120 minutes after its plan's off-block time (fog), on the plan's route; "
        "the plan was never amended; silent, transponder off, out of contact.",
        2_400.0,
        seed,
        strips=[strip_at("cl-fog-01", "clandestine", 20_000, -30_000, length_m=400)],
        **_plan_taxi("taxi-fog", route, a, b, off_block_s, -9_000),
    )
