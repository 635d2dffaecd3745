"""Radar simulator statistics match the configuration; geometry, coverage, SSR and determinism."""

from __future__ import annotations

import math

import numpy as np
import pytest

from interdict.core.geodesy import LocalFrame, enu_to_polar
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario
from interdict.world.radar import scan_times_s, simulate
from interdict.world.trajectories import build_trajectories
from tests.conftest import SCENARIOS

BASE = load_scenario(SCENARIOS / "crossing-pair.yaml")


def _scenario(**radar: object) -> Scenario:
    data = BASE.model_dump(mode="json")
    data["duration_s"] = 1800
    data["radars"][0].update(radar)
    return Scenario.model_validate(data)


def _residuals(scenario: Scenario, seed: int = 3) -> tuple[np.ndarray, np.ndarray, list[str | None]]:
    sim = simulate(scenario, seed)
    radar = scenario.radars[0]
    site = LocalFrame(radar.at.lat, radar.at.lon, radar.at.alt_m + radar.antenna_height_m)
    trajectories = {t.aircraft_id: t for t in build_trajectories(scenario)}
    dr, daz = [], []
    for plot, who in zip(sim.plots, sim.plot_aircraft, strict=True):
        if who is None:
            continue
        lat, lon, alt = trajectories[who].geodetic_at([plot.t_s])[0]
        r, az, _ = enu_to_polar(*site.to_enu(lat, lon, alt))
        dr.append(plot.range_m - float(r))
        daz.append((plot.azimuth_rad - float(az) + math.pi) % (2 * math.pi) - math.pi)
    return np.array(dr), np.array(daz), list(sim.plot_aircraft)


def test_noise_matches_configured_sigmas() -> None:
    sc = _scenario(detection_probability=1.0, false_plots_per_scan=0, scan_period_s=2.0)
    dr, daz, _ = _residuals(sc)
    assert len(dr) >= 1000
    assert np.std(dr) == pytest.approx(60.0, rel=0.10)
    assert np.std(daz) == pytest.approx(math.radians(0.15), rel=0.10)
    assert abs(np.mean(dr)) < 3 * 60.0 / math.sqrt(len(dr))


def test_detection_ratio_matches_pd() -> None:
    full = _scenario(detection_probability=1.0, false_plots_per_scan=0, scan_period_s=2.0)
    part = _scenario(detection_probability=0.7, false_plots_per_scan=0, scan_period_s=2.0)
    n_full = len(simulate(full, 5).plots)
    n_part = len(simulate(part, 5).plots)
    sigma = math.sqrt(n_full * 0.7 * 0.3)
    assert abs(n_part - 0.7 * n_full) < 3 * sigma


