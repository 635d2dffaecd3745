"""The batched Kalman/IMM algebra against filterpy, and covariance invariants."""

from __future__ import annotations

import math

import hypothesis.strategies as st
import numpy as np
import pytest
from filterpy.kalman import IMMEstimator, KalmanFilter
from filterpy.kalman import predict as fp_predict
from filterpy.kalman import update as fp_update
from hypothesis import given, settings

from interdict.engine.tracking.filters import gaussian_likelihood, imm_combine, imm_mix, innovation, predict, update
from interdict.engine.tracking.models import H_POSITION, MotionModel, process_noise, propagate, transition

CV = MotionModel("cv", 0.0, 0.5)
LEFT = MotionModel("ct_left", math.radians(3.0), 1.0)
RIGHT = MotionModel("ct_right", -math.radians(3.0), 1.0)


def _random_track(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.normal(0, [5e4, 60, 5e4, 60, 0.05])
    A = rng.normal(size=(5, 5)) * np.array([1, 1, 1, 1, 0.01])
    return x, A @ A.T + np.diag([1e4, 25, 1e4, 25, 1e-4])


def test_batched_predict_update_match_filterpy() -> None:
    rng = np.random.default_rng(1)
    tracks = [_random_track(rng) for _ in range(20)]
    dt = rng.uniform(1, 15, 20)
    z = rng.normal(0, 5e4, (20, 2))
    Rs = np.array([np.diag(rng.uniform(1e3, 1e5, 2)) for _ in range(20)])
    for model in (CV, LEFT):
        F, Q = transition(model, dt), process_noise(model, dt)
        x = np.array([t[0] for t in tracks])
        P = np.array([t[1] for t in tracks])
        xb, Pb = predict(x, P, F, Q)
        xu, Pu = update(xb, Pb, z, Rs)
        for i, (x0, P0) in enumerate(tracks):
            xf, Pf = fp_predict(x0.reshape(5, 1), P0, F=F[i], Q=Q[i])
            assert xf.shape == (5, 1)  # filterpy 2.0 keeps column vectors: pass them as columns
            np.testing.assert_allclose(xb[i], xf[:, 0], rtol=1e-9, atol=1e-9)
            np.testing.assert_allclose(Pb[i], Pf, rtol=1e-9, atol=1e-6)
            xf2, Pf2 = fp_update(xf, Pf, z[i].reshape(2, 1), Rs[i], H_POSITION)
            assert xf2.shape == (5, 1)
            np.testing.assert_allclose(xu[i], xf2[:, 0], rtol=1e-9, atol=1e-6)
            np.testing.assert_allclose(Pu[i], Pf2, rtol=1e-7, atol=1e-6)


def test_imm_step_matches_filterpy_imm_estimator() -> None:
    models = (CV, LEFT, RIGHT)
    markov = np.full((3, 3), 0.025) + np.eye(3) * 0.925
    x0 = np.array(
        [[1000.0, 60.0, -2000.0, 20.0, 0.0], [1010.0, 58.0, -1990.0, 25.0, 0.01], [990.0, 61.0, -2010.0, 15.0, -0.02]]
    )
    P0 = np.array([np.diag([400.0, 9.0, 400.0, 9.0, 1e-4]) * (k + 1) for k in range(3)])
    mu = np.array([0.6, 0.3, 0.1])
    dt, R = 5.0, np.diag([2500.0, 900.0])
    filters = []
    for m, model in enumerate(models):
        kf = KalmanFilter(dim_x=5, dim_z=2)
        kf.x, kf.P = x0[m].reshape(5, 1).copy(), P0[m].copy()
        kf.F, kf.Q = transition(model, np.array([dt]))[0], process_noise(model, np.array([dt]))[0]
        kf.H, kf.R = H_POSITION, R
        filters.append(kf)
    imm = IMMEstimator(filters, mu.copy(), markov)
    z = np.array([1290.0, -1880.0])
    imm.predict()
    imm.update(z.reshape(2, 1))
    # the same step, batched
    xm, Pm, c = imm_mix(x0[None], P0[None], mu[None], markov)
    xp, Pp = np.empty_like(xm), np.empty_like(Pm)
    for m, model in enumerate(models):
        xp[:, m], Pp[:, m] = predict(
            xm[:, m], Pm[:, m], transition(model, np.array([dt])), process_noise(model, np.array([dt]))
        )
    y, S = innovation(xp[0], Pp[0], np.repeat(z[None], 3, 0), np.repeat(R[None], 3, 0))
    like = gaussian_likelihood(y, S)
    xu, Pu = update(xp[0], Pp[0], np.repeat(z[None], 3, 0), np.repeat(R[None], 3, 0))
    post = c[0] * like
    mu_new = post / post.sum()
    xc, Pc = imm_combine(xu[None], Pu[None], mu_new[None])
    np.testing.assert_allclose(mu_new, imm.mu, rtol=1e-9)
    np.testing.assert_allclose(xc[0], imm.x[:, 0], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(Pc[0], imm.P, rtol=1e-8, atol=1e-8)


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), dt=st.floats(0.1, 60.0), sr=st.floats(1.0, 5e3), turn=st.booleans())
def test_covariance_stays_symmetric_positive_definite(seed: int, dt: float, sr: float, turn: bool) -> None:
    rng = np.random.default_rng(seed)
    x, P = _random_track(rng)
    model = LEFT if turn else CV
    x, P = x[None], P[None]
    for _ in range(5):
        x, P = predict(x, P, transition(model, np.array([dt])), process_noise(model, np.array([dt])))
        x, P = update(x, P, x[:, [0, 2]] + rng.normal(0, sr, (1, 2)), np.diag([sr**2, sr**2])[None])
        assert np.allclose(P[0], P[0].T)
        assert np.linalg.eigvalsh(P[0]).min() > 0


