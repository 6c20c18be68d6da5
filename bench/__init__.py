"""Benchmarks of the assistant: accuracy against baselines, training time, memory, latency."""
