"""The strip report on a small constructed case: flights counted once per ground stop, statuses
over time, and the ranking of the strips whose destruction would disrupt the most flights."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from interdict.contract.specs import GeoPoint3, StripSpec
from interdict.engine.events import EngineEvent
from interdict.engine.rules import BASELINE
from interdict.replay.strips import RunEvents, ranking, strip_activity
from tests.engine.common import VRAEM_PIC

DAY_S = 86_400.0


def _strip(sid: str, kind: str, lat: float, **kw: object) -> StripSpec:
    return StripSpec.model_validate({"id": sid, "kind": kind, "at": {"lat": lat, "lon": -74.0, "alt_m": 500}, **kw})


STRIPS = (
    _strip("cl-a", "clandestine", -12.00),
    _strip("cl-b", "clandestine", -12.05),  # 5.5 km south of cl-a
    _strip("cl-c", "clandestine", -12.30, status="destroyed"),
    _strip("cl-d", "clandestine", -12.60, status="destroyed"),
    _strip("cl-e", "clandestine", -12.90, status="destroyed", destroyed_on=VRAEM_PIC.start - timedelta(days=30)),
    _strip("cm-x", "community", -13.20),
)
PICTURE = dataclasses.replace(
    VRAEM_PIC, strips=STRIPS, strip_positions={s.id: GeoPoint3.model_validate(s.at) for s in STRIPS}
)


def _event(kind: str, t_s: float, strip: str, **detail: object) -> EngineEvent:
    return EngineEvent(kind, t_s, "T1", "", {"strip": strip, **detail})


def test_the_ranking_puts_the_strips_with_most_flights_first_and_leaves_out_destroyed_ones() -> None:
    day1 = (
        _event("landing_inferred", 100.0, "cl-a"),
        _event("takeoff_inferred", 800.0, "cl-a", ground_stop_s=700.0),  # the same flight: its ground stop
        _event("landing_inferred", 200.0, "cl-c"),
        _event("strip_reactivated", 200.0, "cl-c", was="destroyed"),
        _event("landing_inferred", 500.0, "cl-c"),
        _event("landing_inferred", 300.0, "cm-x"),
    )
    day2 = (
        _event("landing_inferred", 100.0, "cl-a"),
        _event("landing_inferred", 400.0, "cl-a"),
        _event("takeoff_inferred", 600.0, "cl-b"),  # its landing unseen: a flight all the same
        _event("landing_inferred", 1_140.0, "cl-b", lost_t_s=900.0),  # inferred 240 s after the loss
    )
    runs = [RunEvents(PICTURE, day1, DAY_S), RunEvents(PICTURE, day2, DAY_S)]
    activity = {a.strip_id: a for a in strip_activity(runs, BASELINE)}
    a, b, c = activity["cl-a"], activity["cl-b"], activity["cl-c"]
    assert (a.landings, a.takeoffs, a.flights) == (3, 1, 3)
    assert (b.landings, b.takeoffs, b.flights) == (1, 1, 2)
    assert (c.flights, c.status) == (2, "reactivated")
    assert activity["cl-d"].status == "destroyed" and activity["cl-e"].status == "possibly_rebuilt"
    assert a.nearest_alternative == "cl-b" and 5_000.0 < (a.nearest_alternative_m or 0.0) < 6_000.0
    assert b.last_activity_utc == PICTURE.start + timedelta(seconds=900.0)
    # cl-b and cl-c both have two flights: cl-b flew last; cm-x is not clandestine, cl-d/cl-e saw no flight
    assert [s.strip_id for s in ranking(tuple(activity.values()))] == ["cl-a", "cl-b", "cl-c"]


def test_a_strip_destroyed_at_the_end_drops_out_of_the_ranking() -> None:
    used = (_event("landing_inferred", 100.0, "cl-a"), _event("landing_inferred", 100.0, "cl-b"))
    later = dataclasses.replace(
        PICTURE,
        strips=tuple(s.model_copy(update={"status": "destroyed"}) if s.id == "cl-a" else s for s in STRIPS),
    )
    activity = strip_activity([RunEvents(PICTURE, used, DAY_S), RunEvents(later, (), DAY_S)], BASELINE)
    assert [s.strip_id for s in ranking(activity)] == ["cl-b"]
