"""`--set key=value`: the tracker and strip-model settings a benchmark overrides, without code.

Keys are `tracker.NAME` (`TrackerConfig`) and `strips.NAME` (`StripModel`), or
`strips.kind_prior.KIND`; a value is read as the type of the setting it replaces (a finite number
>= 0, and > 0 for a time, distance, speed, sigma or gate; a probability in [0, 1] for
`*_probability`; an integer; true/false; or one of the allowed words), and M of N confirmation must
keep 1 <= M <= N.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

from interdict.core.errors import InterdictError
from interdict.engine.engine import EngineConfig

__all__ = ["parse_settings", "engine_config", "known_settings"]

_WORDS = {"associator": ("gnn", "jpda")}
_MEASURES = ("_s", "_m", "_mps", "_mps2", "_dps", "_per_m", "_d2")  # a time, distance, rate, sigma or gate: > 0


def known_settings() -> list[str]:
    base = EngineConfig()
    keys = [f"tracker.{f.name}" for f in dataclasses.fields(base.tracker)]
    keys += [f"strips.{f.name}" for f in dataclasses.fields(base.strips) if f.name != "kind_prior"]
    keys += [f"strips.kind_prior.{k}" for k in base.strips.kind_prior]
    return keys


def parse_settings(items: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """`key=value` pairs, checked against the settings (InterdictError naming the bad one)."""
    pairs = []
    known = known_settings()
    for item in items:
        key, eq, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not eq or not key or not value:
            raise InterdictError(f"--set {item!r}: expected key=value, for example tracker.cv_accel_sigma_mps2=0.5")
        if key not in known:
            raise InterdictError(f"--set {key}: unknown setting; known: {', '.join(known)}")
        pairs.append((key, value))
    engine_config(tuple(pairs))  # every value read now, before any run starts
    return tuple(pairs)


def _value(key: str, text: str, current: Any) -> Any:
    name = key.rsplit(".", 1)[-1]
    if name in _WORDS:
        if text not in _WORDS[name]:
            raise InterdictError(f"--set {key}: expected {' or '.join(_WORDS[name])}, got {text!r}")
        return text
    if isinstance(current, tuple):  # numbers separated by commas; empty for none
        return tuple(_value(key, part, 1.0) for part in text.split(",") if part.strip())
    if isinstance(current, bool):
        if text.lower() not in ("true", "false"):
            raise InterdictError(f"--set {key}: expected true or false, got {text!r}")
        return text.lower() == "true"
    try:
        number = int(text) if isinstance(current, int) else float(text)
    except ValueError:
        kind = "an integer" if isinstance(current, int) else "a number"
        raise InterdictError(f"--set {key}: expected {kind}, got {text!r}") from None
    if not math.isfinite(number):
        raise InterdictError(f"--set {key}: expected a finite number, got {text!r}")
    if number < 0:  # every numeric setting is a count, a time, a distance, a sigma, a prior or a factor
        raise InterdictError(f"--set {key}: expected a number >= 0, got {text!r}")
    measure = isinstance(current, float) and name.endswith(_MEASURES) and name != "default_alt_m"
    if number == 0 and measure:
        raise InterdictError(f"--set {key}: expected a time, distance, speed or sigma > 0, got {text!r}")
    if name.endswith("_probability") and number > 1:
        raise InterdictError(f"--set {key}: expected a probability in [0, 1], got {text!r}")
    return number


def engine_config(settings: tuple[tuple[str, str], ...]) -> EngineConfig:
    """The replay's engine configuration with `settings` applied."""
    config = EngineConfig()
    tracker, strips = config.tracker, config.strips
    for key, text in settings:
        part, _, rest = key.partition(".")
        if part == "tracker":
            tracker = dataclasses.replace(tracker, **{rest: _value(key, text, getattr(tracker, rest))})
        elif rest.startswith("kind_prior."):
            kind = rest.split(".", 1)[1]
            prior = {**strips.kind_prior, kind: _value(key, text, strips.kind_prior[kind])}
            strips = dataclasses.replace(strips, kind_prior=MappingProxyType(prior))
        else:
            strips = dataclasses.replace(strips, **{rest: _value(key, text, getattr(strips, rest))})
    if tracker.confirm_m > tracker.confirm_n or tracker.confirm_m < 1:
        raise InterdictError(
            f"--set tracker.confirm_m: expected 1 to tracker.confirm_n ({tracker.confirm_n}) plots (M of N), "
            f"got {tracker.confirm_m}"
        )
    return EngineConfig(tracker=tracker, strips=strips)
