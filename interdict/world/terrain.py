"""Synthetic terrain and radar line of sight.

No elevation model for Peru ships in any installable package, so a scenario may describe a smooth
parametric surface: a base altitude plus ridges, each a Gaussian cross-section (sigma
`half_width_m`) about a line segment. Without `terrain:` the surface is the WGS84 ellipsoid (sea
level), so line of sight reduces to the 4/3-earth radar horizon.

Line of sight uses the effective-earth model (radius k*R, k = 4/3): on the straight ray from a
point at height h1 to a point at height h2 at ground distance D, the height above the surface at
ground distance s is h1 + (h2 - h1) s/D - s (D - s) / (2 k R). The ray is clear when that height
stays above the terrain at every sampled point (end points excluded).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from interdict.contract.specs import TerrainSpec
from interdict.core.arrays import FloatArray
from interdict.core.geodesy import EARTH_RADIUS_M, K_REFRACTION, LocalFrame

__all__ = ["Terrain", "terrain_of", "terrain_height_m", "line_of_sight"]


@dataclass(frozen=True, slots=True)
class Terrain:
    """Terrain in a local ENU frame: base altitude and ridges as ENU segments (metres)."""

    base_alt_m: float
    ridge_starts_m: FloatArray  # (k, 2) east, north of each ridge's start
    ridge_ends_m: FloatArray  # (k, 2)
    crest_alt_m: FloatArray  # (k,)
    half_width_m: FloatArray  # (k,)


def terrain_of(spec: TerrainSpec | None, frame: LocalFrame) -> Terrain:
    """The terrain of a scenario in its ENU frame; `None` gives the sea-level ellipsoid."""
    if spec is None:
        empty = np.zeros((0, 2))
        return Terrain(0.0, empty, empty, np.zeros(0), np.zeros(0))

    def enu(points: list[tuple[float, float]]) -> FloatArray:
        lat = np.array([p[0] for p in points], dtype=float)
        lon = np.array([p[1] for p in points], dtype=float)
        e, n, _ = frame.to_enu(lat, lon, np.zeros_like(lat))
        return np.column_stack([e, n]) if len(points) else np.zeros((0, 2))

    return Terrain(
        base_alt_m=spec.base_alt_m,
        ridge_starts_m=enu([(r.start.lat, r.start.lon) for r in spec.ridges]),
        ridge_ends_m=enu([(r.end.lat, r.end.lon) for r in spec.ridges]),
        crest_alt_m=np.array([r.crest_alt_m for r in spec.ridges], dtype=float),
        half_width_m=np.array([r.half_width_m for r in spec.ridges], dtype=float),
    )


def terrain_height_m(terrain: Terrain, east_m: npt.ArrayLike, north_m: npt.ArrayLike) -> FloatArray:
    """Terrain altitude (metres, ellipsoidal) at ENU points of the terrain's frame; arrays broadcast."""
    e, n = np.broadcast_arrays(np.asarray(east_m, dtype=float), np.asarray(north_m, dtype=float))
    height = np.full(e.shape, terrain.base_alt_m)
    for a, b, crest, sigma in zip(
        terrain.ridge_starts_m, terrain.ridge_ends_m, terrain.crest_alt_m, terrain.half_width_m, strict=True
    ):
        ab = b - a
        length2 = float(ab @ ab)
        f = np.clip(((e - a[0]) * ab[0] + (n - a[1]) * ab[1]) / length2, 0.0, 1.0) if length2 > 0 else 0.0
        d2 = (e - (a[0] + f * ab[0])) ** 2 + (n - (a[1] + f * ab[1])) ** 2
        height = np.maximum(height, terrain.base_alt_m + (crest - terrain.base_alt_m) * np.exp(-d2 / (2 * sigma**2)))
    return height


def line_of_sight(
    terrain: Terrain,
    *,
    sensor_en_m: tuple[float, float],
    sensor_alt_m: float,
    target_east_m: npt.ArrayLike,
    target_north_m: npt.ArrayLike,
    target_alt_m: npt.ArrayLike,
    samples: int = 48,
    k: float = K_REFRACTION,
) -> npt.NDArray[np.bool_]:
    """Whether each target is visible from the sensor over the terrain and the 4/3-earth bulge.

    Positions are east/north in the terrain's ENU frame; altitudes are ellipsoidal metres.
    """
    te, tn, th = np.broadcast_arrays(
        np.asarray(target_east_m, dtype=float),
        np.asarray(target_north_m, dtype=float),
        np.asarray(target_alt_m, dtype=float),
    )
    f = (np.arange(1, samples + 1) / (samples + 1))[:, None]  # (s, 1) fractions along the ray
    ground_m = np.hypot(te - sensor_en_m[0], tn - sensor_en_m[1])  # (n,)
    ray_alt_m = (
        sensor_alt_m + (th - sensor_alt_m) * f - (f * ground_m) * ((1 - f) * ground_m) / (2 * k * EARTH_RADIUS_M)
    )
    under = terrain_height_m(
        terrain, sensor_en_m[0] + f * (te - sensor_en_m[0]), sensor_en_m[1] + f * (tn - sensor_en_m[1])
    )
    clear = np.all(ray_alt_m > under, axis=0)
    return np.asarray(clear & (th > terrain_height_m(terrain, te, tn) - 1.0))
