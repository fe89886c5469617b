"""Stored lemma data: form tables made from the rules (see formtable_backend)."""
