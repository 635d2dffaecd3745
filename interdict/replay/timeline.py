"""The operator's timeline in a terminal (rich): what the engine saw, inferred and recommended, why
each block held and what would resolve it, then the scorer's report. Free text (reasons, names,
dissent) is never markup: styled pieces are assembled as `Text`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from interdict.engine.events import EngineEvent
from interdict.replay.loop import ReplayResult

__all__ = ["render_timeline", "render_events"]

_STYLE = {
    "track_confirmed": "bold",
    "track_lost": "dim",
    "recommendation_changed": "bold cyan",
    "request_refused": "bold red",
    "landing_inferred": "magenta",
    "takeoff_inferred": "magenta",
    "destination_predicted": "magenta",
    "evidence_added": "green",
    "procedure": "yellow",
    "no_track_for_aircraft": "red",
    "procedure_refused": "bold red",
    "resolution_refused": "bold red",
    "resolution_recorded": "cyan",
    "identity_quarantined": "bold yellow",
    "evidence_for_lost_track": "yellow",
    "observation_unfiled": "yellow",
}


def render_timeline(result: ReplayResult, console: Console, *, verbose: bool = False) -> None:
    """The operator's timeline: what the engine saw, inferred and recommended, and why each block held."""
    pic = result.picture
    console.print(
        Text.assemble(
            (result.scenario.name, "bold"),
            f"  seed {result.seed}  {len(result.simulation.plots)} plots from {len(pic.radars)} radar(s), "
            f"{len(pic.strips)} strips",
        ),
        highlight=False,
    )
    render_events(result.events, console, verbose=verbose)
    console.print(_report_table(result.report))
    console.print(_totals_line(result.report), highlight=False)


def render_events(events: Iterable[EngineEvent], console: Console, *, verbose: bool = False) -> None:
    """One line per event (procedures carried out only when `verbose`), each block under its
    recommendation with its reason, requirement and what would resolve it."""
    for e in events:
        if e.kind == "procedure" and not verbose:
            continue
        console.print(
            Text.assemble(
                f"t={e.t_s:6.0f}s  {e.track_id or '':6} ", (f"{e.kind:22}", _STYLE.get(e.kind, "")), f" {e.summary}"
            ),
            highlight=False,
            soft_wrap=True,
        )
        blocks = e.detail.get("blocked_by", []) if e.kind == "recommendation_changed" else []
        for b in blocks if isinstance(blocks, list) else []:
            if isinstance(b, dict):
                console.print(_block_line(b), highlight=False, soft_wrap=True)


def _block_line(b: dict[str, Any]) -> Text:
    """One blocking check under a recommendation: verdict, reason, requirement, what resolves it."""
    return Text.assemble(
        f"{'':16}  ",
        (f"{b['check']} {b['verdict']}", "red"),
        f": {b['reason']} ",
        (f"({b['requirement']})", "dim"),
        f"\n{'':18}-> {b['resolve']}" if b["resolve"] else "",
    )


def _report_table(report: Mapping[str, Any]) -> Table:
    """The scorer's table: one row per true aircraft (truth, for the scorer only)."""
    table = Table(title="scored report (truth, for the scorer only)")
    for col in ("aircraft", "role", "tracks", "max rung", "ground cue", "civil indicator"):
        table.add_column(col)
    for aid, row in report["aircraft"].items():
        cue = row["ground_cue"]
        cue_text = (
            "-"
            if cue is None
            else f"{cue['strip']} at {cue['t_s']:.0f} s"
            + (
                f", {cue['lead_s']:.0f} s before landing"
                if cue["lead_s"] is not None
                else ", aircraft did not land there"
            )
        )
        cells = (
            aid,
            row["role"],
            ", ".join(row["tracks"]) or "-",
            row["max_rung"] or "-",
            cue_text,
            "discoverable" if row["civil_indicator_discoverable"] else "none",
        )
        table.add_row(*(Text(str(c)) for c in cells))
    return table


def _totals_line(report: Mapping[str, Any]) -> Text:
    totals = report["totals"]
    return Text(
        f"wrongful escalations: {totals['wrongful_escalations']} (civil aircraft cued {totals['civil_cued']}, "
        f"intercepted {totals['civil_intercepted']}, told to land {totals['civil_instructed_to_land']}); "
        f"operator actions refused: {totals['refused_operator_actions']}"
    )
