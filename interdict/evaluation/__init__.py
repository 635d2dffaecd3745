"""The scorer and the tracking metrics: the only readers of truth and engine output together."""
