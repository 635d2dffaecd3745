"""The operator's timeline in a terminal (rich): what the engine saw, inferred and recommended, why
each block held and what would resolve it, then the scorer's report. Free text (reasons, names,
dissent) is never markup: styled pieces are assembled as `Text`."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from interdict.core.text import visible
from interdict.engine.events import EngineEvent
from interdict.replay.board import board_rows, render_board
from interdict.replay.loop import ReplayResult
from interdict.replay.quiet import Shown, quiet_events

__all__ = ["render_timeline", "render_events", "timeline_lines", "width_of"]

_STYLE = {  # by the label replay.quiet gives each kind of event
    "confirmed": "bold",
    "lost": "dim",
    "recommend": "bold cyan",
    "blocked": "cyan",
    "unstable": "bold yellow",
    "refused": "bold red",
    "landing": "magenta",
    "take-off": "magenta",
    "destination": "magenta",
    "evidence": "green",
    "procedure": "yellow",
    "no track": "red",
    "resolution": "cyan",
    "quarantine": "bold yellow",
    "unfiled": "yellow",
    "cue": "bold magenta",
    "recall": "bold magenta",
}


MAX_WIDTH = 120
CATALOGUE = "check ids, findings (F1-F11) and principles (P1-P6): docs/checks.md"


def render_timeline(result: ReplayResult, console: Console, *, verbose: bool = False) -> None:
    """The operator's timeline: what the engine saw, inferred and recommended, and why each block held;
    the status board at the end; the scorer's report."""
    pic, scenario = result.picture, result.scenario
    console.print(
        Text.assemble(
            (scenario.name, "bold"),
            f"  start {scenario.start:%Y-%m-%d %H:%M:%S} UTC  seed {result.seed}  "
            f"{len(result.simulation.plots)} plots from {len(pic.radars)} radar(s), {len(pic.strips)} strips",
        ),
        highlight=False,
    )
    render_events(result.events, console, verbose=verbose, start=scenario.start)
    width = width_of(console)
    render_board(board_rows(a for s in result.steps for a in s.audit), console, width, start=scenario.start)
    console.print(_report_table(result.report), width=width)
    console.print(_totals_line(result.report), highlight=False)


def width_of(console: Console) -> int:
    """Lines fit the terminal, and never pass MAX_WIDTH columns (piped output gets MAX_WIDTH)."""
    return min(console.width, MAX_WIDTH) if console.is_terminal else MAX_WIDTH


def render_events(
    events: Iterable[EngineEvent], console: Console, *, verbose: bool = False, start: datetime | None = None
) -> None:
    """The quiet timeline (replay.quiet): one line per change, UTC clock time beside `t`, each block
    under its recommendation with its reason and what would resolve it (`verbose`: every event and
    the requirement each block comes from)."""
    width = width_of(console)
    for line in timeline_lines(quiet_events(events, verbose=verbose), width, start=start, verbose=verbose):
        console.print(line, highlight=False, soft_wrap=True)
    console.print(Text(CATALOGUE, "dim"), highlight=False)


def timeline_lines(
    shown: Iterable[Shown], width: int, *, start: datetime | None = None, verbose: bool = False
) -> list[Text]:
    """The timeline as lines of at most `width` columns (pure)."""
    lines: list[Text] = []
    for s in shown:
        e = s.event
        clock = f"{start + timedelta(seconds=e.t_s):%H:%M:%S} " if start is not None else ""
        prefix = f"{clock}t={e.t_s:5.0f}s {e.track_id or '':6} "
        label = f"{s.label:11} "
        head = _wrap(prefix + label + s.summary, width, len(prefix) + len(label))
        head[0].stylize(_STYLE.get(s.label, ""), len(prefix), len(prefix) + len(label))
        lines += head
        for b in s.blocks:
            lines += _block_lines(b, width, verbose)
    return lines


def _wrap(text: str, width: int, hang: int, indent: int = 0) -> list[Text]:
    """`text` in lines of at most `width` columns: the first indented by `indent`, the others by
    `hang` (both at most half the width, so that a narrow terminal still gets words)."""
    first, rest = " " * min(indent, width // 2), " " * min(hang, width // 2)
    return [
        Text(line) for line in textwrap.wrap(visible(text), width, initial_indent=first, subsequent_indent=rest)
    ] or [Text("")]


def _block_lines(b: Mapping[str, Any], width: int, verbose: bool) -> list[Text]:
    """One blocking check: verdict and reason; what resolves it; with `verbose`, its requirement."""
    head = f"{b.get('check_id')} {b.get('verdict')}"
    reason = f"{head}: {b.get('reason')}" + (f" ({b.get('requirement')})" if verbose else "")
    out = _wrap(reason, width, _BLOCK_INDENT + 2, _BLOCK_INDENT)
    out[0].stylize("red", min(_BLOCK_INDENT, width // 2), min(_BLOCK_INDENT, width // 2) + len(head))
    if b.get("resolve"):
        out += _wrap(f"-> {b.get('resolve')}", width, _BLOCK_INDENT + 4, _BLOCK_INDENT + 2)
    return out


_BLOCK_INDENT = 24


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
        table.add_row(*(Text(visible(str(c))) for c in cells))
    return table


def _totals_line(report: Mapping[str, Any]) -> Text:
    totals = report["totals"]
    return Text(
        f"wrongful escalations: {totals['wrongful_escalations']} (civil aircraft cued {totals['civil_cued']}, "
        f"intercepted {totals['civil_intercepted']}, told to land {totals['civil_instructed_to_land']}); "
        f"operator actions refused: {totals['refused_operator_actions']}\n"
        f"state aircraft cued {totals['state_cued']}, intercepted {totals['state_intercepted']}, "
        f"told to land {totals['state_instructed_to_land']}"
    )
