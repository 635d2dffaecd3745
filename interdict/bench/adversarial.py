"""Adversarial scenario families: closed-loop scenarios built to trap the engine (WORLD side).

Each family is a seeded generator of a valid `interdict/1` document (a plain mapping that
`Scenario.model_validate` accepts and that can be written out as YAML and replayed). The seed moves
positions, times and offsets within realistic bounds; the trap stays. What every family must show:
no civil aircraft recommended above VISUAL_ID, cued, intercepted or told to land.

- `swap`: a smuggler flies 700 m abeam a civil C206 on a filed plan, in contact with Lima, then
  slides across it (the tracks can swap), then turns away to a clandestine strip;
- `join_and_swap`: a smuggler identified far from anyone joins a civil aircraft 700 m abeam, slides across
  it and leaves: the evidence gathered on the smuggler's track may now be the civil aircraft's;
- `silent_taxi`: a registered air taxi flying VFR without a plan, transponder off, listening only to
  its company frequency, lands at a community strip 3 km from a clandestine one;
- `river_medevac`: a medevac floatplane without plan or transponder lands on a river 1.8 km past a
  clandestine strip;
- `late_plan`: a civil aircraft whose plan reaches Lima ACC after the first answers;
- `round_trip`: a survey flight (departure = destination) orbiting over the valley for an hour;
- `track_break`: a civil aircraft squawking, then low behind a ridge with its transponder off: the
  track breaks and re-forms without a squawk;
- `callsign_plan`: a plan filed by call sign only, no registration, no transponder, no contact;
- `portuguese_pilot`: a Brazilian air taxi whose pilot speaks Portuguese only;
- `weather_return`, `fog_delay`: an air taxi on its plan's route the other way (turned back for
  weather), and one departing 100-120 minutes after its off-block (fog): each plan must still fit;
- `scripted_wrong`: an operator script full of mistakes (a cue to a river, interception signals
  while the engine holds at IDENTIFY, a landing instruction to a clandestine strip, a sign-off
  before the block, a trainee's sign-off of an UNKNOWN, an invisible author, markup in a dissent);
- `bowers_no_tower`, `bowers_unlisted_holder`, `bowers_no_register`, `bowers_crew`: the 2001
  reconstruction with the picture as the 2001 crew had it (`families/reconstruction.py`);
- `state_ambulance`, `police_recon`: state aircraft (register category `state`); `air_force_uhf`: a state
  aircraft in no register, on the UHF guard only; `cloned_registration`, `invented_marks`,
  `false_callsign`, `decoy_plan`, `shared_corridor`, `emergency_squawk`, `squawk_then_dark`: smugglers behind the civil
  list (`families/unlisted.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from interdict.bench.families.civil import (
    callsign_plan,
    fog_delay,
    late_plan,
    portuguese_pilot,
    river_medevac,
    round_trip,
    silent_taxi,
    weather_return,
)
from interdict.bench.families.crowded import crowded_valley
from interdict.bench.families.identity import join_and_swap, scripted_wrong, swap, track_break
from interdict.bench.families.reconstruction import (
    bowers_crew,
    bowers_no_register,
    bowers_no_tower,
    bowers_unlisted_holder,
)
from interdict.bench.families.unlisted import (
    air_force_uhf,
    cloned_registration,
    decoy_plan,
    emergency_squawk,
    false_callsign,
    invented_marks,
    police_recon,
    shared_corridor,
    squawk_then_dark,
    state_ambulance,
)

__all__ = ["FAMILIES", "generate"]


FAMILIES: dict[str, Callable[[np.random.Generator, int], dict[str, Any]]] = {
    "swap": swap,
    "join_and_swap": join_and_swap,
    "silent_taxi": silent_taxi,
    "river_medevac": river_medevac,
    "late_plan": late_plan,
    "round_trip": round_trip,
    "track_break": track_break,
    "callsign_plan": callsign_plan,
    "portuguese_pilot": portuguese_pilot,
    "weather_return": weather_return,
    "fog_delay": fog_delay,
    "scripted_wrong": scripted_wrong,
    "crowded_valley": crowded_valley,
    "bowers_no_tower": bowers_no_tower,
    "bowers_unlisted_holder": bowers_unlisted_holder,
    "bowers_no_register": bowers_no_register,
    "bowers_crew": bowers_crew,
    "state_ambulance": state_ambulance,
    "police_recon": police_recon,
    "air_force_uhf": air_force_uhf,
    "cloned_registration": cloned_registration,
    "invented_marks": invented_marks,
    "false_callsign": false_callsign,
    "decoy_plan": decoy_plan,
    "shared_corridor": shared_corridor,
    "emergency_squawk": emergency_squawk,
    "squawk_then_dark": squawk_then_dark,
}


def generate(family: str, seed: int) -> dict[str, Any]:
    """One scenario document of `family` for `seed` (deterministic)."""
    if family not in FAMILIES:
        raise KeyError(f"unknown adversarial family {family!r}; known: {', '.join(FAMILIES)}")
    return FAMILIES[family](np.random.default_rng(seed), seed)
