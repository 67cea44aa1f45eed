"""REST endpoints: /api/v1/incoming/ (incoming.py) and /api/v1/tasks/ (tasks.py)."""
