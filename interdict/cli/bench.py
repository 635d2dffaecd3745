"""`interdict bench SUITE` (the engineers' benchmark suite) and `interdict score` (tracking scores of
a track file against a truth file)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from interdict.cli.common import err, fail_input, out, progress
from interdict.core.errors import InterdictError

__all__ = ["bench", "score"]


def _folder_ok(folder: Path | None, option: str) -> None:
    if folder is None:
        return
    if folder.exists() and not folder.is_dir():
        raise fail_input(InterdictError(f"{option} {folder}: exists and is not a folder"))
    parent = folder if folder.exists() else folder.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK):
        raise fail_input(InterdictError(f"{option} {folder}: {parent} is not a folder this user can write"))


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
) -> None:
    """Run a benchmark suite: seeded closed-loop runs, scored against truth, aggregated with 95 % CIs.
    Exit 1 when any civil aircraft was escalated, cued, intercepted or told to land."""
    import yaml

    from interdict.bench.aggregate import aggregate
    from interdict.bench.executor import execute
    from interdict.bench.report import provenance, summary_markdown, write_outputs
    from interdict.bench.run import RunSpec
    from interdict.bench.settings import parse_settings
    from interdict.bench.suites import FAMILIES, SUITES, document_of, suite_of

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
    _folder_ok(out_dir, "--out")
    _folder_ok(scenarios, "--scenarios")
    k = min(n, workers if workers is not None else (os.cpu_count() or 1))
    specs = [
        RunSpec(i, chosen.families[i % len(chosen.families)], seed + i, pairs, time_tracker=i % 10 == 0)
        for i in range(n)
    ]
    where = f"dask scheduler {scheduler}" if scheduler else f"{k} local worker process{'es' if k > 1 else ''}"
    err.print(f"bench {chosen.name}: {n} runs, seeds {seed}–{seed + n - 1}, on {where}", markup=False)
    if scenarios is not None:
        scenarios.mkdir(exist_ok=True)
        for s in specs:
            text = yaml.safe_dump(document_of(s.family, s.seed), sort_keys=False, allow_unicode=True)
            (scenarios / f"{s.family}-{s.seed}.yaml").write_text(text, encoding="utf-8")
    try:
        with progress() as bar:
            task = bar.add_task(f"bench {chosen.name}", total=n)
            records, wall_s = execute(
                specs, workers=k, scheduler=scheduler, progress=lambda done: bar.update(task, completed=done)
            )
    except InterdictError as exc:
        raise fail_input(exc) from None
    agg = {"provenance": provenance(chosen, seed, n, pairs, where), **aggregate(records, wall_s, k)}
    if out_dir is not None:
        out_dir.mkdir(exist_ok=True)
        write_outputs(out_dir, records, agg)
    out.print(summary_markdown(agg), markup=False)
    if out_dir is not None:
        out.print(f"written to {out_dir}/: runs.jsonl, aggregate.json, summary.md and four PNG plots", markup=False)
    failures = agg["results"]["safety"]["failures"]
    for f in failures:
        err.print(
            f"CIVIL AIRCRAFT HARMED in run {f['run']} ({f['family']}, seed {f['seed']}): {', '.join(f['aircraft'])}; "
            f"reproduce: {f['reproduce']}",
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

    try:
        scores = scores_of(score_frames(file_frames(truth, tracks)))
    except InterdictError as exc:
        raise fail_input(exc) from None
    if as_json:
        typer.echo(json.dumps({"truth": str(truth), "tracks": str(tracks), **scores}, indent=2))
        return
    table = Table(title=f"{tracks} against {truth}")
    table.add_column("score")
    table.add_column("value", justify="right")
    for key, value in scores.items():
        table.add_row(key, f"{value:,.2f}" if isinstance(value, float) else str(value))
    out.print(table)
