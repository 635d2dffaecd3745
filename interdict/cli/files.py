"""Commands on scenario and plot files: validate, schema, simulate, track."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from interdict.cli.common import JSONL, SeedOption, err, fail_input, load, out, outputs_ok, progress
from interdict.core.errors import InterdictError
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario

__all__ = ["validate", "schema", "simulate", "track"]


def validate(files: Annotated[list[Path], typer.Argument(help="scenario files (YAML)")]) -> None:
    """Check scenario files; exit 0 when all are valid, 2 otherwise, listing every problem."""
    bad = 0
    for file in files:
        try:
            scenario = load_scenario(file)
        except InterdictError as exc:
            bad += 1
            err.print(str(exc), markup=False)
            continue
        out.print(
            f"{file}: ok ({scenario.name}: {len(scenario.aircraft)} aircraft, "
            f"{len(scenario.radars)} radars, {len(scenario.strips)} strips)",
            markup=False,
        )
    if bad:
        raise typer.Exit(code=2)


def schema() -> None:
    """Print the JSON Schema of the scenario format (for editor completion)."""
    typer.echo(json.dumps(Scenario.model_json_schema(), indent=2))


def simulate(
    scenario_file: Annotated[Path, typer.Argument(metavar="FILE", help="scenario file (YAML)")],
    out_file: Annotated[Path, typer.Option("--out", help="plots, JSON lines (one Plot per line); - for stdout")],
    seed: SeedOption = None,
    truth: Annotated[
        Path | None,
        typer.Option(
            help="truth for scorers, JSON lines: which aircraft made each plot, every aircraft's state per scan"
        ),
    ] = None,
) -> None:
    """Simulate the scenario's radars and write the plots (ordered by t_s)."""
    from rich.table import Table

    from interdict.io.outputs import atomic_text
    from interdict.io.plots_jsonl import write_plots
    from interdict.world.radar import simulate as run
    from interdict.world.radar import truth_records

    outputs_ok((out_file, "--out", JSONL, True), (truth, "--truth", JSONL, False))
    scenario = load(scenario_file)
    used = scenario.seed if seed is None else seed
    with progress() as bar:
        task = bar.add_task("simulating radars", total=len(scenario.radars))
        sim = run(scenario, used, progress=lambda done, _total: bar.update(task, completed=done))
    try:
        write_plots(out_file, sim.plots)
        if truth is not None:
            with atomic_text(truth) as f:
                for record in truth_records(sim):
                    f.write(json.dumps(record, separators=(",", ":")) + "\n")
    except OSError as exc:
        raise fail_input(exc) from None
    if out_file == Path("-"):
        return
    table = Table(title=f"{scenario.name}: {len(sim.plots)} plots, seed {used}")
    table.add_column("radar")
    table.add_column("plots", justify="right")
    table.add_column("false plots", justify="right")
    for radar in scenario.radars:
        mine = [who for p, who in zip(sim.plots, sim.plot_aircraft, strict=True) if p.radar_id == radar.id]
        table.add_row(radar.id, str(len(mine)), str(sum(w is None for w in mine)))
    for craft in scenario.aircraft:
        table.add_row(f"  detections of {craft.id}", str(sum(w == craft.id for w in sim.plot_aircraft)), "")
    out.print(table)
    out.print(f"seed {used}; plots written to {out_file}" + (f"; truth to {truth}" if truth else ""), markup=False)


def track(
    scenario_file: Annotated[Path, typer.Option("--scenario", help="scenario file (YAML): radars and frame")],
    plots_file: Annotated[Path, typer.Option("--plots", help="plots, JSON lines (from `interdict simulate`)")],
    out_file: Annotated[Path, typer.Option("--out", help="tracks, JSON lines: one record per scan and track")],
    associator: Annotated[str, typer.Option(help="gnn or jpda")] = "gnn",
) -> None:
    """Track the plots; write confirmed, coasting and deleted tracks per scan (tentative ones are left out)."""
    from interdict.engine.tracking import Tracker, TrackerConfig
    from interdict.engine.tracking.associators import ASSOCIATORS
    from interdict.io.plots_jsonl import read_plots
    from interdict.io.tracks_jsonl import write_tracks
    from interdict.scenario.picture_of import picture_of

    if associator not in ASSOCIATORS:
        raise fail_input(InterdictError(f"--associator: expected {' or '.join(ASSOCIATORS)}, got {associator!r}"))
    outputs_ok((out_file, "--out", JSONL, True))
    scenario = load(scenario_file)
    picture = picture_of(scenario)
    tracker = Tracker(picture.frame, picture.radars, TrackerConfig(associator=associator))  # type: ignore[arg-type]
    step_s = min(r.scan_period_s for r in picture.radars)
    try:
        plots = list(read_plots(plots_file))
        written = write_tracks(out_file, tracker.run(plots, step_s, t_end_s=scenario.duration_s), picture.frame)
    except (InterdictError, OSError) as exc:
        raise fail_input(exc) from None
    if out_file != Path("-"):
        out.print(
            f"{len(plots)} plots -> {len(written.track_ids)} tracks ({written.records} records, {associator}) "
            f"written to {out_file}",
            markup=False,
        )
