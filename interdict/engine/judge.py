"""Judging operator procedures against the current recommendation, before they are carried out.

Gathering evidence is always allowed (queries, radio calls, dissent, written resolutions: those are
judged by resolutions.py). Sending people after an aircraft is allowed only at its rung:
- `visual_id` at VISUAL_ID or above (an interceptor shadows the aircraft);
- `intercept_signal` at INTERCEPT_INSTRUCT;
- `instruct_land` at INTERCEPT_INSTRUCT, after series 1 was answered or timed out (SC-06: not after
  "cannot comply"), at an aerodrome that suits the aircraft (floats need water; a land plane
  a registered aerodrome; not known: refused);
- `cue_ground` at GROUND_CUE, and only to the strip SC-17 predicts.
A refused procedure is not carried out; it is reported with the checks that block it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from interdict.contract.picture import Picture
from interdict.contract.procedures import CueGround, InstructLand, InterceptSignal, Procedure, VisualId
from interdict.engine.evidence import Evidence
from interdict.engine.ladder import Recommendation, Rung, blocking
from interdict.engine.safety import CheckResult, Verdict

__all__ = ["Judgement", "judge_procedure"]


@dataclass(frozen=True, slots=True)
class Judgement:
    procedure: Procedure
    allowed: bool
    reason: str
    blocked_by: tuple[CheckResult, ...] = ()


_AT: Mapping[type, tuple[Rung, ...]] = {
    VisualId: (Rung.VISUAL_ID, Rung.INTERCEPT_INSTRUCT, Rung.GROUND_CUE),
    InterceptSignal: (Rung.INTERCEPT_INSTRUCT,),
    InstructLand: (Rung.INTERCEPT_INSTRUCT,),
    CueGround: (Rung.GROUND_CUE,),
}
_GATE: Mapping[type, Rung] = {
    VisualId: Rung.VISUAL_ID,
    InterceptSignal: Rung.INTERCEPT_INSTRUCT,
    InstructLand: Rung.INTERCEPT_INSTRUCT,
    CueGround: Rung.GROUND_CUE,
}


def judge_procedure(
    p: Procedure,
    rec: Recommendation | None,
    ev: Evidence | None,
    results: Mapping[str, CheckResult],
    picture: Picture,
) -> Judgement:
    """Allowed, or refused with the reason and the blocking checks (pure)."""
    rungs = _AT.get(type(p))
    if rungs is None:
        return Judgement(p, True, "gathers evidence or records a decision")
    if rec is None or ev is None:
        return Judgement(p, False, f"{p.track_id} is not a confirmed track: nothing may be sent after it")
    if rec.rung not in rungs:
        gate = _GATE[type(p)]
        blocks = blocking(gate, results, rec.t_s)
        named = ", ".join(b.check_id for b in blocks) or "the one-rung-at-a-time rule"
        return Judgement(
            p, False, f"the engine holds {p.track_id} at {rec.rung.value}; {gate.value} is blocked by {named}", blocks
        )
    if isinstance(p, CueGround):
        sc17 = results.get("SC-17")
        predicted = sc17.actions[0].params.get("strip") if sc17 is not None and sc17.actions else None
        if p.strip != predicted:
            return Judgement(p, False, f"the predicted clandestine strip is {predicted}, not {p.strip}", ())
    if isinstance(p, InstructLand):
        sc06 = results.get("SC-06")  # SC-07 is in the rung's gate; a FAIL of SC-06 (cannot comply) leaves the rung
        if sc06 is None or sc06.verdict is not Verdict.PASS:
            reason = "series 1 not yet answered and its response window still running"
            return Judgement(p, False, reason, (sc06,) if sc06 else ())
        problem = _unsuitable(p.aerodrome, ev, picture)
        if problem is not None:
            return Judgement(p, False, problem)
    return Judgement(p, True, f"{type(p).__name__} allowed at {rec.rung.value}")


def _unsuitable(aerodrome: str, ev: Evidence, picture: Picture) -> str | None:
    floats = ev.floats
    kind = picture.strip_kinds.get(aerodrome)
    if floats is None:
        return "whether the aircraft has floats is not known: no aerodrome can be designated"
    need = "river" if floats else "registered"
    if kind != need:
        what = "a floatplane needs water" if floats else "a land plane needs a registered aerodrome"
        return (
            f"{aerodrome} is {'a ' + kind + ' strip' if kind else 'not in the strip database'}: {what} (Annex 2 App. 2)"
        )
    return None
