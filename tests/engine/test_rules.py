"""Rule-set pinning (SC-13, F10): a changed rule set refuses to run."""

from __future__ import annotations

import dataclasses

import pytest

from interdict.core.errors import RuleSetError
from interdict.engine.engine import Engine
from interdict.engine.rules import BASELINE, PINNED_SHA256, check_pinned, rules_sha256
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS


def test_baseline_is_pinned() -> None:
    assert rules_sha256(BASELINE) == PINNED_SHA256 == check_pinned(BASELINE)


def test_shortened_response_window_refuses_to_run() -> None:
    eroded = dataclasses.replace(BASELINE, radio_response_window_s=30.0)
    with pytest.raises(RuleSetError, match=PINNED_SHA256):
        check_pinned(eroded)
    with pytest.raises(RuleSetError, match="refuses to run"):
        Engine(picture_of(load_scenario(SCENARIOS / "bowers-2001.yaml")), eroded)
