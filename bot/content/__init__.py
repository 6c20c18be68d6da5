"""Vetted content: its schema, loading, checks and compilation into Rasa data."""
