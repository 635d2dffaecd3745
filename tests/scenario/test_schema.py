"""The JSON Schema an editor uses: current in docs/, every shipped scenario valid, and rejecting
what `validate` rejects that JSON Schema can express."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from interdict.core.errors import InterdictError
from interdict.scenario.examples import example_names, example_path
from interdict.scenario.load import load_scenario
from interdict.scenario.schema import SCHEMA_ID, scenario_schema
from tests.conftest import SCENARIOS

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())


class _TextTimes(yaml.SafeLoader):
    """YAML as an editor sees it: a timestamp is a string."""


_TextTimes.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _doc(path: Path) -> Any:
    return yaml.load(path.read_text(), Loader=_TextTimes)  # a SafeLoader


def test_the_shipped_schema_file_is_current_and_identified() -> None:
    shipped = json.loads((ROOT / "docs" / "scenario.schema.json").read_text())
    assert shipped == scenario_schema()
    assert shipped["$id"] == SCHEMA_ID and shipped["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(shipped)


def _described(schema: dict[str, Any]) -> list[str]:
    missing = []
    for name, model in [*schema["$defs"].items(), ("Scenario", schema)]:
        missing += [f"{name}.{k}" for k, v in model.get("properties", {}).items() if "description" not in v]
    return missing


def test_every_field_is_described() -> None:
    assert _described(scenario_schema()) == []


@pytest.mark.parametrize("name", example_names())
def test_every_shipped_scenario_is_valid(name: str) -> None:
    assert [e.message for e in VALIDATOR.iter_errors(_doc(example_path(name)))] == []


def _with_script(action: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(_doc(SCENARIOS / "bowers-2001.yaml"))
    doc["operator"] = {"policy": "scripted", "script": [{"t_s": 100, "aircraft": "ob-1408", **action}]}
    return doc


BAD = {
    "rung above the ladder": _with_script({"action": "request_rung", "rung": "SHOOT_DOWN"}),
    "radio call without a frequency": _with_script({"action": "radio_call", "language": "es"}),
    "an action with a key it does not take": _with_script({"action": "visual_id", "strip": "SPQT"}),
}


def _waypoint_without_position_or_strip() -> dict[str, Any]:
    doc = copy.deepcopy(_doc(SCENARIOS / "bowers-2001.yaml"))
    doc["aircraft"][0]["route"][0] = {"t_s": 0}
    return doc


BAD["waypoint with neither position nor strip"] = _waypoint_without_position_or_strip()


@pytest.mark.parametrize("name", sorted(BAD))
def test_the_schema_rejects_what_validate_rejects(name: str, tmp_path: Path) -> None:
    doc = BAD[name]
    assert list(VALIDATOR.iter_errors(doc)), name
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(doc))
    with pytest.raises(InterdictError):
        load_scenario(bad)
