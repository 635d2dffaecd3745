"""The closed loop and what operators read: the loop, the timeline, the map, a run read again from
its audit log."""
