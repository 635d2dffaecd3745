"""Strip clusters: clandestine strips near enough to one another that a smuggler's approach does not
tell them apart until the last minutes (the VRAEM's strips lie in groups 2-8 km apart, and a smuggler
may overfly one to land at the next: domain.md §4). A police team cued to the cluster waits at its
staging point, from which it can reach whichever strip the aircraft lands on; SC-17 cues a cluster
when no single strip is firm but the cluster is, and only if the team can reach its farthest strip
before the aircraft is predicted to leave.

Clusters are single-linkage groups of the picture's clandestine strips within the rule set's
`cue_cluster_radius_m`, fixed for the run; a strip alone is a cluster of one (and is cued alone).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from interdict.contract.picture import Picture
from interdict.contract.specs import GeoPoint
from interdict.engine.destinations import StripDatabase

__all__ = ["strip_clusters", "staging_point"]


def strip_clusters(db: StripDatabase, radius_m: float) -> Mapping[str, tuple[str, ...]]:
    """Clandestine strip id -> the ids of its cluster (sorted, itself included)."""
    ids = [s.strip_id for s in db.strips if s.kind == "clandestine"]
    pos = {s.strip_id: (s.east_m, s.north_m) for s in db.strips if s.kind == "clandestine"}
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k, a in enumerate(ids):
        for b in ids[k + 1 :]:
            if math.dist(pos[a], pos[b]) <= radius_m:
                parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    return MappingProxyType({i: tuple(sorted(groups[root(i)])) for i in ids})


def staging_point(picture: Picture, strips: Sequence[str]) -> GeoPoint:
    """Where a team waits for a cluster: the middle of its strips (WGS84; a few kilometres across, so
    the mean of latitudes and longitudes is the centre to metres)."""
    at = [picture.strip_positions[s] for s in strips]
    return GeoPoint(lat=sum(p.lat for p in at) / len(at), lon=sum(p.lon for p in at) / len(at))
