"""ADS-B state vectors in (OpenSky-style CSV, JSON or JSON lines, each maybe gzipped as `.gz`):
each aircraft's recorded flights.

Two dialects, told apart by their column names, never by their values (the names fix the units):

- **OpenSky** state vectors (the historical database's CSV, `state_vectors_data4`): `time` (Unix
  seconds), `icao24`, `lat`, `lon` (degrees), `baroaltitude` (metres), and optionally `velocity`
  (m/s), `heading` (degrees), `callsign`.
- **traffic** (the Python library's tables, e.g. its bundled samples): `timestamp` (Unix
  milliseconds, or ISO 8601 with a zone), `icao24`, `latitude`, `longitude` (degrees), `altitude`
  (feet, barometric), and optionally `groundspeed` (knots), `track` (degrees), `callsign`.

Other columns are ignored. A row without a position or altitude (null or empty) is not a position:
it is left out and counted (`StateVectors.unpositioned`), never filled in. Each aircraft's rows are
put in time order (a repeated time keeps the first row) and cut into flights where the recording
falls silent for more than `max_gap_s`: nothing is invented across a gap. A flight is named by its
icao24, then `icao24-2`, `icao24-3`, ...; a flight of a single position is left out and counted.
"""

from __future__ import annotations

import csv
import gzip
import json
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from interdict.core.errors import InterdictError
from interdict.core.units import ft_to_m
from interdict.scenario.document import Scenario
from interdict.scenario.recorded import RecordedFlight, recorded_scenario
from interdict.scenario.smoothing import smooth_flight

__all__ = ["StateVectors", "read_state_vectors", "adsb_scenario"]

_KT_MPS = 1852.0 / 3600.0
Fix = tuple[float, float, float, float, float, float]  # t_unix_s, lat, lon, alt_m, speed_mps, track_deg


