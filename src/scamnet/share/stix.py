"""Indicators as STIX 2.1 bundles, out (plain JSON) and back in (the ``stix2`` library).

Each indicator is one STIX ``indicator`` whose pattern is a single equality:
``[url:value = 'https://…']``, ``[domain-name:value = '…']``, and for kinds STIX has no cyber
observable for, scamnet's own types ``x-scamnet-phone``, ``x-scamnet-bank-account``,
``x-scamnet-wallet``. In privacy mode the property is ``x_hmac_sha256`` and the value the
keyed hash of the entity id (``scamnet.share.keyed_hash``). Confidence is STIX's 0-100; the
scam type is the indicator's label; a gang is an ``intrusion-set`` the indicator ``indicates``;
first and last seen are ``valid_from`` and ``x_scamnet_last_seen``.

Importing reads any bundle whose indicators use such single-equality patterns; indicators of
other shapes (file hashes, compound patterns) are counted as skipped, not guessed at.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import stix2
from stix2.exceptions import STIXError

from scamnet.core.enums import ScamType
from scamnet.core.errors import InputError, Problem
from scamnet.schema.entities import EntityError, normalise
from scamnet.share.stix_wallets import wallet_objects

#: scamnet entity kind → STIX object type used in patterns.
STIX_TYPES = {
    "phone": "x-scamnet-phone", "account": "x-scamnet-bank-account", "card": "x-scamnet-bank-account",
    "wallet": "x-scamnet-wallet", "url": "url", "domain": "domain-name",
}
_KIND_OF_TYPE = {"x-scamnet-phone": "phone", "x-scamnet-bank-account": "account", "x-scamnet-wallet": "wallet",
                 "url": "url", "domain-name": "domain", "cryptocurrency-wallet": "wallet"}
HASH_PROPERTY = "x_hmac_sha256"
_NAMESPACE = uuid.UUID("3c9f3a52-6c55-4bde-9a63-2f0f6b1c0e7a")
_PATTERN = re.compile(r"^\[\s*([a-z0-9-]+):([a-z0-9_]+)\s*=\s*'((?:[^'\\]|\\.)*)'\s*\]$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_SCAM_TYPES = frozenset(t.value for t in ScamType)


def pattern_of(kind: str, value: str, hashed: bool) -> str:
    """>>> pattern_of("phone", "+8613812345678", hashed=False)
    "[x-scamnet-phone:value = '+8613812345678']"
    """
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"[{STIX_TYPES[kind]}:{HASH_PROPERTY if hashed else 'value'} = '{escaped}']"


def stix_id(kind: str, value: str) -> str:
    return f"indicator--{uuid.uuid5(_NAMESPACE, f'{kind}:{value}')}"


def export_bundle(indicators: list[dict[str, Any]], producer: str, created: datetime) -> str:
    """A STIX 2.1 bundle (JSON text) of ``indicators`` rows (the ``indicators`` table's columns).

    The objects are written as plain JSON, one function per object kind; the stix2 library only
    reads bundles (its object construction and ordered serialisation took ~99 s for 582 indicators).
    Every id is derived from its content (uuid5), so the same indicators give the same bundle.
    """
    identity = identity_object(producer, created)
    gangs = {g: intrusion_set_object(g, identity, created)
             for g in sorted({i["gang_id"] for i in indicators if i["gang_id"]})}
    objects: list[dict[str, Any]] = [identity, *gangs.values()]
    for row in indicators:
        indicator = indicator_object(row, identity, created)
        objects.append(indicator)
        if row["gang_id"]:
            objects.append(relationship_object(indicator, "indicates", gangs[row["gang_id"]], identity, created))
    objects += wallet_objects(indicators, identity["id"], created)  # cryptocurrency-wallet observables (stix_wallets.py)
    bundle = {"type": "bundle", "id": f"bundle--{uuid.uuid5(_NAMESPACE, producer + created.isoformat())}",
              "objects": objects}
    return json.dumps(bundle, indent=4, ensure_ascii=False)


def sdo(kind: str, object_id: str, created: datetime, creator: dict[str, Any] | None, **properties: Any) -> dict[str, Any]:
    """The common properties of a STIX 2.1 domain or relationship object, then ``properties`` (``None`` left out)."""
    stamp = timestamp(created, millis=True)
    head = {"type": kind, "spec_version": "2.1", "id": object_id}
    if creator is not None:
        head["created_by_ref"] = creator["id"]
    head |= {"created": stamp, "modified": stamp}
    return head | {k: v for k, v in properties.items() if v is not None}


def identity_object(producer: str, created: datetime) -> dict[str, Any]:
    return sdo("identity", f"identity--{uuid.uuid5(_NAMESPACE, producer)}", created, None, name=producer,
               identity_class="organization")


def intrusion_set_object(gang_id: str, identity: dict[str, Any], created: datetime) -> dict[str, Any]:
    object_id = f"intrusion-set--{uuid.uuid5(_NAMESPACE, identity['name'] + gang_id)}"
    return sdo("intrusion-set", object_id, created, identity, name=gang_id)


def indicator_object(row: dict[str, Any], identity: dict[str, Any], created: datetime) -> dict[str, Any]:
    return sdo(
        "indicator", stix_id(row["kind"], row["value"]), created, identity, name=f"{row['kind']} flagged for fraud",
        indicator_types=["malicious-activity"], pattern=pattern_of(row["kind"], row["value"], row["hashed"]),
        pattern_type="stix", pattern_version="2.1", valid_from=timestamp(row["first_seen"] or created),
        labels=[row["scam_type"]] if row["scam_type"] else None, confidence=round(100 * row["confidence"]),
        x_scamnet_last_seen=_stamp(row["last_seen"]) if row["last_seen"] else None,
    )


def relationship_object(source: dict[str, Any], kind: str, target: dict[str, Any], identity: dict[str, Any],
                        created: datetime) -> dict[str, Any]:
    key = " ".join((source["id"], kind, target["id"]))
    object_id = f"relationship--{uuid.uuid5(_NAMESPACE, key)}"
    return sdo("relationship", object_id, created, identity, relationship_type=kind, source_ref=source["id"],
               target_ref=target["id"])


def timestamp(value: datetime, *, millis: bool = False) -> str:
    """A STIX timestamp in UTC: ``…:SS[.fraction]Z``, the fraction's trailing zeros dropped (kept to 3 digits with
    ``millis``, as STIX asks of ``created`` and ``modified``); a naive time is taken as UTC.

    >>> timestamp(datetime(2026, 3, 1, 9, 0, 0, 120000, tzinfo=UTC)), timestamp(datetime(2026, 3, 1), millis=True)
    ('2026-03-01T09:00:00.12Z', '2026-03-01T00:00:00.000Z')
    """
    zoned = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    fraction = f"{zoned.microsecond:06d}".rstrip("0")
    if millis:
        fraction = fraction.ljust(3, "0")
    return zoned.strftime("%Y-%m-%dT%H:%M:%S") + (f".{fraction}" if fraction else "") + "Z"


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class ParsedBundle:
    """Indicators read from a bundle (rows of the ``indicators`` table), who made it, and what was skipped."""

    producer: str | None
    indicators: list[dict[str, Any]]
    skipped: int


def parse_bundle(text: str, source: str, region: str = "CN") -> ParsedBundle:
    """Read a partner's bundle; ``InputError`` naming each bad object when it is malformed."""
    bundle = _stix_bundle(text, source)
    objects = list(bundle.get("objects", []))
    producer = next((o["name"] for o in objects if o["type"] == "identity"), None)
    gangs = _gang_of_indicator(objects)
    rows, problems, skipped = [], [], 0
    for number, obj in enumerate(objects, start=1):
        if obj["type"] != "indicator":
            continue
        try:
            row = _row(obj, gangs.get(obj["id"]), region)
        except EntityError as exc:
            problems.append(Problem(source, number, "pattern", obj["pattern"], exc.message, row_label="object"))
            continue
        skipped += row is None
        rows += [row] if row else []
    if problems:
        raise InputError(problems, hint="fix or drop those indicators and import again")
    return ParsedBundle(producer, rows, skipped)


