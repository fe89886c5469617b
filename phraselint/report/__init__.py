"""Reporters: print Reports as text, JSON or JSON Lines."""
