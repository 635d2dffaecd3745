"""Checks on who the aircraft is: registration read (SC-05), behaviour (SC-09), civil indicators
(SC-10), distress (SC-11), whether a ground cue is warranted (SC-17), grounds for suspicion (SC-23),
identity established (SC-24)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace

from interdict.contract.procedures import RELEASE_SERIES
from interdict.engine.clusters import staging_point
from interdict.engine.destinations import DestinationEstimate
from interdict.engine.evidence import NOT_CIVIL_KINDS, PROFILE_KINDS, Evidence
from interdict.engine.evidence.grounds import (
    STRONG,
    contradicted,
    established,
    registry_question,
    suspicion_grounds,
)
from interdict.engine.rules import RuleSet
from interdict.engine.safety.base import Action, CheckContext, Finding, Verdict, check
from interdict.engine.teams import Reach, reaches, reaches_cluster

__all__: list[str] = []


@check("SC-05", "SC-05; F4")
def sc05_registration(ev: Evidence, ctx: CheckContext) -> Finding:
    """F4: registration read by visual identification and delivered here, checked against the register."""

    if ev.visual is None:
        return Finding(
            Verdict.UNKNOWN,
            "no visual identification report has reached the decision",
            "send an aircraft to shadow it and read the registration",
            (Action("visual_id"),),
        )
    if ev.visual.registration is None:
        return Finding(Verdict.PASS, "visual identification delivered: no registration marks visible")
    where = f"in the register ({ev.registry_entry.operator})" if ev.registry_entry else "not in the civil register"
    return Finding(Verdict.PASS, f"registration {ev.visual.registration} read and delivered; {where}")


@check("SC-09", "SC-09; F8")
def sc09_profile(ev: Evidence, ctx: CheckContext) -> Finding:
    """F8: weighted innocent indicators; at or above the threshold they block and demand re-identification,
    and keep blocking once shown (held like a civil indicator) until resolved in writing, or until a
    strong ground for suspicion contradicts them (no marks, a cloned registration, a clandestine strip at
    either end: the profile is weights of ordinary traffic, never evidence of identity)."""

    b, grounds = ev.behaviour, suspicion_grounds(ev, ctx.picture, ctx.rules, ctx.landed_at)
    off = contradicted(ev, grounds, ctx.picture)
    shown = tuple(c for c in ev.held_of(PROFILE_KINDS) if c.fact not in off)
    strong = [g.detail for g in grounds if g.name in STRONG]
    innocent = b.innocence >= ctx.rules.innocence_threshold or bool(ev.held_of(PROFILE_KINDS))
    if strong and innocent:
        return Finding(
            Verdict.PASS,
            f"profile score {b.innocence:.1f}; any innocent profile is contradicted by: {'; '.join(strong)}",
        )
    if not shown and b.innocence >= ctx.rules.innocence_threshold:
        return Finding(
            Verdict.FAIL,
            f"innocent profile (score {b.innocence:.1f}): {', '.join(b.flags)}",
            "re-identify: query ATS units and the operator; named authorities may resolve in writing",
            facts=tuple(f"profile: {flag}" for flag in b.flags),
        )
    if shown:
        now = f"; now score {b.innocence:.1f}" + (f" ({', '.join(b.flags)})" if b.flags else "")
        return Finding(
            Verdict.FAIL,
            "; ".join(c.detail for c in shown) + f", held once shown{now}",
            "re-identify: query ATS units and the operator; named authorities may resolve in writing",
            facts=tuple(c.fact for c in shown),
        )
    return Finding(
        Verdict.PASS,
        f"profile score {b.innocence:.1f} below {ctx.rules.innocence_threshold:.1f}"
        + (f" ({', '.join(b.flags)})" if b.flags else ""),
    )


# What asks a quarantined indicator's source again, from its `source` argument (unit, frequency).
_SUPERSEDE_ACTIONS: Mapping[str, Callable[[str, RuleSet], Action]] = {
    "plans": lambda unit, _: Action("query_flight_plans", {"units": [unit]}),
    "atc": lambda unit, _: Action("query_atc_contact", {"units": [unit]}),
    "radio": lambda freq, rules: Action(
        "radio_call", {"frequency_mhz": float(freq), "language": rules.radio_languages[0]}
    ),
    "visual": lambda _, __: Action("visual_id"),
}


@check("SC-10", "SC-10; F8")
def sc10_civil_indicators(ev: Evidence, ctx: CheckContext) -> Finding:
    """F8: a civil indicator (plan, squawk, ATC contact, call sign, register, compliance, registered
    route) blocks every rung above VISUAL_ID until resolved in writing; so does one that may belong to
    another aircraft after an ambiguity (quarantined), until fresh evidence from its source replaces it."""

    off = contradicted(ev, suspicion_grounds(ev, ctx.picture, ctx.rules, ctx.landed_at), ctx.picture)
    own = tuple(c for c in ev.civil_indicators if c.fact not in off)
    quarantined = tuple(q for q in ev.quarantined if q.kind not in NOT_CIVIL_KINDS and q.fact not in off)
    if not own and not quarantined:
        also = f" ({'; '.join(sorted(off))}: contradicted by what was seen)" if off else ""
        return Finding(Verdict.PASS, "no civil indicator found" + also)
    parts = [c.detail for c in own] + [f"{q.detail} (quarantined: gathered on {q.track_id})" for q in quarantined]
    actions: dict[str, Action] = {}
    for q in quarantined:
        kind, _, arg = q.source.partition(":")
        if kind in _SUPERSEDE_ACTIONS:
            action = _SUPERSEDE_ACTIONS[kind](arg, ctx.rules)
            actions.setdefault(action.key(), action)
    hint = "treat as civil traffic; only named authorities may resolve this in writing"
    if quarantined:
        hint += "; ask the sources of the quarantined evidence again for this aircraft"
    return Finding(
        Verdict.FAIL,
        "civil indicator: " + "; ".join(parts),
        hint,
        tuple(actions.values()),
        tuple(c.fact for c in (*own, *quarantined)),
    )


@check("SC-23", "SC-23; F8; P3")
def sc23_grounds_for_suspicion(ev: Evidence, ctx: CheckContext) -> Finding:
    """F8, P3: a rung that sends people after an aircraft needs a stated ground for suspicion
    (`evidence.grounds`); finding no civil indicator is not one (2001: "nothing civil, so hostile")."""

    grounds = suspicion_grounds(ev, ctx.picture, ctx.rules, ctx.landed_at)
    if grounds:
        names = tuple(g.name for g in grounds)
        return Finding(Verdict.PASS, "grounds for suspicion: " + "; ".join(g.detail for g in grounds), facts=names)
    hint = "identify it visually and ask every ATS unit; no one is sent after an aircraft without a ground"
    marks = registry_question(ev, ctx.picture)
    if marks is None:
        return Finding(
            Verdict.UNKNOWN, "no stated ground for suspicion: the absence of civil indicators is not one", hint
        )
    return Finding(
        Verdict.UNKNOWN,
        f"no stated ground for suspicion: the absence of civil indicators is not one; {marks} is not in the "
        "register snapshot, which may be stale",
        f"ask the registry authority about {marks} (marks the snapshot lacks are a question, not a ground)",
        (Action("query_registry", {"registration": marks}),),
    )


@check("SC-24", "SC-24; P3; Annex 2 App. 2 §1.1 b")
def sc24_identity_established(ev: Evidence, ctx: CheckContext) -> Finding:
    """P3: interception is a means of determining identity (Annex 2 App. 2 §1.1 b); once the marks read
    are in the register for the type seen and no ground for suspicion stands, it has done its job. FAIL
    (never resolved in writing: there is nothing to sign away): the release (series 2) is advised at any
    rung, the aircraft is handed to ATS, and police may meet it on arrival at a registered aerodrome."""

    who = established(ev, suspicion_grounds(ev, ctx.picture, ctx.rules, ctx.landed_at))
    if who is None:
        return Finding(Verdict.PASS, "identity not established (marks, register, type or a ground for suspicion)")
    d = ev.destination
    bound = d.top if d is not None and d.top is not None else None
    meet = (
        f"; police may meet it on arrival at {bound} (meet_on_arrival)"
        if bound is not None and ctx.picture.strip_kinds.get(bound) == "registered"
        else ""
    )
    released = next((i.t_s for i in ev.intercepts if i.series == RELEASE_SERIES), None)
    if released is not None:
        return Finding(
            Verdict.FAIL,
            f"identity established: {who}; released (series 2) at t = {released:.0f} s",
            "hand it to ATS" + meet,
        )
    return Finding(
        Verdict.FAIL,
        f"identity established: {who}; the interception has done its job",
        "release it (series 2: you may proceed) and hand it to ATS" + meet,
        (Action("intercept_signal", {"series": RELEASE_SERIES}),),
    )


@check("SC-11", "SC-11; Annex 2 App. 2 series 6")
def sc11_distress(ev: Evidence, ctx: CheckContext) -> Finding:
    """Series 6, MAYDAY, HIJACK, squawk 7700/7600/7500 or a medevac registration: assist and escort
    (radio calls and shadowing stay open), no interception instructions and no cue. An emergency squawk
    that what is seen contradicts (no marks; a clandestine strip as its firm destination) is a ground
    for suspicion (SC-23), not a freeze: a squawk must not be a smuggler's way through."""

    off = contradicted(ev, suspicion_grounds(ev, ctx.picture, ctx.rules, ctx.landed_at), ctx.picture)
    distress = [c for c in ev.distress if c.fact not in off]
    reasons = [c.detail + (f" (quarantined: gathered on {c.track_id})" if c.quarantined else "") for c in distress]
    if reasons:
        hijack = any("7500" in r or "HIJACK" in r for r in reasons)
        hint = (
            "unlawful interference: inform ATS and the authority, shadow and escort only, no instruction"
            if hijack
            else "assist and escort: shadow it, guide it to the nearest suitable aerodrome"
        )
        return Finding(Verdict.FAIL, "distress or medevac: " + "; ".join(reasons), hint)
    if off & {c.fact for c in ev.distress}:
        return Finding(Verdict.PASS, "the emergency squawk is contradicted by what was seen (a ground, SC-23)")
    return Finding(Verdict.PASS, "no distress or medevac indication")


