"""Multi-target tracking: filters (filterpy), association (gating, GNN, JPDA), track management."""

from interdict.tracking.track import TrackState, TrackStatus

__all__ = ["TrackState", "TrackStatus"]
