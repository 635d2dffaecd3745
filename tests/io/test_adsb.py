"""ADS-B state vectors in: both dialects and every container give the same flights; what is left
out is counted; bad input names the file, the row and the field; no input crashes it."""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interdict.core.errors import InterdictError
from interdict.io.adsb import read_state_vectors
from tests.adsb_rows import START_UNIX_S, rows


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows(records)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
    elif path.suffix == ".gz":
        with gzip.open(path, "wt") as f:
            json.dump(records, f)
    else:
        path.write_text(json.dumps(records))
    return path


@pytest.mark.parametrize("name", ["s.csv", "s.json", "s.jsonl", "s.json.gz"])
@pytest.mark.parametrize("dialect", ["traffic", "opensky"])
def test_every_dialect_and_container_reads_the_same_flight(tmp_path: Path, name: str, dialect: str) -> None:
    read = read_state_vectors(_write(tmp_path / name, rows(dialect)))
    assert read.dialect == ("traffic" if dialect == "traffic" else "OpenSky")
    (flight,) = read.flights
    assert flight.icao24 == "e8044f" and flight.callsign == "OB1544"
    assert flight.t_unix_s[0] == pytest.approx(START_UNIX_S) and len(flight.t_unix_s) == 481
    np.testing.assert_allclose(flight.alt_m, 1524.0)  # 5000 ft
    np.testing.assert_allclose(flight.speed_mps, 50.0, rtol=1e-9)  # knots and m/s
    assert flight.lat_deg[100] == pytest.approx(rows(dialect)[100].get("latitude", rows(dialect)[100].get("lat")))


def test_rows_without_a_position_are_counted_silences_cut_flights_repeats_keep_the_first(tmp_path: Path) -> None:
    records = rows("traffic")[:40]
    records[3] = {**records[3], "latitude": None}
    records[4] = {**records[4], "altitude": None}
    records += [{**r, "timestamp": r["timestamp"] + 600_000} for r in rows("traffic")[:20]]  # after 400 s silence
    records.append({**records[-1], "latitude": 0.0})  # the same time again: the first row stands
    records.append({**records[-1], "timestamp": records[-1]["timestamp"] + 900_000})  # alone after a silence
    read = read_state_vectors(_write(tmp_path / "s.json", records), max_gap_s=60.0)
    assert read.unpositioned == 2 and read.single_positions == 1 and read.rows == len(records)
    assert [f.icao24 for f in read.flights] == ["e8044f", "e8044f-2"]
    assert [len(f.t_unix_s) for f in read.flights] == [38, 20]
    assert 0.0 not in read.flights[1].lat_deg


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([{"when": 1, "where": 2}], "neither dialect; expected OpenSky: time, icao24, lat, lon, baroaltitude"),
        ([{**rows("traffic")[0], "latitude": 95.0}], "record 0, latitude: Input should be less than or equal to 90"),
        ([{**rows("traffic")[0], "icao24": "<b>x</b>"}], "record 0, icao24: String should match pattern"),
        ([{**rows("traffic")[0], "timestamp": "2024-05-01 10:00:00"}], "record 0, timestamp: Value error, an ISO"),
        ([{**rows("opensky")[0], "time": "soon"}], "record 0, time: Input should be a valid number"),
    ],
)
def test_bad_input_names_the_file_the_row_and_the_field(
    tmp_path: Path, records: list[dict[str, object]], expected: str
) -> None:
    path = _write(tmp_path / "bad.json", records)
    with pytest.raises(InterdictError) as err:
        read_state_vectors(path)
    assert str(err.value).startswith(str(path)) and expected in str(err.value)


def test_a_csv_row_longer_than_its_header_and_broken_json_are_named(tmp_path: Path) -> None:
    bad_csv = tmp_path / "s.csv"
    bad_csv.write_text("time,icao24,lat,lon,baroaltitude\n1,abcdef,1,2,3,4\n")
    with pytest.raises(InterdictError, match="line 2: more fields than the header has"):
        read_state_vectors(bad_csv)
    bad_json = tmp_path / "s.json"
    bad_json.write_text('[{"time": 1,')
    with pytest.raises(InterdictError, match="not JSON"):
        read_state_vectors(bad_json)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_no_input_makes_it_crash(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("x.csv", "x.json", "x.json.gz"):
            path = Path(tmp) / name
            path.write_bytes(data)
            with contextlib.suppress(InterdictError):  # a clear error, or flights: never anything else
                read_state_vectors(path)
