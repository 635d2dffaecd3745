"""`interdict bench SUITE` (the engineers' benchmark suite) and `interdict score` (tracking scores of
a track file against a truth file)."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interdict.cli.common import MAX_SEED, check_seed, err, fail_input, out, outputs_ok, progress
from interdict.core.errors import InterdictError
from interdict.io.outputs import check_folder

if TYPE_CHECKING:
    from interdict.bench.store import RunStore
    from interdict.bench.suites import Suite

__all__ = ["bench", "bench_trackers", "bench_cost", "score"]


MAX_RUNS = 1_000_000  # more records than one folder should hold: split the seeds over several benchmarks


def bench(
    suite: Annotated[
        str | None, typer.Argument(metavar="SUITE", help="quick, standard, stress, or one family's name")
    ] = None,
    runs: Annotated[int | None, typer.Option(help="number of runs; default: the suite's")] = None,
    seed: Annotated[int, typer.Option(help="seed of run 0; run i uses seed + i")] = 1,
    workers: Annotated[int | None, typer.Option(help="local worker processes; default: one per core")] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="address of a dask.distributed scheduler (tcp://HOST:PORT)")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="folder for runs.jsonl, aggregate.json, summary.md, PNGs")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="replace a result already in --out")] = False,
    resume: Annotated[
        Path | None, typer.Option("--resume", help="continue an interrupted benchmark in this folder")
    ] = None,
    settings: Annotated[
        list[str] | None, typer.Option("--set", help="tracker.NAME=VALUE or strips.NAME=VALUE (repeatable)")
    ] = None,
    scenarios: Annotated[
        Path | None, typer.Option(help="folder to write each run's scenario (FAMILY-SEED.yaml) for `interdict replay`")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="print aggregate.json (provenance and results) instead of the summary")
    ] = False,
) -> None:
    """Run a benchmark suite: seeded closed-loop runs, scored against truth, aggregated with 95 % CIs.
    Each run is kept in runs.jsonl as it finishes; Ctrl-C keeps what finished, and --resume continues.
    Exit 1 when any civil aircraft was escalated, cued, intercepted or told to land."""
    from interdict.bench.aggregate import aggregate
    from interdict.bench.report import write_scenarios
    from interdict.bench.suites import plan_runs

    try:
        plan = _plan(suite, runs, seed, workers, scheduler, out_dir, force, resume, settings)
        check_folder(scenarios, "--scenarios")
    except InterdictError as exc:
        raise fail_input(exc) from None
    if scenarios is not None:
        write_scenarios(scenarios, plan_runs(plan.suite, plan.runs, plan.seed, plan.pairs))
    records, wall_s = _run(plan)
    from interdict.io.header import run_header

    header = run_header("bench", scenario=None, scenario_sha256=None, seed=plan.seed, status="complete")
    agg = {**header, "provenance": plan.provenance, **aggregate(records, wall_s, plan.workers)}
    _finish(agg, plan.out_dir, as_json)


@dataclass(frozen=True, slots=True)
class _Plan:
    """A benchmark ready to run: what, where, and the store its runs go to (None: no --out)."""

    suite: Suite
    runs: int
    seed: int
    pairs: tuple[tuple[str, str], ...]
    workers: int
    scheduler: str | None
    where: str
    provenance: dict[str, Any]
    out_dir: Path | None
    store: RunStore | None


def _plan(
    suite: str | None,
    runs: int | None,
    seed: int,
    workers: int | None,
    scheduler: str | None,
    out_dir: Path | None,
    force: bool,
    resume: Path | None,
    settings: list[str] | None,
) -> _Plan:
    """The options checked, the store opened (new, or resumed), before any run; InterdictError otherwise."""
    from interdict.bench.executor import scheduler_address
    from interdict.bench.report import provenance
    from interdict.bench.settings import parse_settings
    from interdict.bench.store import RunStore

    store = RunStore.resume(resume) if resume is not None else None
    if store is not None:
        suite, runs, seed = _resumed(store.provenance, suite, runs)
        settings = [f"{k}={v}" for k, v in store.provenance["settings"].items()]
        out_dir = resume
    chosen = _suite(suite)
    n = chosen.runs if runs is None else runs
    _check_counts(n, seed, workers, scheduler)
    if scheduler is not None:
        scheduler_address(scheduler)
    pairs = parse_settings(settings or [])
    check_folder(out_dir, "--out")
    k = min(n, workers if workers is not None else (os.cpu_count() or 1))
    where = f"dask scheduler {scheduler}" if scheduler else f"{k} local worker process{'es' if k > 1 else ''}"
    prov = provenance(chosen, seed, n, pairs, where)
    if store is not None:
        store.check_same(prov)
        store.reopen()
    elif out_dir is not None:
        store = RunStore.create(out_dir, prov, force=force)
    return _Plan(chosen, n, seed, pairs, k, scheduler, where, prov, out_dir, store)


def _run(plan: _Plan) -> tuple[list[dict[str, Any]], float]:
    """Every run's record in run order (those kept from before included), and the wall-clock seconds;
    each kept in the store as it finishes. Ctrl-C: exit 130 with what finished kept."""
    from interdict.bench.executor import execute
    from interdict.bench.report import runs_text
    from interdict.bench.suites import estimate_min, plan_runs

    store, n, seed = plan.store, plan.runs, plan.seed
    records: dict[int, dict[str, Any]] = dict(store.records) if store is not None else {}
    todo = n - len(records)
    again = f", {len(records)} kept from before" if records else ""
    err.print(
        f"bench {plan.suite.name}: {runs_text(n)}{again}, seeds {seed}–{seed + n - 1}, on {plan.where}; "
        f"{runs_text(todo)} ≈ {_duration(estimate_min(plan.suite, todo, seed, plan.workers))} "
        "(a rough estimate from the scenarios' length)",
        markup=False,
    )
    try:
        with progress(count=True) as bar:
            task = bar.add_task(f"bench {plan.suite.name}", total=n, completed=len(records))

            def keep(record: dict[str, Any]) -> None:
                records[int(record["index"])] = record
                if store is not None:
                    store.add(record)
                bar.advance(task)

            specs = plan_runs(plan.suite, n, seed, plan.pairs, skip=frozenset(records))
            wall_s = execute(specs, keep, workers=plan.workers, scheduler=plan.scheduler)
    except KeyboardInterrupt:
        raise _interrupted(store, len(records), n) from None
    except InterdictError as exc:
        if store is not None:
            store.close("interrupted")
        raise fail_input(exc) from None
    if store is not None:
        store.close("complete")
    return [records[i] for i in sorted(records)], wall_s


def _suite(name: str | None) -> Suite:
    from interdict.bench.suites import FAMILIES, SUITES, suite_of

    if name is None:
        raise InterdictError("SUITE: give a suite (quick, standard, stress) or a family, or --resume FOLDER")
    try:
        return suite_of(name)
    except KeyError:
        names = ", ".join([*SUITES, *FAMILIES])
        raise InterdictError(f"SUITE: unknown suite or family {name!r}; known: {names}") from None


def _resumed(prov: dict[str, Any], suite: str | None, runs: int | None) -> tuple[str, int, int]:
    """The suite, runs and seed of the benchmark being resumed; InterdictError when options contradict it."""
    given = {"SUITE": (suite, prov["suite"]), "--runs": (runs, prov["runs"])}
    clash = [f"{opt} {a} (it was {b})" for opt, (a, b) in given.items() if a is not None and a != b]
    if clash:
        raise InterdictError(f"--resume: the benchmark is continued as it was started: {'; '.join(clash)}")
    return str(prov["suite"]), int(prov["runs"]), int(prov["seed"])


def _check_counts(n: int, seed: int, workers: int | None, scheduler: str | None) -> None:
    if workers is not None and scheduler is not None:
        raise InterdictError("--workers and --scheduler: give one (local processes or a Dask cluster)")
    if n < 1 or (workers is not None and workers < 1):
        raise InterdictError("--runs and --workers: expected at least 1")
    if n > MAX_RUNS:
        raise InterdictError(
            f"--runs {n:,}: more than {MAX_RUNS:,} runs in one folder; split the seeds over several benchmarks "
            "(--seed S --runs N each)"
        )
    check_seed(seed, "--seed", span=n)


def _duration(minutes: float) -> str:
    if minutes < 1.0:
        return "under a minute"
    if minutes < 120.0:
        return f"{minutes:.0f} min"
    return f"{minutes / 60.0:,.1f} h"


def _interrupted(store: RunStore | None, done: int, n: int) -> typer.Exit:
    """Ctrl-C: the finished runs kept (header `interrupted`), how to continue; exit 130 as shells expect."""
    if store is None:
        err.print(f"interrupted: {done} of {n} runs finished; nothing kept (no --out)", markup=False)
        return typer.Exit(code=130)
    store.close("interrupted")
    err.print(
        f"interrupted: {done} of {n} runs finished and kept in {store.folder}/runs.jsonl; continue with: "
        f"interdict bench --resume {store.folder}",
        markup=False,
    )
    return typer.Exit(code=130)


def _finish(agg: dict[str, Any], out_dir: Path | None, as_json: bool) -> None:
    """Write the outputs, print the summary; exit 1 naming every run that harmed a civil aircraft."""
    from interdict.bench.report import summary_markdown, write_outputs

    if out_dir is not None:
        write_outputs(out_dir, agg)
    if as_json:
        typer.echo(json.dumps(agg, sort_keys=True))
    else:
        out.print(summary_markdown(agg), markup=False)
    if out_dir is not None and not as_json:
        out.print(f"written to {out_dir}/: runs.jsonl, aggregate.json, summary.md and five PNG plots", markup=False)
    failures = agg["results"]["safety"]["failures"]
    for f in failures:
        err.print(
            f"SAFETY VIOLATION in run {f['run']} ({f['family']}, seed {f['seed']}): civil or state aircraft "
            f"harmed: {', '.join(f['aircraft']) or 'none'}; climbs without a stated ground: "
            f"{f['sent_without_grounds']}; reproduce: {f['reproduce']}",
            markup=False,
        )
    if failures:
        raise typer.Exit(code=1)


def score(
    truth: Annotated[Path, typer.Option(help="truth file (JSON lines, from `interdict simulate --truth`)")],
    tracks: Annotated[Path, typer.Option(help="track file (JSON lines, from `interdict track --out`)")],
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as one JSON object")] = False,
) -> None:
    """Tracking scores of a track file against a truth file: RMSE, GOSPA and its parts, identity
    switches, fragmentations, time to confirm, false tracks per hour."""
    from rich.table import Table

    from interdict.evaluation.tracking import file_frames, score_frames, scores_of
    from interdict.io.header import header_of, same_run
    from interdict.io.tracks_jsonl import read_shown_tracks
    from interdict.io.truth_jsonl import read_truth

    differ = same_run(header_of(truth), header_of(tracks))
    if differ:
        raise fail_input(
            InterdictError(f"--truth {truth} and --tracks {tracks} come from different runs: {'; '.join(differ)}")
        )
    try:
        scores = scores_of(score_frames(file_frames(read_truth(truth), read_shown_tracks(tracks))))
    except InterdictError as exc:
        raise fail_input(exc) from None
    if as_json:
        from interdict.io.header import run_header

        header = run_header("scores", scenario=None, scenario_sha256=None, seed=None)
        typer.echo(json.dumps({**header, "truth": str(truth), "tracks": str(tracks), **scores}, indent=2))
        return
    table = Table(title=f"{tracks} against {truth}")
    table.add_column("score")
    table.add_column("value", justify="right")
    for key, value in scores.items():
        table.add_row(key, f"{value:,.2f}" if isinstance(value, float) else str(value))
    out.print(table)


def bench_trackers(
    targets: Annotated[
        list[int] | None, typer.Option("--targets", help="target counts to compare (repeatable)")
    ] = None,
    seed: Annotated[int, typer.Option(help="evaluation seed", min=0, max=MAX_SEED)] = 1,
    tuning_seed: Annotated[
        int, typer.Option(help="seed of the tuning problem (not the evaluation's)", min=0, max=MAX_SEED)
    ] = 1_000,
    tuning_targets: Annotated[int, typer.Option(help="targets in the tuning problem")] = 5,
    q: Annotated[
        list[float] | None, typer.Option("--q", help="Stone Soup process noise values to sweep, m²/s³")
    ] = None,
    jpda_max_targets: Annotated[
        int, typer.Option(help="also run Stone Soup's JPDA up to this many targets (slow)")
    ] = 0,
    stonesoup_max_targets: Annotated[int, typer.Option(help="run Stone Soup only up to this many targets")] = 50,
    scan_stamps: Annotated[
        bool, typer.Option(help="give Stone Soup one time stamp per scan (faster, less exact)")
    ] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="write the sweep and the comparison as JSON")] = None,
) -> None:
    """interdict's tracker against Stone Soup's on the same plots, Stone Soup's process noise tuned
    first on a separate seed (needs Stone Soup: the `compare` extra)."""
    from interdict.bench.report import provenance_light
    from interdict.bench.trackers import Q_SWEEP, compare, tune_stonesoup
    from interdict.io.header import run_header
    from interdict.io.outputs import atomic_text

    outputs_ok((json_out, "--json", (".json",), False))
    qs = tuple(q or Q_SWEEP)
    if any(not (math.isfinite(v) and v > 0) for v in qs) or any(n < 1 for n in targets or [1]):
        raise fail_input(InterdictError("--q and --targets: expected positive finite values"))

    def say(line: str) -> None:
        out.print(line, markup=False)

    try:
        say(f"Tuning Stone Soup's GNN: {tuning_targets} targets, seed {tuning_seed}, q in {list(qs)}")
        tuning = tune_stonesoup(tuning_targets, tuning_seed, qs, say, scan_stamps=scan_stamps)
        say(f"best q = {tuning['best_q']:g} m²/s³; evaluation on seed {seed}")
        rows = compare(
            targets or [10, 50],
            seed,
            tuning["best_q"],
            say,
            jpda_max_targets=jpda_max_targets,
            stonesoup_max_targets=stonesoup_max_targets,
            scan_stamps=scan_stamps,
        )
    except InterdictError as exc:
        raise fail_input(exc) from None
    if json_out is not None:
        with atomic_text(json_out) as f:
            header = run_header("bench-trackers", scenario=None, scenario_sha256=None, seed=seed)
            doc = {**header, "provenance": provenance_light(), "tuning": tuning, "results": rows}
            f.write(json.dumps(doc, indent=2) + "\n")


def bench_cost(
    hours: Annotated[float, typer.Option(help="scenario length, hours")] = 6.0,
    seed: Annotated[int, typer.Option(help="seed of the scenario and the radar", min=0, max=MAX_SEED)] = 7,
    residents: Annotated[int, typer.Option(help="survey aircraft in the air from start to end")] = 6,
    json_out: Annotated[Path | None, typer.Option("--json", help="write the figures as JSON")] = None,
) -> None:
    """Time per closed-loop step, per hour of a long steady-load scenario: does a step cost more as
    the run grows old? (last hour / first hour, which should stay near 1)."""
    from interdict.bench.cost import step_costs
    from interdict.bench.report import provenance_light
    from interdict.io.header import run_header
    from interdict.io.outputs import atomic_text

    outputs_ok((json_out, "--json", (".json",), False))
    if not (1.0 <= hours <= 48.0) or residents < 0:
        raise fail_input(InterdictError("--hours: expected 1 to 48; --residents: expected 0 or more"))
    err.print(f"replaying {hours:g} h of steady load (seed {seed}, {residents} resident aircraft)...", markup=False)
    figures = step_costs(hours, seed, residents=residents)
    for row in figures["per_hour"]:
        out.print(
            f"hour {row['hour']:2d}: {row['ms_per_step']:6.2f} ms per step over {row['steps']} steps, "
            f"{row['mean_live_tracks']:.1f} live tracks",
            markup=False,
        )
    out.print(f"last hour / first hour: {figures['last_over_first']:.2f}", markup=False)
    if json_out is not None:
        with atomic_text(json_out) as f:
            header = run_header("bench-cost", scenario=None, scenario_sha256=None, seed=seed)
            f.write(json.dumps({**header, "provenance": provenance_light(), **figures}, indent=2) + "\n")
