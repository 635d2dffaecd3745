"""Checks on the process itself: escape risk is not urgency (SC-08), dissent heard (SC-12), the
pinned rule set (SC-13), raw evidence kept (SC-14), track quality (SC-15; SC-20 for a ground cue,
which also accepts a track lost where it landed), the ladder's ceiling (SC-16), the audit log (SC-18),
no climbing back while the reasons for a step down come and go (SC-21), nor onto a rung that sends people
while evidence of innocence is fresh (SC-25)."""

from __future__ import annotations

import math
from collections.abc import Callable

from interdict.core.text import visible
from interdict.engine.evidence import Evidence
from interdict.engine.rules import PINNED_SHA256, rules_sha256
from interdict.engine.safety.base import EXCULPATORY, CheckContext, Finding, Verdict, check
from interdict.engine.tracking.track import TrackStatus

__all__: list[str] = []


@check("SC-08", "SC-08; F7")
def sc08_escape_risk(ev: Evidence, ctx: CheckContext) -> Finding:
    """F7: escape risk never compresses steps; with too little time left, continue tracking and hand off."""

    if ctx.time_to_exit_s is not None and ctx.time_to_exit_s < ctx.rules.min_time_to_exit_s:
        return Finding(
            Verdict.FAIL,
            f"predicted to leave radar cover in {ctx.time_to_exit_s:.0f} s, before the "
            "procedures can be completed; steps are never compressed",
            "continue tracking and hand off to the next sensor",
        )
    return Finding(Verdict.PASS, "enough time in cover to complete the procedures")


@check("SC-21", "SC-21; F6; F7")
def sc21_settled(ev: Evidence, ctx: CheckContext) -> Finding:
    """F6, F7: after a step down, the ladder climbs again only once every check that caused it has
    passed for `settle_s` without a break; evidence that comes and goes is not a reason to hurry."""
    waiting = _waiting(ctx, lambda c: c not in EXCULPATORY)
    if waiting:
        settle = ctx.rules.settle_s
        return Finding(
            Verdict.UNKNOWN,
            "stepped down recently: "
            + ", ".join(f"{c} last not passing at t = {last:.0f} s" for c, last in sorted(waiting.items())),
            f"keep tracking; the ladder climbs again once {', '.join(sorted(waiting))} has passed for {settle:.0f} s",
        )
    return Finding(Verdict.PASS, "no step down whose reasons are still settling")


@check("SC-25", "SC-25; F6; F8; H-FLICKER")
def sc25_innocence_settled(ev: Evidence, ctx: CheckContext) -> Finding:
    """F6, F8: a rung that sends people is stepped onto only once every exculpatory check (innocent
    profile, civil grounds, distress, identity established) has passed for `settle_s`: evidence of
    innocence that flickered, or was contradicted only just now, is not a reason to hurry."""
    waiting = _waiting(ctx, lambda c: c in EXCULPATORY)
    if waiting:
        return Finding(
            Verdict.UNKNOWN,
            "evidence of innocence seen recently: "
            + ", ".join(f"{c} last not passing at t = {last:.0f} s" for c, last in sorted(waiting.items())),
            f"keep tracking; no one is sent until {', '.join(sorted(waiting))} has passed for "
            f"{ctx.rules.settle_s:.0f} s",
        )
    return Finding(Verdict.PASS, f"no evidence of innocence in the last {ctx.rules.settle_s:.0f} s")


def _waiting(ctx: CheckContext, which: Callable[[str], bool]) -> dict[str, float]:
    return {c: last for c, last in ctx.unsettled.items() if which(c) and ctx.t_s - last < ctx.rules.settle_s}


@check("SC-12", "SC-12; F9")
def sc12_dissent(ev: Evidence, ctx: CheckContext) -> Finding:
    """F9: any participant's dissent is a hard block until a named authority resolves it in writing."""

    if ev.dissents:
        return Finding(
            Verdict.FAIL,
            "; ".join(f"dissent by {visible(d.by)}: {visible(d.why)}" for d in ev.dissents),
            "a named authority must resolve the dissent in writing",
            facts=tuple(f"dissent by {visible(d.by)} at t = {d.t_s:.0f} s: {visible(d.why)}" for d in ev.dissents),
        )
    return Finding(Verdict.PASS, "no open dissent")


