"""The engine never reads truth: no truth types in its signatures, no world imports in its modules."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import pytest

import interdict
from interdict.engine import Engine
from interdict.picture import Picture, picture_of
from interdict.scenario import load_scenario

from .conftest import SCENARIOS

ROOT = Path(interdict.__file__).parent
ENGINE_SIDE = [
    "engine.py",
    "identify.py",
    "safety.py",
    "ladder.py",
    "strips.py",
    "rules.py",
    "observations.py",
    "picture.py",
    *(f"tracking/{p.name}" for p in (ROOT / "tracking").glob("*.py")),
]
WORLD_SIDE = {
    "interdict.truth",
    "interdict.world",
    "interdict.operator",
    "interdict.score",
    "interdict.radar",
    "interdict.replay",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


@pytest.mark.parametrize("module", ENGINE_SIDE)
def test_engine_side_never_imports_the_world(module: str) -> None:
    assert not _imports(ROOT / module) & WORLD_SIDE


def test_engine_signatures_take_no_truth() -> None:
    params = inspect.signature(Engine.__init__).parameters
    assert params["picture"].annotation in (Picture, "Picture")
    for name in ("step", "initial_state"):
        for p in inspect.signature(getattr(Engine, name)).parameters.values():
            assert not any(word in str(p.annotation) for word in ("Scenario", "AircraftSpec", "Trajectory", "Truth"))
    assert not {f.name for f in dataclasses.fields(Picture)} & {"aircraft", "operator"}


def test_engine_steps_without_plots() -> None:
    engine = Engine(picture_of(load_scenario(SCENARIOS / "crossing-pair.yaml")))
    state = engine.initial_state()
    state, out = engine.step(state, [], [], 10.0)
    assert out.tracks == () and out.recommendations == () and state.t_s == 10.0
