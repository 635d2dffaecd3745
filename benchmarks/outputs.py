"""Digest of everything the command line writes for every shipped scenario, to prove a refactor
changes no behaviour.

    python3 benchmarks/outputs.py write DIR [--seeds 5]   # run and keep the outputs in DIR
    python3 benchmarks/outputs.py compare OLD NEW          # list every file that differs

For each scenario under `scenarios/` (the worked examples, except the week-long one, and the
adversarial cases) and each seed,
`interdict replay` writes its events, its report and its timeline (standard output), and
`interdict simulate` + `interdict track` (GNN and JPDA) write plots, truth and tracks. The commands
run as separate processes through the installed `interdict` entry point, so the digest depends on
the command line alone, not on where code sits inside the package.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


LONG = ("vraem-week.yaml",)  # a week of traffic: minutes per replay, left out


def _scenarios() -> list[Path]:
    shipped = sorted(p for p in (ROOT / "scenarios").glob("*.yaml") if p.name not in LONG)
    return shipped + sorted((ROOT / "scenarios" / "adversarial").glob("*.yaml"))


def _run(args: list[str], stdout: Path | None = None) -> None:
    """Run one command; keep its standard output (the output folder's path written as OUT)."""
    done = subprocess.run([sys.executable, "-m", "interdict", *args], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}: {done.stderr}")
    if stdout is not None:
        stdout.write_text(done.stdout.replace(str(stdout.parent), "OUT"))


def _one(job: tuple[Path, int, Path]) -> str:
    scenario, seed, out = job
    stem = f"{scenario.stem}-s{seed}"
    _run(
        [
            "replay",
            str(scenario),
            "--seed",
            str(seed),
            "--events",
            str(out / f"{stem}.events.jsonl"),
            "--report",
            str(out / f"{stem}.report.json"),
        ],
        stdout=out / f"{stem}.timeline.txt",
    )
    if scenario.parent.name == "scenarios":
        plots = out / f"{stem}.plots.jsonl"
        _run(
            [
                "simulate",
                str(scenario),
                "--seed",
                str(seed),
                "--out",
                str(plots),
                "--truth",
                str(out / f"{stem}.truth.jsonl"),
            ]
        )
        for associator in ("gnn", "jpda"):
            _run(
                [
                    "track",
                    "--scenario",
                    str(scenario),
                    "--plots",
                    str(plots),
                    "--associator",
                    associator,
                    "--out",
                    str(out / f"{stem}.tracks-{associator}.jsonl"),
                ]
            )
    return stem


def write(out: Path, seeds: int, workers: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(s, seed, out) for s in _scenarios() for seed in range(1, seeds + 1)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for stem in pool.map(_one, jobs):
            print(stem, flush=True)
    digest = hashlib.sha256()
    for f in sorted(out.iterdir()):
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    print(f"{len(jobs)} runs, {len(list(out.iterdir()))} files, sha256 {digest.hexdigest()}")


def compare(old: Path, new: Path) -> int:
    names = sorted({f.name for f in old.iterdir()} | {f.name for f in new.iterdir()})
    differ = [
        n
        for n in names
        if not (old / n).exists() or not (new / n).exists() or (old / n).read_bytes() != (new / n).read_bytes()
    ]
    for n in differ:
        print(f"differs: {n}")
    print(f"{len(names)} files, {len(differ)} differ")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--seeds", type=int, default=5)
    w.add_argument("--workers", type=int, default=2)
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.seeds, args.workers)
    else:
        raise SystemExit(compare(args.old, args.new))


if __name__ == "__main__":
    main()
