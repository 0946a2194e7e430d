"""Supplement safety: upper limits, interactions, red flags, and a timing schedule."""
