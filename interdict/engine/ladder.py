"""The escalation ladder: rungs, the checks each gate needs, and `recommend`.

Rungs (lowest first) and branches, as in DESIGN.md:

    MONITOR -> IDENTIFY -> RADIO_CONTACT -+-> VISUAL_ID -> INTERCEPT_INSTRUCT     (air branch)
                                          +-> GROUND_CUE                          (ground branch)

`Rung` has exactly these members: there is no rung above INTERCEPT_INSTRUCT or GROUND_CUE, in the
types (SC-16). The engine recommends at most one rung above the current one, and only when every
check of that rung's gate passes (UNKNOWN blocks like FAIL). GROUND_CUE is reachable from
RADIO_CONTACT, VISUAL_ID and INTERCEPT_INSTRUCT and is preferred when both branches are open: a
police team at the strip is the measure that works; when the current rung's gate stops holding
because the track was lost where it landed, the ladder moves across to GROUND_CUE if its gate holds
(its SC-20 accepts such a track, SC-15 does not). If the gate of the current rung stops holding
(distress, a dissent, a civil indicator discovered late), the ladder steps down to the highest rung
whose gate holds. An operator's request for a rung is granted only when it is the next rung and its
gate holds; otherwise it is refused with the blocking checks, and anything outside the ladder is
refused as such. Identity established (SC-24) closes both rungs that send people and puts the release
(series 2) among the procedures of whatever rung the track is on. Refusals are part of the
Recommendation, so the audit log records them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from interdict.contract.procedures import ProcedureName
from interdict.engine.safety import Action, CheckResult, Verdict

__all__ = [
    "Rung",
    "GATES",
    "STEP_ONLY",
    "SENDS_PEOPLE",
    "NEXT",
    "ALLOWED_ACTIONS",
    "Option",
    "Refusal",
    "Recommendation",
    "recommend",
    "blocking",
    "judge_request",
]


class Rung(str, Enum):
    MONITOR = "MONITOR"
    IDENTIFY = "IDENTIFY"
    RADIO_CONTACT = "RADIO_CONTACT"
    VISUAL_ID = "VISUAL_ID"
    INTERCEPT_INSTRUCT = "INTERCEPT_INSTRUCT"
    GROUND_CUE = "GROUND_CUE"

    @property
    def level(self) -> int:
        """Height on the ladder, 0 for MONITOR (definition order)."""
        return list(Rung).index(self)


_BASE = frozenset({"SC-13", "SC-15", "SC-16", "SC-18", "SC-21"})
_RADIO = _BASE | {"SC-01", "SC-02", "SC-12"}
# SC-11 (distress, emergency codes, medevac) gates only the rungs that send people after an aircraft: radio
# calls and the visual identification are also how assistance and escort begin (Annex 2 App. 2 Note).
_VISUAL = _RADIO | {"SC-03", "SC-04", "SC-07", "SC-08"}
GATES: Mapping[Rung, frozenset[str]] = {
    Rung.MONITOR: frozenset(),
    Rung.IDENTIFY: _BASE,
    Rung.RADIO_CONTACT: _RADIO,
    Rung.VISUAL_ID: _VISUAL,
    Rung.INTERCEPT_INSTRUCT: _VISUAL
    | {"SC-05", "SC-09", "SC-10", "SC-11", "SC-14", "SC-19", "SC-22", "SC-23", "SC-24", "SC-25"},
    # a ground cue needs SC-20 (an unambiguous aircraft and a place) where the air needs SC-15 (a live track);
    # SC-17's firmness settles it, not SC-21 (an escape risk that stepped the air branch down is no reason
    # to hold back a cue)
    Rung.GROUND_CUE: (_RADIO - {"SC-15", "SC-21"})
    | {
        "SC-03",
        "SC-04",
        "SC-05",
        "SC-07",
        "SC-09",
        "SC-10",
        "SC-11",
        "SC-14",
        "SC-17",
        "SC-19",
        "SC-20",
        "SC-22",
        "SC-23",
        "SC-24",
        "SC-25",
    },
}
NEXT: Mapping[Rung, tuple[Rung, ...]] = {
    Rung.MONITOR: (Rung.IDENTIFY,),
    Rung.IDENTIFY: (Rung.RADIO_CONTACT,),
    Rung.RADIO_CONTACT: (Rung.GROUND_CUE, Rung.VISUAL_ID),
    Rung.VISUAL_ID: (Rung.GROUND_CUE, Rung.INTERCEPT_INSTRUCT),
    Rung.INTERCEPT_INSTRUCT: (Rung.GROUND_CUE,),
    Rung.GROUND_CUE: (),
}
_PATH: Mapping[Rung, tuple[Rung, ...]] = {  # rungs below each one, highest first
    Rung.MONITOR: (),
    Rung.IDENTIFY: (Rung.MONITOR,),
    Rung.RADIO_CONTACT: (Rung.IDENTIFY, Rung.MONITOR),
    Rung.VISUAL_ID: (Rung.RADIO_CONTACT, Rung.IDENTIFY, Rung.MONITOR),
    Rung.INTERCEPT_INSTRUCT: (Rung.VISUAL_ID, Rung.RADIO_CONTACT, Rung.IDENTIFY, Rung.MONITOR),
    Rung.GROUND_CUE: (Rung.RADIO_CONTACT, Rung.IDENTIFY, Rung.MONITOR),
}
# Checks that block a rung only when they FAIL (UNKNOWN is the normal state on the rung): an aircraft that
# answered "cannot comply" (series 5, CAN_NOT) is not intercepted, and interception stops (SC-06).
FAIL_BLOCKS: Mapping[Rung, frozenset[str]] = {r: frozenset() for r in Rung} | {
    Rung.INTERCEPT_INSTRUCT: frozenset({"SC-06"})
}
# Checks needed to step onto a rung but not to stay on it: the ATS units are asked again just before
# people are sent (SC-19); once they are on their way, SC-01 and SC-02 keep watching for plans and contact.
# A step down's reasons settle before the ladder climbs again (SC-21), and evidence of innocence before
# anyone is sent (SC-25).
STEP_ONLY = frozenset({"SC-19", "SC-21", "SC-25"})
_QUERIES: frozenset[ProcedureName] = frozenset(  # always
    {"query_flight_plans", "query_atc_contact", "query_registry", "request_ident", "recall_ground"}
)
# A police team's stand-by (`alert_team`, SC-17's advice before a cue) sends no one; it is recommended from
# RADIO_CONTACT up, where no plan and no ATS contact holds the aircraft civil.
ALLOWED_ACTIONS: Mapping[Rung, frozenset[ProcedureName]] = {
    Rung.MONITOR: frozenset(),
    Rung.IDENTIFY: _QUERIES,
    Rung.RADIO_CONTACT: _QUERIES | {"radio_call", "alert_team"},
    Rung.VISUAL_ID: _QUERIES | {"radio_call", "visual_id", "alert_team"},
    Rung.INTERCEPT_INSTRUCT: _QUERIES | {"radio_call", "intercept_signal", "instruct_land", "alert_team"},
    Rung.GROUND_CUE: _QUERIES | {"radio_call", "cue_ground", "alert_team"},
}


@dataclass(frozen=True, slots=True)
class Option:
    rung: Rung
    allowed: bool
    blocked_by: tuple[CheckResult, ...]


@dataclass(frozen=True, slots=True)
class Refusal:
    """An operator request the gates did not allow, with the checks that block it."""

    requested: str
    reason: str
    blocked_by: tuple[CheckResult, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Recommendation:
    """What the engine recommends for one track at `t_s`.

    `rung` is the rung recommended now (after advancing or stepping down); `next_rung` the rung
    considered next, with `allowed` and the checks that block it; `procedures` what to do at `rung`.
    """

    track_id: str
    t_s: float
    previous_rung: Rung
    rung: Rung
    next_rung: Rung | None
    allowed: bool
    blocked_by: tuple[CheckResult, ...]
    options: tuple[Option, ...]
    procedures: tuple[Action, ...]
    refused: Refusal | None = None
    note: str = ""
    grounds: tuple[str, ...] = ()  # a climb onto a rung that sends people: the names of its grounds (SC-23)


def blocking(
    rung: Rung, results: Mapping[str, CheckResult], t_s: float, *, staying: bool = False
) -> tuple[CheckResult, ...]:
    """The checks of `rung`'s gate that do not pass (a missing one counts as UNKNOWN); `staying` on a
    rung already reached leaves out the checks that only the step onto it needs (STEP_ONLY)."""
    out = []
    for check_id in sorted(GATES[rung] - STEP_ONLY if staying else GATES[rung]):
        r = results.get(check_id)
        if r is None:
            out.append(CheckResult(check_id, Verdict.UNKNOWN, "check not evaluated", check_id, "", (), t_s))
        elif r.verdict is not Verdict.PASS:
            out.append(r)
    out += [results[c] for c in sorted(FAIL_BLOCKS[rung]) if c in results and results[c].verdict is Verdict.FAIL]
    return tuple(out)


def _holds(rung: Rung, results: Mapping[str, CheckResult]) -> bool:
    """Every check of the rung's gate is present and passed, and none of its FAIL_BLOCKS failed."""
    return not blocking(rung, results, 0.0)


