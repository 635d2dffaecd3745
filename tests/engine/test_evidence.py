"""Evidence: solar elevation, flight-plan correlation (corridor, time window, course, round trips),
behaviour weights, held and quarantined indicators."""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, datetime

import numpy as np
import pytest

from interdict.contract.specs import FlightPlanSpec, GeoPoint
from interdict.engine.destinations import Candidate, DestinationEstimate, StripEvent
from interdict.engine.evidence import PlanFit, gather_evidence, plan_correlates, plan_fit, sun_elevation_deg
from interdict.engine.rules import BASELINE
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS, make_track

PIC = picture_of(load_scenario(SCENARIOS / "vraem-shuttle.yaml"))


@pytest.mark.parametrize(
    ("when", "lat", "lon", "expected"),
    [
        (datetime(2025, 3, 20, 12, 7, tzinfo=UTC), 0.0, 0.0, 90.0),  # equinox, solar noon on the equator
        (datetime(2025, 6, 21, 12, 2, tzinfo=UTC), 23.44, 0.0, 90.0),  # June solstice, tropic of Cancer
        (datetime(2025, 12, 21, 11, 58, tzinfo=UTC), -23.44, 0.0, 90.0),
        (datetime(2025, 6, 21, 12, 2, tzinfo=UTC), -23.44, 0.0, 43.1),  # 90 - 46.9
        (datetime(2025, 3, 20, 0, 7, tzinfo=UTC), 0.0, 0.0, -90.0),  # solar midnight
        (datetime(2025, 3, 20, 17, 7, tzinfo=UTC), 0.0, -75.0, 90.0),  # Peru's meridian at its solar noon
        (datetime(2025, 3, 20, 6, 7, tzinfo=UTC), 0.0, 0.0, 0.0),  # sunrise on the equator
    ],
)
def test_sun_elevation_known_values(when: datetime, lat: float, lon: float, expected: float) -> None:
    assert sun_elevation_deg(when, lat, lon) == pytest.approx(expected, abs=1.5)


def _track(lat: float, lon: float, *, t_s: float, course_deg: float = 90.0, speed_mps: float = 60.0) -> TrackState:
    e, n, _ = PIC.frame.point_to_enu(lat, lon, 0.0)
    c = math.radians(course_deg)
    x = np.array([e, speed_mps * math.sin(c), n, speed_mps * math.cos(c)])
    return TrackState(
        track_id="T1",
        t_s=t_s,
        status=TrackStatus.CONFIRMED,
        x=x,
        P=np.eye(4) * 100.0,
        created_t_s=0.0,
        last_update_t_s=t_s,
        n_updates=20,
    )


def _plan(departure: GeoPoint | str, destination: GeoPoint | str, off_block_s: float = 0.0) -> FlightPlanSpec:
    return FlightPlanSpec(
        callsign="OB1",
        aircraft_type="C206",
        departure=departure,
        destination=destination,
        off_block_s=off_block_s,
        cruise_alt_ft=6000,
        held_by=("lima-acc",),
        filed_s=-600.0,
    )


WEST, EAST = GeoPoint(lat=-12.0, lon=-75.0), GeoPoint(lat=-12.0, lon=-73.0)  # about 218 km apart


def test_corridor_is_the_wider_of_the_fixed_width_and_a_fraction_of_the_route() -> None:
    plan = _plan(WEST, EAST)
    on = _track(-12.0, -74.0, t_s=1_800.0)
    assert plan_correlates(plan, on, PIC, BASELINE)
    assert plan_correlates(plan, _track(-12.39, -74.0, t_s=1_800.0), PIC, BASELINE)  # 43 km off: within 20 % of 218 km
    assert not plan_correlates(plan, _track(-12.42, -74.0, t_s=1_800.0), PIC, BASELINE)  # 46 km off
    short = _plan(WEST, GeoPoint(lat=-12.0, lon=-74.5))  # 54 km: the fixed 25 km applies
    assert plan_correlates(short, _track(-12.22, -74.8, t_s=600.0), PIC, BASELINE)
    assert not plan_correlates(short, _track(-12.25, -74.8, t_s=600.0), PIC, BASELINE)
    assert not plan_correlates(plan, _track(-12.0, -72.5, t_s=1_800.0), PIC, BASELINE)  # 54 km past the end


