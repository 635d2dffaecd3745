"""The vocabulary of the checks: verdicts, results, the actions that resolve a block, what a check
may read (`CheckContext`), and the registry that `@check` fills and `run_checks` runs."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

from interdict.contract.picture import Picture
from interdict.contract.procedures import ProcedureName
from interdict.engine.evidence import Evidence
from interdict.engine.rules import RuleSet

__all__ = [
    "Verdict",
    "Action",
    "CheckResult",
    "CheckContext",
    "Finding",
    "check",
    "catalogue",
    "run_checks",
    "atc_unit_ids",
    "EXCULPATORY",
]

# Checks that stand for evidence of innocence (an innocent profile, a civil ground, distress, an identity
# established): a rung that sends people is stepped onto only once each has passed for the rule set's
# settle time (SC-25), whether it stopped blocking because the evidence went or because it was contradicted.
EXCULPATORY = frozenset({"SC-09", "SC-10", "SC-11", "SC-24"})


class Verdict(str, Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True, slots=True)
class Action:
    """A procedure that would resolve a block: its name in the one vocabulary (`contract.procedures`), with keys."""

    action: ProcedureName
    params: Mapping[str, object] = field(default_factory=dict)

    def key(self) -> str:
        return self.action + ":" + ",".join(f"{k}={v}" for k, v in sorted(self.params.items()))


@dataclass(frozen=True, slots=True)
class CheckResult:
    check_id: str
    verdict: Verdict
    reason: str
    requirement: str
    resolve_hint: str = ""
    actions: tuple[Action, ...] = ()
    t_s: float = 0.0
    facts: tuple[str, ...] = ()  # FAIL: the blocking facts, each a stable key for written resolutions;
    # SC-23 PASS: the names of the grounds for suspicion

    @property
    def blocks(self) -> bool:
        return self.verdict is not Verdict.PASS


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the checks may use besides a track's evidence (no truth)."""

    picture: Picture
    rules: RuleSet
    t_s: float
    audited: bool
    neighbours_m: Mapping[str, float]  # distance from this track to each other confirmed track
    time_to_exit_s: float | None  # when the track is predicted to leave radar cover, if it will
    landed_at: Mapping[str, float] = field(default_factory=dict)  # strip -> p when last seen, where it landed
    unsettled: Mapping[str, float] = field(default_factory=dict)  # check id -> last t_s not passing (SC-21, SC-25)
    clusters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # strip -> its cluster's strips (SC-17)
    # (unit, call sign) of a plan this track holds -> the other live tracks it also fits (SC-01)
    plan_rivals: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check's body finds; `@check` adds the check's id, its requirement and the time."""

    verdict: Verdict
    reason: str
    hint: str = ""
    actions: tuple[Action, ...] = ()
    facts: tuple[str, ...] = ()


CheckFn = Callable[[Evidence, CheckContext], CheckResult]
_REGISTRY: dict[str, CheckFn] = {}


def check(check_id: str, requirement: str) -> Callable[[Callable[[Evidence, CheckContext], Finding]], CheckFn]:
    """Register a check of the catalogue under its id, with the requirement it comes from."""

    def register(body: Callable[[Evidence, CheckContext], Finding]) -> CheckFn:
        @functools.wraps(body)
        def run(ev: Evidence, ctx: CheckContext) -> CheckResult:
            f = body(ev, ctx)
            return CheckResult(check_id, f.verdict, f.reason, requirement, f.hint, f.actions, ctx.t_s, f.facts)

        if check_id in _REGISTRY:
            raise ValueError(f"two checks registered as {check_id}")
        _REGISTRY[check_id] = run
        return run

    return register


def catalogue() -> Mapping[str, CheckFn]:
    """Every registered check, in id order."""
    return MappingProxyType(dict(sorted(_REGISTRY.items())))


def atc_unit_ids(ctx: CheckContext) -> tuple[str, ...]:
    return tuple(sorted(u.id for u in ctx.picture.atc_units))


def run_checks(ev: Evidence, ctx: CheckContext) -> tuple[CheckResult, ...]:
    """Every check of the catalogue for one track (before written resolutions: resolutions.py)."""
    return tuple(run(ev, ctx) for _, run in sorted(_REGISTRY.items()))
