"""The decision engine: tracking, destinations, identity files, evidence, safety checks, the ladder,
the judge. Never imports the world, the scenario loader, the scorer, files or drawing (CI checks)."""