def _procedures(
    rung: Rung, next_rungs: tuple[Rung, ...], results: Mapping[str, CheckResult], land_at: str | None
) -> tuple[Action, ...]:
    """What to do at `rung`: the allowed actions that would resolve the next rungs' blocks, plus the
    rung's own measures (`_measures`)."""
    allowed = ALLOWED_ACTIONS[rung]
    seen: dict[str, Action] = {}
    for following in next_rungs:
        for check_id in sorted(GATES[following]):
            check = results.get(check_id)
            for action in check.actions if check is not None and check.blocks else ():
                if action.action in allowed:
                    seen.setdefault(action.key(), action)
    for action in _measures(rung, results, land_at):
        seen.setdefault(action.key(), action)
    return tuple(seen.values())


def _measures(rung: Rung, results: Mapping[str, CheckResult], land_at: str | None) -> tuple[Action, ...]:
    """A rung's own measures: interception signals, then the instruction to land; the ground cue; and at
    any rung, once identity is established (SC-24), the release (series 2), which sends no one."""
    out: list[Action] = []
    if rung is Rung.INTERCEPT_INSTRUCT:
        sc06, sc07 = results.get("SC-06"), results.get("SC-07")
        if sc06 is not None and sc06.verdict is not Verdict.PASS:
            out += sc06.actions
        elif land_at is not None and sc07 is not None and sc07.verdict is Verdict.PASS:
            out.append(Action("instruct_land", {"aerodrome": land_at}))
    if rung is Rung.GROUND_CUE and "SC-17" in results:
        out += results["SC-17"].actions
    sc24 = results.get("SC-24")
    if sc24 is not None and sc24.blocks:
        out += sc24.actions
    return tuple(out)


