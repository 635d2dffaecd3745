"""The operator's timeline and status board: quiet (changes only, no flips shown twice), clock times,
at most 120 columns, the same board from a replay and from its audit log."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime

import hypothesis.strategies as st
from hypothesis import given, settings
from rich.console import Console

from interdict.engine.events import EngineEvent
from interdict.io.audit import AuditLog
from interdict.replay.board import board_rows
from interdict.replay.loop import audit_identity, run_replay
from interdict.replay.quiet import FLIP_S, quiet_events
from interdict.replay.timeline import render_timeline, timeline_lines
from interdict.scenario.load import load_scenario
from tests.conftest import SCENARIOS

VRAEM = load_scenario(SCENARIOS / "vraem-shuttle.yaml")
RUNGS = ["MONITOR", "IDENTIFY", "RADIO_CONTACT", "VISUAL_ID"]
CHECKS = ["SC-01", "SC-03", "SC-08", "SC-15"]


def _rec(t_s: float, rung: str, blocks: list[str], track: str = "T1") -> EngineEvent:
    detail = {
        "rung": rung,
        "next_rung": "X",
        "blocked_by": [
            {"check_id": c, "verdict": "UNKNOWN", "reason": "r", "requirement": c, "resolve": "x"} for c in blocks
        ],
    }
    return EngineEvent("recommendation_changed", t_s, track, f"hold at {rung}", detail)


recommendations = st.lists(
    st.tuples(st.sampled_from(RUNGS), st.lists(st.sampled_from(CHECKS), unique=True, max_size=3)), max_size=40
).map(lambda xs: [_rec(10.0 * i, rung, blocks) for i, (rung, blocks) in enumerate(xs)])


@settings(max_examples=200, deadline=None)
@given(recommendations)
def test_the_quiet_timeline_shows_changes_only(events: list[EngineEvent]) -> None:
    shown = quiet_events(events)
    rungs: list[tuple[float, str]] = []
    for s in shown:
        rung = str(s.event.detail["rung"])
        if s.label in ("recommend", "unstable"):
            assert not rungs or rungs[-1][1] != rung  # a rung line changes the rung
            if s.label == "recommend" and len(rungs) >= 2 and rungs[-2][1] == rung:
                assert s.event.t_s - rungs[-1][0] >= FLIP_S  # a flip back inside FLIP_S is not shown again
            rungs.append((s.event.t_s, rung))
        else:
            assert s.label == "blocked" and s.blocks  # a block line names a check new on this rung
    if events:
        assert shown and shown[0].event is events[0]  # the first recommendation is always shown
    last = next((s for s in reversed(shown) if s.label != "blocked"), None)
    if last is not None:  # the last rung shown is the rung the engine holds, or one of a flipping pair
        held = str(events[-1].detail["rung"])
        assert last.event.detail["rung"] == held or (last.label == "unstable" and held in last.summary)


@settings(max_examples=100, deadline=None)
@given(
    st.text(min_size=0, max_size=300),
    st.text(min_size=0, max_size=40),
    st.integers(20, 200),
    st.floats(0, 1e7, allow_nan=False),
)
def test_every_line_fits_the_width(summary: str, track: str, width: int, t_s: float) -> None:
    e = _rec(t_s, "IDENTIFY", ["SC-01"], track=track)
    e = EngineEvent(e.kind, e.t_s, e.track_id, summary, e.detail)
    lines = timeline_lines(quiet_events([e]), width, start=datetime(2025, 1, 1, tzinfo=UTC))
    assert lines and all(len(line.plain) <= width for line in lines)


def test_the_shuttle_timeline_is_quiet_with_clock_times_and_a_board() -> None:
    sink = io.StringIO()
    log = AuditLog(sink, **audit_identity(VRAEM, "", VRAEM.seed))
    result = run_replay(VRAEM, seed=VRAEM.seed, audit=log)
    log.close()
    console = Console(file=io.StringIO(), width=300, color_system=None)
    render_timeline(result, console)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    lines = text.splitlines()
    assert all(len(line) <= 120 for line in lines)
    timed = [line for line in lines if re.match(r"\d\d:\d\d:\d\d t=", line)]
    assert timed and timed[0].startswith("10:32:00 t=  120s")  # the scenario starts 10:30:00 UTC
    assert sum("hold at" in line for line in timed) == 3  # each track's first recommendation, never repeated
    last: dict[str, list[tuple[float, str]]] = {}
    for s in quiet_events(result.events):
        if s.label == "recommend":
            seq = last.setdefault(str(s.event.track_id), [])
            rung = str(s.event.detail["rung"])
            assert not seq or seq[-1][1] != rung  # no repeated hold
            assert len(seq) < 2 or seq[-2][1] != rung or s.event.t_s - seq[-1][0] >= 60  # no flip inside 60 s
            seq.append((s.event.t_s, rung))
        assert s.label != "unstable"
    first = result.report["aircraft"]["narco-1"]["tracks"][0]  # type: ignore[index]
    assert re.search(rf"continues\s+{first}\?", text)  # the smuggler's second track is linked to its first
    assert "status board" in text and "lost" in text
    # the board of the replay is the board `audit show` rebuilds from the log
    path = io.StringIO(sink.getvalue())
    records = [json.loads(line) for line in path]
    from_log = board_rows((r["kind"], r["payload"]) for r in records)
    assert from_log == board_rows(a for step in result.steps for a in step.audit)
    held = {t for a in result.report["aircraft"].values() for t in a["tracks"]}  # type: ignore[attr-defined]
    assert {r.track_id for r in from_log} == held  # every track that held an aircraft, and only those
