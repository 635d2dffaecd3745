"""A drill's model answers, written from the by-the-book operator's replay (for trainers preparing
examples: `interdict drill FILE --write-model A.yaml`): every procedure it carried out, on the
aircraft its track held, at its time; every checkpoint answered with what the replay shows then."""

from __future__ import annotations

from typing import Any

from interdict.contract.procedures import name_of, params_of
from interdict.drill.document import Answers, Drill
from interdict.drill.session import Asked, run_with_answers
from interdict.replay.loop import ReplayResult
from interdict.scenario.document import Scenario

__all__ = ["model_answers"]


def model_answers(drill: Drill, scenario: Scenario, reference: ReplayResult) -> dict[str, Any]:
    """The answers document (a mapping, for YAML): the reference's actions, then the checkpoint
    answers read off a drill run with those actions."""
    actions = []
    for step in reference.scored:
        for j in step.judgements:
            who = step.holder.get(j.procedure.track_id)
            if j.allowed and who is not None:
                name = name_of(j.procedure)
                params = {k: _plain(v) for k, v in params_of(j.procedure).items()}
                actions.append({"t_s": step.t_s, "aircraft": who, "action": name, **params})
    doc: dict[str, Any] = {"format": "interdict-answers/1", "drill": drill.name, "actions": actions, "answers": []}
    run = run_with_answers(drill, scenario, Answers.model_validate(doc))
    doc["answers"] = [{"checkpoint": a.checkpoint.id, "answer": _right(a)} for a in run.asked]
    return doc


def _right(asked: Asked) -> str:
    """One right answer to a checkpoint, as a trainee would give it."""
    if asked.checkpoint.ask == "choice":
        return asked.checkpoint.accept[0]
    return asked.expected.split(" or ")[0].split(" (")[0]


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value
