"""The tracker's state: every live track as one row of read-only arrays, so that prediction, gating
and update are batched across tracks. Immutable: every change returns a new table.

State order of `x` (per IMM mode): east_m, east_mps, north_m, north_mps, turn_rate_radps, in the scenario's local
ENU frame; `P` is its covariance.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from interdict.contract.plots import Plot
from interdict.core.arrays import FloatArray, readonly
from interdict.engine.tracking.models import STATE_DIM
from interdict.engine.tracking.sweep import Antenna
from interdict.engine.tracking.track import TrackStatus

__all__ = ["IntArray", "TrackTable", "TrackerState"]

IntArray = npt.NDArray[np.int_]

_ARRAYS = (
    "x",
    "P",
    "mu",
    "t_s",
    "created_t_s",
    "last_update_t_s",
    "n_updates",
    "hits",
    "chances",
    "alt_m",
    "alt_rate_mps",
    "alt_t_s",
)
_TUPLES = ("ids", "status", "mode_a", "radar_ids")


@dataclass(frozen=True)
class TrackTable:
    """One row per live track (n rows, r IMM modes); arrays are read-only."""

    ids: tuple[str, ...]
    status: tuple[TrackStatus, ...]
    x: FloatArray  # (n, r, 5) per-mode state at `t_s` (models.STATE_DIM)
    P: FloatArray  # (n, r, 5, 5)
    mu: FloatArray  # (n, r) mode probabilities
    t_s: FloatArray  # (n,) time of each row's state
    created_t_s: FloatArray  # (n,)
    last_update_t_s: FloatArray  # (n,)
    n_updates: IntArray  # (n,)
    hits: IntArray  # (n,) bit history of revolutions with a plot, newest in bit 0
    chances: IntArray  # (n,) revolutions in coverage so far (capped at the confirmation window)
    alt_m: FloatArray  # (n,) last Mode C altitude, NaN if none
    alt_rate_mps: FloatArray  # (n,) smoothed climb rate, NaN if unknown
    alt_t_s: FloatArray  # (n,) time of the last Mode C altitude
    mode_a: tuple[str | None, ...]
    radar_ids: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        for name in _ARRAYS:
            object.__setattr__(self, name, readonly(getattr(self, name)))

    def __len__(self) -> int:
        return len(self.ids)

    @staticmethod
    def empty(n_modes: int) -> TrackTable:
        """No tracks."""
        z, i = np.zeros(0), np.zeros(0, int)
        return TrackTable(
            ids=(),
            status=(),
            x=np.zeros((0, n_modes, STATE_DIM)),
            P=np.zeros((0, n_modes, STATE_DIM, STATE_DIM)),
            mu=np.zeros((0, n_modes)),
            t_s=z,
            created_t_s=z,
            last_update_t_s=z,
            n_updates=i,
            hits=i,
            chances=i,
            alt_m=z,
            alt_rate_mps=z,
            alt_t_s=z,
            mode_a=(),
            radar_ids=(),
        )

    def replace(self, **changes: Any) -> TrackTable:
        """A new table with some columns replaced."""
        return dataclasses.replace(self, **changes)

    def keep(self, mask: npt.NDArray[np.bool_]) -> TrackTable:
        """The rows where `mask` is true."""
        rows: dict[str, Any] = {name: getattr(self, name)[mask] for name in _ARRAYS}
        for name in _TUPLES:
            rows[name] = tuple(v for v, k in zip(getattr(self, name), mask, strict=True) if k)
        return TrackTable(**rows)

    def concat(self, other: TrackTable) -> TrackTable:
        """These rows, then `other`'s."""
        rows: dict[str, Any] = {name: np.concatenate([getattr(self, name), getattr(other, name)]) for name in _ARRAYS}
        for name in _TUPLES:
            rows[name] = getattr(self, name) + getattr(other, name)
        return TrackTable(**rows)


@dataclass(frozen=True)
class TrackerState:
    """The tracker between steps: its time, the next track number, the table of live tracks, each
    radar's antenna as read off the data so far, and the plots held back for the next step (each
    with its unwrapped antenna angle)."""

    t_s: float
    next_id: int
    table: TrackTable
    antennas: Mapping[str, Antenna] = field(default_factory=lambda: MappingProxyType({}))
    pending: tuple[tuple[Plot, float], ...] = ()
