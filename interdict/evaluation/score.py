"""The scorer: the only engine-side reader of truth. An independent referee of what the engine
recommended and what the operator was allowed to do, against who was really flying.

Report (JSON):
  {"aircraft": {"<id>": {"role", "registration", "tracks": [...], "max_rung",
                         "ground_cue": {"strip", "strips", "t_s", "lead_s", "correct", "by", "team",
                                        "team_arrival_s", "actionable", "landed_at"} | null,
                         "cues": [{...as ground_cue}, ...],
                         "intercepted": bool, "instructed_to_land": bool, "released": bool,
                         "met_on_arrival": aerodrome | null, "grounds": [name, ...],
                         "civil_indicator_discoverable": bool}},
   "totals": {"wrongful_escalations", "civil_cued", "civil_intercepted", "civil_instructed_to_land",
              "state_cued", "state_intercepted", "state_instructed_to_land",
              "refused_operator_actions", "smugglers_cued", "smugglers_cued_before_landing",
              "released", "met_on_arrival", "sent_without_grounds"}}
A wrongful escalation is ANY aircraft that is not a smuggler (role civil or state: police, military,
customs, government) that was recommended above VISUAL_ID, or cued, intercepted or instructed to
land by a recommendation or by an operator action the engine allowed; the scorer does not ask
whether the engine could have known (that is what it judges). `civil_*` and `state_*` count the two
roles apart; `wrongful_escalations` counts both. Intercepted means signals that direct the aircraft
(series 1 or 3); the release (series 2, "you may proceed") and police meeting it on arrival at a
registered aerodrome are counted apart (`released`, `met_on_arrival`), not as harm. `grounds` names
the grounds for suspicion the engine stated when it climbed onto a rung that sends people
(INTERCEPT_INSTRUCT, GROUND_CUE) for that aircraft; `sent_without_grounds` counts such climbs, on any
track, that stated none (principle 3: it must be zero).
`civil_indicator_discoverable` is defined here from the world alone, not with the engine's code.
A cue is correct only for a smuggler that lands at the cued strip (within `CUE_RADIUS_M`) after the
cue, or, for a cue to a cluster (`strips`, with a staging point), at any strip of the cluster
(`landed_at` names it); `lead_s` is that touchdown minus the cue time. `ground_cue` is an aircraft's first cue, `cues`
every one in time order (a cue moved to another strip is a new cue: each counts for precision). A
correct cue is `actionable` when the team it named could be on the strip (its readiness, then the
geodesic from its base at cruise speed; for a cluster, on through the staging point to the strip the
aircraft really landed on; a team put on stand-by before the cue lifts off sooner, `engine.teams`)
before the aircraft really left it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from interdict.contract.observations import same_frequency
from interdict.contract.picture import Picture
from interdict.contract.procedures import (
    RELEASE_SERIES,
    AlertTeam,
    CueGround,
    InstructLand,
    InterceptSignal,
    MeetOnArrival,
)
from interdict.contract.specs import GeoPoint
from interdict.engine.judge import Judgement
from interdict.engine.ladder import SENDS_PEOPLE, Recommendation, Rung
from interdict.engine.teams import arrival_s
from interdict.scenario.document import AircraftSpec, Scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.trajectories import Trajectory

__all__ = [
    "ScoredStep",
    "score_replay",
    "civil_indicator_discoverable",
    "wrongful",
    "CUE_RADIUS_M",
    "TOTALS",
    "HARM",
    "VIOLATIONS",
]

CUE_RADIUS_M = 1_000.0
TOTALS = (
    "wrongful_escalations",
    "civil_cued",
    "civil_intercepted",
    "civil_instructed_to_land",
    "state_cued",
    "state_intercepted",
    "state_instructed_to_land",
    "refused_operator_actions",
    "smugglers_cued",
    "smugglers_cued_before_landing",
    "released",
    "met_on_arrival",
    "sent_without_grounds",
)
HARM = TOTALS[:7]  # harm to an aircraft that is not a smuggler (civil or state): must be zero
VIOLATIONS = (*HARM, "sent_without_grounds")  # every total that must be zero


@dataclass(frozen=True, slots=True)
class ScoredStep:
    """One replay step as the scorer sees it: which aircraft each track held, the recommendations,
    and the operator's procedures as judged."""

    t_s: float
    holder: Mapping[str, str | None]  # track id -> aircraft id
    recommendations: tuple[Recommendation, ...]
    judgements: tuple[Judgement, ...] = ()


def civil_indicator_discoverable(a: AircraftSpec, scenario: Scenario) -> bool:
    """Could identification have found a civil indicator? From the world alone."""
    names = {x for x in (a.registration, a.callsign) if x}
    plan = any(p.callsign in names or (p.registration and p.registration in names) for p in scenario.flight_plans)
    contact = bool(a.radio.in_contact_with)
    squawk = a.transponder != "off"
    registry = a.registration is not None and any(r.registration == a.registration for r in scenario.registry)
    heard = {121.5, 243.0} | {f for u in scenario.atc_units for f in u.frequencies_mhz}
    answers = a.radio.replies and any(same_frequency(f, g) for f in a.radio.monitors_mhz for g in heard)
    complies = a.on_intercept in ("comply", "distress")
    return plan or contact or squawk or registry or answers or complies


