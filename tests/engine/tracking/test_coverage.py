"""When a track leaves radar cover; how far its neighbours are."""

from __future__ import annotations

import math

import numpy as np
import pytest

from interdict.engine.assess import _neighbours
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.engine.tracking.coverage import time_to_leave_cover_s
from tests.engine.common import SETTING
from tests.engine.common import flying_east as _at


def test_time_to_leave_cover_and_neighbours() -> None:
    geom = SETTING.radars[0]
    e0, n0 = geom.sensor_en_m
    outbound = TrackState(
        track_id="T1",
        t_s=0.0,
        status=TrackStatus.CONFIRMED,
        x=np.array([e0, 100.0, n0 + 200_000.0, 0.0]),
        P=np.eye(4),
        created_t_s=0.0,
        last_update_t_s=0.0,
        n_updates=20,
    )
    assert time_to_leave_cover_s(outbound, SETTING.radars) == pytest.approx(
        math.sqrt(250_000.0**2 - 200_000.0**2) / 100.0
    )
    hover = TrackState(
        track_id="T1",
        t_s=0.0,
        status=TrackStatus.CONFIRMED,
        x=np.array([e0, 0.0, n0, 0.0]),
        P=np.eye(4),
        created_t_s=0.0,
        last_update_t_s=0.0,
        n_updates=20,
    )
    assert time_to_leave_cover_s(hover, SETTING.radars) is None
    outside = TrackState(
        track_id="T1",
        t_s=0.0,
        status=TrackStatus.CONFIRMED,
        x=np.array([e0 + 300_000.0, 10.0, n0, 0.0]),
        P=np.eye(4),
        created_t_s=0.0,
        last_update_t_s=0.0,
        n_updates=20,
    )
    assert time_to_leave_cover_s(outside, SETTING.radars) is None
    a, b = _at("T1", 0.0, 0.0, 1.0), _at("T2", 3_000.0, 4_000.0, 1.0, TrackStatus.COASTING)
    assert _neighbours(a, [a, b]) == {"T2": 5_000.0}
