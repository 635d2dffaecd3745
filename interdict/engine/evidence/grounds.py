"""Grounds for suspicion: named, evidenced findings that say "this aircraft may be smuggling", the
other half of identification (civil indicators are the first). A rung that sends people after an
aircraft (INTERCEPT_INSTRUCT, GROUND_CUE) needs at least one (SC-23): the absence of civil indicators
is never a ground, which was the reasoning of 2001.

Each ground comes from evidence the engine holds, never from a list of what was not found:
  no_marks                  the shadowing crew saw no registration marks
  type_contradicts_register the marks read are registered to another type than the one seen (a cloned registration)
  foreign_marks_no_plan     foreign civil marks (another nationality mark, `civil_form`) and no plan matches
  not_registered            the registry authority, asked, has no record of the marks read
  call_sign_contradicted    a call sign given by radio that the marks seen contradict (none, or others)
  emergency_contradicted    an emergency squawk (now or earlier) on an aircraft without marks or heading firmly to a
                            clandestine strip
  transponder_off           it squawked a code earlier, and the secondary radar now gets no reply from it
  clandestine_origin        it took off from a clandestine strip
  clandestine_destination   it landed, or is predicted firmly to land, at a clandestine strip
Marks of the picture's nationality that the register snapshot lacks are a question for the registry
authority (the snapshot may be stale: `query_registry`), not a ground until it answers.

Identity is established (`established`) when the marks read are in the register, for the type seen, and
no ground for suspicion stands: the interception has done its job (Annex 2 App. 2 §1.1 b), SC-24.

Some civil grounds are contradicted by what is seen, and then no longer block (`contradicted`): a call
sign in registration form that the marks contradict; a matching plan that names other marks or another
type than those seen (`contradicted_plans`: another aircraft's plan along the same corridor); an
emergency squawk on an aircraft without marks or heading firmly to a clandestine strip; an innocent
profile, once a STRONG ground exists; a squawk since switched off, once a STRONG ground exists (a
transponder can fail, so switching it off alone does not undo the code it showed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from interdict.contract.observations import RegistryAnswer
from interdict.contract.picture import Picture
from interdict.core.text import civil_form, norm_mark
from interdict.engine.evidence.items import EMERGENCY_SQUAWKS, CivilIndicator, Evidence
from interdict.engine.rules import RuleSet

__all__ = [
    "Ground",
    "STRONG",
    "suspicion_grounds",
    "contradicted",
    "contradicted_call_signs",
    "contradicted_plans",
    "squawks_shown",
    "national",
    "established",
    "unregistered",
    "registry_question",
]

# Grounds that contradict an innocent profile (weights of ordinary traffic, never evidence of identity):
# a civil aircraft carries its marks (Chicago Convention Art. 20) on its own type, between real strips.
STRONG = frozenset(
    {"no_marks", "type_contradicts_register", "not_registered", "clandestine_origin", "clandestine_destination"}
)


@dataclass(frozen=True, slots=True)
class Ground:
    """One ground for suspicion: a stable name, and what was seen, in words."""

    name: str
    detail: str


def national(picture: Picture, mark: str) -> bool:
    """Whether `mark` carries the picture's nationality mark (OB for Peru)."""
    return norm_mark(mark).startswith(norm_mark(picture.nationality_mark))


def _looks_like_registration(callsign: str) -> bool:
    """OB1777, CP2890, N123AB: a call sign in a registration's form (`civil_form`, at least four
    characters); a company call sign (MISION7) is not."""
    c = norm_mark(callsign)
    return len(c) >= 4 and civil_form(c)


def contradicted_call_signs(ev: Evidence) -> tuple[str, ...]:
    """Call signs given by radio that look like a registration and that the marks seen contradict."""
    if ev.visual is None:
        return ()
    seen = norm_mark(ev.visual.registration) if ev.visual.registration else None
    return tuple(
        sorted(
            {
                c.callsign
                for c in ev.indicators
                if c.kind == "call_sign"
                and c.callsign
                and _looks_like_registration(c.callsign)
                and norm_mark(c.callsign) != seen
            }
        )
    )


def _clandestine_end(ev: Evidence, picture: Picture, rules: RuleSet, landed_at: Mapping[str, float]) -> str | None:
    kinds = picture.strip_kinds
    for strip, p in sorted(landed_at.items()):
        if kinds.get(strip) == "clandestine" and p >= rules.ground_cue_min_probability:
            return f"inferred to have landed at the clandestine strip {strip} (p = {p:.2f})"
    d = ev.destination
    if (
        d is not None
        and d.top is not None
        and kinds.get(d.top) == "clandestine"
        and d.firm_since_s is not None
        and ev.t_s - d.firm_since_s >= rules.ground_cue_firm_s
    ):
        return f"predicted firmly to land at the clandestine strip {d.top} (p = {d.top_p:.2f})"
    return None


