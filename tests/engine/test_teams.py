"""A team's lift-off after a cue: never sooner than its stand-by time, never later than its readiness,
and the longer it has been on stand-by, the sooner (never the other way)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from interdict.contract.specs import PoliceTeamSpec
from interdict.engine.teams import lift_off_delay_s

_S = st.floats(0.0, 86_400.0, allow_nan=False)


@given(readiness=_S, fraction=st.floats(0.0, 1.0), cue=_S, since=st.floats(0.0, 86_400.0), more=st.floats(0.0, 1e4))
def test_a_stand_by_shortens_the_lift_off_within_its_bounds(
    readiness: float, fraction: float, cue: float, since: float, more: float
) -> None:
    team = PoliceTeamSpec(
        id="t", base="SPMF", cruise_speed_kt=120, readiness_s=readiness, standby_s=readiness * fraction
    )
    assert team.standby_s is not None
    delay = lift_off_delay_s(team, cue, cue - since)
    assert team.standby_s <= delay <= readiness
    assert lift_off_delay_s(team, cue, cue - since - more) <= delay  # a longer stand-by is never slower
    assert lift_off_delay_s(team, cue, None) == readiness
    assert lift_off_delay_s(team, cue, cue + 1.0) == readiness  # alerted after the cue: nothing saved


def test_a_team_without_stand_by_keeps_its_readiness() -> None:
    team = PoliceTeamSpec(id="t", base="SPMF", cruise_speed_kt=120, readiness_s=600)
    assert lift_off_delay_s(team, 1_000.0, 0.0) == 600.0
