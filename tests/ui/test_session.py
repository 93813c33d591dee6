"""Console sessions: a cookie signed with the key's stored hash; forged, expired or revoked ones are refused."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from scamnet.service.keys import KeyRing, secret_hash
from scamnet.store.keys import StoredKey
from scamnet.ui.session import SESSION_S, holder_of_session, session_value

NOW = 1_780_000_000.0
ANALYST = StoredKey("sk1", "analyst", secret_hash("s3cret"), "Li Wei", datetime(2026, 3, 1), None)
OTHER = StoredKey("sk2", "admin", secret_hash("other"), "admin", datetime(2026, 3, 1), None)


def _service(*keys: StoredKey) -> SimpleNamespace:
    return SimpleNamespace(keys=KeyRing(keys))


def test_a_session_names_its_key_until_it_expires() -> None:
    cookie = session_value(ANALYST, NOW)
    assert holder_of_session(_service(ANALYST, OTHER), cookie, NOW + 60) == ANALYST
    assert holder_of_session(_service(ANALYST), cookie, NOW + SESSION_S + 1) is None, "expired"


def test_a_forged_or_altered_session_is_refused() -> None:
    key_id, expires, mac = session_value(ANALYST, NOW).split(".")
    service = _service(ANALYST, OTHER)
    assert holder_of_session(service, f"sk2.{expires}.{mac}", NOW) is None, "another key's id with this MAC"
    assert holder_of_session(service, f"{key_id}.{int(expires) + SESSION_S}.{mac}", NOW) is None, "a longer life"
    assert holder_of_session(service, f"{key_id}.{expires}.{'0' * 64}", NOW) is None
    assert holder_of_session(service, "nonsense", NOW) is None


def test_revoking_the_key_ends_its_sessions() -> None:
    cookie = session_value(ANALYST, NOW)
    revoked = StoredKey(**{**ANALYST.__dict__, "revoked_at": datetime(2026, 3, 2)})
    assert holder_of_session(_service(revoked), cookie, NOW) is None
