"""The canonical data model: one Arrow schema per record kind, declared once.

The simulator writes these tables, ingest validates against them, the store creates them and
the detectors read them. ``docs/data-model.md`` is generated from this package.
"""

from scamnet.schema.fields import Check, Field, TableSpec
from scamnet.schema.tables import EVENT_TABLES, INPUT_TABLES, OUTPUT_TABLES, REFERENCE_TABLES, TABLES, table

__all__ = [
    "EVENT_TABLES",
    "INPUT_TABLES",
    "OUTPUT_TABLES",
    "REFERENCE_TABLES",
    "TABLES",
    "Check",
    "Field",
    "TableSpec",
    "table",
]
