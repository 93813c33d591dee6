"""Indicator sharing over a store: export flagged entities, import a partner's bundle, match.

An imported bundle becomes the partner's watchlist: its rows in ``indicators`` (``source`` =
the partner) are replaced as a whole, in one transaction, after the whole bundle was read — a
malformed bundle changes nothing. Gang discovery treats raw partner indicators as flagged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from scamnet.core.clock import Clock
from scamnet.core.errors import ConfigError, NotFoundError
from scamnet.core.settings import Settings
from scamnet.share.keyed_hash import entity_hash, read_secret
from scamnet.share.stix import STIX_TYPES, export_bundle, parse_bundle
from scamnet.store import Store, open_store
from scamnet.store.indicators import INDICATORS, flagged_of_kinds, replace_watchlist


def own_indicators(store: Store, secret: bytes | None = None, min_score: float = 0.0) -> list[dict[str, Any]]:
    """Indicator rows of the store's flagged entities; values keyed-hashed when ``secret`` is given."""
    out = []
    for f in flagged_of_kinds(store, sorted(set(STIX_TYPES) - {"card"})):
        if f.score < min_score:
            continue
        kind, _, value = f.entity.partition(":")
        out.append({
            "indicator_id": f.entity, "kind": kind, "value": entity_hash(f.entity, secret) if secret else value,
            "hashed": secret is not None, "confidence": f.score, "first_seen": f.first_seen,
            "last_seen": f.last_seen, "scam_type": f.scam_type, "gang_id": f.gang_id, "source": "own",
        })
    return out


def export_share(db: Path, out: Path, clock: Clock, *, secret_file: Path | None = None, producer: str = "scamnet",
                 min_score: float = 0.0) -> dict[str, Any]:
    """Write the store's flagged entities as a STIX 2.1 bundle to ``out``."""
    secret = read_secret(secret_file) if secret_file else None
    with open_store(db, read_only=True) as store:
        rows = own_indicators(store, secret, min_score)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(export_bundle(rows, producer, clock.now()), encoding="utf-8")
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    return {"bundle": str(out), "indicators": len(rows), "hashed": secret is not None, "by_kind": kinds,
            "gangs": len({r["gang_id"] for r in rows if r["gang_id"]})}


def _read_bundle(path: Path, settings: Settings, source: str | None = None):
    if not path.is_file():
        raise NotFoundError(f"no bundle at {path}", hint="give the path of a STIX 2.1 bundle (.json)")
    parsed = parse_bundle(path.read_text(encoding="utf-8"), str(path), settings.default_region)
    return parsed, source or parsed.producer or path.stem


def import_share(db: Path, bundle: Path, settings: Settings, source: str | None = None) -> dict[str, Any]:
    """Load a partner's bundle as its watchlist (replacing that partner's earlier one)."""
    parsed, partner = _read_bundle(bundle, settings, source)
    rows = [{**r, "indicator_id": f"{partner}/{r['indicator_id']}", "source": partner} for r in parsed.indicators]
    with open_store(db) as store:
        replace_watchlist(store, partner, pa.Table.from_pylist(rows, schema=INDICATORS.schema))
    return {"source": partner, "indicators": len(rows), "hashed": sum(r["hashed"] for r in rows),
            "skipped": parsed.skipped}


def match_share(db: Path, bundle: Path, settings: Settings, secret_file: Path | None = None) -> list[dict[str, Any]]:
    """The partner's indicators that are also flagged here, with what each side knows of them."""
    parsed, partner = _read_bundle(bundle, settings)
    secret = read_secret(secret_file) if secret_file else None
    if secret is None and any(r["hashed"] for r in parsed.indicators):
        raise ConfigError(f"{bundle} holds keyed hashes", hint="give --secret-file with the secret you share with the partner")
    with open_store(db, read_only=True) as store:
        own = own_indicators(store)
    by_key = {(r["kind"], r["value"], False): r for r in own}
    if secret:
        by_key |= {(r["kind"], entity_hash(r["indicator_id"], secret), True): r for r in own}
    matches = []
    for theirs in parsed.indicators:
        mine = by_key.get((theirs["kind"], theirs["value"], theirs["hashed"]))
        if mine:
            matches.append({
                "entity": mine["indicator_id"], "partner": partner, "matched_on": "keyed hash" if theirs["hashed"] else "value",
                "our_confidence": mine["confidence"], "their_confidence": theirs["confidence"],
                "our_gang": mine["gang_id"], "their_gang": theirs["gang_id"], "their_scam_type": theirs["scam_type"],
            })
    return sorted(matches, key=lambda m: (-m["their_confidence"], m["entity"]))