def suspicion_grounds(
    ev: Evidence, picture: Picture, rules: RuleSet, landed_at: Mapping[str, float]
) -> tuple[Ground, ...]:
    """Every ground for suspicion the evidence holds now (see the module docstring)."""
    out: list[Ground] = []
    v, entry = ev.visual, ev.registry_entry
    if v is not None and v.registration is None:
        out.append(Ground("no_marks", f"no registration marks visible (visual identification at t = {v.t_s:.0f} s)"))
    if v is not None and v.registration is not None:
        if entry is not None and v.aircraft_type is not None and v.aircraft_type != entry.aircraft_type:
            out.append(
                Ground(
                    "type_contradicts_register",
                    f"marks {v.registration} are registered to a {entry.aircraft_type}, a {v.aircraft_type} was "
                    "seen: a cloned registration",
                )
            )
        if (
            entry is None
            and not national(picture, v.registration)
            and civil_form(v.registration)
            and not ev.matching_plans
        ):
            out.append(Ground("foreign_marks_no_plan", f"foreign marks {v.registration} and no flight plan matches"))
        unknown = unregistered(ev)
        if entry is None and unknown is not None:
            out.append(
                Ground(
                    "not_registered",
                    f"the registry authority has no record of {v.registration} (answer at t = {unknown.t_s:.0f} s)",
                )
            )
    for callsign in contradicted_call_signs(ev):
        seen = f"marks {v.registration}" if v is not None and v.registration else "no marks"
        out.append(Ground("call_sign_contradicted", f"gave call sign {callsign} by radio; {seen} seen"))
    end = _clandestine_end(ev, picture, rules, landed_at)
    codes = squawks_shown(ev)
    emergency = [c for c in codes if c in EMERGENCY_SQUAWKS]
    if emergency and ((v is not None and v.registration is None) or end is not None):
        what = ", ".join(f"{c} ({EMERGENCY_SQUAWKS[c]})" for c in emergency)
        out.append(Ground("emergency_contradicted", f"squawk {what} contradicted"))
    if codes and ev.track.mode_a is None:
        out.append(
            Ground(
                "transponder_off",
                f"squawked {', '.join(codes)} earlier; the secondary radar gets no reply from it now",
            )
        )
    if ev.behaviour.origin_kind == "clandestine":
        out.append(Ground("clandestine_origin", "took off from a clandestine strip"))
    if end is not None:
        out.append(Ground("clandestine_destination", end))
    return tuple(out)


def squawks_shown(ev: Evidence) -> tuple[str, ...]:
    """The Mode A codes this aircraft has shown: now, and held from earlier scans."""
    held = {c.source.partition(":")[2] for c in ev.indicators if c.kind == "squawk" and c.source.startswith("squawk:")}
    return tuple(sorted(held | ({ev.track.mode_a} if ev.track.mode_a else set())))


def contradicted_plans(ev: Evidence, picture: Picture) -> frozenset[tuple[str, str]]:
    """(unit, call sign) of matching plans that the shadowing crew's reading contradicts: the plan names
    marks other than those seen (or none were seen), or another type than the one seen. A plan flown
    along the same corridor by another aircraft is no civil ground for this one."""
    v = ev.visual
    if v is None:
        return frozenset()
    seen = norm_mark(v.registration) if v.registration else None
    out = set()
    for callsign, unit in ev.matching_plans:
        for plan in picture.flight_plans:
            if plan.callsign != callsign or unit not in plan.held_by:
                continue
            marks_off = plan.registration is not None and norm_mark(plan.registration) != seen
            type_off = v.aircraft_type is not None and plan.aircraft_type != v.aircraft_type
            if marks_off or type_off:
                out.add((unit, callsign))
    return frozenset(out)


def contradicted(ev: Evidence, grounds: tuple[Ground, ...], picture: Picture) -> frozenset[str]:
    """Facts of this aircraft's civil grounds that the grounds for suspicion, or what was seen, contradict
    (see the module)."""
    names = {g.name for g in grounds}
    calls = set(contradicted_call_signs(ev))
    plans = contradicted_plans(ev, picture)

    def off(c: CivilIndicator) -> bool:
        if c.kind == "call_sign":
            return c.callsign in calls
        if c.kind == "flight_plan":
            return (c.unit, c.callsign) in plans
        if c.kind in ("squawk", "distress") and c.source.startswith("squawk:"):
            switched_off = "transponder_off" in names and bool(names & STRONG)
            return "emergency_contradicted" in names or switched_off
        return c.kind == "innocent_profile" and bool(names & STRONG)

    return frozenset(c.fact for c in (*ev.indicators, *ev.quarantined) if off(c))


def unregistered(ev: Evidence) -> RegistryAnswer | None:
    """The registry authority's answer that it has no record of the marks read, if it gave one."""
    v = ev.visual
    if v is None or v.registration is None:
        return None
    key = norm_mark(v.registration)
    return next((a for a in ev.registry_answers if a.entry is None and norm_mark(a.registration) == key), None)


def registry_question(ev: Evidence, picture: Picture) -> str | None:
    """National marks read that the register snapshot lacks and the registry authority was not yet asked
    about (or has not answered): the marks to ask about."""
    v = ev.visual
    if v is None or v.registration is None or ev.registry_entry is not None or not national(picture, v.registration):
        return None
    key = norm_mark(v.registration)
    return None if any(norm_mark(a.registration) == key for a in ev.registry_answers) else v.registration


def established(ev: Evidence, grounds: tuple[Ground, ...]) -> str | None:
    """Who the aircraft is, in words, when its identity is established: the marks read by the shadowing
    crew are in the register, the register's type is the type seen, and no ground for suspicion stands.
    None otherwise (marks not read, not registered, type not seen or another, or a ground)."""
    v, entry = ev.visual, ev.registry_entry
    if grounds or v is None or v.registration is None or entry is None or v.aircraft_type is None:
        return None
    if v.aircraft_type != entry.aircraft_type or (v.floats is not None and v.floats != entry.floats):
        return None
    return (
        f"{v.registration}, a {entry.aircraft_type} of {entry.operator} ({entry.category}), read at "
        f"t = {v.t_s:.0f} s: in the register for the type seen"
    )
