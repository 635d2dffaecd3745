"""VRAEM traffic mixes (WORLD side): smugglers and ordinary civil flights in one valley, launched at
seeded times over the whole scenario so that the load is steady however long it runs.

The valley (local ENU km from the family origin, -12°, -74°): three clusters of clandestine strips
2-8 km apart (one destroyed strip in a cluster), community strips, one river landing area, and the
registered aerodromes SPMF (Mazamari, also the radar), SPAY (Atalaya) and SPHO (Ayacucho).

Smugglers (no plan, no transponder, no answer; C210): `direct` from the eastern border to a cluster
strip; `decoy` overflies one strip of a cluster low and lands at the next; `orbit` circles over its
strip before landing; `pair` two aircraft 1.5 km apart into two strips of one cluster. Each stays
10-12 minutes on the ground (../shared/domain.md §4), takes off and leaves.

Civil (C206 unless said): `planned` between aerodromes with a plan held by one unit, squawking or not;
`late_plan` the same with the plan filed after take-off; `silent_taxi` a registered air taxi without
plan or transponder into a community strip; `river` a mission floatplane onto the river; `medevac` a
medevac floatplane, silent, into a community strip; `survey` a round trip orbiting over the valley.

Scenario-wide variation: start at dawn or midday; 2, 5 or 12 false plots per scan; in half the runs
a ridge (crest 2,200-3,200 m) along the valley's western side, which hides low flights from the
radar at Mazamari; in three runs of ten a second radar inside the valley (Pichari).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from interdict.bench.families.parts import (
    civil_aircraft,
    document,
    lat_lon,
    mazamari_radar,
    smuggler_aircraft,
    strip_at,
    waypoint,
)

__all__ = ["SMUGGLER_KINDS", "CIVIL_KINDS", "vraem_traffic", "vraem_week", "traffic_family"]

SMUGGLER_KINDS = ("direct", "decoy", "orbit", "pair")
CIVIL_KINDS = ("planned", "late_plan", "silent_taxi", "river", "medevac", "survey")

_AERODROMES = {"SPMF": (-58_000.0, 75_000.0), "SPAY": (26_000.0, 141_000.0), "SPHO": (-22_000.0, -128_000.0)}
_CLUSTERS = ((20_000.0, -60_000.0), (45_000.0, -20_000.0), (-10_000.0, -80_000.0))
_GROUND_S = (600.0, 720.0)  # a smuggler's stop on a strip


Point = tuple[float, float]


class _Valley:
    """The strips of one generated valley, and the seeded generator that drew them."""

    def __init__(self, rng: np.random.Generator, clusters: tuple[Point, ...] = _CLUSTERS) -> None:
        self.rng = rng
        self.clusters: list[list[tuple[str, Point]]] = []
        self.strips: list[dict[str, Any]] = [{"id": code, "kind": "registered"} for code in _AERODROMES]
        for c, (ce, cn) in enumerate(clusters):
            members = []
            base = float(rng.uniform(0, 2 * math.pi))
            for k in range(int(rng.integers(3, 5))):
                r = float(rng.uniform(2_000, 8_000))
                at = (ce + r * math.sin(base + k * 1.7), cn + r * math.cos(base + k * 1.7))
                sid = f"cl-{c}{k}"
                destroyed = k == 3
                strip = strip_at(sid, "clandestine", at[0], at[1], length_m=400)
                self.strips.append({**strip, "status": "destroyed"} if destroyed else strip)
                if not destroyed:
                    members.append((sid, at))
            self.clusters.append(members)
        self.community = [(f"cm-{k}", self.near((0.0, -40_000.0), 40_000.0)) for k in range(3)]
        self.strips += [strip_at(sid, "community", *at) for sid, at in self.community]
        self.river = ("rv-ene", self.near((30_000.0, -45_000.0), 10_000.0))
        self.strips.append(strip_at(self.river[0], "river", *self.river[1]))

    def near(self, centre: Point, spread_m: float) -> Point:
        return (
            centre[0] + float(self.rng.uniform(-spread_m, spread_m)),
            centre[1] + float(self.rng.uniform(-spread_m, spread_m)),
        )

    def neighbour_of(self, sid: str, at: Point) -> Point | None:
        """The nearest other active strip of the cluster of `sid` at least 2 km away (a decoy's
        overflight), or None."""
        cluster = next(c for c in self.clusters if any(s == sid for s, _ in c))
        others = [p for s, p in cluster if s != sid and math.hypot(p[0] - at[0], p[1] - at[1]) >= 2_000.0]
        return min(others, key=lambda p: math.hypot(p[0] - at[0], p[1] - at[1]), default=None)

    def far_point(self, towards: Point, bearing_deg: tuple[float, float], range_m: float) -> Point:
        """A point `range_m` from `towards` in a bearing drawn from the interval (degrees from north)."""
        b = math.radians(float(self.rng.uniform(*bearing_deg)))
        return (towards[0] + range_m * math.sin(b), towards[1] + range_m * math.cos(b))


def _fly(points: list[Point], t0_s: float, speed_mps: float, alt_m: float) -> tuple[list[dict[str, Any]], float]:
    """Timed waypoints along `points` at constant speed (whole seconds, at least 10 s apart: two
    points that nearly coincide still make a valid route); the time at the last point."""
    t = float(round(t0_s))
    out = [waypoint(t, *points[0], alt_m)]
    for a, b in itertools.pairwise(points):
        t += max(10.0, float(round(math.hypot(b[0] - a[0], b[1] - a[1]) / speed_mps)))
        out.append(waypoint(t, *b, alt_m))
    return out, t


def _approach(to: Point, came_from: Point) -> Point:
    """A point 6 km short of `to` on the line from `came_from` (the start of the final descent)."""
    d = math.hypot(to[0] - came_from[0], to[1] - came_from[1]) or 1.0
    return (to[0] - 6_000 * (to[0] - came_from[0]) / d, to[1] - 6_000 * (to[1] - came_from[1]) / d)


def _land_and_leave(sid: str, at: Point, t_s: float, rng: np.random.Generator, exit_to: Point) -> list[dict[str, Any]]:
    """On the strip at `t_s`, 10-12 minutes on the ground, then out towards `exit_to` for 60 km."""
    t_off = t_s + float(rng.uniform(*_GROUND_S))
    d = math.hypot(exit_to[0] - at[0], exit_to[1] - at[1]) or 1.0
    out = (at[0] + 60_000 * (exit_to[0] - at[0]) / d, at[1] + 60_000 * (exit_to[1] - at[1]) / d)
    leg, _ = _fly([at, out], t_off + 120.0, 70.0, 2_000.0)
    return [{"t_s": round(t_s), "strip": sid}, {"t_s": round(t_off), "strip": sid}, *leg[1:]]


def _smuggler_route(
    kind: str, v: _Valley, t0_s: float, target: tuple[str, Point], start: Point
) -> list[dict[str, Any]]:
    rng = v.rng
    sid, at = target
    speed, alt = float(rng.uniform(65.0, 80.0)), float(rng.uniform(1_800.0, 3_000.0))
    path = [start, v.far_point(at, (0.0, 360.0), 25_000.0)]
    decoy = v.neighbour_of(sid, at) if kind == "decoy" else None
    if decoy is not None:  # low over another strip of the cluster, then straight on to the real one
        path.append(decoy)
    else:
        if kind == "orbit":
            circle = np.linspace(0, 2 * math.pi, 7)
            path += [(at[0] + 2_500 * math.sin(a), at[1] + 2_500 * math.cos(a)) for a in circle]
        path.append(_approach(at, path[-1]))
    route, t_final = _fly(path, t0_s, speed, alt)
    if decoy is not None:
        route[-1]["alt_m"] = 850
    final_m = math.hypot(at[0] - path[-1][0], at[1] - path[-1][1])
    return route + _land_and_leave(sid, at, t_final + round(final_m / 45.0), rng, start)


def _smugglers(kind: str, v: _Valley, t0_s: float, n: int, weights: np.ndarray | None = None) -> list[dict[str, Any]]:
    """One smuggling flight (two for a pair: the wingman 1.5 km abeam, 20 s behind, into the next
    strip) to a cluster drawn uniformly or with `weights` (one per cluster)."""
    cluster = v.clusters[int(v.rng.choice(len(v.clusters), p=weights))]
    k = int(v.rng.integers(len(cluster)))
    target = cluster[k]
    start = v.far_point(target[1], (30.0, 150.0), float(v.rng.uniform(110_000, 150_000)))
    lead = smuggler_aircraft(
        f"narco-{n}", _smuggler_route("direct" if kind == "pair" else kind, v, t0_s, target, start)
    )
    if kind != "pair":
        return [lead]
    wing_target = cluster[(k + 1) % len(cluster)]
    wing_start = (start[0] + 1_500.0, start[1])
    return [lead, smuggler_aircraft(f"narco-{n}b", _smuggler_route("direct", v, t0_s + 20.0, wing_target, wing_start))]


def _plan(call: str, reg: str, dep: str, dest: str, off_s: float, held_by: str, filed_s: float) -> dict[str, Any]:
    return {
        "callsign": call,
        "registration": reg,
        "aircraft_type": "C206",
        "departure": dep,
        "destination": dest,
        "off_block_s": round(off_s),
        "cruise_alt_ft": 8500,
        "held_by": [held_by],
        "filed_s": round(filed_s),
    }


def _survey(
    v: _Valley, t0_s: float, n: int, orbit_s: float, reg: str, *, airborne: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """A round trip from SPMF (plan held by Mazamari tower, its work area stated) orbiting 6 km around
    a point of the valley for `orbit_s`, silent on the radio; `airborne`: already orbiting at `t0_s`
    (a resident aircraft)."""
    centre = v.near((-20_000.0, 20_000.0), 20_000.0)
    period = 900.0
    spmf = _AERODROMES["SPMF"]
    transit_s = (math.hypot(centre[0] - spmf[0], centre[1] + 6_000 - spmf[1]) + 6_000) / 55.0  # 55 m/s and a climb
    start = t0_s if airborne else t0_s + transit_s
    loops = [
        waypoint(
            start + t,
            centre[0] + 6_000 * math.sin(2 * math.pi * t / period),
            centre[1] + 6_000 * math.cos(2 * math.pi * t / period),
            1_800,
        )
        for t in np.arange(0.0, orbit_s + 1, 150.0)
    ]
    home = [{"t_s": round(loops[-1]["t_s"] + transit_s), "strip": "SPMF"}]
    route = [*([] if airborne else [{"t_s": round(t0_s), "strip": "SPMF"}]), *loops, *home]
    plan = _plan(f"OB{1200 + n}", reg, "SPMF", "SPMF", t0_s, "mazamari-twr", t0_s - 3_600)
    plan["work_area"] = {"centre": lat_lon(*centre), "radius_m": 6_000}
    quiet = {"monitors_mhz": [], "replies": False, "language": "es"}
    return civil_aircraft(f"civil-{n}", reg, route, radio=quiet), [plan], []


def _civil(
    kind: str, v: _Valley, t0_s: float, n: int
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """(aircraft, plans, register entries) of one civil flight."""
    rng = v.rng
    reg = f"OB-{1200 + n:04d}"
    listens = {"monitors_mhz": [121.5, 118.3, 128.3], "replies": True, "language": "es"}
    if kind in ("planned", "late_plan"):
        dep, dest = (str(c) for c in rng.choice(list(_AERODROMES), size=2, replace=False))
        a, b = _AERODROMES[dep], _AERODROMES[dest]
        leg, t_end = _fly([a, _approach(b, a)], t0_s + 120.0, 65.0, 2_600.0)
        route = [{"t_s": round(t0_s), "strip": dep}, *leg, {"t_s": round(t_end + 150.0), "strip": dest}]
        filed = t0_s - 3_600 if kind == "planned" else t0_s + float(rng.uniform(400, 900))
        unit = str(rng.choice(["lima-acc", "mazamari-twr"]))
        plan = _plan(f"OB{1200 + n}", reg, dep, dest, t0_s, unit, filed)
        squawk = {"mode_a": f"{0o2000 + n % 0o500:04o}"} if rng.random() < 0.5 and kind == "planned" else "off"
        radio = {**listens, "in_contact_with": [unit]}  # flying its plan, in contact with the unit that holds it
        return civil_aircraft(f"civil-{n}", reg, route, transponder=squawk, radio=radio), [plan], []
    if kind == "survey":
        return _survey(v, t0_s, n, 2 * 900.0, reg)
    sid, at = v.river if kind == "river" else v.community[int(rng.integers(len(v.community)))]
    start = v.far_point(at, (200.0, 340.0), float(rng.uniform(70_000, 110_000)))
    leg, t_end = _fly([start, _approach(at, start)], t0_s, 60.0, 1_500.0)
    route = [*leg, {"t_s": round(t_end + 150.0), "strip": sid}, {"t_s": round(t_end + 900.0), "strip": sid}]
    floats = kind in ("river", "medevac")
    category = {"river": "mission", "medevac": "medevac", "silent_taxi": "air_taxi"}[kind]
    entry = {
        "registration": reg,
        "aircraft_type": "C206",
        "operator": f"{category} operator",
        "category": category,
        "floats": floats,
    }
    radio = (
        {"monitors_mhz": [123.1], "replies": True, "language": "es"}
        if kind == "silent_taxi"
        else {"monitors_mhz": [], "replies": False, "language": "es"}
    )
    return civil_aircraft(f"civil-{n}", reg, route, floats=floats, radio=radio), [], [entry]


def vraem_traffic(
    rng: np.random.Generator,
    seed: int,
    *,
    duration_s: float = 3_600.0,
    smugglers: int = 2,
    civil: int = 3,
    residents: int = 0,
) -> dict[str, Any]:
    """A valley with `smugglers` smuggling flights (a pair counts as one) and `civil` civil flights,
    each of a kind drawn at random, launched uniformly over all but the last 30 minutes; and
    `residents` survey flights already orbiting at the start and until the end (a steady load, for
    measuring whether an engine step costs more as the run grows old)."""
    v = _Valley(rng)
    aircraft: list[dict[str, Any]] = []
    plans: list[dict[str, Any]] = []
    register: list[dict[str, Any]] = []
    latest = max(0.0, duration_s - 1_800.0)
    for n in range(smugglers):
        aircraft += _smugglers(str(rng.choice(SMUGGLER_KINDS)), v, float(rng.uniform(0.0, latest)), n)
    for n in range(civil):
        a, p, r = _civil(str(rng.choice(CIVIL_KINDS)), v, float(rng.uniform(0.0, latest)), n)
        aircraft.append(a)
        plans += p
        register += r
    for n in range(civil, civil + residents):
        a, p, r = _survey(v, 0.0, n, duration_s, f"OB-{1200 + n:04d}", airborne=True)
        aircraft.append(a)
        plans += p
    doc = document(
        "vraem-traffic",
        f"VRAEM traffic: {smugglers} smuggling and {civil} civil flights over {duration_s / 3600:.1f} h.",
        duration_s,
        seed,
        strips=v.strips,
        flight_plans=plans,
        registry=register,
        aircraft=aircraft,
    )
    doc["start"] = "2025-06-03T10:40:00Z" if rng.random() < 0.3 else "2025-06-03T17:00:00Z"  # dawn or midday (UTC-5)
    doc["radars"][0]["false_plots_per_scan"] = float(rng.choice([2.0, 5.0, 12.0]))
    if rng.random() < 0.5:  # a ridge along the valley's western side: low flights behind it go unseen
        doc["terrain"] = {
            "base_alt_m": 300,
            "ridges": [
                {
                    "start": lat_lon(-30_000, -110_000),
                    "end": lat_lon(-25_000, 10_000),
                    "crest_alt_m": round(float(rng.uniform(2_200, 3_200))),
                    "half_width_m": 6_000,
                }
            ],
        }
    if rng.random() < 0.3:  # a second radar inside the valley, its beam half a turn behind
        second = mazamari_radar(float(rng.choice([2.0, 5.0])), "psr-pichari")
        doc["radars"].append({**second, "at": {**lat_lon(18_000, -58_000), "alt_m": 650}, "north_offset_s": 5})
    return doc


WEEK_START = "2025-06-02T05:00:00Z"  # local midnight (UTC-5)


def vraem_week(rng: np.random.Generator, seed: int, *, days: int = 7, clusters: int = 20) -> dict[str, Any]:
    """A week in the VRAEM: `clusters` clusters of 2-4 usable clandestine strips over the valleys
    (with community strips, the river and the aerodromes, 70 strips or more), 3-4 smuggling flights
    a day between 06:00 and 10:00 local time to clusters of uneven popularity (weights 1/rank, as
    traffickers favour strips that worked), four civil flights a day in daylight; one radar with two
    false plots per scan. Destroyed strips carry a date: half long enough ago to be possibly rebuilt."""
    centres = tuple(
        (float(rng.uniform(-60_000, 80_000)), float(rng.uniform(-120_000, 40_000))) for _ in range(clusters)
    )
    v = _Valley(rng, centres)
    for strip in v.strips:
        if strip.get("status") == "destroyed":
            strip["destroyed_on"] = f"2025-05-{int(rng.choice([2, 28])):02d}T15:00:00Z"
    weights = 1.0 / np.arange(1, clusters + 1)
    weights = rng.permutation(weights / weights.sum())
    aircraft: list[dict[str, Any]] = []
    plans: list[dict[str, Any]] = []
    register: list[dict[str, Any]] = []
    n = 0
    for day in range(days):
        morning = day * 86_400.0 + 6 * 3_600.0
        for t0 in sorted(rng.uniform(morning, morning + 4 * 3_600.0, size=int(rng.integers(3, 5)))):
            kind = str(rng.choice(("direct", "decoy", "orbit")))
            aircraft += _smugglers(kind, v, float(t0), n, weights)
            n += 1
        for t0 in sorted(rng.uniform(day * 86_400.0 + 7 * 3_600.0, day * 86_400.0 + 16 * 3_600.0, size=4)):
            a, p, r = _civil(str(rng.choice(CIVIL_KINDS)), v, float(t0), n)
            aircraft.append(a)
            plans += p
            register += r
            n += 1
    doc = document(
        "vraem-week",
        f"A week in the VRAEM: {sum(a['role'] == 'smuggler' for a in aircraft)} smuggling flights and "
        f"{sum(a['role'] == 'civil' for a in aircraft)} civil ones among {len(v.strips)} strips.",
        days * 86_400.0,
        seed,
        strips=v.strips,
        flight_plans=plans,
        registry=register,
        aircraft=aircraft,
    )
    doc["start"] = WEEK_START
    doc["radars"][0]["false_plots_per_scan"] = 2.0
    return doc


def traffic_family(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    """The benchmark's default mix: one hour, two smuggling and three civil flights."""
    return vraem_traffic(rng, seed)
