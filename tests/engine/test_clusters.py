"""Strip clusters: single linkage of the clandestine strips within the radius; the staging point."""

from __future__ import annotations

import pytest

from interdict.engine.clusters import staging_point, strip_clusters
from interdict.engine.destinations import strip_database
from interdict.scenario.load import load_scenario
from interdict.scenario.picture_of import picture_of
from tests.conftest import SCENARIOS


def _picture(strips: list[tuple[str, str, float]]):  # type: ignore[no-untyped-def]
    data = load_scenario(SCENARIOS / "bowers-2001.yaml").model_dump(mode="json")
    for sid, kind, lat in strips:
        data["strips"].append({"id": sid, "kind": kind, "at": {"lat": lat, "lon": -72.0, "alt_m": 100}})
    return picture_of(type(load_scenario(SCENARIOS / "bowers-2001.yaml")).model_validate(data))


def test_clusters_chain_clandestine_strips_within_the_radius_and_leave_others_out() -> None:
    # 0.063 deg of latitude is about 7 km: a chains to b, b to c; d is 20 km from c; cm-1 is not clandestine
    pic = _picture(
        [
            ("cl-a", "clandestine", -3.400),
            ("cl-b", "clandestine", -3.463),
            ("cl-c", "clandestine", -3.526),
            ("cl-d", "clandestine", -3.706),
            ("cm-1", "community", -3.43),
        ]
    )
    clusters = strip_clusters(strip_database(pic), 8_000.0)
    assert clusters["cl-a"] == clusters["cl-c"] == ("cl-a", "cl-b", "cl-c")
    assert clusters["cl-d"] == ("cl-d",) and "cm-1" not in clusters and "SPQT" not in clusters
    assert strip_clusters(strip_database(pic), 5_000.0)["cl-a"] == ("cl-a",)
    middle = staging_point(pic, ("cl-a", "cl-c"))
    assert middle.lat == pytest.approx(-3.463) and middle.lon == pytest.approx(-72.0)
