"""What the picture states about its ATS coverage, checked when the file is read: `serves` names
strips of the picture, a strip stated `unattended` is served by no unit; and the warnings `validate`
and `replay` print for the gaps that the engine will treat as UNKNOWN (SC-22)."""

from __future__ import annotations

from interdict.core.errors import Problem
from interdict.engine.evidence.coverage import unserved_strips
from interdict.scenario.document import Scenario
from interdict.scenario.picture_of import picture_of

__all__ = ["coverage_problems", "coverage_warnings"]


def coverage_problems(scenario: Scenario) -> list[Problem]:
    """References a unit's `serves` makes, and unattended strips that a unit says it serves."""
    kinds = {s.id: s for s in scenario.strips}
    problems = []
    for i, unit in enumerate(scenario.atc_units):
        for j, sid in enumerate(unit.serves):
            where = f"atc_units[{i}].serves[{j}]"
            if sid not in kinds:
                problems.append(Problem(where, f"unknown strip {sid!r}; expected a strip id of `strips`"))
            elif kinds[sid].unattended:
                problems.append(Problem(where, f"{sid} is stated `unattended`, yet {unit.id} serves it"))
    return problems


def coverage_warnings(scenario: Scenario) -> list[str]:
    """The gaps in the picture's coverage: without an area unit no one is sent after any aircraft, and
    an aircraft using an unserved registered or mission strip is never sent after either (SC-22)."""
    unserved = unserved_strips(picture_of(scenario))  # the engine's own rule (SC-22), not a copy
    out = []
    if not any(u.area for u in scenario.atc_units):
        out.append(
            "no ATS unit is marked `area`: nobody is known to cover the airspace, so no aircraft will be "
            "intercepted or cued (SC-22 UNKNOWN); mark the area control or flight information centre"
        )
    for i, s in enumerate(scenario.strips):
        if s.id in unserved:
            out.append(
                f"strips[{i}]: no ATS unit serves {s.id} ({s.kind}): an aircraft that may use it is never "
                "intercepted or cued (SC-22 UNKNOWN); list its unit with `serves`, or state it `unattended`"
            )
    return out
