"""Judging operator procedures against the current recommendation, before they are carried out.

Gathering evidence is always allowed (queries, radio calls, dissent, written resolutions: those are
judged by resolutions.py). Sending people after an aircraft is allowed only at its rung:
- `visual_id` at VISUAL_ID or above (an interceptor shadows the aircraft);
- `intercept_signal` series 1 or 3 at INTERCEPT_INSTRUCT; series 2 (the release, "you may proceed")
  at any rung, since it sends no one; series 4-6 never (they are the intercepted aircraft's signals);
- `instruct_land` at INTERCEPT_INSTRUCT, after series 1 was answered or timed out (SC-06: not after
  "cannot comply", nor after a release), at an aerodrome that suits the aircraft (floats need water;
  a land plane a registered aerodrome, not destroyed, with a runway of at least the rule set's
  length when its length is listed; floats not known: refused);
- `cue_ground` at GROUND_CUE, and only to the strip SC-17 predicts (or a strip of the cluster it cues);
- `alert_team` (a police team's stand-by) always: it sends no one;
- `meet_on_arrival` on a confirmed track, at any rung, at a registered aerodrome the aircraft is
  predicted to land at (p of at least the rule set's coverage probability): police on the ground at a
  real aerodrome put no one at risk in the air; never for a state aircraft nor one in distress (SC-11).
A refused procedure is not carried out; it is reported with the checks that block it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from interdict.contract.picture import Picture
from interdict.contract.procedures import (
    INTERCEPTOR_SERIES,
    RELEASE_SERIES,
    AlertTeam,
    CueGround,
    InstructLand,
    InterceptSignal,
    MeetOnArrival,
    Procedure,
    VisualId,
)
from interdict.engine.evidence import Evidence
from interdict.engine.ladder import Recommendation, Rung, blocking
from interdict.engine.rules import BASELINE, RuleSet
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


_FREE: Mapping[type, str] = {AlertTeam: "a stand-by sends no one: the team waits at its base for a cue"}


def judge_procedure(
    p: Procedure,
    rec: Recommendation | None,
    ev: Evidence | None,
    results: Mapping[str, CheckResult],
    picture: Picture,
    *,
    rules: RuleSet = BASELINE,
) -> Judgement:
    """Allowed, or refused with the reason and the blocking checks (pure); `rules`: the rule set in
    force (the engine's; the pinned baseline is the only one it runs with)."""
    if isinstance(p, InterceptSignal) and p.series not in INTERCEPTOR_SERIES:
        return Judgement(p, False, f"series {p.series} is a signal of the intercepted aircraft, not the interceptor's")
    if isinstance(p, InterceptSignal) and p.series == RELEASE_SERIES:
        return Judgement(p, True, "series 2 (you may proceed) releases the aircraft: it sends no one")
    if isinstance(p, MeetOnArrival):
        return _meet(p, rec, ev, results, picture, rules)
    rungs = _AT.get(type(p))
    if rungs is None:
        return Judgement(p, True, _FREE.get(type(p), "gathers evidence or records a decision"))
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
        params = sc17.actions[0].params if sc17 is not None and sc17.actions else {}
        cluster = params.get("strips")
        allowed = [str(x) for x in cluster] if isinstance(cluster, list) else [str(params.get("strip"))]
        if p.strip not in allowed:
            what = (
                f"the predicted clandestine strip is {allowed[0]}"
                if len(allowed) == 1
                else (f"the predicted cluster is {', '.join(allowed)}")
            )
            return Judgement(p, False, f"{what}, not {p.strip}", ())
    if isinstance(p, InstructLand):
        sc06 = results.get("SC-06")  # SC-07 is in the rung's gate; a FAIL of SC-06 (cannot comply) leaves the rung
        if sc06 is None or sc06.verdict is not Verdict.PASS:
            reason = "series 1 not yet answered and its response window still running"
            return Judgement(p, False, reason, (sc06,) if sc06 else ())
        problem = _unsuitable(p.aerodrome, ev, picture, rules)
        if problem is not None:
            return Judgement(p, False, problem)
    return Judgement(p, True, f"{type(p).__name__} allowed at {rec.rung.value}")


def _meet(
    p: MeetOnArrival,
    rec: Recommendation | None,
    ev: Evidence | None,
    results: Mapping[str, CheckResult],
    picture: Picture,
    rules: RuleSet,
) -> Judgement:
    if rec is None or ev is None:
        return Judgement(p, False, f"{p.track_id} is not a confirmed track: nothing may be sent after it")
    if picture.strip_kinds.get(p.aerodrome) != "registered":
        kind = picture.strip_kinds.get(p.aerodrome)
        what = f"a {kind} strip" if kind else "not in the strip database"
        return Judgement(p, False, f"{p.aerodrome} is {what}: police meet aircraft on arrival at registered aerodromes")
    if any(c.kind == "state_aircraft" for c in (*ev.indicators, *ev.quarantined)):
        return Judgement(p, False, "a state aircraft: never intercepted, cued or met by police")
    sc11 = results.get("SC-11")
    if sc11 is None or sc11.verdict is Verdict.FAIL:
        return Judgement(
            p, False, "distress or medevac (SC-11): assist it, do not send police", (sc11,) if sc11 else ()
        )
    d = ev.destination
    p_there = next((c.p for c in d.candidates if c.strip_id == p.aerodrome), 0.0) if d is not None else 0.0
    if p_there < rules.coverage_min_probability:
        return Judgement(p, False, f"{p.track_id} is not predicted to land at {p.aerodrome} (p = {p_there:.2f})")
    return Judgement(
        p, True, f"police may meet it on arrival at {p.aerodrome} (p = {p_there:.2f}): no one at risk in the air"
    )


def _unsuitable(aerodrome: str, ev: Evidence, picture: Picture, rules: RuleSet) -> str | None:
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
    strip = next(s for s in picture.strips if s.id == aerodrome)
    if strip.status == "destroyed":
        return f"{aerodrome} is destroyed: no aircraft is sent to land there (Annex 2 App. 2 §1.1 e)"
    if strip.length_m is not None and not floats and strip.length_m < rules.min_designated_runway_m:
        return (
            f"{aerodrome}'s runway is {strip.length_m:.0f} m, below the {rules.min_designated_runway_m:.0f} m a "
            "light aircraft is designated to land on (Annex 2 App. 2 §1.1 e)"
        )
    return None
