"""The benchmark's scenario families and suites.

A family is a seeded generator of `interdict/1` documents (`bench/families/`, and the adversarial
families of the safety work); a suite is the order in which runs cycle through families, with a
default number of runs. Run i of a suite started at seed S is family `families[i % len(families)]`
at seed S + i: any run is reproduced alone by `interdict bench FAMILY --runs 1 --seed S+i`.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from interdict.bench.adversarial import FAMILIES as ADVERSARIAL
from interdict.bench.families.traffic import vraem_traffic, vraem_week

__all__ = ["Suite", "RunSpec", "FAMILIES", "SUITES", "document_of", "suite_of", "plan_runs", "estimate_min"]

Family = Callable[[np.random.Generator, int], dict[str, Any]]

FAMILIES: dict[str, Family] = {
    "traffic": vraem_traffic,  # one hour, two smuggling and three civil flights
    "traffic-busy": partial(vraem_traffic, smugglers=4, civil=6),
    "traffic-6h": partial(vraem_traffic, duration_s=21_600.0, smugglers=10, civil=14, residents=4),
    "week": vraem_week,  # seven days, 3-4 smuggling flights a day among 70 or more strips (scenarios/vraem-week.yaml)
    **ADVERSARIAL,
}


@dataclass(frozen=True, slots=True)
class Suite:
    name: str
    families: tuple[str, ...]
    runs: int
    description: str


_ADV = tuple(ADVERSARIAL)

SUITES: dict[str, Suite] = {
    "quick": Suite(
        "quick", ("traffic", *_ADV), 1 + len(_ADV), "a traffic hour and every adversarial family, once each"
    ),
    "standard": Suite(
        "standard",
        ("traffic",) * 6 + ("traffic-busy",) * 2 + _ADV,
        100,
        "VRAEM traffic hours (quiet and busy) and the adversarial families, 8:11 in each cycle of 19",
    ),
    "stress": Suite(
        "stress",
        ("traffic-6h", "traffic-busy", "crowded_valley"),
        6,
        "six-hour valleys with 24 flights and 4 resident survey aircraft, busy hours, 185 strips",
    ),
}


@dataclass(frozen=True, slots=True)
class RunSpec:
    index: int
    family: str
    seed: int
    settings: tuple[tuple[str, str], ...] = ()
    time_tracker: bool = False  # also time the tracker alone on the same plots


def plan_runs(
    suite: Suite, runs: int, seed: int, settings: tuple[tuple[str, str], ...], *, skip: Container[int] = ()
) -> Iterator[RunSpec]:
    """Run i: family `suite.families[i mod n]`, seed `seed + i`; every tenth run also times the
    tracker alone. Lazy: a spec is made when it is taken; `skip`: indices already run."""
    for i in range(runs):
        if i not in skip:
            yield RunSpec(i, suite.families[i % len(suite.families)], seed + i, settings, time_tracker=i % 10 == 0)


# Closed-loop runs replay about this many scenario seconds per wall-clock second and worker (measured:
# `bench standard --runs 1000 --workers 2`, 29.6 runs a minute, 2026-12-07); a rough figure for the estimate.
REPLAY_SPEED = 800.0


def estimate_min(suite: Suite, runs: int, seed: int, workers: int) -> float:
    """A rough wall-clock estimate of `runs` runs, in minutes, from the scenario time of one cycle."""
    cycle = [float(document_of(f, seed + i)["duration_s"]) for i, f in enumerate(suite.families)]
    per_run_s = sum(cycle) / len(cycle) / REPLAY_SPEED
    return runs * per_run_s / max(workers, 1) / 60.0


def suite_of(name: str) -> Suite:
    """A suite by name, or a one-family suite named after the family (for reproducing one run)."""
    if name in SUITES:
        return SUITES[name]
    if name in FAMILIES:
        return Suite(name, (name,), 1, f"the family {name} alone")
    raise KeyError(name)


def document_of(family: str, seed: int) -> dict[str, Any]:
    """The scenario document of `family` at `seed` (deterministic)."""
    return FAMILIES[family](np.random.default_rng(seed), seed)
