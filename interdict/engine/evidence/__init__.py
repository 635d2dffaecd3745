"""Identification: turn a track, the picture and the observations about it into evidence.

Evidence items carry their source, time and track id. Behavioural features (cruise band, daylight,
a steady course, origin and destination kinds) are WEIGHTS summed into an innocence score, never
triggers. Civil indicators (DESIGN.md) are listed explicitly; once seen they are held (hysteresis:
an orbit or a turn does not make a plan stop matching) until resolved in writing (resolutions.py):
  flight_plan      a plan returned by an ATS unit that correlates with the track in space and time
  squawk           the track carries a Mode A code (7500/7600/7700 also mean hijack/radio failure/distress)
  atc_contact      an ATS unit reports two-way contact
  call_sign        the pilot gave a call sign by radio (looked up in the register and the returned plans)
  registry         a read registration is in the register as a civil aircraft (`CATEGORY_TREATMENT`)
  state_aircraft   a read registration is in the register as a state aircraft (police, military, customs,
                   government): never intercepted or cued, never resolved in writing
  complied         the aircraft complied: WILCO, rocked wings and followed, or landed as instructed
  registered_route origin and predicted destination are both registered aerodromes
Distress indicators (`distress`: MAYDAY, HIJACK, series 6, squawk 7500/7600/7700; `medevac`) feed SC-11.
Flight-plan correlation is a space-time gate, not a callsign match: the track must lie within the
rule set's corridor about the great circle from departure to destination (the wider of a fixed
width and a fraction of the route's length, since routes follow rivers and valleys) and be in the
plan's time window (off-block time to off-block plus the route flown at a fraction of the type's
cruise speed, with a margin; twice that for a steady course back along the route, and up to
`plan_delay_max_s` later for a delayed departure: `correlation.PlanFit`). A round trip (departure =
destination) matches local work within a radius for a duration (all in the pinned rule set). Which
aircraft a plan belongs to, when more than one fits it, its unit settles (`ownership`).
"""

from interdict.engine.evidence.behaviour import sun_elevation_deg
from interdict.engine.evidence.correlation import PlanFit, plan_correlates, plan_fit
from interdict.engine.evidence.gather import gather_evidence
from interdict.engine.evidence.items import (
    DISTRESS_KINDS,
    EMERGENCY_SQUAWKS,
    GAP_KINDS,
    NOT_CIVIL_KINDS,
    PROFILE_KINDS,
    Behaviour,
    CivilIndicator,
    Evidence,
    EvidenceItem,
)

__all__ = [
    "EvidenceItem",
    "CivilIndicator",
    "Behaviour",
    "Evidence",
    "gather_evidence",
    "PlanFit",
    "plan_correlates",
    "plan_fit",
    "sun_elevation_deg",
    "EMERGENCY_SQUAWKS",
    "DISTRESS_KINDS",
    "GAP_KINDS",
    "PROFILE_KINDS",
    "NOT_CIVIL_KINDS",
]
