"""One procedure vocabulary: the scenario format, the engine's recommended actions, the ladder's
allowed actions and the operator policies all name procedures from `contract.procedures`."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from interdict.contract.procedures import PROCEDURE_NAMES, PROCEDURES, keys_of, name_of, procedure_of
from interdict.engine.ladder import ALLOWED_ACTIONS
from interdict.engine.safety import Action
from interdict.scenario.document import OperatorAction

SAMPLE = {
    "units": ["lima-acc"],
    "registration": "OB-1408",
    "unit": "lima-acc",
    "callsign": "OB1408",
    "frequency_mhz": 121.5,
    "language": "es",
    "series": 1,
    "aerodrome": "SPMF",
    "strip": "cl-a",
    "team": "forward-pichari",
    "rung": "IDENTIFY",
    "by": "Maj. Ruiz",
    "why": "the plan is held by Pucallpa",
    "block": "SC-10",
    "how": "phoned Lima ACC",
}


@pytest.mark.parametrize("name", PROCEDURE_NAMES)
def test_every_name_builds_its_procedure_from_its_keys(name: str) -> None:
    params = {k: SAMPLE[k] for k in keys_of(name)}  # type: ignore[arg-type]
    p = procedure_of(name, "T1", 10.0, params)  # type: ignore[arg-type]
    assert name_of(p) == name and isinstance(p, PROCEDURES[name])  # type: ignore[index]
    assert (p.t_s, p.track_id) == (10.0, "T1")
    assert all(not isinstance(getattr(p, k), list) for k in keys_of(name))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", PROCEDURE_NAMES)
def test_the_scenario_format_takes_exactly_the_procedure_keys(name: str) -> None:
    keys = keys_of(name)  # type: ignore[arg-type]
    OperatorAction(t_s=1.0, aircraft="a", action=name, **{k: SAMPLE[k] for k in keys})  # type: ignore[arg-type]
    if keys:
        with pytest.raises(ValidationError, match=f"needs {keys[-1]}"):
            OperatorAction(t_s=1.0, aircraft="a", action=name, **{k: SAMPLE[k] for k in keys[:-1]})  # type: ignore[arg-type]
    other = next(k for k in SAMPLE if k not in keys)
    with pytest.raises(ValidationError, match=f"takes no {other}"):
        OperatorAction(t_s=1.0, aircraft="a", action=name, **{k: SAMPLE[k] for k in (*keys, other)})  # type: ignore[arg-type]


def test_the_ladder_and_the_scenario_format_use_the_vocabulary() -> None:
    assert set(PROCEDURES) == set(PROCEDURE_NAMES)
    assert all(allowed <= set(PROCEDURE_NAMES) for allowed in ALLOWED_ACTIONS.values())
    assert get_args(OperatorAction.model_fields["action"].annotation) == PROCEDURE_NAMES
    with pytest.raises(ValidationError):
        OperatorAction(t_s=1.0, aircraft="a", action="shoot_down")  # type: ignore[arg-type]
    assert Action("radio_call", {"frequency_mhz": 121.5}).key() == "radio_call:frequency_mhz=121.5"
