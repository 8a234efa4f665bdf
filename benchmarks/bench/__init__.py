"""The benchmark's modules: `benchmarks/run.py` runs them and writes the report."""
