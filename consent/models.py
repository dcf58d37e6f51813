"""Consent (samtykke) and lawful information sharing: built in the consent issue."""
