"""Strip-matching benchmark: top-1 destination accuracy and mean probability on the true strip
against lead time before the true landing, over seeded runs of a generated family, through the
real pipeline (scenario -> trajectories -> radar plots -> tracker -> strip matcher).

Family (one aircraft per run, cycling): a smuggler into one of three clandestine strips 3-15 km
apart (plus a destroyed one nearby), a civil flight into a registered aerodrome (transponder on),
a floatplane onto a river landing area. Every run has all these strips in its database.

    python3 benchmarks/strips.py --runs 100 [--json FILE] [--plot FILE.png]
"""

from __future__ import annotations

import argparse
import json
import math
import time

import numpy as np
from common import MAZAMARI, mazamari_radar

from interdict.core.geodesy import geodesic_destination
from interdict.engine.destinations import StripModel, initial_matcher_state, strip_database, update_destinations
from interdict.engine.tracking import Tracker, TrackStatus
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.radar import simulate
from interdict.world.trajectories import build_trajectories

LEADS_S = (600, 300, 120, 60)
RADAR = MAZAMARI


def _pt(lat: float, lon: float, bearing_deg: float, dist_m: float) -> tuple[float, float]:
    return geodesic_destination(lat, lon, bearing_rad=math.radians(bearing_deg), range_m=dist_m)


def make_run(seed: int) -> tuple[Scenario, str, float]:
    """A generated scenario, the true destination strip id, and the true landing time."""
    rng = np.random.default_rng(seed)
    centre = _pt(RADAR["lat"], RADAR["lon"], rng.uniform(0, 360), rng.uniform(60e3, 120e3))
    strips = []
    base = rng.uniform(0, 360)
    for i in range(3):
        lat, lon = _pt(*centre, base + 120 * i, rng.uniform(2e3, 8e3))
        strips.append({"id": f"cl-{i}", "kind": "clandestine", "at": {"lat": lat, "lon": lon, "alt_m": 500}})
    lat, lon = _pt(*centre, base + 60, rng.uniform(5e3, 12e3))
    strips.append(
        {"id": "cl-old", "kind": "clandestine", "status": "destroyed", "at": {"lat": lat, "lon": lon, "alt_m": 500}}
    )
    for name in ("reg-a", "reg-b"):
        lat, lon = _pt(RADAR["lat"], RADAR["lon"], rng.uniform(0, 360), rng.uniform(40e3, 120e3))
        strips.append({"id": name, "kind": "registered", "at": {"lat": lat, "lon": lon, "alt_m": 600}})
    lat, lon = _pt(RADAR["lat"], RADAR["lon"], rng.uniform(0, 360), rng.uniform(40e3, 120e3))
    strips.append({"id": "river-1", "kind": "river", "at": {"lat": lat, "lon": lon, "alt_m": 400}})
    family = seed % 3
    target = {0: f"cl-{rng.integers(3)}", 1: "reg-b", 2: "river-1"}[family]
    tgt = next(s for s in strips if s["id"] == target)["at"]
    speed, alt = {0: (75.0, 2500.0), 1: (70.0, 2200.0), 2: (60.0, 800.0)}[family]
    leg = rng.uniform(90e3, 140e3)
    start = _pt(tgt["lat"], tgt["lon"], rng.uniform(0, 360), leg)
    mid = _pt(
        tgt["lat"],
        tgt["lon"],
        math.degrees(math.atan2(start[1] - tgt["lon"], start[0] - tgt["lat"])) + rng.uniform(-40, 40),
        leg * 0.45,
    )
    t_mid = leg * 0.55 / speed
    t_land = t_mid + leg * 0.45 / speed + 60
    route = [
        {"t_s": 0, "lat": start[0], "lon": start[1], "alt_m": alt},
        {"t_s": round(t_mid), "lat": mid[0], "lon": mid[1], "alt_m": alt},
        {"t_s": round(t_land), "strip": target},
        {"t_s": round(t_land) + 120, "strip": target},
    ]
    aircraft = {
        "id": "x",
        "role": "smuggler" if family == 0 else "civil",
        "aircraft_type": "C210" if family == 0 else "C206",
        "floats": family == 2,
        "route": route,
        "transponder": {"mode_a": "0421"} if family == 1 else "off",
    }
    data = {
        "format": "interdict/1",
        "name": f"strips-{seed}",
        "start": "2025-06-03T12:00:00Z",
        "duration_s": round(t_land) + 120,
        "seed": seed,
        "frame_origin": {"lat": RADAR["lat"], "lon": RADAR["lon"]},
        "radars": [mazamari_radar(5)],
        "strips": strips,
        "aircraft": [aircraft],
    }
    return Scenario.model_validate(data), target, float(round(t_land))


def evaluate(seed: int, model: StripModel) -> tuple[list[bool], list[float]]:
    scenario, target, t_land = make_run(seed)
    return score_landings(scenario, {scenario.aircraft[0].id: (target, t_land)}, model)[scenario.aircraft[0].id]


