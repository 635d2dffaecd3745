"""The engineers' benchmark: scenario families, suites, one scored run, executors (a local process
pool or a Dask cluster), the aggregate with 95 % intervals and its report files; the tracker
comparison against Stone Soup and the step-cost measure. See docs/bench.md."""
