"""Reports, exports and publication of results (issue 5)."""
