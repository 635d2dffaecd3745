"""Scenario families: seeded generators of valid `interdict/1` documents."""
