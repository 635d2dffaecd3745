"""The picture's ATS coverage as it matters to one aircraft (SC-22): which unit covers the airspace,
and which serve the strips it may have left or be heading for.

The picture states its coverage (`atc_units[].area`, `atc_units[].serves`, `strips[].unattended`);
nothing here assumes it. A registered aerodrome or a mission strip has someone on the radio who may
hold the aircraft's plan or be talking to it (2001: Iquitos tower held the floatplane's plan and was
in contact with it, and was asked by nobody). When the picture names no such unit for a strip this
aircraft may use, or no unit for the airspace, that is a gap: held once found (an aircraft that was
heading there may still be), never a civil indicator to be signed away, and it keeps SC-22 UNKNOWN.
"""

from __future__ import annotations

from interdict.contract.picture import Picture
from interdict.engine.destinations import DestinationEstimate, StripEvent
from interdict.engine.evidence.items import CivilIndicator
from interdict.engine.rules import RuleSet

__all__ = ["NEEDS_UNIT", "unserved_strips", "coverage_gaps"]

NEEDS_UNIT = frozenset({"registered", "mission"})  # strip kinds that have an ATS unit or a radio desk


def unserved_strips(picture: Picture) -> frozenset[str]:
    """Registered and mission strips of the picture that no unit serves and that are not stated unattended."""
    served = {sid for u in picture.atc_units for sid in u.serves}
    return frozenset(s.id for s in picture.strips if s.kind in NEEDS_UNIT and not s.unattended and s.id not in served)


def coverage_gaps(
    picture: Picture,
    rules: RuleSet,
    origin: StripEvent | None,
    destination: DestinationEstimate | None,
    t_s: float,
    track_id: str,
) -> list[CivilIndicator]:
    """The gaps that matter to this aircraft now: no area unit; an unserved strip it took off from, or
    one among its predicted destinations at `coverage_min_probability` or more."""
    out = []
    if not any(u.area for u in picture.atc_units):
        text = "no ATS unit in the picture covers the airspace (no unit is marked `area`)"
        out.append(CivilIndicator("ats_gap", text, t_s, "picture:airspace", track_id))
    unserved, kinds = unserved_strips(picture), picture.strip_kinds
    places = []
    if origin is not None and origin.strip_id is not None and origin.strip_id in unserved:
        places.append((origin.strip_id, "departure"))
    for c in destination.candidates if destination is not None else ():
        if c.strip_id in unserved and c.p >= rules.coverage_min_probability:
            places.append((c.strip_id, "destination"))
    for sid, role in places:
        text = f"no ATS unit in the picture serves {sid} ({kinds[sid]}), a possible {role} of this aircraft"
        out.append(CivilIndicator("ats_gap", text, t_s, f"picture:{sid}", track_id))
    return out