def _stix_bundle(text: str, source: str) -> Any:
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError([Problem(source, exc.lineno, None, exc.msg, "JSON text (a STIX 2.1 bundle)")]) from None
    except RecursionError:
        raise InputError([Problem(source, None, None, "JSON nested too deeply to read",
                                  "a STIX 2.1 bundle (objects nest a few levels, not thousands)")]) from None
    if not isinstance(data, dict) or data.get("type") != "bundle":
        got = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise InputError([Problem(source, None, "type", got, "a STIX 2.1 bundle (\"type\": \"bundle\")")])
    _check_confidence(data.get("objects"), source)
    try:
        return stix2.parse(data, allow_custom=True)
    except RecursionError:
        raise InputError([Problem(source, None, None, "objects nested too deeply",
                                  "a STIX 2.1 bundle (objects nest a few levels, not thousands)")]) from None
    except (STIXError, ValueError, KeyError, TypeError) as exc:
        raise InputError([Problem(source, None, None, str(exc)[:200], "valid STIX 2.1 objects")]) from None


def _check_confidence(objects: Any, source: str) -> None:
    """STIX confidence is a whole number 0-100 (stored as 0-1); anything else names its object.

    Checked on the JSON as sent, before the STIX library would turn 50.5 or true into a number.
    """
    problems = []
    for number, obj in enumerate(objects if isinstance(objects, list) else [], start=1):
        if not isinstance(obj, dict) or "confidence" not in obj:
            continue
        confidence = obj["confidence"]
        if isinstance(confidence, bool) or not isinstance(confidence, int) or not 0 <= confidence <= 100:
            problems.append(Problem(source, number, "confidence", confidence, "a STIX confidence, a whole number 0-100",
                                    row_label="object"))
    if problems:
        raise InputError(problems, hint="STIX 2.1 confidence runs from 0 (none) to 100 (certain)")


