"""The rule context of a live transfer: the vocabulary of ``rules.vocabulary``, from what was known just before it.

The window figures come from the live state (``features(account, ts)``, asked before the transfer
itself is applied); what the windows forget on purpose — who ever paid whom and when first,
transfers sent ever, an account's first transfer — is kept by ``PayHistory``; the accounts'
reference facts come from the store and the watchlist from its alerts. The back-test computes the
same fields in SQL (``features/sql/rules/transfer_context.sql``); docs/serve.md says where the two
can differ (the live windows' far edge is exact to one bucket).

>>> history = PayHistory()
>>> history.update(1_000, "A", "B")
>>> history.new_payee("A", "B"), history.new_payee("C", "B"), history.sent_before("A", 2_000)
(False, True, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from scamnet.core.errors import ConfigError
from scamnet.online.events import microseconds
from scamnet.online.state import LiveState

HOUR_US = 3_600_000_000
#: Account fields read from the live windows: field → the live figure (``features`` key).
WINDOW_FIELDS = {
    "transfers_1h": "transfer_out_count_1h", "transfers_24h": "transfer_out_count_24h",
    "amount_24h": "transfer_out_amount_24h", "received_1h": "transfer_in_amount_1h",
    "received_24h": "transfer_in_amount_24h", "incoming_1h": "transfer_in_count_1h",
    "distinct_payers_1h": "transfer_in_distinct_1h", "distinct_payers_24h": "transfer_in_distinct_24h",
    "distinct_payees_24h": "transfer_out_distinct_24h",
}
NEEDED_WINDOWS = ("1h", "24h")


class Profile(Protocol):
    """An account's reference facts (``store.accounts.AccountProfile``)."""

    opened_at: datetime
    holder_type: str
    birth_year: int | None


class PayHistory:
    """What windows forget: each payee's payers with their first payment, transfers sent ever, first transfer.

    Times are microseconds since 1970 (UTC). Updates must come in time order (the service applies
    them as events arrive; a restart replays the store's transfers in order).
    """

    def __init__(self) -> None:
        self._first_pay: dict[str, dict[str, int]] = {}
        self._sent: dict[str, list[int]] = {}
        self._first_seen: dict[str, int] = {}

    def update(self, at_us: int, src: str | None, dst: str | None) -> None:
        for account in (src, dst):
            if account:
                self._first_seen[account] = min(self._first_seen.get(account, at_us), at_us)
        if src:
            self._sent.setdefault(src, []).append(at_us)
        if src and dst:
            self._first_pay.setdefault(dst, {}).setdefault(src, at_us)

    def new_payee(self, src: str | None, dst: str | None) -> bool | None:
        """Did ``src`` never pay ``dst`` before? NULL without both accounts."""
        if not (src and dst):
            return None
        return src not in self._first_pay.get(dst, {})

    def sent_before(self, account: str, at_us: int) -> int:
        """Transfers ``account`` sent strictly before ``at_us``, ever."""
        times = self._sent.get(account, [])
        return sum(1 for t in reversed(times) if t < at_us) if times and times[-1] >= at_us else len(times)

    def new_payers(self, account: str, since_us: int, until_us: int) -> int:
        """Payers whose first payment to ``account`` fell in ``[since_us, until_us)``."""
        return sum(1 for t in self._first_pay.get(account, {}).values() if since_us <= t < until_us)

    def first_seen_age_h(self, account: str, at_us: int) -> float | None:
        first = self._first_seen.get(account)
        return (at_us - first) / HOUR_US if first is not None and first < at_us else None


def check_windows(state: LiveState) -> None:
    """The rule vocabulary reads 1 h and 24 h windows: the state must count them."""
    names = {w.name for w in state.windows}
    missing = [w for w in NEEDED_WINDOWS if w not in names]
    if missing:
        raise ConfigError(f"state_windows lacks {', '.join(missing)}, which the rules read",
                          hint="keep 1h and 24h in state_windows (the default is 1h,24h,7d)")


def transfer_context(row: Mapping[str, Any], state: LiveState, history: PayHistory,
                     profiles: Mapping[str, Profile], listed: Mapping[str, float],
                     utc_offset_hours: float) -> dict[str, Any]:
    """Field → value for the transfer ``row`` (canonical columns), before the transfer is applied."""
    at: datetime = row["ts"]
    at_us, src, dst = microseconds(at), row.get("src_account"), row.get("dst_account")
    local_s = at_us // 1_000_000 + round(utc_offset_hours * 3600)
    context: dict[str, Any] = {
        "amount": float(row["amount"]), "currency": row.get("currency"), "channel": row.get("channel"),
        "local_hour": float((local_s % 86400) // 3600), "new_payee": history.new_payee(src, dst),
    }
    for role, account in (("payer", src), ("payee", dst)):
        side = _side(account, at, at_us, state, history, profiles, listed) if account else _unknown()
        context.update({f"{role}.{name}": value for name, value in side.items()})
    return context


def _side(account: str, at: datetime, at_us: int, state: LiveState, history: PayHistory,
          profiles: Mapping[str, Profile], listed: Mapping[str, float]) -> dict[str, Any]:
    figures = state.features(f"account:{account}", at)
    side: dict[str, Any] = _reference(profiles.get(account), at)
    side["first_seen_age_h"] = history.first_seen_age_h(account, at_us)
    side["transfers_total"] = float(history.sent_before(account, at_us))
    side.update({name: float(figures[key]) for name, key in WINDOW_FIELDS.items()})
    side["new_payers_1h"] = float(history.new_payers(account, at_us - HOUR_US, at_us))
    score = listed.get(f"account:{account}")
    side["on_watchlist"], side["mule_score"] = score is not None, score
    return side


def _reference(profile: Profile | None, at: datetime) -> dict[str, Any]:
    if profile is None:
        return {"account_age_d": None, "holder_type": None, "holder_age_y": None}
    opened = profile.opened_at if profile.opened_at.tzinfo else profile.opened_at.replace(tzinfo=at.tzinfo)
    person = profile.holder_type == "person" and profile.birth_year is not None
    return {"account_age_d": (at - opened).total_seconds() / 86400, "holder_type": profile.holder_type,
            "holder_age_y": float(at.year - profile.birth_year) if person and profile.birth_year else None}


def _unknown() -> dict[str, Any]:
    """A side with no account (a cash deposit's payer, a cash withdrawal's payee): every field NULL."""
    names = ("account_age_d", "holder_type", "holder_age_y", "first_seen_age_h", "transfers_total",
             *WINDOW_FIELDS, "new_payers_1h", "on_watchlist", "mule_score")
    return dict.fromkeys(names)
