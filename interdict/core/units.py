"""Unit conversions used at the edges (files, CLI); code inside works in SI units."""

from __future__ import annotations

__all__ = ["FT_TO_M", "KT_TO_MPS", "G_MPS2", "ft_to_m", "m_to_ft", "kt_to_mps", "mps_to_kt"]

FT_TO_M = 0.3048
KT_TO_MPS = 1852.0 / 3600.0
G_MPS2 = 9.80665


def ft_to_m(alt_ft: float) -> float:
    """Feet to metres."""
    return alt_ft * FT_TO_M


def m_to_ft(alt_m: float) -> float:
    """Metres to feet."""
    return alt_m / FT_TO_M


def kt_to_mps(speed_kt: float) -> float:
    """Knots to metres per second."""
    return speed_kt * KT_TO_MPS


def mps_to_kt(speed_mps: float) -> float:
    """Metres per second to knots."""
    return speed_mps / KT_TO_MPS
