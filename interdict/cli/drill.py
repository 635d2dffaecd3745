"""`interdict drill`: a trainee steps through a drill in the terminal, or its answers come from a
file; the decisions are graded against the by-the-book operator; exit 0 for a pass, 1 for a fail."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from interdict.cli.common import err, fail_input, out
from interdict.core.errors import InterdictError

if TYPE_CHECKING:
    from interdict.drill.document import Drill
    from interdict.drill.grade import Grade
    from interdict.drill.session import DrillRun
    from interdict.scenario.document import Scenario

__all__ = ["drill"]


def drill(
    drill_file: Annotated[Path, typer.Argument(metavar="FILE", help="drill file (YAML, interdict-drill/1)")],
    answers: Annotated[
        Path | None, typer.Option(help="answers file (interdict-answers/1): run the drill without a person")
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(help="folder for the after-action report: report.md, audit.jsonl, map.png, timeline.png"),
    ] = None,
    write_model: Annotated[
        Path | None, typer.Option(help="write the model answers (the by-the-book operator's) to this YAML file")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the grade as JSON")] = False,
) -> None:
    """Step through a rules-of-engagement drill (interactive, Textual) or run it from an answers
    file; grade every decision against the by-the-book operator (exit 0: pass, 1: fail)."""
    from interdict.drill.load import load_answers, load_drill
    from interdict.drill.session import reference_of, scenario_path
    from interdict.io.outputs import check_folder
    from interdict.replay.loop import run_replay

    try:
        check_folder(report, "--report")
        spec, scenario = load_drill(drill_file)
        given = None if answers is None else load_answers(answers, spec, scenario=scenario)
    except InterdictError as exc:
        raise fail_input(exc) from None
    reference = run_replay(reference_of(scenario), seed=spec.seed, until_s=spec.until_s)
    if write_model is not None:
        _write_model(write_model, spec, scenario, reference)
        return
    if report is not None:
        report.mkdir(exist_ok=True)
    if given is None and not sys.stdin.isatty():
        raise fail_input(
            InterdictError("the interactive drill needs a terminal; give --answers A.yaml to run without one")
        )
    from interdict.io.audit import file_sha256

    scenario_sha = file_sha256(scenario_path(drill_file, spec))
    inputs = {"drill": file_sha256(drill_file), **({"answers": file_sha256(answers)} if answers else {})}
    run = _run(spec, scenario, scenario_sha, given, report, inputs)
    from interdict.drill.grade import grade

    g = grade(run, reference)
    if report is not None:
        from interdict.drill.report import write_report

        write_report(report, run, reference, g, report / "audit.jsonl")
    _show(run, g, as_json, report, {"scenario": scenario_sha, **inputs})
    if not g.passed:
        raise typer.Exit(code=1)


def _run(
    spec: Drill, scenario: Scenario, scenario_sha256: str, given: Any, report: Path | None, inputs: dict[str, str]
) -> DrillRun:
    """The drill with its audit log (in the report folder when there is one)."""
    import io

    from interdict.drill.session import DrillSession, run_with_answers
    from interdict.io.audit import AuditLog
    from interdict.replay.loop import audit_identity

    seed = spec.seed if spec.seed is not None else scenario.seed
    identity = audit_identity(scenario, scenario_sha256, seed, inputs=inputs, until_s=spec.until_s)
    log = (
        AuditLog.open(report / "audit.jsonl", **identity) if report is not None else AuditLog(io.StringIO(), **identity)
    )
    with log:
        if given is not None:
            return run_with_answers(spec, scenario, given, log)
        from interdict.drill.tui import DrillApp

        session = DrillSession(spec, scenario, log)
        DrillApp(session).run()
        return session.result()


def _write_model(path: Path, spec: Drill, scenario: Scenario, reference: Any) -> None:
    import yaml

    from interdict.drill.model import model_answers
    from interdict.io.outputs import atomic_text

    doc = model_answers(spec, scenario, reference)
    with atomic_text(path) as f:
        f.write(f"# Model answers of drill {spec.name}: the by-the-book operator's decisions (drill --write-model)\n")
        f.write(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    out.print(f"wrote {path}: {len(doc['actions'])} actions, {len(doc['answers'])} checkpoint answers", markup=False)


def _show(run: DrillRun, g: Grade, as_json: bool, report: Path | None, inputs: dict[str, str]) -> None:
    from interdict.drill.report import stop_point

    stop = stop_point(g)
    if as_json:
        from interdict.io.header import run_header

        r = run.replay
        doc = {
            **run_header(
                "drill-grade",
                scenario=r.scenario.name,
                scenario_sha256=inputs.get("scenario"),
                seed=r.seed,
                inputs=inputs,
                until_s=run.drill.until_s,
            ),
            "drill": run.drill.name,
            "passed": g.passed,
            "grade": round(g.grade, 4),
            "pass_mark": run.drill.pass_mark,
            "matched": g.matched,
            "expected": g.expected,
            "checkpoints_right": g.checkpoints_right,
            "checkpoints": g.checkpoints,
            "unsafe": [{"t_s": x.decision.t_s, "procedure": x.decision.procedure, "why": x.why} for x in g.unsafe],
            "premature": [
                {"t_s": x.decision.t_s, "procedure": x.decision.procedure, "why": x.why} for x in g.premature
            ],
            "missed": [{"t_s": m.t_s, "aircraft": m.aircraft, "procedure": m.unit} for m in g.missed],
            "stop": None if stop is None else {"t_s": stop.t_s, "what": stop.what, "checks": list(stop.checks)},
        }
        typer.echo(json.dumps(doc, sort_keys=True))
        return
    table = Table(title=f"drill {run.drill.name}: decisions")
    for col in ("t", "track", "procedure", "verdict", "why"):
        table.add_column(col)
    for x in g.graded:
        d = x.decision
        table.add_row(*(Text(str(c)) for c in (f"{d.t_s:.0f} s", d.track_id or "-", d.procedure, x.verdict, x.why)))
    out.print(table)
    for x in g.unsafe:
        out.print(Text(f"UNSAFE at t = {x.decision.t_s:.0f} s: {x.why}", "bold red"))
    if stop is not None:
        out.print(
            Text(
                f"the chain should have stopped at t = {stop.t_s:.0f} s: {stop.what}"
                + (f" ({', '.join(stop.checks)})" if stop.checks else "")
            )
        )
    for m in g.missed:
        out.print(Text(f"missed: {m.unit} on {m.aircraft} (by the book at t = {m.t_s:.0f} s)"))
    out.print(
        Text(
            f"{'PASS' if g.passed else 'FAIL'}: grade {g.grade:.2f}, pass mark {run.drill.pass_mark:.2f}; "
            f"{g.matched}/{g.expected} procedures, {g.checkpoints_right}/{g.checkpoints} checkpoints, "
            f"{len(g.premature)} premature, {len(g.unsafe)} unsafe",
            "bold green" if g.passed else "bold red",
        )
    )
    if report is not None:
        err.print(f"wrote {report}/: report.md, audit.jsonl, map.png, timeline.png", markup=False)
