"""The simulated world: answers the operator's procedures from the true aircraft (WORLD side).

Only the replay loop uses this module; the engine never imports it. A procedure is aimed at a
track; the world finds the true aircraft behind the track (the nearest alive aircraft within three
sigma of the track's position plus `gate_m`) and answers from that aircraft's behaviour:

- flight plans: each queried unit returns every plan it holds (`held_by`) that was filed by then;
- ATC contact: a unit says whether the aircraft is talking to it (`radio.in_contact_with`);
- radio: a reply only on a monitored frequency and only if the aircraft `replies`; in another
  language than its own it answers REPEAT; a distressed aircraft answers MAYDAY; otherwise, before
  it has been intercepted, CALL_SIGN with its call sign (its own, its flight plan's, or its
  registration); after interception signals, WILCO if it complies and CAN_NOT if it cannot;
- visual identification: the registration (None: no marks), type and floats, after the shadowing
  aircraft has had time to arrive;
- interception signals: the `on_intercept` response (comply: rocks wings and follows; cannot
  comply: series 5; distress: series 6; ignore: nothing); instruct to land: complied or not.
A procedure aimed at a track that holds no aircraft gets no answer. Answers arrive after the
delays of `WorldConfig` and carry the time they were asked (`asked_t_s`). Everything is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from interdict.contract.observations import (
    AtcContactAnswer,
    FlightPlanAnswer,
    IdentReport,
    InterceptReply,
    InterceptResponse,
    LandingResponse,
    Observation,
    Phrase,
    RadioReply,
    RegistryAnswer,
    VisualIdReport,
    same_frequency,
)
from interdict.contract.procedures import (
    RELEASE_SERIES,
    InstructLand,
    InterceptSignal,
    Procedure,
    QueryAtcContact,
    QueryFlightPlans,
    QueryRegistry,
    RadioCall,
    RequestIdent,
    VisualId,
)
from interdict.contract.specs import GeoPoint
from interdict.core.text import norm_mark
from interdict.engine.tracking.track import TrackState, TrackStatus
from interdict.scenario.document import AircraftSpec, Scenario
from interdict.world.trajectories import Trajectory, positions_at

__all__ = ["WorldConfig", "World"]


@dataclass(frozen=True, slots=True)
class WorldConfig:
    """Answer delays (seconds) and the track-to-aircraft gate (metres)."""

    query_delay_s: float = 30.0
    registry_delay_s: float = 120.0
    radio_delay_s: float = 15.0
    visual_delay_s: float = 600.0  # an interceptor must reach and shadow the aircraft
    intercept_delay_s: float = 60.0
    land_delay_s: float = 120.0
    gate_m: float = 1_500.0


class World:
    """The true aircraft and how they answer (immutable)."""

    def __init__(
        self, scenario: Scenario, trajectories: tuple[Trajectory, ...], config: WorldConfig | None = None
    ) -> None:
        self._scenario = scenario
        self._aircraft = {a.id: a for a in scenario.aircraft}
        self._trajectories = {t.aircraft_id: t for t in trajectories}
        self._config = config or WorldConfig()

    def holders(
        self, tracks: Sequence[TrackState], t_s: float, previous: Mapping[str, str | None] | None = None
    ) -> dict[str, str | None]:
        """The true aircraft each track holds at `t_s`: the nearest aircraft in the air within its gate
        (3 sigma + `gate_m`), since only aircraft in the air make plots; an aircraft on the ground only
        when none in the air is within the gate (the track of an aircraft that has just landed). None:
        no aircraft within the gate. A coasting track receives no plots, so it cannot change aircraft:
        it keeps its holder from `previous` (the last step's answer) when it had one, however wide its
        gate has grown (else a track lost over a landed smuggler would pass to a civil aircraft flying
        by). Every aircraft's position is computed once for all tracks."""
        where = positions_at(list(self._trajectories.values()), t_s) if tracks else {}
        grounded = {a for a in where if bool(self._trajectories[a].on_ground_at(t_s)[0])}
        out: dict[str, str | None] = {}
        for track in tracks:
            kept = (previous or {}).get(track.track_id)
            if track.status is TrackStatus.COASTING and kept is not None:
                out[track.track_id] = kept
                continue
            gate_m = 3 * math.sqrt(max(track.P[0, 0], track.P[2, 2])) + self._config.gate_m
            near = {a: math.hypot(e - track.east_m, n - track.north_m) for a, (e, n) in where.items()}
            near = {a: d for a, d in near.items() if d <= gate_m}
            flying = {a: d for a, d in near.items() if a not in grounded}
            pool = flying or near
            out[track.track_id] = min(pool, key=lambda a: (pool[a], a)) if pool else None
        return out

    def answer(
        self, procedure: Procedure, aircraft_id: str | None, earlier: Sequence[Procedure] = ()
    ) -> tuple[Observation, ...]:
        """The world's answers to one procedure, stamped with the time they arrive (`earlier`: the
        procedures already carried out on this aircraft)."""
        if aircraft_id is None:
            return ()
        a = self._aircraft[aircraft_id]
        cfg, t, tid = self._config, procedure.t_s, procedure.track_id
        if isinstance(procedure, QueryFlightPlans):
            return tuple(
                FlightPlanAnswer(
                    t + cfg.query_delay_s,
                    tid,
                    unit,
                    tuple(p for p in self._scenario.flight_plans if unit in p.held_by and p.filed_s <= t),
                    t,
                )
                for unit in procedure.units
                if any(u.id == unit for u in self._scenario.atc_units)
            )
        if isinstance(procedure, QueryAtcContact):
            return tuple(
                AtcContactAnswer(
                    t + cfg.query_delay_s,
                    tid,
                    unit,
                    unit in a.radio.in_contact_with,
                    self._callsign(a) if unit in a.radio.in_contact_with else None,
                    t,
                )
                for unit in procedure.units
                if any(u.id == unit for u in self._scenario.atc_units)
            )
        if isinstance(procedure, QueryRegistry):
            return self._registry(procedure)
        if isinstance(procedure, RequestIdent):
            return self._ident(procedure)
        if isinstance(procedure, RadioCall):
            intercepted = any(isinstance(p, InterceptSignal) and p.series != RELEASE_SERIES for p in earlier)
            return self._radio(a, procedure, intercepted)
        if isinstance(procedure, VisualId):
            return (VisualIdReport(t + cfg.visual_delay_s, tid, a.registration, a.aircraft_type, a.floats, t),)
        if isinstance(procedure, InterceptSignal):
            reply = {
                "comply": InterceptReply.ROCKS_WINGS_FOLLOWS,
                "cannot_comply": InterceptReply.SERIES_5_CANNOT_COMPLY,
                "distress": InterceptReply.SERIES_6_DISTRESS,
            }.get(a.on_intercept)
            return (
                ()
                if reply is None
                else (InterceptResponse(t + cfg.intercept_delay_s, tid, procedure.series, reply, t),)
            )
        if isinstance(procedure, InstructLand):
            return (LandingResponse(t + cfg.land_delay_s, tid, procedure.aerodrome, a.on_intercept == "comply", t),)
        return ()

    def _registry(self, q: QueryRegistry) -> tuple[Observation, ...]:
        """The registry authority's answer from its own register (none when the scenario names no authority)."""
        held = self._scenario.registry_authority
        if held is None:
            return ()
        key = norm_mark(q.registration)
        entry = next((e for e in held if norm_mark(e.registration) == key), None)
        return (RegistryAnswer(q.t_s + self._config.registry_delay_s, q.track_id, q.registration, entry, q.t_s),)

    def _ident(self, q: RequestIdent) -> tuple[Observation, ...]:
        """The unit asks the aircraft of its plan `q.callsign` to identify: the aircraft that filed it (by
        call sign or registration), when it is in contact with the unit, reports where it is (on the
        ground where it is parked before departure or after landing: a delayed or finished flight);
        else the unit reports it could not reach it. A unit that holds no such plan does not answer."""
        plan = next((p for p in self._scenario.flight_plans if p.callsign == q.callsign and q.unit in p.held_by), None)
        if plan is None or not any(u.id == q.unit for u in self._scenario.atc_units):
            return ()
        names = {norm_mark(x) for x in (plan.callsign, plan.registration) if x}
        filer = next(
            (
                a
                for a in self._scenario.aircraft
                if {norm_mark(x) for x in (a.callsign, a.registration) if x} & names
                and q.unit in a.radio.in_contact_with
            ),
            None,
        )
        position = None
        if filer is not None:
            tr = self._trajectories[filer.id]
            at_s = min(max(q.t_s, tr.t_start_s), tr.t_end_s)
            lat, lon, _ = (float(v) for v in tr.geodetic_at([at_s])[0])
            position = GeoPoint(lat=lat, lon=lon)
        return (IdentReport(q.t_s + self._config.query_delay_s, q.track_id, q.unit, q.callsign, position, q.t_s),)

    def _callsign(self, a: AircraftSpec) -> str | None:
        if a.callsign is not None:
            return a.callsign
        plan = next(
            (p for p in self._scenario.flight_plans if a.registration and p.registration == a.registration), None
        )
        return plan.callsign if plan else a.registration

    def _radio(self, a: AircraftSpec, call: RadioCall, intercepted: bool) -> tuple[Observation, ...]:
        trajectory = self._trajectories[a.id]
        if trajectory.state_at(call.t_s) is None or not a.radio.replies:
            return ()
        if not any(same_frequency(f, call.frequency_mhz) for f in a.radio.monitors_mhz):
            return ()
        if call.language != a.radio.language:
            phrase = Phrase.REPEAT
        elif a.on_intercept == "distress":
            phrase = Phrase.MAYDAY
        elif intercepted and a.on_intercept in ("comply", "cannot_comply"):
            phrase = Phrase.WILCO if a.on_intercept == "comply" else Phrase.CAN_NOT
        else:
            phrase = Phrase.CALL_SIGN
        return (
            RadioReply(
                call.t_s + self._config.radio_delay_s,
                call.track_id,
                call.frequency_mhz,
                call.language,
                phrase,
                self._callsign(a),
                call.t_s,
            ),
        )