@check("SC-17", "SC-17; F8; P1")
def sc17_ground_cue(ev: Evidence, ctx: CheckContext) -> Finding:
    """F8, §4.3: cue only a clandestine strip, once its prediction is firm (probability held over
    time, and the aircraft slowing to land: not a decoy overflight at cruise speed; or the track lost
    where it was inferred to land there, at that probability when it was last seen), with a police
    team that can be there before the aircraft is predicted to leave. When no one strip is firm but
    its cluster is (`engine.clusters`: clandestine strips a few kilometres apart, their probabilities
    summed and held the same way), the team is cued to the cluster's staging point, and only if it
    can reach the cluster's farthest strip before the predicted departure. At cruise speed a firm
    prediction is cued only when a cue held back until the aircraft slows would leave no team there in
    time while a cue now would not (`_waiting_loses`). Until the cue is due, a
    clandestine strip (or its cluster) predicted at `standby_min_probability` or more brings the advice
    to put the team that would be there first on stand-by (`alert_team`: it sends no one), unless the
    aircraft's identity is established or it is in distress or a medevac."""

    finding = _ground_cue(ev, ctx)
    return finding if finding.verdict is Verdict.PASS else _with_standby(finding, ev, ctx)


def _with_standby(finding: Finding, ev: Evidence, ctx: CheckContext) -> Finding:
    """`finding` with the advice to put a team on stand-by, when the aircraft is bound for a clandestine
    strip or cluster likely enough and the team that would be there first is not on stand-by yet."""
    d = ev.destination
    strip, p, _ = _bound_for(ev, ctx)
    if strip is None or ctx.picture.strip_kinds.get(strip) != "clandestine" or _stands_down(ev, ctx):
        return finding
    if d is not None and d.cluster and strip in d.cluster:
        p = max(p, d.cluster_p)
    if p < ctx.rules.standby_min_probability:
        return finding
    ready = {t.id: -math.inf for t in ctx.picture.police_teams if t.standby_s is not None}
    fastest = reaches(ctx.picture, strip, ctx.t_s, 0.0, ready)  # the largest margin: the earliest arrival
    best = next((r for r in fastest if r.team_id in ready), None)
    if best is None or best.team_id in ev.alerted:
        return finding
    advice = Action("alert_team", {"team": best.team_id, "strip": strip})
    hint = f"{finding.hint}; meanwhile put {best.team_id} on stand-by for {strip} (p = {p:.2f})"
    return replace(finding, hint=hint.lstrip("; "), actions=(*finding.actions, advice))


