"""The closed-loop replay: simulator -> engine -> operator -> world -> observations -> engine.

Each step (one scan period) the engine gets the plots of the step and the observations that have
arrived; the operator (a policy from `interdict.world.operators`) acts on the recommendations; the
engine judges each procedure; the world answers the allowed ones, and the answers arrive at the
engine when their delay has passed. What operators read is rendered elsewhere: `timeline.py`,
`map.py`, `interdict.io.events_jsonl`.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from interdict.contract.observations import Observation
from interdict.contract.picture import Picture
from interdict.contract.plots import NorthMarker, Plot, markers_between, scans
from interdict.contract.procedures import Procedure, name_of
from interdict.core.errors import InterdictError
from interdict.core.jsonable import to_jsonable
from interdict.engine.destinations import strip_database
from interdict.engine.engine import Engine, EngineConfig, StepOutput, config_sha256
from interdict.engine.events import EngineEvent
from interdict.engine.judge import Judgement
from interdict.engine.rules import BASELINE, rules_sha256
from interdict.engine.tracking import TrackStatus
from interdict.evaluation.score import ScoredStep, score_replay
from interdict.io.audit import AuditLog
from interdict.scenario.document import Scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.operators import Moment, OperatorPolicy, OperatorState, policy_for
from interdict.world.radar import Simulation, simulate
from interdict.world.responder import World
from interdict.world.trajectories import Trajectory, build_trajectories

__all__ = ["ClosedLoop", "ReplayResult", "run_replay", "audit_identity", "ENGINE_CONFIG"]

ENGINE_CONFIG = EngineConfig()  # the tracker and strip model a replay runs with


@dataclass(frozen=True)
class ReplayResult:
    scenario: Scenario
    picture: Picture
    seed: int
    simulation: Simulation
    trajectories: tuple[Trajectory, ...]  # truth, for scorers
    events: tuple[EngineEvent, ...]
    steps: tuple[StepOutput, ...]
    scored: tuple[ScoredStep, ...]
    report: dict[str, object]
    notes: tuple[str, ...]
    engine_s: float = 0.0  # wall-clock seconds spent in the engine (steps and judgements): a cost, not a result


def audit_identity(
    scenario: Scenario,
    scenario_sha256: str,
    seed: int,
    config: EngineConfig = ENGINE_CONFIG,
    *,
    inputs: Mapping[str, str] | None = None,
    until_s: float | None = None,
) -> dict[str, Any]:
    """The run identity an audit log of a replay carries (every record), and what its header records:
    the scenario's name and UTC start (for clock times), the engine configuration in force, the SHA-256
    of every input the engine read (`inputs`: the scenario, and recorded plots, a drill, answers when
    given) and the run's bound (`until_s`; None: to the scenario's end). Two runs on different inputs
    never share a header."""
    return {
        "scenario_sha256": scenario_sha256,
        "rules_sha256": rules_sha256(BASELINE),
        "engine_config_sha256": config_sha256(config),
        "seed": seed,
        "header": {
            "scenario": scenario.name,
            "start_utc": scenario.start.isoformat(),
            "engine_config": to_jsonable(config),
            "inputs": {"scenario": scenario_sha256, **(inputs or {})},
            "until_s": until_s,
        },
    }


class ClosedLoop:
    """A replay advanced one scan at a time: `run_replay` runs it to the end; a drill advances it and
    hands it a person's procedures between scans (`act`). Its bookkeeping is its own; what it
    returns is immutable. The scenario's operator policy acts at every scan unless `policy` is given
    (a drill's trainee acts through `act` only)."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        seed: int | None = None,
        until_s: float | None = None,
        audit: AuditLog | None = None,
        config: EngineConfig = ENGINE_CONFIG,
        policy: OperatorPolicy | None = None,
        plots: Sequence[Plot] | None = None,
        north: Sequence[NorthMarker] = (),
    ) -> None:
        self.policy = policy_for(scenario.operator, BASELINE) if policy is None else policy
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        if audit is None:
            scenario_sha = hashlib.sha256(scenario.model_dump_json().encode("utf-8")).hexdigest()
            audit = AuditLog(io.StringIO(), **audit_identity(scenario, scenario_sha, self.seed, config))
        self.audit = audit
        self.picture = picture_of(scenario)
        self.trajectories = build_trajectories(scenario)
        if plots is None:
            self.simulation = simulate(scenario, self.seed, trajectories=self.trajectories)
        else:
            ordered = tuple(sorted(plots, key=lambda p: p.t_s))
            if ordered and ordered[0].t_s < 0.0:
                raise InterdictError(
                    f"the recorded plots begin at t = {ordered[0].t_s:.1f} s, before the scenario's start "
                    f"({scenario.start:%Y-%m-%d %H:%M:%S} UTC): give a scenario that starts at or before the recording"
                )
            self.simulation = Simulation(self.seed, ordered, (None,) * len(ordered), ())
        self.open_loop = plots is not None and not scenario.aircraft
        self.world = World(scenario, self.trajectories)
        self.engine = Engine(self.picture, BASELINE, config, audited=True)
        step_s = min(r.scan_period_s for r in self.picture.radars)
        end_s = scenario.duration_s if until_s is None else min(until_s, scenario.duration_s)
        self._scans = list(scans(self.simulation.plots, step_s, t_end_s=end_s, past_end=False))
        after = 0 if plots is None else sum(p.t_s > end_s for p in self.simulation.plots)  # a recording may run on
        self.notes = (
            (f"{after} plots after t = {end_s:g} s (the end of the replay) were not replayed",) if after else ()
        )
        self._north = tuple(sorted(north, key=lambda m: m.t_s))
        self._next = 0
        self.state = self.engine.initial_state(0.0)
        self.loop = _Loop()
        self.engine_s = 0.0

    @property
    def done(self) -> bool:
        return self._next >= len(self._scans)

    @property
    def t_s(self) -> float:
        """The time of the last scan (0 before the first)."""
        return self._scans[self._next - 1][0] if self._next else 0.0

    @property
    def last(self) -> StepOutput | None:
        return self.loop.steps[-1] if self.loop.steps else None

    @property
    def events(self) -> tuple[EngineEvent, ...]:
        """The events so far, in the order they were said (the result sorts them by time)."""
        return tuple(self.loop.events)

    @property
    def holder(self) -> Mapping[str, str | None]:
        """Which aircraft each track holds at the last scan (truth: for scorers and drill questions)."""
        return self.loop.scored[-1].holder if self.loop.scored else {}

    def advance(self) -> StepOutput:
        """One scan: the engine's step, the policy's procedures judged and carried out, the audit."""
        loop = self.loop
        before_s = self.t_s
        t_s, batch = self._scans[self._next]
        self._next += 1
        north = markers_between(self._north, before_s, t_s)
        arrived = sorted((o for o in loop.pending if o.t_s <= t_s), key=lambda o: o.t_s)
        loop.pending = [o for o in loop.pending if o.t_s > t_s]
        started = time.perf_counter()
        self.state, out = self.engine.step(self.state, batch, arrived, t_s, north)
        self.engine_s += time.perf_counter() - started
        held = [tr for tr in out.tracks if tr.status in _HELD]
        holder = self.world.holders(held, t_s, loop.scored[-1].holder if loop.scored else None)
        loop.op_state, procedures, notes = self.policy.act(loop.op_state, Moment(t_s, out.recommendations, holder))
        said = len(loop.events)
        loop.events += [EngineEvent("no_track_for_aircraft", t_s, None, note) for note in notes]
        for kind, payload in out.audit:
            self.audit.append(kind, t_s, payload)
        loop.steps.append(out)
        loop.scored.append(ScoredStep(t_s, holder, out.recommendations, ()))
        self._judge(procedures, said)
        loop.events.extend(out.events)
        return out

    def act(self, procedures: Sequence[Procedure]) -> tuple[Judgement, ...]:
        """A person's procedures at the last scan (by track id): judged against that scan's
        recommendations, carried out when allowed, recorded in the audit log."""
        if self.last is None:
            raise InterdictError("nothing to act on before the first scan")
        return self._judge(procedures, len(self.loop.events))

    def _judge(self, procedures: Sequence[Procedure], said: int) -> tuple[Judgement, ...]:
        loop, out, t_s = self.loop, self.loop.steps[-1], self.loop.steps[-1].t_s
        started = time.perf_counter()
        judgements = self.engine.judge(out, procedures)
        self.engine_s += time.perf_counter() - started
        holder = loop.scored[-1].holder
        _carry_out(loop, None if self.open_loop else self.world, judgements, holder, t_s)
        for j in judgements:
            self.audit.append("judgement", t_s, {"procedure_name": name_of(j.procedure), **to_jsonable(j)})
        for e in loop.events[said:]:
            self.audit.append("operator_event", t_s, e)
        self.audit.sync(t_s)
        last = loop.scored[-1]
        loop.scored[-1] = ScoredStep(last.t_s, last.holder, last.recommendations, (*last.judgements, *judgements))
        return judgements

    def result(self) -> ReplayResult:
        """The replay so far, scored against the truth (the engine never saw it)."""
        loop = self.loop
        db = strip_database(self.picture)
        strips = {s.strip_id: (s.east_m, s.north_m) for s in db.strips}
        report = score_replay(self.scenario, self.trajectories, loop.scored, strips)
        report["seed"] = self.seed
        report["open_loop"] = self.open_loop
        events = tuple(sorted(loop.events, key=lambda e: e.t_s))
        return ReplayResult(
            self.scenario,
            self.picture,
            self.seed,
            self.simulation,
            self.trajectories,
            events,
            tuple(loop.steps),
            tuple(loop.scored),
            report,
            self.notes,
            self.engine_s,
        )


