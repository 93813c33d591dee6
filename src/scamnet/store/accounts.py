"""Who holds each account, as the decision service needs it: when it was opened, by whom, born when, their number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scamnet.store.db import Store

_PROFILES_SQL = """
SELECT a.account_id, a.opened_at, a.holder_type, CASE WHEN a.holder_type = 'person' THEN p.birth_year END,
       a.msisdn, a.holder_id
FROM accounts a LEFT JOIN persons p ON p.person_id = a.holder_id
"""


@dataclass(frozen=True)
class AccountProfile:
    """An account's reference facts: opening time, holder type and (for a person) birth year."""

    opened_at: datetime
    holder_type: str
    birth_year: int | None
    msisdn: str | None = None
    holder_id: str | None = None


def account_profiles(store: Store) -> dict[str, AccountProfile]:
    """Account id → its profile, for every account of the store."""
    return {r[0]: AccountProfile(*r[1:]) for r in store.con.execute(_PROFILES_SQL).fetchall()}
