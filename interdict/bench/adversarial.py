"""Adversarial scenario families: closed-loop scenarios built to trap the engine (WORLD side).

Each family is a seeded generator of a valid `interdict/1` document (a plain mapping that
`Scenario.model_validate` accepts and that can be written out as YAML and replayed). The seed moves
positions, times and offsets within realistic bounds; the trap stays. What every family must show:
no civil aircraft recommended above VISUAL_ID, cued, intercepted or told to land.

- `swap`: a smuggler flies 700 m abeam a civil C206 on a filed plan, in contact with Lima, then
  slides across it (the tracks can swap), then turns away to a clandestine strip;
- `join_and_swap`: a smuggler identified far from anyone joins a civil aircraft 700 m abeam, slides across
  it and leaves: the evidence gathered on the smuggler's track may now be the civil aircraft's;
- `silent_taxi`: a registered air taxi flying VFR without a plan, transponder off, listening only to
  its company frequency, lands at a community strip 3 km from a clandestine one;
- `river_medevac`: a medevac floatplane without plan or transponder lands on a river 1.8 km past a
  clandestine strip;
- `late_plan`: a civil aircraft whose plan reaches Lima ACC after the first answers;
- `round_trip`: a survey flight (departure = destination) orbiting over the valley for an hour;
- `track_break`: a civil aircraft squawking, then low behind a ridge with its transponder off: the
  track breaks and re-forms without a squawk;
- `callsign_plan`: a plan filed by call sign only, no registration, no transponder, no contact;
- `portuguese_pilot`: a Brazilian air taxi whose pilot speaks Portuguese only;
- `scripted_wrong`: an operator script full of mistakes (a cue to a river, interception signals
  while the engine holds at IDENTIFY, a landing instruction to a clandestine strip, a sign-off
  before the block, a trainee's sign-off of an UNKNOWN, an invisible author, markup in a dissent).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["FAMILIES", "generate", "crowded", "mazamari_radar", "MAZAMARI"]

_ORIGIN = (-12.0, -74.0)
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


_UNITS = [
    {"id": "lima-acc", "frequencies_mhz": [128.3]},
    {"id": "mazamari-twr", "frequencies_mhz": [118.3]},
]
_ROSTER = [
    {"name": "Cmdr. Ortiz", "role": "duty_commander"},
    {"name": "Maj. Ruiz", "role": "ats_coordinator"},
    {"name": "Lt. Vega", "role": "safety_monitor"},
    {"name": "trainee", "role": "trainee"},
]


def _ll(east_m: float, north_m: float) -> dict[str, float]:
    """A point east/north of the family origin (small offsets: an equirectangular step is enough)."""
    lat = _ORIGIN[0] + north_m / 111_320.0
    lon = _ORIGIN[1] + east_m / (111_320.0 * math.cos(math.radians(_ORIGIN[0])))
    return {"lat": round(lat, 5), "lon": round(lon, 5)}


def _wp(t_s: float, east_m: float, north_m: float, alt_m: float) -> dict[str, Any]:
    return {"t_s": round(t_s), **_ll(east_m, north_m), "alt_m": round(alt_m)}


def _strip(sid: str, kind: str, east_m: float, north_m: float, **extra: Any) -> dict[str, Any]:
    return {"id": sid, "kind": kind, "at": {**_ll(east_m, north_m), "alt_m": 550}, **extra}


def _doc(name: str, description: str, duration_s: float, seed: int, **parts: Any) -> dict[str, Any]:
    return {
        "format": "interdict/1",
        "name": name,
        "description": description,
        "start": "2025-06-03T13:00:00Z",
        "duration_s": duration_s,
        "seed": seed,
        "frame_origin": {"lat": _ORIGIN[0], "lon": _ORIGIN[1]},
        "radars": [mazamari_radar()],
        "atc_units": _UNITS,
        "authorities": _ROSTER,
        "operator": {"policy": "by_the_book", "reaction_s": 60},
        **parts,
    }


def _civil(aid: str, reg: str | None, route: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
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


def _smuggler(aid: str, route: list[dict[str, Any]]) -> dict[str, Any]:
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


def _swap(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    abeam = float(rng.uniform(600.0, 800.0))
    cross_t = float(rng.uniform(1_000.0, 1_300.0))
    speed = 70.0
    civil_route = [_wp(t, -60_000 + speed * t, 20_000, 2_400) for t in (0.0, 900.0, 1_800.0, 2_400.0)]
    smug = [
        _wp(0.0, -60_000, 20_000 + abeam, 2_450),
        _wp(900.0, -60_000 + speed * 900, 20_000 + abeam, 2_450),
        _wp(cross_t, -60_000 + speed * cross_t, 20_000 - abeam, 2_450),
        _wp(cross_t + 600, -60_000 + speed * (cross_t + 600), 20_000 - 30_000, 2_000),
        {"t_s": round(cross_t + 900), "strip": "cl-swap-01"},
        {"t_s": round(cross_t + 1_500), "strip": "cl-swap-01"},
    ]
    end_e, end_n = -60_000 + speed * (cross_t + 900) + 6_000, 20_000 - 42_000
    plan = {
        "callsign": "OB1701",
        "registration": "OB-1701",
        "aircraft_type": "C206",
        "departure": _ll(-62_000, 20_000),
        "destination": _ll(110_000, 20_000),
        "off_block_s": -60,
        "cruise_alt_ft": 8000,
        "held_by": ["lima-acc"],
        "filed_s": -1_800,
    }
    return _doc(
        "adv-swap",
        "A smuggler flies 700 m abeam a civil C206 on a filed plan (in contact with Lima, squawking), then "
        "slides across it and turns away to a clandestine strip: the tracks can swap.",
        2_400.0,
        seed,
        strips=[_strip("cl-swap-01", "clandestine", end_e, end_n, length_m=450)],
        flight_plans=[plan],
        registry=[{"registration": "OB-1701", "aircraft_type": "C206", "operator": "air taxi", "category": "air_taxi"}],
        aircraft=[
            _civil(
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
            _smuggler("narco-swap", smug),
        ],
    )


def _join_and_swap(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    join_t = float(rng.uniform(2_200.0, 2_400.0))
    abeam = float(rng.uniform(600.0, 800.0))
    speed, north = 70.0, 20_000.0

    def x(t: float) -> float:  # the civil aircraft's east coordinate at t
        return -120_000 + speed * t

    civil_route = [_wp(t, x(t), north, 2_400) for t in (0.0, 1_800.0, 3_900.0)]
    smug = [
        _wp(0.0, x(0.0), north - 50_000, 2_450),
        _wp(join_t - 1_200, x(join_t - 1_200), north - 50_000, 2_450),
        _wp(join_t, x(join_t), north - abeam, 2_450),
        _wp(join_t + 300, x(join_t + 300), north - abeam, 2_450),
        _wp(join_t + 420, x(join_t + 420), north + abeam, 2_450),
        _wp(join_t + 900, x(join_t + 900), north + 25_000, 1_500),
        {"t_s": round(join_t + 1_200), "strip": "cl-join-01"},
        {"t_s": round(join_t + 1_800), "strip": "cl-join-01"},
    ]
    strip_e, strip_n = x(join_t + 1_200) + 5_000, north + 40_000
    return _doc(
        "adv-join-and-swap",
        "A smuggler is identified far from anyone (silent, no marks, type C210), then joins a registered air taxi "
        "flying VFR (no plan, transponder off, on its company frequency), flies 700 m abeam for five minutes, "
        "slides across it and leaves for a clandestine strip: whatever was gathered on either track may now be "
        "the other's, the smuggler's visual report included.",
        join_t + 1_800,
        seed,
        strips=[_strip("cl-join-01", "clandestine", strip_e, strip_n, length_m=450)],
        registry=[{"registration": "OB-1702", "aircraft_type": "C206", "operator": "air taxi", "category": "air_taxi"}],
        aircraft=[
            _civil(
                "taxi-join", "OB-1702", civil_route, radio={"monitors_mhz": [123.1], "replies": True, "language": "es"}
            ),
            _smuggler("narco-join", smug),
        ],
    )


def _silent_taxi(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    cm = (float(rng.uniform(20_000, 40_000)), float(rng.uniform(-40_000, -30_000)))
    cl = (cm[0] + 3_000, cm[1] + float(rng.uniform(-1_000, 1_000)))
    route = [
        _wp(0.0, cm[0] - 90_000, cm[1] + 60_000, 2_500),
        _wp(1_200.0, cm[0] - 8_000, cm[1] + 4_000, 1_200),
        {"t_s": 1_500, "strip": "cm-silent-01"},
        {"t_s": 2_100, "strip": "cm-silent-01"},
    ]
    return _doc(
        "adv-silent-taxi",
        "A registered air taxi flies VFR without a plan, transponder off, listening only to its company "
        "frequency, and lands at a community strip 3 km from a clandestine one.",
        2_400.0,
        seed,
        strips=[_strip("cm-silent-01", "community", *cm), _strip("cl-silent-01", "clandestine", *cl, length_m=400)],
        registry=[
            {
                "registration": "OB-1802",
                "aircraft_type": "C206",
                "operator": "air taxi (Satipo)",
                "category": "air_taxi",
            }
        ],
        aircraft=[
            _civil("taxi-silent", "OB-1802", route, radio={"monitors_mhz": [123.1], "replies": True, "language": "es"})
        ],
    )


def _river_medevac(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    cl = (float(rng.uniform(10_000, 30_000)), float(rng.uniform(-50_000, -40_000)))
    heading = float(rng.uniform(0, 2 * math.pi))
    rv = (cl[0] + 1_800 * math.sin(heading), cl[1] + 1_800 * math.cos(heading))
    start = (rv[0] - 80_000 * math.sin(heading), rv[1] - 80_000 * math.cos(heading))
    route = [
        _wp(0.0, *start, 1_500),
        _wp(1_000.0, rv[0] - 8_000 * math.sin(heading), rv[1] - 8_000 * math.cos(heading), 600),
        {"t_s": 1_200, "strip": "rv-medevac-01"},
        {"t_s": 1_900, "strip": "rv-medevac-01"},
    ]
    return _doc(
        "adv-river-medevac",
        "A medevac floatplane without plan or transponder, silent on the radio, lands on a river 1.8 km "
        "past a clandestine strip on the same line.",
        2_100.0,
        seed,
        strips=[_strip("cl-medevac-01", "clandestine", *cl, length_m=420), _strip("rv-medevac-01", "river", *rv)],
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
            _civil(
                "medevac-river",
                "OB-1963",
                route,
                floats=True,
                radio={"monitors_mhz": [], "replies": False, "language": "es"},
            )
        ],
    )


def _late_plan(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    filed = float(rng.uniform(400.0, 900.0))
    route = [_wp(t, -70_000 + 65.0 * t, -10_000 + 10.0 * t, 2_300) for t in (0.0, 1_200.0, 2_400.0)]
    plan = {
        "callsign": "OB1905",
        "registration": "OB-1905",
        "aircraft_type": "C206",
        "departure": _ll(-72_000, -10_300),
        "destination": _ll(100_000, 16_000),
        "off_block_s": -60,
        "cruise_alt_ft": 7500,
        "held_by": ["lima-acc"],
        "filed_s": round(filed),
    }
    return _doc(
        "adv-late-plan",
        "A civil C206 without transponder or contact files its plan with Lima ACC by phone after the first "
        "answers have come back: the plan must be found before anyone is sent after it.",
        2_400.0,
        seed,
        strips=[_strip("cl-late-01", "clandestine", 80_000, 13_000, length_m=400)],
        flight_plans=[plan],
        aircraft=[
            _civil("late-filer", "OB-1905", route, radio={"monitors_mhz": [123.1], "replies": True, "language": "es"})
        ],
    )


def _round_trip(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    centre = (float(rng.uniform(-50_000, -40_000)), float(rng.uniform(45_000, 55_000)))  # 25-35 km from SPMF
    radius, period = 6_000.0, 900.0
    points = [
        _wp(
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
    return _doc(
        "adv-round-trip",
        "A survey flight files a local round trip (departure = destination) and orbits over the valley for "
        "an hour, silent on the radio, transponder off: the plan must keep matching.",
        4_500.0,
        seed,
        strips=[
            {"id": "SPMF", "kind": "registered"},
            _strip("cl-round-01", "clandestine", centre[0] + 4_000, centre[1] - 3_000, length_m=400),
        ],
        flight_plans=[plan],
        aircraft=[_civil("survey", "OB-2010", route, radio={"monitors_mhz": [], "replies": False, "language": "es"})],
    )


def _track_break(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    off = float(rng.uniform(600.0, 800.0))
    route = [
        _wp(0.0, -40_000, 40_000, 2_500),
        _wp(off, -40_000 + 65 * off, 40_000 - 30 * off, 2_500),
        _wp(off + 300, -40_000 + 65 * (off + 300), 40_000 - 30 * (off + 300), 400),
        _wp(off + 700, -40_000 + 65 * (off + 700), 40_000 - 30 * (off + 700), 400),
        _wp(off + 1_000, -40_000 + 65 * (off + 1_000), 40_000 - 30 * (off + 1_000), 2_500),
        _wp(off + 1_800, -40_000 + 65 * (off + 1_800), 40_000 - 30 * (off + 1_800), 2_500),
    ]
    ridge_e, ridge_n = -40_000 + 65 * (off + 500), 40_000 - 30 * (off + 500)
    return _doc(
        "adv-track-break",
        "A civil C206 squawks, then switches its transponder off and flies low behind a ridge: the track breaks "
        "and re-forms without a squawk, near a clandestine strip.",
        off + 1_800,
        seed,
        terrain={
            "base_alt_m": 200,
            "ridges": [
                {
                    "start": _ll(ridge_e - 25_000, ridge_n + 20_000),
                    "end": _ll(ridge_e - 5_000, ridge_n + 40_000),
                    "crest_alt_m": 1_400,
                    "half_width_m": 3_000,
                }
            ],
        },
        strips=[
            _strip(
                "cl-break-01", "clandestine", -40_000 + 65 * (off + 1_900), 40_000 - 30 * (off + 1_900), length_m=400
            )
        ],
        aircraft=[
            _civil(
                "squawker",
                "OB-2111",
                route,
                transponder={"mode_a": "0512", "altitude": True, "to_s": round(off)},
                radio={"monitors_mhz": [123.1], "replies": True, "language": "es"},
            )
        ],
    )


def _callsign_plan(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    route = [_wp(t, -50_000 + 68.0 * t, -30_000 + 20.0 * t, 2_200) for t in (0.0, 1_000.0, 2_000.0)]
    plan = {
        "callsign": "MISION7",
        "aircraft_type": "C206",
        "departure": _ll(-52_000, -30_600),
        "destination": _ll(95_000, 13_000),
        "off_block_s": -30,
        "cruise_alt_ft": 7000,
        "held_by": ["mazamari-twr"],
        "filed_s": -600,
    }
    return _doc(
        "adv-callsign-plan",
        "A mission flight files by call sign only (no registration), no transponder, no contact, and carries "
        "no visible registration marks.",
        2_000.0,
        seed,
        strips=[_strip("cl-callsign-01", "clandestine", 60_000, -4_000, length_m=400)],
        flight_plans=[plan],
        aircraft=[
            {
                **_civil(
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


def _portuguese_pilot(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    route = [_wp(t, 60_000 - 60.0 * t, -60_000 + 25.0 * t, 2_600) for t in (0.0, 1_000.0, 2_000.0)]
    return _doc(
        "adv-portuguese-pilot",
        "A Brazilian air taxi without plan or transponder; its pilot answers only in Portuguese.",
        2_000.0,
        seed,
        strips=[_strip("cl-pt-01", "clandestine", -62_000, -9_000, length_m=400)],
        registry=[
            {"registration": "PT-KXA", "aircraft_type": "C206", "operator": "taxi aereo (Acre)", "category": "air_taxi"}
        ],
        aircraft=[
            _civil("brasil", "PT-KXA", route, radio={"monitors_mhz": [121.5], "replies": True, "language": "pt"})
        ],
    )


def _scripted_wrong(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    doc = _river_medevac(rng, seed)
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


_AERODROMES = (
    "SPJC",
    "SPZO",
    "SPQT",
    "SPCL",
    "SPHO",
    "SPMF",
    "SPAY",
    "SPJL",
    "SPRU",
    "SPHI",
    "SPSO",
    "SPTN",
    "SPQU",
    "SPGM",
    "SPTU",
)


def crowded(doc: dict[str, Any], rng: np.random.Generator, *, strips: int = 185, plans: int = 20) -> dict[str, Any]:
    """`doc` with a realistic strip database along the valley (`strips` clandestine and community strips
    within 90 km of the origin) and `plans` ordinary domestic plans between aerodromes held by Lima ACC."""
    extra = [
        _strip(
            f"{'cl' if k % 4 else 'cm'}-valley-{k:03d}",
            "clandestine" if k % 4 else "community",
            float(rng.uniform(-60_000, 60_000)),
            float(rng.uniform(-90_000, 30_000)),
            length_m=400,
        )
        for k in range(strips)
    ]
    domestic = []
    for k in range(plans):
        dep, dest = rng.choice(len(_AERODROMES), size=2, replace=False)
        domestic.append(
            {
                "callsign": f"OB9{k:03d}",
                "registration": f"OB-9{k:03d}",
                "aircraft_type": "C206",
                "departure": _AERODROMES[int(dep)],
                "destination": _AERODROMES[int(dest)],
                "off_block_s": float(rng.uniform(-3_600, 3_600)),
                "cruise_alt_ft": 9000,
                "held_by": ["lima-acc"],
                "filed_s": -7_200,
            }
        )
    return {
        **doc,
        "strips": [*doc.get("strips", []), *extra],
        "flight_plans": [*doc.get("flight_plans", []), *domestic],
    }


def _crowded_valley(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    doc = _silent_taxi(rng, seed)
    doc["name"] = "adv-crowded-valley"
    doc["description"] = (
        "The silent air taxi in a valley of 185 strips, with 20 ordinary domestic plans held by Lima ACC."
    )
    return crowded(doc, rng)


FAMILIES: dict[str, Callable[[np.random.Generator, int], dict[str, Any]]] = {
    "swap": _swap,
    "join_and_swap": _join_and_swap,
    "silent_taxi": _silent_taxi,
    "river_medevac": _river_medevac,
    "late_plan": _late_plan,
    "round_trip": _round_trip,
    "track_break": _track_break,
    "callsign_plan": _callsign_plan,
    "portuguese_pilot": _portuguese_pilot,
    "scripted_wrong": _scripted_wrong,
    "crowded_valley": _crowded_valley,
}


def generate(family: str, seed: int) -> dict[str, Any]:
    """One scenario document of `family` for `seed` (deterministic)."""
    if family not in FAMILIES:
        raise KeyError(f"unknown adversarial family {family!r}; known: {', '.join(FAMILIES)}")
    return FAMILIES[family](np.random.default_rng(seed), seed)