def _bound_for(ev: Evidence, ctx: CheckContext) -> tuple[str | None, float, bool]:
    """(the strip, its probability, whether inferred landed): the likeliest strip the track was inferred
    to land at, else its predicted destination; (None, 0, False) when there is neither."""
    landing = max(ctx.landed_at.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    if landing is not None:
        return landing[0], landing[1], True
    d = ev.destination
    if d is None or d.top is None:
        return None, 0.0, False
    return d.top, d.top_p, False


def _stands_down(ev: Evidence, ctx: CheckContext) -> bool:
    """Whether the aircraft's identity is established (SC-24) or it is in distress or a medevac that
    nothing seen contradicts (SC-11): no team is readied against it."""
    grounds = suspicion_grounds(ev, ctx.picture, ctx.rules, ctx.landed_at)
    off = contradicted(ev, grounds, ctx.picture)
    return established(ev, grounds) is not None or any(c.fact not in off for c in ev.distress)


def _ground_cue(ev: Evidence, ctx: CheckContext) -> Finding:
    d = ev.destination
    strip, p, inferred = _bound_for(ev, ctx)
    if strip is None:
        return Finding(Verdict.UNKNOWN, "no predicted landing strip", "keep tracking for a destination")
    kind = ctx.picture.strip_kinds.get(strip)
    if kind != "clandestine":
        what = "inferred landing strip" if inferred else "predicted strip"
        return Finding(
            Verdict.FAIL,
            f"{what} {strip} is a {kind} strip, never cued",
            "no ground cue at registered, mission, community or river strips",
        )
    target = _target(ev, ctx, strip, p, inferred)
    if isinstance(target, Finding):
        return target
    strips, p, landed = target
    name = strip if len(strips) == 1 else f"the cluster {', '.join(strips)}"
    if d is not None and not d.slowing and not landed and d.top_ahead and _waiting_loses(ev, ctx, strips):
        return _cue(ev, ctx, strips, p, landed)
    if d is None or not d.slowing:
        return Finding(
            Verdict.UNKNOWN,
            f"{name} {'inferred landed' if landed else 'predicted firmly'} (p = {p:.2f}) but the aircraft "
            f"{'was' if landed else 'is'} not {'known to be ' if d is None else ''}slowing to land: a smuggler "
            "overflies one strip of a cluster at cruise speed and lands at the next, and low flight drops out "
            "of radar cover",
            "keep tracking; the cue is due when it slows to approach speed",
        )
    if not landed and not d.top_ahead:
        return Finding(
            Verdict.UNKNOWN,
            f"{name} predicted firmly (p = {p:.2f}) but the aircraft has flown past {strip}",
            "keep tracking for the strip it turns to",
        )
    return _cue(ev, ctx, strips, p, landed)


def _target(
    ev: Evidence, ctx: CheckContext, strip: str, p: float, inferred: bool
) -> tuple[tuple[str, ...], float, bool] | Finding:
    """(the strips to cue, their probability, whether the aircraft is inferred landed): `strip` alone when
    it is firm (or inferred landed at the cue's probability), else its cluster when the cluster is; an
    UNKNOWN finding when neither is."""
    rules, d = ctx.rules, ev.destination
    need, hold = rules.ground_cue_min_probability, rules.ground_cue_firm_s
    group = ctx.clusters.get(strip, (strip,))
    if inferred:
        if p >= need:
            return (strip,), p, True
        summed = sum(q for s, q in ctx.landed_at.items() if s in group)
        if len(group) > 1 and summed >= need:
            return group, summed, True
        return Finding(
            Verdict.UNKNOWN,
            f"landing inferred at {strip} with p = {p:.2f} when last seen, below {need:.2f}"
            + (f" (its cluster {', '.join(group)}: p = {summed:.2f})" if len(group) > 1 else ""),
            "report the strip to the intelligence officer",
        )
    assert d is not None
    firm_s = 0.0 if d.firm_since_s is None else ctx.t_s - d.firm_since_s
    if d.firm_since_s is not None and firm_s >= hold:
        return (strip,), p, False
    group_s = 0.0 if d.cluster_firm_since_s is None else ctx.t_s - d.cluster_firm_since_s
    if d.cluster and d.cluster_firm_since_s is not None and group_s >= hold:
        return d.cluster, d.cluster_p, False
    cluster = f"; its cluster {', '.join(d.cluster)}: p = {d.cluster_p:.2f}, held {group_s:.0f} s" if d.cluster else ""
    return Finding(
        Verdict.UNKNOWN,
        f"{strip} predicted with p = {p:.2f}, not yet firm (p >= {need:.2f} for {hold:.0f} s; held {firm_s:.0f} s"
        f"{cluster})",
        "keep tracking until the prediction firms up",
    )


def _window(ctx: CheckContext, d: DestinationEstimate, strips: tuple[str, ...]) -> tuple[float, float]:
    """The predicted touchdown window (t_s) at the earliest ETA of `strips`: +- a fraction of the time to go."""
    eta = min(c.eta_s for c in d.candidates if c.strip_id in strips)
    half = max(ctx.rules.cue_eta_window_min_s, ctx.rules.cue_eta_window_fraction * max(eta - ctx.t_s, 0.0))
    return eta - half, eta + half


def _waiting_loses(ev: Evidence, ctx: CheckContext, strips: tuple[str, ...]) -> bool:
    """Whether a cue held back until the aircraft slows (about its ETA, firm `ground_cue_firm_s` later)
    would leave no team on the strip (the cluster's farthest) before the earliest predicted departure,
    while a cue now would not: then waiting costs the smuggler for certain, and a firm prediction at
    cruise speed is cued."""
    d = ev.destination
    assert d is not None
    lo, _ = _window(ctx, d, strips)
    departure = lo + ctx.rules.expected_ground_stop_s
    later = max(ctx.t_s, min(c.eta_s for c in d.candidates if c.strip_id in strips) + ctx.rules.ground_cue_firm_s)

    def best(t_s: float) -> float:
        options = _reaches(ev, ctx, strips, t_s, departure)
        return options[0].margin_s if options else -math.inf

    return best(later) < 0.0 <= best(ctx.t_s)


def _reaches(
    ev: Evidence, ctx: CheckContext, strips: tuple[str, ...], t_s: float, departure_s: float
) -> tuple[Reach, ...]:
    """Every team's reach of the strip, or of a cluster's farthest strip through its staging point, if
    cued at `t_s`; the largest margin first."""
    staging = None if len(strips) == 1 else staging_point(ctx.picture, strips)
    if staging is None:
        return reaches(ctx.picture, strips[0], t_s, departure_s, ev.alerted)
    return reaches_cluster(ctx.picture, staging, strips, t_s, departure_s, ev.alerted)


def _cue(ev: Evidence, ctx: CheckContext, strips: tuple[str, ...], p: float, landed: bool) -> Finding:
    """The cue to one strip, or to a cluster's staging point, with the team that can be there first: PASS
    when it can be on the (farthest) strip before the earliest predicted departure."""
    rules, d = ctx.rules, ev.destination
    # landed: lost where it was inferred to land, so it touched down at the loss or just after
    if landed or d is None:
        lo = ev.track.last_update_t_s
        hi = lo + rules.cue_eta_window_min_s
    else:
        lo, hi = _window(ctx, d, strips)
    window = f"{'landed about' if landed else 'ETA'} t = {lo:.0f}-{hi:.0f} s"
    held = ctx.t_s - _since(d, strips, ctx.t_s)
    how = f"inferred landed (p = {p:.2f} when last seen)" if landed else f"predicted firmly (p = {p:.2f}, {held:.0f} s)"
    if d is not None and not d.slowing and not landed:
        how += " at cruise speed (a cue held back until it slows would leave no team there in time)"
    departure = lo + rules.expected_ground_stop_s
    staging = None if len(strips) == 1 else staging_point(ctx.picture, strips)
    options = _reaches(ev, ctx, strips, ctx.t_s, departure)
    if staging is None:
        name, where = f"{strips[0]} (clandestine)", "there"
    else:
        name = f"the cluster {', '.join(strips)} (clandestine)"
        where = f"on its farthest strip from the staging point {staging.lat:.4f}, {staging.lon:.4f}"
    if not options:
        return Finding(
            Verdict.UNKNOWN,
            f"{name} {how}, {window}, but the picture names no police team",
            "add the police teams on duty (`police_teams`) to the picture; meanwhile report the strip to intelligence",
        )
    best = options[0]
    if best.margin_s < 0:
        return Finding(
            Verdict.FAIL,
            f"{name} {how}, {window}, but no team can be {where} before the earliest predicted departure "
            f"(t = {departure:.0f} s): {best.team_id} would arrive {-best.margin_s:.0f} s late; "
            "intelligence, not a cue",
            "report the strip and the time to the intelligence officer",
        )
    params: dict[str, object] = {"strip": strips[0], "team": best.team_id}
    if staging is not None:
        params |= {"strips": list(strips), "staging_lat": round(staging.lat, 6), "staging_lon": round(staging.lon, 6)}
    return Finding(
        Verdict.PASS,
        f"{name} {how}, {window}; {best.team_id} can be {where} at t = {best.arrival_s:.0f} s, "
        f"{best.margin_s:.0f} s before the earliest predicted departure",
        actions=(Action("cue_ground", params),),
    )


def _since(d: DestinationEstimate | None, strips: tuple[str, ...], t_s: float) -> float:
    """Since when the strip (or the cluster) has been firm."""
    if d is None:
        return t_s
    since = d.firm_since_s if len(strips) == 1 else d.cluster_firm_since_s
    return t_s if since is None else since
