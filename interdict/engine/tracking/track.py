"""The track record that the tracker hands to the rest of the engine (strips, identification, ladder)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from interdict.core.arrays import FloatArray, readonly

__all__ = ["TrackStatus", "TrackState"]


class TrackStatus(str, Enum):
    """Life cycle of a track."""

    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    COASTING = "coasting"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackState:
    """A track's estimate at `t_s`, in the scenario's local ENU frame (metres, metres per second).

    State order of `x` (4,) and `P` (4, 4): east_m, east_mps, north_m, north_mps.
    `alt_m` / `alt_rate_mps` come from Mode C replies when any were received (None otherwise: a
    primary-only track has no measured altitude). `mode_a` is the last squawk received, if any.
    `last_update_t_s` is the time of the last plot assigned; `n_updates` counts assigned plots.
    """

    track_id: str
    t_s: float
    status: TrackStatus
    x: FloatArray
    P: FloatArray
    created_t_s: float
    last_update_t_s: float
    n_updates: int
    alt_m: float | None = None
    alt_rate_mps: float | None = None
    mode_a: str | None = None
    radar_ids: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "x", readonly(np.asarray(self.x, dtype=float)))
        object.__setattr__(self, "P", readonly(np.asarray(self.P, dtype=float)))

    @property
    def east_m(self) -> float:
        return float(self.x[0])

    @property
    def north_m(self) -> float:
        return float(self.x[2])

    @property
    def east_mps(self) -> float:
        return float(self.x[1])

    @property
    def north_mps(self) -> float:
        return float(self.x[3])

    @property
    def speed_mps(self) -> float:
        return math.hypot(self.east_mps, self.north_mps)

    @property
    def course_rad(self) -> float:
        """Course over ground, clockwise from true north, in [0, 2*pi)."""
        return math.atan2(self.east_mps, self.north_mps) % (2.0 * math.pi)
