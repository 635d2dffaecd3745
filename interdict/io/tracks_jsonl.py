"""Track files: JSON lines, one record per scan and track (confirmed, coasting, deleted; tentative
tracks are left out). Positions in the scenario's local ENU frame (metres, metres per second) and
WGS84 (`lat`, `lon` in degrees); `covariance` is the 4x4 covariance of the state (east_m, east_mps,
north_m, north_mps), in that order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from interdict.core.arrays import FloatArray
from interdict.core.errors import InterdictError
from interdict.core.geodesy import LocalFrame
from interdict.engine.tracking import TrackState, TrackStatus
from interdict.io.jsonl import finite_number, json_lines
from interdict.io.outputs import atomic_text

__all__ = ["TracksWritten", "track_record", "write_tracks", "read_shown_tracks"]


class TracksWritten:
    """What a track file holds: how many records, how many different tracks."""

    def __init__(self) -> None:
        self.records = 0
        self.track_ids: set[str] = set()


def track_record(track: TrackState, t_s: float, lat_deg: float, lon_deg: float) -> dict[str, Any]:
    return {
        "track_id": track.track_id,
        "t_s": t_s,
        "status": track.status.value,
        "east_m": track.east_m,
        "north_m": track.north_m,
        "east_mps": track.east_mps,
        "north_mps": track.north_mps,
        "lat_deg": lat_deg,
        "lon_deg": lon_deg,
        "alt_m": track.alt_m,
        "mode_a": track.mode_a,
        "covariance": track.P.tolist(),
    }


def write_tracks(
    path: Path, scans: Iterable[tuple[float, tuple[TrackState, ...]]], frame: LocalFrame, header: Mapping[str, Any]
) -> TracksWritten:
    """Write the run header (io.header), then each scan's non-tentative tracks as they come; returns
    the counts."""
    written = TracksWritten()
    with atomic_text(path) as f:
        f.write(json.dumps(header, separators=(",", ":")) + "\n")
        for t_s, tracks in scans:
            shown = [tr for tr in tracks if tr.status is not TrackStatus.TENTATIVE]
            if not shown:
                continue
            lat, lon, _ = frame.to_geodetic(
                [tr.east_m for tr in shown], [tr.north_m for tr in shown], [0.0] * len(shown)
            )
            for tr, la, lo in zip(shown, lat, lon, strict=True):
                f.write(json.dumps(track_record(tr, t_s, float(la), float(lo)), separators=(",", ":")) + "\n")
                written.records += 1
                written.track_ids.add(tr.track_id)
    return written


_SHOWN = (TrackStatus.CONFIRMED.value, TrackStatus.COASTING.value)


def read_shown_tracks(path: Path) -> dict[float, dict[str, FloatArray]]:
    """t_s -> {track id: (east_m, north_m)} of the confirmed and coasting tracks of a track file
    (every time stamp of the file, even one with only deleted tracks); errors name file and line."""
    tracks: dict[float, dict[str, FloatArray]] = {}
    for where, obj in json_lines(path, "track file"):
        record = obj if isinstance(obj, dict) else {}
        if not isinstance(record.get("track_id"), str) or not isinstance(record.get("status"), str):
            raise InterdictError(f"{where}: expected a track record with string `track_id` and `status`")
        shown = tracks.setdefault(finite_number(record.get("t_s"), f"{where}.t_s"), {})
        if record["status"] in _SHOWN:
            e = finite_number(record.get("east_m"), f"{where}.east_m")
            n = finite_number(record.get("north_m"), f"{where}.north_m")
            shown[record["track_id"]] = np.array([e, n])
    if not tracks:
        raise InterdictError(f"{path}: no track records")
    return tracks