@pytest.mark.parametrize("w", [0.0, 0.05, -0.05])
def test_transition_keeps_speed_in_a_turn(w: float) -> None:
    F = transition(MotionModel("m", w, 1.0), np.array([7.0]))[0]
    x = F @ np.array([0.0, 30.0, 0.0, 40.0, 0.0])
    assert math.hypot(x[1], x[3]) == pytest.approx(50.0)


ESTIMATED = MotionModel("ct", None, 1.0, math.radians(1.0))


@settings(max_examples=200, deadline=None)
@given(
    w=st.floats(-0.3, 0.3),
    ve=st.floats(-80, 80),
    vn=st.floats(-80, 80),
    dt=st.floats(0.5, 20.0),
)
def test_the_estimated_turn_s_jacobian_is_the_derivative_of_its_prediction(
    w: float, ve: float, vn: float, dt: float
) -> None:
    x = np.array([[100.0, ve, -50.0, vn, w]])
    _, J = propagate(ESTIMATED, x, np.array([dt]))
    eps = np.array([1.0, 1e-3, 1.0, 1e-3, 1e-7])
    numeric = np.empty((5, 5))
    for k in range(5):
        step = np.zeros(5)
        step[k] = eps[k]
        hi, _ = propagate(ESTIMATED, x + step, np.array([dt]))
        lo, _ = propagate(ESTIMATED, x - step, np.array([dt]))
        numeric[:, k] = (hi[0] - lo[0]) / (2 * eps[k])
    np.testing.assert_allclose(J[0], numeric, rtol=1e-4, atol=1e-4 * max(1.0, abs(ve) + abs(vn)) * dt**2)


def test_the_estimated_turn_flies_the_circle_of_its_rate() -> None:
    """At the turn rate in the state the prediction stays on the circle: radius v / w about its centre."""
    w, v = math.radians(6.0), 50.0
    x = np.array([[0.0, v, 0.0, 0.0, w]])  # heading east, turning left (counter-clockwise)
    centre = np.array([0.0, v / w])
    for dt in (1.0, 7.5, 30.0, 60.0):
        xp, _ = propagate(ESTIMATED, x, np.array([dt]))
        assert math.dist((xp[0, 0], xp[0, 2]), centre) == pytest.approx(v / w)
        assert math.hypot(xp[0, 1], xp[0, 3]) == pytest.approx(v)
        assert xp[0, 4] == w
