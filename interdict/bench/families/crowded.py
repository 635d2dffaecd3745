"""A crowded valley: a family document plus a realistic strip database and traffic (`crowded`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from interdict.bench.families.civil import silent_taxi
from interdict.bench.families.parts import strip_at

__all__ = ["AERODROMES", "crowded", "crowded_valley"]


AERODROMES = (
    "SPJC",
    "SPZO",
    "SPQT",
    "SPCL",
    "SPHO",
    "SPMF",
    "SPAY",
    "SPJL",
    "SPRU",
    "SPHI",
    "SPSO",
    "SPTN",
    "SPQU",
    "SPGM",
    "SPTU",
)


def crowded(doc: dict[str, Any], rng: np.random.Generator, *, strips: int = 185, plans: int = 20) -> dict[str, Any]:
    """`doc` with a realistic strip database along the valley (`strips` clandestine and community strips
    within 90 km of the origin) and `plans` ordinary domestic plans between aerodromes held by Lima ACC."""
    extra = [
        strip_at(
            f"{'cl' if k % 4 else 'cm'}-valley-{k:03d}",
            "clandestine" if k % 4 else "community",
            float(rng.uniform(-60_000, 60_000)),
            float(rng.uniform(-90_000, 30_000)),
            length_m=400,
        )
        for k in range(strips)
    ]
    domestic = []
    for k in range(plans):
        dep, dest = rng.choice(len(AERODROMES), size=2, replace=False)
        domestic.append(
            {
                "callsign": f"OB9{k:03d}",
                "registration": f"OB-9{k:03d}",
                "aircraft_type": "C206",
                "departure": AERODROMES[int(dep)],
                "destination": AERODROMES[int(dest)],
                "off_block_s": float(rng.uniform(-3_600, 3_600)),
                "cruise_alt_ft": 9000,
                "held_by": ["lima-acc"],
                "filed_s": -7_200,
            }
        )
    return {
        **doc,
        "strips": [*doc.get("strips", []), *extra],
        "flight_plans": [*doc.get("flight_plans", []), *domestic],
    }


def crowded_valley(rng: np.random.Generator, seed: int) -> dict[str, Any]:
    doc = silent_taxi(rng, seed)
    doc["name"] = "adv-crowded-valley"
    doc["description"] = (
        "The silent air taxi in a valley of 185 strips, with 20 ordinary domestic plans held by Lima ACC."
    )
    return crowded(doc, rng)
