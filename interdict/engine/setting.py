"""What the engine holds fixed for a run: the picture, the pinned rule set, whether an audit log is
written, and what is derived from the picture once (the strip database in ENU, the radars' geometry,
the strip clusters)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from interdict.contract.picture import Picture
from interdict.engine.clusters import strip_clusters
from interdict.engine.destinations import StripDatabase, strip_database
from interdict.engine.rules import RuleSet
from interdict.engine.tracking.measurement import RadarGeometry, radar_geometry

__all__ = ["Setting", "setting_of"]


@dataclass(frozen=True)
class Setting:
    picture: Picture
    rules: RuleSet
    audited: bool
    strips: StripDatabase
    radars: tuple[RadarGeometry, ...]
    clusters: Mapping[str, tuple[str, ...]]  # clandestine strip id -> the strips of its cluster (SC-17)


def setting_of(picture: Picture, rules: RuleSet, *, audited: bool) -> Setting:
    strips = strip_database(picture)
    return Setting(
        picture,
        rules,
        audited,
        strips,
        tuple(radar_geometry(r, picture.frame) for r in picture.radars),
        strip_clusters(strips, rules.cue_cluster_radius_m),
    )
