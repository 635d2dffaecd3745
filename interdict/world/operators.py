"""Operator policies: who carries out the engine's recommended procedures during a replay (WORLD side).

- `by_the_book`: carries out every procedure the current recommendation lists, `reaction_s` after it
  first appeared, repeating an action only after its repeat interval (radio calls after the rule
  set's spacing, queries when their answers have gone stale).
- `scripted`: carries out `operator.script` at its times, wrong requests included; each action names a
  true aircraft, mapped to the track that holds it at that moment, else the action is reported as
  "no track holds aircraft X".
- `trainee`: decisions come from a person through `interdict drill` (interdict.drill), which runs
  the closed loop with the trainee as the only operator; a replay refuses this policy.
Every policy implements `OperatorPolicy` and is pure: `act(state, moment) -> (new state, procedures,
notes)`. A new policy is a class here, listed in `POLICIES` under the name a scenario's
`operator.policy` gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol

from interdict.contract.procedures import Procedure, ProcedureName, keys_of, procedure_of
from interdict.core.errors import InterdictError
from interdict.engine.ladder import Recommendation
from interdict.engine.rules import RuleSet
from interdict.scenario.document import OperatorAction, OperatorSpec

__all__ = [
    "OperatorState",
    "Moment",
    "OperatorPolicy",
    "ByTheBook",
    "Scripted",
    "POLICIES",
    "policy_for",
    "by_the_book",
    "scripted",
    "check_policy",
    "procedure_for",
    "track_holding",
]


@dataclass(frozen=True, slots=True)
class OperatorState:
    first_seen: Mapping[str, float] = field(default_factory=dict)
    last_done: Mapping[str, float] = field(default_factory=dict)
    script_t_s: float = float("-inf")


@dataclass(frozen=True, slots=True)
class Moment:
    """What an operator has in front of them at one step: the time, the engine's recommendations, and
    (world side, for scripts that name true aircraft) which aircraft each confirmed track holds."""

    t_s: float
    recommendations: tuple[Recommendation, ...]
    holder: Mapping[str, str | None]

    def track_of(self, aircraft_id: str) -> str | None:
        """The track that holds a true aircraft now (the first by id if several do)."""
        return track_holding(self.holder, aircraft_id)


def track_holding(holder: Mapping[str, str | None], aircraft_id: str) -> str | None:
    """The track that holds a true aircraft in `holder` (the first by id if several do)."""
    return next((tid for tid, who in sorted(holder.items()) if who == aircraft_id), None)


class OperatorPolicy(Protocol):
    """Who carries out procedures during a replay."""

    def act(
        self, state: OperatorState, moment: Moment
    ) -> tuple[OperatorState, tuple[Procedure, ...], tuple[str, ...]]: ...


@dataclass(frozen=True, slots=True)
class ByTheBook:
    """Carries out every recommended procedure after the reaction time (`by_the_book`)."""

    spec: OperatorSpec
    rules: RuleSet

    def act(self, state: OperatorState, moment: Moment) -> tuple[OperatorState, tuple[Procedure, ...], tuple[str, ...]]:
        new, procedures = by_the_book(self.spec, self.rules, state, moment.t_s, moment.recommendations)
        return new, procedures, ()


@dataclass(frozen=True, slots=True)
class Scripted:
    """Carries out the scenario's script at its times (`scripted`)."""

    spec: OperatorSpec

    def act(self, state: OperatorState, moment: Moment) -> tuple[OperatorState, tuple[Procedure, ...], tuple[str, ...]]:
        return scripted(self.spec, state, moment.t_s, moment.track_of)


POLICIES: Mapping[str, Callable[[OperatorSpec, RuleSet], OperatorPolicy]] = MappingProxyType(
    {"by_the_book": ByTheBook, "scripted": lambda spec, _: Scripted(spec)}
)


def policy_for(spec: OperatorSpec, rules: RuleSet) -> OperatorPolicy:
    """The policy a scenario's operator names; InterdictError for one a replay cannot run."""
    check_policy(spec)
    return POLICIES[spec.policy](spec, rules)


def check_policy(spec: OperatorSpec) -> None:
    """Refuse policies a replay cannot run."""
    if spec.policy not in POLICIES:
        raise InterdictError(
            f"operator.policy: {spec.policy!r} needs a person deciding: write a drill for this scenario and "
            "run `interdict drill` (docs/drills.md); use by_the_book or scripted for a replay"
        )


def _repeat_s(action: ProcedureName, rules: RuleSet) -> float:
    return {
        "radio_call": rules.radio_min_spacing_s,
        "query_flight_plans": 120.0,
        "query_atc_contact": 120.0,
        "query_registry": 600.0,
        "request_ident": 600.0,
        "visual_id": 900.0,
        "intercept_signal": 300.0,
        "instruct_land": 300.0,
        "recall_ground": 60.0,
    }.get(action, float("inf"))


def by_the_book(
    spec: OperatorSpec, rules: RuleSet, state: OperatorState, t_s: float, recommendations: tuple[Recommendation, ...]
) -> tuple[OperatorState, tuple[Procedure, ...]]:
    """Carry out each recommended procedure after the reaction time."""
    first = dict(state.first_seen)
    done = dict(state.last_done)
    out: list[Procedure] = []
    for rec in recommendations:
        for action in rec.procedures:
            key = f"{rec.track_id}|{action.key()}"
            first.setdefault(key, t_s)
            if t_s - first[key] < spec.reaction_s:
                continue
            if t_s - done.get(key, float("-inf")) < _repeat_s(action.action, rules):
                continue
            done[key] = t_s
            out.append(procedure_of(action.action, rec.track_id, t_s, action.params))
    return OperatorState(MappingProxyType(first), MappingProxyType(done), state.script_t_s), tuple(out)


def scripted(
    spec: OperatorSpec, state: OperatorState, t_s: float, track_of: Callable[[str], str | None]
) -> tuple[OperatorState, tuple[Procedure, ...], tuple[str, ...]]:
    """Carry out the script's actions due in (state.script_t_s, t_s]."""
    out: list[Procedure] = []
    notes: list[str] = []
    for action in spec.script:
        if not state.script_t_s < action.t_s <= t_s:
            continue
        track_id = track_of(action.aircraft)
        if track_id is None:
            notes.append(
                f"no track holds aircraft {action.aircraft} at t = {t_s:.0f} s: {action.action} not carried out"
            )
            continue
        out.append(procedure_for(action, track_id, t_s))
    return OperatorState(state.first_seen, state.last_done, t_s), tuple(out), tuple(notes)


def procedure_for(action: OperatorAction, track_id: str, t_s: float) -> Procedure:
    """A scripted action as the procedure on the track that holds its aircraft at `t_s`."""
    return procedure_of(action.action, track_id, t_s, {k: getattr(action, k) for k in keys_of(action.action)})
