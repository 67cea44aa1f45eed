"""Reads of incoming documents and tasks: the register (incoming.py), tasks (tasks.py), the four buckets
(buckets.py)."""
