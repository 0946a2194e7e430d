"""Screening: instruments (ISI, RLS criteria), the answers file, and the per-mineral estimate."""
