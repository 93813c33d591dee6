"""Raw columns → canonical columns: rename, convert types and units, normalise phone numbers.

Conversions run as one DuckDB query per batch over the Arrow columns (``TRY_CAST``,
``try_strptime``), so a bad value becomes a null that is reported as a problem instead of an
exception. Columns that already have the canonical type pass through untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.errors import ConfigError, Problem
from scamnet.core.settings import Settings
from scamnet.ingest.mapping import EPOCH_UNITS, Mapping, Rule
from scamnet.schema import TableSpec
from scamnet.schema.entities import E164_PATTERN, EntityError, normalise_phone
from scamnet.schema.fields import Field
from scamnet.schema.tables import EVENT_TABLES
from scamnet.schema.validate import Fault, missing_column_problem


@dataclass(frozen=True)
class Plan:
    """The rules that make each canonical column from one input's columns, and what is wrong with it."""

    rules: dict[str, Rule]
    problems: list[Problem]


def plan_columns(spec: TableSpec, mapping: Mapping, columns: list[str], settings: Settings, source: str) -> Plan:
    """Which rule makes each column of ``spec`` from ``columns``; missing and unknown columns as problems."""
    rules: dict[str, Rule] = {}
    for spec_field in spec.fields:
        rule = mapping.rules.get(spec_field.name)
        if rule is None and spec_field.name in columns:
            rule = Rule(spec_field.name, spec_field.name)
        rule = _with_defaults(spec_field, rule, mapping, settings, columns)
        if rule is not None:
            rules[spec_field.name] = rule
    problems = _header_problems(spec, mapping, rules, columns, source)
    usable = {t: r for t, r in rules.items() if r.source is None or r.source in columns}
    return Plan(usable, problems)


def _with_defaults(spec_field: Field, rule: Rule | None, mapping: Mapping, settings: Settings, columns: list[str]) -> Rule | None:
    if spec_field.name == "currency" and rule is None:
        return Rule("currency", None, value=settings.default_currency)
    if spec_field.name == "currency" and rule.source and rule.default is None:
        rule = replace(rule, default=settings.default_currency)
    is_phone = spec_field.check is not None and spec_field.check.kind == "e164"
    if rule is not None and is_phone and mapping.normalise_phones and rule.source:
        rule = replace(rule, phone=True)
    return rule


def _header_problems(spec: TableSpec, mapping: Mapping, rules: dict[str, Rule], columns: list[str], source: str) -> list[Problem]:
    problems = [missing_column_problem(source, name, columns) for name in spec.required if name not in rules]
    for rule in rules.values():
        if rule.source is not None and rule.source not in columns:
            expected = f"a column named {rule.source!r} ({mapping.origin} makes {rule.target} from it)"
            problems.append(Problem(source, None, rule.source, "columns " + ", ".join(columns), expected))
    if mapping.unmapped == "error":
        used = {r.source for r in rules.values()} | set(spec.column_names)
        for name in columns:
            if name not in used:
                expected = f"a column of {spec.name} (map it in a --mapping file, or set unmapped = \"ignore\" there)"
                problems.append(Problem(source, None, name, name, expected))
    return problems


