"""Everything that reads labels or public data sets: metrics, benches, training of shipped models.

This floor sits above ``service`` and below the edges. Detectors and services never import it;
the data-set folder is always an argument, never a path written into the code. The figures are
computed once in ``metrics``; each bench returns one frozen result (``results.Result``) whose
``to_json`` keys are documented in docs/benchmarks.md. Labels and world tables are read through
``store.labels``: no SQL here.
"""
