"""Scenario loading: types, semantic checks, hostile files; every problem reported at once."""

from __future__ import annotations

import contextlib
from pathlib import Path

import hypothesis.strategies as st
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from interdict.core.errors import ScenarioError
from interdict.scenario.load import load_scenario
from tests.conftest import SCENARIOS

ALL = sorted(SCENARIOS.glob("*.yaml"))


def _raw(name: str = "vraem-shuttle.yaml") -> dict:
    return yaml.safe_load((SCENARIOS / name).read_text())


def _write(tmp_path: Path, data: dict | str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


def _paths(exc: pytest.ExceptionInfo[ScenarioError]) -> set[str]:
    return {p.path for p in exc.value.problems}


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_bundled_scenarios_load(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.name == path.stem
    assert scenario.aircraft


def test_the_four_problems_are_reported_together(tmp_path: Path) -> None:
    data = _raw()
    data["aircraft"][0]["registraton"] = "CP-1"  # misspelt key
    data["aircraft"][0]["route"][1]["strip"] = "no-such-strip"  # bad reference
    data["radars"][0]["range_sigma_m"] = float("nan")  # NaN
    data["aircraft"][1]["route"][2]["t_s"] = 100  # time going backwards
    with pytest.raises(ScenarioError) as exc:
        load_scenario(_write(tmp_path, data))
    assert {
        "aircraft[0].registraton",
        "aircraft[0].route[1].strip",
        "radars[0].range_sigma_m",
        "aircraft[1].route[2].t_s",
    } <= _paths(exc)
    assert str(tmp_path / "s.yaml") in str(exc.value)
    assert len(exc.value.problems) == 4  # and nothing else (no echo of the failed radar as "too short")


def test_shoot_down_is_not_a_rung(tmp_path: Path) -> None:
    data = _raw()
    data["operator"]["script"] = [{"t_s": 10, "aircraft": "narco-1", "action": "request_rung", "rung": "SHOOT_DOWN"}]
    with pytest.raises(ScenarioError, match="not a rung of the ladder") as exc:
        load_scenario(_write(tmp_path, data))
    assert "operator.script[0].rung" in _paths(exc)


def test_impossible_leg_speed_names_the_envelope(tmp_path: Path) -> None:
    data = _raw()
    data["aircraft"][0]["route"][1]["t_s"] = 300  # 130 km in 300 s
    with pytest.raises(ScenarioError, match="C210 flies at most") as exc:
        load_scenario(_write(tmp_path, data))
    assert "aircraft[0].route[1].t_s" in _paths(exc)


def test_unknown_aircraft_type_lists_known_ones(tmp_path: Path) -> None:
    data = _raw()
    data["aircraft"][0]["aircraft_type"] = "B747"
    with pytest.raises(ScenarioError, match="known types: BE36, C172") as exc:
        load_scenario(_write(tmp_path, data))
    assert "aircraft[0].aircraft_type" in _paths(exc)


def test_references_and_duplicates(tmp_path: Path) -> None:
    data = _raw()
    data["flight_plans"][0]["held_by"] = ["lima-acc", "cusco-twr"]
    data["flight_plans"][0]["destination"] = "ZZZZ"
    data["strips"].append(dict(data["strips"][0]))
    with pytest.raises(ScenarioError) as exc:
        load_scenario(_write(tmp_path, data))
    assert {
        "flight_plans[0].held_by[1]",
        "flight_plans[0].destination",
        f"strips[{len(data['strips']) - 1}].id",
    } <= _paths(exc)


def test_ceiling(tmp_path: Path) -> None:
    data = _raw()
    data["aircraft"][0]["route"][0]["alt_m"] = 7000
    with pytest.raises(ScenarioError, match="service ceiling"):
        load_scenario(_write(tmp_path, data))


def test_yaml_off_and_string_squawks(tmp_path: Path) -> None:
    text = (SCENARIOS / "vraem-shuttle.yaml").read_text().replace('transponder: "off"', "transponder: off")
    assert load_scenario(_write(tmp_path, text)).aircraft[0].transponder == "off"
    data = _raw()
    data["aircraft"][1]["transponder"]["mode_a"] = 421
    with pytest.raises(ScenarioError) as exc:
        load_scenario(_write(tmp_path, data))
    assert any(p.startswith("aircraft[1].transponder") for p in _paths(exc))


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(ScenarioError, match="alias bomb"):
        load_scenario(_write(tmp_path, "\n".join(lines) + "\n"))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_bytes(b"\x7fELF\x00\x01\x02")
    with pytest.raises(ScenarioError, match="binary file"):
        load_scenario(path)


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: instant to create
    with pytest.raises(ScenarioError, match="limited to"):
        load_scenario(path)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="mapping"):
        load_scenario(_write(tmp_path, "- 1\n- 2\n"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(tmp_path / "nope.yaml")


_VALID = (SCENARIOS / "vraem-shuttle.yaml").read_text().splitlines()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    line=st.integers(0, len(_VALID) - 1),
    junk=st.sampled_from(["", "  - ]", "x: [", ": :", "nan", "{a: *b}", "  bogus: 1"]),
)
def test_mutations_raise_only_scenario_error(tmp_path: Path, line: int, junk: str) -> None:
    lines = list(_VALID)
    lines[line] = junk
    with contextlib.suppress(ScenarioError):
        load_scenario(_write(tmp_path, "\n".join(lines)))


def test_the_roster_and_call_signs_are_checked(tmp_path: Path) -> None:
    data = _raw()
    data["authorities"] = [{"name": "Cmdr. Ortiz", "role": "admiral"}, {"name": "", "role": "duty_commander"}]
    data["aircraft"][0]["callsign"] = ""
    data["operator"]["script"] = [{"t_s": 10, "aircraft": "narco-1", "action": "recall_ground"}]
    with pytest.raises(ScenarioError) as exc:
        load_scenario(_write(tmp_path, data))
    assert {"authorities[0].role", "authorities[1].name", "aircraft[0].callsign", "operator.script[0]"} <= _paths(exc)


def test_a_yaml_value_that_cannot_be_built_is_a_scenario_error(tmp_path: Path) -> None:
    """Found by the fuzzer: YAML reads `2025-06-0T14:00:00Z` as a timestamp and cannot build it."""
    text = (SCENARIOS / "crossing-pair.yaml").read_text().replace("start: 2025-06-05", "start: 2025-06-0", 1)
    assert "start: 2025-06-0T" in text
    path = tmp_path / "s.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError, match="a value cannot be read"):
        load_scenario(path)
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ScenarioError):
        load_scenario(deep)


def test_police_teams_and_strip_dates_are_checked_by_key_path(tmp_path: Path) -> None:
    data = _raw()
    team = data["police_teams"][0]
    data["police_teams"] += [dict(team), {**team, "id": "ghost", "base": "cl-nowhere"}, {**team, "id": "slow"}]
    data["police_teams"][4]["cruise_speed_kt"] = 0
    data["strips"][0]["destroyed_on"] = "2025-05-01T00:00:00Z"  # an active strip
    data["strips"][1]["status"] = "destroyed"
    data["strips"][1]["destroyed_on"] = "2025-05-01T00:00:00"  # no zone
    with pytest.raises(ScenarioError) as exc:
        load_scenario(_write(tmp_path, data))
    assert {
        "police_teams[2].id",  # a duplicate
        "police_teams[3].base",
        "police_teams[4].cruise_speed_kt",
        "strips[0]",
        "strips[1].destroyed_on",
    } <= _paths(exc)
