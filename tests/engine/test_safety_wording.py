"""What operators read is part of the contract: every check's verdict, reason, requirement, hint and
actions for a set of cases covering every branch, compared with tests/engine/golden/check_results.json.

A deliberate change of wording: INTERDICT_UPDATE_GOLDEN=1 python3 -m pytest tests/engine/test_safety_wording.py,
then review the diff of the golden files like any other change (the update run fails on purpose).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import numpy as np
import pytest

from interdict.contract.observations import (
    AtcContactAnswer,
    FlightPlanAnswer,
    InterceptReply,
    InterceptResponse,
    Phrase,
    RadioReply,
    VisualIdReport,
)
from interdict.contract.procedures import Dissent, InterceptSignal, RadioCall, Resolve
from interdict.core.jsonable import to_jsonable
from interdict.engine.destinations import Candidate, DestinationEstimate
from interdict.engine.evidence import Behaviour, gather_evidence
from interdict.engine.resolutions import apply_resolutions, update_fact_since
from interdict.engine.rules import BASELINE
from interdict.engine.safety import CheckContext, run_checks
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS

GOLDEN = Path(__file__).parent / "golden" / "check_results.json"
GOLDEN_EVIDENCE = Path(__file__).parent / "golden" / "evidence.json"
_DATA = load_scenario(SCENARIOS / "bowers-2001.yaml").model_dump(mode="json")
_DATA["strips"].append({"id": "cl-y", "kind": "clandestine", "at": {"lat": -3.4, "lon": -72.0, "alt_m": 100}})
_DATA["registry"].append(
    {
        "registration": "OB-1962",
        "aircraft_type": "C206",
        "operator": "mission (Pucallpa)",
        "category": "medevac",
        "floats": True,
    }
)
_DATA["authorities"] = [
    {"name": "Cmdr. Ortiz", "role": "duty_commander"},
    {"name": "Maj. Ruiz", "role": "ats_coordinator"},
    {"name": "Gen. X", "role": "duty_commander"},
]
PIC = picture_of(Scenario.model_validate(_DATA))
PLANS = tuple(p for p in Scenario.model_validate(_DATA).flight_plans)
UNITS = ("iquitos-twr", "lima-acc")
CALLS = [RadioCall(t, "T7", f, lang) for f in (121.5, 118.1, 128.3) for lang in ("es", "en") for t in (100.0, 200.0)]


def _track(**kw: object) -> TrackState:
    e, n, _ = PIC.frame.point_to_enu(-3.35, -71.9, 0.0)
    base = {
        "track_id": "T7",
        "t_s": 1000.0,
        "status": TrackStatus.CONFIRMED,
        "x": np.array([e, -70.0, n, -5.0]),
        "P": np.eye(4) * 400.0,
        "created_t_s": 0.0,
        "last_update_t_s": 995.0,
        "n_updates": 40,
        "alt_m": 1370.0,
        "alt_rate_mps": 0.0,
        "mode_a": None,
    }
    base.update(kw)
    return TrackState(**base)  # type: ignore[arg-type]


def _dest(strip: str, p: float) -> DestinationEstimate:
    return DestinationEstimate("T7", 1000.0, (Candidate(strip, p, 1500.0),), 1 - p, strip)


CASES: dict[str, dict[str, object]] = {
    "nothing": {},
    "plans_found": {
        "obs": [FlightPlanAnswer(900.0, "T7", u, tuple(p for p in PLANS if u in p.held_by)) for u in UNITS]
    },
    "plans_none": {
        "obs": [FlightPlanAnswer(900.0, "T7", u, ()) for u in UNITS]
        + [AtcContactAnswer(900.0, "T7", u, False, None) for u in UNITS]
    },
    "contact": {"obs": [AtcContactAnswer(900.0, "T7", "iquitos-twr", True, "OB1408")]},
    "calls_partial": {"obs": [RadioCall(100.0, "T7", 121.5, "es"), RadioCall(990.0, "T7", 118.1, "en")]},
    "calls_complete": {"obs": [*CALLS, RadioReply(300.0, "T7", 118.1, "es", Phrase.CALL_SIGN, "OB1408")]},
    "repeat": {"obs": [*CALLS, RadioReply(300.0, "T7", 118.1, "en", Phrase.REPEAT, None)]},
    "wilco": {"obs": [*CALLS, RadioReply(300.0, "T7", 118.1, "es", Phrase.WILCO, "OB1408")]},
    "mayday": {"obs": [RadioReply(300.0, "T7", 121.5, "es", Phrase.MAYDAY, None)]},
    "visual_registered": {"obs": [VisualIdReport(900.0, "T7", "OB-1408", "C185", True)]},
    "visual_unregistered": {"obs": [VisualIdReport(900.0, "T7", "CP-2890", "C210", False)]},
    "visual_no_marks": {"obs": [VisualIdReport(900.0, "T7", None, "C210", False)]},
    "visual_medevac": {"obs": [VisualIdReport(900.0, "T7", "OB-1962", "C206", True)]},
    "resolved_civil": {
        "obs": [
            VisualIdReport(900.0, "T7", "OB-1408", "C185", True),
            Resolve(950.0, "T7", "SC-10", "register outdated", "Cmdr. Ortiz"),
        ]
    },
    "resolved_plan": {
        "obs": [
            FlightPlanAnswer(900.0, "T7", "lima-acc", ()),
            Resolve(950.0, "T7", "SC-01", "phoned Iquitos", "Maj. Ruiz"),
        ]
    },
    "intercept_waiting": {"obs": [InterceptSignal(950.0, "T7", 1)]},
    "intercept_timed_out": {"obs": [InterceptSignal(800.0, "T7", 1)]},
    "intercept_answered": {
        "obs": [InterceptSignal(900.0, "T7", 1), InterceptResponse(960.0, "T7", 1, InterceptReply.ROCKS_WINGS_FOLLOWS)]
    },
    "series6": {
        "obs": [InterceptSignal(900.0, "T7", 1), InterceptResponse(960.0, "T7", 1, InterceptReply.SERIES_6_DISTRESS)]
    },
    "dissent": {"obs": [Dissent(900.0, "T7", "safety monitor", "profile looks civil")]},
    "dissent_resolved": {
        "obs": [
            Dissent(900.0, "T7", "safety monitor", "profile looks civil"),
            Resolve(950.0, "T7", "SC-12", "reviewed the evidence", "Gen. X"),
        ]
    },
    "squawk_7700": {"track": {"mode_a": "7700"}},
    "squawk_assigned": {"track": {"mode_a": "0421"}},
    "tentative": {"track": {"status": TrackStatus.TENTATIVE}},
    "coasting_long": {"track": {"status": TrackStatus.COASTING, "last_update_t_s": 900.0}},
    "young": {"track": {"n_updates": 3}},
    "neighbour": {"neighbours": {"T9": 1200.0}},
    "escape": {"exit_s": 120.0},
    "unaudited": {"audited": False},
    "eroded_rules": {"rules": dataclasses.replace(BASELINE, radio_response_window_s=30.0)},
    "dest_registered": {"dest": _dest("SPQT", 0.9)},
    "dest_river": {"dest": _dest("rv-pebas", 0.9)},
    "dest_clandestine_low": {"dest": _dest("cl-y", 0.4)},
    "dest_clandestine": {"dest": _dest("cl-y", 0.8)},
    "two_plans_two_contacts": {
        "obs": [
            FlightPlanAnswer(900.0, "T7", u, (*PLANS, PLANS[0].model_copy(update={"callsign": "OB1409"})))
            for u in UNITS
        ]
        + [AtcContactAnswer(900.0, "T7", u, True, None) for u in UNITS]
    },
    "contact_unknown_unit": {"obs": [AtcContactAnswer(900.0, "T7", "pucallpa-twr", True, "OB1408")]},
    "calls_recent": {"obs": [RadioCall(990.0, "T7", 121.5, "es"), RadioCall(990.0, "T7", 121.5, "en")]},
    "complete_logs": {
        "obs": [
            FlightPlanAnswer(900.0, "T7", "lima-acc", ()),
            AtcContactAnswer(900.0, "T7", "lima-acc", False, None),
            RadioCall(900.0, "T7", 121.5, "es"),
        ]
    },
    "two_distress": {"track": {"mode_a": "7700"}, "obs": [RadioReply(300.0, "T7", 121.5, "es", Phrase.MAYDAY, None)]},
    "two_resolvers": {
        "obs": [
            VisualIdReport(900.0, "T7", "OB-1408", "C185", True),
            Resolve(950.0, "T7", "SC-10", "checked", "Cmdr. Ortiz"),
            RadioReply(955.0, "T7", 118.1, "es", Phrase.WILCO, "OB1408"),
            Resolve(958.0, "T7", "SC-10", "unsigned", ""),
            Resolve(960.0, "T7", "SC-10", "checked again", "Maj. Ruiz"),
        ]
    },
    "call_sign_known": {
        "obs": [
            FlightPlanAnswer(900.0, "T7", "iquitos-twr", PLANS, asked_t_s=870.0),
            RadioCall(940.0, "T7", 118.1, "es"),
            RadioReply(955.0, "T7", 118.1, "es", Phrase.CALL_SIGN, "OB-1408", asked_t_s=940.0),
        ]
    },
    "call_sign_unknown": {"obs": [RadioReply(955.0, "T7", 121.5, "es", Phrase.CALL_SIGN, None)]},
    "hijack_and_lost": {
        "obs": [
            RadioReply(955.0, "T7", 121.5, "es", Phrase.HIJACK, None),
            RadioReply(956.0, "T7", 118.1, "es", Phrase.AM_LOST, None),
        ]
    },
    "cannot_comply_radio": {
        "obs": [
            InterceptSignal(800.0, "T7", 1),
            RadioReply(955.0, "T7", 121.5, "es", Phrase.CAN_NOT, "OB1408"),
            InterceptResponse(960.0, "T7", 1, InterceptReply.SERIES_5_CANNOT_COMPLY),
        ]
    },
    "innocent_at_threshold": {
        "behaviour": Behaviour(True, True, True, None, "registered", 2.0, ("destination is a registered aerodrome",))
    },
}


def _evidence(case: dict[str, object]):  # type: ignore[no-untyped-def]
    return gather_evidence(
        _track(**case.get("track", {})),  # type: ignore[arg-type]
        PIC,
        BASELINE,
        case.get("obs", []),  # type: ignore[arg-type]
        t_s=1000.0,
        destination=case.get("dest"),  # type: ignore[arg-type]
    )


def _results(case: dict[str, object]) -> list[object]:
    ctx = CheckContext(
        PIC,
        case.get("rules", BASELINE),
        1000.0,
        case.get("audited", True),  # type: ignore[arg-type]
        case.get("neighbours", {}),
        case.get("exit_s"),
    )  # type: ignore[arg-type]
    ev = gather_evidence(
        _track(**case.get("track", {})),
        PIC,
        BASELINE,
        case.get("obs", []),
        t_s=1000.0,  # type: ignore[arg-type]
        destination=case.get("dest"),
    )  # type: ignore[arg-type]
    if "behaviour" in case:
        ev = dataclasses.replace(ev, behaviour=case["behaviour"])  # type: ignore[arg-type]
    raw = run_checks(ev, ctx)
    since = update_fact_since({}, raw, 900.0)  # every blocking fact first seen at t = 900 s
    return to_jsonable(apply_resolutions(raw, ev.resolutions, since, PIC, BASELINE))


def _evidence_wording(case: dict[str, object]) -> object:
    ev = _evidence(case)
    return {
        "items": to_jsonable(ev.items),
        "indicators": [c.fact for c in ev.indicators],
        "behaviour": to_jsonable(ev.behaviour),
    }


UPDATING = bool(os.environ.get("INTERDICT_UPDATE_GOLDEN"))


def _read(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.skipif(not UPDATING, reason="set INTERDICT_UPDATE_GOLDEN=1 to rewrite the golden files")
def test_update_the_golden_files() -> None:
    """Rewrites both files and fails: review their diff, then run again without the variable."""
    for path, wording in ((GOLDEN, _results), (GOLDEN_EVIDENCE, _evidence_wording)):
        actual = {name: wording(case) for name, case in CASES.items()}
        path.write_text(json.dumps(actual, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    pytest.fail(
        "golden files rewritten: review `git diff tests/engine/golden`, then run without INTERDICT_UPDATE_GOLDEN"
    )


@pytest.mark.skipif(UPDATING, reason="the golden files are being rewritten")
def test_the_golden_files_hold_every_case() -> None:
    assert set(_read(GOLDEN)) == set(CASES) == set(_read(GOLDEN_EVIDENCE))


@pytest.mark.skipif(UPDATING, reason="the golden files are being rewritten")
@pytest.mark.parametrize("name", sorted(CASES))
def test_check_wording_matches_the_golden_file(name: str) -> None:
    assert _results(CASES[name]) == _read(GOLDEN)[name]


@pytest.mark.skipif(UPDATING, reason="the golden files are being rewritten")
@pytest.mark.parametrize("name", sorted(CASES))
def test_evidence_wording_matches_the_golden_file(name: str) -> None:
    """Evidence items and civil indicators are what the timeline shows: pinned like the checks."""
    assert _evidence_wording(CASES[name]) == _read(GOLDEN_EVIDENCE)[name]
