"""Shared fixtures: paths of the bundled scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@pytest.fixture
def scenario_path() -> Path:
    """The README's main scenario."""
    return SCENARIOS / "vraem-shuttle.yaml"
