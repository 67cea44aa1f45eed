"""Pages of the incoming register (incoming.py), the leader's instruction (instruction.py), tasks (tasks.py) and the
task figures (figures.py); each module lists its own routes."""
