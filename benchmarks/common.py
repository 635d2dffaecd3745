"""Shared pieces of the benchmark scripts."""

from __future__ import annotations

MAZAMARI = {"lat": -11.3254, "lon": -74.5356}


def mazamari_radar(false_plots_per_scan: float) -> dict[str, object]:
    """A primary + secondary radar at Mazamari with the parameters of the bundled scenarios (scenario-file form)."""
    return {
        "id": "r",
        "at": {**MAZAMARI, "alt_m": 700},
        "kind": "psr+ssr",
        "antenna_height_m": 15,
        "scan_period_s": 10,
        "range_sigma_m": 60,
        "azimuth_sigma_deg": 0.15,
        "max_range_km": 250,
        "detection_probability": 0.9,
        "false_plots_per_scan": false_plots_per_scan,
    }
