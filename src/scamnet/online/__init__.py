"""online layer (see DESIGN.md)."""
