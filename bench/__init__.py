"""Benchmarks: scripts that print figures; they are not tests and do not pass or fail."""
