"""The drill in a terminal (Textual; works in a plain 80 x 24 terminal and over SSH).

The trainee sees what an operator sees: a radar picture of the tracks and strips, the tracks with
their rung, speed, course and altitude, the checks of the selected track (PASS / FAIL / UNKNOWN
with reasons), the ladder, and the timeline; never the truth or the future.

Keys: `n` next scan, `e` on to the next event, `c` on to the next checkpoint, `tab` next track,
`a` decide (a procedure on the selected track, e.g. `radio_call frequency_mhz=121.5 language=es`),
`q` finish. At a checkpoint the question appears and the answer is typed in the same line."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, RichLog, Static

from interdict.contract.procedures import PROCEDURE_NAMES
from interdict.core.errors import InterdictError
from interdict.core.text import visible
from interdict.drill.document import Checkpoint
from interdict.drill.session import DrillSession, parse_decision
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.replay.quiet import quiet_events

__all__ = ["DrillApp", "picture_text"]

_STRIP_CHARS = {"registered": "R", "community": "c", "mission": "m", "river": "w", "clandestine": "X"}


def picture_text(session: DrillSession, tracks: list[TrackState], width: int = 38, height: int = 9) -> Text:
    """The radar picture as characters: strips by kind, tracks by their number in the track list."""
    pic = session.closed.picture
    points = [(s.lat, s.lon) for s in pic.strip_positions.values()]
    where = [pic.frame.point_to_geodetic(t.east_m, t.north_m, 0.0)[:2] for t in tracks]
    points += where
    lat0, lat1 = min(p[0] for p in points), max(p[0] for p in points)
    lon0, lon1 = min(p[1] for p in points), max(p[1] for p in points)
    grid = [[" "] * width for _ in range(height)]

    def cell(lat: float, lon: float) -> tuple[int, int]:
        x = 0 if lon1 == lon0 else round((lon - lon0) / (lon1 - lon0) * (width - 1))
        y = 0 if lat1 == lat0 else round((lat1 - lat) / (lat1 - lat0) * (height - 1))
        return y, x

    for spec in pic.strips:
        y, x = cell(pic.strip_positions[spec.id].lat, pic.strip_positions[spec.id].lon)
        grid[y][x] = _STRIP_CHARS[spec.kind]
    for i, (lat, lon) in enumerate(where, start=1):
        y, x = cell(lat, lon)
        grid[y][x] = str(i % 10)
    text = Text("\n".join("".join(row) for row in grid))
    text.stylize("bold yellow", 0, len(text))
    return text


class DrillApp(App[None]):
    """The drill's terminal UI over a DrillSession (see the module's docstring)."""

    CSS = """
    #top { height: 1fr; }
    #left { width: 40; }
    #checks { width: 1fr; }
    #picture { height: 11; border: round $accent; }
    #tracks { height: 1fr; }
    #checks { border: round $accent; }
    #timeline { height: 7; border: round $accent; }
    #prompt { height: 3; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_scan", "next scan"),
        Binding("e", "next_event", "next event"),
        Binding("c", "next_checkpoint", "checkpoint"),
        Binding("tab", "next_track", "track"),
        Binding("a", "decide", "decide"),
        Binding("q", "finish", "finish"),
    ]

    def __init__(self, session: DrillSession) -> None:
        super().__init__()
        self.session = session
        self.selected = 0
        self.asking: Checkpoint | None = None
        self.shown_events = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            with Vertical(id="left"):
                yield Static(id="picture")
                yield Static(id="tracks")
            yield Static(id="checks")
        yield RichLog(id="timeline", wrap=True, markup=False)
        yield Input(id="prompt", placeholder="press n for the next scan, a to decide")
        yield Footer()

    def on_mount(self) -> None:
        d = self.session.drill
        self.title = f"drill {d.name}"
        self.sub_title = d.role.name
        log = self.query_one("#timeline", RichLog)
        log.write(Text(f"{visible(d.title)}\n{visible(d.briefing.strip(), keep_lines=True)}"))
        self.refresh_panels()

    # --- what the trainee sees -----------------------------------------------------------------
    def live_tracks(self) -> list[TrackState]:
        last = self.session.closed.last
        shown = (TrackStatus.CONFIRMED, TrackStatus.COASTING)
        return sorted((t for t in last.tracks if t.status in shown), key=lambda t: t.track_id) if last else []

    def selected_track(self) -> TrackState | None:
        tracks = self.live_tracks()
        return tracks[self.selected % len(tracks)] if tracks else None

    def refresh_panels(self) -> None:
        s = self.session
        clock = s.scenario.start + timedelta(seconds=s.t_s)
        self.sub_title = f"{s.drill.role.name}  {clock:%H:%M:%S} UTC  t = {s.t_s:.0f} s"
        tracks = self.live_tracks()
        self.query_one("#picture", Static).update(picture_text(s, tracks) if tracks or s.closed.picture.strips else "")
        rows = Text("#  track   rung         m/s crs alt\n", "bold")
        for i, t in enumerate(tracks, start=1):
            rec = s.recommendation(t.track_id)
            mark = ">" if self.selected_track() is t else " "
            alt = "-" if t.alt_m is None else f"{t.alt_m:.0f}"
            rows.append(
                f"{mark}{i % 10} {t.track_id:7} {(rec.rung.value if rec else '-')[:12]:12} {t.speed_mps:3.0f} "
                f"{math.degrees(t.course_rad) % 360:03.0f} {alt}\n"
            )
        self.query_one("#tracks", Static).update(rows)
        self.query_one("#checks", Static).update(self.checks_text())
        log = self.query_one("#timeline", RichLog)
        events = s.closed.events
        new = sorted(events[self.shown_events :], key=lambda e: e.t_s)
        for shown in quiet_events(new):
            log.write(
                Text(
                    visible(f"t={shown.event.t_s:5.0f}s {shown.event.track_id or '':6} {shown.label}: {shown.summary}")
                )
            )
        self.shown_events = len(events)

    def checks_text(self) -> Text:
        track = self.selected_track()
        if track is None:
            return Text("no confirmed track yet: press n")
        rec = self.session.recommendation(track.track_id)
        if rec is None:
            return Text(f"{track.track_id}: not assessed yet")
        text = Text(f"{track.track_id}  rung {rec.rung.value}", "bold")
        if rec.next_rung is not None:
            text.append(f"\nnext {rec.next_rung.value}: " + ("allowed" if rec.allowed else "blocked"))
        checks = self.session.closed.last.results.get(track.track_id, ()) if self.session.closed.last else ()
        blocking = {b.check_id for b in rec.blocked_by}
        for c in (c for c in checks if c.check_id in blocking):
            text.append(f"\n{c.check_id} {c.verdict.value}", "bold red" if c.verdict.value == "FAIL" else "yellow")
            text.append(f" {c.reason}")
        others = [c.check_id for c in checks if c.verdict.value != "PASS" and c.check_id not in blocking]
        if others:
            text.append(f"\nnot passing yet (later rungs): {', '.join(others)}", "dim")
        passing = [c.check_id for c in checks if c.verdict.value == "PASS"]
        if passing:
            text.append(f"\nPASS {', '.join(passing)}", "green")
        if rec.procedures:
            text.append("\nto do: " + ", ".join(sorted({p.action for p in rec.procedures})), "cyan")
        return text

    # --- keys ----------------------------------------------------------------------------------
    def step(self) -> bool:
        """One scan; False when the drill is over or a checkpoint stops it."""
        if self.asking is not None:
            return False
        if self.session.done:
            self.notify("the drill is over: press q")
            return False
        self.session.advance()
        due = self.session.due()
        if due is not None:
            self.ask(due)
        self.refresh_panels()
        return due is None

    def action_next_scan(self) -> None:
        self.step()

    def action_next_event(self) -> None:
        before = len(self.session.closed.events)
        while self.step() and len(self.session.closed.events) == before:
            pass

    def action_next_checkpoint(self) -> None:
        while self.step():
            pass

    def action_next_track(self) -> None:
        self.selected += 1
        self.refresh_panels()

    def action_decide(self) -> None:
        prompt = self.query_one("#prompt", Input)
        track = self.selected_track()
        if track is None or self.asking is not None:
            return
        prompt.placeholder = (
            f"decision on {track.track_id}: PROCEDURE key=value ... ({', '.join(PROCEDURE_NAMES[:4])}, ...)"
        )
        prompt.focus()

    def ask(self, checkpoint: Checkpoint) -> None:
        self.asking = checkpoint
        track = self.session.track_of(checkpoint.aircraft) or "no track"
        choices = f" [{' | '.join(checkpoint.choices)}]" if checkpoint.choices else ""
        prompt = self.query_one("#prompt", Input)
        prompt.placeholder = visible(f"CHECKPOINT ({track}): {checkpoint.question}{choices}")
        self.query_one("#timeline", RichLog).write(
            Text(visible(f"CHECKPOINT on {track}: {checkpoint.question}{choices}"), "bold magenta")
        )
        prompt.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text, prompt = event.value.strip(), event.input
        prompt.value = ""
        log = self.query_one("#timeline", RichLog)
        if self.asking is not None:
            asked = self.session.answer(self.asking, text)
            self.asking = None
            verdict = "right" if asked.right else f"wrong (expected {asked.expected})"
            log.write(
                Text(
                    visible(f"answer {text!r}: {verdict}. {asked.checkpoint.explanation.strip()}"),
                    "green" if asked.right else "red",
                )
            )
        elif text:
            track = self.selected_track()
            try:
                procedure = parse_decision(
                    text, track.track_id if track else "", self.session.t_s, self.session.drill.role.signs_as
                )
            except InterdictError as exc:
                log.write(Text(str(exc), "red"))
                return
            d = self.session.act(procedure)
            if d.allowed:
                log.write(Text(f"carried out: {d.procedure} on {d.track_id}", "green"))
            else:
                log.write(Text(visible(f"REFUSED: {d.procedure} on {d.track_id}: {d.reason}"), "bold red"))
        prompt.placeholder = "press n for the next scan, a to decide"
        self.set_focus(None)
        self.refresh_panels()

    def action_finish(self) -> None:
        self.exit()