@dataclass
class _Loop:
    """The running loop's mutable bookkeeping (never escapes its ClosedLoop)."""

    op_state: OperatorState = field(default_factory=OperatorState)
    pending: list[Observation] = field(default_factory=list)
    done: dict[str, tuple[Procedure, ...]] = field(default_factory=dict)  # aircraft id -> procedures on it
    events: list[EngineEvent] = field(default_factory=list)
    steps: list[StepOutput] = field(default_factory=list)
    scored: list[ScoredStep] = field(default_factory=list)


def run_replay(
    scenario: Scenario,
    *,
    seed: int | None = None,
    until_s: float | None = None,
    audit: AuditLog | None = None,
    progress: Callable[[float], None] | None = None,
    config: EngineConfig = ENGINE_CONFIG,
    plots: Sequence[Plot] | None = None,
    north: Sequence[NorthMarker] = (),
) -> ReplayResult:
    """Run the closed loop; write audit records to `audit` (flushed every scan), or, when none is
    given, to an in-memory log (SC-18 holds either way: every record is written somewhere).
    `config`: the tracker and strip model (the benchmark suite varies them); `plots`: recorded plots
    instead of the simulation (ClosedLoop), and their north markers."""
    closed = ClosedLoop(scenario, seed=seed, until_s=until_s, audit=audit, config=config, plots=plots, north=north)
    while not closed.done:
        out = closed.advance()
        if progress is not None:
            progress(out.t_s)
    return closed.result()


