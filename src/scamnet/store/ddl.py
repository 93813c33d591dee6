"""DuckDB column types for the Arrow types of the schema."""

from __future__ import annotations

import pyarrow as pa

from scamnet.schema.fields import TableSpec


def duckdb_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_string(arrow_type):
        return "VARCHAR"
    if pa.types.is_boolean(arrow_type):
        return "BOOLEAN"
    if pa.types.is_int16(arrow_type):
        return "SMALLINT"
    if pa.types.is_int32(arrow_type):
        return "INTEGER"
    if pa.types.is_int64(arrow_type):
        return "BIGINT"
    if pa.types.is_float64(arrow_type):
        return "DOUBLE"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMPTZ"
    if pa.types.is_decimal(arrow_type):
        return f"DECIMAL({arrow_type.precision},{arrow_type.scale})"
    if pa.types.is_list(arrow_type):
        return duckdb_type(arrow_type.value_type) + "[]"
    raise TypeError(f"no DuckDB type for {arrow_type}")


def create_table_sql(spec: TableSpec) -> str:
    """``CREATE TABLE`` for a spec.

    Keys are enforced by the repository (anti-join on insert), not by DuckDB indexes: an ART
    index over tens of millions of string keys costs more memory than the table itself.
    """
    cols = ",\n    ".join(
        f"{f.name} {duckdb_type(f.type)}{'' if f.nullable else ' NOT NULL'}" for f in spec.fields
    )
    return f"CREATE TABLE {spec.name} (\n    {cols}\n);"
