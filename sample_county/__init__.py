"""The sample-county generator: development tooling for tests, the demo and the benchmarks, not part of the plugin.

Command line: ``python -m sample_county OUT_DIR [options]`` from the repository root.
"""
