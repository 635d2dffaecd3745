"""A radar plot: one detection in the radar's own polar frame (what the engine receives), and the
one way a plot stream is cut into steps."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

__all__ = ["Plot", "NorthMarker", "Recording", "markers_between", "scans"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Plot:
    """One radar detection, in the radar's own polar frame.

    `range_m` is slant range from the antenna; `azimuth_rad` is clockwise from true north at the
    radar site, in [0, 2*pi); `elevation_rad` (if measured) is above the local horizontal.
    `mode_a` (a four-digit octal squawk string) and `mode_c_alt_ft` (pressure altitude, 100 ft
    steps) come only from SSR replies. `t_s` is when the beam crossed the target, in seconds after
    the scenario's start. A primary plot carries no identity: nothing here says which aircraft
    (if any) produced it.
    """

    plot_id: int
    radar_id: str
    t_s: float
    range_m: float
    azimuth_rad: float
    elevation_rad: float | None = None
    mode_a: str | None = None
    mode_c_alt_ft: float | None = None


@dataclass(frozen=True, slots=True)
class NorthMarker:
    """A radar's beam crossing north at `t_s` (seconds after the scenario's start), as a recording
    tells it (ASTERIX CAT034): one per antenna turn."""

    radar_id: str
    t_s: float


@dataclass(frozen=True, slots=True)
class Recording:
    """Recorded radar data: plots in time order and the north markers, when the recording has them."""

    plots: tuple[Plot, ...]
    north_markers: tuple[NorthMarker, ...] = ()


def markers_between(markers: Sequence[NorthMarker], after_s: float, until_s: float) -> Sequence[NorthMarker]:
    """The markers with after_s < t_s <= until_s of markers sorted by t_s (a bisection, not a scan:
    a day's recording has 8,640 of them per radar, and a replay asks at every step)."""
    return markers[bisect_right(markers, after_s, key=_t) : bisect_right(markers, until_s, key=_t)]


def _t(marker: NorthMarker) -> float:
    return marker.t_s


def scans(
    plots: Iterable[Plot],
    step_s: float,
    *,
    t_start_s: float = 0.0,
    t_end_s: float | None = None,
    past_end: bool = True,
) -> Iterator[tuple[float, list[Plot]]]:
    """Cut a time-ordered plot stream into steps: yields (t_s, the plots with previous t_s < plot.t_s
    <= t_s) at t_s = t_start_s + step_s, + 2 step_s, ...

    Steps go on until the stream is exhausted (at least one step) and, with `t_end_s`, at least to
    t_end_s (1e-9 s tolerance), with or without plots. `past_end=False` stops at t_end_s: later
    plots are not read (a replay that ends early).
    """
    stream = iter(plots)
    ahead = next(stream, None)
    t_s = t_start_s + step_s
    while True:
        batch: list[Plot] = []
        while ahead is not None and ahead.t_s <= t_s:
            batch.append(ahead)
            ahead = next(stream, None)
        yield t_s, batch
        t_s += step_s
        before_end = t_end_s is not None and t_s <= t_end_s + 1e-9
        if not before_end and (ahead is None or (t_end_s is not None and not past_end)):
            return
