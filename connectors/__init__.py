"""Channels through which people reach the assistant."""
