"""The picture: what the engine may know, and nothing of the world."""

from __future__ import annotations

import dataclasses

import pytest

from interdict.contract.specs import StripSpec
from interdict.core.errors import UnknownStripError
from interdict.reference.aerodromes import aerodrome_position
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import frame_of, picture_of, resolve_strip_position
from tests.conftest import SCENARIOS

SCENARIO = SCENARIOS / "vraem-shuttle.yaml"


def test_picture_has_no_world_fields() -> None:
    names = {f.name for f in dataclasses.fields(picture_of(load_scenario(SCENARIO)))}
    assert not names & {"aircraft", "operator", "truth", "trajectories"}


def test_registered_aerodrome_resolves_from_airportsdata() -> None:
    pos = aerodrome_position("SPMF")  # Mazamari
    assert pos is not None
    assert -11.4 < pos.lat_deg < -11.2 and -74.6 < pos.lon_deg < -74.4
    assert 500.0 < pos.alt_m < 800.0


def test_unknown_aerodrome_without_position_is_an_error() -> None:
    strip = StripSpec(id="ZZZZ", kind="registered")
    with pytest.raises(UnknownStripError, match="ZZZZ"):
        resolve_strip_position(strip)


def test_every_strip_of_the_picture_has_a_position() -> None:
    scenario = load_scenario(SCENARIO)
    picture = picture_of(scenario)
    assert set(picture.strip_positions) == {s.id for s in scenario.strips}
    assert picture.frame == frame_of(scenario)
