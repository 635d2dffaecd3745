"""What several engine tests share: the VRAEM picture, the engine's setting over it, a track flying
east at a given ENU position."""

from __future__ import annotations

from interdict.engine.rules import BASELINE
from interdict.engine.setting import setting_of
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS, make_track

VRAEM_PIC = picture_of(load_scenario(SCENARIOS / "vraem-shuttle.yaml"))
SETTING = setting_of(VRAEM_PIC, BASELINE, audited=True)


def flying_east(
    tid: str,
    east_m: float,
    north_m: float,
    t_s: float,
    status: TrackStatus = TrackStatus.CONFIRMED,
    last_s: float | None = None,
) -> TrackState:
    """A track flying east at 60 m/s, at an ENU position, last updated at `last_s` (default `t_s`)."""
    last = t_s if last_s is None else last_s
    return make_track(
        track_id=tid, t_s=t_s, status=status, east_m=east_m, north_m=north_m, east_mps=60.0, last_update_t_s=last
    )
