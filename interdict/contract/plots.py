"""A radar plot: one detection in the radar's own polar frame (what the engine receives), and the
one way a plot stream is cut into steps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = ["Plot", "NorthMarker", "Recording", "scans"]


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