def test_time_window_runs_from_off_block_to_the_route_flown_slowly_with_a_margin() -> None:
    plan = _plan(WEST, EAST, off_block_s=3_600.0)
    slow_mps = 0.6 * (142 * 1852 / 3600)  # a C206 at 60 % of cruise
    end_s = 3_600.0 + 218_000.0 / slow_mps + 1_800.0
    assert not plan_correlates(plan, _track(-12.0, -74.0, t_s=1_799.0), PIC, BASELINE)
    assert plan_fit(plan, _track(-12.0, -74.0, t_s=1_801.0), PIC, BASELINE) is PlanFit.ON_TIME
    assert plan_fit(plan, _track(-12.0, -74.0, t_s=end_s - 200.0), PIC, BASELINE) is PlanFit.ON_TIME
    late = end_s + BASELINE.plan_delay_max_s
    assert plan_fit(plan, _track(-12.0, -74.0, t_s=end_s + 200.0), PIC, BASELINE) is PlanFit.LATE  # fog, a delay
    assert plan_fit(plan, _track(-12.0, -74.0, t_s=late - 10.0), PIC, BASELINE) is PlanFit.LATE
    assert not plan_correlates(plan, _track(-12.0, -74.0, t_s=late + 10.0), PIC, BASELINE)


def test_a_steady_course_back_along_the_route_still_fits_with_the_route_flown_twice() -> None:
    plan = _plan(WEST, EAST)
    slow_mps = 0.6 * (142 * 1852 / 3600)
    once_s, twice_s = 218_000.0 / slow_mps + 1_800.0, 2 * 218_000.0 / slow_mps + 1_800.0
    backwards = _track(-12.0, -74.0, t_s=once_s + 100.0, course_deg=270.0)
    assert plan_fit(plan, backwards, PIC, BASELINE, steady=True) is PlanFit.TURNED_BACK  # turned back for weather
    assert plan_fit(plan, backwards, PIC, BASELINE, steady=None) is PlanFit.LATE  # direction unknown: maybe late
    assert plan_fit(plan, _track(-12.0, -74.0, t_s=twice_s - 10.0, course_deg=181.0), PIC, BASELINE, steady=True) is (
        PlanFit.TURNED_BACK
    )
    assert plan_fit(plan, _track(-12.0, -74.0, t_s=1_800.0, course_deg=179.0), PIC, BASELINE, steady=True) is (
        PlanFit.ON_TIME
    )
    slow = _track(-12.0, -74.0, t_s=1_800.0, course_deg=270.0, speed_mps=15.0)
    assert plan_fit(plan, slow, PIC, BASELINE, steady=True) is PlanFit.ON_TIME  # too slow for a course to mean anything


def test_a_round_trip_with_a_work_area_fits_there_and_on_the_way_only() -> None:
    """A survey's stated work area narrows where its plan is a civil ground; without one, 150 km around."""
    from interdict.contract.specs import WorkArea

    wide = _plan("SPMF", "SPMF")
    area = wide.model_copy(update={"work_area": WorkArea(centre=GeoPoint(lat=-11.33, lon=-74.0), radius_m=6_000.0)})
    lat_per_km = 1 / 110.6
    inside = _track(-11.33 + 12 * lat_per_km, -74.0, t_s=3_600.0)  # 12 km from the centre: area plus margin
    north = _track(-11.33 + 30 * lat_per_km, -74.0, t_s=3_600.0)  # 30 km north: off the area and the way there
    assert plan_fit(area, inside, PIC, BASELINE) is PlanFit.ON_TIME
    assert plan_correlates(wide, north, PIC, BASELINE) and not plan_correlates(area, north, PIC, BASELINE)
    mazamari = PIC.place("SPMF")
    assert mazamari is not None
    on_the_way = _track((mazamari.lat - 11.33) / 2, (mazamari.lon - 74.0) / 2, t_s=600.0)
    assert plan_fit(area, on_the_way, PIC, BASELINE) is PlanFit.ON_TIME
    assert area.work_area is not None
    with pytest.raises(ValueError, match="only a round trip"):
        FlightPlanSpec.model_validate({**_plan("SPMF", "SPHO").model_dump(), "work_area": area.work_area.model_dump()})


