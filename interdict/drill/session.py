"""A drill in progress: the scenario's closed loop, advanced scan by scan, with the trainee's
decisions as the only operator. The trainee sees what an operator sees (tracks, strips, evidence,
checks, the ladder, the timeline), never the truth or the future; the engine judges each decision
before it is carried out, and the simulated world answers the allowed ones.

The session knows which aircraft each track holds (truth) only to say which track a checkpoint is
about and, afterwards, to grade; nothing of it is shown while the drill runs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from interdict.contract.procedures import PROCEDURE_NAMES, Procedure, keys_of, name_of, params_of, procedure_of
from interdict.core.errors import InterdictError
from interdict.drill.document import Answers, Checkpoint, Drill
from interdict.engine.engine import StepOutput
from interdict.engine.judge import Judgement
from interdict.engine.ladder import Recommendation, judge_request
from interdict.io.audit import AuditLog
from interdict.replay.loop import ClosedLoop, ReplayResult
from interdict.scenario.document import OperatorAction, OperatorSpec, Scenario
from interdict.scenario.examples import example_names, example_path
from interdict.world.operators import Moment, OperatorState, procedure_for, track_holding

__all__ = [
    "Decision",
    "Asked",
    "DrillRun",
    "DrillSession",
    "run_with_answers",
    "scenario_path",
    "reference_of",
    "parse_decision",
]


@dataclass(frozen=True, slots=True)
class Decision:
    """One trainee decision and what became of it: allowed and carried out, refused by the engine
    (and by which checks), or outside the trainee's role."""

    t_s: float
    track_id: str
    procedure: str
    params: Mapping[str, object]
    allowed: bool
    reason: str
    blocked_by: tuple[str, ...] = ()
    outside_role: bool = False


@dataclass(frozen=True, slots=True)
class Asked:
    """A checkpoint answered: what was expected (read off the replay then) and whether the answer was right."""

    checkpoint: Checkpoint
    track_id: str | None
    answer: str
    expected: str
    right: bool


@dataclass(frozen=True)
class DrillRun:
    """A finished drill: the replay, the trainee's decisions, the checkpoints answered."""

    drill: Drill
    replay: ReplayResult
    decisions: tuple[Decision, ...]
    asked: tuple[Asked, ...]


class _Idle:
    """The operator policy of a drill: nothing happens unless the trainee decides it."""

    def act(
        self, state: OperatorState, _moment: Moment
    ) -> tuple[OperatorState, tuple[Procedure, ...], tuple[str, ...]]:
        return state, (), ()


_CHECK_ID = re.compile(r"SC-\d\d", flags=re.IGNORECASE)


@dataclass
class DrillSession:
    """The drill's closed loop with the trainee as operator (see the module's docstring)."""

    drill: Drill
    scenario: Scenario
    audit: AuditLog | None = None
    closed: ClosedLoop = field(init=False)
    decisions: list[Decision] = field(default_factory=list)
    asked: list[Asked] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.closed = ClosedLoop(
            self.scenario, seed=self.drill.seed, until_s=self.drill.until_s, audit=self.audit, policy=_Idle()
        )

    @property
    def done(self) -> bool:
        return self.closed.done

    @property
    def t_s(self) -> float:
        return self.closed.t_s

    def advance(self) -> StepOutput:
        return self.closed.advance()

    def due(self) -> Checkpoint | None:
        """The first checkpoint not yet asked whose time has come."""
        answered = {a.checkpoint.id for a in self.asked}
        return next((c for c in self.drill.checkpoints if c.id not in answered and c.t_s <= self.t_s), None)

    def track_of(self, aircraft: str) -> str | None:
        """The track that holds `aircraft` now (truth: used only to point a question at a track)."""
        return track_holding(self.closed.holder, aircraft)

    def recommendation(self, track_id: str | None) -> Recommendation | None:
        last = self.closed.last
        return next((r for r in last.recommendations if r.track_id == track_id), None) if last else None

    def act(self, procedure: Procedure) -> Decision:
        """A trainee decision at the last scan: refused outside the role, else judged by the engine
        and carried out when allowed."""
        name, params = name_of(procedure), params_of(procedure)
        if name not in self.drill.role.may:
            decision = Decision(
                procedure.t_s,
                procedure.track_id,
                name,
                params,
                False,
                f"the role {self.drill.role.name!r} may not {name}",
                outside_role=True,
            )
        else:
            (j,) = self.closed.act([procedure])
            decision = self._request_judged(_decision(j, name, params))
        self.decisions.append(decision)
        return decision

    def _request_judged(self, decision: Decision) -> Decision:
        """A request for a rung is recorded by the engine and answered at the next scan; a drill
        judges it now, as the ladder will (granted only for the next rung with its gate holding)."""
        rec = self.recommendation(decision.track_id)
        last = self.closed.last
        if decision.procedure != "request_rung" or rec is None or last is None:
            return decision
        results = {c.check_id: c for c in last.results.get(decision.track_id, ())}
        refusal = judge_request(rec.rung, str(decision.params["rung"]), results, decision.t_s)
        if refusal is None:
            return decision
        blocked = tuple(b.check_id for b in refusal.blocked_by)
        return replace(decision, allowed=False, reason=refusal.reason, blocked_by=blocked)

    def answer(self, checkpoint: Checkpoint, text: str) -> Asked:
        """The trainee's answer to `checkpoint`, graded against the replay as it stands now."""
        track_id = self.track_of(checkpoint.aircraft)
        expected, right = _expected(checkpoint, self.recommendation(track_id), text)
        asked = Asked(checkpoint, track_id, text, expected, right)
        self.asked.append(asked)
        return asked

    def result(self) -> DrillRun:
        return DrillRun(self.drill, self.closed.result(), tuple(self.decisions), tuple(self.asked))


