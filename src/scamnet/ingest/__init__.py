"""Readers → validation → store, all or nothing per command."""
