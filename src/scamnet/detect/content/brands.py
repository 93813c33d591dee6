"""Protected brands (banks, payment apps, government and police, post and delivery, crypto wallets and exchanges).

A brand has its real registrable domains (subdomains of them count as real) and keywords: names
that, inside any other domain, point to the brand. Keywords of five or more characters match
inside a word (``paypalsecure``); shorter ones, and those a brand lists as ``exact``, match only
as a whole word (``jd-refund``, but not ``jdoe``), so ``purchase`` never looks like Chase.

The default list ships in the package (``data/protected_brands.json``), brands from many countries
(each with its ``country``, and the names it goes by in messages in its own script, ``aliases``); a
deployment replaces it with its own file of the same shape (setting ``protected_brands_file``), or
extends it by copying the shipped file and adding entries.

>>> brands = default_brands()
>>> official_brand(brands, "www.icbc.com.cn").name, official_brand(brands, "icbc-c0m.cn")
('ICBC', None)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from scamnet.core.errors import ConfigError, NotFoundError

FORMAT = "scamnet-protected-brands"
#: Keywords at least this long also match inside a longer word.
SUBSTRING_MIN = 5


@dataclass(frozen=True)
class Brand:
    name: str
    kind: str
    domains: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    #: ISO 3166 code of the brand's home country; ``*`` for international brands (information, not matching).
    country: str = "*"
    #: Names the brand goes by in messages, in any script (``工商银行``, ``กสิกรไทย``, ``Сбербанк``): read in a
    #: message's words (``brand_claim``), never matched in a domain.
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every keyword, loose and exact."""
        return self.keywords + self.exact

    def matches_anywhere(self, keyword: str) -> bool:
        return keyword not in self.exact and len(keyword) >= SUBSTRING_MIN

    def owns(self, host: str) -> bool:
        """True for the brand's own domains and their subdomains."""
        return any(host == d or host.endswith("." + d) for d in self.domains)

    @property
    def main_domain(self) -> str:
        return self.domains[0]


def default_brands_path() -> Path:
    return Path(str(resources.files("scamnet.detect.content") / "data" / "protected_brands.json"))


def default_brands() -> tuple[Brand, ...]:
    return load_brands(default_brands_path())


@lru_cache(maxsize=8)
def load_brands(path: Path) -> tuple[Brand, ...]:
    """The brands of a list file (JSON: ``{"brands": [{"name", "kind", "domains", "keywords", "exact"}]}``)."""
    if not Path(path).exists():
        raise NotFoundError(f"no protected-brand list at {path}", hint="see docs/links.md for the file's shape")
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
        brands = tuple(_brand(entry) for entry in payload["brands"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"{path}: not a protected-brand list ({exc})",
            hint='write {"brands": [{"name": "ICBC", "kind": "bank", "domains": ["icbc.com.cn"], "keywords": ["icbc"]}]}',
        ) from exc
    return brands


def _brand(entry: dict) -> Brand:
    domains = tuple(str(d).strip().lower() for d in entry["domains"])
    if not entry.get("name") or not domains:
        raise ValueError(f"brand {entry!r} needs a name and at least one domain")
    return Brand(
        name=str(entry["name"]), kind=str(entry.get("kind", "brand")), domains=domains,
        keywords=tuple(str(k).lower() for k in entry.get("keywords", ())),
        exact=tuple(str(k).lower() for k in entry.get("exact", ())), country=str(entry.get("country", "*")),
        aliases=tuple(str(k) for k in entry.get("aliases", ())),
    )


def official_brand(brands: tuple[Brand, ...], host: str) -> Brand | None:
    """The brand whose real site ``host`` is (the longest matching domain wins), if any."""
    owners = _owners(brands)
    labels = host.split(".")
    for i in range(len(labels)):  # longest suffix of the host first
        found = owners.get(".".join(labels[i:]))
        if found:
            return found
    return None


_OWNERS: dict[int, tuple[tuple[Brand, ...], dict[str, Brand]]] = {}


def _owners(brands: tuple[Brand, ...]) -> dict[str, Brand]:
    """Domain → its brand (the first brand listing it), per brand list, built once (keyed by identity)."""
    kept = _OWNERS.get(id(brands))
    if kept is None or kept[0] is not brands:
        if len(_OWNERS) >= 16:
            _OWNERS.clear()
        owners: dict[str, Brand] = {}
        for brand in brands:
            for domain in brand.domains:
                owners.setdefault(domain, brand)
        kept = _OWNERS[id(brands)] = (brands, owners)
    return kept[1]
