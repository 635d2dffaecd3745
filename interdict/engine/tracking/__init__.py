"""Multi-target tracking: filters (IMM over filterpy-checked Kalman algebra), association (gating,
GNN, JPDA), track management. Entry point: `Tracker(frame, radars, config)`."""

from interdict.engine.tracking.table import TrackerState
from interdict.engine.tracking.track import TrackState, TrackStatus
from interdict.engine.tracking.tracker import Tracker, TrackerConfig

__all__ = ["TrackState", "TrackStatus", "Tracker", "TrackerConfig", "TrackerState"]