def test_a_round_trip_matches_local_work_for_its_duration() -> None:
    plan = _plan("SPMF", "SPMF", off_block_s=0.0)
    near = _track(-11.33, -74.0, t_s=5 * 3_600.0, course_deg=0.0)  # 58 km from Mazamari, five hours out
    assert plan_fit(plan, near, PIC, BASELINE, steady=True) is PlanFit.ON_TIME
    after_s = 6 * 3_600.0 + BASELINE.plan_time_margin_s + BASELINE.plan_delay_max_s
    assert plan_fit(plan, _track(-11.33, -74.0, t_s=after_s - 10.0), PIC, BASELINE) is PlanFit.LATE
    assert not plan_correlates(plan, _track(-11.33, -74.0, t_s=after_s + 10.0), PIC, BASELINE)
    assert not plan_correlates(plan, _track(-11.33, -74.0, t_s=-1_810.0), PIC, BASELINE)
    assert not plan_correlates(plan, _track(-11.33, -73.1, t_s=3_600.0), PIC, BASELINE)  # 157 km away
    assert not plan_correlates(_plan("SPMF", "XXXX"), near, PIC, BASELINE)  # a place the picture cannot locate


def test_behaviour_weights_and_flags() -> None:
    track = _track(-12.0, -74.0, t_s=3_600.0)  # 06:30 local in June: just after sunrise
    track = dataclasses.replace(track, alt_m=1_500.0, alt_rate_mps=0.0)
    dest = DestinationEstimate("T1", 3_600.0, (Candidate("SPAY", 0.7, 4_000.0),), 0.3, "SPAY")
    origin = StripEvent("takeoff_inferred", "T1", 100.0, "SPMF", 0.9, {})
    ev = gather_evidence(track, PIC, BASELINE, [], t_s=3_600.0, destination=dest, origin=origin, courses=[1.57] * 8)
    b = ev.behaviour
    assert (b.cruise_band, b.daylight, b.steady_course, b.origin_kind, b.destination_kind) == (
        True,
        True,
        True,
        "registered",
        "registered",
    )
    assert b.innocence == 2.0 + 1.0 + 1.0 + 0.5 + 0.5
    assert b.flags == (
        "destination is a registered aerodrome",
        "took off from a registered, mission or river strip",
        "altitude in the normal cruise band",
        "daylight",
        "steady course",
    )
    assert [c.kind for c in ev.indicators] == ["registered_route", "innocent_profile"]  # both held once shown
    unsure = DestinationEstimate("T1", 3_600.0, (Candidate("SPAY", 0.49, 4_000.0),), 0.3, "SPAY")
    ev = gather_evidence(
        track, PIC, BASELINE, [], t_s=3_600.0, destination=unsure, origin=origin, courses=[0.0, 3.0] * 4
    )
    assert ev.behaviour.destination_kind is None and ev.behaviour.steady_course is False
    assert [c.kind for c in ev.indicators] == ["innocent_profile"]  # 2.5 without the destination: still shown
    assert gather_evidence(track, PIC, BASELINE, [], t_s=3_600.0, courses=[0.0] * 5).behaviour.steady_course is None
    low = dataclasses.replace(track, alt_m=300.0)
    assert gather_evidence(low, PIC, BASELINE, [], t_s=3_600.0).behaviour.cruise_band is False
    night = gather_evidence(track, PIC, BASELINE, [], t_s=-36_000.0).behaviour  # 19:30 local, the evening before
    assert night.daylight is False and "daylight" not in night.flags


