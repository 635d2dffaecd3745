"""The after-action report of a drill (`interdict drill FILE --report DIR`): `report.md`, the drill's
audit log `audit.jsonl` (the trainee's decisions in it are what the report lists), `map.png` (the
trainee's replay) and `timeline.png` (the trainee's decisions against the by-the-book operator's,
with the point where the chain should have stopped and the check that said so).

Where the chain should have stopped: the first decision graded unsafe or premature; the checks
that blocked it (for a refused one), or the check it signed away (for a resolution)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from interdict.core.text import visible
from interdict.drill.grade import Grade, Graded
from interdict.drill.session import DrillRun
from interdict.io.audit_verify import read_records
from interdict.io.outputs import atomic_path, atomic_text
from interdict.replay.loop import ReplayResult
from interdict.replay.map import write_map

__all__ = ["Stop", "stop_point", "write_report"]

_COLOURS = {"correct": "tab:green", "premature": "tab:orange", "unsafe": "tab:red", "book": "tab:blue"}


@dataclass(frozen=True, slots=True)
class Stop:
    t_s: float
    what: str
    checks: tuple[str, ...]


def stop_point(g: Grade) -> Stop | None:
    """The first decision that went past a gate (see the module's docstring), or None."""
    first: Graded | None = next((x for x in g.graded if x.verdict in ("unsafe", "premature")), None)
    if first is None:
        return None
    d = first.decision
    checks = d.blocked_by or ((str(d.params["block"]),) if d.procedure == "resolve" else ())
    return Stop(d.t_s, f"{d.procedure} on {d.track_id or 'no track'} ({first.verdict})", checks)


def write_report(folder: Path, run: DrillRun, reference: ReplayResult, g: Grade, audit_log: Path) -> None:
    """report.md, map.png and timeline.png into `folder` (which exists), beside the audit log."""
    stop = stop_point(g)
    judged = [r for r in read_records(audit_log) if r["kind"] == "judgement"]
    with atomic_text(folder / "report.md") as f:
        f.write(_markdown(run, g, stop, judged, audit_log.name))
    write_map(folder / "map.png", run.replay)
    _timeline_png(folder / "timeline.png", run, reference, g, stop)


def _clock(run: DrillRun, t_s: float) -> str:
    return f"{run.replay.scenario.start + timedelta(seconds=t_s):%H:%M:%S}"


def _cell(text: object) -> str:
    """Text for a Markdown table cell, shown as written (controls and bidirectional marks escaped)."""
    return visible(str(text).replace("\n", " ")).replace("|", "\\|")


def _markdown(run: DrillRun, g: Grade, stop: Stop | None, judged: list[dict[str, object]], audit_name: str) -> str:
    d = run.drill
    lines = [
        f"# After-action report: {_cell(d.title)}",
        "",
        f"Drill `{d.name}`, scenario `{run.replay.scenario.name}`, seed {run.replay.seed}, "
        f"start {run.replay.scenario.start:%Y-%m-%d %H:%M:%S} UTC. Role: {_cell(d.role.name)}.",
        "",
        f"**{'PASS' if g.passed else 'FAIL'}**: grade {g.grade:.2f} (pass mark {d.pass_mark:.2f}); "
        f"{g.matched} of {g.expected} by-the-book procedures done, {g.checkpoints_right} of {g.checkpoints} "
        f"checkpoints right, {len(g.premature)} premature, {len(g.unsafe)} unsafe.",
        "",
    ]
    if g.unsafe:
        lines += ["## Unsafe decisions", ""]
        lines += [f"- {_clock(run, x.decision.t_s)} (t = {x.decision.t_s:.0f} s): {_cell(x.why)}" for x in g.unsafe]
        lines.append("")
    lines += ["## Where the chain should have stopped", ""]
    if stop is None:
        lines.append("Nowhere: every decision was allowed by the gates.")
    else:
        said = f"; the check that said so: {', '.join(stop.checks)} (docs/checks.md)" if stop.checks else ""
        lines.append(f"{_clock(run, stop.t_s)} (t = {stop.t_s:.0f} s): {_cell(stop.what)}{said}.")
    lines += [
        "",
        "## Checkpoints",
        "",
        "| time | question | answer | expected | | why |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for a in run.asked:
        c = a.checkpoint
        lines.append(
            f"| {_clock(run, c.t_s)} | {_cell(c.question)} | {_cell(a.answer or '-')} | {_cell(a.expected)} | "
            f"{'right' if a.right else 'wrong'} | {_cell(c.explanation)} |"
        )
    lines += ["", "## Decisions", "", "| time | track | procedure | verdict | why |", "| --- | --- | --- | --- | --- |"]
    for x in g.graded:
        lines.append(
            f"| {_clock(run, x.decision.t_s)} | {x.decision.track_id or '-'} | {_cell(x.decision.procedure)} | "
            f"{x.verdict} | {_cell(x.why)} |"
        )
    if g.missed:
        lines += ["", "## Missed (the by-the-book operator did them)", ""]
        lines += [f"- {_clock(run, m.t_s)}: {_cell(m.unit)} on {m.aircraft}" for m in g.missed]
    refused = sum(1 for r in judged if isinstance(p := r.get("payload"), dict) and not p.get("allowed"))
    lines += [
        "",
        f"The engine judged {len(judged)} procedures in the drill's audit log (`{audit_name}`), "
        f"{refused} refused. Map: `map.png`; decisions against the by-the-book operator: `timeline.png`.",
        "",
    ]
    return "\n".join(lines)


def _timeline_png(path: Path, run: DrillRun, reference: ReplayResult, g: Grade, stop: Stop | None) -> None:
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    book = [(s.t_s, j.procedure) for s in reference.scored for j in s.judgements if j.allowed]
    ax.scatter([t / 60 for t, _ in book], [1] * len(book), marker="|", s=300, color=_COLOURS["book"])
    for verdict in ("correct", "premature", "unsafe"):
        mine = [x for x in g.graded if x.verdict == verdict]
        ax.scatter(
            [x.decision.t_s / 60 for x in mine],
            [0] * len(mine),
            marker="o",
            s=60,
            color=_COLOURS[verdict],
            label=f"trainee: {verdict}",
        )
    for m in g.missed:
        ax.scatter([m.t_s / 60], [1], marker="x", s=80, color="black")
    if stop is not None:
        ax.axvline(stop.t_s / 60, color="tab:red", ls="--")
        said = f" ({', '.join(stop.checks)})" if stop.checks else ""
        ax.annotate(
            "the chain should have stopped here" + said,
            (stop.t_s / 60, 0.5),
            xytext=(6, 0),
            textcoords="offset points",
            color="tab:red",
            fontsize=9,
        )
    ax.scatter([], [], marker="|", s=300, color=_COLOURS["book"], label="by the book")
    ax.scatter([], [], marker="x", color="black", label="missed by the trainee")
    ax.set_yticks([0, 1], ["trainee", "by the book"])
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlabel("minutes after the scenario's start")
    ax.set_title(f"{run.drill.name}: the trainee's decisions against the by-the-book operator's")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    with atomic_path(path) as partial:
        fig.savefig(partial, format="png", dpi=110)
