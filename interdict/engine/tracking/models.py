"""Motion models in the local ENU frame. State order: east_m, east_mps, north_m, north_mps,
turn_rate_radps (counter-clockwise > 0).

`CV` is nearly constant velocity (white-noise acceleration, Bar-Shalom, Li & Kirubarajan 2001,
§6.3.2); a fixed-rate `CT` is a coordinated turn at a known rate (ibid. §11.7.1), linear; the
estimated-rate `CT` (`turn_rate_radps=None`) turns at the rate held in the state, which the filter
learns from the plots (ibid. §11.7.2): nonlinear, predicted with its Jacobian (an extended Kalman
filter). Light aircraft fly orbits and aerial-work patterns at anything from 1 to 15 degrees per
second, so a rate learnt from the data holds such a track where fixed standard-rate turns lose it.
Every model carries the turn rate (one state vector for all, so that an IMM can mix them), but
only the estimated-rate mode learns it, as a random walk (`turn_sigma_radps2`: an aircraft rolls
into a turn in a few seconds and holds it for as long as an orbit lasts; a rate that decays towards
0, Gauss-Markov, was measured and lost orbiting tracks more often: docs/bench.md). The other modes
never read it, so the tracker mixes that mode's rate from that mode alone (`Tracker`):
mixed with the others, a 6 deg/s orbit was learnt as 2-5 deg/s and flown by the +3 deg/s mode, and a
rate learnt in one turn stayed through the straight line after it, to predict the next turn the
same way round. Functions take arrays of states and time steps and return stacked matrices.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interdict.core.arrays import FloatArray

__all__ = ["STATE_DIM", "MotionModel", "propagate", "transition", "process_noise", "H_POSITION"]

STATE_DIM = 5
H_POSITION = np.eye(STATE_DIM)[[0, 2]]
_SMALL_RADPS = 1e-6  # below this a turn is flown as a straight line (the limits of the formulas)


@dataclass(frozen=True, slots=True)
class MotionModel:
    """CV (`turn_rate_radps` = 0), CT at a fixed rate, or CT at the rate in the state (None), which
    changes as a random walk of `turn_sigma_radps2` (0 for the fixed-rate models: their rate state is
    never read)."""

    name: str
    turn_rate_radps: float | None
    accel_sigma_mps2: float
    turn_sigma_radps2: float = 0.0


def transition(model: MotionModel, dt_s: FloatArray, turn_rate_radps: FloatArray | None = None) -> FloatArray:
    """(n, 5, 5) transition matrices for time steps `dt_s` (n,) at the model's fixed rate, or at the
    given rates (n,); the turn rate is carried unchanged."""
    dt = np.asarray(dt_s, dtype=float)
    w = np.full(len(dt), model.turn_rate_radps or 0.0) if turn_rate_radps is None else turn_rate_radps
    F = np.zeros((len(dt), STATE_DIM, STATE_DIM))
    straight = np.abs(w) < _SMALL_RADPS
    ws = np.where(straight, 1.0, w)
    s, c = np.sin(w * dt), np.cos(w * dt)
    sw = np.where(straight, dt, s / ws)  # sin(wT)/w
    cw = np.where(straight, w * dt**2 / 2, (1 - c) / ws)  # (1 - cos(wT))/w, its Taylor term near 0
    # x = [e, ve, n, vn, w]; counter-clockwise rotation of the velocity by w*dt
    F[:, 0, 0] = F[:, 2, 2] = F[:, 4, 4] = 1.0
    F[:, 0, 1] = sw
    F[:, 0, 3] = -cw
    F[:, 1, 1] = c
    F[:, 1, 3] = -s
    F[:, 2, 1] = cw
    F[:, 2, 3] = sw
    F[:, 3, 1] = s
    F[:, 3, 3] = c
    return F


def propagate(model: MotionModel, x: FloatArray, dt_s: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The predicted states (n, 5) and the Jacobian of the prediction (n, 5, 5): the transition
    matrix itself for CV and fixed-rate CT, its linearisation at `x` for the estimated rate."""
    dt = np.asarray(dt_s, dtype=float)
    if model.turn_rate_radps is not None:
        F = transition(model, dt)
        return np.einsum("nij,nj->ni", F, x), F
    w = x[:, 4]
    F = transition(model, dt, w)
    xp = np.einsum("nij,nj->ni", F, x)
    ve, vn = x[:, 1], x[:, 3]
    straight = np.abs(w) < _SMALL_RADPS
    ws = np.where(straight, 1.0, w)
    s, c = np.sin(w * dt), np.cos(w * dt)
    # d/dw of sin(wT)/w and of (1 - cos(wT))/w, with their limits at w -> 0
    dsw = np.where(straight, 0.0, dt * c / ws - s / ws**2)
    dcw = np.where(straight, dt**2 / 2, dt * s / ws - (1 - c) / ws**2)
    J = F.copy()
    J[:, 0, 4] = ve * dsw - vn * dcw
    J[:, 1, 4] = -dt * (s * ve + c * vn)
    J[:, 2, 4] = ve * dcw + vn * dsw
    J[:, 3, 4] = dt * (c * ve - s * vn)
    return xp, J


def process_noise(model: MotionModel, dt_s: FloatArray) -> FloatArray:
    """(n, 5, 5) discrete white-noise acceleration per axis, and a random walk of the turn rate."""
    dt = np.asarray(dt_s, dtype=float)
    q = model.accel_sigma_mps2**2
    Q = np.zeros((len(dt), STATE_DIM, STATE_DIM))
    for i in (0, 2):
        Q[:, i, i] = q * dt**4 / 4
        Q[:, i, i + 1] = Q[:, i + 1, i] = q * dt**3 / 2
        Q[:, i + 1, i + 1] = q * dt**2
    Q[:, 4, 4] = model.turn_sigma_radps2**2 * dt
    return Q
