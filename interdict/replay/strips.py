"""The war of exhaustion on strips: what the engine inferred about each strip over one or more
replays, and which strips' destruction would disrupt the most flights.

Per strip, from the engine's events alone (no truth): inferred landings, inferred take-offs, the
flights that used it (each landing, plus each take-off not paired with a landing there as a ground
stop), the last activity (UTC), and its status at the end (the picture's, `possibly_rebuilt` once the
rule set's rebuild time has passed since its destruction, `reactivated` after a landing inferred on
it while destroyed). The ranking lists the clandestine strips not destroyed at the end by flights,
then by the most recent activity: destroying a strip costs a joint team hours and the traffickers
days to weeks to rebuild it (docs/strips.md), so the team's hours go first where the most flights
land. Each strip also shows its nearest other usable clandestine strip: a strip
with a usable neighbour 2 km away is a weaker target than its count of flights says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from interdict.contract.picture import Picture
from interdict.core.geodesy import geodesic_distance_m
from interdict.engine.destinations import strip_database, strip_status
from interdict.engine.events import EngineEvent
from interdict.engine.rules import RuleSet

__all__ = ["StripActivity", "RunEvents", "strip_activity", "ranking"]

_UNUSABLE = ("destroyed",)


@dataclass(frozen=True, slots=True)
class RunEvents:
    """One replay as the report reads it: its picture, its events and the time it ended."""

    picture: Picture
    events: tuple[EngineEvent, ...]
    end_t_s: float


@dataclass(frozen=True, slots=True)
class StripActivity:
    strip_id: str
    kind: str
    status: str  # at the end of the last replay that holds the strip
    landings: int
    takeoffs: int
    flights: int
    last_activity_utc: datetime | None
    nearest_alternative: str | None  # the nearest other clandestine strip usable at the end
    nearest_alternative_m: float | None


@dataclass
class _Tally:
    kind: str
    status: str
    lat: float
    lon: float
    landings: int = 0
    takeoffs: int = 0
    flights: int = 0
    last: datetime | None = None

    def add(self, when: datetime, flight: bool, landing: bool) -> None:
        self.landings += landing
        self.takeoffs += not landing
        self.flights += flight
        self.last = when if self.last is None else max(self.last, when)


def strip_activity(runs: Iterable[RunEvents], rules: RuleSet) -> tuple[StripActivity, ...]:
    """Per strip of every run's picture (by id: runs over one area, in time order, share their strip
    ids; a later run's status wins, and a strip reactivated in one run stays so after), the activity
    the engine inferred, in strip-id order."""
    tallies: dict[str, _Tally] = {}
    revived: frozenset[str] = frozenset()  # a strip in use again stays so in the runs that follow
    for run in runs:
        db = strip_database(run.picture)
        revived |= {str(e.detail.get("strip")) for e in run.events if e.kind == "strip_reactivated"}
        for s in db.strips:
            status = strip_status(s, run.end_t_s, rules.strip_rebuild_s, revived)
            at = run.picture.strip_positions[s.strip_id]
            tallies.setdefault(s.strip_id, _Tally(s.kind, status, at.lat, at.lon)).status = status
        for e in run.events:
            strip = e.detail.get("strip")
            if e.kind not in ("landing_inferred", "takeoff_inferred") or not isinstance(strip, str):
                continue
            landing = e.kind == "landing_inferred"
            flight = landing or "ground_stop_s" not in e.detail
            when_s = e.detail.get("lost_t_s", e.t_s)  # a landing is inferred a while after the loss
            when_s = when_s if isinstance(when_s, float | int) else e.t_s
            tallies[strip].add(run.picture.start + timedelta(seconds=float(when_s)), flight, landing)
    return tuple(_activity(sid, t, tallies) for sid, t in sorted(tallies.items()))


def _activity(strip_id: str, t: _Tally, tallies: dict[str, _Tally]) -> StripActivity:
    others = [
        (geodesic_distance_m(t.lat, t.lon, o.lat, o.lon), sid)
        for sid, o in tallies.items()
        if sid != strip_id and o.kind == "clandestine" and o.status not in _UNUSABLE
    ]
    near = min(others, default=None)
    return StripActivity(
        strip_id,
        t.kind,
        t.status,
        t.landings,
        t.takeoffs,
        t.flights,
        t.last,
        None if near is None else near[1],
        None if near is None else near[0],
    )


def ranking(activity: Sequence[StripActivity]) -> tuple[StripActivity, ...]:
    """Clandestine strips in use (not destroyed at the end) with at least one flight: most flights
    first, then the most recent activity, then by id."""
    used = [a for a in activity if a.kind == "clandestine" and a.status not in _UNUSABLE and a.flights > 0]
    latest = {a.strip_id: a.last_activity_utc.timestamp() if a.last_activity_utc else 0.0 for a in used}
    return tuple(sorted(used, key=lambda a: (-a.flights, -latest[a.strip_id], a.strip_id)))
