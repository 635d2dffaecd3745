"""Civil-safety checks SC-01 ... SC-19 (docs: domain catalogue), each a small pure function.

Every check returns a `CheckResult` with a verdict PASS, FAIL or UNKNOWN, one sentence for the
operator, the requirement it comes from, and what would resolve it, both as text and as structured
`Action`s that an operator can carry out. UNKNOWN means the evidence is missing, and blocks exactly
like FAIL (fail safe). Which checks each rung needs is the ladder's business (ladder.py).

SC-13 (rule-set pinning) is enforced when the engine starts (rules.check_pinned raises); the check
here records the pinned hash in every gate. SC-16 (ceiling) is enforced by the ladder's types; its
result here records that the requested rung is a ladder rung. SC-19 (every ATS unit asked again
within a short window) gates the rungs that send people after an aircraft. A FAIL lists its `facts`;
written resolutions act on facts, never on UNKNOWN (resolutions.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from interdict.contract.observations import InterceptReply, Phrase, RadioReply
from interdict.contract.picture import Picture
from interdict.engine.evidence import DISTRESS_KINDS, Evidence
from interdict.engine.rules import RuleSet, rules_sha256
from interdict.engine.tracking.track import TrackStatus

__all__ = ["Verdict", "Action", "CheckResult", "CheckContext", "CHECKS", "run_checks"]


class Verdict(str, Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True, slots=True)
class Action:
    """A procedure that would resolve a block: `action` in the scenario-format vocabulary, with keys."""

    action: str
    params: Mapping[str, object] = field(default_factory=dict)

    def key(self) -> str:
        return self.action + ":" + ",".join(f"{k}={v}" for k, v in sorted(self.params.items()))


@dataclass(frozen=True, slots=True)
class CheckResult:
    check_id: str
    verdict: Verdict
    reason: str
    requirement: str
    resolve_hint: str = ""
    actions: tuple[Action, ...] = ()
    t_s: float = 0.0
    facts: tuple[str, ...] = ()  # FAIL only: the blocking facts, each a stable key for written resolutions

    @property
    def blocks(self) -> bool:
        return self.verdict is not Verdict.PASS


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the checks may use besides a track's evidence (no truth)."""

    picture: Picture
    rules: RuleSet
    t_s: float
    audited: bool
    neighbours_m: Mapping[str, float]  # distance from this track to each other confirmed track
    time_to_exit_s: float | None  # when the track is predicted to leave radar cover, if it will


def _r(
    check_id: str,
    verdict: Verdict,
    reason: str,
    requirement: str,
    ctx: CheckContext,
    hint: str = "",
    actions: tuple[Action, ...] = (),
    facts: tuple[str, ...] = (),
) -> CheckResult:
    return CheckResult(check_id, verdict, reason, requirement, hint, actions, ctx.t_s, facts)


def _units(ctx: CheckContext) -> tuple[str, ...]:
    return tuple(sorted(u.id for u in ctx.picture.atc_units))


