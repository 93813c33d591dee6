"""Shipped and user-trained models on disk: gzipped JSON, versioned, never executed on load (no pickle)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from scamnet.core.errors import ConfigError


def write_model_file(path: Path, payload: dict[str, Any]) -> None:
    """Write ``payload`` (holding its ``format`` and ``version``) as compact gzipped JSON."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(payload, out, ensure_ascii=False, separators=(",", ":"))


def read_model_file(path: Path, expected: dict[str, Any], what: str, hint: str) -> dict[str, Any]:
    """The payload at ``path``; ``ConfigError`` naming the file when it is unreadable or any ``expected`` key differs.

    ``expected`` holds ``format`` and ``version`` (and whatever else must match this scamnet);
    ``what`` names the model ("text model"), ``hint`` says how to make a good one.
    """
    try:
        with gzip.open(path, "rt", encoding="utf-8") as source:
            payload = json.load(source)
    except (OSError, json.JSONDecodeError, EOFError) as exc:
        raise ConfigError(f"{path}: not a scamnet {what} ({exc})", hint=hint) from exc
    if any(payload.get(key) != value for key, value in expected.items()):
        raise ConfigError(
            f"{path}: format {payload.get('format')!r} version {payload.get('version')!r} does not match this scamnet",
            hint=f"expected {expected['format']} version {expected['version']}; {hint}",
        )
    return payload
