"""Checks on asking and hearing: flight plans and ATS contact asked of every unit (SC-01, SC-02, and
asked again before anyone is sent, SC-19), the units that matter all in the picture (SC-22), radio
calls and replies (SC-03, SC-04), interception signals acknowledged and their response windows
(SC-06, SC-07)."""

from __future__ import annotations

import math

from interdict.contract.observations import InterceptReply, Phrase, RadioReply, same_frequency
from interdict.contract.procedures import RELEASE_SERIES, ProcedureName
from interdict.engine.evidence import GAP_KINDS, Evidence
from interdict.engine.safety.base import Action, CheckContext, Finding, Verdict, atc_unit_ids, check

__all__: list[str] = []


@check("SC-01", "SC-01; F1; Chicago Convention Art. 3 bis (b)")
def sc01_flight_plan_query(ev: Evidence, ctx: CheckContext) -> Finding:
    """F1: "no plan found" counts only when every ATS unit was queried recently enough."""

    if ev.matching_plans:
        plans = ", ".join(f"{c} held by {u}{_also(ctx.plan_rivals.get((u, c), ()))}" for c, u in ev.matching_plans)
        asked = {(r.unit, r.callsign) for r in ev.ident_reports}
        ask = tuple(
            Action("request_ident", {"unit": u, "callsign": c}) for c, u in ev.matching_plans if (u, c) not in asked
        )
        return Finding(
            Verdict.FAIL,
            f"a filed flight plan matches this track ({plans})",
            "hand the case to the ATS unit holding the plan and have the plan's aircraft identify (another "
            "aircraft may fly its corridor); resolve only in writing (SC-01 and SC-10)",
            ask,
            facts=tuple(c.fact for c in ev.indicators if c.kind == "flight_plan"),
        )
    stale = [u for u in atc_unit_ids(ctx) if ctx.t_s - ev.plan_queries.get(u, -math.inf) > ctx.rules.query_max_age_s]
    if stale:
        return Finding(
            Verdict.UNKNOWN,
            f"not every ATS unit has been asked for flight plans recently "
            f"(missing or older than {ctx.rules.query_max_age_s:.0f} s: {', '.join(stale)})",
            f"query {', '.join(stale)} for flight plans",
            (Action("query_flight_plans", {"units": stale}),),
        )
    return Finding(Verdict.PASS, f"no plan matches; all {len(atc_unit_ids(ctx))} ATS units queried")


def _also(others: tuple[str, ...]) -> str:
    return f"; it also fits {', '.join(others)}: whose plan it is, its unit settles" if others else ""


@check("SC-02", "SC-02; F2; F8")
def sc02_atc_contact(ev: Evidence, ctx: CheckContext) -> Finding:
    """F2, F8: no ATS unit reports two-way contact; every unit asked."""

    if ev.atc_contact:
        who = ", ".join(f"{u} ({c or 'callsign unknown'})" for u, c in ev.atc_contact)
        freqs = {u.id: u.frequencies_mhz for u in ctx.picture.atc_units}
        calls = [
            Action("radio_call", {"frequency_mhz": f, "language": ctx.rules.radio_languages[0]})
            for u, _ in ev.atc_contact
            for f in freqs.get(u, ())
        ]
        on = (
            ", ".join(f"{f:g} MHz ({u})" for u, _ in ev.atc_contact for f in freqs.get(u, ()))
            or "its frequency (the unit is not in the picture)"
        )
        return Finding(
            Verdict.FAIL,
            f"an ATS unit is in two-way contact with the aircraft: {who}",
            f"hand the case to that ATS unit; call on {on}",
            tuple(calls),
            tuple(c.fact for c in ev.indicators if c.kind == "atc_contact"),
        )
    stale = [u for u in atc_unit_ids(ctx) if ctx.t_s - ev.atc_queries.get(u, -math.inf) > ctx.rules.query_max_age_s]
    if stale:
        return Finding(
            Verdict.UNKNOWN,
            f"not every ATS unit has been asked whether it is in contact ({', '.join(stale)})",
            f"ask {', '.join(stale)} whether they are in contact",
            (Action("query_atc_contact", {"units": stale}),),
        )
    return Finding(Verdict.PASS, "no ATS unit is in contact with the aircraft")


def _required_frequencies(ctx: CheckContext) -> list[float]:
    freqs = set(ctx.rules.guard_frequencies_mhz)
    for unit in ctx.picture.atc_units:
        freqs.update(unit.frequencies_mhz)
    return sorted(freqs)


