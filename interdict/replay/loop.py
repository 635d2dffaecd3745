"""The closed-loop replay: simulator -> engine -> operator -> world -> observations -> engine.

Each step (one scan period) the engine gets the plots of the step and the observations that have
arrived; the operator acts on the recommendations; the world answers, and its answers arrive at the
engine when their delay has passed. The replay also renders what operators read: a timeline, the
events as JSON lines, and a map.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from interdict.contract.observations import Observation, Procedure
from interdict.contract.picture import Picture
from interdict.contract.plots import scans
from interdict.core.jsonable import to_jsonable
from interdict.engine.destinations import strip_database
from interdict.engine.engine import Engine, StepOutput
from interdict.engine.events import EngineEvent
from interdict.engine.rules import BASELINE, rules_sha256
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.evaluation.score import ScoredStep, score_replay
from interdict.io.audit import AuditLog
from interdict.scenario.document import Scenario
from interdict.scenario.picture_of import picture_of
from interdict.world.operators import OperatorState, by_the_book, check_policy, scripted
from interdict.world.radar import Simulation, simulate
from interdict.world.responder import World
from interdict.world.trajectories import build_trajectories

__all__ = ["ReplayResult", "run_replay", "render_timeline", "write_events", "write_map", "file_sha256"]


@dataclass(frozen=True)
class ReplayResult:
    scenario: Scenario
    picture: Picture
    seed: int
    simulation: Simulation
    events: tuple[EngineEvent, ...]
    steps: tuple[StepOutput, ...]
    scored: tuple[ScoredStep, ...]
    report: dict[str, object]
    notes: tuple[str, ...]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_replay(
    scenario: Scenario,
    *,
    seed: int | None = None,
    until_s: float | None = None,
    audit: AuditLog | None = None,
    progress: Callable[[float], None] | None = None,
) -> ReplayResult:
    """Run the closed loop; write audit records to `audit` (flushed every scan), or, when none is
    given, to an in-memory log (SC-18 holds either way: every record is written somewhere)."""
    check_policy(scenario.operator)
    used = scenario.seed if seed is None else seed
    if audit is None:
        scenario_sha = hashlib.sha256(scenario.model_dump_json().encode("utf-8")).hexdigest()
        audit = AuditLog(io.StringIO(), scenario_sha256=scenario_sha, rules_sha256=rules_sha256(BASELINE), seed=used)
    picture = picture_of(scenario)
    trajectories = build_trajectories(scenario)
    sim = simulate(scenario, used, trajectories=trajectories)
    world = World(scenario, trajectories)
    engine = Engine(picture, BASELINE, audited=True)
    step_s = min(r.scan_period_s for r in picture.radars)
    end_s = scenario.duration_s if until_s is None else min(until_s, scenario.duration_s)
    state = engine.initial_state(0.0)
    op_state = OperatorState()
    pending: list[Observation] = []
    done: dict[str, tuple[Procedure, ...]] = {}  # aircraft id -> procedures carried out on it
    events: list[EngineEvent] = []
    steps: list[StepOutput] = []
    scored: list[ScoredStep] = []
    notes: list[str] = []
    for t_s, batch in scans(sim.plots, step_s, t_end_s=end_s, past_end=False):
        arrived = sorted((o for o in pending if o.t_s <= t_s), key=lambda o: o.t_s)
        pending = [o for o in pending if o.t_s > t_s]
        state, out = engine.step(state, batch, arrived, t_s)
        holder = {
            tr.track_id: world.aircraft_behind(tr, t_s)
            for tr in out.tracks
            if tr.status in (TrackStatus.CONFIRMED, TrackStatus.COASTING)
        }
        procedures: tuple[Procedure, ...]
        if scenario.operator.policy == "scripted":

            def track_of(aircraft_id: str, holder: dict[str, str | None] = holder) -> str | None:
                return next((tid for tid, who in sorted(holder.items()) if who == aircraft_id), None)

            op_state, procedures, new_notes = scripted(scenario.operator, op_state, t_s, track_of)
            for note in new_notes:
                events.append(EngineEvent("no_track_for_aircraft", t_s, None, note))
        else:
            op_state, procedures = by_the_book(scenario.operator, BASELINE, op_state, t_s, out.recommendations)
        judgements = engine.judge(out, procedures)
        for j in judgements:
            p = j.procedure
            if j.allowed:
                who = holder.get(p.track_id)
                pending.append(p)
                pending.extend(world.answer(p, who, done.get(who or "", ())))
                if who is not None:
                    done[who] = (*done.get(who, ()), p)
                events.append(EngineEvent("procedure", t_s, p.track_id, _describe(p), {"judgement": j.reason}))
            else:
                blocked = [b.check_id for b in j.blocked_by]
                events.append(
                    EngineEvent(
                        "procedure_refused",
                        t_s,
                        p.track_id,
                        f"refused, not carried out: {_describe(p)}: {j.reason}",
                        {"reason": j.reason, "blocked_by": blocked},
                    )
                )
        for kind, payload in out.audit:
            audit.append(kind, t_s, payload)
        for j in judgements:
            audit.append("judgement", t_s, j)
        audit.sync()
        events.extend(out.events)
        steps.append(out)
        scored.append(ScoredStep(t_s, holder, out.recommendations, judgements))
        if progress is not None:
            progress(t_s)
    db = strip_database(picture)
    report = score_replay(scenario, trajectories, scored, {s.strip_id: (s.east_m, s.north_m) for s in db.strips})
    report["seed"] = used
    events.sort(key=lambda e: e.t_s)
    return ReplayResult(scenario, picture, used, sim, tuple(events), tuple(steps), tuple(scored), report, tuple(notes))


def _describe(p: Procedure) -> str:
    name = type(p).__name__
    fields = {k: v for k, v in to_jsonable(p).items() if k not in ("t_s", "track_id")}
    return f"operator: {name} " + ", ".join(f"{k}={v}" for k, v in fields.items())


_STYLE = {
    "track_confirmed": "bold",
    "track_lost": "dim",
    "recommendation_changed": "bold cyan",
    "request_refused": "bold red",
    "landing_inferred": "magenta",
    "takeoff_inferred": "magenta",
    "destination_predicted": "magenta",
    "evidence_added": "green",
    "procedure": "yellow",
    "no_track_for_aircraft": "red",
    "procedure_refused": "bold red",
    "resolution_refused": "bold red",
    "resolution_recorded": "cyan",
    "identity_quarantined": "bold yellow",
    "evidence_for_lost_track": "yellow",
    "observation_unfiled": "yellow",
}


def render_timeline(result: ReplayResult, console: Console, *, verbose: bool = False) -> None:
    """The operator's timeline: what the engine saw, inferred and recommended, and why each block held."""
    pic = result.picture
    console.print(
        Text.assemble(
            (result.scenario.name, "bold"),
            f"  seed {result.seed}  {len(result.simulation.plots)} plots from {len(pic.radars)} radar(s), "
            f"{len(pic.strips)} strips",
        ),
        highlight=False,
    )
    for e in result.events:
        if e.kind == "procedure" and not verbose:
            continue
        # free text (reasons, names, dissent) is never markup: styled pieces are assembled as Text
        console.print(
            Text.assemble(
                f"t={e.t_s:6.0f}s  {e.track_id or '':6} ", (f"{e.kind:22}", _STYLE.get(e.kind, "")), f" {e.summary}"
            ),
            highlight=False,
            soft_wrap=True,
        )
        blocks = e.detail.get("blocked_by", []) if e.kind == "recommendation_changed" else []
        for b in blocks if isinstance(blocks, list) else []:
            if isinstance(b, dict):
                console.print(
                    Text.assemble(
                        f"{'':16}  ",
                        (f"{b['check']} {b['verdict']}", "red"),
                        f": {b['reason']} ",
                        (f"({b['requirement']})", "dim"),
                        f"\n{'':18}-> {b['resolve']}" if b["resolve"] else "",
                    ),
                    highlight=False,
                    soft_wrap=True,
                )
    table = Table(title="scored report (truth, for the scorer only)")
    for col in ("aircraft", "role", "tracks", "max rung", "ground cue", "civil indicator"):
        table.add_column(col)
    aircraft = result.report["aircraft"]
    assert isinstance(aircraft, dict)  # the scorer's report
    for aid, row in aircraft.items():
        cue = row["ground_cue"]
        cue_text = (
            "-"
            if cue is None
            else f"{cue['strip']} at {cue['t_s']:.0f} s"
            + (
                f", {cue['lead_s']:.0f} s before landing"
                if cue["lead_s"] is not None
                else ", aircraft did not land there"
            )
        )
        cells = (
            aid,
            row["role"],
            ", ".join(row["tracks"]) or "-",
            row["max_rung"] or "-",
            cue_text,
            "discoverable" if row["civil_indicator_discoverable"] else "none",
        )
        table.add_row(*(Text(str(c)) for c in cells))
    console.print(table)
    totals = result.report["totals"]
    console.print(
        Text(
            f"wrongful escalations: {totals['wrongful_escalations']} (civil aircraft cued {totals['civil_cued']}, "  # type: ignore[index]
            f"intercepted {totals['civil_intercepted']}, told to land {totals['civil_instructed_to_land']}); "  # type: ignore[index]
            f"operator actions refused: {totals['refused_operator_actions']}"  # type: ignore[index]
        ),
        highlight=False,
    )


