"""Fixtures shared by the whole suite live in the conftest.py of each folder; this one only marks the root."""