def _gang_of_indicator(objects: list[Any]) -> dict[str, str]:
    names = {o["id"]: o["name"] for o in objects if o["type"] == "intrusion-set"}
    return {o["source_ref"]: names[o["target_ref"]] for o in objects
            if o["type"] == "relationship" and o["relationship_type"] == "indicates" and o["target_ref"] in names}


def _row(obj: Any, gang_id: str | None, region: str) -> dict[str, Any] | None:
    match = _PATTERN.match(obj["pattern"].strip()) if obj.get("pattern_type") == "stix" else None
    if not match or match.group(1) not in _KIND_OF_TYPE:
        return None
    kind, prop, value = _KIND_OF_TYPE[match.group(1)], match.group(2), re.sub(r"\\(.)", r"\1", match.group(3))
    hashed = prop == HASH_PROPERTY
    if hashed and not _HEX64.match(value):
        raise EntityError(f"{value!r} is not a hex HMAC-SHA256", hint="64 lower-case hex digits")
    if not hashed and prop != "value":
        return None
    labels = [label for label in obj.get("labels", []) if label in _SCAM_TYPES]
    last_seen = obj.get("x_scamnet_last_seen")
    return {
        "indicator_id": obj["id"], "kind": kind, "value": value if hashed else normalise(kind, value, region).partition(":")[2],
        "hashed": hashed, "confidence": obj.get("confidence", 50) / 100, "first_seen": obj["valid_from"],
        "last_seen": datetime.fromisoformat(last_seen) if isinstance(last_seen, str) else last_seen,
        "scam_type": labels[0] if labels else None, "gang_id": gang_id, "source": "",
    }