def _decision(j: Judgement, name: str, params: Mapping[str, object]) -> Decision:
    p = j.procedure
    return Decision(p.t_s, p.track_id, name, params, j.allowed, j.reason, tuple(b.check_id for b in j.blocked_by))


def _expected(checkpoint: Checkpoint, rec: Recommendation | None, text: str) -> tuple[str, bool]:
    """What the right answer is now, and whether `text` gives it."""
    if checkpoint.ask == "choice":
        accepted = {a.strip().lower() for a in checkpoint.accept}
        return " or ".join(checkpoint.accept), text.strip().lower() in accepted
    if checkpoint.ask == "blocking_checks":
        blocks = {b.check_id for b in rec.blocked_by} if rec is not None else set()
        named = {m.upper() for m in _CHECK_ID.findall(text)}
        if not blocks:
            return "none", text.strip().lower() in ("none", "nothing", "-") and not named
        return ", ".join(sorted(blocks)), named == blocks
    names = sorted({p.action for p in rec.procedures}) if rec is not None else []
    given = text.strip().lower()
    if not names:
        return "none (keep tracking)", given in ("none", "wait", "keep tracking", "-")
    return " or ".join(names), given in names


def run_with_answers(drill: Drill, scenario: Scenario, answers: Answers, audit: AuditLog | None = None) -> DrillRun:
    """The drill without a person: each action at its time on the track that holds its aircraft,
    each checkpoint answered from the file (no answer: wrong)."""
    session = DrillSession(drill, scenario, audit)
    given = {a.checkpoint: a.answer for a in answers.answers}
    pending = sorted(answers.actions, key=lambda a: a.t_s)
    previous = float("-inf")
    while not session.done:
        session.advance()
        now = session.t_s
        for action in [a for a in pending if previous < a.t_s <= now]:
            _carry(session, action, now)
        while (checkpoint := session.due()) is not None:
            session.answer(checkpoint, given.get(checkpoint.id, ""))
        previous = now
    return session.result()


def _carry(session: DrillSession, action: OperatorAction, t_s: float) -> None:
    track_id = session.track_of(action.aircraft)
    if track_id is None:
        session.decisions.append(
            Decision(t_s, "", action.action, {}, False, f"no track holds aircraft {action.aircraft}")
        )
        return
    session.act(procedure_for(action, track_id, t_s))


def scenario_path(drill_file: Path, drill: Drill) -> Path:
    """The scenario a drill names: a shipped example, or a path relative to the drill file."""
    if drill.scenario in example_names():
        return example_path(drill.scenario)
    return (drill_file.parent / drill.scenario).resolve()


def reference_of(scenario: Scenario) -> Scenario:
    """The scenario with the by-the-book operator, for the reference run a drill is graded against."""
    return scenario.model_copy(
        update={"operator": OperatorSpec(policy="by_the_book", reaction_s=scenario.operator.reaction_s)}
    )


_NUMBERS = {"frequency_mhz": float, "series": int}


def parse_decision(text: str, track_id: str, t_s: float, signs_as: str | None) -> Procedure:
    """A decision typed by the trainee: `PROCEDURE key=value ...` on the selected track; lists are
    comma-separated (`units=lima-acc,iquitos-twr`); `by` is the trainee's roster name. The text is
    never evaluated, only split."""
    words = text.split()
    if not words:
        raise InterdictError("type a procedure, e.g. query_flight_plans units=lima-acc")
    name, pairs = words[0], words[1:]
    if name not in PROCEDURE_NAMES:
        raise InterdictError(f"{name!r} is not a procedure; the procedures are {', '.join(PROCEDURE_NAMES)}")
    if not track_id:
        raise InterdictError("no track selected: press tab to select one")
    params: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in keys_of(name):
            raise InterdictError(f"{name} takes {', '.join(keys_of(name)) or 'nothing more'}; got {pair!r}")
        params[key] = _value(key, value)
    if "by" in keys_of(name):
        params["by"] = signs_as or "trainee"
    missing = [k for k in keys_of(name) if k not in params]
    if missing:
        raise InterdictError(f"{name} needs {', '.join(missing)} (e.g. {name} {' '.join(f'{k}=...' for k in missing)})")
    try:
        return procedure_of(name, track_id, t_s, params)
    except (TypeError, ValueError) as exc:
        raise InterdictError(f"{name}: {exc}") from None


def _value(key: str, value: str) -> object:
    if key == "units":
        return tuple(v for v in value.split(",") if v)
    if key in _NUMBERS:
        try:
            return _NUMBERS[key](value)
        except ValueError:
            raise InterdictError(f"{key}={value!r}: expected a number") from None
    return value.replace("_", " ") if key in ("why", "how") else value