def test_landing_as_instructed_is_a_civil_indicator_with_its_own_source() -> None:
    from interdict.contract.observations import LandingResponse

    track = _track(-11.5, -74.2, t_s=2_000.0)
    landed = gather_evidence(track, PIC, BASELINE, [LandingResponse(1_900.0, "T1", "SPMF", True, 1_700.0)], t_s=2_000.0)
    (indicator,) = [c for c in landed.indicators if c.kind == "complied"]
    assert (indicator.detail, indicator.source, indicator.t_s) == ("landed at SPMF as instructed", "landing", 1_900.0)
    assert landed.land_responses and landed.civil_indicators == (indicator,)
    refused = gather_evidence(
        track, PIC, BASELINE, [LandingResponse(1_900.0, "T1", "SPMF", False, 1_700.0)], t_s=2_000.0
    )
    assert refused.indicators == () and refused.land_responses


def _looked_at(registration: str | None, aircraft_type: str = "C185", floats: bool | None = True, *more: object):  # type: ignore[no-untyped-def]
    from interdict.contract.observations import VisualIdReport

    bowers = picture_of(load_scenario(SCENARIOS / "bowers-2001.yaml"))
    track = dataclasses.replace(_track(-3.8, -73.3, t_s=1000.0), track_id="T1")
    obs = [VisualIdReport(900.0, "T1", registration, aircraft_type, floats, 850.0), *more]
    return bowers, gather_evidence(track, bowers, BASELINE, obs, t_s=1000.0)  # type: ignore[arg-type]


def test_identity_is_established_by_marks_in_the_register_for_the_type_and_floats_seen() -> None:
    from interdict.engine.evidence.grounds import established, suspicion_grounds

    def who(*args: object) -> str | None:
        picture, ev = _looked_at(*args)  # type: ignore[arg-type]
        return established(ev, suspicion_grounds(ev, picture, BASELINE, {}))

    assert "OB-1408, a C185 of ABWE" in str(who("OB-1408"))
    assert who("OB-1408", "C185", None) is not None  # floats not seen: the register's word stands
    assert who("OB-1408", "C210") is None  # another type: a cloned registration, a ground
    assert who("OB-1408", "C185", False) is None  # the register's floatplane, seen on wheels
    assert who(None) is None and who("OB-7777") is None  # no marks (a ground); marks not in the register


def test_the_registry_authority_completes_a_stale_snapshot_or_says_it_has_no_record() -> None:
    from interdict.contract.observations import RegistryAnswer
    from interdict.engine.evidence.grounds import registry_question, suspicion_grounds

    picture, ev = _looked_at("OB-7777")
    assert ev.registry_entry is None and registry_question(ev, picture) == "OB-7777"
    assert not suspicion_grounds(ev, picture, BASELINE, {})  # a question, not a ground
    entry = picture.registry[0].model_copy(update={"registration": "OB-7777"})
    picture, ev = _looked_at("OB-7777", "C185", True, RegistryAnswer(980.0, "T1", "ob-7777", entry, 900.0))
    assert ev.registry_entry == entry and registry_question(ev, picture) is None
    assert any(c.kind == "registry" for c in ev.indicators)  # the answer is a register entry, like the snapshot's
    picture, ev = _looked_at("OB-7777", "C185", True, RegistryAnswer(980.0, "T1", "OB-7777", None, 900.0))
    assert [g.name for g in suspicion_grounds(ev, picture, BASELINE, {})] == ["not_registered"]
    assert registry_question(ev, picture) is None
    picture, ev = _looked_at("CP-2890")
    assert registry_question(ev, picture) is None  # foreign marks: not the national registry's question


