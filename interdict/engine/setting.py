"""What the engine holds fixed for a run: the picture, the pinned rule set, whether an audit log is
written, and what is derived from the picture once (the strip database in ENU, the radars' geometry)."""

from __future__ import annotations

from dataclasses import dataclass

from interdict.contract.picture import Picture
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


def setting_of(picture: Picture, rules: RuleSet, *, audited: bool) -> Setting:
    return Setting(
        picture,
        rules,
        audited,
        strip_database(picture),
        tuple(radar_geometry(r, picture.frame) for r in picture.radars),
    )