@check("SC-03", "SC-03; F2; F3; Annex 2 App. 2")
def sc03_radio_attempts(ev: Evidence, ctx: CheckContext) -> Finding:
    """F2, F3: calls on the guard frequencies (121.5 and 243.0 MHz) and every ATS frequency, enough times,
    spaced, in two languages."""

    rules = ctx.rules
    missing: list[Action] = []
    notes = []
    incomplete: set[float] = set()
    for f in _required_frequencies(ctx):
        for lang in rules.radio_languages:
            alts = (lang, *rules.radio_alternative_languages) if lang != rules.radio_languages[0] else (lang,)
            times = sorted(c.t_s for c in ev.radio_calls if same_frequency(c.frequency_mhz, f) and c.language in alts)
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
        return Finding(
            Verdict.UNKNOWN,
            "radio attempts incomplete: " + "; ".join(notes),
            hint + f", in {' and '.join(rules.radio_languages)}, {rules.radio_attempts_per_frequency} times "
            f"at least {rules.radio_min_spacing_s:.0f} s apart",
            tuple(missing),
        )
    return Finding(
        Verdict.PASS,
        f"calls made on {len(_required_frequencies(ctx))} frequencies in {' and '.join(rules.radio_languages)}",
    )


def _spaced_count(times: list[float], spacing_s: float) -> int:
    count, last = 0, -math.inf
    for t in times:
        if t - last >= spacing_s:
            count, last = count + 1, t
    return count


@check("SC-04", "SC-04; F3; Annex 2 phrase table")
def sc04_structured_replies(ev: Evidence, ctx: CheckContext) -> Finding:
    """F3: replies are ICAO phrase codes; a REPEAT or AM_LOST with no clear reply after it on that
    frequency leaves the exchange unconfirmed (a repeat in another language can clear it)."""

    if not ev.radio_calls:
        return Finding(Verdict.UNKNOWN, "no radio exchange yet", "make the radio calls (SC-03)")
    last: dict[float, RadioReply] = {}
    for reply in sorted(ev.radio_replies, key=lambda r: r.t_s):
        last[reply.frequency_mhz] = reply
    unclear = [r for r in last.values() if r.phrase in (Phrase.REPEAT, Phrase.AM_LOST)]
    if unclear:
        r = unclear[-1]
        tried = {c.language for c in ev.radio_calls if same_frequency(c.frequency_mhz, r.frequency_mhz)}
        languages = (*ctx.rules.radio_languages, *ctx.rules.radio_alternative_languages)
        other = next((lang for lang in languages if lang not in tried), None)
        if other is None:
            return Finding(
                Verdict.UNKNOWN,
                f"reply {r.phrase.value} on {r.frequency_mhz:g} MHz in every language of the rule set: "
                "no common language",
                "identify visually (SC-05); the exchange cannot be confirmed by radio",
            )
        return Finding(
            Verdict.UNKNOWN,
            f"reply {r.phrase.value} on {r.frequency_mhz:g} MHz: the instruction was not understood",
            f"repeat in {other} with standard phrases",
            (Action("radio_call", {"frequency_mhz": r.frequency_mhz, "language": other}),),
        )
    return Finding(Verdict.PASS, f"{len(ev.radio_replies)} structured replies, none left unclear")