def _on_strip_s(
    trajectory: Trajectory, strip_position_en: tuple[float, float], after_s: float
) -> tuple[float, float] | None:
    """(touchdown, departure): the first stay after `after_s` on the ground within CUE_RADIUS_M of the
    strip, to 5 s (departure: the end of the trajectory when it never leaves)."""
    ts = np.arange(max(after_s, trajectory.t_start_s), trajectory.t_end_s + 1.0, 5.0)
    if len(ts) == 0:
        return None
    ground = trajectory.on_ground_at(ts)
    pos = trajectory.positions_enu_at(ts)
    near = np.hypot(pos[:, 0] - strip_position_en[0], pos[:, 1] - strip_position_en[1]) <= CUE_RADIUS_M
    on = ground & near
    hit = np.flatnonzero(on)
    if not len(hit):
        return None
    left = np.flatnonzero(~on[hit[0] :])
    return float(ts[hit[0]]), float(ts[hit[0] + left[0]] if len(left) else trajectory.t_end_s)


@dataclass(frozen=True, slots=True)
class _Cue:
    """A cue as sent: to `strip`, or to the cluster `strips` through a staging point (lat, lon)."""

    strip: str | None
    t_s: float
    by: str
    team: str | None
    strips: tuple[str, ...] = ()
    staging: GeoPoint | None = None


@dataclass(frozen=True, slots=True)
class _History:
    """What happened to one true aircraft over a replay, as the engine and the operator acted."""

    tracks: tuple[str, ...]
    max_rung: Rung | None
    cues: tuple[_Cue, ...]
    intercepted: bool
    instructed: bool
    released: bool
    met_at: str | None
    grounds: frozenset[str]


def score_replay(
    scenario: Scenario,
    trajectories: Sequence[Trajectory],
    steps: Sequence[ScoredStep],
    strip_en: Mapping[str, tuple[float, float]],
) -> dict[str, object]:
    """Per aircraft: its tracks, highest rung, ground cue (and whether it came before a landing at
    that strip), interception and instruction to land; totals, wrongful escalations first."""
    by_id = {t.aircraft_id: t for t in trajectories}
    out: dict[str, dict[str, object]] = {}
    totals = dict.fromkeys(TOTALS, 0)
    totals["refused_operator_actions"] = sum(not j.allowed for step in steps for j in step.judgements)
    totals["sent_without_grounds"] = sum(_sends(r) and not r.grounds for step in steps for r in step.recommendations)
    picture = picture_of(scenario)  # where the police teams and the strips are
    alerted = _stand_by(steps)
    for a in scenario.aircraft:
        h = _history(a.id, steps)
        cues = [_ground_cue(picture, a, c, by_id[a.id], strip_en, alerted) for c in h.cues]
        entry: dict[str, object] = {
            "role": a.role,
            "registration": a.registration,
            "tracks": list(h.tracks),
            "max_rung": h.max_rung.value if h.max_rung else None,
            "ground_cue": cues[0] if cues else None,
            "cues": cues,
            "intercepted": h.intercepted,
            "instructed_to_land": h.instructed,
            "released": h.released,
            "met_on_arrival": h.met_at,
            "grounds": sorted(h.grounds),
            "civil_indicator_discoverable": civil_indicator_discoverable(a, scenario),
        }
        _count(totals, entry)
        out[a.id] = entry
    return {"aircraft": out, "totals": totals}


def wrongful(entry: Mapping[str, object]) -> bool:
    """Whether a report's aircraft entry is a wrongful escalation: an aircraft that is not a smuggler
    (civil or state) recommended above VISUAL_ID, or cued, intercepted or instructed to land."""
    rung = entry["max_rung"]
    above = isinstance(rung, str) and Rung(rung).level > Rung.VISUAL_ID.level
    harmed = above or entry["ground_cue"] is not None or bool(entry["intercepted"] or entry["instructed_to_land"])
    return entry["role"] != "smuggler" and harmed


