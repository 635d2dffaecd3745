"""interdict as a library: replay a shipped scenario, read what the engine recommended and why,
print the status board, and draw the map.

    python docs/example_api.py [OUT.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

from interdict.replay.board import board_rows
from interdict.replay.loop import run_replay
from interdict.replay.map import write_map
from interdict.scenario.examples import example_path
from interdict.scenario.load import load_scenario


def main(map_png: Path | None = None) -> None:
    scenario = load_scenario(example_path("bowers-2001"))  # or any scenario file: load_scenario(Path(...))
    result = run_replay(scenario, seed=scenario.seed, until_s=1200.0)

    # Every rung the engine recommended, and the checks that blocked the next step (EngineEvent)
    for event in result.events:
        if event.kind == "recommendation_changed":
            blocks = [f"{b['check_id']} {b['verdict']}" for b in event.detail["blocked_by"]]  # type: ignore[union-attr]
            print(f"t = {event.t_s:5.0f} s  {event.track_id}  {event.detail['rung']:14}  blocked by: {blocks}")

    # The status board: each track's last assessment (WGS84 position, speed, rung, blocking checks)
    for row in board_rows(a for step in result.steps for a in step.audit):
        print(f"{row.track_id}: {row.lat_deg:.3f}, {row.lon_deg:.3f}  {row.speed_mps:.0f} m/s  {row.rung}")

    # The scorer's verdict (it reads the truth; the engine never does)
    print("wrongful escalations:", result.report["totals"]["wrongful_escalations"])  # type: ignore[index]

    if map_png is not None:
        write_map(map_png, result)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
