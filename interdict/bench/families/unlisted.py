"""Families of the classes nobody listed before the second adversarial round: state aircraft (a
regional government's air ambulance, a police PC-6 on reconnaissance), and smugglers who hide behind
the civil list (a cloned registration, invented national marks, a false call sign, another aircraft's
plan along its corridor, that aircraft far away or flying abeam, an emergency squawk). What each must
show is asserted in `tests/bench/test_adversarial.py`: no state or civil aircraft intercepted, told
to land or cued; each smuggler looked at (its visual identification delivered), never cleared as
civil nor released.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from interdict.bench.families.parts import civil_aircraft, document, lat_lon, smuggler_aircraft, strip_at, waypoint

__all__ = [
    "state_ambulance",
    "police_recon",
    "air_force_uhf",
    "cloned_registration",
    "invented_marks",
    "false_callsign",
    "decoy_plan",
    "shared_corridor",
    "emergency_squawk",
    "squawk_then_dark",
]


_SMUGGLER_S = 3_000.0  # each smuggler family's duration: on the ground 1,750-2,350 s


def _arrival(rng: np.random.Generator, strip_id: str, at: tuple[float, float]) -> list[dict[str, Any]]:
    """A smuggler's arrival from the east into `strip_id` at `at`, ten minutes on the ground, gone."""
    return _arrival_from(rng, strip_id, at)[0]


def _arrival_from(
    rng: np.random.Generator, strip_id: str, at: tuple[float, float]
) -> tuple[list[dict[str, Any]], tuple[float, float]]:
    """`_arrival`, and where it starts (east, north, m)."""
    bearing = float(rng.uniform(math.radians(60), math.radians(120)))
    far = (at[0] + 110_000 * math.sin(bearing), at[1] + 110_000 * math.cos(bearing))
    near = (at[0] + 9_000 * math.sin(bearing), at[1] + 9_000 * math.cos(bearing))
    route = [
        waypoint(0.0, *far, 2_600),
        waypoint(1_550.0, *near, 900),
        {"t_s": 1_750, "strip": strip_id},
        {"t_s": 2_350, "strip": strip_id},
        waypoint(3_700.0, *far, 2_400),
    ]
    return route, far


def _cluster(rng: np.random.Generator, tag: str) -> tuple[str, tuple[float, float], list[dict[str, Any]]]:
    at = (float(rng.uniform(10_000, 30_000)), float(rng.uniform(-70_000, -50_000)))
    sid = f"cl-{tag}-01"
    return sid, at, [strip_at(sid, "clandestine", *at, length_m=420)]


