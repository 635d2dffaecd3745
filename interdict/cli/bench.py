"""`interdict bench SUITE` (the engineers' benchmark suite) and `interdict score` (tracking scores of
a track file against a truth file)."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from interdict.cli.common import err, fail_input, out, outputs_ok, progress
from interdict.core.errors import InterdictError
from interdict.io.outputs import check_folder

__all__ = ["bench", "bench_trackers", "bench_cost", "score"]


def bench(
    suite: Annotated[str, typer.Argument(metavar="SUITE", help="quick, standard, stress, or one family's name")],
    runs: Annotated[int | None, typer.Option(help="number of runs; default: the suite's")] = None,
    seed: Annotated[int, typer.Option(help="seed of run 0; run i uses seed + i")] = 1,
    workers: Annotated[int | None, typer.Option(help="local worker processes; default: one per core")] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="address of a dask.distributed scheduler (tcp://HOST:PORT)")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="folder for runs.jsonl, aggregate.json, summary.md, PNGs")
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
    Exit 1 when any civil aircraft was escalated, cued, intercepted or told to land."""
    from interdict.bench.aggregate import aggregate
    from interdict.bench.executor import execute
    from interdict.bench.report import provenance, runs_text, write_runs, write_scenarios
    from interdict.bench.settings import parse_settings
    from interdict.bench.suites import FAMILIES, SUITES, plan_runs, suite_of

    try:
        chosen = suite_of(suite)
    except KeyError:
        names = ", ".join([*SUITES, *FAMILIES])
        raise fail_input(InterdictError(f"SUITE: unknown suite or family {suite!r}; known: {names}")) from None
    if workers is not None and scheduler is not None:
        raise fail_input(InterdictError("--workers and --scheduler: give one (local processes or a Dask cluster)"))
    n = chosen.runs if runs is None else runs
    if n < 1 or (workers is not None and workers < 1):
        raise fail_input(InterdictError("--runs and --workers: expected at least 1"))
    try:
        pairs = parse_settings(settings or [])
    except InterdictError as exc:
        raise fail_input(exc) from None
    try:
        check_folder(out_dir, "--out")
        check_folder(scenarios, "--scenarios")
    except InterdictError as exc:
        raise fail_input(exc) from None
    k = min(n, workers if workers is not None else (os.cpu_count() or 1))
    specs = plan_runs(chosen, n, seed, pairs)
    where = f"dask scheduler {scheduler}" if scheduler else f"{k} local worker process{'es' if k > 1 else ''}"
    err.print(f"bench {chosen.name}: {runs_text(n)}, seeds {seed}–{seed + n - 1}, on {where}", markup=False)
    if scenarios is not None:
        write_scenarios(scenarios, specs)
    try:
        with progress() as bar:
            task = bar.add_task(f"bench {chosen.name}", total=n)
            records, wall_s = execute(
                specs, workers=k, scheduler=scheduler, progress=lambda done: bar.update(task, completed=done)
            )
    except InterdictError as exc:
        raise fail_input(exc) from None
    prov = provenance(chosen, seed, n, pairs, where)
    if out_dir is not None:
        out_dir.mkdir(exist_ok=True)
        write_runs(out_dir, records, prov)
    agg = {"provenance": prov, **aggregate(records, wall_s, k)}
    _finish(agg, out_dir, as_json)


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
    from interdict.io.tracks_jsonl import read_shown_tracks
    from interdict.io.truth_jsonl import read_truth

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
    seed: Annotated[int, typer.Option(help="evaluation seed")] = 1,
    tuning_seed: Annotated[int, typer.Option(help="seed of the tuning problem (not the evaluation's)")] = 1_000,
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
            f.write(json.dumps({"provenance": provenance_light(), "tuning": tuning, "results": rows}, indent=2) + "\n")


def bench_cost(
    hours: Annotated[float, typer.Option(help="scenario length, hours")] = 6.0,
    seed: Annotated[int, typer.Option(help="seed of the scenario and the radar")] = 7,
    residents: Annotated[int, typer.Option(help="survey aircraft in the air from start to end")] = 6,
    json_out: Annotated[Path | None, typer.Option("--json", help="write the figures as JSON")] = None,
) -> None:
    """Time per closed-loop step, per hour of a long steady-load scenario: does a step cost more as
    the run grows old? (last hour / first hour, which should stay near 1)."""
    from interdict.bench.cost import step_costs
    from interdict.bench.report import provenance_light
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
            f.write(json.dumps({"provenance": provenance_light(), **figures}, indent=2) + "\n")
