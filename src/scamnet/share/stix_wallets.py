"""Wallets in STIX 2.1 bundles: a ``cryptocurrency-wallet`` cyber observable, declared by an extension.

STIX 2.1 has no observable for a blockchain address, so scamnet declares one the way STIX 2.1
extensions do: an ``extension-definition`` (extension type ``new-sco``) that the wallet objects
name in their ``extensions``. A wallet object carries the ``chain`` (tron, ethereum, bitcoin) and
the ``address`` as the chain writes it; its id is a UUIDv5 of both in the STIX observable namespace,
so two producers exporting one wallet give it the same id. The indicator for the wallet keeps its
pattern ``[x-scamnet-wallet:value = 'tron:T…']`` (and importers read ``cryptocurrency-wallet``
patterns too). Hashed (privacy-mode) indicators get no wallet object: that would reveal the address.

>>> objs = wallet_objects([{"kind": "wallet", "value": "tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "hashed": False}],
...                       "identity--9a3c1c36-41a6-5b1c-8d2f-000000000000", None)
>>> [o["type"] for o in objs], objs[1]["chain"], objs[1]["address"]
(['extension-definition', 'cryptocurrency-wallet'], 'tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t')
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

#: STIX 2.1's namespace for deterministic observable ids.
_SCO_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
EXTENSION_ID = "extension-definition--" + str(uuid.uuid5(_SCO_NAMESPACE, "scamnet cryptocurrency-wallet 1.0"))
WALLET_TYPE = "cryptocurrency-wallet"
_SCHEMA_TEXT = ("scamnet docs/crypto.md: cryptocurrency-wallet has chain (tron, ethereum or bitcoin) and address "
                "(as the chain writes it; Ethereum lower case); id = UUIDv5 of chain:address")


def wallet_id(chain: str, address: str) -> str:
    return f"{WALLET_TYPE}--{uuid.uuid5(_SCO_NAMESPACE, f'{chain}:{address}')}"


def wallet_objects(indicators: list[dict[str, Any]], identity_id: str, created: datetime | None) -> list[dict[str, Any]]:
    """The extension definition and one wallet object per plain (not hashed) wallet indicator."""
    wallets = sorted({row["value"] for row in indicators if row["kind"] == "wallet" and not row["hashed"]})
    if not wallets:
        return []
    stamp = (created or datetime(2026, 1, 1, tzinfo=UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    definition = {
        "type": "extension-definition", "spec_version": "2.1", "id": EXTENSION_ID, "created_by_ref": identity_id,
        "created": stamp, "modified": stamp, "name": "scamnet cryptocurrency-wallet",
        "description": "A blockchain address as a cyber observable.", "schema": _SCHEMA_TEXT, "version": "1.0",
        "extension_types": ["new-sco"],
    }
    objects: list[dict[str, Any]] = [definition]
    for value in wallets:
        chain, _, address = value.partition(":")
        objects.append({"type": WALLET_TYPE, "spec_version": "2.1", "id": wallet_id(chain, address), "chain": chain,
                        "address": address, "extensions": {EXTENSION_ID: {"extension_type": "new-sco"}}})
    return objects
