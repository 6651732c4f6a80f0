"""Koers: career guidance on the ESCO classification."""

__version__ = "0.1.0"
