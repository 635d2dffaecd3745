"""The 2001 reconstruction with the picture as the 2001 crew had it: variants of the shipped
`bowers-2001` scenario in which what the engine may know is less than what was true.

- `bowers_no_tower`: no channel to Iquitos tower: the tower (which held the floatplane's plan and was
  talking to it) is not in the picture, so neither is its plan; SPQT, the floatplane's destination,
  is listed with no unit serving it;
- `bowers_unlisted_holder`: the plan is held by the mission's own radio desk, which the picture does
  not list; the tower is listed, serves SPQT, holds no plan and is not in contact;
- `bowers_no_register`: the register snapshot lacks OB-1408 (the tower and its plan are listed); the
  registry authority, asked, has it;
- `bowers_crew`: no tower and no register entry together (the review's variant V2); the registry
  authority, asked, has OB-1408.
The seed moves the start by up to 20 minutes and the cruise altitude by up to 100 m; the trap stays.
Every variant must stay at VISUAL_ID or below, and once OB-1408's registration is read and found (in
the snapshot, or from the registry authority) the engine advises the release, series 2
(`tests/bench/test_adversarial.py`).
"""

from __future__ import annotations

import copy
import functools
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

import numpy as np
import yaml

__all__ = ["bowers_no_tower", "bowers_unlisted_holder", "bowers_no_register", "bowers_crew"]


@functools.cache
def _shipped() -> dict[str, Any]:
    text = resources.files("interdict.examples").joinpath("bowers-2001.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _base(rng: np.random.Generator, seed: int, name: str, what: str) -> dict[str, Any]:
    doc = copy.deepcopy(_shipped())
    start = datetime.fromisoformat(str(doc["start"]).replace("Z", "+00:00"))
    shifted = start + timedelta(seconds=float(rng.uniform(-1_200, 1_200)))
    doc.update(
        name=name,
        description=f"bowers-2001 as the 2001 crew had the picture: {what}",
        start=shifted.isoformat().replace("+00:00", "Z"),
        seed=seed,
    )
    dz = float(rng.uniform(-100, 100))
    for wp in doc["aircraft"][0]["route"]:
        if "alt_m" in wp:
            wp["alt_m"] = round(wp["alt_m"] + dz)
    return doc


def _without_tower(doc: dict[str, Any]) -> None:
    doc["atc_units"] = [u for u in doc["atc_units"] if u["id"] != "iquitos-twr"]
    doc["flight_plans"] = []
    doc["aircraft"][0]["radio"]["in_contact_with"] = []


def _without_register(doc: dict[str, Any]) -> None:
    """The snapshot lacks the floatplane; the registry authority, asked, has it (the snapshot was stale)."""
    doc["registry_authority"] = doc["registry"]
    doc["registry"] = []


def bowers_no_tower(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    doc = _base(rng, seed, "adv-bowers-no-tower", "Iquitos tower is not in the picture, nor the plan it holds.")
    _without_tower(doc)
    return doc


def bowers_unlisted_holder(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    doc = _base(
        rng, seed, "adv-bowers-unlisted-holder", "the plan is held by the mission's radio desk, not in the picture."
    )
    doc["flight_plans"] = []
    doc["aircraft"][0]["radio"]["in_contact_with"] = []
    return doc


def bowers_no_register(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    doc = _base(rng, seed, "adv-bowers-no-register", "the register snapshot lacks OB-1408.")
    _without_register(doc)
    return doc


def bowers_crew(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    doc = _base(rng, seed, "adv-bowers-crew", "no Iquitos tower and no register entry for OB-1408.")
    _without_tower(doc)
    _without_register(doc)
    return doc
