"""Performance envelopes of the light aircraft types that scenarios may use.

Figures are rounded public type data (manufacturers' pilot operating handbooks as summarised by
type-data sites; ../docs cite them): the C206 cruises about 142 kt at 6,200 ft with a service ceiling
of about 15,700 ft, the C210 about 150-160 kt. Minimum airborne speeds sit just above the clean stall;
maximum speeds just above the maximum cruise (light aircraft here are far from Vne on long legs).
"""

from __future__ import annotations

from dataclasses import dataclass

from interdict.core.errors import InterdictError
from interdict.core.units import ft_to_m, kt_to_mps

__all__ = ["AircraftType", "KNOWN_TYPES", "UnknownAircraftTypeError", "aircraft_type"]


@dataclass(frozen=True, slots=True)
class AircraftType:
    """Envelope of a light aircraft type (SI units)."""

    name: str
    description: str
    min_speed_mps: float  # slowest plausible airborne ground speed in still air (clean stall + margin)
    cruise_speed_mps: float  # typical 75 % power cruise
    max_speed_mps: float  # fastest plausible ground speed on a leg, tail wind included
    ceiling_m: float  # service ceiling
    max_bank_deg: float  # bank limit used for coordinated turns
    climb_mps: float  # typical climb rate
    descent_mps: float  # typical approach descent rate (positive number)


def _type(  # noqa: PLR0913  (a table row: keyword-only fields)
    name: str,
    description: str,
    *,
    stall_kt: float,
    cruise_kt: float,
    max_kt: float,
    ceiling_ft: float,
    climb_fpm: float,
    descent_fpm: float = 700.0,
    bank_deg: float = 30.0,
) -> AircraftType:
    return AircraftType(
        name=name,
        description=description,
        min_speed_mps=kt_to_mps(stall_kt * 1.2),
        cruise_speed_mps=kt_to_mps(cruise_kt),
        max_speed_mps=kt_to_mps(max_kt),
        ceiling_m=ft_to_m(ceiling_ft),
        max_bank_deg=bank_deg,
        climb_mps=ft_to_m(climb_fpm) / 60.0,
        descent_mps=ft_to_m(descent_fpm) / 60.0,
    )


# Tail-wind allowance: maximum leg ground speed is max cruise plus 30 kt.
KNOWN_TYPES: dict[str, AircraftType] = {
    t.name: t
    for t in (
        _type("C172", "Cessna 172 Skyhawk", stall_kt=48, cruise_kt=122, max_kt=155, ceiling_ft=13_500, climb_fpm=720),
        _type("C182", "Cessna 182 Skylane", stall_kt=50, cruise_kt=145, max_kt=175, ceiling_ft=18_100, climb_fpm=920),
        _type(
            "C185",
            "Cessna A185 Skywagon (land or floats)",
            stall_kt=49,
            cruise_kt=140,
            max_kt=175,
            ceiling_ft=17_150,
            climb_fpm=1_000,
        ),
        _type(
            "C206",
            "Cessna 206 Stationair / U206 (land or floats)",
            stall_kt=54,
            cruise_kt=142,
            max_kt=175,
            ceiling_ft=15_700,
            climb_fpm=990,
        ),
        _type("C210", "Cessna 210 Centurion", stall_kt=56, cruise_kt=160, max_kt=195, ceiling_ft=17_300, climb_fpm=950),
        _type(
            "PA-32",
            "Piper PA-32 Cherokee Six / Saratoga",
            stall_kt=56,
            cruise_kt=148,
            max_kt=180,
            ceiling_ft=16_250,
            climb_fpm=990,
        ),
        _type(
            "BE36", "Beechcraft Bonanza A36", stall_kt=59, cruise_kt=165, max_kt=200, ceiling_ft=18_500, climb_fpm=1_030
        ),
        _type(
            "PC-6",
            "Pilatus PC-6 Porter (STOL, mission fleets)",
            stall_kt=50,
            cruise_kt=115,
            max_kt=150,
            ceiling_ft=25_000,
            climb_fpm=940,
        ),
    )
}


class UnknownAircraftTypeError(InterdictError):
    """An aircraft type not in the table."""


def aircraft_type(name: str) -> AircraftType:
    """The envelope of a known type; raises UnknownAircraftTypeError listing the known ones."""
    try:
        return KNOWN_TYPES[name]
    except KeyError:
        raise UnknownAircraftTypeError(
            f"unknown aircraft type {name!r}; known types: {', '.join(sorted(KNOWN_TYPES))}"
        ) from None