class Converter:
    """Converts raw batches with one plan; the DuckDB connection only computes, it stores nothing."""

    def __init__(self, spec: TableSpec, plan: Plan, settings: Settings, con: duckdb.DuckDBPyConnection) -> None:
        self.spec = spec
        self.plan = plan
        self.settings = settings
        self.con = con

    def convert(self, raw: pa.Table) -> tuple[pa.Table, list[Fault], dict[str, pa.Array]]:
        """Canonical columns, the faults of values that could not be converted, and their masks."""
        fields = [f for f in self.spec.fields if f.name in self.plan.rules]
        direct = {f.name for f in fields if self._passes_through(f, raw)}
        computed = self._computed(raw, [f for f in fields if f.name not in direct])
        columns, faults, failed = {}, [], {}
        for spec_field in self.spec.fields:
            rule = self.plan.rules.get(spec_field.name)
            if rule is None:
                columns[spec_field.name] = pa.nulls(raw.num_rows, spec_field.type)
                continue
            if spec_field.name in direct:
                columns[spec_field.name] = raw.column(rule.source).combine_chunks()
                continue
            values, shown = computed.column(spec_field.name).combine_chunks(), self._shown(rule, raw)
            if rule.phone:
                values = phones_in_e164(values, rule.region or self.settings.default_region)
            columns[spec_field.name] = values
            mask = pc.and_(values.is_null(), shown.is_valid())
            failed[spec_field.name] = mask
            faults.append(Fault(rule.source or spec_field.name, mask, shown, _expected(spec_field, rule)))
        # Nullable here: rows with a missing required value are reported, not refused by Arrow.
        table = pa.table(columns).cast(pa.schema([f.arrow().with_nullable(True) for f in self.spec.fields]))
        return table, faults, failed

    def _passes_through(self, spec_field: Field, raw: pa.Table) -> bool:
        rule = self.plan.rules[spec_field.name]
        plain = rule == Rule(rule.target, rule.source) and rule.source in raw.column_names
        # Times always go through SQL, which holds them to the plausible window.
        return plain and raw.schema.field(rule.source).type == spec_field.type and not pa.types.is_timestamp(spec_field.type)

    def _shown(self, rule: Rule, raw: pa.Table) -> pa.Array:
        if rule.source is None:
            return pa.repeat(pa.scalar(rule.value, pa.string()), raw.num_rows)
        column = raw.column(rule.source).combine_chunks()
        if rule.default is not None:
            column = pc.coalesce(column.cast(pa.string()), pa.scalar(rule.default, pa.string()))
        return column

    def _computed(self, raw: pa.Table, fields: list[Field]) -> pa.Table:
        if not fields:
            return pa.table({})
        window = time_window(self.spec, self.settings)
        exprs = ", ".join(f"{column_sql(f, self.plan.rules[f.name], raw, window)} AS {_quote(f.name)}" for f in fields)
        self.con.register("_raw", raw)
        try:
            return self.con.sql(f"SELECT {exprs} FROM _raw").to_arrow_table()
        except duckdb.Error as exc:
            raise ConfigError(f"cannot apply the mapping: {exc}", hint="check the format and timezone in the mapping file") from exc
        finally:
            self.con.unregister("_raw")


