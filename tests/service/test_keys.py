"""API keys: the store never holds a key, only its hash; a revoked key stops working at the service's next check."""

from __future__ import annotations

from pathlib import Path

import pytest

from scamnet.core.enums import KeyRole
from scamnet.core.errors import ConfigError, NotFoundError
from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.service.keys import create_key, list_keys, revoke


def test_a_created_key_is_stored_as_a_hash_and_known_by_its_role(db_path: Path, clock) -> None:
    made = create_key(db_path, "analyst", clock, label="fraud desk")
    stored = list_keys(db_path)
    assert [(k.key_id, k.role, k.label) for k in stored] == [(made.stored.key_id, "analyst", "fraud desk")]
    secret = made.key.split(".", 1)[1]
    assert secret not in stored[0].key_hash and len(stored[0].key_hash) == 64


def test_a_revoked_key_is_refused_after_the_next_check(db_path: Path, clock) -> None:
    made = create_key(db_path, "ingest", clock)
    ticks = [0.0]
    service = DecisionService(Settings(), db_path, monotonic=lambda: ticks[0])
    service.start()
    assert service.keys.role_of(made.key) is KeyRole.INGEST
    revoke(db_path, made.stored.key_id, clock)
    ticks[0] = 10.0
    service.refresh()
    assert service.keys.role_of(made.key) is None
    with pytest.raises(NotFoundError):
        revoke(db_path, made.stored.key_id, clock)


def test_an_unknown_role_or_auth_value_is_refused(db_path: Path, clock) -> None:
    with pytest.raises(ConfigError, match="no role 'boss'"):
        create_key(db_path, "boss", clock)
    with pytest.raises(ConfigError, match="auth"):
        DecisionService(Settings({"auth": "maybe"}), db_path)
