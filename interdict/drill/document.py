"""The drill file `interdict-drill/1` and the answers file `interdict-answers/1` (docs/drills.md).

A drill names the scenario it replays, briefs the trainee, says what the trainee's role may do, and
sets checkpoints: at `t_s` the drill stops and asks a question about the track that holds one of
the scenario's aircraft. The right answer is read from the trainee's own replay at that moment, so
a trainer never writes an answer that the engine would contradict:

- `blocking_checks`: which checks block the next step now (the answer names check ids);
- `next_procedure`: what to do next (a procedure the engine recommends now);
- `choice`: one of `choices`, right when it is in `accept` (for questions about the situation).

An answers file holds a trainee's (or a model's) decisions without a person: timed procedures on
the track that holds an aircraft (as a scenario's operator script), and checkpoint answers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from interdict.contract.procedures import PROCEDURE_NAMES, ProcedureName
from interdict.contract.specs import Identifier, StrictModel, Time_s
from interdict.scenario.document import OperatorAction

__all__ = ["Role", "Checkpoint", "Drill", "Answer", "Answers"]


class Role(StrictModel):
    """What the trainee is in the drill, and which procedures that role may carry out."""

    name: str = Field(min_length=1, max_length=80, description="the trainee's role, e.g. interception controller")
    may: tuple[ProcedureName, ...] = Field(
        PROCEDURE_NAMES, min_length=1, description="the procedures the role may carry out (default: all)"
    )
    signs_as: str | None = Field(
        None, description="the roster name under which the trainee signs resolutions and dissent (scenario roster)"
    )


class Checkpoint(StrictModel):
    """A question at `t_s` about the track that holds `aircraft`."""

    id: Identifier = Field(description="the checkpoint's id, used by answers files")
    t_s: Time_s = Field(description="when the drill stops to ask, seconds after the scenario's start")
    aircraft: Identifier = Field(
        description="the aircraft whose track the question is about (the trainee sees the track)"
    )
    ask: Literal["blocking_checks", "next_procedure", "choice"] = Field(description="the kind of question")
    question: str = Field(min_length=1, description="the question as the trainee reads it")
    choices: tuple[str, ...] = Field((), description="choice: the answers offered")
    accept: tuple[str, ...] = Field((), description="choice: the right answers among `choices`")
    explanation: str = Field(min_length=1, description="shown after the answer, right or wrong: why")

    @model_validator(mode="after")
    def _choices(self) -> Checkpoint:
        if self.ask == "choice":
            if not self.choices or not self.accept:
                raise ValueError("a `choice` checkpoint needs `choices` and `accept`")
            if not set(self.accept) <= set(self.choices):
                raise ValueError(f"`accept` must be among `choices`: {sorted(set(self.accept) - set(self.choices))}")
        elif self.choices or self.accept:
            raise ValueError(
                f"`choices` and `accept` are for `choice` checkpoints; {self.ask} reads the answer off the replay"
            )
        return self


class Drill(StrictModel):
    """A whole drill file."""

    format: Literal["interdict-drill/1"] = Field(description="the format's version: interdict-drill/1")
    name: Identifier = Field(description="the drill's name")
    title: str = Field(min_length=1, max_length=200, description="one line for the trainee")
    scenario: str = Field(
        min_length=1,
        description="a scenario shipped with interdict (e.g. bowers-2001) or a path relative to the drill file",
    )
    seed: int | None = Field(None, ge=0, lt=2**63, description="the simulation's seed (default: the scenario's)")
    until_s: float | None = Field(None, gt=0.0, description="where the drill ends (default: the scenario's end)")
    briefing: str = Field(min_length=1, description="what the trainee is told before the first scan")
    role: Role = Field(description="the trainee's role")
    checkpoints: tuple[Checkpoint, ...] = Field((), description="questions, in time order")
    pass_mark: float = Field(
        0.8, gt=0.0, le=1.0, description="the grade (0 to 1) needed to pass; an unsafe action fails"
    )
    tolerance_s: float = Field(
        180.0, ge=0.0, le=3_600.0, description="a procedure done this long after the by-the-book operator is not missed"
    )

    @model_validator(mode="after")
    def _checkpoints(self) -> Drill:
        ids = [c.id for c in self.checkpoints]
        if len(set(ids)) != len(ids):
            raise ValueError(f"checkpoint ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
        times = [c.t_s for c in self.checkpoints]
        if times != sorted(times):
            raise ValueError("checkpoints must be in time order")
        return self


class Answer(StrictModel):
    """The answer to one checkpoint."""

    checkpoint: Identifier = Field(description="the checkpoint's id")
    answer: str = Field(description="the answer as the trainee gave it")


class Answers(StrictModel):
    """A whole answers file: decisions made without a person (tests, prepared examples)."""

    format: Literal["interdict-answers/1"] = Field(description="the format's version: interdict-answers/1")
    drill: Identifier = Field(description="the drill's name these answers are for")
    actions: tuple[OperatorAction, ...] = Field((), description="timed procedures, as a scenario's operator script")
    answers: tuple[Answer, ...] = Field((), description="checkpoint answers")