def write_events(path: Path, result: ReplayResult) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for e in result.events:
            f.write(json.dumps(to_jsonable(e), separators=(",", ":"), sort_keys=True) + "\n")


def write_map(path: Path, result: ReplayResult) -> None:
    """A map (WGS84 lon/lat): strips by kind, plots, confirmed tracks, destinations, recommendations."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from interdict.core.geodesy import LocalFrame
    from interdict.engine.ladder import Rung

    pic = result.picture
    fig, ax = plt.subplots(figsize=(9, 9))
    # plots (from each radar's polar frame)
    for radar in pic.radars:
        site = LocalFrame(radar.at.lat, radar.at.lon, radar.at.alt_m + radar.antenna_height_m)
        mine = [p for p in result.simulation.plots if p.radar_id == radar.id]
        import numpy as np

        r = np.array([p.range_m for p in mine])
        az = np.array([p.azimuth_rad for p in mine])
        lat, lon, _ = site.to_geodetic(r * np.sin(az), r * np.cos(az), np.zeros_like(r))
        ax.scatter(lon, lat, s=1, c="0.75", label=f"plots ({radar.id})", zorder=1)
        ax.plot(radar.at.lon, radar.at.lat, "k^", ms=9, zorder=5)
        ax.annotate(radar.id, (radar.at.lon, radar.at.lat), fontsize=8)
    # tracks
    paths: dict[str, list[TrackState]] = {}
    for step in result.steps:
        for tr in step.tracks:
            if tr.status in (TrackStatus.CONFIRMED, TrackStatus.COASTING):
                paths.setdefault(tr.track_id, []).append(tr)
    for tid, seq in paths.items():
        lat, lon, _ = pic.frame.to_geodetic([t.east_m for t in seq], [t.north_m for t in seq], [0.0] * len(seq))
        ax.plot(lon, lat, "-", lw=1.5, zorder=3)
        ax.annotate(tid, (lon[-1], lat[-1]), fontsize=8)
    # where each recommendation changed rung
    colours = {
        Rung.IDENTIFY: "tab:blue",
        Rung.RADIO_CONTACT: "tab:green",
        Rung.VISUAL_ID: "tab:orange",
        Rung.INTERCEPT_INSTRUCT: "tab:red",
        Rung.GROUND_CUE: "tab:purple",
    }
    last: dict[str, Rung] = {}
    for step in result.steps:
        pos = {t.track_id: t for t in step.tracks}
        for rec in step.recommendations:
            if rec.rung != last.get(rec.track_id) and rec.rung in colours and rec.track_id in pos:
                t = pos[rec.track_id]
                la, lo, _ = pic.frame.point_to_geodetic(t.east_m, t.north_m, 0.0)
                ax.plot(lo, la, "o", color=colours[rec.rung], ms=8, zorder=6)
                ax.annotate(rec.rung.value, (lo, la), fontsize=7, xytext=(4, -8), textcoords="offset points")
            last[rec.track_id] = rec.rung
        for est in step.estimates:
            if est.top is not None and step is result.steps[-1] and est.track_id in pos:
                t = pos[est.track_id]
                la, lo, _ = pic.frame.point_to_geodetic(t.east_m, t.north_m, 0.0)
                s = pic.strip_positions[est.top]
                ax.annotate("", (s.lon, s.lat), (lo, la), arrowprops={"arrowstyle": "->", "ls": "--"})
    markers = {
        "registered": ("s", "tab:blue"),
        "community": ("D", "tab:green"),
        "mission": ("P", "tab:cyan"),
        "river": ("v", "tab:olive"),
        "clandestine": ("X", "tab:red"),
    }
    for spec in pic.strips:
        where = pic.strip_positions[spec.id]
        marker, colour = markers[spec.kind]
        ax.plot(
            where.lon,
            where.lat,
            marker,
            color=colour,
            ms=9,
            mfc="none" if spec.status == "destroyed" else colour,
            zorder=7,
            label=f"{spec.kind} strip",
        )
        ax.annotate(spec.id, (where.lon, where.lat), fontsize=8, xytext=(4, 4), textcoords="offset points")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), loc="best", fontsize=8)
    ax.set_xlabel("longitude (deg)")
    ax.set_ylabel("latitude (deg)")
    ax.set_title(f"{result.scenario.name}, seed {result.seed}")
    ax.set_aspect("equal", adjustable="datalim")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
