"""Ids, enums, errors, settings and the clock: the standard-library base every layer shares."""
