"""Writes of incoming documents and tasks, each with its audit event: the register (incoming.py), the leader's
instruction (instruction.py), a task's life (tasks.py), the chase sweep on tasks (chase.py)."""
