"""Command-line interface: thin typer commands that parse, load, call one library function, render.

Exit status: 0 ok; 1 ran but failed (e.g. an audit log that does not verify); 2 bad input, with the
error text on stderr and no traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from interdict.core.errors import InterdictError
from interdict.io.plots_jsonl import write_plots
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario

__all__ = ["app"]

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Air-track identification decision support with civil-safety gates.",
)

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _progress() -> Progress:
    """A transient progress bar on stderr (shown only on a terminal)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=_err, transient=True)


def _fail_input(exc: InterdictError) -> typer.Exit:
    """Print a bad-input error without a traceback; the caller raises the returned Exit(2)."""
    _err.print(str(exc), markup=False)
    return typer.Exit(code=2)


@app.command()
def validate(files: Annotated[list[Path], typer.Argument(help="scenario files (YAML)")]) -> None:
    """Check scenario files; exit 0 when all are valid, 2 otherwise, listing every problem."""
    bad = 0
    for file in files:
        try:
            scenario = load_scenario(file)
        except InterdictError as exc:
            bad += 1
            _err.print(str(exc), markup=False)
            continue
        _out.print(
            f"{file}: ok ({scenario.name}: {len(scenario.aircraft)} aircraft, "
            f"{len(scenario.radars)} radars, {len(scenario.strips)} strips)",
            markup=False,
        )
    if bad:
        raise typer.Exit(code=2)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format (for editor completion)."""
    typer.echo(json.dumps(Scenario.model_json_schema(), indent=2))


SeedOption = Annotated[int | None, typer.Option(help="random seed; default: the scenario's `seed`")]


def _load(file: Path) -> Scenario:
    try:
        return load_scenario(file)
    except InterdictError as exc:
        raise _fail_input(exc) from None


@app.command()
def simulate(
    scenario_file: Annotated[Path, typer.Argument(metavar="FILE", help="scenario file (YAML)")],
    out: Annotated[Path, typer.Option(help="plots, JSON lines (one Plot per line)")],
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

    from interdict.world.radar import simulate as run
    from interdict.world.radar import truth_records

    scenario = _load(scenario_file)
    used = scenario.seed if seed is None else seed
    with _progress() as bar:
        task = bar.add_task("simulating radars", total=len(scenario.radars))
        sim = run(scenario, used, progress=lambda done, _total: bar.update(task, completed=done))
    try:
        write_plots(out, sim.plots)
        if truth is not None:
            with truth.open("w", encoding="utf-8", newline="\n") as f:
                for record in truth_records(sim):
                    f.write(json.dumps(record, separators=(",", ":")) + "\n")
    except OSError as exc:
        raise _fail_input(InterdictError(f"{exc.filename}: cannot write: {exc.strerror}")) from None
    table = Table(title=f"{scenario.name}: {len(sim.plots)} plots, seed {used}")
    table.add_column("radar")
    table.add_column("plots", justify="right")
    table.add_column("false plots", justify="right")
    for radar in scenario.radars:
        mine = [who for p, who in zip(sim.plots, sim.plot_aircraft, strict=True) if p.radar_id == radar.id]
        table.add_row(radar.id, str(len(mine)), str(sum(w is None for w in mine)))
    for craft in scenario.aircraft:
        table.add_row(f"  detections of {craft.id}", str(sum(w == craft.id for w in sim.plot_aircraft)), "")
    _out.print(table)
    _out.print(f"seed {used}; plots written to {out}" + (f"; truth to {truth}" if truth else ""), markup=False)


@app.command()
def track(
    scenario_file: Annotated[Path, typer.Option("--scenario", help="scenario file (YAML): radars and frame")],
    plots_file: Annotated[Path, typer.Option("--plots", help="plots, JSON lines (from `interdict simulate`)")],
    out: Annotated[Path, typer.Option(help="tracks, JSON lines: one record per scan and track")],
    associator: Annotated[str, typer.Option(help="gnn or jpda")] = "gnn",
) -> None:
    """Track the plots; write confirmed, coasting and deleted tracks per scan (tentative ones are left out)."""
    from interdict.engine.tracking import Tracker, TrackerConfig
    from interdict.io.plots_jsonl import read_plots
    from interdict.io.tracks_jsonl import write_tracks
    from interdict.scenario.picture_of import picture_of

    if associator not in ("gnn", "jpda"):
        raise _fail_input(InterdictError(f"--associator: expected gnn or jpda, got {associator!r}"))
    scenario = _load(scenario_file)
    picture = picture_of(scenario)
    tracker = Tracker(picture.frame, picture.radars, TrackerConfig(associator=associator))  # type: ignore[arg-type]
    step_s = min(r.scan_period_s for r in picture.radars)
    try:
        plots = list(read_plots(plots_file))
        written = write_tracks(out, tracker.run(plots, step_s, t_end_s=scenario.duration_s), picture.frame)
    except InterdictError as exc:
        raise _fail_input(exc) from None
    except OSError as exc:
        raise _fail_input(InterdictError(f"{exc.filename}: cannot write: {exc.strerror}")) from None
    _out.print(
        f"{len(plots)} plots -> {len(written.track_ids)} tracks ({written.records} records, {associator}) "
        f"written to {out}",
        markup=False,
    )


@app.command()
def replay(
    scenario_file: Annotated[Path, typer.Argument(metavar="FILE", help="scenario file (YAML)")],
    seed: SeedOption = None,
    until: Annotated[float | None, typer.Option(help="stop at this t_s (seconds after start)")] = None,
    events: Annotated[Path | None, typer.Option(help="write engine events as JSON lines")] = None,
    audit: Annotated[Path | None, typer.Option(help="write the hash-chained audit log (JSON lines)")] = None,
    report: Annotated[Path | None, typer.Option(help="write the scored report (JSON)")] = None,
    map_png: Annotated[Path | None, typer.Option("--map", help="write a map (PNG)")] = None,
    verbose: Annotated[bool, typer.Option(help="also list every operator procedure")] = False,
) -> None:
    """Replay a scenario through the engine: timeline, blocks and what would resolve them, scored report."""
    import io

    from interdict.engine.rules import BASELINE, rules_sha256
    from interdict.io.audit import AuditLog, file_sha256
    from interdict.io.events_jsonl import write_events
    from interdict.replay.loop import audit_header, run_replay
    from interdict.replay.map import write_map
    from interdict.replay.timeline import render_timeline

    scenario = _load(scenario_file)
    used = scenario.seed if seed is None else seed
    try:
        scenario_sha, rules_sha = file_sha256(scenario_file), rules_sha256(BASELINE)
        log = (
            AuditLog.open(audit, scenario_sha256=scenario_sha, rules_sha256=rules_sha, seed=used, header=audit_header())
            if audit
            else AuditLog(
                io.StringIO(), scenario_sha256=scenario_sha, rules_sha256=rules_sha, seed=used, header=audit_header()
            )
        )
        end_s = scenario.duration_s if until is None else min(until, scenario.duration_s)
        with log, _progress() as bar:
            task = bar.add_task("replaying", total=end_s)
            result = run_replay(
                scenario, seed=used, until_s=until, audit=log, progress=lambda t_s: bar.update(task, completed=t_s)
            )
        render_timeline(result, _out, verbose=verbose)
        if events:
            write_events(events, result.events)
        if report:
            report.write_text(json.dumps(result.report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if map_png:
            write_map(map_png, result)
    except InterdictError as exc:
        raise _fail_input(exc) from None
    except OSError as exc:
        raise _fail_input(InterdictError(f"{exc.filename}: cannot write: {exc.strerror}")) from None
    written = [
        f"{name} {path}"
        for name, path in (("events", events), ("audit", audit), ("report", report), ("map", map_png))
        if path
    ]
    _out.print(
        f"seed {used}"
        + (f"; wrote {', '.join(written)}" if written else "; audit kept in memory (--audit FILE to keep it)"),
        markup=False,
    )


audit_app = typer.Typer(no_args_is_help=True, help="Audit log tools.")
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(file: Annotated[Path, typer.Argument(help="audit log (JSON lines)")]) -> None:
    """Verify the hash chain: exit 0 with OK, 1 naming the first broken record, 2 if unreadable."""
    from interdict.io.audit import verify_audit

    try:
        result = verify_audit(file)
    except InterdictError as exc:
        raise _fail_input(exc) from None
    if result.ok:
        _out.print(f"OK: {file}: {result.reason}", markup=False)
        return
    _out.print(f"BROKEN: {file}: first bad record {result.first_bad_seq}: {result.reason}", markup=False)
    raise typer.Exit(code=1)
