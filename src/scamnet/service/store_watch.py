"""What the decision service reads of the store while it runs: the watchlist's listings and the API keys.

At most every ``watchlist_refresh_s`` seconds the store's cheap version marker and the keys are read, and the
listings only when the marker changed, on a thread of its own while the deciding thread keeps deciding
(``check_in_background``; what it read is taken before the next group). A store another process is writing cannot
be read for a moment; the service then keeps the watchlist it has and tries again at the next check. A store whose
files did not change since a check read them is not read again. ``StoreWatch`` is this part of
``DecisionService``, kept apart.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from scamnet.core.errors import ScamnetError
from scamnet.core.settings import Settings
from scamnet.online.decider import Decider, Watchlist
from scamnet.service.keys import KeyRing
from scamnet.service.readiness import Readiness
from scamnet.service.store_stamp import QUIET_S, FilesStamp, files_quiet, store_files_stamp
from scamnet.share.keyed_hash import entity_hash, read_secret
from scamnet.store import Store
from scamnet.store.keys import stored_keys
from scamnet.store.watchlist import hashed_watchlist_entries, watchlist_entries, watchlist_version

log = logging.getLogger("scamnet.serve")


@dataclass(frozen=True)
class StoreCheck:
    """What one check of the store read: its number (checks are taken in order), the watchlist's version marker,
    the keys, and the listings when the marker changed (None: unchanged)."""

    number: int
    version: tuple[object, ...]
    keys: KeyRing
    listings: Watchlist | None


class StoreWatch:
    """The store checks of ``DecisionService``: the attributes below are the service's own."""

    settings: Settings
    status: Readiness
    db: Path | None
    decider: Decider | None
    keys: KeyRing
    monotonic: Callable[[], float]

    def store(self, *, read_only: bool = True, wait_s: float | None = None) -> AbstractContextManager[Store]:
        raise NotImplementedError  # ``DecisionService.store``

    def check_shared(self) -> None:
        raise NotImplementedError  # ``DecisionService.check_shared``

    def watch_store(self) -> None:
        """No check read yet."""
        self._version: tuple[object, ...] | None = None
        self._check_lock = threading.Lock()
        self._checks = self._used_check = 0
        self._checked: StoreCheck | None = None  # read by ``check_in_background``, not yet taken
        self._files_read: FilesStamp | None = None  # the store's files as a check that read them found them
        self.quiet_s = QUIET_S

    def _watchlist(self, store: Store) -> Watchlist:
        """The store's listings; partners' keyed hashes too when the shared secret is set (``share_secret_file``)."""
        if not self.settings.share_secret_file:
            return Watchlist(watchlist_entries(store))
        secret = read_secret(Path(self.settings.share_secret_file))
        return Watchlist(watchlist_entries(store), hashed_watchlist_entries(store),
                         hasher=lambda entity: entity_hash(entity, secret))

    def refresh_due(self) -> bool:
        """Whether ``refresh`` would read the store now (its check is due)."""
        checked = self.status.watchlist_checked_at
        return checked is None or self.monotonic() - checked >= self.settings.watchlist_refresh_s

    def refresh(self, *, force: bool = False) -> bool:
        """Reload the watchlist if the store's alerts or indicators changed (and the keys, always); whether it did."""
        check = self.check_store(force=force)
        return check is not None and self.use_check(check)

    def check_store(self, *, force: bool = False) -> StoreCheck | None:
        """Read the store's version marker and keys, and the listings when the marker changed (on any thread; the
        deciding thread keeps deciding meanwhile); None when no check is due or the store cannot be read now."""
        if self.decider is None or self.db is None or not self.db.exists() or not (self.refresh_due() or force):
            return None
        self.status.watchlist_checked_at = self.monotonic()
        files = store_files_stamp(self.db)
        with self._check_lock:
            if files == self._files_read and not force:  # not written since a check read it: nothing to read again
                return None
            self._checks += 1
            number = self._checks
        try:
            with self.store() as store:
                version, keys = watchlist_version(store), KeyRing(stored_keys(store))
                listings = self._watchlist(store) if version != self._version else None
        except ScamnetError as exc:  # a writer holds the store for a moment; keep the watchlist we have
            log.warning("watchlist not refreshed: %s", exc.message)
            return None
        with self._check_lock:
            self._files_read = files if files_quiet(files, self.quiet_s) else None
        return StoreCheck(number, version, keys, listings)

    def use_check(self, check: StoreCheck) -> bool:
        """Take what ``check_store`` read (unless a later check was taken already); whether the listings changed."""
        assert self.decider is not None
        with self._check_lock:
            if check.number <= self._used_check:
                return False
            self._used_check = check.number
            self.keys, self.status.keys = check.keys, len(check.keys)
            if check.listings is None:
                return False
            self._version, self.decider.watchlist = check.version, check.listings
        self.status.listed = len(self.decider.watchlist)
        log.info("watchlist reloaded: %d entities listed", self.status.listed)
        return True

    def check_in_background(self) -> None:
        """``check_store`` for the deciding thread: what it read is taken at the start of the next group decided; and
        ``check_shared``."""
        self.check_shared()
        check = self.check_store()
        if check is not None:
            with self._check_lock:
                self._checked = check

    def _take_checked(self) -> None:
        with self._check_lock:
            check, self._checked = self._checked, None
        if check is not None:
            self.use_check(check)
