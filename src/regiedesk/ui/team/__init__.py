"""The team leader's desktop (issue 10)."""
