"""What a suite leaves behind in its output folder, every file with the run's provenance:

- `runs.jsonl`: one record per run (seed, family, every score, the command that reproduces it);
- `aggregate.json`: `provenance`, `results` (means and proportions with 95 % intervals) and `cost`;
- `summary.md`: the tables an engineer reads first;
- `gospa_over_time.png`, `destination_top1.png`, `reliability.png`, `cue_precision.png`,
  `ladder_outcomes.png`.
Each file is written whole or not at all (`io.outputs`).
"""

from __future__ import annotations

import json
import platform
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from interdict import __version__
from interdict.bench.run import GOSPA_BIN_S, SAFETY_ZERO
from interdict.bench.settings import engine_config
from interdict.bench.store import stamp
from interdict.bench.suites import RunSpec, Suite, document_of
from interdict.core.jsonable import to_jsonable
from interdict.engine.engine import config_sha256
from interdict.engine.rules import BASELINE, rules_sha256
from interdict.evaluation.landings import LEADS_S
from interdict.io.outputs import atomic_path, atomic_text

__all__ = [
    "provenance",
    "provenance_light",
    "runs_text",
    "write_outputs",
    "write_scenarios",
    "summary_markdown",
    "FILES",
]

FILES = (
    "runs.jsonl",
    "aggregate.json",
    "summary.md",
    "gospa_over_time.png",
    "destination_top1.png",
    "reliability.png",
    "cue_precision.png",
    "ladder_outcomes.png",
)
_RUNGS = ("never confirmed", "MONITOR", "IDENTIFY", "RADIO_CONTACT", "VISUAL_ID", "INTERCEPT_INSTRUCT", "GROUND_CUE")