def _or_nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    icao24: str = Field(pattern=r"^[0-9a-fA-F]{6}$")
    callsign: str | None = None

    @field_validator("callsign", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return value.strip() or None if isinstance(value, str) else value


class _OpenSky(_Row):
    time: float = Field(ge=0)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    baroaltitude: float | None = Field(None, ge=-1_000, le=20_000)
    velocity: float | None = Field(None, ge=0, le=400)
    heading: float | None = Field(None, ge=-360, le=360)

    def position(self) -> Fix | None:
        if self.lat is None or self.lon is None or self.baroaltitude is None:
            return None
        return self.time, self.lat, self.lon, self.baroaltitude, _or_nan(self.velocity), _or_nan(self.heading)


class _Traffic(_Row):
    timestamp: float | datetime
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    altitude: float | None = Field(None, ge=-3_000, le=65_000)
    groundspeed: float | None = Field(None, ge=0, le=800)
    track: float | None = Field(None, ge=-360, le=360)

    @field_validator("timestamp")
    @classmethod
    def _zoned(cls, value: float | datetime) -> float | datetime:
        if isinstance(value, datetime) and value.tzinfo is None:
            raise ValueError("an ISO 8601 time needs its zone (e.g. +00:00 or Z)")
        return value

    def position(self) -> Fix | None:
        if self.latitude is None or self.longitude is None or self.altitude is None:
            return None
        t = self.timestamp.timestamp() if isinstance(self.timestamp, datetime) else self.timestamp / 1000.0
        speed = _or_nan(None if self.groundspeed is None else self.groundspeed * _KT_MPS)
        return t, self.latitude, self.longitude, ft_to_m(self.altitude), speed, _or_nan(self.track)


_DIALECTS: dict[str, tuple[type[_OpenSky] | type[_Traffic], tuple[str, ...]]] = {
    "OpenSky": (_OpenSky, ("time", "icao24", "lat", "lon", "baroaltitude")),
    "traffic": (_Traffic, ("timestamp", "icao24", "latitude", "longitude", "altitude")),
}


@dataclass(frozen=True)
class StateVectors:
    """What a file held: its flights, and what was left out."""

    dialect: str
    flights: tuple[RecordedFlight, ...]
    rows: int
    unpositioned: int
    single_positions: int


def read_state_vectors(path: Path, max_gap_s: float = 60.0) -> StateVectors:
    """The flights of an ADS-B file (module docstring); InterdictError naming the file, the row and
    the field on bad input."""
    records = list(_records(path))
    if not records:
        raise InterdictError(f"{path}: no state vectors (expected a header row or JSON records)")
    dialect, model = _dialect(path, records[0][1])
    per_aircraft: dict[str, list[Fix]] = {}
    callsigns: dict[str, str | None] = {}
    unpositioned = 0
    for where, raw in records:
        try:
            row = model.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise InterdictError(f"{path}: {where}, {field}: {first['msg']} (got {first.get('input')!r})") from None
        pos = row.position()
        if pos is None:
            unpositioned += 1
            continue
        key = row.icao24.lower()
        per_aircraft.setdefault(key, []).append(pos)
        callsigns[key] = callsigns.get(key) or row.callsign  # the first one given
    flights: list[RecordedFlight] = []
    singles = 0
    for icao24, rows in sorted(per_aircraft.items()):
        pieces = list(_pieces(rows, max_gap_s))
        kept = [np.array(p) for p in pieces if len(p) > 1]
        singles += len(pieces) - len(kept)
        for k, a in enumerate(kept):
            name = icao24 if k == 0 else f"{icao24}-{k + 1}"
            flights.append(RecordedFlight(name, callsigns[icao24], *(a[:, c] for c in range(6))))
    return StateVectors(dialect, tuple(flights), len(records), unpositioned, singles)


def adsb_scenario(
    path: Path,
    name: str,
    *,
    at: tuple[float, float] | None = None,
    smooth: bool = True,
    max_gap_s: float = 60.0,
    seed: int = 1,
    aircraft_type: str = "C210",
) -> tuple[Scenario, StateVectors]:
    """The scenario of a file's flights (`scenario.recorded`), smoothed (`scenario.smoothing`) unless
    `smooth` is false, and what the file held; InterdictError naming the file."""
    read = read_state_vectors(path, max_gap_s)
    try:
        flights = tuple(smooth_flight(f) for f in read.flights) if smooth else read.flights
    except InterdictError as exc:
        raise InterdictError(f"{path}: {exc}") from None
    description = (
        f"Recorded ADS-B flights from {path.name} ({read.dialect} columns)"
        + (f", moved to {at[0]:.4f}, {at[1]:.4f}" if at else "")
        + ("; smoothed with the reported speed and track" if smooth else "; positions as recorded")
        + f"; every aircraft given type {aircraft_type}. Written by interdict adsb."
    )
    scenario = recorded_scenario(
        flights,
        name,
        at=at,
        seed=seed,
        aircraft_type=aircraft_type,
        description=description,
        source=f"{path} as a scenario",
    )
    return scenario, read


def _pieces(rows: list[Fix], max_gap_s: float) -> Iterator[list[Fix]]:
    """Rows in time order (first of a repeated time), cut at silences longer than `max_gap_s`."""
    rows = sorted(rows, key=lambda r: r[0])
    piece: list[Fix] = []
    for r in rows:
        if piece and r[0] == piece[-1][0]:
            continue
        if piece and r[0] - piece[-1][0] > max_gap_s:
            yield piece
            piece = []
        piece.append(r)
    if piece:
        yield piece


def _dialect(path: Path, first: Mapping[str, Any]) -> tuple[str, type[_OpenSky] | type[_Traffic]]:
    for name, (model, required) in _DIALECTS.items():
        if all(k in first for k in required):
            return name, model
    expected = "; or ".join(f"{name}: {', '.join(req)}" for name, (_, req) in _DIALECTS.items())
    raise InterdictError(f"{path}: the columns {sorted(first)} are neither dialect; expected {expected}")


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, record) of a CSV, JSON (an array of objects) or JSON lines file."""
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as f:
                text = f.read()
        else:
            text = path.read_text(encoding="utf-8")
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as exc:
        raise InterdictError(f"{path}: cannot read the file: {exc}") from None
    head = text.lstrip()[:1]
    if head == "[":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InterdictError(f"{path}: not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        for i, obj in enumerate(data):
            yield f"record {i}", _object(path, obj, f"record {i}")
    elif head == "{":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InterdictError(f"{path}: line {n}: not JSON: {exc.msg}") from None
            yield f"line {n}", _object(path, obj, f"line {n}")
    else:
        reader = csv.DictReader(text.splitlines())
        for n, row in enumerate(reader, 2):
            if None in row:
                raise InterdictError(f"{path}: line {n}: more fields than the header has")
            yield f"line {n}", {k: (None if v in ("", "null", "NaN", "nan") else v) for k, v in row.items()}


def _object(path: Path, obj: Any, where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise InterdictError(f"{path}: {where}: expected a JSON object, got {type(obj).__name__}")
    return obj
