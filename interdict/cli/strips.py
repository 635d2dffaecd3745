"""`interdict strips report`: per strip, what the engine inferred over replays, and the ranking of the
strips whose destruction would disrupt the most flights."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, TaskID
from rich.table import Table

from interdict.cli.common import SeedOption, err, fail_input, load, out, outputs_ok, progress
from interdict.core.errors import InterdictError

__all__ = ["strips_app"]

strips_app = typer.Typer(no_args_is_help=True, help="Strips: activity inferred over replays, and where to strike.")


@strips_app.command("report")
def report(
    files: Annotated[list[Path], typer.Argument(metavar="SCENARIO...", help="scenario files (YAML) to replay")],
    seed: SeedOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="print the report as JSON on standard output")] = False,
    markdown: Annotated[Path | None, typer.Option("--out", help="also write the report as Markdown")] = None,
) -> None:
    """Replay each scenario (the engine sees only its picture) and report, per strip, the landings and
    take-offs inferred, the flights, the last activity and the status; then rank the clandestine strips
    in use by the flights their destruction would disrupt."""
    from interdict.engine.rules import BASELINE
    from interdict.replay.loop import run_replay
    from interdict.replay.strips import RunEvents, ranking, strip_activity

    outputs_ok((markdown, "--out", (".md",), False))
    scenarios = [load(f) for f in files]
    runs = []
    with progress() as bar:
        for file, scenario in zip(files, scenarios, strict=True):
            task = bar.add_task(f"replaying {file.name}", total=scenario.duration_s)
            result = run_replay(scenario, seed=seed, progress=partial(_advance, bar, task))
            runs.append(RunEvents(result.picture, result.events, scenario.duration_s))
    activity = strip_activity(runs, BASELINE)
    ranked = ranking(activity)
    data = {**_header(files, scenarios, seed), **_jsonable(activity, ranked, files)}
    if markdown is not None:
        from interdict.io.outputs import atomic_text

        try:
            with atomic_text(markdown) as f:
                f.write(_markdown(data))
        except (InterdictError, OSError) as exc:
            raise fail_input(exc) from None
    if json_out:
        typer.echo(json.dumps(data, indent=2))
        return
    # a table piped to a file keeps its columns
    console = out if out.is_terminal else Console(highlight=False, width=140)
    console.print(_table("Strips with inferred activity", [s for s in data["strips"] if s["flights"]]))
    console.print(_table("Where a strike disrupts the most flights", data["ranking"], ranked=True))
    if markdown is not None:
        err.print(f"wrote {markdown}", markup=False)


def _header(files: Sequence[Path], scenarios: Sequence[Any], seed: int | None) -> dict[str, Any]:
    """The run header (io.header), naming every scenario replayed and the SHA-256 of its file."""
    from interdict.io.audit import file_sha256
    from interdict.io.header import run_header

    header = run_header("strips", scenario=None, scenario_sha256=None, seed=seed)
    replayed = [
        {"file": str(f), "name": s.name, "sha256": file_sha256(f)} for f, s in zip(files, scenarios, strict=True)
    ]
    return {"run": {**header["run"], "scenarios": replayed}}


def _advance(bar: Progress, task: TaskID, t_s: float) -> None:
    bar.update(task, completed=t_s)


def _jsonable(activity: Sequence[Any], ranked: Sequence[Any], files: Sequence[Path]) -> dict[str, Any]:
    def row(a: Any) -> dict[str, Any]:
        return {
            "strip": a.strip_id,
            "kind": a.kind,
            "status": a.status,
            "landings": a.landings,
            "takeoffs": a.takeoffs,
            "flights": a.flights,
            "last_activity_utc": None if a.last_activity_utc is None else a.last_activity_utc.isoformat(),
            "nearest_alternative": a.nearest_alternative,
            "nearest_alternative_m": None if a.nearest_alternative_m is None else round(a.nearest_alternative_m),
        }

    return {
        "scenarios": [str(f) for f in files],
        "strips": [row(a) for a in activity],
        "ranking": [{"rank": k, **row(a)} for k, a in enumerate(ranked, start=1)],
    }


_COLUMNS = ("strip", "kind", "status", "landings", "takeoffs", "flights", "last_activity_utc", "nearest_alternative")
_HEADERS = (
    "strip",
    "kind",
    "status",
    "landings",
    "take-offs",
    "flights",
    "last activity (UTC)",
    "nearest usable alternative",
)


def _cells(row: dict[str, Any]) -> list[str]:
    alt = row["nearest_alternative"]
    near = "–" if alt is None else f"{alt} ({row['nearest_alternative_m'] / 1000:.1f} km)"
    last = row["last_activity_utc"] or "–"
    return [*(str(row[c]) for c in _COLUMNS[:6]), last[:16].replace("T", " "), near]


def _table(title: str, rows: Sequence[dict[str, Any]], *, ranked: bool = False) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("rank",) * ranked + _HEADERS:
        table.add_column(name, no_wrap=True)
    for row in rows:
        table.add_row(*([str(row["rank"])] if ranked else []), *_cells(row))
    return table


def _markdown(data: dict[str, Any]) -> str:
    def rows(items: Sequence[dict[str, Any]], ranked: bool) -> list[str]:
        head = ("rank",) * ranked + _HEADERS
        lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        return lines + ["| " + " | ".join(([str(r["rank"])] if ranked else []) + _cells(r)) + " |" for r in items]

    return "\n".join(
        [
            "# Strip report",
            "",
            "Replays: " + ", ".join(f"`{s}`" for s in data["scenarios"]),
            "",
            "## Where a strike disrupts the most flights",
            "",
            *rows(data["ranking"], True),
            "",
            "## Every strip with inferred activity",
            "",
            *rows([s for s in data["strips"] if s["flights"]], False),
            "",
        ]
    )
