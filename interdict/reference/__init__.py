"""Bundled public data, read once: light aircraft types, registered aerodromes."""
