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

from interdict.core.arrays import FloatArray

__all__ = ["BINS", "bin_totals", "reliability", "expected_calibration_error"]

BINS = 10


def bin_totals(forecasts: Iterable[tuple[float, bool]], bins: int = BINS) -> FloatArray:
    """(bins, 3): per bin of p, the count of forecasts, the sum of their p and the count of hits.
    Totals add up over sets of forecasts (the bench's bootstrap over runs sums them)."""
    pairs = np.array([(p, float(hit)) for p, hit in forecasts], dtype=float).reshape(-1, 2)
    k = np.minimum((pairs[:, 0] * bins).astype(int), bins - 1)
    out: FloatArray = np.stack(
        [np.bincount(k, minlength=bins), np.bincount(k, pairs[:, 0], bins), np.bincount(k, pairs[:, 1], bins)], axis=1
    ).astype(float)
    return out


def reliability(forecasts: Iterable[tuple[float, bool]], bins: int = BINS) -> list[dict[str, float | int]]:
    """Per non-empty bin of p: its bounds, count, mean p and observed frequency of hits."""
    totals = bin_totals(forecasts, bins)
    return [
        {
            "lo": b / bins,
            "hi": (b + 1) / bins,
            "n": int(n),
            "confidence": float(p_sum / n),
            "frequency": float(hits / n),
        }
        for b, (n, p_sum, hits) in enumerate(totals)
        if n
    ]


def expected_calibration_error(rows: list[dict[str, float | int]]) -> float | None:
    """ECE of reliability rows (None without forecasts)."""
    n = sum(int(r["n"]) for r in rows)
    if n == 0:
        return None
    return sum(int(r["n"]) * abs(float(r["frequency"]) - float(r["confidence"])) for r in rows) / n
