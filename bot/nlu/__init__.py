"""Rasa NLU components of the assistant: topic classification and language identification."""