def _history(aircraft_id: str, steps: Sequence[ScoredStep]) -> _History:
    tracks: list[str] = []
    max_rung = None
    cues: list[_Cue] = []
    intercepted = instructed = released = False
    met_at: str | None = None
    grounds: set[str] = set()
    for step in steps:
        for rec in step.recommendations:
            if step.holder.get(rec.track_id) != aircraft_id:
                continue
            if rec.track_id not in tracks:
                tracks.append(rec.track_id)
            if max_rung is None or rec.rung.level > max_rung.level:
                max_rung = rec.rung
            if _sends(rec):
                grounds.update(rec.grounds)
            if rec.rung is Rung.GROUND_CUE:
                cue = next((p.params for p in rec.procedures if p.action == "cue_ground"), {})
                _add_cue(cues, _cue_of(cue, step.t_s))
        for j in step.judgements:
            if not j.allowed or step.holder.get(j.procedure.track_id) != aircraft_id:
                continue
            p = j.procedure
            intercepted |= isinstance(p, InterceptSignal) and p.series != RELEASE_SERIES
            released |= isinstance(p, InterceptSignal) and p.series == RELEASE_SERIES
            instructed |= isinstance(p, InstructLand)
            if isinstance(p, MeetOnArrival) and met_at is None:
                met_at = p.aerodrome
            if isinstance(p, CueGround):
                _add_cue(cues, _Cue(p.strip, step.t_s, "operator", None))
    return _History(tuple(tracks), max_rung, tuple(cues), intercepted, instructed, released, met_at, frozenset(grounds))


def _stand_by(steps: Sequence[ScoredStep]) -> dict[str, float]:
    """Police team -> when it was first put on stand-by (an allowed `alert_team` carried out, on any track)."""
    out: dict[str, float] = {}
    for step in steps:
        for j in step.judgements:
            if j.allowed and isinstance(j.procedure, AlertTeam):
                out.setdefault(j.procedure.team, j.procedure.t_s)
    return out


def _sends(rec: Recommendation) -> bool:
    """Whether a recommendation climbs onto a rung that sends people."""
    return rec.allowed and rec.rung in SENDS_PEOPLE and rec.rung is not rec.previous_rung


def _cue_of(params: Mapping[str, object], t_s: float) -> _Cue:
    """The cue a recommendation's `cue_ground` names (a cluster's when it lists `strips`)."""
    strip, team, strips = params.get("strip"), params.get("team"), params.get("strips")
    lat, lon = params.get("staging_lat"), params.get("staging_lon")
    staging = GeoPoint(lat=float(lat), lon=float(lon)) if isinstance(lat, float) and isinstance(lon, float) else None
    group = tuple(str(s) for s in strips) if isinstance(strips, list | tuple) else ()
    return _Cue(str(strip) if strip else None, t_s, "recommendation", str(team) if team else None, group, staging)


def _add_cue(cues: list[_Cue], cue: _Cue) -> None:
    """A cue to another strip (or cluster) than the last one cued is a new cue (the first counts even
    without a strip)."""
    if not cues or (cue.strip is not None and (cue.strip, cue.strips) != (cues[-1].strip, cues[-1].strips)):
        cues.append(cue)


def _ground_cue(
    picture: Picture,
    a: AircraftSpec,
    cue: _Cue,
    trajectory: Trajectory,
    strip_en: Mapping[str, tuple[float, float]],
    alerted: Mapping[str, float],
) -> dict[str, object]:
    """The cue judged against the aircraft's real landings: where and when it landed among the cued
    strips, and whether the named team could have been there before it left (sooner when it was on
    stand-by before the cue)."""
    cued = cue.strips or ((cue.strip,) if cue.strip is not None else ())
    stays = {s: _on_strip_s(trajectory, strip_en[s], cue.t_s) for s in cued if s in strip_en}
    landed_on = {s: stay for s, stay in stays.items() if stay is not None}
    landed = min(landed_on, key=lambda s: landed_on[s][0], default=None)
    stay = landed_on.get(landed) if landed is not None else None
    arrival = None
    if cue.team is not None and landed is not None:
        arrival = arrival_s(picture, cue.team, landed, cue.t_s, via=cue.staging, alerted_s=alerted.get(cue.team))
    correct = a.role == "smuggler" and stay is not None
    return {
        "strip": cue.strip,
        "strips": list(cue.strips),
        "landed_at": landed,
        "t_s": cue.t_s,
        "by": cue.by,
        "lead_s": None if stay is None else stay[0] - cue.t_s,
        "correct": correct,
        "team": cue.team,
        "team_arrival_s": arrival,
        "actionable": correct and stay is not None and arrival is not None and arrival <= stay[1],
    }


def _count(totals: dict[str, int], entry: Mapping[str, object]) -> None:
    cue = entry["ground_cue"]
    if isinstance(cue, dict) and entry["role"] == "smuggler":
        totals["smugglers_cued"] += 1
        totals["smugglers_cued_before_landing"] += bool(cue["correct"])
    role = entry["role"]
    if role in ("civil", "state"):
        totals[f"{role}_cued"] += cue is not None
        totals[f"{role}_intercepted"] += bool(entry["intercepted"])
        totals[f"{role}_instructed_to_land"] += bool(entry["instructed_to_land"])
    totals["wrongful_escalations"] += wrongful(entry)
    totals["released"] += bool(entry["released"])
    totals["met_on_arrival"] += entry["met_on_arrival"] is not None
