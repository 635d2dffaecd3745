"""What the scenario loader checks about the safety case's assumptions: the clock (UTC), the roster
(one person, one entry), the cost (clutter) and the coverage (serves, area, unattended)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from interdict.core.errors import ScenarioError
from interdict.replay.loop import run_replay
from interdict.scenario.coverage import coverage_warnings
from interdict.scenario.load import scenario_of
from tests.conftest import SCENARIOS


def _doc(name: str = "vraem-shuttle.yaml") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SCENARIOS / name).read_text())
    data["start"] = str(data["start"]).replace("+00:00", "Z")
    return data


@given(st.integers(-12 * 60, 14 * 60).map(lambda m: m - m % 15))
def test_an_offset_is_honoured_never_dropped(minutes: int) -> None:
    instant = datetime(2025, 6, 3, 10, 30, tzinfo=UTC)
    doc = _doc()
    doc["start"] = instant.astimezone(timezone(timedelta(minutes=minutes))).isoformat()
    start = scenario_of(doc, "offset").start
    assert start == instant and start.utcoffset() == timedelta(0)


@settings(max_examples=2, deadline=None)
@given(st.sampled_from([-300, 330]))
def test_the_same_instant_written_two_ways_gives_the_same_decisions(minutes: int) -> None:
    utc, zoned = _doc(), _doc()
    utc["duration_s"] = zoned["duration_s"] = 900
    zoned["start"] = (
        datetime.fromisoformat(utc["start"].replace("Z", "+00:00"))
        .astimezone(timezone(timedelta(minutes=minutes)))
        .isoformat()
    )
    a, b = (run_replay(scenario_of(d, "x"), seed=1) for d in (utc, zoned))
    assert [(e.kind, e.t_s, e.summary) for e in a.events] == [(e.kind, e.t_s, e.summary) for e in b.events]


def test_a_start_without_a_zone_names_no_instant() -> None:
    doc = _doc()
    doc["start"] = "2025-06-03T10:30:00"
    with pytest.raises(ScenarioError, match="with its zone"):
        scenario_of(doc, "nozone")


@pytest.mark.parametrize("other", ["LIC. JORGE SALAS", "Lic Jorge Salás", "Jorge Salas"])
def test_one_person_twice_on_the_roster_is_refused(other: str) -> None:
    doc = _doc()
    doc["authorities"] = [
        {"name": "Lic. Jorge Salas", "role": "duty_commander"},
        {"name": other, "role": "ats_coordinator"},
    ]
    with pytest.raises(ScenarioError, match="same person"):
        scenario_of(doc, "roster")


def test_clutter_the_engine_cannot_track_is_refused_saying_why() -> None:
    doc = _doc()
    doc["radars"][0].update(scan_period_s=0.6, false_plots_per_scan=1000)
    with pytest.raises(ScenarioError, match="false plots a second"):
        scenario_of(doc, "clutter")


def test_coverage_is_checked_and_its_gaps_warned() -> None:
    doc = _doc("bowers-2001.yaml")
    assert coverage_warnings(scenario_of(doc, "b")) == []
    doc["atc_units"] = [u for u in doc["atc_units"] if u["id"] != "iquitos-twr"]
    doc["flight_plans"] = []
    doc["aircraft"][0]["radio"]["in_contact_with"] = []
    assert any("SPQT" in w for w in coverage_warnings(scenario_of(doc, "b")))
    doc["atc_units"][0]["serves"] = ["nowhere"]
    with pytest.raises(ScenarioError, match="unknown strip"):
        scenario_of(doc, "b")


@pytest.mark.parametrize(
    ("file", "action", "key", "message"),
    [
        (
            "bowers-2001.yaml",
            {"aircraft": "ob-1408", "action": "request_ident", "unit": "iquitos-twr", "callsign": "OB1408"},
            "unit",
            "unknown ATC unit 'bogus'",
        ),
        (
            "vraem-shuttle.yaml",
            {"aircraft": "narco-1", "action": "alert_team", "team": "forward-pichari", "strip": "SPMF"},
            "team",
            "unknown police team 'bogus'",
        ),
    ],
)
def test_a_scripted_action_names_a_unit_or_team_of_the_picture(
    file: str, action: dict[str, object], key: str, message: str
) -> None:
    doc = _doc(file)
    doc["operator"] = {"policy": "scripted", "script": [{"t_s": 600, **action}]}
    scenario_of(doc, "s")
    doc["operator"]["script"][0][key] = "bogus"
    with pytest.raises(ScenarioError, match=rf"operator\.script\[0\]\.{key}.*{message}"):
        scenario_of(doc, "s")


def test_a_stand_by_is_never_slower_than_readiness() -> None:
    doc = _doc("vraem-shuttle.yaml")
    doc["police_teams"][0]["standby_s"] = doc["police_teams"][0]["readiness_s"] + 1
    with pytest.raises(ScenarioError, match=r"standby_s 601 exceeds readiness_s 600"):
        scenario_of(doc, "v")
