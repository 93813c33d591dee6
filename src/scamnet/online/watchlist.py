"""The watchlist the live decisions look entities up in: raw ids, and partners' keyed hashes.

Alerts and partners' raw indicators are listed by entity id. A partner that shares keyed hashes
(HMAC-SHA256 of the entity id with a secret both sides hold, ``share.keyed_hash``) lists the hash;
given a ``hasher`` for that secret, an entity of a live event is also looked up by its hash, so the
partner's indicator acts without either side revealing the ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol

from scamnet.core.enums import Action
from scamnet.online.reason import Reason


class Listed(Protocol):
    """One listing of the watchlist (``store.watchlist.Listing``)."""

    @property
    def entity(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def reasons(self) -> tuple[str, ...]: ...


def _best_first(listings: Iterable[Listed]) -> dict[str, list[Listed]]:
    found: dict[str, list[Listed]] = {}
    for listing in listings:
        found.setdefault(listing.entity, []).append(listing)
    for each in found.values():
        each.sort(key=lambda x: -x.score)
    return found


class Watchlist:
    """Entity → its listings, best first; ``hashed`` listings name ``kind:<keyed hash>`` and are found through ``hasher``."""

    def __init__(self, listings: Iterable[Listed] = (), hashed: Iterable[Listed] = (),
                 hasher: Callable[[str], str] | None = None) -> None:
        self.by_entity = _best_first(listings)
        self.by_hash = _best_first(hashed) if hasher is not None else {}
        self.hasher = hasher
        self.scores = ListedScores(self)

    def listings(self, entity: str) -> list[Listed]:
        """The entity's listings, best first: by its id, and by its keyed hash when partners share hashes."""
        raw = self.by_entity.get(entity, [])
        if not self.by_hash or self.hasher is None:
            return raw
        kind, _, _ = entity.partition(":")
        hashed = self.by_hash.get(f"{kind}:{self.hasher(entity)}", [])
        return sorted([*raw, *hashed], key=lambda x: -x.score) if hashed else raw

    def __len__(self) -> int:
        return len(self.by_entity) + len(self.by_hash)

    def reasons(self, entities: Iterable[str | None], action: Action) -> list[Reason]:
        """One reason per listed entity among ``entities``, from its best listing."""
        if not self.by_entity and not self.by_hash:  # nothing listed (a store without alerts): no look-up to make
            return []
        found = []
        for entity in dict.fromkeys(e for e in entities if e):
            listed = self.listings(entity)
            if listed:
                best = listed[0]
                evidence = {"entity": entity, "listed_by": best.source, "score": best.score,
                            "listed_for": list(best.reasons)}
                found.append(Reason("watchlist", best.source, action, evidence,
                                    f"{entity} is listed by {best.source} (score {best.score:.2f})"))
        return found


class ListedScores(Mapping[str, float]):
    """Entity → its best listed score, as the rules' ``watchlist`` look-ups read it (hashes included)."""

    def __init__(self, watchlist: Watchlist) -> None:
        self.watchlist = watchlist

    def __getitem__(self, entity: str) -> float:
        listed = self.watchlist.listings(entity)
        if not listed:
            raise KeyError(entity)
        return listed[0].score

    def get(self, entity: str, default: float | None = None) -> float | None:  # type: ignore[override]
        """The best listed score, or ``default``: without the ``KeyError`` that ``Mapping.get`` raises and catches
        for every unlisted entity (most of those a transfer's context asks about)."""
        watchlist = self.watchlist
        if not watchlist.by_hash:  # no partner's hashes: one look-up (``listings`` without its call)
            found = watchlist.by_entity.get(entity)
            return found[0].score if found else default
        listed = watchlist.listings(entity)
        return listed[0].score if listed else default

    def __iter__(self) -> Iterator[str]:
        return iter(self.watchlist.by_entity)

    def __len__(self) -> int:
        return len(self.watchlist)
