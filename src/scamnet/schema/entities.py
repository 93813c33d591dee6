"""Typed entity ids (``kind:value``) and one normaliser per kind.

Every part of scamnet speaks this vocabulary: ``phone:+8613812345678``, ``account:CN12...``,
``url:https://example.com/x``, ``domain:example.com``. A value written in any of its usual
forms maps to one id, so that reports, calls and partners' indicators meet.

>>> phone_id("138 1234 5678")
'phone:+8613812345678'
>>> phone_id("0086 138-1234-5678") == phone_id("+86 13812345678")
True
>>> domain_id("hxxps://login.icbc-verify[.]com/x")
'domain:icbc-verify.com'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
import tldextract

from scamnet.core.enums import EntityKind
from scamnet.core.errors import ScamnetError
from scamnet.schema.addresses import CHAINS, canonical_address, chain_of

E164_PATTERN = re.compile(r"^\+[1-9][0-9]{7,14}$")
_ENTITY = re.compile(r"^([a-z]+):(.+)$", re.DOTALL)
_KINDS = frozenset(k.value for k in EntityKind)


class EntityError(ScamnetError):
    """A value that cannot be read as the entity kind it was given as."""


def entity(kind: EntityKind | str, value: str) -> str:
    """The typed id for an already normalised ``value``."""
    return f"{EntityKind(kind).value}:{value}"


def split_entity(entity_id: str) -> tuple[str, str]:
    """``("phone", "+86138...")`` from ``"phone:+86138..."``; an error if it is not an entity id."""
    match = _ENTITY.match(entity_id or "")
    if not match or match.group(1) not in _KINDS:
        raise EntityError(
            f"{entity_id!r} is not an entity id", hint="write kind:value, kind one of " + ", ".join(sorted(_KINDS))
        )
    return match.group(1), match.group(2)


def is_entity(value: str) -> bool:
    match = _ENTITY.match(value or "")
    return match is not None and match.group(1) in _KINDS


def normalise_phone(raw: str, region: str = "CN") -> str:
    """E.164 form of a phone number in national or international form.

    ``region`` says how to read a number written without a country code.
    """
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise EntityError(f"{raw!r} is not a phone number ({exc})", hint="give +CC then the number") from None
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not E164_PATTERN.match(formatted) or not phonenumbers.is_possible_number(number):
        raise EntityError(f"{raw!r} is not a possible phone number", hint="give +CC then the number")
    return formatted


def phone_id(raw: str, region: str = "CN") -> str:
    return entity(EntityKind.PHONE, normalise_phone(raw, region))


def normalise_account(raw: str) -> str:
    """Account ids without spaces or dashes, letters upper-cased (IBAN style)."""
    value = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", str(raw))).upper()
    if not value:
        raise EntityError(f"{raw!r} is not an account id", hint="give the account number or IBAN")
    return value


def account_id(raw: str) -> str:
    return entity(EntityKind.ACCOUNT, normalise_account(raw))


def refang(text: str) -> str:
    """Undo common defanging: ``hxxp`` → ``http``, ``[.]`` / ``(.)`` / ``[dot]`` → ``.``."""
    out = re.sub(r"h[x]{2}p(s?)", r"http\1", text, flags=re.IGNORECASE)
    out = re.sub(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)", ".", out, flags=re.IGNORECASE)
    return out.replace("[:]", ":").replace("[://]", "://")


def normalise_url(raw: str) -> str:
    """A URL with scheme and host lower-cased, default ports and the fragment dropped."""
    text = refang(unicodedata.normalize("NFKC", str(raw)).strip())
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://", text):
        text = "http://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise EntityError(f"{raw!r} is not a URL", hint="give a link like https://example.com/path")
    netloc = host
    if parts.port and parts.port not in (80, 443):
        netloc += f":{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))


def url_id(raw: str) -> str:
    return entity(EntityKind.URL, normalise_url(raw))


@lru_cache(maxsize=1)
def suffix_extractor() -> tldextract.TLDExtract:
    """Splits host names at the public suffix, from tldextract's bundled snapshot only: never a download."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(host_or_url: str) -> str:
    """``icbc-verify.com`` from ``https://login.icbc-verify.com/x``; IP hosts stay as they are."""
    text = refang(str(host_or_url).strip())
    host = urlsplit(text if "://" in text else "http://" + text).hostname or ""
    parts = suffix_extractor()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}".lower()
    if host:
        return host.lower()
    raise EntityError(f"{host_or_url!r} has no host name", hint="give a domain like example.com")


def domain_id(raw: str) -> str:
    return entity(EntityKind.DOMAIN, registrable_domain(raw))


def normalise_wallet(raw: str) -> str:
    """``<chain>:<address>``: the chain from a ``chain:`` prefix or else the address's shape (``0x…``
    ethereum, ``T…`` tron, otherwise bitcoin); Ethereum and bech32 addresses lower-cased, Base58 as written.

    >>> normalise_wallet("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"), normalise_wallet("ethereum:0xAbC0000000000000000000000000000000000001")
    ('tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'ethereum:0xabc0000000000000000000000000000000000001')
    """
    value = str(raw).strip()
    prefix, sep, rest = value.partition(":")
    chain, address = (prefix.lower(), rest.strip()) if sep and prefix.lower() in CHAINS else (chain_of(value), value)
    if not address:
        raise EntityError(f"{raw!r} is not a wallet address", hint="give the address, optionally as chain:address")
    return f"{chain}:{canonical_address(chain, address)}"


def wallet_id(raw: str) -> str:
    return entity(EntityKind.WALLET, normalise_wallet(raw))


_NORMALISERS = {
    EntityKind.PHONE: normalise_phone,
    EntityKind.ACCOUNT: normalise_account,
    EntityKind.CARD: normalise_account,
    EntityKind.URL: normalise_url,
    EntityKind.DOMAIN: registrable_domain,
    EntityKind.WALLET: normalise_wallet,
}


def normalise(kind: EntityKind | str, raw: str, region: str = "CN") -> str:
    """The entity id of ``raw`` read as ``kind``, normalised by that kind's rules."""
    kind = EntityKind(kind)
    if kind is EntityKind.PHONE:
        return entity(kind, normalise_phone(raw, region))
    fn = _NORMALISERS.get(kind)
    value = fn(raw) if fn else unicodedata.normalize("NFKC", str(raw)).strip()
    if not value:
        raise EntityError(f"empty {kind.value} value", hint="give a value")
    return entity(kind, value)
