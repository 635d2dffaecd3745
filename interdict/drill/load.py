"""Reading a drill file with every problem listed by key path (as a scenario file): the format,
then what only the scenario can tell (the aircraft a checkpoint asks about, the roster name the
trainee signs as, checkpoint times within the drill); an answers file against its drill and scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interdict.core.errors import InterdictError, Problem, ScenarioError
from interdict.drill.document import Answers, Drill
from interdict.drill.session import scenario_path
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario, model_of
from interdict.scenario.semantics import action_problems

__all__ = ["load_drill", "load_answers"]


def load_drill(path: Path, data: Any = None) -> tuple[Drill, Scenario]:
    """The drill (read from `path`, or `data` when it was read already) and its scenario;
    ScenarioError naming the drill file and each key path."""
    drill = model_of(Drill, path) if data is None else model_of(Drill, path, data)
    try:
        scenario = load_scenario(scenario_path(path, drill))
    except InterdictError as exc:
        raise ScenarioError(str(path), [Problem("scenario", f"cannot load {drill.scenario!r}: {exc}")]) from None
    aircraft = {a.id for a in scenario.aircraft}
    roster = {a.name for a in scenario.authorities}
    end_s = scenario.duration_s if drill.until_s is None else min(drill.until_s, scenario.duration_s)
    problems = [
        Problem(
            f"checkpoints[{i}].aircraft",
            f"{c.aircraft!r} is not an aircraft of the scenario ({', '.join(sorted(aircraft))})",
        )
        for i, c in enumerate(drill.checkpoints)
        if c.aircraft not in aircraft
    ]
    problems += [
        Problem(f"checkpoints[{i}].t_s", f"{c.t_s:g} s is after the drill's end ({end_s:g} s)")
        for i, c in enumerate(drill.checkpoints)
        if c.t_s > end_s
    ]
    if drill.role.signs_as is not None and drill.role.signs_as not in roster:
        problems.append(Problem("role.signs_as", f"{drill.role.signs_as!r} is not on the scenario's roster"))
    if problems:
        raise ScenarioError(str(path), problems)
    return drill, scenario


def load_answers(path: Path, drill: Drill | None = None, data: Any = None, scenario: Scenario | None = None) -> Answers:
    """An answers file (or its `data`, read already); with `drill`, also that the answers are for it,
    name its checkpoints and sign only as the trainee (`role.signs_as`); with its `scenario`, that
    the aircraft, units, strips, aerodromes and teams its actions name are the scenario's."""
    answers = model_of(Answers, path) if data is None else model_of(Answers, path, data)
    actions = [a.model_dump(mode="json", exclude_none=True) for a in answers.actions]
    problems = [] if scenario is None else action_problems(scenario.model_dump(mode="json"), actions, "actions")
    if drill is None:
        if problems:
            raise ScenarioError(str(path), problems)
        return answers
    if answers.drill != drill.name:
        problems.append(Problem("drill", f"these answers are for {answers.drill!r}, not {drill.name!r}"))
    trainee = drill.role.signs_as or "trainee"
    problems += [
        Problem(f"actions[{i}].by", f"{a.by!r}: an answers file signs only as the trainee ({trainee!r}, role.signs_as)")
        for i, a in enumerate(answers.actions)
        if a.by is not None and a.by != trainee
    ]
    known = {c.id for c in drill.checkpoints}
    problems += [
        Problem(
            f"answers[{i}].checkpoint",
            f"{a.checkpoint!r} is not a checkpoint of {drill.name} ({', '.join(sorted(known))})",
        )
        for i, a in enumerate(answers.answers)
        if a.checkpoint not in known
    ]
    if problems:
        raise ScenarioError(str(path), problems)
    return answers
