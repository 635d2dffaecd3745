"""A radar plot: one detection in the radar's own polar frame (what the engine receives)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Plot"]


@dataclass(frozen=True, slots=True)
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
