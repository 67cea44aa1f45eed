"""Fixtures shared by the incoming-register and task tests (the cast is tests/conftest.py's)."""
