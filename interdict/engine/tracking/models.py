"""Linear motion models in the local ENU frame. State order: east_m, east_mps, north_m, north_mps.

`CV` is nearly constant velocity (white-noise acceleration, Bar-Shalom, Li & Kirubarajan 2001,
§6.3.2); `CT` is a coordinated turn at a known turn rate (ibid. §11.7.1), linear because the rate
is fixed: an IMM with CV and left and right standard-rate turns covers the manoeuvres of light
aircraft. Functions take arrays of time steps and return stacked matrices for batched filtering.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interdict.core.arrays import FloatArray

__all__ = ["MotionModel", "transition", "process_noise", "H_POSITION"]

H_POSITION = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]])


@dataclass(frozen=True, slots=True)
class MotionModel:
    """A CV model (`turn_rate_radps` = 0) or a CT model at a fixed turn rate (counter-clockwise > 0)."""

    name: str
    turn_rate_radps: float
    accel_sigma_mps2: float


def transition(model: MotionModel, dt_s: FloatArray) -> FloatArray:
    """(n, 4, 4) state transition matrices for time steps `dt_s` (n,)."""
    dt = np.asarray(dt_s, dtype=float)
    F = np.zeros((len(dt), 4, 4))
    w = model.turn_rate_radps
    if w == 0.0:
        F[:, 0, 0] = F[:, 1, 1] = F[:, 2, 2] = F[:, 3, 3] = 1.0
        F[:, 0, 1] = F[:, 2, 3] = dt
        return F
    s, c = np.sin(w * dt), np.cos(w * dt)
    # x = [e, ve, n, vn]; counter-clockwise rotation of the velocity by w*dt
    F[:, 0, 0] = F[:, 2, 2] = 1.0
    F[:, 0, 1] = s / w
    F[:, 0, 3] = -(1 - c) / w
    F[:, 1, 1] = c
    F[:, 1, 3] = -s
    F[:, 2, 1] = (1 - c) / w
    F[:, 2, 3] = s / w
    F[:, 3, 1] = s
    F[:, 3, 3] = c
    return F


def process_noise(model: MotionModel, dt_s: FloatArray) -> FloatArray:
    """(n, 4, 4) discrete white-noise-acceleration covariance per axis (same for CV and CT)."""
    dt = np.asarray(dt_s, dtype=float)
    q = model.accel_sigma_mps2**2
    Q = np.zeros((len(dt), 4, 4))
    for i in (0, 2):
        Q[:, i, i] = q * dt**4 / 4
        Q[:, i, i + 1] = Q[:, i + 1, i] = q * dt**3 / 2
        Q[:, i + 1, i + 1] = q * dt**2
    return Q
