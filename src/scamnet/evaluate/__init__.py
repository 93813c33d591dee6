"""Everything that reads labels or public data sets: metrics, benches, training of shipped models.

This floor sits above ``service`` and below the edges. Detectors and services never import it;
the data-set folder is always an argument, never a path written into the code.
"""
