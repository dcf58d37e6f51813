"""Benchmarks that print figures (issue 7); ``make bench`` runs them all."""
