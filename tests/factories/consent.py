"""Factories for the consent app."""
