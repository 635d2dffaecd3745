"""Procedures: what the operator does to a track, one vocabulary for the whole project.

A procedure's name (`ProcedureName`) is what the scenario format's `operator.script[].action`, the
engine's recommended `Action`s and the ladder's allowed actions say; its keys are the fields of its
dataclass after `t_s` and `track_id`, which are also the keys the scenario format takes for it.
Times are seconds after the scenario start; frequencies in MHz.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Literal, get_args

__all__ = [
    "ProcedureName",
    "PROCEDURE_NAMES",
    "PROCEDURES",
    "keys_of",
    "name_of",
    "params_of",
    "procedure_of",
    "QueryFlightPlans",
    "QueryAtcContact",
    "QueryRegistry",
    "RequestIdent",
    "RadioCall",
    "VisualId",
    "InterceptSignal",
    "INTERCEPTOR_SERIES",
    "RELEASE_SERIES",
    "InstructLand",
    "CueGround",
    "AlertTeam",
    "MeetOnArrival",
    "RecallGround",
    "RequestRung",
    "Dissent",
    "Resolve",
    "Procedure",
]


@dataclass(frozen=True, slots=True)
class QueryFlightPlans:
    t_s: float
    track_id: str
    units: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QueryAtcContact:
    t_s: float
    track_id: str
    units: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QueryRegistry:
    """Ask the registry authority about marks read that the register snapshot lacks (it may be stale)."""

    t_s: float
    track_id: str
    registration: str


@dataclass(frozen=True, slots=True)
class RequestIdent:
    """Ask `unit`, which holds plan `callsign`, to have that plan's aircraft identify (squawk IDENT and
    report its position): whose plan it is settles by where that aircraft is."""

    t_s: float
    track_id: str
    unit: str
    callsign: str


@dataclass(frozen=True, slots=True)
class RadioCall:
    t_s: float
    track_id: str
    frequency_mhz: float
    language: str


@dataclass(frozen=True, slots=True)
class VisualId:
    t_s: float
    track_id: str


# Annex 2 App. 2 signals by the intercepting aircraft: series 1 "you have been intercepted, follow me",
# series 2 "you may proceed" (the release), series 3 "land at this aerodrome". Series 4-6 are the
# intercepted aircraft's ("aerodrome inadequate", "cannot comply", "in distress"), never given to it.
INTERCEPTOR_SERIES = frozenset({1, 2, 3})
RELEASE_SERIES = 2


@dataclass(frozen=True, slots=True)
class InterceptSignal:
    t_s: float
    track_id: str
    series: int


@dataclass(frozen=True, slots=True)
class InstructLand:
    t_s: float
    track_id: str
    aerodrome: str


@dataclass(frozen=True, slots=True)
class CueGround:
    t_s: float
    track_id: str
    strip: str


@dataclass(frozen=True, slots=True)
class AlertTeam:
    """Put police team `team` on stand-by for a landing at `strip`: its crew goes to the helicopter, so
    that a cue that follows lifts it off sooner (`PoliceTeamSpec.standby_s`). Sends no one."""

    t_s: float
    track_id: str
    team: str
    strip: str


@dataclass(frozen=True, slots=True)
class MeetOnArrival:
    """Police meet the aircraft on the ground at the registered aerodrome it is heading for: the ground
    branch's measure for an aircraft whose identity is established or who is bound for a real aerodrome
    (no one is put at risk in the air, nothing is asked of the crew)."""

    t_s: float
    track_id: str
    aerodrome: str


@dataclass(frozen=True, slots=True)
class RecallGround:
    """Recall the ground team sent to `strip` (the cue was withdrawn or moved)."""

    t_s: float
    track_id: str
    strip: str


@dataclass(frozen=True, slots=True)
class RequestRung:
    t_s: float
    track_id: str
    rung: str


@dataclass(frozen=True, slots=True)
class Dissent:
    t_s: float
    track_id: str
    by: str
    why: str


@dataclass(frozen=True, slots=True)
class Resolve:
    """A named authority's written resolution of a block (a check id such as "SC-10")."""

    t_s: float
    track_id: str
    block: str
    how: str
    by: str


Procedure = (
    QueryFlightPlans
    | QueryAtcContact
    | QueryRegistry
    | RequestIdent
    | RadioCall
    | VisualId
    | InterceptSignal
    | InstructLand
    | CueGround
    | AlertTeam
    | MeetOnArrival
    | RecallGround
    | RequestRung
    | Dissent
    | Resolve
)

ProcedureName = Literal[
    "query_flight_plans",
    "query_atc_contact",
    "query_registry",
    "request_ident",
    "radio_call",
    "visual_id",
    "intercept_signal",
    "instruct_land",
    "cue_ground",
    "alert_team",
    "meet_on_arrival",
    "recall_ground",
    "request_rung",
    "dissent",
    "resolve",
]
PROCEDURE_NAMES: tuple[ProcedureName, ...] = get_args(ProcedureName)

PROCEDURES: Mapping[ProcedureName, type[Procedure]] = MappingProxyType(
    {
        "query_flight_plans": QueryFlightPlans,
        "query_atc_contact": QueryAtcContact,
        "query_registry": QueryRegistry,
        "request_ident": RequestIdent,
        "radio_call": RadioCall,
        "visual_id": VisualId,
        "intercept_signal": InterceptSignal,
        "instruct_land": InstructLand,
        "cue_ground": CueGround,
        "alert_team": AlertTeam,
        "meet_on_arrival": MeetOnArrival,
        "recall_ground": RecallGround,
        "request_rung": RequestRung,
        "dissent": Dissent,
        "resolve": Resolve,
    }
)
_NAMES: Mapping[type[Procedure], ProcedureName] = {cls: name for name, cls in PROCEDURES.items()}


@functools.cache
def keys_of(name: ProcedureName) -> tuple[str, ...]:
    """The keys a procedure takes besides its time and track (the scenario format's keys for it)."""
    return tuple(f.name for f in fields(PROCEDURES[name]) if f.name not in ("t_s", "track_id"))


def name_of(procedure: Procedure) -> ProcedureName:
    return _NAMES[type(procedure)]


def params_of(procedure: Procedure) -> dict[str, object]:
    """A procedure's keys besides its time and track, with their values (procedure_of's `params`)."""
    return {k: getattr(procedure, k) for k in keys_of(name_of(procedure))}


def procedure_of(name: ProcedureName, track_id: str, t_s: float, params: Mapping[str, object]) -> Procedure:
    """The procedure `name` on a track at `t_s`, its keys from `params` (lists become tuples)."""
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items() if k in keys_of(name)}
    return PROCEDURES[name](t_s=t_s, track_id=track_id, **values)  # type: ignore[arg-type]
