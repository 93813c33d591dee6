"""Use cases: the only layer where I/O (files, the store) meets the logic."""
