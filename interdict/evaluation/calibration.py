"""Calibration of stated probabilities: reliability bins and the expected calibration error (ECE).

A forecast is (p, hit): the probability the engine gave its most likely destination, and whether
the aircraft then landed there. Forecasts are put in `BINS` equal-width bins of p; in each, the mean
p (confidence) is set against the share of hits (observed frequency). The ECE is the mean of
|frequency - confidence| over bins weighted by their counts (Naeini et al., 2015; Guo et al., 2017):
0 for perfectly calibrated probabilities, and positive both for over- and under-confidence.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = ["BINS", "reliability", "expected_calibration_error"]

BINS = 10


def reliability(forecasts: Iterable[tuple[float, bool]], bins: int = BINS) -> list[dict[str, float | int]]:
    """Per non-empty bin of p: its bounds, count, mean p and observed frequency of hits."""
    pairs = np.array([(p, float(hit)) for p, hit in forecasts], dtype=float).reshape(-1, 2)
    k = np.minimum((pairs[:, 0] * bins).astype(int), bins - 1)
    out: list[dict[str, float | int]] = []
    for b in range(bins):
        inside = pairs[k == b]
        if len(inside):
            out.append(
                {
                    "lo": b / bins,
                    "hi": (b + 1) / bins,
                    "n": len(inside),
                    "confidence": float(inside[:, 0].mean()),
                    "frequency": float(inside[:, 1].mean()),
                }
            )
    return out


def expected_calibration_error(rows: list[dict[str, float | int]]) -> float | None:
    """ECE of reliability rows (None without forecasts)."""
    n = sum(int(r["n"]) for r in rows)
    if n == 0:
        return None
    return sum(int(r["n"]) * abs(float(r["frequency"]) - float(r["confidence"])) for r in rows) / n
