"""Commands on scenario and plot files: validate, schema, simulate, track, adsb."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from interdict.cli.common import JSONL, MAX_SEED, SeedOption, err, fail_input, load, out, outputs_ok, progress
from interdict.core.errors import InterdictError

if TYPE_CHECKING:
    from interdict.contract.plots import Recording
    from interdict.scenario.document import Scenario

__all__ = ["validate", "schema", "simulate", "track", "adsb"]


def validate(
    files: Annotated[list[Path], typer.Argument(help="scenario, drill or answers files (YAML)")],
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per file: file, ok, problems")] = False,
) -> None:
    """Check scenario, drill and answers files; exit 0 when all are valid, 2 otherwise, listing every
    problem by key path."""
    bad = 0
    if as_json:
        from interdict.io.header import run_header

        typer.echo(json.dumps(run_header("validation", scenario=None, scenario_sha256=None, seed=None)))
    for file in files:
        try:
            scenario, warnings = _load_any(file)
        except InterdictError as exc:
            bad += 1
            if as_json:
                typer.echo(json.dumps({"file": str(file), "ok": False, "problems": str(exc).splitlines()}))
            else:
                err.print(str(exc), markup=False)
            continue
        if as_json:
            typer.echo(json.dumps({"file": str(file), "ok": True, **scenario, "warnings": warnings}))
        else:
            out.print(f"{file}: ok ({', '.join(f'{k} {v}' for k, v in scenario.items())})", markup=False)
            for w in warnings:
                err.print(f"{file}: warning: {w}", markup=False)
    if bad:
        raise typer.Exit(code=2)


PLOT_FORMATS = {"jsonl": JSONL, "asterix": (".ast", ".asterix", ".bin")}


def read_plot_file(path: Path, plot_format: str | None, scenario: Scenario) -> Recording:
    """Plots from JSON lines or ASTERIX (`plot_format`, or read off the file's first bytes), with
    ASTERIX's north markers; the scenario gives the radars' SAC/SIC and the start (ASTERIX carries
    the time of day)."""
    from interdict.contract.plots import Recording
    from interdict.io.asterix import is_asterix, read_asterix
    from interdict.io.plots_jsonl import read_plots

    if plot_format is not None and plot_format not in PLOT_FORMATS:
        raise InterdictError(f"--format: expected {' or '.join(PLOT_FORMATS)}, got {plot_format!r}")
    try:
        binary = is_asterix(path) if plot_format is None else plot_format == "asterix"
    except OSError as exc:
        raise InterdictError(f"{path}: cannot read the file: {exc.strerror}") from exc
    recording = read_asterix(path, scenario.radars, scenario.start) if binary else Recording(tuple(read_plots(path)))
    known = {r.id for r in scenario.radars}
    unknown = sorted({p.radar_id for p in recording.plots} - known)
    if unknown:
        radars = ", ".join(sorted(known))
        raise InterdictError(f"{path}: plots of radar(s) {', '.join(unknown)}, not in the scenario ({radars})")
    return recording


def _load_any(file: Path) -> tuple[dict[str, object], list[str]]:
    """Load a scenario, a drill or an answers file (by its `format`); what it holds, for the summary,
    and the gaps in a scenario's stated ATS coverage (SC-22 will hold them UNKNOWN)."""
    from interdict.drill.load import load_answers, load_drill
    from interdict.scenario.coverage import coverage_warnings
    from interdict.scenario.load import read_yaml, scenario_of

    data = read_yaml(str(file))  # read once, whatever the format
    kind = data.get("format") if isinstance(data, dict) else None
    if kind == "interdict-drill/1":
        drill, scenario = load_drill(file, data)
        return {"drill": drill.name, "on": scenario.name, "checkpoints": len(drill.checkpoints)}, []
    if kind == "interdict-answers/1":
        answers = load_answers(file, data=data)
        sibling = file.parent / f"{answers.drill}.yaml"  # the drill beside it, when there is one: checked against it
        if sibling.is_file() and sibling.resolve() != file.resolve():
            drill, scenario = load_drill(sibling)
            answers = load_answers(file, drill, data, scenario)
        held = {"answers": answers.drill, "actions": len(answers.actions), "checkpoint answers": len(answers.answers)}
        return held, []
    scenario = scenario_of(data, str(file))
    summary: dict[str, object] = {
        "scenario": scenario.name,
        "aircraft": len(scenario.aircraft),
        "radars": len(scenario.radars),
        "strips": len(scenario.strips),
    }
    return summary, coverage_warnings(scenario)


def schema() -> None:
    """Print the JSON Schema of the scenario format (for editor completion; docs/scenario.schema.json)."""
    from interdict.scenario.schema import scenario_schema

    typer.echo(json.dumps(scenario_schema(), indent=2))


def simulate(
    scenario_file: Annotated[Path, typer.Argument(metavar="FILE", help="scenario file (YAML)")],
    out_file: Annotated[
        Path, typer.Option("--out", help="plots: JSON lines (one Plot per line; - for stdout) or ASTERIX (--format)")
    ],
    seed: SeedOption = None,
    plot_format: Annotated[
        str, typer.Option("--format", help="jsonl, or asterix (CAT048 target reports and CAT034 north markers)")
    ] = "jsonl",
    truth: Annotated[
        Path | None,
        typer.Option(
            help="truth for scorers, JSON lines: which aircraft made each plot, every aircraft's state per scan"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print what was written as JSON")] = False,
) -> None:
    """Simulate the scenario's radars and write the plots (ordered by t_s)."""
    from rich.table import Table

    from interdict.io.audit import file_sha256
    from interdict.io.header import run_header
    from interdict.io.outputs import atomic_text
    from interdict.io.plots_jsonl import write_plots
    from interdict.world.radar import simulate as run
    from interdict.world.radar import truth_records

    if plot_format not in PLOT_FORMATS:
        raise fail_input(InterdictError(f"--format: expected {' or '.join(PLOT_FORMATS)}, got {plot_format!r}"))
    outputs_ok((out_file, "--out", PLOT_FORMATS[plot_format], plot_format == "jsonl"), (truth, "--truth", JSONL, False))
    scenario = load(scenario_file)
    used = scenario.seed if seed is None else seed
    with progress() as bar:
        task = bar.add_task("simulating radars", total=len(scenario.radars))
        sim = run(scenario, used, progress=lambda done, _total: bar.update(task, completed=done))
    try:
        header = partial(run_header, scenario=scenario.name, scenario_sha256=file_sha256(scenario_file), seed=used)
        if plot_format == "asterix":
            from interdict.contract.plots import NorthMarker
            from interdict.io.asterix import write_asterix

            north = [NorthMarker(s.radar_id, s.t_s) for s in sim.scans]  # the antenna's own turns
            write_asterix(out_file, sim.plots, scenario.radars, scenario.start, north)
        else:
            write_plots(out_file, sim.plots, header("plots"))
        if truth is not None:
            with atomic_text(truth) as f:
                for record in (header("truth"), *truth_records(sim)):
                    f.write(json.dumps(record, separators=(",", ":")) + "\n")
    except OSError as exc:
        raise fail_input(exc) from None
    if as_json and out_file != Path("-"):
        per_radar = {r.id: sum(p.radar_id == r.id for p in sim.plots) for r in scenario.radars}
        false = sum(who is None for who in sim.plot_aircraft)
        written = {"plots": len(sim.plots), "false_plots": false, "plots_per_radar": per_radar}
        files = {"out": str(out_file), "truth": None if truth is None else str(truth)}
        typer.echo(json.dumps({**header("simulate"), **written, **files}, sort_keys=True))
    if as_json or out_file == Path("-"):
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
    out.print(
        f"seed {used}; plots written to {out_file} ({plot_format})" + (f"; truth to {truth}" if truth else ""),
        markup=False,
    )


def track(
    scenario_file: Annotated[Path, typer.Option("--scenario", help="scenario file (YAML): radars and frame")],
    plots_file: Annotated[
        Path, typer.Option("--plots", help="plots: JSON lines or ASTERIX CAT048/CAT034 (from `interdict simulate`)")
    ],
    out_file: Annotated[Path, typer.Option("--out", help="tracks, JSON lines: one record per scan and track")],
    associator: Annotated[str, typer.Option(help="gnn or jpda")] = "gnn",
    plot_format: Annotated[
        str | None, typer.Option("--format", help="jsonl or asterix (default: read off the file's first bytes)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print what was written as JSON")] = False,
) -> None:
    """Track the plots; write confirmed, coasting and deleted tracks per scan (tentative ones are left out)."""
    from interdict.engine.tracking import Tracker, TrackerConfig
    from interdict.engine.tracking.associators import ASSOCIATORS
    from interdict.io.audit import file_sha256
    from interdict.io.header import header_of, run_header
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
        recording = read_plot_file(plots_file, plot_format, scenario)
        plots = recording.plots
        sha, plots_sha = file_sha256(scenario_file), file_sha256(plots_file)
        seed = (header_of(plots_file) or {}).get("seed")  # the simulation's, when the plots say it
        header = run_header("tracks", scenario=scenario.name, scenario_sha256=sha, seed=seed, plots_sha256=plots_sha)
        scans = tracker.run(plots, step_s, t_end_s=scenario.duration_s, north=recording.north_markers)
        written = write_tracks(out_file, scans, picture.frame, header)
    except (InterdictError, OSError) as exc:
        raise fail_input(exc) from None
    if as_json and out_file != Path("-"):
        counts = {"plots": len(plots), "tracks": len(written.track_ids), "records": written.records}
        typer.echo(json.dumps({**header, **counts, "associator": associator, "out": str(out_file)}, sort_keys=True))
    elif out_file != Path("-"):
        out.print(
            f"{len(plots)} plots -> {len(written.track_ids)} tracks ({written.records} records, {associator}) "
            f"written to {out_file}",
            markup=False,
        )


def adsb(
    state_vectors: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="ADS-B state vectors: OpenSky or traffic columns; CSV, JSON or JSON lines"),
    ],
    out_file: Annotated[Path, typer.Option("--out", help="the scenario to write (YAML)")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="move the flights so that their centre is at LAT,LON (degrees; write --at=-12.4,-73.9)"
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="the scenario's name (default: the file's stem)")] = None,
    max_gap_s: Annotated[float, typer.Option(help="a silence longer than this ends a flight", min=1.0)] = 60.0,
    aircraft_type: Annotated[str, typer.Option(help="the ICAO type given to every aircraft")] = "C210",
    seed: Annotated[int, typer.Option(help="the scenario's seed", min=0, max=MAX_SEED)] = 1,
    smooth: Annotated[
        bool,
        typer.Option(
            "--smooth/--as-recorded",
            help="smooth the positions with the reported speed and track (an RTS smoother: public samples "
            "stamp positions with times seconds off), or keep them exactly as recorded",
        ),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="print what was written as JSON")] = False,
) -> None:
    """Turn recorded ADS-B flights into a scenario whose aircraft fly the recorded positions, with a
    primary radar to make plots of them (interdict simulate, track, bench on real trajectories)."""
    import yaml

    from interdict.io.adsb import adsb_scenario
    from interdict.io.outputs import atomic_text

    outputs_ok((out_file, "--out", (".yaml", ".yml"), False))
    try:
        label = name or _identifier(state_vectors.name.split(".")[0])
        scenario, read = adsb_scenario(
            state_vectors,
            label,
            at=_lat_lon(at),
            smooth=smooth,
            max_gap_s=max_gap_s,
            seed=seed,
            aircraft_type=aircraft_type,
        )
        with atomic_text(out_file) as f:
            f.write(yaml.safe_dump(scenario.model_dump(mode="json", exclude_defaults=True), sort_keys=False))
    except (InterdictError, OSError) as exc:
        raise fail_input(exc) from None
    hours = sum(float(f.t_unix_s[-1] - f.t_unix_s[0]) for f in read.flights) / 3600.0
    from interdict.io.audit import file_sha256
    from interdict.io.header import run_header

    summary = {
        **run_header(
            "adsb-import",
            scenario=scenario.name,
            scenario_sha256=file_sha256(out_file),
            seed=seed,
            inputs={"adsb": file_sha256(state_vectors)},
        ),
        "out": str(out_file),
        "dialect": read.dialect,
        "rows": read.rows,
        "flights": len(read.flights),
        "flight_hours": round(hours, 3),
        "rows_without_position": read.unpositioned,
        "single_position_flights": read.single_positions,
        "smoothed": smooth,
    }
    if as_json:
        typer.echo(json.dumps(summary, sort_keys=True))
        return
    out.print(
        f"{out_file}: {len(read.flights)} flights, {hours:.2f} flight hours from {read.rows} rows ({read.dialect}); "
        f"left out: {read.unpositioned} rows without a position, {read.single_positions} single-position flights",
        markup=False,
    )


def _lat_lon(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    parts = text.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise InterdictError(f"--at: expected LAT,LON in degrees such as -12.4,-73.9, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InterdictError(f"--at: latitude within +/-90 and longitude within +/-180 degrees, got {text!r}")
    return lat, lon


def _identifier(text: str) -> str:
    """A scenario name from a file name: ASCII letters, digits, '_', '.', '-' (anything else is '-')."""
    cleaned = "".join(c if (c.isascii() and c.isalnum()) or c in "_.-" else "-" for c in text).strip("-_.")
    return cleaned[:64] or "recorded"
