"""What every bench result shares: frozen dataclasses whose ``to_json`` keys are documented and stable.

A field's JSON key is its name unless ``key`` gives another (figure names such as
``recall_at_0.1%_fp`` are no Python names); a ``flatten`` field's own fields appear in its place.
NaN (nothing to measure) becomes ``null``, so the JSON stays standard. ``docs/benchmarks.md``
lists every key, and a test holds the two together.
"""

from __future__ import annotations

import math
from dataclasses import Field, field, fields
from typing import Any


def key(name: str) -> Any:
    """A field whose JSON key is ``name``."""
    return field(metadata={"key": name})


def flatten(kind: type) -> Any:
    """A field holding a ``kind`` dataclass whose fields are written in its place."""
    return field(metadata={"flatten": kind})


def json_value(value: Any) -> Any:
    """``value`` as plain JSON: results through ``to_json``, NaN as None, tuples as lists.

    >>> json_value({"a": float("nan"), "b": (1, 2.5)})
    {'a': None, 'b': [1, 2.5]}
    """
    if isinstance(value, Result):
        return value.to_json()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


class Result:
    """Mixin of the bench results (frozen dataclasses): ``to_json`` and the keys it writes."""

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def json_keys(cls) -> list[str]:
        """Every key ``to_json`` writes, in order."""
        return _keys(cls)


def _fields_json(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if "flatten" in f.metadata:
            out |= _fields_json(value)
        else:
            out[_key(f)] = json_value(value)
    return out


def _keys(kind: type) -> list[str]:
    keys: list[str] = []
    for f in fields(kind):
        keys += _keys(f.metadata["flatten"]) if "flatten" in f.metadata else [_key(f)]
    return keys


def _key(f: Field) -> str:
    return f.metadata.get("key", f.name)