def time_window(spec: TableSpec, settings: Settings, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The times a row of ``spec`` may hold: events from ``event_earliest``, other tables from 1900;
    none later than now plus ``event_future_hours`` (clocks drift, time zones are mislabelled)."""
    now = now or datetime.now(UTC)
    earliest = date.fromisoformat(settings.event_earliest) if spec in EVENT_TABLES else date(1900, 1, 1)
    return datetime.combine(earliest, datetime.min.time(), UTC), now + timedelta(hours=settings.event_future_hours)


def column_sql(spec_field: Field, rule: Rule, raw: pa.Table, window: tuple[datetime, datetime] | None = None) -> str:
    """The DuckDB expression that makes ``spec_field`` from the raw column (null when it cannot)."""
    base = _literal(rule.value) if rule.source is None else _quote(rule.source)
    if rule.default is not None:
        base = f"coalesce(CAST({base} AS VARCHAR), {_literal(rule.default)})"
    source_type = raw.schema.field(rule.source).type if rule.source in raw.column_names else pa.string()
    kind = spec_field.type
    if pa.types.is_timestamp(kind):
        return _within(_timestamp_sql(base, rule, source_type), window)
    if pa.types.is_boolean(source_type) and (pa.types.is_decimal(kind) or pa.types.is_integer(kind)
                                             or pa.types.is_floating(kind)):
        return "TRY_CAST(NULL AS DOUBLE)"  # true/false is not an amount or a count
    if pa.types.is_decimal(kind):
        if rule.unit == "cents":
            return f"TRY_CAST({_exact(base, 'DECIMAL(18,0)')} * 0.01::DECIMAL(3,2) AS DECIMAL(18,2))"
        return _exact(base, f"DECIMAL({kind.precision},{kind.scale})", kind.scale)
    if pa.types.is_integer(kind):
        return _exact(base, {8: "TINYINT", 16: "SMALLINT", 32: "INTEGER", 64: "BIGINT"}[kind.bit_width])
    if pa.types.is_boolean(kind):
        return _bool_sql(base, rule)
    if pa.types.is_floating(kind):
        return f"TRY_CAST({base} AS DOUBLE)"
    return f"CAST({base} AS VARCHAR)"


def _timestamp_sql(base: str, rule: Rule, source_type: pa.DataType) -> str:
    if rule.epoch:
        micros = f"TRY_CAST(TRY_CAST({base} AS DOUBLE) * {EPOCH_UNITS[rule.epoch]} AS BIGINT)"
        return f"CAST(make_timestamp({micros}) AS TIMESTAMPTZ)"
    if rule.format:
        parsed = f"try_strptime(CAST({base} AS VARCHAR), {_literal(rule.format)})"
        if "%z" in rule.format or "%Z" in rule.format:
            return f"CAST({parsed} AS TIMESTAMPTZ)"
        return _in_zone(parsed, rule.timezone)
    if pa.types.is_timestamp(source_type) and source_type.tz:
        return f"CAST({base} AS TIMESTAMPTZ)"
    if rule.timezone:
        return _in_zone(f"TRY_CAST({base} AS TIMESTAMP)", rule.timezone)
    # UTC offsets run from -12:00 to +14:00; DuckDB would read +25:00 as a day's shift.
    bad_offset = f"regexp_matches(CAST({base} AS VARCHAR), '[+-](1[5-9]|[2-9][0-9])(:?[0-9][0-9])?$')"
    return f"CASE WHEN {bad_offset} THEN NULL ELSE TRY_CAST({base} AS TIMESTAMPTZ) END"


def _within(expr: str, window: tuple[datetime, datetime] | None) -> str:
    """``expr`` where it falls in ``window``, else null (so the row is reported, not stored)."""
    if window is None:
        return expr
    low, high = (_literal(t.isoformat()) for t in window)
    return (f"CASE WHEN isfinite({expr}) AND {expr} BETWEEN CAST({low} AS TIMESTAMPTZ) "
            f"AND CAST({high} AS TIMESTAMPTZ) THEN {expr} END")


def _in_zone(naive: str, zone: str | None) -> str:
    return f"timezone({_literal(zone)}, {naive})" if zone else f"CAST({naive} AS TIMESTAMPTZ)"


def _bool_sql(base: str, rule: Rule) -> str:
    if not rule.true and not rule.false:
        return f"TRY_CAST({base} AS BOOLEAN)"
    yes = ", ".join(_literal(v) for v in rule.true) or "NULL"
    no = ", ".join(_literal(v) for v in rule.false) or "NULL"
    text = f"CAST({base} AS VARCHAR)"
    return f"CASE WHEN {text} IN ({yes}) THEN true WHEN {text} IN ({no}) THEN false END"


def _exact(base: str, sql_type: str, scale: int = 0) -> str:
    # TRY_CAST rounds ('12.5' → 13 as an integer); a value that changes when cast is not of the type.
    wide = f"TRY_CAST({base} AS DECIMAL(38,{max(10, scale)}))"
    return f"CASE WHEN {wide} = TRY_CAST({base} AS {sql_type}) THEN TRY_CAST({base} AS {sql_type}) END"


def phones_in_e164(values: pa.Array, region: str) -> pa.Array:
    """National and loosely written numbers in E.164; what cannot be read is left for validation to report."""
    values = values.cast(pa.string())
    odd = pc.and_(pc.invert(pc.match_substring_regex(values, E164_PATTERN.pattern)), values.is_valid()).fill_null(False)
    if not pc.any(odd).as_py():
        return values
    distinct = pc.unique(values.filter(odd))
    fixed = pa.array([_phone_or_same(v, region) for v in distinct.to_pylist()], pa.string())
    return pc.if_else(odd, pc.take(fixed, pc.index_in(values, value_set=distinct)), values)


def _phone_or_same(value: str, region: str) -> str:
    try:
        return normalise_phone(value, region)
    except EntityError:
        return value


def _expected(spec_field: Field, rule: Rule) -> str:
    kind = spec_field.type
    if pa.types.is_timestamp(kind):
        if rule.epoch:
            return f"a number of {rule.epoch} since 1970-01-01 UTC"
        if rule.format:
            return f"a time in the format {rule.format}"
        return ("a date-time such as 2026-03-01T09:00:00Z (ISO 8601; without a zone it is read as UTC), "
                "no earlier than the event_earliest setting and at most event_future_hours from now")
    if pa.types.is_decimal(kind):
        if rule.unit == "cents":
            return "a whole number of cents"
        return f"an amount with at most {kind.scale} decimal places, like 1250.50"
    if pa.types.is_integer(kind):
        return "a whole number"
    if pa.types.is_boolean(kind):
        return "true or false" if not rule.true else "one of " + ", ".join(rule.true + rule.false)
    if pa.types.is_floating(kind):
        return "a number"
    return "a text"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str | None) -> str:
    return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"
