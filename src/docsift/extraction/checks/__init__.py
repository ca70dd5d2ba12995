"""Checks over an extracted result: arithmetic, identifiers, dates (pure functions, findings as data)."""
