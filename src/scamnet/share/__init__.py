"""share layer (see DESIGN.md)."""
