"""The building blocks of the table declarations: Arrow types by short name, the shared checks, a column."""

from __future__ import annotations

import pyarrow as pa

from scamnet.schema.fields import Check, Field

S, I16, I32, I64, F64, B = pa.string(), pa.int16(), pa.int32(), pa.int64(), pa.float64(), pa.bool_()
E164, SENDER, MONEY_OK = Check("e164"), Check("sender"), Check("non_negative")
CURRENCY, ENTITY, TEXT = Check("currency"), Check("entity"), Check("not_empty")
SCORE = Check("range", low=0.0, high=1.0)
ID = TEXT


def column(name: str, type_: pa.DataType, doc: str, *, null: bool = False, check: Check | None = None) -> Field:
    """One column: its name, Arrow type, meaning, whether it may be null, and the check its values pass."""
    return Field(name, type_, doc, nullable=null, check=check)
