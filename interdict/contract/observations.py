"""Observations: the operator's procedures as records, and the answers that come back.

This is the contract between the simulated world and the engine: nothing here carries truth (the
procedures themselves and their vocabulary are in `procedures.py`).
Every answer carries `asked_t_s`, the time of the procedure it answers: evidence asked for before
an ambiguity (tracks close, a swap, a re-formed track) can belong to either aircraft and is
quarantined (identity.py). Radio replies are structured ICAO phrase codes (Annex 2 App. 2 /
ENR 1.12 phrase table), never free text (F3, SC-04). Times are seconds after the scenario start; frequencies in MHz.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from interdict.contract.procedures import (
    AlertTeam,
    CueGround,
    Dissent,
    InstructLand,
    InterceptSignal,
    MeetOnArrival,
    Procedure,
    QueryAtcContact,
    QueryFlightPlans,
    QueryRegistry,
    RadioCall,
    RecallGround,
    RequestIdent,
    RequestRung,
    Resolve,
    VisualId,
)
from interdict.contract.specs import FlightPlanSpec, GeoPoint, RegistryEntry

__all__ = [
    "same_frequency",
    "Phrase",
    "InterceptReply",
    "FlightPlanAnswer",
    "AtcContactAnswer",
    "RegistryAnswer",
    "IdentReport",
    "RadioReply",
    "VisualIdReport",
    "InterceptResponse",
    "LandingResponse",
    "Observation",
    "OPERATOR_RECORDS",
    "asked_at",
]


class Phrase(str, Enum):
    """Replies of an intercepted aircraft (ICAO phrases), or no reply."""

    CALL_SIGN = "CALL_SIGN"
    WILCO = "WILCO"
    CAN_NOT = "CAN_NOT"
    REPEAT = "REPEAT"
    AM_LOST = "AM_LOST"
    MAYDAY = "MAYDAY"
    HIJACK = "HIJACK"
    LAND = "LAND"
    DESCEND = "DESCEND"


class InterceptReply(str, Enum):
    """Responses to interception signals (Annex 2 App. 2, series 1-6)."""

    ROCKS_WINGS_FOLLOWS = "ROCKS_WINGS_FOLLOWS"  # understood, will comply
    SERIES_5_CANNOT_COMPLY = "SERIES_5_CANNOT_COMPLY"  # lights on and off at regular intervals
    SERIES_6_DISTRESS = "SERIES_6_DISTRESS"  # lights on and off at irregular intervals


@dataclass(frozen=True, slots=True)
class FlightPlanAnswer:
    """The plans a unit holds at `t_s` (all of them: the engine correlates)."""

    t_s: float
    track_id: str
    unit_id: str
    plans: tuple[FlightPlanSpec, ...]
    asked_t_s: float | None = None  # when the procedure answered here was carried out (None: unknown)


@dataclass(frozen=True, slots=True)
class AtcContactAnswer:
    t_s: float
    track_id: str
    unit_id: str
    in_contact: bool
    callsign: str | None
    asked_t_s: float | None = None  # when the procedure answered here was carried out (None: unknown)


@dataclass(frozen=True, slots=True)
class RadioReply:
    t_s: float
    track_id: str
    frequency_mhz: float
    language: str
    phrase: Phrase
    callsign: str | None
    asked_t_s: float | None = None  # when the procedure answered here was carried out (None: unknown)


@dataclass(frozen=True, slots=True)
class VisualIdReport:
    """What the shadowing crew read: registration (None: no marks visible), type, floats."""

    t_s: float
    track_id: str
    registration: str | None
    aircraft_type: str | None
    floats: bool | None
    asked_t_s: float | None = None  # when the procedure answered here was carried out (None: unknown)


@dataclass(frozen=True, slots=True)
class RegistryAnswer:
    """The registry authority's answer about `registration`: its entry, or None (no such aircraft registered)."""

    t_s: float
    track_id: str
    registration: str
    entry: RegistryEntry | None
    asked_t_s: float | None = None  # when the procedure answered here was carried out (None: unknown)


@dataclass(frozen=True, slots=True)
class IdentReport:
    """`unit`'s answer to a request that plan `callsign`'s aircraft identify: where it reported itself
    (WGS84), or None when the unit could not reach it."""

    t_s: float
    track_id: str
    unit: str
    callsign: str
    position: GeoPoint | None
    asked_t_s: float | None = None  # when the procedure answered here was carried out (None: unknown)


@dataclass(frozen=True, slots=True)
class InterceptResponse:
    t_s: float
    track_id: str
    series: int
    reply: InterceptReply
    asked_t_s: float | None = None  # when the procedure answered here was carried out (None: unknown)


@dataclass(frozen=True, slots=True)
class LandingResponse:
    t_s: float
    track_id: str
    aerodrome: str
    complied: bool
    asked_t_s: float | None = None  # when the procedure answered here was carried out (None: unknown)


Observation = (
    FlightPlanAnswer
    | AtcContactAnswer
    | RegistryAnswer
    | IdentReport
    | RadioReply
    | VisualIdReport
    | InterceptResponse
    | LandingResponse
    | Procedure
)


# The operator's own records pass through to the engine as observations of what was done.
OPERATOR_RECORDS = (
    QueryFlightPlans,
    QueryAtcContact,
    QueryRegistry,
    RequestIdent,
    RadioCall,
    VisualId,
    InterceptSignal,
    InstructLand,
    CueGround,
    AlertTeam,
    MeetOnArrival,
    RecallGround,
    RequestRung,
    Dissent,
    Resolve,
)


def asked_at(o: Observation) -> float:
    """When the evidence in `o` was asked for: a procedure's own time, an answer's `asked_t_s`
    (minus infinity when unknown: fail safe, such an answer counts as gathered before any ambiguity)."""
    if isinstance(o, OPERATOR_RECORDS):
        return o.t_s
    return -math.inf if o.asked_t_s is None else o.asked_t_s


def same_frequency(a_mhz: float, b_mhz: float) -> bool:
    """Two frequencies are the same channel when they agree to 5 kHz (the engine, the responder and
    the scorer use this one rule)."""
    return abs(a_mhz - b_mhz) < 0.005
