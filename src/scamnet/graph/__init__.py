"""The entity graph, fund tracing and gang communities."""