def recommend(
    track_id: str,
    current: Rung,
    results: tuple[CheckResult, ...],
    t_s: float,
    *,
    requested: str | None = None,
    land_at: str | None = None,
) -> Recommendation:
    """The recommendation for one track given its check results (pure): stand down when the operator
    asks for a lower rung; step down when the current rung's gate no longer holds; else advance one
    rung if one is allowed (the requested one, when a request was granted); else hold."""
    by_id = {r.check_id: r for r in results}
    at = _At(track_id, t_s, current, by_id, land_at)
    refused = None if requested is None else judge_request(current, requested, by_id, t_s)
    if requested in [r.value for r in _PATH[current]]:
        return _stand_down(at, Rung(requested))
    held = blocking(current, by_id, t_s, staying=True)
    ground = Option(Rung.GROUND_CUE, _holds(Rung.GROUND_CUE, by_id), ())
    if held and Rung.GROUND_CUE in NEXT[current] and ground.allowed:
        # the air branch closed (the track was lost where it landed) while the ground branch opens
        return at.recommend(
            Rung.GROUND_CUE, Rung.GROUND_CUE, allowed=True, options=(ground,), refused=refused, grounds=by_id["SC-23"]
        )
    if held:
        return _step_down(at, held, refused)
    options = tuple(Option(r, _holds(r, by_id), blocking(r, by_id, t_s)) for r in NEXT[current])
    granted = requested is not None and refused is None
    chosen = next((o for o in options if o.allowed and (not granted or o.rung.value == requested)), None)
    if chosen is not None:
        grounds = by_id["SC-23"] if chosen.rung in SENDS_PEOPLE else None  # its gate holds: SC-23 passed
        return at.recommend(chosen.rung, chosen.rung, allowed=True, options=options, refused=refused, grounds=grounds)
    primary = min(options, key=lambda o: len(o.blocked_by), default=None)
    return at.recommend(
        current,
        primary.rung if primary else None,
        blocked_by=primary.blocked_by if primary else (),
        options=options,
        refused=refused,
    )


