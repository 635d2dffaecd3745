"""Adversarial scenarios, end to end: every file of scenarios/adversarial with its outcome asserted, and
the seeded generator's families on fresh seeds. No civil aircraft is ever recommended above VISUAL_ID,
cued, intercepted or told to land, by recommendation or by an operator action the engine allowed."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from interdict.bench.adversarial import FAMILIES, generate
from interdict.engine.ladder import SENDS_PEOPLE, Rung
from interdict.engine.rules import BASELINE
from interdict.engine.safety import Verdict
from interdict.replay.loop import ReplayResult, run_replay
from interdict.replay.timeline import render_timeline
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario
from tests.conftest import SCENARIOS

ADVERSARIAL = SCENARIOS / "adversarial"


def _no_civil_escalation(result: ReplayResult) -> None:
    """No aircraft that is not a smuggler (civil or state) above VISUAL_ID, cued, intercepted or told to land."""
    totals = result.report["totals"]
    assert totals["wrongful_escalations"] == 0  # type: ignore[index]
    assert totals["civil_cued"] == totals["civil_intercepted"] == totals["civil_instructed_to_land"] == 0  # type: ignore[index]
    assert totals["state_cued"] == totals["state_intercepted"] == totals["state_instructed_to_land"] == 0  # type: ignore[index]
    for row in result.report["aircraft"].values():  # type: ignore[union-attr]
        if row["role"] != "smuggler" and row["max_rung"] is not None:
            assert Rung(row["max_rung"]).level <= Rung.VISUAL_ID.level


_SENDS = SENDS_PEOPLE
_EXCULPATORY = ("SC-09", "SC-10", "SC-11", "SC-24")  # an innocent profile, a civil ground, distress, an identity


def _grounds_before_anyone_is_sent(result: ReplayResult) -> None:
    """Every recommendation of a rung that sends people rests on a stated ground for suspicion (SC-23
    PASS, in the climb's note and its ground names), and no climb onto one comes within the settle
    window of a scan on which an exculpatory check of that track did not pass."""
    settle_s = BASELINE.settle_s
    for i, step in enumerate(result.steps):
        for rec in step.recommendations:
            if rec.rung not in _SENDS:
                continue
            by_id = {r.check_id: r for r in step.results[rec.track_id]}
            assert by_id["SC-23"].verdict is Verdict.PASS, (rec.track_id, step.t_s)
            if rec.previous_rung is rec.rung:
                continue
            assert rec.note.startswith("grounds for suspicion: "), rec.note
            assert rec.grounds and rec.grounds == by_id["SC-23"].facts, (rec.track_id, step.t_s)
            for earlier in result.steps[: i + 1]:
                if step.t_s - earlier.t_s >= settle_s:
                    continue
                for r in earlier.results.get(rec.track_id, ()):
                    assert r.check_id not in _EXCULPATORY or not r.blocks, (rec.track_id, step.t_s, r)


def _kinds(result: ReplayResult, kind: str) -> list[str]:
    return [e.summary for e in result.events if e.kind == kind]


def _swap(result: ReplayResult) -> None:
    assert len(_kinds(result, "identity_quarantined")) >= 2  # both tracks quarantine when they close


def _join_and_swap(result: ReplayResult) -> None:
    """Without quarantine the air taxi inherits the smuggler's visual report and silence, and is recommended
    INTERCEPT_INSTRUCT (seeds 1, 4 and 6 of 6 when the quarantine is switched off)."""
    smuggler = result.report["aircraft"]["narco-join"]  # type: ignore[index]
    assert Rung(smuggler["max_rung"]).level > Rung.VISUAL_ID.level  # the trap was armed: the smuggler is escalated
    assert len(smuggler["tracks"]) >= 2 and len(_kinds(result, "identity_quarantined")) >= 2


def _silent_taxi(result: ReplayResult) -> None:
    assert any("registration OB-1802" in s for s in _kinds(result, "evidence_added"))  # looked at before any cue


def _river_medevac(result: ReplayResult) -> None:
    assert not any(r.rung is Rung.GROUND_CUE for s in result.steps for r in s.recommendations)


def _late_plan(result: ReplayResult) -> None:
    filed = result.scenario.flight_plans[0].filed_s
    assert any(e.t_s > filed and "1 match this track" in e.summary for e in result.events)


def _plan_still_fits(fit: str) -> Callable[[ReplayResult], None]:
    """An air taxi whose plan is its one civil ground, flown back along its route or departed late: the
    plan still fits (said how), and no one is sent after it (held below RADIO_CONTACT by SC-01;
    VISUAL_ID when the plan stopped fitting)."""

    def expect(result: ReplayResult) -> None:
        (row,) = result.report["aircraft"].values()  # type: ignore[union-attr]
        facts = {c.fact for s in result.steps for ev in s.evidence.values() for c in ev.indicators}
        assert any(f.startswith("flight_plan: plan OB1907 held by lima-acc") and fit in f for f in facts)
        assert Rung(row["max_rung"]).level < Rung.RADIO_CONTACT.level

    return expect


def _round_trip(result: ReplayResult) -> None:
    assert any(
        "plan OB2010" in s for s in _kinds(result, "recommendation_changed") + _kinds(result, "evidence_added")
    ) or any(c.kind == "flight_plan" for s in result.steps for ev in s.evidence.values() for c in ev.indicators)


def _track_break(result: ReplayResult) -> None:
    assert any("may continue" in s for s in _kinds(result, "track_confirmed"))


def _callsign_plan(result: ReplayResult) -> None:
    assert any(
        c.kind == "flight_plan" and c.callsign == "MISION7"
        for s in result.steps
        for ev in s.evidence.values()
        for c in ev.indicators
    )


def _portuguese_pilot(result: ReplayResult) -> None:
    assert any(c.kind == "call_sign" for s in result.steps for ev in s.evidence.values() for c in ev.indicators)


def _scripted_wrong(result: ReplayResult) -> None:
    refused = _kinds(result, "procedure_refused")
    assert len(refused) >= 4 and result.report["totals"]["refused_operator_actions"] == len(refused)  # type: ignore[index]
    assert len(_kinds(result, "resolution_refused")) == 2
    out = io.StringIO()
    render_timeline(result, Console(file=out, width=300, color_system=None))
    assert "[/b] [red]looks like the mission plane[/red]" in out.getvalue()  # free text is never markup


def _crowded_valley(result: ReplayResult) -> None:
    assert len(result.picture.strips) > 185 and len(result.picture.flight_plans) >= 20
    assert any(e.kind == "destination_predicted" for e in result.events)


def _checks_of(result: ReplayResult, check_id: str) -> list[str]:
    """Every verdict and reason of `check_id` the replay produced, in time order."""
    return [
        f"{r.verdict.value} {r.reason}"
        for s in result.steps
        for rs in s.results.values()
        for r in rs
        if r.check_id == check_id
    ]


def _advised_release(result: ReplayResult) -> bool:
    return any(
        a.action == "intercept_signal" and a.params == {"series": 2}
        for s in result.steps
        for r in s.recommendations
        for a in r.procedures
    )


def _bowers(gap: bool) -> Callable[[ReplayResult], None]:
    """The 2001 floatplane with the picture as the crew had it: never above VISUAL_ID (the common check);
    when the ladder reaches the visual identification, its registration read, found in the register
    (the snapshot, or the registry authority asked) and the release advised (series 2, SC-24), never an
    interception; and, without the tower, the gap named: SC-22 UNKNOWN on the unit serving SPQT."""

    def expect(result: ReplayResult) -> None:
        row = result.report["aircraft"]["ob-1408"]  # type: ignore[index]
        if row["max_rung"] == "VISUAL_ID":
            assert any("registration OB-1408" in s for s in _kinds(result, "evidence_added"))
            assert any(v.startswith("FAIL identity established: OB-1408") for v in _checks_of(result, "SC-24"))
            assert _advised_release(result) and row["released"] and not row["intercepted"]
        sc22 = _checks_of(result, "SC-22")
        assert any(v.startswith("UNKNOWN") and "serves SPQT" in v for v in sc22) is gap

    return expect


def _state_aircraft(result: ReplayResult) -> None:
    """A state aircraft is looked at (never beyond) and, once its marks are read, held as state."""
    read = any("registration OB-2215" in e or "registration PNP-251" in e for e in _kinds(result, "evidence_added"))
    assert read  # the trap is armed: the shadowing crew read the state marks
    assert any(v.startswith("FAIL") and "a state aircraft" in v for v in _checks_of(result, "SC-10"))


def _state_serial(result: ReplayResult) -> None:
    """An air force serial in no register is held as a state aircraft once read; when it answers on the
    UHF guard, the call on 243.0 MHz is what found it."""
    assert any("registration FAP-302" in e for e in _kinds(result, "evidence_added"))
    assert any(v.startswith("FAIL") and "possibly a state aircraft's serial" in v for v in _checks_of(result, "SC-10"))
    if result.scenario.aircraft[0].radio.replies:
        assert any(e.startswith("reply CALL_SIGN") for e in _kinds(result, "evidence_added"))


def _smuggler_looked_at_and_cued(name: str, ground: str = "", after: str = "") -> Callable[[ReplayResult], None]:
    """A smuggler hiding behind the civil list is looked at, never cleared as civil for good nor released,
    and cued at the clandestine strip it lands on; `ground`: words a ground for suspicion states (once
    evidence saying `after` has arrived, when given)."""

    def expect(result: ReplayResult) -> None:
        row = result.report["aircraft"][name]  # type: ignore[index]
        assert any("registration" in s for s in _kinds(result, "evidence_added"))
        assert row["ground_cue"] is not None and row["ground_cue"]["correct"]  # type: ignore[index]
        grounds = [v for v in _checks_of(result, "SC-23") if v.startswith("PASS grounds for suspicion")]
        if not after or any(after in s for s in _kinds(result, "evidence_added")):
            assert any(ground in v for v in grounds)
        assert grounds and not _advised_release(result)
        assert not any(v.startswith("FAIL") for v in _checks_of(result, "SC-24"))

    return expect


def _squawk_then_dark(result: ReplayResult) -> None:
    """The code a smuggler showed before flying dark does not hold it civil once no marks are seen: the
    switch-off is a ground, the squawk contradicted, and the smuggler is sent after (INTERCEPT_INSTRUCT;
    held at VISUAL_ID by the held squawk before the ground existed)."""
    row = result.report["aircraft"]["narco-dark"]  # type: ignore[index]
    assert Rung(row["max_rung"]).level >= Rung.INTERCEPT_INSTRUCT.level
    grounds = [v for v in _checks_of(result, "SC-23") if v.startswith("PASS")]
    assert any("the secondary radar gets no reply from it now" in v for v in grounds)
    assert not _advised_release(result)


def _decoy_plan(result: ReplayResult) -> None:
    """The smuggler on another aircraft's plan: Lima ACC is asked to have OB1802 identify (SC-01's advice),
    its answer places the plan's aircraft elsewhere, and the smuggler is looked at and cued."""
    assert any("asked plan OB1802 to identify; it reported itself at" in s for s in _kinds(result, "evidence_added"))
    _smuggler_looked_at_and_cued("narco-decoy", "no registration marks visible")(result)


