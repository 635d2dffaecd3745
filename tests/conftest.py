"""Shared fixtures: paths of the bundled scenarios."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

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
