"""`--set key=value`: every tracker and strip-model setting reachable, every bad one refused by name."""

from __future__ import annotations

import re

import pytest

from interdict.bench.settings import engine_config, known_settings, parse_settings
from interdict.core.errors import InterdictError
from interdict.engine.engine import EngineConfig, config_sha256


def test_settings_reach_the_engine_configuration() -> None:
    pairs = parse_settings(
        [
            "tracker.cv_accel_sigma_mps2=0.5",
            "tracker.associator=jpda",
            "tracker.confirm_n=5",
            "tracker.report_tentative=true",
            "strips.miss_sigma_m=2000",
            "strips.kind_prior.clandestine=2",
        ]
    )
    config = engine_config(pairs)
    assert config.tracker.cv_accel_sigma_mps2 == 0.5 and config.tracker.associator == "jpda"
    assert config.tracker.confirm_n == 5 and isinstance(config.tracker.confirm_n, int)
    assert config.tracker.report_tentative is True
    assert config.strips.miss_sigma_m == 2000.0 and config.strips.kind_prior["clandestine"] == 2.0
    assert config.strips.kind_prior["river"] == 1.0
    assert config_sha256(config) != config_sha256(EngineConfig())
    assert engine_config(()) == EngineConfig()
    assert len(known_settings()) >= 14 + 20


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ("tracker.nope=1", "tracker.nope: unknown setting"),
        ("cv_accel_sigma_mps2=1", "unknown setting"),
        ("tracker.gate_d2", "expected key=value"),
        ("tracker.gate_d2=", "expected key=value"),
        ("tracker.gate_d2=wide", "tracker.gate_d2: expected a number, got 'wide'"),
        ("tracker.gate_d2=nan", "expected a finite number"),
        ("tracker.confirm_m=2.5", "tracker.confirm_m: expected an integer"),
        ("tracker.associator=mht", "expected gnn or jpda"),
        ("tracker.report_tentative=yes", "expected true or false"),
        ("strips.kind_prior.swamp=1", "unknown setting"),
        ("tracker.cv_accel_sigma_mps2=-1", "expected a number >= 0"),
        ("tracker.mode_stay_probability=1.5", "expected a probability in [0, 1]"),
        ("tracker.confirm_m=9", "tracker.confirm_m: expected 1 to tracker.confirm_n (4)"),
        ("tracker.confirm_m=0", "expected 1 to tracker.confirm_n"),
        ("strips.correlation_time_s=0", "expected a time, distance, speed or sigma > 0"),
    ],
)
def test_bad_settings_are_refused_by_name(item: str, says: str) -> None:
    with pytest.raises(InterdictError, match=re.escape(says)):
        parse_settings([item])
