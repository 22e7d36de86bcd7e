"""Gold sets, the eval runner and benchmarks."""