@check("SC-06", "SC-06; F5; Annex 2 App. 2 series 1")
def sc06_intercept_acknowledged(ev: Evidence, ctx: CheckContext) -> Finding:
    """F5: series 1 ("you have been intercepted, follow me") given and answered; or given twice, the
    second from another position, with no response in the window after each (once unanswered, the crew
    may simply not have seen it: 2001). Series 2 ("you may proceed") ends the interception, and an
    answer of cannot comply (series 5, CAN NOT) stops it: both FAIL, and no instruction follows."""

    released = [i for i in ev.intercepts if i.series == RELEASE_SERIES]
    if released:
        return Finding(
            Verdict.FAIL,
            f"series 2 (you may proceed) given at t = {released[0].t_s:.0f} s: the interception has ended",
            "no interception instruction follows a release; hand the aircraft to ATS",
        )
    follow = sorted(i.t_s for i in ev.intercepts if i.series == 1)
    if not follow:
        return Finding(
            Verdict.UNKNOWN,
            "interception signals (series 1) not given",
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
        return Finding(
            Verdict.FAIL,
            f"the aircraft answered {what}; interception instructions stop",
            "guide it: ask what it can do and assist it to a suitable aerodrome; do not repeat the instruction",
        )
    answered = [r for r in ev.intercept_responses if r.series == 1]
    if answered:
        return Finding(Verdict.PASS, f"series 1 answered: {answered[-1].reply.value}")
    window = ctx.rules.intercept_response_window_s
    waited = ctx.t_s - follow[-1]
    repeated = len(follow) >= 2 and follow[-1] - follow[0] >= window
    if repeated and waited >= window:
        return Finding(
            Verdict.PASS,
            f"series 1 given {len(follow)} times (first t = {follow[0]:.0f} s, last {waited:.0f} s ago) "
            "with no response: not complying",
        )
    if waited >= window:
        return Finding(
            Verdict.UNKNOWN,
            f"series 1 given at t = {follow[0]:.0f} s with no response: the crew may not have seen it",
            "repeat series 1 from another position (ahead and to the left of the aircraft)",
            (Action("intercept_signal", {"series": 1}),),
        )
    return Finding(
        Verdict.UNKNOWN,
        f"series 1 given {waited:.0f} s ago; waiting {window:.0f} s for the response",
        "wait for the response window",
    )


@check("SC-07", "SC-07; F6")
def sc07_response_windows(ev: Evidence, ctx: CheckContext) -> Finding:
    """F6: the minimum wait after the last radio call has passed before anything is built on silence."""

    if not ev.radio_calls:
        return Finding(
            Verdict.UNKNOWN, "no radio call made yet, so no response window has run", "make the radio calls (SC-03)"
        )
    waited = ctx.t_s - max(c.t_s for c in ev.radio_calls)
    if waited < ctx.rules.radio_response_window_s:
        return Finding(
            Verdict.UNKNOWN,
            f"last call {waited:.0f} s ago; the response window is {ctx.rules.radio_response_window_s:.0f} s",
            "wait for the response window",
        )
    return Finding(Verdict.PASS, f"response window elapsed ({waited:.0f} s since the last call)")


@check("SC-19", "SC-19; F1; F2")
def sc19_fresh_ats_answers(ev: Evidence, ctx: CheckContext) -> Finding:
    """F1, F2: before people are sent after an aircraft, every ATS unit is asked again, after the visual
    identification was delivered and within a short window (plans are filed late; contact can begin
    at any time)."""

    window = ctx.rules.escalation_query_window_s
    if ev.visual is None:
        return Finding(
            Verdict.UNKNOWN,
            "the ATS units are asked again once the visual identification has been delivered",
            "complete the visual identification (SC-05), then ask every ATS unit again",
        )
    since = max(ev.visual.t_s, ctx.t_s - window)
    stale = {
        what: [u for u in atc_unit_ids(ctx) if ev.asked.get(f"{what}:{u}", -math.inf) < since]
        for what in ("plans", "atc")
    }
    if stale["plans"] or stale["atc"]:
        names = {"plans": "plans", "atc": "contact"}
        missing = "; ".join(f"{names[k]}: {', '.join(v)}" for k, v in stale.items() if v)
        asks: tuple[tuple[str, ProcedureName], ...] = (("plans", "query_flight_plans"), ("atc", "query_atc_contact"))
        actions = tuple(Action(name, {"units": stale[k]}) for k, name in asks if stale[k])
        return Finding(
            Verdict.UNKNOWN,
            f"not every ATS unit has been asked since the visual identification (t = {ev.visual.t_s:.0f} s) "
            f"and in the last {window:.0f} s ({missing})",
            "ask every ATS unit again for plans and contact",
            actions,
        )
    return Finding(Verdict.PASS, "every ATS unit was asked again after the visual identification")


@check("SC-22", "SC-22; F1; F2; H-ATS")
def sc22_ats_coverage(ev: Evidence, ctx: CheckContext) -> Finding:
    """F1, F2: "every ATS unit asked" means something only if the picture names every unit that matters
    to this aircraft: the one covering the airspace and those serving the strips it may have left or be
    heading for (`evidence.coverage`). A unit the picture lacks is UNKNOWN, never an absence."""

    gaps = ev.held_of(GAP_KINDS)
    if gaps:
        places = sorted({g.source.partition(":")[2] for g in gaps} - {"airspace"})
        remedy = (
            "find and ask the unit serving " + ", ".join(places) + " (its tower, AFIS or radio desk)"
            if places
            else "find and ask the area control or flight information centre"
        )
        return Finding(
            Verdict.UNKNOWN,
            "the picture does not name every ATS unit that matters: " + "; ".join(g.detail for g in gaps),
            remedy + "; add it to the picture (`atc_units[].serves`, `area`), or state the strip `unattended`",
        )
    return Finding(
        Verdict.PASS, "the units covering the airspace and serving this aircraft's strips are in the picture"
    )
