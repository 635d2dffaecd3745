"""Acceptance figures over many seeds of the bundled scenarios (closed-loop replays and tracking):

python3 benchmarks/scenarios.py safety   [--seeds 20]   # bowers-2001 and vraem-shuttle ladders
python3 benchmarks/scenarios.py strip    [--seeds 100]  # vraem-shuttle: smuggler's strip top 2 min before touchdown
python3 benchmarks/scenarios.py crossing [--seeds 20]   # crossing-pair: track-id swap rate
"""

from __future__ import annotations

import argparse
import math
from collections import Counter

from interdict.engine.destinations import StripModel, initial_matcher_state, strip_database, update_destinations
from interdict.engine.ladder import Rung
from interdict.engine.tracking import Tracker, TrackStatus
from interdict.replay.loop import run_replay
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.radar import simulate
from interdict.world.trajectories import build_trajectories


def safety(seeds: int) -> None:
    bowers = load_scenario("scenarios/bowers-2001.yaml")
    rungs = Counter(run_replay(bowers, seed=s).report["aircraft"]["ob-1408"]["max_rung"] for s in range(1, seeds + 1))  # type: ignore[index]
    print(
        f"bowers-2001 seeds 1..{seeds}: OB-1408 max_rung counts {dict(rungs)}; above VISUAL_ID: "
        f"{sum(n for r, n in rungs.items() if Rung(r).level > Rung.VISUAL_ID.level)}"
    )
    vraem = load_scenario("scenarios/vraem-shuttle.yaml")
    cued, civil_max, leads = 0, Counter(), []
    for s in range(1, seeds + 1):
        report = run_replay(vraem, seed=s).report
        cue = report["aircraft"]["narco-1"]["ground_cue"]  # type: ignore[index]
        if cue and cue["strip"] == "cl-llochegua-03" and cue["lead_s"] is not None and cue["lead_s"] > 0:
            cued += 1
            leads.append(cue["lead_s"])
        civil_max[report["aircraft"]["taxi-1"]["max_rung"]] += 1  # type: ignore[index]
    print(
        f"vraem-shuttle seeds 1..{seeds}: smuggler cued at cl-llochegua-03 before landing in {cued}/{seeds} "
        f"(lead {min(leads, default=0):.0f}-{max(leads, default=0):.0f} s); taxi-1 max_rung counts {dict(civil_max)}"
    )


def strip(seeds: int) -> None:
    sc = load_scenario("scenarios/vraem-shuttle.yaml")
    pic = picture_of(sc)
    db = strip_database(pic)
    narco, taxi = build_trajectories(sc)
    ok_smuggler = ok_civil = 0
    for s in range(1, seeds + 1):
        tracker = Tracker(pic.frame, pic.radars)
        state = initial_matcher_state()
        top_at_lead = civil_last = None
        for t_s, tracks in tracker.run(simulate(sc, s).plots, 10.0, t_end_s=sc.duration_s):
            state, est, _ = update_destinations(db, StripModel(), state, tracks, t_s)
            by_id = {t.track_id: t for t in tracks if t.status is not TrackStatus.TENTATIVE}
            for e in est:
                tr = by_id.get(e.track_id)
                if tr is None:
                    continue
                n, c = narco.state_at(t_s), taxi.state_at(t_s)
                if t_s == 1580.0 and n and math.hypot(tr.east_m - n.east_m, tr.north_m - n.north_m) < 3000:
                    top_at_lead = e.top  # 120 s before touchdown at 1700 s
                if c and not c.on_ground and math.hypot(tr.east_m - c.east_m, tr.north_m - c.north_m) < 3000:
                    civil_last = e.top
        ok_smuggler += top_at_lead == "cl-llochegua-03"
        ok_civil += civil_last == "SPAY"
    print(
        f"vraem-shuttle seeds 1..{seeds}: smuggler's strip top 120 s before touchdown in {ok_smuggler}/{seeds}; "
        f"civil flight's last destination SPAY in {ok_civil}/{seeds}"
    )


def crossing(seeds: int) -> None:
    sc = load_scenario("scenarios/crossing-pair.yaml")
    pic = picture_of(sc)
    trajectories = build_trajectories(sc)
    swaps = 0
    for s in range(1, seeds + 1):
        ids: dict[str, set[str]] = {t.aircraft_id: set() for t in trajectories}
        for t_s, tracks in Tracker(pic.frame, pic.radars).run(simulate(sc, s).plots, 10.0, t_end_s=sc.duration_s):
            states = [t.state_at(t_s) for t in trajectories]
            if (
                t_s < 300
                or math.hypot(states[0].east_m - states[1].east_m, states[0].north_m - states[1].north_m) < 600
            ):
                continue
            live = [t for t in tracks if t.status in (TrackStatus.CONFIRMED, TrackStatus.COASTING)]
            for st in states:
                near = min(live, key=lambda t: math.hypot(t.east_m - st.east_m, t.north_m - st.north_m), default=None)
                if near is not None:
                    ids[st.aircraft_id].add(near.track_id)
        swaps += any(len(v) != 1 for v in ids.values())
    print(f"crossing-pair seeds 1..{seeds}: runs with a track-id change for either aircraft: {swaps}/{seeds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["safety", "strip", "crossing"])
    parser.add_argument("--seeds", type=int)
    args = parser.parse_args()
    default = {"safety": 20, "strip": 100, "crossing": 20}[args.what]
    {"safety": safety, "strip": strip, "crossing": crossing}[args.what](args.seeds or default)


if __name__ == "__main__":
    main()
