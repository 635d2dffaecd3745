"""Throughput of reading plots: ASTERIX (CAT048 + CAT034, libasterix) against the project's JSON
lines, on the same simulated plots, measured in the same run.

    python3 benchmarks/asterix_read.py [--scenario scenarios/vraem-week.yaml] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from interdict.io.asterix import read_asterix, write_asterix
from interdict.io.header import run_header
from interdict.io.plots_jsonl import read_plots, write_plots
from interdict.scenario.load import load_scenario
from interdict.world.radar import simulate

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenarios" / "vraem-shuttle.yaml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    plots = simulate(scenario, scenario.seed).plots
    with tempfile.TemporaryDirectory() as tmp:
        ast, jsonl = Path(tmp) / "p.ast", Path(tmp) / "p.jsonl"
        records = write_asterix(ast, plots, scenario.radars, scenario.start)
        write_plots(jsonl, plots, run_header("plots", scenario=scenario.name, scenario_sha256=None, seed=None))
        best_ast = min(_timed(lambda: read_asterix(ast, scenario.radars, scenario.start)) for _ in range(args.repeat))
        best_json = min(_timed(lambda: read_plots(jsonl)) for _ in range(args.repeat))
        size_ast, size_json = ast.stat().st_size, jsonl.stat().st_size
    print(
        f"{scenario.name}: {len(plots)} plots, {records} ASTERIX records ({size_ast:,} bytes; JSON lines {size_json:,})"
    )
    print(f"ASTERIX read:    {records / best_ast:10,.0f} records/s ({len(plots) / best_ast:,.0f} plots/s)")
    print(f"JSON lines read: {len(plots) / best_json:10,.0f} plots/s")
    print(f"ratio: ASTERIX reads plots {best_json / best_ast:.3f} times as fast as JSON lines (best of {args.repeat})")


def _timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
