"""Grading a drill against the by-the-book operator on the same scenario and seed (this reads the
truth: which aircraft each track held, and which were civil).

Each trainee decision is
- **unsafe**: on a civil or state aircraft, a step or a sign-off that would let it go above
  VISUAL_ID or be cued (interception signals, an instruction to land, a ground cue, a request for
  INTERCEPT_INSTRUCT or GROUND_CUE, or a written resolution of a check that protects it), whether
  or not the engine refused it; on any aircraft, pressing on with interception after "cannot
  comply" or distress (the engine refused it because SC-06 or SC-11 failed);
- **premature**: refused by the engine (a gate blocked it) or outside the trainee's role;
- **correct**: otherwise.
A procedure the by-the-book operator carried out (the same kind on the same aircraft; a radio call
on the same frequency and in the same language) that the trainee did not carry out by
`tolerance_s` after it is **missed**.

grade = (procedures matched + checkpoints right - premature decisions) / (procedures of the
by-the-book operator + checkpoints), between 0 and 1. A drill passes when the grade reaches the
pass mark and no decision was unsafe."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interdict.contract.procedures import RELEASE_SERIES, name_of, params_of
from interdict.drill.session import Decision, DrillRun
from interdict.evaluation.score import ScoredStep
from interdict.replay.loop import ReplayResult

__all__ = ["Graded", "Missed", "Grade", "grade", "PROTECTING"]

PROTECTING = frozenset(
    {"SC-01", "SC-02", "SC-05", "SC-09", "SC-10", "SC-11", "SC-12", "SC-24"}
)  # resolving one on a civil aircraft is unsafe
_ESCALATING = frozenset({"intercept_signal", "instruct_land", "cue_ground"})
_HIGH_RUNGS = frozenset({"INTERCEPT_INSTRUCT", "GROUND_CUE"})


@dataclass(frozen=True, slots=True)
class Graded:
    decision: Decision
    aircraft: str | None  # truth: the aircraft the track held
    verdict: str  # correct, premature, unsafe
    why: str


@dataclass(frozen=True, slots=True)
class Missed:
    t_s: float  # when the by-the-book operator did it
    aircraft: str
    unit: str  # the kind of procedure (with frequency and language for a radio call)


@dataclass(frozen=True)
class Grade:
    graded: tuple[Graded, ...]
    missed: tuple[Missed, ...]
    matched: int
    expected: int  # procedures of the by-the-book operator
    checkpoints_right: int
    checkpoints: int
    grade: float
    passed: bool

    @property
    def unsafe(self) -> tuple[Graded, ...]:
        return tuple(g for g in self.graded if g.verdict == "unsafe")

    @property
    def premature(self) -> tuple[Graded, ...]:
        return tuple(g for g in self.graded if g.verdict == "premature")


def _unit(name: str, params: Mapping[str, object]) -> str:
    """What counts as the same procedure: its kind, and what distinguishes one of that kind."""
    distinguishing = {
        "radio_call": ("frequency_mhz", "language"),
        "intercept_signal": ("series",),
        "cue_ground": ("strip",),
        "alert_team": ("team",),
        "meet_on_arrival": ("aerodrome",),
        "query_registry": ("registration",),
        "request_ident": ("unit", "callsign"),
        "recall_ground": ("strip",),
        "request_rung": ("rung",),
        "resolve": ("block",),
    }.get(name, ())
    return " ".join([name, *(f"{k}={params.get(k)}" for k in distinguishing)])


def _holder_at(scored: Sequence[ScoredStep], t_s: float, track_id: str) -> str | None:
    step = next((s for s in reversed(scored) if s.t_s <= t_s), None)
    return None if step is None else step.holder.get(track_id)


def _verdict(d: Decision, civil: bool) -> tuple[str, str]:
    rung = str(d.params.get("rung", ""))
    block = str(d.params.get("block", ""))
    engine = "allowed by the engine" if d.allowed else "refused by the engine: " + (", ".join(d.blocked_by) or d.reason)
    release = d.procedure == "intercept_signal" and d.params.get("series") == RELEASE_SERIES
    if (
        civil
        and not release
        and (d.procedure in _ESCALATING or (d.procedure == "request_rung" and rung in _HIGH_RUNGS))
    ):
        return "unsafe", f"{d.procedure}{f' {rung}' if rung else ''} on a civil aircraft ({engine})"
    stopped = {"SC-06", "SC-11"} & set(d.blocked_by)
    if d.procedure in _ESCALATING and not release and stopped:
        return "unsafe", f"{d.procedure} pressed on after {', '.join(sorted(stopped))} stopped interception ({engine})"
    if civil and d.procedure == "resolve" and block in PROTECTING:
        return "unsafe", f"signed away {block}, which protects a civil aircraft"
    if d.outside_role:
        return "premature", d.reason
    if not d.allowed:
        named = all(c in d.reason for c in d.blocked_by)
        return "premature", d.reason + ("" if named else f" (blocked by {', '.join(d.blocked_by)})")
    return "correct", "allowed by every gate"


def _book(reference: ReplayResult) -> dict[tuple[str, str], float]:
    """(aircraft, unit) -> first time the by-the-book operator carried it out."""
    first: dict[tuple[str, str], float] = {}
    for step in reference.scored:
        for j in step.judgements:
            who = step.holder.get(j.procedure.track_id)
            if j.allowed and who is not None:
                first.setdefault((who, _unit(name_of(j.procedure), params_of(j.procedure))), step.t_s)
    return first


def grade(run: DrillRun, reference: ReplayResult) -> Grade:
    """The trainee's drill against the by-the-book operator's replay of the same scenario and seed."""
    roles = {a.id: a.role for a in run.replay.scenario.aircraft}
    graded = []
    done: dict[tuple[str, str], float] = {}
    for d in run.decisions:
        who = _holder_at(run.replay.scored, d.t_s, d.track_id) if d.track_id else None
        verdict, why = _verdict(d, who is not None and roles.get(who) != "smuggler")
        graded.append(Graded(d, who, verdict, why))
        if d.allowed and who is not None:
            done.setdefault((who, _unit(d.procedure, d.params)), d.t_s)
    book = _book(reference)
    tolerance = run.drill.tolerance_s
    missed = tuple(
        Missed(t_s, who, unit)
        for (who, unit), t_s in sorted(book.items(), key=lambda kv: kv[1])
        if not ((who, unit) in done and done[(who, unit)] <= t_s + tolerance)
    )
    matched = len(book) - len(missed)
    right = sum(a.right for a in run.asked)
    total = len(book) + len(run.drill.checkpoints)
    premature = sum(g.verdict == "premature" for g in graded)
    value = 1.0 if total == 0 else max(0.0, min(1.0, (matched + right - premature) / total))
    unsafe = any(g.verdict == "unsafe" for g in graded)
    passed = value >= run.drill.pass_mark and not unsafe
    return Grade(tuple(graded), missed, matched, len(book), right, len(run.drill.checkpoints), value, passed)