def score_landings(
    scenario: Scenario, targets: dict[str, tuple[str, float]], model: StripModel
) -> dict[str, tuple[list[bool], list[float]]]:
    """Per aircraft id in `targets` (true strip, true landing t_s): whether the track nearest the
    truth had that strip on top, and its probability, at each lead time in LEADS_S."""
    picture = picture_of(scenario)
    db = strip_database(picture)
    truths = {tr.aircraft_id: tr for tr in build_trajectories(scenario)}
    tracker = Tracker(picture.frame, picture.radars)
    state = initial_matcher_state()
    at_lead: dict[str, dict[int, tuple[bool, float]]] = {a: {} for a in targets}
    for t_s, tracks in tracker.run(simulate(scenario).plots, 10.0, t_end_s=scenario.duration_s):
        state, estimates, _ = update_destinations(db, model, state, tracks, t_s)
        live = {t.track_id: t for t in tracks if t.status in (TrackStatus.CONFIRMED, TrackStatus.COASTING)}
        for aircraft_id, (target, t_land) in targets.items():
            lead = next((L for L in LEADS_S if abs(t_s - (t_land - L)) <= 5.0), None)
            if lead is None or lead in at_lead[aircraft_id]:
                continue
            s = truths[aircraft_id].state_at(t_s)
            if s is None:
                at_lead[aircraft_id][lead] = (False, 0.0)
                continue
            best = min(
                live.values(), key=lambda t: math.hypot(t.east_m - s.east_m, t.north_m - s.north_m), default=None
            )
            est = next((e for e in estimates if best is not None and e.track_id == best.track_id), None)
            if est is None or math.hypot(best.east_m - s.east_m, best.north_m - s.north_m) > 3000:
                at_lead[aircraft_id][lead] = (False, 0.0)
            else:
                p = next((c.p for c in est.candidates if c.strip_id == target), 0.0)
                at_lead[aircraft_id][lead] = (est.top == target, p)
    return {
        a: ([got.get(L, (False, 0.0))[0] for L in LEADS_S], [got.get(L, (False, 0.0))[1] for L in LEADS_S])
        for a, got in at_lead.items()
    }


def shuttle(path: str, seeds: int, model: StripModel) -> None:
    """Issue 4 target on scenarios/vraem-shuttle.yaml: narco-1 -> cl-llochegua-03 (t 1700 s) and
    taxi-1 -> SPAY (t 1900 s) on top at each lead time, over seeds 0..seeds-1."""
    base = load_scenario(path)
    targets = {"narco-1": ("cl-llochegua-03", 1700.0), "taxi-1": ("SPAY", 1900.0)}
    hits = {a: np.zeros((seeds, len(LEADS_S))) for a in targets}
    for seed in range(seeds):
        for a, (h, _) in score_landings(base.model_copy(update={"seed": seed}), targets, model).items():
            hits[a][seed] = h
    for a, (strip, _) in targets.items():
        print(
            f"{path} {a} -> {strip}: top-1 at {LEADS_S} over {seeds} seeds: "
            f"{np.round(hits[a].mean(axis=0), 2).tolist()}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--json", dest="json_path")
    parser.add_argument("--plot", dest="plot_path")
    parser.add_argument("--shuttle", metavar="SCENARIO", help="measure the issue-4 target on this scenario instead")
    args = parser.parse_args()
    model = StripModel()
    if args.shuttle:
        shuttle(args.shuttle, args.runs, model)
        return
    hits = np.zeros((args.runs, len(LEADS_S)))
    probs = np.zeros((args.runs, len(LEADS_S)))
    start = time.perf_counter()
    for i in range(args.runs):
        h, p = evaluate(i + 1, model)
        hits[i], probs[i] = h, p
    elapsed = time.perf_counter() - start
    acc, mean_p = hits.mean(axis=0), probs.mean(axis=0)
    print(f"{args.runs} runs (smuggler / civil / floatplane cycling), real pipeline, {elapsed:.0f} s")
    print(f"{'lead s':>8} {'top-1':>7} {'mean p(true)':>13}")
    for L, a, p in zip(LEADS_S, acc, mean_p, strict=True):
        print(f"{L:8d} {a:7.2f} {p:13.2f}")
    for fam, name in enumerate(("smuggler", "civil", "floatplane")):
        sel = [i for i in range(args.runs) if (i + 1) % 3 == fam]
        if sel:
            print(f"  {name:10} top-1 at {LEADS_S}: {np.round(hits[sel].mean(axis=0), 2).tolist()}")
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "lead_time_s": list(LEADS_S),
                    "top1_accuracy": acc.tolist(),
                    "mean_p_true": mean_p.tolist(),
                    "runs": args.runs,
                },
                f,
                indent=2,
            )
    if args.plot_path:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 4))
        ax.plot(LEADS_S, acc, "o-", label="top-1 accuracy")
        ax.plot(LEADS_S, mean_p, "s--", label="mean p(true strip)")
        ax.invert_xaxis()
        ax.set_xlabel("lead time before landing (s)")
        ax.set_ylim(0, 1.05)
        ax.legend()
        ax.set_title(f"strip matching, {args.runs} runs")
        fig.savefig(args.plot_path, dpi=110, bbox_inches="tight")


if __name__ == "__main__":
    main()
