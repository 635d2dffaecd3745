"""ASTERIX in and out (CAT048 target reports, CAT034 north markers): a round trip gives the same
plots within ASTERIX's resolution; anything else is an error naming the byte offset, never a crash."""

from __future__ import annotations

import contextlib
import math
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from interdict.contract.plots import Plot
from interdict.core.errors import PlotFileError
from interdict.io.asterix import is_asterix, read_asterix, write_asterix
from interdict.scenario.load import load_scenario
from interdict.world.radar import simulate
from tests.conftest import SCENARIOS

CROSSING = load_scenario(SCENARIOS / "crossing-pair.yaml")
RADARS, START = CROSSING.radars, CROSSING.start
RANGE_M = 1852.0 / 256 / 2 + 1e-6  # half of ASTERIX's resolution
AZIMUTH_DEG = 360.0 / 2**16 / 2 + 1e-9
TIME_S = 1.0 / 128 / 2 + 1e-9
FL_FT = 25.0 / 2 + 1e-9


def _close(a: Plot, b: Plot) -> None:
    assert (a.radar_id, a.mode_a) == (b.radar_id, b.mode_a)
    assert abs(a.range_m - b.range_m) <= RANGE_M
    assert abs(math.degrees(a.azimuth_rad - b.azimuth_rad + math.pi) % 360.0 - 180.0) <= AZIMUTH_DEG
    assert abs(a.t_s - b.t_s) <= TIME_S
    assert (a.mode_c_alt_ft is None) == (b.mode_c_alt_ft is None)
    if a.mode_c_alt_ft is not None and b.mode_c_alt_ft is not None:
        assert abs(a.mode_c_alt_ft - b.mode_c_alt_ft) <= FL_FT


def test_a_simulated_recording_round_trips(tmp_path: Path) -> None:
    sim = simulate(CROSSING, 11)
    path = tmp_path / "p.ast"
    written = write_asterix(path, sim.plots, RADARS, START)
    assert is_asterix(path)
    back = read_asterix(path, RADARS, START)
    assert written == len(sim.plots) + len(back.north_markers) and len(back.plots) == len(sim.plots)
    for a, b in zip(sim.plots, back.plots, strict=True):
        _close(a, b)
    period = RADARS[0].scan_period_s
    assert [round(m.t_s / period) for m in back.north_markers] == list(range(len(back.north_markers)))


plots = st.lists(
    st.builds(
        Plot,
        plot_id=st.just(0),
        radar_id=st.just(RADARS[0].id),
        t_s=st.floats(0.0, 80_000.0),
        range_m=st.floats(0.0, 400_000.0),
        azimuth_rad=st.floats(0.0, 2 * math.pi, exclude_max=True),
        mode_a=st.none() | st.from_regex(r"[0-7]{4}", fullmatch=True),
        mode_c_alt_ft=st.none() | st.integers(-1000, 40_000).map(float),
    ),
    max_size=20,
).map(lambda ps: sorted(ps, key=lambda p: p.t_s))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plots)
def test_any_plots_round_trip_within_the_resolution(tmp_path: Path, ps: list[Plot]) -> None:
    path = tmp_path / "p.ast"
    write_asterix(path, ps, RADARS, START, north=())  # plots only: a day of north markers is slow to encode
    back = read_asterix(path, RADARS, START).plots
    assert len(back) == len(ps)
    for a, b in zip(ps, back, strict=True):
        _close(a, b)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (bytes([62, 0, 5, 0, 0]), "byte 0: category 62 is not read here"),
        (bytes([48, 0, 40, 1]), "byte 0: CAT048 datablock of length 40 does not fit"),
        (bytes([48, 0, 3]) + bytes([48, 0, 4, 0xFF]), "byte 3: CAT048"),
        (bytes([34, 0]), "2 trailing bytes"),
    ],
)
def test_bad_files_name_the_byte_offset(tmp_path: Path, data: bytes, match: str) -> None:
    path = tmp_path / "bad.ast"
    path.write_bytes(data)
    with pytest.raises(PlotFileError, match=match):
        read_asterix(path, RADARS, START)


def test_an_unknown_radar_is_named(tmp_path: Path) -> None:
    other = [RADARS[0].model_copy(update={"sic": 9})]
    path = tmp_path / "p.ast"
    write_asterix(path, [Plot(plot_id=0, radar_id=RADARS[0].id, t_s=1.0, range_m=1e3, azimuth_rad=0.5)], other, START)
    with pytest.raises(PlotFileError, match="SAC/SIC 0/9 is no radar of the scenario"):
        read_asterix(path, RADARS, START)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_random_bytes_are_an_error_or_plots_never_a_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.ast"
    path.write_bytes(data)
    with contextlib.suppress(PlotFileError):  # an error names the offset; anything else fails the test
        read_asterix(path, RADARS, START)


def test_an_empty_file_holds_no_plots(tmp_path: Path) -> None:
    path = tmp_path / "empty.ast"
    path.write_bytes(b"")
    assert not is_asterix(path)
    assert read_asterix(path, RADARS, START).plots == ()


def test_time_of_day_counts_from_utc_midnight_whatever_the_zone() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from interdict.io.asterix import _seconds_of_day

    instant = datetime(2025, 7, 2, 14, 10, tzinfo=UTC)
    for hours in (-5, 0, 9):
        assert _seconds_of_day(instant.astimezone(timezone(timedelta(hours=hours)))) == 14 * 3600 + 600