@check("SC-13", "SC-13; F10")
def sc13_rules_pinned(ev: Evidence, ctx: CheckContext) -> Finding:
    """F10: the rule set in force is the pinned baseline (the engine refuses to start otherwise)."""
    digest = rules_sha256(ctx.rules)
    if digest != PINNED_SHA256:
        return Finding(
            Verdict.FAIL, f"rule set {digest[:12]} is not the pinned baseline", "restore the signed rule set"
        )
    return Finding(Verdict.PASS, f"rule set {digest[:12]} is the pinned baseline")


@check("SC-14", "SC-14; F4; F11")
def sc14_raw_evidence(ev: Evidence, ctx: CheckContext) -> Finding:
    """F4, F11: the decision holds the raw evidence (track history and the query and radio logs)."""

    missing = []
    if ev.track.n_updates < ctx.rules.track_min_updates:
        missing.append("track history")
    if not ev.plan_queries or not ev.atc_queries:
        missing.append("ATS query log")
    if not ev.radio_calls:
        missing.append("radio log")
    if missing:
        return Finding(
            Verdict.UNKNOWN,
            "raw evidence missing at the decision: " + ", ".join(missing),
            "complete the identification and radio procedures",
        )
    return Finding(Verdict.PASS, "track history, ATS query log and radio log are at the decision")


@check("SC-15", "SC-15; P3")
def sc15_track_quality(ev: Evidence, ctx: CheckContext) -> Finding:
    """Identification can be attributed to a confirmed, well-estimated, unambiguous track only."""
    return _track_finding(ev, ctx, landed_at=None)


@check("SC-20", "SC-20; P3")
def sc20_ground_identity(ev: Evidence, ctx: CheckContext) -> Finding:
    """A ground cue needs an unambiguous aircraft and a place, not a live track: SC-15's track, or a
    track lost where it was inferred to land (the aircraft is on the ground; its identity file
    stands as it was). Another track within the separation still blocks."""
    landed = max(ctx.landed_at, key=lambda strip: (ctx.landed_at[strip], strip), default=None)
    return _track_finding(ev, ctx, landed_at=landed)


def _track_finding(ev: Evidence, ctx: CheckContext, *, landed_at: str | None) -> Finding:
    tr, rules = ev.track, ctx.rules
    sigma = math.sqrt(max(tr.P[0, 0], tr.P[2, 2]))
    coast_s = ctx.t_s - tr.last_update_t_s
    lost = tr.status is TrackStatus.COASTING and coast_s > rules.track_max_coast_s
    if lost and landed_at is None:
        return Finding(Verdict.UNKNOWN, f"track coasting for {coast_s:.0f} s without a plot", "keep tracking")
    if tr.status not in (TrackStatus.CONFIRMED, TrackStatus.COASTING):
        return Finding(Verdict.UNKNOWN, f"track is {tr.status.value}, not confirmed", "keep tracking")
    if tr.n_updates < rules.track_min_updates or (sigma > rules.track_max_position_sigma_m and not lost):
        return Finding(
            Verdict.UNKNOWN,
            f"track quality too low ({tr.n_updates} updates, position sigma {sigma:.0f} m)",
            "keep tracking",
        )
    close = sorted((d, k) for k, d in ctx.neighbours_m.items() if d < rules.track_min_separation_m)
    if close:
        return Finding(
            Verdict.FAIL,
            f"track {close[0][1]} is {close[0][0]:.0f} m away: association ambiguous, "
            "identification could go to the wrong aircraft",
            "wait until the tracks separate",
        )
    if lost:
        return Finding(
            Verdict.PASS,
            f"lost {coast_s:.0f} s ago where it was inferred to land at {landed_at}, after {tr.n_updates} updates; "
            f"no track within {rules.track_min_separation_m:.0f} m",
        )
    return Finding(
        Verdict.PASS,
        f"confirmed, {tr.n_updates} updates, sigma {sigma:.0f} m, no track within {rules.track_min_separation_m:.0f} m",
    )


@check("SC-16", "SC-16; Art. 3 bis (a)")
def sc16_ceiling(ev: Evidence, ctx: CheckContext) -> Finding:
    """Art. 3 bis (a): nothing beyond instruct-to-land or a ground cue exists (enforced by the ladder's types)."""
    return Finding(Verdict.PASS, "the ladder ends at INTERCEPT_INSTRUCT and GROUND_CUE")


@check("SC-18", "SC-18; P6")
def sc18_audit(ev: Evidence, ctx: CheckContext) -> Finding:
    """Every check outcome is logged in the tamper-evident audit log."""
    if not ctx.audited:
        return Finding(Verdict.FAIL, "no audit log is being written", "run with an audit log")
    return Finding(Verdict.PASS, "audit log attached")
