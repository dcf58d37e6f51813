"""Factories for the actionplans app."""
