"""Strip matching: invariants (hypothesis), the VRAEM smuggler's strip, river landings, ground stops."""

from __future__ import annotations

import dataclasses
import math

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from interdict.engine.destinations import StripModel, initial_matcher_state, strip_database, update_destinations
from interdict.engine.tracking import Tracker, TrackState, TrackStatus
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.radar import simulate
from tests.conftest import SCENARIOS

VRAEM = load_scenario(SCENARIOS / "vraem-shuttle.yaml")
PICTURE = picture_of(VRAEM)
DB = strip_database(PICTURE)
MODEL = StripModel()


def _track(
    e: float,
    n: float,
    course_rad: float,
    speed: float = 70.0,
    status: TrackStatus = TrackStatus.CONFIRMED,
    alt: float | None = None,
    rate: float | None = None,
    track_id: str = "T1",
) -> TrackState:
    x = np.array([e, speed * math.sin(course_rad), n, speed * math.cos(course_rad)])
    return TrackState(
        track_id=track_id,
        t_s=100.0,
        status=status,
        x=x,
        P=np.eye(4) * 100.0,
        created_t_s=0.0,
        last_update_t_s=100.0,
        n_updates=10,
        alt_m=alt,
        alt_rate_mps=rate,
    )


tracks = st.builds(
    _track,
    st.floats(-150_000, 150_000),
    st.floats(-150_000, 150_000),
    st.floats(0, 2 * math.pi),
    st.floats(30, 90),
    st.sampled_from([TrackStatus.CONFIRMED, TrackStatus.COASTING]),
    st.one_of(st.none(), st.floats(300, 4000)),
    st.one_of(st.none(), st.floats(-8, 8)),
)


@settings(max_examples=80, deadline=None)
@given(track=tracks)
def test_probabilities_sum_to_one(track: TrackState) -> None:
    _, (est,), _ = update_destinations(DB, MODEL, initial_matcher_state(), (track,), 100.0)
    full = [c.p for c in est.candidates]
    assert 0.0 <= est.p_none <= 1.0
    _, _, _ = update_destinations(DB, MODEL, initial_matcher_state(), (track,), 100.0)
    # candidates under 1 % are omitted: the listed ones plus none are within that of 1
    assert sum(full) + est.p_none == pytest.approx(1.0, abs=0.01 * len(DB.strips))


@settings(max_examples=40, deadline=None)
@given(track=tracks, seed=st.integers(0, 1000))
def test_independent_of_strip_order(track: TrackState, seed: int) -> None:
    order = np.random.default_rng(seed).permutation(len(PICTURE.strips))
    shuffled = dataclasses.replace(PICTURE, strips=tuple(PICTURE.strips[i] for i in order))
    db2 = strip_database(shuffled)
    _, (a,), _ = update_destinations(DB, MODEL, initial_matcher_state(), (track,), 100.0)
    _, (b,), _ = update_destinations(db2, MODEL, initial_matcher_state(), (track,), 100.0)
    assert {c.strip_id: c.p for c in a.candidates} == pytest.approx({c.strip_id: c.p for c in b.candidates})
    assert a.p_none == pytest.approx(b.p_none) and a.top == b.top


@settings(max_examples=60, deadline=None)
@given(course=st.floats(0, 2 * math.pi), dist=st.floats(2_000, 100_000), off=st.floats(0, 1.2))
def test_strip_behind_never_outranks_one_ahead(course: float, dist: float, off: float) -> None:
    from interdict.contract.specs import GeoPoint3, StripSpec

    frame = PICTURE.frame
    ahead = frame.point_to_geodetic(dist * math.sin(course + off), dist * math.cos(course + off), 0.0)
    behind = frame.point_to_geodetic(
        dist * math.sin(course + math.pi - off), dist * math.cos(course + math.pi - off), 0.0
    )
    strips = (
        StripSpec(id="ahead", kind="clandestine", at=GeoPoint3(lat=ahead[0], lon=ahead[1], alt_m=500)),
        StripSpec(id="behind", kind="clandestine", at=GeoPoint3(lat=behind[0], lon=behind[1], alt_m=500)),
    )
    pic = dataclasses.replace(PICTURE, strips=strips, strip_positions={s.id: s.at for s in strips})
    db = strip_database(pic)
    _, (est,), _ = update_destinations(db, MODEL, initial_matcher_state(), (_track(0.0, 0.0, course),), 100.0)
    p = {c.strip_id: c.p for c in est.candidates}
    assert p.get("ahead", 0.0) >= p.get("behind", 0.0)


