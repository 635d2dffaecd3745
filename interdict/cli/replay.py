"""`interdict replay`: the closed loop, the operator's timeline, and the files asked for."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interdict.cli.common import JSONL, SeedOption, err, fail_input, load, out, outputs_ok, progress
from interdict.core.errors import InterdictError
from interdict.io.outputs import STDOUT

if TYPE_CHECKING:
    from interdict.contract.plots import Recording
    from interdict.replay.loop import ReplayResult
    from interdict.scenario.document import Scenario

__all__ = ["replay"]


def replay(
    scenario_file: Annotated[Path | None, typer.Argument(metavar="[FILE]", help="scenario file (YAML)")] = None,
    example: Annotated[
        str | None, typer.Option(help="replay a scenario shipped with interdict instead of FILE (e.g. vraem-shuttle)")
    ] = None,
    seed: SeedOption = None,
    plots_file: Annotated[
        Path | None,
        typer.Option("--plots", help="recorded plots (JSON lines or ASTERIX) instead of the simulation"),
    ] = None,
    plot_format: Annotated[
        str | None, typer.Option("--format", help="of --plots: jsonl or asterix (default: read off the file)")
    ] = None,
    until: Annotated[float | None, typer.Option(help="stop at this t_s (seconds after start)")] = None,
    events: Annotated[Path | None, typer.Option(help="write engine events as JSON lines; - for stdout")] = None,
    audit: Annotated[Path | None, typer.Option(help="write the hash-chained audit log (JSON lines)")] = None,
    signing_key: Annotated[
        Path | None, typer.Option(help="sign the audit log with this Ed25519 key (`interdict audit keygen`)")
    ] = None,
    report: Annotated[Path | None, typer.Option(help="write the scored report (JSON); - for stdout")] = None,
    map_png: Annotated[Path | None, typer.Option("--map", help="write a map (PNG)")] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="write an interactive replay (one HTML file that opens offline)")
    ] = None,
    verbose: Annotated[bool, typer.Option(help="also list every operator procedure")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="print one JSON document (run header, events, board, report), no timeline")
    ] = False,
) -> None:
    """Replay a scenario through the engine: timeline, blocks and what would resolve them, scored report."""
    from interdict.cli.files import read_plot_file
    from interdict.io.audit import file_sha256
    from interdict.replay.timeline import render_timeline

    _check_options(until, events, audit, signing_key, report, map_png, html_out)
    if as_json and STDOUT in (events, report):
        raise fail_input(InterdictError("--json and --events -/--report -: only one output can go to standard output"))
    scenario_file = _scenario_file(scenario_file, example)
    scenario = load(scenario_file)
    if until is not None and until > scenario.duration_s:
        raise fail_input(InterdictError(f"--until {until:g}: the scenario lasts {scenario.duration_s:g} s"))
    used = scenario.seed if seed is None else seed
    machine = as_json or STDOUT in (events, report)  # standard output carries JSON, the timeline stays out of it
    try:
        sha = file_sha256(scenario_file)
        recorded = None if plots_file is None else read_plot_file(plots_file, plot_format, scenario)
        inputs = {} if plots_file is None else {"plots": file_sha256(plots_file)}
        result = _run(scenario, sha, used, until, audit, signing_key, recorded, inputs)
        if not machine:
            render_timeline(result, out, verbose=verbose)
        _write(result, sha, events, report, map_png, html_out)
        if as_json:
            typer.echo(json.dumps(_document(result, sha), sort_keys=True))
    except (InterdictError, OSError) as exc:
        raise fail_input(exc) from None
    written = [
        f"{name} {path}"
        for name, path in (
            ("events", events),
            ("audit", audit),
            ("report", report),
            ("map", map_png),
            ("html", html_out),
        )
        if path
    ]
    for note in result.notes:
        err.print(note, markup=False)
    (err if machine else out).print(
        f"seed {used}"
        + (f"; wrote {', '.join(written)}" if written else "; audit kept in memory (--audit FILE to keep it)")
        + ("; audit signed" if signing_key else ""),
        markup=False,
    )


def _scenario_file(scenario_file: Path | None, example: str | None) -> Path:
    """FILE, or the shipped example named by --example (exactly one of them)."""
    from interdict.scenario.examples import example_path

    if (scenario_file is None) == (example is None):
        raise fail_input(InterdictError("give a scenario FILE or --example NAME (one of them)"))
    try:
        return example_path(example) if example is not None else Path(str(scenario_file))
    except InterdictError as exc:
        raise fail_input(exc) from None


def _check_options(
    until: float | None,
    events: Path | None,
    audit: Path | None,
    signing_key: Path | None,
    report: Path | None,
    map_png: Path | None,
    html_out: Path | None,
) -> None:
    """Bad options exit 2 before any work: times, output folders and extensions, a key without a log."""
    if until is not None and not (math.isfinite(until) and until > 0):
        raise fail_input(InterdictError(f"--until {until:g}: expected a time after the start, in seconds (> 0)"))
    if events == STDOUT and report == STDOUT:
        raise fail_input(InterdictError("--events - and --report -: only one output can go to standard output"))
    if signing_key is not None and audit is None:
        raise fail_input(InterdictError("--signing-key: give --audit FILE too; a log kept in memory is not signed"))
    outputs_ok(
        (events, "--events", JSONL, True),
        (audit, "--audit", JSONL, False),
        (report, "--report", (".json",), True),
        (map_png, "--map", (".png",), False),
        (html_out, "--html", (".html", ".htm"), False),
    )


def _run(
    scenario: Scenario,
    scenario_sha256: str,
    used: int,
    until: float | None,
    audit: Path | None,
    signing_key: Path | None,
    recorded: Recording | None,
    inputs: dict[str, str],
) -> ReplayResult:
    """The replay, with its audit log in a file (signed when a key is given) or in memory."""
    from interdict.io.audit import AuditLog
    from interdict.io.signing import load_private_key
    from interdict.replay.loop import audit_identity, run_replay

    signer = None if signing_key is None else load_private_key(signing_key)
    identity = audit_identity(scenario, scenario_sha256, used, inputs=inputs, until_s=until)
    log = AuditLog.open(audit, signer=signer, **identity) if audit else AuditLog(io.StringIO(), **identity)
    end_s = scenario.duration_s if until is None else until
    with log, progress() as bar:
        task = bar.add_task("replaying", total=end_s)
        return run_replay(
            scenario,
            seed=used,
            until_s=until,
            audit=log,
            progress=lambda t_s: bar.update(task, completed=t_s),
            plots=None if recorded is None else recorded.plots,
            north=() if recorded is None else recorded.north_markers,
        )


def _header(result: ReplayResult, sha: str, kind: str) -> dict[str, Any]:
    from interdict.io.header import run_header

    return run_header(kind, scenario=result.scenario.name, scenario_sha256=sha, seed=result.seed)


def _document(result: ReplayResult, sha: str) -> dict[str, Any]:
    """`--json`: the run header, the events, the status board and the scored report in one document."""
    from dataclasses import asdict

    from interdict.core.jsonable import to_jsonable
    from interdict.replay.board import board_rows

    board = board_rows(a for step in result.steps for a in step.audit)
    return {
        **_header(result, sha, "replay"),
        "events": to_jsonable(result.events),
        "board": [asdict(row) for row in board],
        "report": result.report,
    }


def _write(
    result: ReplayResult,
    sha: str,
    events: Path | None,
    report: Path | None,
    map_png: Path | None,
    html_out: Path | None,
) -> None:
    from interdict.io.events_jsonl import write_events
    from interdict.io.outputs import atomic_text
    from interdict.replay.html import write_html
    from interdict.replay.map import write_map

    if events:
        write_events(events, result.events, _header(result, sha, "events"))
    if report:
        with atomic_text(report) as f:
            f.write(json.dumps({**_header(result, sha, "report"), **result.report}, indent=2, sort_keys=True) + "\n")
    if map_png:
        write_map(map_png, result)
    if html_out:
        write_html(html_out, result)
