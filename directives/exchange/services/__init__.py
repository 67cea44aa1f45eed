"""Writes of the exchange app: receiving packets (receive.py)."""
