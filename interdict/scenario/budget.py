"""A valid scenario has a bounded cost: the clutter the radars are said to make is checked against
what the engine can track, when the file is read, so that no valid file hangs.

The engine's cost per scan grows faster than the number of plots in it: every false plot that no
track claims starts a tentative track, and every plot is gated against every track. Measured on this
project's 2-core machine (`python3 benchmarks/clutter_cost.py`; docs/safety-case.md, H-COST), replaying vraem-shuttle
with its one radar's clutter raised: 100 false plots a second run far faster than real time; 200 a
second take about 1/20 of real time; 500 a second do not finish 900 s of scenario in 10 minutes, and
1,667 a second (0.6 s antenna, 1,000 plots a scan) take half of real time for the first 120 s and
grow. The limits below keep a valid file well inside what was measured to run.
"""

from __future__ import annotations

from interdict.core.errors import Problem
from interdict.scenario.document import Scenario

__all__ = ["MAX_FALSE_PLOTS_PER_S", "MAX_RUN_FALSE_PLOTS", "cost_problems"]

MAX_FALSE_PLOTS_PER_S = 100.0  # clutter of all radars together, expected false plots per second
MAX_RUN_FALSE_PLOTS = 20_000_000.0  # expected false plots over the whole scenario


def cost_problems(scenario: Scenario) -> list[Problem]:
    """Radars whose clutter, together, the engine cannot track at a bounded cost per scan."""
    rates = [r.false_plots_per_scan / r.scan_period_s for r in scenario.radars]
    total = sum(rates)
    problems = []
    if total > MAX_FALSE_PLOTS_PER_S:
        parts = ", ".join(
            f"{r.id} {r.false_plots_per_scan:g} per {r.scan_period_s:g} s"
            for r in scenario.radars
            if r.false_plots_per_scan
        )
        problems.append(
            Problem(
                "radars",
                f"the radars' clutter comes to {total:.0f} false plots a second ({parts}); the engine's cost per "
                f"scan is bounded only up to {MAX_FALSE_PLOTS_PER_S:.0f} a second: lower `false_plots_per_scan` "
                "or lengthen `scan_period_s`",
            )
        )
    elif total * scenario.duration_s > MAX_RUN_FALSE_PLOTS:
        problems.append(
            Problem(
                "duration_s",
                f"{scenario.duration_s:.0f} s at {total:.1f} false plots a second is "
                f"{total * scenario.duration_s:,.0f} false plots, above the {MAX_RUN_FALSE_PLOTS:,.0f} a run can "
                "hold: split the scenario into shorter periods or lower the clutter",
            )
        )
    return problems
