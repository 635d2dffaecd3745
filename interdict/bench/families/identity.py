"""Families that attack identity: tracks that come close and swap, a join, a break behind a ridge,
an operator script full of mistakes."""

from __future__ import annotations

from typing import Any

import numpy as np

from interdict.bench.families.civil import river_medevac
from interdict.bench.families.parts import civil_aircraft, document, lat_lon, smuggler_aircraft, strip_at, waypoint

__all__ = ["swap", "join_and_swap", "track_break", "scripted_wrong"]


def swap(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    abeam = float(rng.uniform(600.0, 800.0))
    cross_t = float(rng.uniform(1_000.0, 1_300.0))
    speed = 70.0
    civil_route = [waypoint(t, -60_000 + speed * t, 20_000, 2_400) for t in (0.0, 900.0, 1_800.0, 2_400.0)]
    smug = [
        waypoint(0.0, -60_000, 20_000 + abeam, 2_450),
        waypoint(900.0, -60_000 + speed * 900, 20_000 + abeam, 2_450),
        waypoint(cross_t, -60_000 + speed * cross_t, 20_000 - abeam, 2_450),
        waypoint(cross_t + 600, -60_000 + speed * (cross_t + 600), 20_000 - 30_000, 2_000),
        {"t_s": round(cross_t + 900), "strip": "cl-swap-01"},
        {"t_s": round(cross_t + 1_500), "strip": "cl-swap-01"},
    ]
    end_e, end_n = -60_000 + speed * (cross_t + 900) + 6_000, 20_000 - 42_000
    plan = {
        "callsign": "OB1701",
        "registration": "OB-1701",
        "aircraft_type": "C206",
        "departure": lat_lon(-62_000, 20_000),
        "destination": lat_lon(110_000, 20_000),
        "off_block_s": -60,
        "cruise_alt_ft": 8000,
        "held_by": ["lima-acc"],
        "filed_s": -1_800,
    }
    return document(
        "adv-swap",
        "A smuggler flies 700 m abeam a civil C206 on a filed plan (in contact with Lima, squawking), then "
        "slides across it and turns away to a clandestine strip: the tracks can swap.",
        2_400.0,
        seed,
        strips=[strip_at("cl-swap-01", "clandestine", end_e, end_n, length_m=450)],
        flight_plans=[plan],
        registry=[{"registration": "OB-1701", "aircraft_type": "C206", "operator": "air taxi", "category": "air_taxi"}],
        aircraft=[
            civil_aircraft(
                "taxi-swap",
                "OB-1701",
                civil_route,
                transponder={"mode_a": "2231", "altitude": True},
                radio={
                    "monitors_mhz": [121.5, 128.3],
                    "replies": True,
                    "language": "es",
                    "in_contact_with": ["lima-acc"],
                },
            ),
            smuggler_aircraft("narco-swap", smug),
        ],
    )


def join_and_swap(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    join_t = float(rng.uniform(2_200.0, 2_400.0))
    abeam = float(rng.uniform(600.0, 800.0))
    speed, north = 70.0, 20_000.0

    def x(t: float) -> float:  # the civil aircraft's east coordinate at t
        return -120_000 + speed * t

    civil_route = [waypoint(t, x(t), north, 2_400) for t in (0.0, 1_800.0, 3_900.0)]
    smug = [
        waypoint(0.0, x(0.0), north - 50_000, 2_450),
        waypoint(join_t - 1_200, x(join_t - 1_200), north - 50_000, 2_450),
        waypoint(join_t, x(join_t), north - abeam, 2_450),
        waypoint(join_t + 300, x(join_t + 300), north - abeam, 2_450),
        waypoint(join_t + 420, x(join_t + 420), north + abeam, 2_450),
        waypoint(join_t + 900, x(join_t + 900), north + 25_000, 1_500),
        {"t_s": round(join_t + 1_200), "strip": "cl-join-01"},
        {"t_s": round(join_t + 1_800), "strip": "cl-join-01"},
    ]
    strip_e, strip_n = x(join_t + 1_200) + 5_000, north + 40_000
    return document(
        "adv-join-and-swap",
        "A smuggler is identified far from anyone (silent, no marks, type C210), then joins a registered air taxi "
        "flying VFR (no plan, transponder off, on its company frequency), flies 700 m abeam for five minutes, "
        "slides across it and leaves for a clandestine strip: whatever was gathered on either track may now be "
        "the other's, the smuggler's visual report included.",
        join_t + 1_800,
        seed,
        strips=[strip_at("cl-join-01", "clandestine", strip_e, strip_n, length_m=450)],
        registry=[{"registration": "OB-1702", "aircraft_type": "C206", "operator": "air taxi", "category": "air_taxi"}],
        aircraft=[
            civil_aircraft(
                "taxi-join", "OB-1702", civil_route, radio={"monitors_mhz": [123.1], "replies": True, "language": "es"}
            ),
            smuggler_aircraft("narco-join", smug),
        ],
    )


def track_break(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    off = float(rng.uniform(600.0, 800.0))
    route = [
        waypoint(0.0, -40_000, 40_000, 2_500),
        waypoint(off, -40_000 + 65 * off, 40_000 - 30 * off, 2_500),
        waypoint(off + 300, -40_000 + 65 * (off + 300), 40_000 - 30 * (off + 300), 400),
        waypoint(off + 700, -40_000 + 65 * (off + 700), 40_000 - 30 * (off + 700), 400),
        waypoint(off + 1_000, -40_000 + 65 * (off + 1_000), 40_000 - 30 * (off + 1_000), 2_500),
        waypoint(off + 1_800, -40_000 + 65 * (off + 1_800), 40_000 - 30 * (off + 1_800), 2_500),
    ]
    ridge_e, ridge_n = -40_000 + 65 * (off + 500), 40_000 - 30 * (off + 500)
    return document(
        "adv-track-break",
        "A civil C206 squawks, then switches its transponder off and flies low behind a ridge: the track breaks "
        "and re-forms without a squawk, near a clandestine strip.",
        off + 1_800,
        seed,
        terrain={
            "base_alt_m": 200,
            "ridges": [
                {
                    "start": lat_lon(ridge_e - 25_000, ridge_n + 20_000),
                    "end": lat_lon(ridge_e - 5_000, ridge_n + 40_000),
                    "crest_alt_m": 1_400,
                    "half_width_m": 3_000,
                }
            ],
        },
        strips=[
            strip_at(
                "cl-break-01", "clandestine", -40_000 + 65 * (off + 1_900), 40_000 - 30 * (off + 1_900), length_m=400
            )
        ],
        aircraft=[
            civil_aircraft(
                "squawker",
                "OB-2111",
                route,
                transponder={"mode_a": "0512", "altitude": True, "to_s": round(off)},
                radio={"monitors_mhz": [123.1], "replies": True, "language": "es"},
            )
        ],
    )


def scripted_wrong(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    doc = river_medevac(rng, seed)
    doc["name"] = "adv-scripted-wrong"
    doc["description"] = (
        "An operator script full of mistakes against a medevac floatplane: interception signals while the "
        "engine holds, a ground cue to the river, a landing instruction at a clandestine strip, sign-offs "
        "before the block, by a trainee, by an invisible name, and markup in a dissent."
    )
    doc["operator"] = {
        "policy": "scripted",
        "script": [
            {"t_s": 120, "aircraft": "medevac-river", "action": "query_flight_plans", "units": ["lima-acc"]},
            {
                "t_s": 150,
                "aircraft": "medevac-river",
                "action": "resolve",
                "block": "SC-02",
                "how": "no answer on guard",
                "by": "trainee",
            },
            {
                "t_s": 160,
                "aircraft": "medevac-river",
                "action": "resolve",
                "block": "SC-10",
                "how": "x",
                "by": "\u200b",
            },
            {"t_s": 200, "aircraft": "medevac-river", "action": "intercept_signal", "series": 1},
            {"t_s": 300, "aircraft": "medevac-river", "action": "cue_ground", "strip": "rv-medevac-01"},
            {"t_s": 400, "aircraft": "medevac-river", "action": "instruct_land", "aerodrome": "cl-medevac-01"},
            {"t_s": 500, "aircraft": "medevac-river", "action": "visual_id"},
            {
                "t_s": 600,
                "aircraft": "medevac-river",
                "action": "dissent",
                "by": "Lt. Vega",
                "why": "[/b] [red]looks like the mission plane[/red]",
            },
            {"t_s": 700, "aircraft": "medevac-river", "action": "request_rung", "rung": "INTERCEPT_INSTRUCT"},
            {"t_s": 800, "aircraft": "medevac-river", "action": "cue_ground", "strip": "cl-medevac-01"},
        ],
    }
    return doc
