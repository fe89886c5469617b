"""Compiled rules for one language: Doc -> hits."""
