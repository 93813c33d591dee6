"""Mapping files (TOML): how a user's columns become ours.

A mapping renames columns and converts values: a time format and its zone, epoch seconds,
amounts in cents, national phone numbers to E.164, constants and defaults. Columns it does not
name are taken as they are when the input has a column of our name. See docs/ingest.md.

>>> m = mapping_from_dict({"columns": {"caller": "MSISDN_A", "amount": {"from": "AMT", "unit": "cents"}}})
>>> m.rules["caller"].source, m.rules["amount"].unit
('MSISDN_A', 'cents')
"""

from __future__ import annotations

import codecs
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scamnet.core.errors import ConfigError

_TOP_KEYS = {"kind", "encoding", "delimiter", "multiline", "unmapped", "normalise_phones", "columns"}
_RULE_KEYS = {"from", "value", "default", "format", "timezone", "epoch", "unit", "phone", "region", "true", "false"}
EPOCH_UNITS = {"s": 1_000_000, "ms": 1_000, "us": 1}


@dataclass(frozen=True)
class Rule:
    """How one of our columns is made: from an input column (``source``) or a constant ``value``."""

    target: str
    source: str | None
    value: str | None = None
    default: str | None = None
    format: str | None = None
    timezone: str | None = None
    epoch: str | None = None
    unit: str = "units"
    phone: bool = False
    region: str | None = None
    true: tuple[str, ...] = ()
    false: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mapping:
    """A whole mapping file; ``Mapping()`` is the identity mapping."""

    rules: dict[str, Rule] = field(default_factory=dict)
    kind: str | None = None
    encoding: str = "utf-8"
    delimiter: str | None = None
    multiline: bool = False
    unmapped: str = "error"
    normalise_phones: bool = False
    origin: str = "mapping"


def load_mapping(path: Path | None) -> Mapping:
    """The mapping in TOML file ``path`` (the identity mapping for None)."""
    if path is None:
        return Mapping()
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"mapping file {path} does not exist", hint="pass an existing --mapping FILE.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"mapping file {path} is not valid TOML: {exc}", hint="fix the TOML syntax") from exc
    return mapping_from_dict(data, origin=str(path))


def mapping_from_dict(data: dict[str, Any], origin: str = "mapping") -> Mapping:
    """A mapping from parsed TOML; unknown keys and wrong values are ``ConfigError``."""
    _no_unknown(data, _TOP_KEYS, origin)
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        raise ConfigError(f"{origin}: [columns] must be a table", hint='write [columns] then caller = "MSISDN_A"')
    unmapped = data.get("unmapped", "error")
    if unmapped not in ("error", "ignore"):
        raise ConfigError(f"{origin}: unmapped = {unmapped!r}", hint='unmapped is "error" or "ignore"')
    return Mapping(
        rules={target: _rule(target, spec, origin) for target, spec in columns.items()},
        kind=_text(data, "kind", origin),
        encoding=_encoding(data, origin),
        delimiter=_text(data, "delimiter", origin),
        multiline=_flag(data, "multiline", origin),
        unmapped=unmapped,
        normalise_phones=bool(data.get("normalise_phones", False)),
        origin=origin,
    )


def _rule(target: str, spec: Any, origin: str) -> Rule:
    where = f"{origin}: columns.{target}"
    if isinstance(spec, str):
        return Rule(target, spec)
    if not isinstance(spec, dict):
        raise ConfigError(f"{where} is {spec!r}", hint='give the input column name or a table like { from = "COL" }')
    _no_unknown(spec, _RULE_KEYS, where)
    if ("from" in spec) == ("value" in spec):
        raise ConfigError(f"{where} needs exactly one of 'from' (an input column) or 'value' (a constant)", hint="")
    if spec.get("epoch") is not None and spec["epoch"] not in EPOCH_UNITS:
        raise ConfigError(f"{where}: epoch = {spec['epoch']!r}", hint="epoch is one of: s, ms, us")
    if spec.get("unit", "units") not in ("units", "cents"):
        raise ConfigError(f"{where}: unit = {spec['unit']!r}", hint='unit is "units" (12.50) or "cents" (1250)')
    return Rule(
        target, _str_or_none(spec.get("from")), value=_str_or_none(spec.get("value")),
        default=_str_or_none(spec.get("default")), format=spec.get("format"), timezone=spec.get("timezone"),
        epoch=spec.get("epoch"), unit=spec.get("unit", "units"), phone=bool(spec.get("phone", False)),
        region=spec.get("region"), true=tuple(spec.get("true", ())), false=tuple(spec.get("false", ())),
    )


def _no_unknown(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}", hint="known keys: " + ", ".join(sorted(known)))


def _text(data: dict[str, Any], key: str, origin: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{origin}: {key} = {value!r} should be a text", hint=f'write {key} = "..."')
    return value


def _flag(data: dict[str, Any], key: str, origin: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{origin}: {key} = {value!r} should be true or false", hint=f"write {key} = true")
    return value


def _encoding(data: dict[str, Any], origin: str) -> str:
    name = _text(data, "encoding", origin) or "utf-8"
    try:
        codecs.lookup(name)
    except LookupError:
        raise ConfigError(f"{origin}: encoding = {name!r} is not an encoding Python knows",
                          hint='e.g. encoding = "utf-8", "gb18030", "utf-16", "cp1252"') from None
    return name


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
