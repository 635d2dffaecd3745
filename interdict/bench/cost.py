"""Does an engine step cost more as a run grows old? A steady load (resident survey aircraft that
orbit from the first scan to the last, plus arrivals launched throughout) replayed in closed loop
for hours; the wall-clock time of every step (engine, operator, world and audit record), averaged
per hour. A step whose cost grew with history would show as a rising last-to-first-hour ratio."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from interdict.bench.families.traffic import vraem_traffic
from interdict.replay.loop import run_replay
from interdict.scenario.load import scenario_of

__all__ = ["step_costs"]


def step_costs(hours: float, seed: int, *, residents: int = 6, smugglers: int = 4, civil: int = 6) -> dict[str, Any]:
    """Per hour of scenario time: mean milliseconds per step, steps, and live tracks at its end."""
    duration_s = hours * 3_600.0
    doc = vraem_traffic(
        np.random.default_rng(seed), seed, duration_s=duration_s, smugglers=smugglers, civil=civil, residents=residents
    )
    scenario = scenario_of(doc, f"steady load, {hours:g} h, seed {seed}")
    stamps: list[tuple[float, float]] = []
    started = time.perf_counter()
    result = run_replay(scenario, seed=seed, progress=lambda t_s: stamps.append((t_s, time.perf_counter())))
    t = np.array([s for s, _ in stamps])
    dt = np.diff(np.array([started, *(w for _, w in stamps)]))
    live = np.array([len(step.recommendations) for step in result.steps])
    per_hour = []
    for h in range(int(np.ceil(hours))):
        sel = (t >= h * 3_600.0) & (t < (h + 1) * 3_600.0)
        per_hour.append(
            {
                "hour": h + 1,
                "steps": int(sel.sum()),
                "ms_per_step": float(dt[sel].mean() * 1e3),
                "mean_live_tracks": float(live[sel].mean()),
            }
        )
    return {
        "hours": hours,
        "seed": seed,
        "aircraft": len(scenario.aircraft),
        "plots": len(result.simulation.plots),
        "per_hour": per_hour,
        "last_over_first": per_hour[-1]["ms_per_step"] / per_hour[0]["ms_per_step"],
    }