def _shared_corridor(result: ReplayResult) -> None:
    """One plan, two aircraft: the plan fits both tracks and SC-01 names the other on each; Lima ACC's
    report places OB1802 on the air taxi's track, which keeps its plan, and the smuggler is cued."""
    sc01 = _checks_of(result, "SC-01")
    assert any("OB1802 held by lima-acc; it also fits T" in v for v in sc01)
    assert result.report["aircraft"]["taxi-1802"]["max_rung"] == "IDENTIFY"  # type: ignore[index]
    _smuggler_looked_at_and_cued("narco-shared", "no registration marks visible")(result)


EXPECT: dict[str, Callable[[ReplayResult], None]] = {
    "swap.yaml": _swap,
    "join-and-swap.yaml": _join_and_swap,
    "silent-taxi.yaml": _silent_taxi,
    "river-medevac.yaml": _river_medevac,
    "late-plan.yaml": _late_plan,
    "round-trip.yaml": _round_trip,
    "track-break.yaml": _track_break,
    "callsign-plan.yaml": _callsign_plan,
    "portuguese-pilot.yaml": _portuguese_pilot,
    "weather-return.yaml": _plan_still_fits("flown back towards its departure"),
    "fog-delay.yaml": _plan_still_fits("later than its time window"),
    "scripted-wrong.yaml": _scripted_wrong,
    "crowded-valley.yaml": _crowded_valley,
    "bowers-no-tower.yaml": _bowers(gap=True),
    "bowers-unlisted-holder.yaml": _bowers(gap=False),
    "bowers-no-register.yaml": _bowers(gap=False),
    "bowers-crew.yaml": _bowers(gap=True),
    "state-ambulance.yaml": _state_aircraft,
    "police-recon.yaml": _state_aircraft,
    "air-force-uhf.yaml": _state_serial,
    "cloned-registration.yaml": _smuggler_looked_at_and_cued("narco-clone", "a cloned registration"),
    "invented-marks.yaml": _smuggler_looked_at_and_cued(
        "narco-invented", "has no record of OB-1999", after="OB-1999 has no record"
    ),
    "false-callsign.yaml": _smuggler_looked_at_and_cued("narco-callsign"),
    "decoy-plan.yaml": _decoy_plan,
    "shared-corridor.yaml": _shared_corridor,
    "emergency-squawk.yaml": _smuggler_looked_at_and_cued("narco-squawk"),
    "squawk-then-dark.yaml": _squawk_then_dark,
}


def test_every_adversarial_file_has_an_asserted_outcome() -> None:
    assert sorted(p.name for p in ADVERSARIAL.glob("*.yaml")) == sorted(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
@pytest.mark.parametrize("seed", [1, 2])
def test_adversarial_file(name: str, seed: int) -> None:
    result = run_replay(load_scenario(ADVERSARIAL / name), seed=seed)
    _no_civil_escalation(result)
    _grounds_before_anyone_is_sent(result)
    EXPECT[name](result)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_generated_family_on_a_fresh_seed(family: str) -> None:
    scenario = Scenario.model_validate(generate(family, 17))
    result = run_replay(scenario, seed=17)
    _no_civil_escalation(result)
    _grounds_before_anyone_is_sent(result)


def test_generator_is_deterministic_and_knows_its_families() -> None:
    assert generate("swap", 3) == generate("swap", 3) != generate("swap", 4)
    with pytest.raises(KeyError, match="unknown adversarial family"):
        generate("nope", 1)


def test_shipped_and_adversarial_files_load(tmp_path: Path) -> None:
    for path in [*SCENARIOS.glob("*.yaml"), *ADVERSARIAL.glob("*.yaml")]:
        load_scenario(path)
