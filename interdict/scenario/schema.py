"""The JSON Schema of the scenario format, for editors and other tools: pydantic's schema of
`Scenario` (every field described), with its draft and id. It expresses what JSON Schema can of
what `interdict validate` checks (types, ranges, patterns, a waypoint's position or strip, each
operator action's keys, the rungs); cross-references (a strip id that exists, a unit that is
known) are left to `validate`."""

from __future__ import annotations

from typing import Any

from interdict.scenario.document import Scenario

__all__ = ["SCHEMA_ID", "scenario_schema"]

SCHEMA_ID = "urn:interdict:schema:scenario:1"


def scenario_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **Scenario.model_json_schema(),
    }
