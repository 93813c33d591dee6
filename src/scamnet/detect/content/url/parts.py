"""A link taken apart: scheme, host (ASCII and Unicode), registrable domain, subdomain, path, query.

Links arrive defanged (``hxxp://evil[.]top``), without a scheme, with full-width characters or
with a Unicode host; all of them are read into one ``UrlParts``. The registrable domain comes from
tldextract's bundled public-suffix snapshot, never from a download.

>>> parts = url_parts("hxxps://www.icbc.com.cn[.]secure-login.xyz/login?id=1")
>>> parts.registrable, parts.subdomain, parts.suffix
('secure-login.xyz', 'www.icbc.com.cn', 'xyz')
>>> url_parts("pаypal.com").host  # a Cyrillic 'а'
'xn--pypal-4ve.com'
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from scamnet.schema.entities import EntityError, refang, suffix_extractor

#: Distinct links whose parts are kept.
RECENT_LINKS = 50_000
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://")


@dataclass(frozen=True)
class UrlParts:
    url: str
    scheme: str
    host: str
    unicode_host: str
    subdomain: str
    domain: str
    suffix: str
    path: str
    query: str
    username: str
    port: int | None
    is_ip: bool

    @property
    def registrable(self) -> str:
        """``domain.suffix``, or the host itself when it has no public suffix (an IP address)."""
        return f"{self.domain}.{self.suffix}" if self.domain and self.suffix else self.host

    @property
    def subdomain_levels(self) -> int:
        return len([label for label in self.subdomain.split(".") if label]) if self.subdomain else 0


def url_parts(raw: str) -> UrlParts:
    """The parts of a link or bare domain; ``EntityError`` when there is no host."""
    return _parts_of(str(raw))


@lru_cache(maxsize=RECENT_LINKS)
def _parts_of(raw: str) -> UrlParts:
    """``url_parts``, kept for the links seen lately: a campaign writes one link in many messages, and a message's
    links are taken apart by several steps (its links' hosts, their verdicts, their watchlist ids)."""
    text = refang(unicodedata.normalize("NFKC", str(raw)).strip())
    url = text if _SCHEME.match(text) else "http://" + text
    try:
        split = urlsplit(url)
        port = split.port
    except ValueError as exc:
        raise EntityError(f"{raw!r} is not a URL ({exc})", hint="give a link like https://example.com/path") from None
    unicode_host = (split.hostname or "").rstrip(".").lower()
    if not unicode_host:
        raise EntityError(f"{raw!r} is not a URL", hint="give a link like https://example.com/path")
    host = ascii_host(unicode_host)
    extracted = suffix_extractor()(host)
    return UrlParts(
        url=url, scheme=split.scheme.lower(), host=host, unicode_host=_unicode_host(host, unicode_host),
        subdomain=extracted.subdomain, domain=extracted.domain, suffix=extracted.suffix,
        path=split.path or "/", query=split.query, username=split.username or "", port=port, is_ip=_is_ip(host),
    )


def ascii_host(host: str) -> str:
    """The host as DNS carries it: Unicode labels in punycode (``xn--``)."""
    if host.isascii():
        return host
    labels = []
    for label in host.split("."):
        try:
            labels.append(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii"))
        except UnicodeError:
            labels.append(label)
    return ".".join(labels)


def _unicode_host(host: str, given: str) -> str:
    if not given.isascii():
        return given
    labels = []
    for label in host.split("."):
        try:
            labels.append(label[4:].encode("ascii").decode("punycode") if label.startswith("xn--") else label)
        except UnicodeError:
            labels.append(label)
    return ".".join(labels)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return bool(re.fullmatch(r"0x[0-9a-f]+|\d{8,10}", host))  # hex or decimal-integer IPv4
    return True