def test_a_plan_whose_aircraft_reports_itself_elsewhere_is_no_civil_ground_for_this_track() -> None:
    """One plan, one aircraft: the decoy smuggler flies the corridor of OB1802's plan; once Lima ACC has
    OB1802 identify and it reports itself hundreds of kilometres away, the plan no longer matches this
    track. A report near the track gives it back; none (the unit could not reach its aircraft) settles
    nothing (fail safe)."""
    from interdict.contract.observations import IdentReport
    from interdict.contract.procedures import QueryFlightPlans, RequestIdent
    from interdict.engine.evidence.ownership import settle
    from interdict.world.responder import World
    from interdict.world.trajectories import build_trajectories

    decoy = load_scenario(SCENARIOS / "adversarial" / "decoy-plan.yaml")
    picture, trajectories = picture_of(decoy), build_trajectories(decoy)
    world = World(decoy, trajectories)
    s = next(t for t in trajectories if t.aircraft_id == "narco-decoy").state_at(600.0)
    assert s is not None
    track = make_track(t_s=600.0, east_m=s.east_m, east_mps=s.east_mps, north_m=s.north_m, north_mps=s.north_mps)
    plans = world.answer(QueryFlightPlans(300.0, "T1", ("lima-acc",)), "narco-decoy")
    (far,) = world.answer(RequestIdent(580.0, "T1", "lima-acc", "OB1802"), "narco-decoy")
    key = ("lima-acc", "OB1802")

    def settled(*reports: IdentReport, before: frozenset[tuple[str, str]] = frozenset()) -> frozenset[tuple[str, str]]:
        return settle(before, reports, track, picture, BASELINE, 600.0)

    def matching(disowned: frozenset[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        return gather_evidence(track, picture, BASELINE, [*plans], t_s=600.0, disowned=disowned).matching_plans

    assert matching(frozenset()) == (("OB1802", "lima-acc"),)  # the corridor and the time fit
    assert settled(far) == {key} and matching(settled(far)) == ()
    here = picture.frame.point_to_geodetic(s.east_m + 5_000.0, s.north_m, 0.0)
    near = dataclasses.replace(far, position=GeoPoint(lat=here[0], lon=here[1]))
    assert settled(near) == frozenset() and settled(near, before=frozenset({key})) == frozenset()  # given back
    assert settled(dataclasses.replace(far, position=None), before=frozenset({key})) == {key}  # settles nothing
    # the allowance grows with the time since it was asked: 30 km off, asked 300 s ago, may be this aircraft
    off = picture.frame.point_to_geodetic(s.east_m + 30_000.0, s.north_m, 0.0)
    late = IdentReport(420.0, "T1", "lima-acc", "OB1802", GeoPoint(lat=off[0], lon=off[1]), asked_t_s=300.0)
    assert settled(late) == frozenset()
    assert settled(dataclasses.replace(late, asked_t_s=580.0)) == {key}


def test_a_code_shown_then_switched_off_is_a_ground_and_no_longer_holds_an_unmarked_aircraft_civil() -> None:
    """H-DARK: the squawk held from earlier scans plus no reply now is `transponder_off`; beside no marks (a
    strong ground) the code shown stops blocking; an emergency code shown earlier is contradicted too."""
    from interdict.contract.observations import VisualIdReport
    from interdict.engine.evidence.grounds import contradicted, squawks_shown, suspicion_grounds

    picture, _ = _looked_at(None)
    track = dataclasses.replace(_track(-3.8, -73.3, t_s=1000.0), track_id="T1")

    def dark(registration: str | None, held: tuple[object, ...]):  # type: ignore[no-untyped-def]
        seen = VisualIdReport(900.0, "T1", registration, "C185", True, 850.0)
        ev = gather_evidence(track, picture, BASELINE, [seen], t_s=1000.0, held=held)  # type: ignore[arg-type]
        return ev, suspicion_grounds(ev, picture, BASELINE, {})

    for code, also in (("2000", set()), ("7700", {"emergency_contradicted"})):
        squawking = dataclasses.replace(track, t_s=500.0, last_update_t_s=500.0, mode_a=code)
        held = gather_evidence(squawking, picture, BASELINE, [], t_s=500.0).indicators
        ev, grounds = dark(None, held)
        assert squawks_shown(ev) == (code,) and ev.track.mode_a is None
        assert {g.name for g in grounds} == {"transponder_off", "no_marks"} | also
        shown = {c.fact for c in ev.civil_indicators if c.source.startswith("squawk:")}
        assert shown and shown <= contradicted(ev, grounds, picture)
        # Marks read, in the register: the switch-off is a ground, and the ordinary code shown still blocks.
        ev, grounds = dark("OB-1408", held)
        assert "transponder_off" in {g.name for g in grounds}
        if code == "2000":
            assert not contradicted(ev, grounds, picture)