SENDS_PEOPLE = frozenset({Rung.INTERCEPT_INSTRUCT, Rung.GROUND_CUE})  # rungs that send people after an aircraft


@dataclass(frozen=True, slots=True)
class _At:
    """One track's recommendation in the making: who, when, from which rung, on which results."""

    track_id: str
    t_s: float
    current: Rung
    by_id: Mapping[str, CheckResult]
    land_at: str | None

    def options_from(self, rung: Rung) -> tuple[Option, ...]:
        return tuple(Option(r, False, blocking(r, self.by_id, self.t_s)) for r in NEXT[rung])

    def recommend(  # noqa: PLR0913  (keyword-only fields of the recommendation)
        self,
        rung: Rung,
        next_rung: Rung | None,
        *,
        allowed: bool = False,
        blocked_by: tuple[CheckResult, ...] = (),
        options: tuple[Option, ...] = (),
        following: tuple[Rung, ...] | None = None,
        refused: Refusal | None = None,
        note: str = "",
        grounds: CheckResult | None = None,
    ) -> Recommendation:
        """`grounds`: SC-23's result on a climb onto a rung that sends people: its reason is the note,
        its facts the names of the grounds."""
        following = NEXT[rung] if following is None else following
        return Recommendation(
            track_id=self.track_id,
            t_s=self.t_s,
            previous_rung=self.current,
            rung=rung,
            next_rung=next_rung,
            allowed=allowed,
            blocked_by=blocked_by,
            options=options,
            procedures=_procedures(rung, following, self.by_id, self.land_at),
            refused=refused,
            note=grounds.reason if grounds is not None else note,
            grounds=grounds.facts if grounds is not None else (),
        )


def _stand_down(at: _At, stand: Rung) -> Recommendation:
    """The operator asked for a lower rung: stand down to it, or lower if its own gate fails."""
    by_id = at.by_id
    down = stand if _holds(stand, by_id) else next((r for r in _PATH[stand] if _holds(r, by_id)), Rung.MONITOR)
    return at.recommend(
        down,
        None,
        options=at.options_from(down),
        following=(),
        note=f"stood down to {down.value} at the operator's request",
    )


def _step_down(at: _At, held: tuple[CheckResult, ...], refused: Refusal | None) -> Recommendation:
    """The current rung's gate no longer holds: down to the highest rung below whose gate holds."""
    down = next((r for r in _PATH[at.current] if _holds(r, at.by_id)), Rung.MONITOR)
    note = "de-escalate: " + "; ".join(f"{c.check_id} {c.reason}" for c in held)
    return at.recommend(down, at.current, blocked_by=held, options=at.options_from(down), refused=refused, note=note)


def judge_request(current: Rung, requested: str, by_id: Mapping[str, CheckResult], t_s: float) -> Refusal | None:
    """None when a request for `requested` from `current` would be granted now, else the refusal."""
    if requested not in Rung.__members__:
        return Refusal(
            requested,
            f"{requested!r} is not a rung of the ladder; nothing exists above INTERCEPT_INSTRUCT or GROUND_CUE (SC-16)",
            (by_id["SC-16"],) if "SC-16" in by_id else (),
        )
    rung = Rung(requested)
    blocks = blocking(rung, by_id, t_s)
    if rung not in NEXT[current]:
        if rung == current:
            return None if not blocks else Refusal(requested, f"{requested} is already reached or below", blocks)
        if rung.value in [r.value for r in _PATH[current]]:
            return None  # standing down is always allowed
        return Refusal(
            requested,
            f"{requested} is not the next rung from {current.value}; the ladder moves one rung at a time",
            blocks,
        )
    if blocks:
        return Refusal(requested, f"{requested} is blocked by " + ", ".join(b.check_id for b in blocks), blocks)
    return None
