"""Content as JSON text, one way for every output: timestamps as ISO 8601, money as numbers."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any


def json_text(content: Any) -> str:
    """``content`` as indented JSON, non-ASCII kept as it is.

    >>> from decimal import Decimal
    >>> print(json_text({"loss": Decimal("12.50")}))
    {
      "loss": 12.5
    }
    """
    return json.dumps(content, indent=2, default=_jsonable, ensure_ascii=False)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