def _events(scenario_name: str, seed: int):  # type: ignore[no-untyped-def]
    sc = load_scenario(SCENARIOS / f"{scenario_name}.yaml")
    pic = picture_of(sc)
    db = strip_database(pic)
    tracker = Tracker(pic.frame, pic.radars)
    state = initial_matcher_state()
    out = []
    for t_s, tr in tracker.run(simulate(sc, seed).plots, 10.0, t_end_s=sc.duration_s):
        state, est, ev = update_destinations(db, MODEL, state, tr, t_s)
        out.append((t_s, est, ev))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vraem_smuggler_strip_is_top_two_minutes_before_touchdown(seed: int) -> None:
    touchdown_s = 1700.0
    steps = _events("vraem-shuttle", seed)
    tops = {}
    for t_s, est, _ in steps:
        for e in est:
            tops.setdefault(e.track_id, []).append((t_s, e.top))
    smuggler = [tid for tid, seq in tops.items() if seq[0][0] < 400 and any(top == "cl-llochegua-03" for _, top in seq)]
    assert smuggler
    at_lead = [top for t, top in tops[smuggler[0]] if touchdown_s - 130 <= t <= touchdown_s - 120]
    assert at_lead and at_lead[-1] == "cl-llochegua-03"
    civil = [seq for tid, seq in tops.items() if tid not in smuggler and any(top == "SPAY" for _, top in seq)]
    assert civil and civil[0][-1][1] == "SPAY"


def test_vraem_landing_takeoff_and_ground_stop() -> None:
    events = [e for _, _, ev in _events("vraem-shuttle", 5) for e in ev]
    landing = [e for e in events if e.kind == "landing_inferred" and e.strip_id == "cl-llochegua-03"]
    takeoff = [e for e in events if e.kind == "takeoff_inferred" and e.strip_id == "cl-llochegua-03"]
    assert landing and takeoff
    assert 600 <= takeoff[0].detail["ground_stop_s"] <= 1200  # true stop 660 s, bounded by lost coverage


def test_floatplane_lands_on_the_river_not_the_clandestine_strip() -> None:
    events = [e for _, _, ev in _events("samair-medevac", 7) for e in ev if e.kind == "landing_inferred"]
    assert events and all(e.strip_id != "cl-aguaytia-02" for e in events)
    assert events[-1].strip_id == "rv-cashibococha" and events[-1].detail["river"] is True


def test_a_crowded_database_always_lists_its_top_strip() -> None:
    """185 strips sharing the probability: the top strip is a candidate even below the listing floor."""
    from interdict.bench.families.crowded import crowded
    from interdict.scenario.document import Scenario

    big = Scenario.model_validate(crowded(VRAEM.model_dump(mode="json"), np.random.default_rng(3), strips=400))
    db = strip_database(picture_of(big))
    tracker = Tracker(PICTURE.frame, PICTURE.radars)
    state, matcher = tracker.initial_state(0.0), initial_matcher_state()
    plots = simulate(big, 5).plots
    for t_s in np.arange(10.0, 1200.0, 10.0):
        batch = [p for p in plots if t_s - 10.0 < p.t_s <= t_s]
        state, tracks = tracker.step(state, batch, float(t_s))
        matcher, estimates, _ = update_destinations(db, MODEL, matcher, tracks, float(t_s))
        for est in estimates:
            if est.top is not None:
                assert est.candidates and est.candidates[0].strip_id == est.top and est.top_p > est.p_none
