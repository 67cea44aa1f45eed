"""Incoming documents and task tracking: the incoming register, the leader's instruction, tasks followed to done."""
