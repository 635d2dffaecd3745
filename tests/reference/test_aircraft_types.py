"""The light-type table: sane envelopes and a helpful error for unknown types."""

from __future__ import annotations

import pytest

from interdict.reference.aircraft_types import KNOWN_TYPES, UnknownAircraftTypeError, aircraft_type


@pytest.mark.parametrize("name", sorted(KNOWN_TYPES))
def test_envelopes_are_ordered(name: str) -> None:
    t = aircraft_type(name)
    assert 20.0 < t.min_speed_mps < t.cruise_speed_mps < t.max_speed_mps < 110.0
    assert 3_000.0 < t.ceiling_m < 8_000.0
    assert 0.0 < t.max_bank_deg <= 45.0 and t.climb_mps > 0.0 and t.descent_mps > 0.0


def test_c206_matches_published_cruise() -> None:
    assert aircraft_type("C206").cruise_speed_mps == pytest.approx(73.0, abs=1.0)  # ~142 kt


def test_unknown_type_lists_known_ones() -> None:
    with pytest.raises(UnknownAircraftTypeError, match="C206"):
        aircraft_type("F-16")