_HELD = (TrackStatus.CONFIRMED, TrackStatus.COASTING)


def _carry_out(
    loop: _Loop, world: World | None, judgements: Sequence[Judgement], holder: Mapping[str, str | None], t_s: float
) -> None:
    """Allowed procedures are carried out and the world, when there is one, answers them; refused
    ones are reported."""
    for j in judgements:
        p = j.procedure
        if j.allowed:
            who = holder.get(p.track_id)
            loop.pending.append(p)
            loop.pending.extend(world.answer(p, who, loop.done.get(who or "", ())) if world is not None else ())
            if who is not None:
                loop.done[who] = (*loop.done.get(who, ()), p)
            detail = {"procedure": name_of(p), **to_jsonable(p), "judgement": j.reason}
            loop.events.append(EngineEvent("procedure", t_s, p.track_id, _describe(p), detail))
        else:
            blocked = [b.check_id for b in j.blocked_by]
            loop.events.append(
                EngineEvent(
                    "procedure_refused",
                    t_s,
                    p.track_id,
                    f"refused, not carried out: {_describe(p)}: {j.reason}",
                    {"reason": j.reason, "blocked_by": blocked},
                )
            )


def _describe(p: Procedure) -> str:
    name = type(p).__name__
    fields = {k: v for k, v in to_jsonable(p).items() if k not in ("t_s", "track_id")}
    return f"operator: {name} " + ", ".join(f"{k}={v}" for k, v in fields.items())
