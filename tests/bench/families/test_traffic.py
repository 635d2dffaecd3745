"""The VRAEM traffic family: every document a valid scenario, deterministic for its seed, steady in
load when it runs long, and written out as YAML it replays the same."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from interdict.bench.families.traffic import CIVIL_KINDS, SMUGGLER_KINDS, vraem_traffic
from interdict.bench.suites import FAMILIES, document_of
from interdict.evaluation.landings import landings
from interdict.scenario.load import load_scenario, scenario_of
from interdict.scenario.semantics import semantic_problems


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), family=st.sampled_from(["traffic", "traffic-busy"]))
def test_every_seed_gives_a_valid_scenario(seed: int, family: str) -> None:
    doc = document_of(family, seed)
    assert semantic_problems(doc) == []
    scenario = scenario_of(doc, "generated")
    roles = [a.role for a in scenario.aircraft]
    assert roles.count("smuggler") >= (2 if family == "traffic" else 4) and "civil" in roles


def test_deterministic_and_every_kind_drawn() -> None:
    assert document_of("traffic", 7) == document_of("traffic", 7) != document_of("traffic", 8)
    ids = [a["id"] for s in range(60) for a in document_of("traffic", s)["aircraft"]]
    assert any(i.endswith("b") for i in ids)  # a pair's wingman
    assert len(SMUGGLER_KINDS) == 4 and len(CIVIL_KINDS) == 6
    registers = [r["category"] for s in range(60) for r in document_of("traffic", s)["registry"]]
    assert {"air_taxi", "medevac", "mission"} <= set(registers)


def test_smugglers_land_at_clandestine_strips_and_stay_ten_to_twelve_minutes() -> None:
    for seed in range(20):
        scenario = scenario_of(document_of("traffic", seed), "generated")
        kinds = {s.id: (s.kind, s.status) for s in scenario.strips}
        for a in scenario.aircraft:
            if a.role != "smuggler":
                continue
            route = list(a.route)
            on = [k for k, w in enumerate(route) if w.strip is not None]
            assert len(on) == 2 and kinds[route[on[0]].strip or ""] == ("clandestine", "active")
            assert 600 <= route[on[1]].t_s - route[on[0]].t_s <= 720


def test_residents_fly_the_whole_run() -> None:
    doc = vraem_traffic(np.random.default_rng(3), 3, duration_s=21_600.0, smugglers=0, civil=0, residents=3)
    scenario = scenario_of(doc, "generated")
    assert len(scenario.aircraft) == 3
    assert all(a.route[0].t_s == 0 and a.route[-2].t_s >= 21_600 for a in scenario.aircraft)
    assert landings(scenario) and all(t > 21_600 for _, _, t in landings(scenario))


def test_a_document_written_as_yaml_loads_back(tmp_path: Path) -> None:
    for family in ("traffic", "swap"):
        doc = document_of(family, 5)
        path = tmp_path / f"{family}.yaml"
        path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
        assert load_scenario(path) == scenario_of(doc, "generated")
    assert set(FAMILIES) >= {"traffic", "traffic-busy", "traffic-6h", "swap", "crowded_valley"}


def test_planned_flights_answer_their_unit_and_surveys_state_their_work_area() -> None:
    """What lets the plan's unit settle whose plan a track holds: a planned flight is in contact with the
    unit that holds its plan; a survey (silent) states where it works, so its plan fits there only."""
    surveys = planned = 0
    for seed in range(30):
        scenario = scenario_of(document_of("traffic", seed), "generated")
        for plan in scenario.flight_plans:
            filer = next(a for a in scenario.aircraft if a.registration == plan.registration)
            if plan.departure == plan.destination:
                surveys += 1
                assert plan.work_area is not None and plan.work_area.radius_m == 6_000
            else:
                planned += 1
                assert set(plan.held_by) <= set(filer.radio.in_contact_with)
    assert surveys and planned
