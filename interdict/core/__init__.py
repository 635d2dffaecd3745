"""Knows no domain: errors, units, geodesy (WGS84 and local ENU metres), arrays, canonical JSON."""
