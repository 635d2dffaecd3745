"""Adversarial families and the civil-safety acceptance figures, over many seeds.

python3 benchmarks/adversarial.py write scenarios/adversarial   # (re)write one file per family (seed 1)
python3 benchmarks/adversarial.py run --runs 20                 # generated families, seeds 1..N
python3 benchmarks/adversarial.py files --seeds 20              # shipped and adversarial files, seeds 1..N
python3 benchmarks/adversarial.py crowded --seeds 5             # vraem-shuttle with 185 strips and 20 plans: time ratio

Every line counts civil aircraft recommended above VISUAL_ID, cued, intercepted or told to land
(all must be 0), operator actions refused, and smugglers cued at the strip they used.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import yaml

from interdict.bench.adversarial import FAMILIES, generate
from interdict.evaluation.score import TOTALS
from interdict.replay.loop import run_replay
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parent.parent
KEYS = TOTALS


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for family in FAMILIES:
        doc = generate(family, 1)
        Scenario.model_validate(doc)
        path = folder / f"{doc['name'][4:]}.yaml"
        path.write_text(
            "# Written by benchmarks/adversarial.py from interdict.adversarial (family "
            f"{family!r}, seed 1).\n" + yaml.safe_dump(doc, sort_keys=False, allow_unicode=False, width=110),
            encoding="utf-8",
        )
        print(f"wrote {path}")


def _line(name: str, totals: Counter[str], runs: int, seconds: float) -> str:
    return f"{name:28} runs {runs:3}  " + "  ".join(f"{k} {totals[k]}" for k in KEYS) + f"  ({seconds:.0f} s)"


def run(runs: int) -> None:
    grand: Counter[str] = Counter()
    for family in FAMILIES:
        start, totals = time.perf_counter(), Counter[str]()
        for seed in range(1, runs + 1):
            report = run_replay(Scenario.model_validate(generate(family, seed)), seed=seed).report
            totals.update(report["totals"])  # type: ignore[arg-type]
        grand.update(totals)
        print(_line(family, totals, runs, time.perf_counter() - start))
    print(_line("all families", grand, runs * len(FAMILIES), 0.0))


def files(seeds: int) -> None:
    grand: Counter[str] = Counter()
    paths = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "scenarios" / "adversarial").glob("*.yaml"))
    for path in paths:
        scenario, start, totals = load_scenario(path), time.perf_counter(), Counter[str]()
        for seed in range(1, seeds + 1):
            totals.update(run_replay(scenario, seed=seed).report["totals"])  # type: ignore[arg-type]
        grand.update(totals)
        print(_line(str(path.relative_to(ROOT / "scenarios")), totals, seeds, time.perf_counter() - start))
    print(_line("all files", grand, seeds * len(paths), 0.0))


def crowded_ratio(seeds: int) -> None:
    """Replay time of vraem-shuttle with and without 185 more strips and 20 held plans, same seeds, same run."""
    import numpy as np

    from interdict.bench.families.crowded import crowded

    plain = load_scenario(ROOT / "scenarios" / "vraem-shuttle.yaml")
    big = Scenario.model_validate(crowded(plain.model_dump(mode="json"), np.random.default_rng(0)))
    times = {"plain": 0.0, "crowded": 0.0}
    for seed in range(1, seeds + 1):
        for name, scenario in (("plain", plain), ("crowded", big)):
            start = time.perf_counter()
            report = run_replay(scenario, seed=seed).report
            times[name] += time.perf_counter() - start
            if name == "crowded":
                print(f"seed {seed}: crowded totals {dict(report['totals'])}")  # type: ignore[call-overload]
    print(
        f"vraem-shuttle ({len(plain.strips)} strips, {len(plain.flight_plans)} plans): {times['plain']:.1f} s; "
        f"crowded ({len(big.strips)} strips, {len(big.flight_plans)} plans): {times['crowded']:.1f} s; "
        f"ratio {times['crowded'] / times['plain']:.2f} over {seeds} seeds"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("write").add_argument("folder", type=Path)
    sub.add_parser("run").add_argument("--runs", type=int, default=20)
    sub.add_parser("files").add_argument("--seeds", type=int, default=20)
    sub.add_parser("crowded").add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    if args.command == "write":
        write(args.folder)
    elif args.command == "run":
        run(args.runs)
    elif args.command == "files":
        files(args.seeds)
    else:
        crowded_ratio(args.seeds)


if __name__ == "__main__":
    main()
