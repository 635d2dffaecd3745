"""Scenario families for benchmarks and tests: seeded generators of `interdict/1` documents."""