def state_ambulance(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """A regional government's air ambulance (register category `state`), no plan, transponder off,
    on its own frequency, landing at a community strip 2.5 km from a clandestine one."""
    cm = (float(rng.uniform(10_000, 30_000)), float(rng.uniform(-50_000, -30_000)))
    cl = (cm[0] + 2_500, cm[1] + float(rng.uniform(-800, 800)))
    route = [
        waypoint(0.0, cm[0] - 100_000, cm[1] + 50_000, 2_600),
        waypoint(1_400.0, cm[0] - 7_000, cm[1] + 3_000, 900),
        {"t_s": 1_600, "strip": "cm-amb-01"},
        {"t_s": 2_400, "strip": "cm-amb-01"},
    ]
    return document(
        "adv-state-ambulance",
        "A regional government's air ambulance, in the register as a state aircraft, flies without plan or "
        "transponder on its own frequency to a community strip 2.5 km from a clandestine one.",
        2_600.0,
        seed,
        strips=[strip_at("cm-amb-01", "community", *cm), strip_at("cl-amb-01", "clandestine", *cl, length_m=400)],
        registry=[
            {
                "registration": "OB-2215",
                "aircraft_type": "C206",
                "operator": "Gobierno Regional de Junin, air ambulance",
                "category": "state",
            }
        ],
        aircraft=[
            {
                **civil_aircraft(
                    "gore-ambulance",
                    "OB-2215",
                    route,
                    radio={"monitors_mhz": [126.7], "replies": True, "language": "es"},
                ),
                "role": "state",
            }
        ],
    )


def police_recon(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """A police PC-6 (register category `state`) on reconnaissance: low orbits over a clandestine strip,
    no plan, transponder off, on the police frequency only, back to its base."""
    _, at, strips = _cluster(rng, "recon")
    period, radius = 420.0, 3_500.0
    orbit = [
        waypoint(
            t,
            at[0] + radius * math.sin(2 * math.pi * t / period),
            at[1] + radius * math.cos(2 * math.pi * t / period),
            900,
        )
        for t in np.arange(1_200.0, 2_700.0, 105.0)
    ]
    base = (at[0] - 30_000, at[1] + 40_000)
    route = [waypoint(0.0, *base, 1_800), *orbit, waypoint(3_600.0, *base, 1_800)]
    return document(
        "adv-police-recon",
        "A police PC-6, in the register as a state aircraft, orbits low over a clandestine strip on "
        "reconnaissance without plan or transponder, on the police frequency only.",
        3_600.0,
        seed,
        strips=strips,
        registry=[
            {
                "registration": "PNP-251",
                "aircraft_type": "PC-6",
                "operator": "Policia Nacional (DIRAVPOL)",
                "category": "state",
            }
        ],
        aircraft=[
            {
                **civil_aircraft(
                    "pnp-recon",
                    "PNP-251",
                    route,
                    aircraft_type="PC-6",
                    radio={"monitors_mhz": [138.2], "replies": True, "language": "es"},
                    on_intercept="comply",
                ),
                "role": "state",
            }
        ],
    )


def air_force_uhf(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """An air force C206 (serial FAP-302, in no civil register) resupplying an army post at a
    seized clandestine strip: no plan, transponder off, a UHF radio on 243.0 MHz only (it answers on
    odd seeds, stays silent on even ones)."""
    sid, at, strips = _cluster(rng, "fap")
    return document(
        "adv-air-force-uhf",
        "An air force C206 (serial FAP-302, in no civil register) lands at a seized clandestine strip "
        "without plan or transponder, listening on the UHF guard 243.0 MHz only.",
        _SMUGGLER_S,
        seed,
        strips=strips,
        aircraft=[
            {
                **civil_aircraft(
                    "fap-302",
                    "FAP-302",
                    _arrival(rng, sid, at),
                    aircraft_type="C206",
                    radio={"monitors_mhz": [243.0], "replies": seed % 2 == 1, "language": "es"},
                    on_intercept="comply",
                ),
                "role": "state",
            }
        ],
    )


def cloned_registration(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """A C210 painted with the marks of a C206 air taxi in the register, into a clandestine strip."""
    sid, at, strips = _cluster(rng, "clone")
    craft = {**smuggler_aircraft("narco-clone", _arrival(rng, sid, at)), "registration": "OB-1802"}
    registry = [
        {"registration": "OB-1802", "aircraft_type": "C206", "operator": "air taxi (Satipo)", "category": "air_taxi"}
    ]
    what = "A C210 wears the marks of a C206 air taxi in the register and lands at a clandestine strip."
    return document(
        "adv-cloned-registration", what, _SMUGGLER_S, seed, aircraft=[craft], strips=strips, registry=registry
    )


def invented_marks(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """A C210 painted with national marks no one registered, into a clandestine strip: the register
    snapshot lacks them (a question, not a ground) until the registry authority answers it has no record."""
    sid, at, strips = _cluster(rng, "invented")
    craft = {**smuggler_aircraft("narco-invented", _arrival(rng, sid, at)), "registration": "OB-1999"}
    authority = [
        {"registration": "OB-1802", "aircraft_type": "C206", "operator": "air taxi (Satipo)", "category": "air_taxi"}
    ]
    what = "A C210 wears national marks nobody registered (OB-1999) and lands at a clandestine strip."
    return document(
        "adv-invented-marks", what, _SMUGGLER_S, seed, aircraft=[craft], strips=strips, registry_authority=authority
    )


def false_callsign(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """A smuggler without marks that answers on 121.5 MHz with the call sign of a registered aircraft."""
    sid, at, strips = _cluster(rng, "callsign")
    craft = {
        **smuggler_aircraft("narco-callsign", _arrival(rng, sid, at)),
        "callsign": "OB1777",
        "radio": {"monitors_mhz": [121.5], "replies": True, "language": "es"},
    }
    registry = [{"registration": "OB-1777", "aircraft_type": "C206", "operator": "private", "category": "private"}]
    what = "A smuggler without marks answers CALL SIGN OB1777 (a registered aircraft) on 121.5 MHz."
    return document("adv-false-callsign", what, _SMUGGLER_S, seed, aircraft=[craft], strips=strips, registry=registry)


def _ob1802(
    departure: tuple[float, float], destination: tuple[float, float]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The air taxi OB-1802's plan held by Lima ACC between two points (east, north, m), and its register entry."""
    plan = {
        "callsign": "OB1802",
        "registration": "OB-1802",
        "aircraft_type": "C210",
        "departure": lat_lon(*departure),
        "destination": lat_lon(*destination),
        "off_block_s": -120,
        "cruise_alt_ft": 8500,
        "held_by": ["lima-acc"],
        "filed_s": -3_600,
    }
    entry = {
        "registration": "OB-1802",
        "aircraft_type": "C210",
        "operator": "air taxi (Satipo)",
        "category": "air_taxi",
    }
    return plan, [entry]


def decoy_plan(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """A smuggler without marks flying the corridor of an air taxi's plan held by Lima ACC (the air taxi,
    in contact with Lima ACC, flies far to the west, delayed and rerouted): the plan matches the
    smuggler's route and time until Lima ACC has the plan's aircraft identify and it reports itself
    hundreds of kilometres away (and the shadowing crew sees no marks, which contradicts OB-1802)."""
    sid, at, strips = _cluster(rng, "decoy")
    route, start = _arrival_from(rng, sid, at)
    beyond = (at[0] - 0.2 * (start[0] - at[0]), at[1] - 0.2 * (start[1] - at[1]))  # past the strip, same line
    plan, registry = _ob1802(start, beyond)
    craft = smuggler_aircraft("narco-decoy", route)
    west = (-330_000.0, float(rng.uniform(-60_000, 60_000)))  # the real OB-1802, far beyond the radar's cover
    taxi = civil_aircraft(
        "taxi-1802",
        "OB-1802",
        [waypoint(0.0, *west, 600), waypoint(3_000.0, west[0] - 150_000, west[1], 600)],
        aircraft_type="C210",
        radio={"monitors_mhz": [128.3], "replies": True, "language": "es", "in_contact_with": ["lima-acc"]},
    )
    what = "A smuggler without marks flies the corridor of an air taxi's plan held by Lima ACC to a clandestine strip."
    parts = {"aircraft": [craft, taxi], "strips": strips, "flight_plans": [plan], "registry": registry}
    return document("adv-decoy-plan", what, _SMUGGLER_S, seed, **parts)


def shared_corridor(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """One plan, two aircraft: a smuggler without marks flies 18-24 km abeam an air taxi on its plan,
    the same corridor at the same time, into a clandestine strip. The plan fits both tracks and blocks
    both (named on each); Lima ACC, asked to have OB1802 identify, places it on the air taxi's track,
    and the smuggler is looked at and cued."""
    sid, at, strips = _cluster(rng, "shared")
    route, start = _arrival_from(rng, sid, at)
    beyond = (at[0] - 0.6 * (start[0] - at[0]), at[1] - 0.6 * (start[1] - at[1]))
    ux, uy = (at[0] - start[0], at[1] - start[1])
    norm = math.hypot(ux, uy)
    side = float(rng.uniform(18_000, 24_000)) * (1 if seed % 2 else -1)
    off = (-uy / norm * side, ux / norm * side)
    plan, registry = _ob1802((start[0] + off[0], start[1] + off[1]), (beyond[0] + off[0], beyond[1] + off[1]))
    taxi = civil_aircraft(
        "taxi-1802",
        "OB-1802",
        [
            waypoint(0.0, start[0] + off[0], start[1] + off[1], 2_600),
            waypoint(_SMUGGLER_S, beyond[0] + off[0], beyond[1] + off[1], 2_600),
        ],
        aircraft_type="C210",
        radio={"monitors_mhz": [128.3], "replies": True, "language": "es", "in_contact_with": ["lima-acc"]},
    )
    what = "A smuggler without marks flies abeam an air taxi on its plan, in the same corridor, to a clandestine strip."
    parts = {
        "aircraft": [smuggler_aircraft("narco-shared", route), taxi],
        "strips": strips,
        "flight_plans": [plan],
        "registry": registry,
    }
    return document("adv-shared-corridor", what, _SMUGGLER_S, seed, **parts)


def emergency_squawk(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """A smuggler without marks squawking 7600 (radio failure) all the way into a clandestine strip."""
    sid, at, strips = _cluster(rng, "squawk")
    craft = {
        **smuggler_aircraft("narco-squawk", _arrival(rng, sid, at)),
        "transponder": {"mode_a": "7600", "altitude": True},
    }
    what = "A smuggler without marks squawks 7600 (radio failure) into a clandestine strip."
    return document("adv-emergency-squawk", what, _SMUGGLER_S, seed, aircraft=[craft], strips=strips)


def squawk_then_dark(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """A smuggler without marks squawking an ordinary code (or 7700) for its first minutes, then switching
    the transponder off on the way into a clandestine strip: the code it showed must not hold it civil."""
    sid, at, strips = _cluster(rng, "dark")
    code = "7700" if seed % 3 == 0 else "2000"
    dark_s = float(rng.uniform(500.0, 900.0))
    craft = {
        **smuggler_aircraft("narco-dark", _arrival(rng, sid, at)),
        "transponder": {"mode_a": code, "altitude": True, "to_s": round(dark_s)},
    }
    what = (
        f"A smuggler without marks squawks {code} until t = {dark_s:.0f} s, then flies dark into a clandestine strip."
    )
    return document("adv-squawk-then-dark", what, _SMUGGLER_S, seed, aircraft=[craft], strips=strips)