def test_false_plots_are_poisson_and_fill_the_disc() -> None:
    sc = _scenario(false_plots_per_scan=20.0)
    sim = simulate(sc, 9)
    period = sc.radars[0].scan_period_s
    false = [p for p, who in zip(sim.plots, sim.plot_aircraft, strict=True) if who is None]
    scans, _ = scan_times_s(sc.radars[0], sc.duration_s)
    counts = np.bincount([int(p.t_s // period) for p in false], minlength=len(scans))[: len(scans)]
    assert counts.mean() == pytest.approx(20.0, rel=0.1)
    assert counts.var() == pytest.approx(20.0, rel=0.35)
    r = np.array([p.range_m for p in false]) / (sc.radars[0].max_range_km * 1000)
    assert np.mean(r < math.sqrt(0.5)) == pytest.approx(0.5, abs=0.05)  # uniform in area


def test_plot_time_is_the_beam_crossing() -> None:
    sc = _scenario(detection_probability=1.0, false_plots_per_scan=0)
    sim = simulate(sc, 1)
    radar = sc.radars[0]
    for plot in sim.plots[:200]:
        scan_start = math.floor((plot.t_s - radar.north_offset_s) / radar.scan_period_s) * radar.scan_period_s
        expected = scan_start + radar.north_offset_s + plot.azimuth_rad / (2 * math.pi) * radar.scan_period_s
        # the plotted azimuth carries noise: 0.15 deg is 0.004 s of a 10 s scan, 5 sigma allowed
        assert plot.t_s == pytest.approx(expected, abs=5 * 0.15 / 360 * radar.scan_period_s + 1e-6)


def test_no_plots_beyond_range_or_on_the_ground_or_behind_terrain() -> None:
    near = _scenario(max_range_km=50.0, detection_probability=1.0, false_plots_per_scan=0)
    assert all(p.range_m < 50_000 + 300 for p in simulate(near, 2).plots)
    vraem = load_scenario(SCENARIOS / "vraem-shuttle.yaml")
    sim = simulate(vraem, 4)
    narco = [p.t_s for p, who in zip(sim.plots, sim.plot_aircraft, strict=True) if who == "narco-1"]
    # narco-1 is on the strip from 1700 s to 2360 s, and low in the valley behind the ridge around them
    assert not [t for t in narco if 1600 <= t <= 2400]


def test_ssr_fields_only_with_transponder_on() -> None:
    sim = simulate(BASE, 1)
    for plot, who in zip(sim.plots, sim.plot_aircraft, strict=True):
        if who == "taxi-2":
            assert plot.mode_a == "0437" and plot.mode_c_alt_ft == pytest.approx(8500.0, abs=100.0)
        else:
            assert plot.mode_a is None and plot.mode_c_alt_ft is None


def test_ssr_only_radar_sees_transponders_only() -> None:
    sim = simulate(_scenario(kind="ssr"), 1)
    assert sim.plots and set(sim.plot_aircraft) == {"taxi-2"}


def test_deterministic_and_sorted() -> None:
    a, b = simulate(BASE, 17), simulate(BASE, 17)
    assert a.plots == b.plots and a.plot_aircraft == b.plot_aircraft
    assert simulate(BASE, 18).plots != a.plots
    times = [p.t_s for p in a.plots]
    assert times == sorted(times) and [p.plot_id for p in a.plots] == list(range(len(a.plots)))


@pytest.mark.parametrize(("alt_m", "seen"), [(250.0, False), (3000.0, True)])
def test_below_the_radar_horizon_gives_no_plot(alt_m: float, seen: bool) -> None:
    from interdict.core.geodesy import geodesic_destination

    site = BASE.radars[0].at
    a = geodesic_destination(site.lat, site.lon, bearing_rad=2.0, range_m=215_000.0)
    b = geodesic_destination(site.lat, site.lon, bearing_rad=2.1, range_m=215_000.0)
    data = BASE.model_dump(mode="json")
    data["radars"][0].update(detection_probability=1.0, false_plots_per_scan=0)
    data["aircraft"] = [
        {
            "id": "low",
            "role": "civil",
            "aircraft_type": "C206",
            "route": [
                {"t_s": 0, "lat": a[0], "lon": a[1], "alt_m": alt_m},
                {"t_s": 400, "lat": b[0], "lon": b[1], "alt_m": alt_m},
            ],
        }
    ]
    data["flight_plans"], data["registry"], data["operator"] = [], [], {"policy": "by_the_book"}
    sim = simulate(Scenario.model_validate(data), 1)
    assert bool(sim.plots) is seen  # 4/3-earth horizon for 715 m and 250 m is about 180 km


def test_a_jittering_drifting_antenna_times_its_plots_by_its_own_turns() -> None:
    moving = _scenario(detection_probability=1.0, scan_period_error=0.002, scan_period_jitter=0.005)
    radar = moving.radars[0]
    sim = simulate(moving, 4)
    north = np.array([s.t_s for s in sim.scans])
    periods = np.diff(north)
    nominal = radar.scan_period_s * 1.002
    assert np.all(np.abs(periods / nominal - 1) <= 0.005 + 1e-12)
    assert periods.std() > 0.001 * nominal  # it does jitter
    for plot in sim.plots[:300]:
        k = np.searchsorted(north, plot.t_s, side="right") - 1
        turn = periods[k] if k < len(periods) else nominal
        expected = north[k] + plot.azimuth_rad / (2 * math.pi) * turn
        assert plot.t_s == pytest.approx(expected, abs=5 * 0.15 / 360 * radar.scan_period_s + 1e-6)