def sc01_flight_plan_query(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F1: "no plan found" counts only when every ATS unit was queried recently enough."""
    req = "SC-01; F1; Chicago Convention Art. 3 bis (b)"
    if ev.matching_plans:
        plans = ", ".join(f"{c} held by {u}" for c, u in ev.matching_plans)
        return _r(
            "SC-01",
            Verdict.FAIL,
            f"a filed flight plan matches this track ({plans})",
            req,
            ctx,
            "hand the case to the ATS unit holding the plan; resolve only in writing (SC-01 and SC-10)",
            facts=tuple(c.fact for c in ev.indicators if c.kind == "flight_plan"),
        )
    stale = [u for u in _units(ctx) if ctx.t_s - ev.plan_queries.get(u, -math.inf) > ctx.rules.query_max_age_s]
    if stale:
        return _r(
            "SC-01",
            Verdict.UNKNOWN,
            f"not every ATS unit has been asked for flight plans recently "
            f"(missing or older than {ctx.rules.query_max_age_s:.0f} s: {', '.join(stale)})",
            req,
            ctx,
            f"query {', '.join(stale)} for flight plans",
            (Action("query_flight_plans", {"units": stale}),),
        )
    return _r("SC-01", Verdict.PASS, f"no plan matches; all {len(_units(ctx))} ATS units queried", req, ctx)


def sc02_atc_contact(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F2, F8: no ATS unit reports two-way contact; every unit asked."""
    req = "SC-02; F2; F8"
    if ev.atc_contact:
        who = ", ".join(f"{u} ({c or 'callsign unknown'})" for u, c in ev.atc_contact)
        freqs = {u.id: u.frequencies_mhz for u in ctx.picture.atc_units}
        calls = [
            Action("radio_call", {"frequency_mhz": f, "language": "es"})
            for u, _ in ev.atc_contact
            for f in freqs.get(u, ())
        ]
        on = (
            ", ".join(f"{f:g} MHz ({u})" for u, _ in ev.atc_contact for f in freqs.get(u, ()))
            or "its frequency (the unit is not in the picture)"
        )
        return _r(
            "SC-02",
            Verdict.FAIL,
            f"an ATS unit is in two-way contact with the aircraft: {who}",
            req,
            ctx,
            f"hand the case to that ATS unit; call on {on}",
            tuple(calls),
            tuple(c.fact for c in ev.indicators if c.kind == "atc_contact"),
        )
    stale = [u for u in _units(ctx) if ctx.t_s - ev.atc_queries.get(u, -math.inf) > ctx.rules.query_max_age_s]
    if stale:
        return _r(
            "SC-02",
            Verdict.UNKNOWN,
            f"not every ATS unit has been asked whether it is in contact ({', '.join(stale)})",
            req,
            ctx,
            f"ask {', '.join(stale)} whether they are in contact",
            (Action("query_atc_contact", {"units": stale}),),
        )
    return _r("SC-02", Verdict.PASS, "no ATS unit is in contact with the aircraft", req, ctx)


def _required_frequencies(ctx: CheckContext) -> list[float]:
    freqs = {ctx.rules.guard_frequency_mhz}
    for unit in ctx.picture.atc_units:
        freqs.update(unit.frequencies_mhz)
    return sorted(freqs)


def sc03_radio_attempts(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F2, F3: calls on 121.5 MHz and every ATS frequency, enough times, spaced, in two languages."""
    req = "SC-03; F2; F3; Annex 2 App. 2"
    rules = ctx.rules
    missing: list[Action] = []
    notes = []
    incomplete: set[float] = set()
    for f in _required_frequencies(ctx):
        for lang in rules.radio_languages:
            alts = (lang, *rules.radio_alternative_languages) if lang != "es" else (lang,)
            times = sorted(c.t_s for c in ev.radio_calls if abs(c.frequency_mhz - f) < 0.005 and c.language in alts)
            spaced = _spaced_count(times, rules.radio_min_spacing_s)
            if spaced < rules.radio_attempts_per_frequency:
                notes.append(f"{f:g} MHz {lang} {spaced}/{rules.radio_attempts_per_frequency}")
                incomplete.add(f)
                if not times or ctx.t_s - times[-1] >= rules.radio_min_spacing_s:
                    missing.append(Action("radio_call", {"frequency_mhz": f, "language": lang}))
    if notes:
        units = {f: u.id for u in ctx.picture.atc_units for f in u.frequencies_mhz}
        hint = "call on " + ", ".join(
            f"{f:g} MHz" + (f" ({units[f]})" if f in units else " (guard)") for f in sorted(incomplete)
        )
        return _r(
            "SC-03",
            Verdict.UNKNOWN,
            "radio attempts incomplete: " + "; ".join(notes),
            req,
            ctx,
            hint + f", in {' and '.join(rules.radio_languages)}, {rules.radio_attempts_per_frequency} times "
            f"at least {rules.radio_min_spacing_s:.0f} s apart",
            tuple(missing),
        )
    return _r(
        "SC-03",
        Verdict.PASS,
        f"calls made on {len(_required_frequencies(ctx))} frequencies in {' and '.join(rules.radio_languages)}",
        req,
        ctx,
    )


def _spaced_count(times: list[float], spacing_s: float) -> int:
    count, last = 0, -math.inf
    for t in times:
        if t - last >= spacing_s:
            count, last = count + 1, t
    return count


def sc04_structured_replies(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F3: replies are ICAO phrase codes; a REPEAT or AM_LOST with no clear reply after it on that
    frequency leaves the exchange unconfirmed (a repeat in another language can clear it)."""
    req = "SC-04; F3; Annex 2 phrase table"
    if not ev.radio_calls:
        return _r("SC-04", Verdict.UNKNOWN, "no radio exchange yet", req, ctx, "make the radio calls (SC-03)")
    last: dict[float, RadioReply] = {}
    for reply in sorted(ev.radio_replies, key=lambda r: r.t_s):
        last[reply.frequency_mhz] = reply
    unclear = [r for r in last.values() if r.phrase in (Phrase.REPEAT, Phrase.AM_LOST)]
    if unclear:
        r = unclear[-1]
        tried = {c.language for c in ev.radio_calls if abs(c.frequency_mhz - r.frequency_mhz) < 0.005}
        languages = (*ctx.rules.radio_languages, *ctx.rules.radio_alternative_languages)
        other = next((lang for lang in languages if lang not in tried), None)
        if other is None:
            return _r(
                "SC-04",
                Verdict.UNKNOWN,
                f"reply {r.phrase.value} on {r.frequency_mhz:g} MHz in every language of the rule set: "
                "no common language",
                req,
                ctx,
                "identify visually (SC-05); the exchange cannot be confirmed by radio",
            )
        return _r(
            "SC-04",
            Verdict.UNKNOWN,
            f"reply {r.phrase.value} on {r.frequency_mhz:g} MHz: the instruction was not understood",
            req,
            ctx,
            f"repeat in {other} with standard phrases",
            (Action("radio_call", {"frequency_mhz": r.frequency_mhz, "language": other}),),
        )
    return _r("SC-04", Verdict.PASS, f"{len(ev.radio_replies)} structured replies, none left unclear", req, ctx)


def sc05_registration(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F4: registration read by visual identification and delivered here, checked against the register."""
    req = "SC-05; F4"
    if ev.visual is None:
        return _r(
            "SC-05",
            Verdict.UNKNOWN,
            "no visual identification report has reached the decision",
            req,
            ctx,
            "send an aircraft to shadow it and read the registration",
            (Action("visual_id"),),
        )
    if ev.visual.registration is None:
        return _r("SC-05", Verdict.PASS, "visual identification delivered: no registration marks visible", req, ctx)
    where = f"in the register ({ev.registry_entry.operator})" if ev.registry_entry else "not in the civil register"
    return _r("SC-05", Verdict.PASS, f"registration {ev.visual.registration} read and delivered; {where}", req, ctx)


def sc06_intercept_acknowledged(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F5: Series 1 given and acknowledged, or its response window timed out."""
    req = "SC-06; F5; Annex 2 App. 2 series 1"
    if not ev.intercepts:
        return _r(
            "SC-06",
            Verdict.UNKNOWN,
            "interception signals (series 1) not given",
            req,
            ctx,
            "give series 1: rock wings, you are intercepted, follow me",
            (Action("intercept_signal", {"series": 1}),),
        )
    cannot = [r for r in ev.intercept_responses if r.reply is InterceptReply.SERIES_5_CANNOT_COMPLY]
    cannot_radio = [r for r in ev.radio_replies if r.phrase is Phrase.CAN_NOT]
    if cannot or cannot_radio:
        what = (
            "series 5 (lights on and off: cannot comply)"
            if cannot
            else f"CAN_NOT on {cannot_radio[-1].frequency_mhz:g} MHz"
        )
        return _r(
            "SC-06",
            Verdict.FAIL,
            f"the aircraft answered {what}; interception instructions stop",
            req,
            ctx,
            "guide it: ask what it can do and assist it to a suitable aerodrome; do not repeat the instruction",
        )
    first = min(i.t_s for i in ev.intercepts)
    if ev.intercept_responses:
        return _r("SC-06", Verdict.PASS, f"series 1 answered: {ev.intercept_responses[-1].reply.value}", req, ctx)
    waited = ctx.t_s - first
    if waited >= ctx.rules.intercept_response_window_s:
        return _r("SC-06", Verdict.PASS, f"series 1 given {waited:.0f} s ago with no response (timed out)", req, ctx)
    return _r(
        "SC-06",
        Verdict.UNKNOWN,
        f"series 1 given {waited:.0f} s ago; waiting {ctx.rules.intercept_response_window_s:.0f} s for the response",
        req,
        ctx,
        "wait for the response window",
    )


def sc07_response_windows(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F6: the minimum wait after the last radio call has passed before anything is built on silence."""
    req = "SC-07; F6"
    if not ev.radio_calls:
        return _r(
            "SC-07",
            Verdict.UNKNOWN,
            "no radio call made yet, so no response window has run",
            req,
            ctx,
            "make the radio calls (SC-03)",
        )
    waited = ctx.t_s - max(c.t_s for c in ev.radio_calls)
    if waited < ctx.rules.radio_response_window_s:
        return _r(
            "SC-07",
            Verdict.UNKNOWN,
            f"last call {waited:.0f} s ago; the response window is {ctx.rules.radio_response_window_s:.0f} s",
            req,
            ctx,
            "wait for the response window",
        )
    return _r("SC-07", Verdict.PASS, f"response window elapsed ({waited:.0f} s since the last call)", req, ctx)


def sc08_escape_risk(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F7: escape risk never compresses steps; with too little time left, continue tracking and hand off."""
    req = "SC-08; F7"
    if ctx.time_to_exit_s is not None and ctx.time_to_exit_s < ctx.rules.min_time_to_exit_s:
        return _r(
            "SC-08",
            Verdict.FAIL,
            f"predicted to leave radar cover in {ctx.time_to_exit_s:.0f} s, before the "
            "procedures can be completed; steps are never compressed",
            req,
            ctx,
            "continue tracking and hand off to the next sensor",
        )
    return _r("SC-08", Verdict.PASS, "enough time in cover to complete the procedures", req, ctx)


def sc09_profile(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F8: weighted innocent indicators; at or above the threshold they block and demand re-identification."""
    req = "SC-09; F8"
    b = ev.behaviour
    if b.innocence >= ctx.rules.innocence_threshold:
        return _r(
            "SC-09",
            Verdict.FAIL,
            f"innocent profile (score {b.innocence:.1f}): {', '.join(b.flags)}",
            req,
            ctx,
            "re-identify: query ATS units and the operator; a named authority may resolve in writing",
            facts=tuple(f"profile: {flag}" for flag in b.flags),
        )
    return _r(
        "SC-09",
        Verdict.PASS,
        f"profile score {b.innocence:.1f} below {ctx.rules.innocence_threshold:.1f}"
        + (f" ({', '.join(b.flags)})" if b.flags else ""),
        req,
        ctx,
    )


_SUPERSEDE_ACTIONS: Mapping[str, Callable[[str], Action]] = {
    "plans": lambda unit: Action("query_flight_plans", {"units": [unit]}),
    "atc": lambda unit: Action("query_atc_contact", {"units": [unit]}),
    "radio": lambda freq: Action("radio_call", {"frequency_mhz": float(freq), "language": "es"}),
    "visual": lambda _: Action("visual_id"),
}


def sc10_civil_indicators(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F8: a civil indicator (plan, squawk, ATC contact, call sign, register, compliance, registered
    route) blocks every rung above VISUAL_ID until resolved in writing; so does one that may belong to
    another aircraft after an ambiguity (quarantined), until fresh evidence from its source replaces it."""
    req = "SC-10; F8; DESIGN civil-indicator rule"
    own, quarantined = ev.civil_indicators, tuple(q for q in ev.quarantined if q.kind not in DISTRESS_KINDS)
    if not own and not quarantined:
        return _r("SC-10", Verdict.PASS, "no civil indicator found", req, ctx)
    parts = [c.detail for c in own] + [f"{q.detail} (quarantined: gathered on {q.track_id})" for q in quarantined]
    actions: dict[str, Action] = {}
    for q in quarantined:
        kind, _, arg = q.source.partition(":")
        if kind in _SUPERSEDE_ACTIONS:
            action = _SUPERSEDE_ACTIONS[kind](arg)
            actions.setdefault(action.key(), action)
    hint = "treat as civil traffic; only named authorities may resolve this in writing"
    if quarantined:
        hint += "; ask the sources of the quarantined evidence again for this aircraft"
    return _r(
        "SC-10",
        Verdict.FAIL,
        "civil indicator: " + "; ".join(parts),
        req,
        ctx,
        hint,
        tuple(actions.values()),
        tuple(c.fact for c in (*own, *quarantined)),
    )


def sc11_distress(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """Series 6, MAYDAY, squawk 7700/7600/7500 or a medevac registration force de-escalation."""
    req = "SC-11; Annex 2 series 6; §6"
    reasons = [c.detail + (f" (quarantined: gathered on {c.track_id})" if c.quarantined else "") for c in ev.distress]
    if reasons:
        return _r(
            "SC-11",
            Verdict.FAIL,
            "distress or medevac: " + "; ".join(reasons),
            req,
            ctx,
            "de-escalate: assist and guide to the nearest suitable aerodrome",
        )
    return _r("SC-11", Verdict.PASS, "no distress or medevac indication", req, ctx)


def sc12_dissent(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F9: any participant's dissent is a hard block until a named authority resolves it in writing."""
    req = "SC-12; F9"
    if ev.dissents:
        return _r(
            "SC-12",
            Verdict.FAIL,
            "; ".join(f"dissent by {d.by}: {d.why}" for d in ev.dissents),
            req,
            ctx,
            "a named authority must resolve the dissent in writing",
            facts=tuple(f"dissent by {d.by} at t = {d.t_s:.0f} s: {d.why}" for d in ev.dissents),
        )
    return _r("SC-12", Verdict.PASS, "no open dissent", req, ctx)


def sc13_rules_pinned(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F10: the rule set in force is the pinned baseline (the engine refuses to start otherwise)."""
    from interdict.engine.rules import PINNED_SHA256

    digest = rules_sha256(ctx.rules)
    if digest != PINNED_SHA256:
        return _r(
            "SC-13",
            Verdict.FAIL,
            f"rule set {digest[:12]} is not the pinned baseline",
            "SC-13; F10",
            ctx,
            "restore the signed rule set",
        )
    return _r("SC-13", Verdict.PASS, f"rule set {digest[:12]} is the pinned baseline", "SC-13; F10", ctx)


def sc14_raw_evidence(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F4, F11: the decision holds the raw evidence (track history and the query and radio logs)."""
    req = "SC-14; F4; F11"
    missing = []
    if ev.track.n_updates < ctx.rules.track_min_updates:
        missing.append("track history")
    if not ev.plan_queries or not ev.atc_queries:
        missing.append("ATS query log")
    if not ev.radio_calls:
        missing.append("radio log")
    if missing:
        return _r(
            "SC-14",
            Verdict.UNKNOWN,
            "raw evidence missing at the decision: " + ", ".join(missing),
            req,
            ctx,
            "complete the identification and radio procedures",
        )
    return _r("SC-14", Verdict.PASS, "track history, ATS query log and radio log are at the decision", req, ctx)


def sc15_track_quality(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """Identification can be attributed to a confirmed, well-estimated, unambiguous track only."""
    req = "SC-15; domain §5"
    tr, rules = ev.track, ctx.rules
    sigma = math.sqrt(max(tr.P[0, 0], tr.P[2, 2]))
    coast_s = ctx.t_s - tr.last_update_t_s
    if tr.status is TrackStatus.COASTING and coast_s > rules.track_max_coast_s:
        return _r(
            "SC-15", Verdict.UNKNOWN, f"track coasting for {coast_s:.0f} s without a plot", req, ctx, "keep tracking"
        )
    if tr.status not in (TrackStatus.CONFIRMED, TrackStatus.COASTING):
        return _r("SC-15", Verdict.UNKNOWN, f"track is {tr.status.value}, not confirmed", req, ctx, "keep tracking")
    if tr.n_updates < rules.track_min_updates or sigma > rules.track_max_position_sigma_m:
        return _r(
            "SC-15",
            Verdict.UNKNOWN,
            f"track quality too low ({tr.n_updates} updates, position sigma {sigma:.0f} m)",
            req,
            ctx,
            "keep tracking",
        )
    close = sorted((d, k) for k, d in ctx.neighbours_m.items() if d < rules.track_min_separation_m)
    if close:
        return _r(
            "SC-15",
            Verdict.FAIL,
            f"track {close[0][1]} is {close[0][0]:.0f} m away: association ambiguous, "
            "identification could go to the wrong aircraft",
            req,
            ctx,
            "wait until the tracks separate",
        )
    return _r(
        "SC-15",
        Verdict.PASS,
        f"confirmed, {tr.n_updates} updates, sigma {sigma:.0f} m, no track within {rules.track_min_separation_m:.0f} m",
        req,
        ctx,
    )


def sc16_ceiling(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """Art. 3 bis (a): nothing beyond instruct-to-land or a ground cue exists (enforced by the ladder's types)."""
    return _r(
        "SC-16", Verdict.PASS, "the ladder ends at INTERCEPT_INSTRUCT and GROUND_CUE", "SC-16; Art. 3 bis (a)", ctx
    )


def sc17_ground_cue(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F8, §4.3: cue only a clandestine strip, with its prediction confidence stated."""
    req = "SC-17; F8; §4.3"
    d = ev.destination
    if d is None or d.top is None:
        return _r("SC-17", Verdict.UNKNOWN, "no predicted landing strip", req, ctx, "keep tracking for a destination")
    kind = {s.id: s.kind for s in ctx.picture.strips}.get(d.top)
    if kind != "clandestine":
        return _r(
            "SC-17",
            Verdict.FAIL,
            f"predicted strip {d.top} is a {kind} strip, never cued",
            req,
            ctx,
            "no ground cue at registered, mission, community or river strips",
        )
    if d.top_p < ctx.rules.ground_cue_min_probability:
        return _r(
            "SC-17",
            Verdict.UNKNOWN,
            f"{d.top} predicted with p = {d.top_p:.2f}, below {ctx.rules.ground_cue_min_probability:.2f}",
            req,
            ctx,
            "keep tracking until the prediction firms up",
        )
    return _r(
        "SC-17",
        Verdict.PASS,
        f"{d.top} (clandestine) predicted with p = {d.top_p:.2f}, ETA t = {d.candidates[0].eta_s:.0f} s",
        req,
        ctx,
        actions=(Action("cue_ground", {"strip": d.top}),),
    )


def sc18_audit(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """Every check outcome is logged in the tamper-evident audit log."""
    if not ctx.audited:
        return _r(
            "SC-18", Verdict.FAIL, "no audit log is being written", "SC-18; IG findings", ctx, "run with an audit log"
        )
    return _r("SC-18", Verdict.PASS, "audit log attached", "SC-18; IG findings", ctx)


def sc19_fresh_ats_answers(ev: Evidence, ctx: CheckContext) -> CheckResult:
    """F1, F2: before people are sent after an aircraft, every ATS unit is asked again, after the visual
    identification was delivered and within a short window (plans are filed late; contact can begin
    at any time)."""
    req = "SC-19; F1; F2"
    window = ctx.rules.escalation_query_window_s
    if ev.visual is None:
        return _r(
            "SC-19",
            Verdict.UNKNOWN,
            "the ATS units are asked again once the visual identification has been delivered",
            req,
            ctx,
            "complete the visual identification (SC-05), then ask every ATS unit again",
        )
    since = max(ev.visual.t_s, ctx.t_s - window)
    stale = {
        what: [u for u in _units(ctx) if ev.asked.get(f"{what}:{u}", -math.inf) < since] for what in ("plans", "atc")
    }
    if stale["plans"] or stale["atc"]:
        names = {"plans": "plans", "atc": "contact"}
        missing = "; ".join(f"{names[k]}: {', '.join(v)}" for k, v in stale.items() if v)
        actions = tuple(
            Action(name, {"units": stale[k]})
            for k, name in (("plans", "query_flight_plans"), ("atc", "query_atc_contact"))
            if stale[k]
        )
        return _r(
            "SC-19",
            Verdict.UNKNOWN,
            f"not every ATS unit has been asked since the visual identification (t = {ev.visual.t_s:.0f} s) "
            f"and in the last {window:.0f} s ({missing})",
            req,
            ctx,
            "ask every ATS unit again for plans and contact",
            actions,
        )
    return _r("SC-19", Verdict.PASS, "every ATS unit was asked again after the visual identification", req, ctx)


CHECKS: Mapping[str, Callable[[Evidence, CheckContext], CheckResult]] = {
    "SC-01": sc01_flight_plan_query,
    "SC-02": sc02_atc_contact,
    "SC-03": sc03_radio_attempts,
    "SC-04": sc04_structured_replies,
    "SC-05": sc05_registration,
    "SC-06": sc06_intercept_acknowledged,
    "SC-07": sc07_response_windows,
    "SC-08": sc08_escape_risk,
    "SC-09": sc09_profile,
    "SC-10": sc10_civil_indicators,
    "SC-11": sc11_distress,
    "SC-12": sc12_dissent,
    "SC-13": sc13_rules_pinned,
    "SC-14": sc14_raw_evidence,
    "SC-15": sc15_track_quality,
    "SC-16": sc16_ceiling,
    "SC-17": sc17_ground_cue,
    "SC-18": sc18_audit,
    "SC-19": sc19_fresh_ats_answers,
}


def run_checks(ev: Evidence, ctx: CheckContext) -> tuple[CheckResult, ...]:
    """Every check of the catalogue for one track (before written resolutions: resolutions.py)."""
    return tuple(check(ev, ctx) for check in CHECKS.values())