def _git_commit() -> dict[str, Any] | None:
    """The commit of the source tree interdict runs from, when it is a git checkout."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "-C", str(here), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(here), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": head, "modified": bool(dirty)}


def provenance_light() -> dict[str, Any]:
    """Version, commit, interpreter and machine."""
    return {
        "interdict_version": __version__,
        "git": _git_commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def provenance(suite: Suite, seed: int, runs: int, settings: tuple[tuple[str, str], ...], where: str) -> dict[str, Any]:
    config = engine_config(settings)
    return {
        **provenance_light(),
        "rules_sha256": rules_sha256(BASELINE),
        "engine_config_sha256": config_sha256(config),
        "engine_config": to_jsonable(config),
        "settings": dict(settings),
        "suite": suite.name,
        "suite_description": suite.description,
        "families": list(dict.fromkeys(suite.families)),
        "seed": seed,
        "runs": runs,
        "seeds": [seed, seed + runs - 1],
        "executor": where,
    }


def _fmt(ci: Mapping[str, Any], key: str = "mean", scale: float = 1.0, digits: int = 0) -> str:
    v = ci.get(key)
    if v is None:
        return "–"
    lo, hi = ci.get("lo"), ci.get("hi")
    body = f"{v * scale:,.{digits}f}"
    return body if lo is None or hi is None else f"{body} [{lo * scale:,.{digits}f}, {hi * scale:,.{digits}f}]"


_TRACKING_ROWS = (
    ("RMSE (m)", "rmse_m", 0),
    ("raw plot error (m)", "raw_plot_error_m", 0),
    ("RMSE / raw plot error", "rmse_over_plot_error", 2),
    ("GOSPA (m)", "gospa_m", 0),
    ("  localisation (m)", "gospa_localisation_m", 0),
    ("  missed (m)", "gospa_missed_m", 0),
    ("  false (m)", "gospa_false_m", 0),
    ("identity switches per run", "identity_switches", 2),
    ("fragmentations per run", "fragmentations", 2),
    ("time to confirm (s)", "time_to_confirm_s", 0),
    ("false tracks per hour", "false_tracks_per_hour", 2),
)


def _head(prov: Mapping[str, Any], runs: int) -> list[str]:
    git = prov["git"] or {}
    return [
        f"# interdict bench {prov['suite']}: {runs_text(runs)}",
        "",
        f"{prov['suite_description']}. Seeds {prov['seeds'][0]}–{prov['seeds'][1]}; interdict "
        f"{prov['interdict_version']}, commit {git.get('commit', 'unknown')}"
        f"{' (modified)' if git.get('modified') else ''}; rules {prov['rules_sha256'][:12]}, "
        f"engine configuration {prov['engine_config_sha256'][:12]}; settings {prov['settings'] or 'default'}.",
    ]


def _safety(res: Mapping[str, Any]) -> list[str]:
    safety = res["safety"]
    lines = [
        "## Safety (must be zero)",
        "",
        "| civil or state aircraft escalated | civil cued | civil intercepted | civil instructed to land "
        "| state cued | state intercepted | state instructed to land | sent without a stated ground "
        "| runs without harm |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| "
        + " | ".join(str(safety[k]) for k in SAFETY_ZERO)
        + f" | {_fmt(safety['runs_without_civil_harm'], 'p', 100, 1)} % |",
    ]
    if safety["failures"]:
        lines += ["", "Runs that harmed a civil or state aircraft, or sent people without a stated ground:", ""]
        lines += [f"- run {f['run']} ({f['family']}, seed {f['seed']}): `{f['reproduce']}`" for f in safety["failures"]]
    return lines


def _tracking(res: Mapping[str, Any]) -> list[str]:
    t = res["tracking"]
    lines = ["## Tracking (mean over runs)", "", "| score | mean [95 % CI] |", "| --- | ---: |"]
    return lines + [f"| {name} | {_fmt(t[key], digits=d)} |" for name, key, d in _TRACKING_ROWS if key in t]


def _destinations(res: Mapping[str, Any]) -> list[str]:
    lines = [
        "## Destinations: top-1 against lead time before touchdown",
        "",
        "| lead (s) | " + " | ".join(str(x) for x in LEADS_S) + " |",
        "| --- |" + " ---: |" * len(LEADS_S),
    ]
    for role in ("smuggler", "civil"):
        d = res["destinations"][role]
        lines.append(f"| {role} | " + " | ".join(_fmt(d[str(x)]["top1"], "p", 100) + " %" for x in LEADS_S) + " |")
    lines += [
        "",
        "Calibration of the most likely destination's probability (expected calibration error, 10 bins; "
        "reliability.png):",
        "",
        "| lead before touchdown (s) | forecasts | ECE [95 % bootstrap over runs] |",
        "| --- | ---: | ---: |",
    ]
    for band, cal in res["calibration"].items():
        ci = cal.get("ece_interval")
        interval = "" if ci is None else f" [{ci[0]:.3f}, {ci[1]:.3f}]"
        lines.append(f"| {band} | {cal['n']} | {_num(cal['ece'], 3)}{interval} |")
    return lines


def _cues_and_ladder(res: Mapping[str, Any]) -> list[str]:
    c = res["cues"]
    lines = [
        "## Ground cues",
        "",
        f"- precision (cue at the strip the smuggler then landed on): {_fmt(c['precision'], 'p', 100)} % "
        f"of {c['precision']['n']} cues to smugglers (every cue, a moved one counts again)",
        f"- cues a team could act on (there before the aircraft left): {_fmt(c['actionable'], 'p', 100)} %",
        f"- median lead of the correct cues before touchdown: {_num(c['median_lead_s'])} s",
        f"- cues to civil aircraft: {c['cues_to_civil']}",
        f"- smugglers usefully cued: {_fmt(c['smugglers_usefully_cued'], 'p', 100)} % of "
        f"{c['smugglers_usefully_cued']['n']} smugglers that landed",
        f"- lead of the useful cues: {_fmt(c['lead_s'])} s",
        "",
        *_grounds(res["grounds"]),
        "## Ladder: highest rung per aircraft",
        "",
        "| role | " + " | ".join(_RUNGS) + " |",
        "| --- |" + " ---: |" * len(_RUNGS),
    ]
    return lines + [
        f"| {role} | " + " | ".join(str(counts.get(r, 0)) for r in _RUNGS) + " |"
        for role, counts in res["ladder"].items()
    ]


def _grounds(g: Mapping[str, Any]) -> list[str]:
    stated = ", ".join(f"{name} {n}" for name, n in g["by_ground"].items()) or "none"
    return [
        "## Grounds for suspicion stated when smugglers were sent after",
        "",
        f"- smugglers sent after (INTERCEPT_INSTRUCT or GROUND_CUE): {g['smugglers_sent']}",
        f"- smugglers per ground stated: {stated}",
        "",
    ]


def _families(res: Mapping[str, Any]) -> list[str]:
    lines = [
        "## By family",
        "",
        "| family | runs | GOSPA (m) | RMSE / plot error | civil harm | smugglers cued before landing |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    return lines + [
        f"| {family} | {f['runs']} | {_fmt(f['gospa_m'])} | {_fmt(f['rmse_over_plot_error'], digits=2)} | "
        f"{f['civil_harm']} | {f['smugglers_cued_before_landing']} / {f['smugglers']} |"
        for family, f in res["by_family"].items()
    ]


def _cost(prov: Mapping[str, Any], res: Mapping[str, Any], cost: Mapping[str, Any]) -> list[str]:
    return [
        "## Cost (wall clock, this machine)",
        "",
        f"- {runs_text(res['runs'])} in {cost['wall_s']:.0f} s on {prov['executor']}: "
        f"{_num(cost['runs_per_minute'], 1)} closed-loop runs per minute",
        f"- whole engine: {_num(cost['engine_plots_per_s'])} plots/s; tracker alone: "
        f"{_num(cost['tracker_alone_plots_per_s'])} plots/s (timed on {cost['tracker_timed_runs']} runs)",
    ]


def summary_markdown(agg: Mapping[str, Any]) -> str:
    """The summary tables (95 % intervals in brackets)."""
    prov, res, cost = agg["provenance"], agg["results"], agg["cost"]
    sections = (
        _head(prov, res["runs"]),
        _safety(res),
        _tracking(res),
        _destinations(res),
        _cues_and_ladder(res),
        _families(res),
        _cost(prov, res, cost),
    )
    return "\n\n".join("\n".join(lines) for lines in sections) + "\n"


def runs_text(n: int) -> str:
    return f"{n} run" if n == 1 else f"{n} runs"


def _num(v: float | None, digits: int = 0) -> str:
    return "–" if v is None else f"{v:,.{digits}f}"


def _figure() -> Figure:
    fig = Figure(figsize=(7, 4.6))
    FigureCanvasAgg(fig)
    fig.subplots_adjust(bottom=0.2)
    return fig


def _save(fig: Figure, path: Path) -> None:
    with atomic_path(path) as partial:
        fig.savefig(partial, format="png", dpi=100)


def _plot_gospa(ax: Axes, res: Mapping[str, Any]) -> None:
    pts = [(b["bin"] * GOSPA_BIN_S / 60.0, b) for b in res["gospa_over_time"] if b["mean"] is not None]
    ax.plot([m for m, _ in pts], [b["mean"] for _, b in pts], "o-", color="tab:blue", label="mean GOSPA")
    band = [(m, b) for m, b in pts if b["lo"] is not None]
    ax.fill_between(
        [m for m, _ in band],
        [b["lo"] for _, b in band],
        [b["hi"] for _, b in band],
        alpha=0.25,
        color="tab:blue",
        label="95 % CI",
    )
    ax.set_ylim(bottom=0)
    ax.set_xlabel("scenario time (min, 5-min bins)")
    ax.set_ylabel("GOSPA (m), c = 1 km, p = 1")
    ax.set_title(f"GOSPA over time, {res['runs']} runs")
    ax.legend()


def _plot_destinations(ax: Axes, res: Mapping[str, Any]) -> None:
    for role, colour in (("smuggler", "tab:red"), ("civil", "tab:green")):
        rows = [(lead, res["destinations"][role][str(lead)]["top1"]) for lead in LEADS_S]
        rows = [(lead, w) for lead, w in rows if w["p"] is not None]
        if not rows:
            continue
        leads = [lead for lead, _ in rows]
        ax.errorbar(
            leads,
            [w["p"] for _, w in rows],
            yerr=[[w["p"] - w["lo"] for _, w in rows], [w["hi"] - w["p"] for _, w in rows]],
            fmt="o-",
            color=colour,
            capsize=3,
            label=f"{role} (n = {rows[0][1]['n']} at {rows[0][0]} s)",
        )
    ax.invert_xaxis()
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("lead time before touchdown (s)")
    ax.set_ylabel("top-1 destination correct")
    ax.set_title("Destination top-1 against lead time (95 % Wilson CI)")
    if ax.get_legend_handles_labels()[0]:
        ax.legend()
    else:
        ax.text(0.5, 0.5, "no landing in these runs", ha="center", va="center", transform=ax.transAxes)


def _plot_reliability(ax: Axes, res: Mapping[str, Any]) -> None:
    ax.plot([0, 1], [0, 1], ":", color="0.5", label="perfect calibration")
    for (band, cal), colour in zip(res["calibration"].items(), ("tab:purple", "tab:blue", "tab:gray"), strict=True):
        rows = cal["bins"]
        if not rows:
            continue
        ece = "–" if cal["ece"] is None else f"{cal['ece']:.3f}"
        ax.plot(
            [r["confidence"] for r in rows],
            [r["frequency"] for r in rows],
            "o-",
            color=colour,
            label=f"lead {band} s: ECE {ece}, n = {cal['n']}",
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("stated probability of the most likely destination (bin mean)")
    ax.set_ylabel("observed frequency of landing there")
    ax.set_title("Destination reliability by lead time before touchdown")
    ax.legend(fontsize=8)


def _plot_cues(ax: Axes, res: Mapping[str, Any]) -> None:
    bins = list(res["cues"]["precision_by_lead_s"].items())
    xs = range(len(bins))
    ps = [w["p"] if w["p"] is not None else 0.0 for _, w in bins]
    ax.bar(xs, ps, color="tab:orange")
    for x, (_, w) in zip(xs, bins, strict=True):
        if w["p"] is not None:
            ax.errorbar([x], [w["p"]], yerr=[[w["p"] - w["lo"]], [w["hi"] - w["p"]]], color="k", capsize=3)
        ax.annotate(f"n={w['n']}", (x, 0.02), ha="center", fontsize=8)
    ax.set_xticks(list(xs), [name for name, _ in bins])
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("cue lead to the aircraft's next touchdown (s)")
    ax.set_ylabel("cue precision")
    ax.set_title("Ground-cue precision against lead time (95 % Wilson CI)")


def _plot_ladder(ax: Axes, res: Mapping[str, Any]) -> None:
    width = 0.4
    for k, (role, colour) in enumerate((("smuggler", "tab:red"), ("civil", "tab:green"))):
        counts = res["ladder"][role]
        ax.bar(
            [i + (k - 0.5) * width for i in range(len(_RUNGS))],
            [counts.get(r, 0) for r in _RUNGS],
            width,
            color=colour,
            label=role,
        )
    ax.set_xticks(range(len(_RUNGS)), [r.replace("_", "\n") for r in _RUNGS], fontsize=7)
    ax.set_ylabel("aircraft")
    ax.set_title("Highest rung reached, per role")
    ax.legend()


def _footer(fig: Figure, prov: Mapping[str, Any]) -> None:
    s = stamp(prov)
    fig.text(
        0.01,
        0.01,
        f"interdict {s['interdict_version']} · commit {(s['git_commit'] or 'unknown')[:10]} · rules "
        f"{s['rules_sha256'][:10]} · config {s['engine_config_sha256'][:10]} · suite {prov['suite']} · seeds "
        f"{prov['seeds'][0]}–{prov['seeds'][1]}",
        fontsize=6,
        color="0.4",
    )


def write_scenarios(folder: Path, specs: Iterable[RunSpec]) -> None:
    """Each run's scenario as `FAMILY-SEED.yaml` in `folder` (created), for `interdict replay`."""
    folder.mkdir(exist_ok=True)
    for spec in specs:
        with atomic_text(folder / f"{spec.family}-{spec.seed}.yaml") as f:
            f.write(yaml.safe_dump(document_of(spec.family, spec.seed), sort_keys=False, allow_unicode=True))


def write_outputs(folder: Path, agg: Mapping[str, Any]) -> None:
    """Every file of FILES but `runs.jsonl` (`bench.store`) into `folder` (which exists)."""
    prov = agg["provenance"]
    with atomic_text(folder / "aggregate.json") as f:
        f.write(json.dumps(agg, indent=2) + "\n")
    with atomic_text(folder / "summary.md") as f:
        f.write(summary_markdown(agg))
    res = agg["results"]
    for draw, name in (
        (_plot_gospa, "gospa_over_time.png"),
        (_plot_destinations, "destination_top1.png"),
        (_plot_reliability, "reliability.png"),
        (_plot_cues, "cue_precision.png"),
        (_plot_ladder, "ladder_outcomes.png"),
    ):
        fig = _figure()
        draw(fig.add_subplot(), res)
        _footer(fig, prov)
        _save(fig, folder / name)
