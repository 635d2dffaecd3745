"""Files in and out: plots, tracks, events, the audit log and its signatures, checked outputs."""
