"""Who is using the console: an API key given at sign-in, kept as a signed session cookie.

The cookie reads ``key_id.expires.mac``: the MAC is an HMAC-SHA256 of ``key_id.expires`` keyed with the key's
stored hash, which only the store holds; every worker process can check it and nothing is kept per session.
Revoking the key ends its sessions at the service's next key check. The cookie is HttpOnly and SameSite=Strict
(no other site can send it), and Secure when the console is served over HTTPS. An ``Authorization: Bearer KEY``
header works too, as for the API. With ``auth = "off"`` everyone is an anonymous admin, as the API allows.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from fastapi import Request

from scamnet.core.enums import KeyRole
from scamnet.service.decide import DecisionService
from scamnet.store.keys import StoredKey

COOKIE = "scamnet_session"
#: Seconds a sign-in lasts.
SESSION_S = 8 * 3600


@dataclass(frozen=True)
class User:
    """A signed-in console user: the name kept with what they change, and their role."""

    name: str
    role: KeyRole

    @property
    def admin(self) -> bool:
        return self.role == KeyRole.ADMIN

    @property
    def analyst(self) -> bool:
        return self.role in (KeyRole.ANALYST, KeyRole.ADMIN)


class SignInNeeded(Exception):
    """No valid session or key: the page sends the browser to the sign-in page."""


class NotAllowed(Exception):
    """The user's role may not open this page."""

    def __init__(self, who: str, needs: str) -> None:
        super().__init__(needs)
        self.who, self.needs = who, needs


class PageNotFound(Exception):
    """What a page shows does not exist (no such gang, report or entity kind)."""


def session_value(holder: StoredKey, now: float) -> str:
    """The cookie value of a session of ``holder`` starting at ``now`` (seconds since the epoch)."""
    signed = f"{holder.key_id}.{int(now) + SESSION_S}"
    return f"{signed}.{_mac(holder, signed)}"


def _mac(holder: StoredKey, signed: str) -> str:
    return hmac.new(holder.key_hash.encode("ascii"), signed.encode("ascii"), hashlib.sha256).hexdigest()


def _name(holder: StoredKey) -> str:
    return f"{holder.label} ({holder.key_id})" if holder.label else holder.key_id


def holder_of_session(service: DecisionService, value: str, now: float) -> StoredKey | None:
    """The valid key a session cookie was signed for, or None (forged, expired, or the key revoked)."""
    key_id, _, rest = value.partition(".")
    expires, _, mac = rest.partition(".")
    holder = service.keys.by_id(key_id)
    if holder is None or not expires.isdigit() or int(expires) < now:
        return None
    return holder if hmac.compare_digest(_mac(holder, f"{key_id}.{expires}"), mac) else None


def current_user(request: Request) -> User:
    """The user of a console request (a page dependency); ``SignInNeeded`` when there is none or the role is ingest."""
    service: DecisionService = request.app.state.service
    if service.settings.auth == "off":
        return User("anonymous (auth off)", KeyRole.ADMIN)
    service.refresh()  # a key created or revoked since the last check is known within watchlist_refresh_s
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    holder = None
    if scheme.lower() == "bearer" and token.strip():
        holder = service.keys.holder_of(token.strip())
    elif cookie := request.cookies.get(COOKIE):
        holder = holder_of_session(service, cookie, time.time())
    if holder is None:
        raise SignInNeeded()
    user = User(_name(holder), KeyRole(holder.role))
    if not user.analyst:
        raise NotAllowed(user.name, "an analyst or admin key")
    return user


def admin_user(request: Request) -> User:
    """The user of an admin page: ``NotAllowed`` for an analyst."""
    user = current_user(request)
    if not user.admin:
        raise NotAllowed(user.name, "an admin key")
    return user
