"""Shared fixtures: paths of the bundled scenarios; factories for the wide value types."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import settings

from interdict.engine.ladder import Recommendation, Rung
from interdict.engine.tracking import TrackState, TrackStatus

# Property tests draw the same examples on every run (CI must not depend on luck);
# INTERDICT_HYPOTHESIS_PROFILE=explore searches afresh each time.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("INTERDICT_HYPOTHESIS_PROFILE", "repeatable"))

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@pytest.fixture
def scenario_path() -> Path:
    """The README's main scenario."""
    return SCENARIOS / "vraem-shuttle.yaml"


# --- factories: wide value types built with keywords, only what a test cares about given -------------


def make_track(**overrides: Any) -> TrackState:
    """A confirmed track at the frame origin, at rest, well updated; override any field by name, or
    give `east_m`, `north_m`, `east_mps`, `north_mps` for the state vector."""
    x = np.array(
        [
            overrides.pop("east_m", 0.0),
            overrides.pop("east_mps", 0.0),
            overrides.pop("north_m", 0.0),
            overrides.pop("north_mps", 0.0),
        ]
    )
    t_s = overrides.get("t_s", 0.0)
    fields: dict[str, Any] = {
        "track_id": "T1",
        "t_s": t_s,
        "status": TrackStatus.CONFIRMED,
        "x": x,
        "P": np.eye(4) * 100.0,
        "created_t_s": 0.0,
        "last_update_t_s": t_s,
        "n_updates": 20,
    }
    return TrackState(**(fields | overrides))


def make_recommendation(**overrides: Any) -> Recommendation:
    """A recommendation to hold at MONITOR with nothing to do; override any field by name (`rung`
    also sets `previous_rung` unless that is given)."""
    rung = overrides.get("rung", Rung.MONITOR)
    fields: dict[str, Any] = {
        "track_id": "T1",
        "t_s": 0.0,
        "previous_rung": rung,
        "rung": rung,
        "next_rung": None,
        "allowed": False,
        "blocked_by": (),
        "options": (),
        "procedures": (),
    }
    return Recommendation(**(fields | overrides))
