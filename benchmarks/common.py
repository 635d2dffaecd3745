"""Shared pieces of the benchmark scripts."""

from __future__ import annotations

from interdict.bench.families.parts import MAZAMARI
from interdict.bench.families.parts import mazamari_radar as _mazamari_radar

__all__ = ["MAZAMARI", "mazamari_radar"]


def mazamari_radar(false_plots_per_scan: float) -> dict[str, object]:
    """The bundled scenarios' Mazamari radar (scenario-file form), with the id `r`."""
    return _mazamari_radar(false_plots_per_scan, "r")
