"""Indicators in free text: phone numbers, links, domains, bank cards, wallets, e-mails, chat handles.

Messages and report narratives name the scammer's numbers, links, cards, wallets and chat ids in
every form: ``138 1234 5678``, ``+86-138…``, full-width digits, ``hxxps://abc-pay[.]top``,
``6222 0212 3456 7890 128``, ``加V信：ab_8899``. Each indicator found keeps where it was (``start``,
``end`` in the text as given) and gets the entity id the rest of scamnet uses (``phone:+86…``,
``url:…``, ``domain:…``, ``card:…``, ``wallet:…``, ``email:…``, ``handle:wechat:…``). Numbers
that only look like indicators are dropped: a card number must pass the Luhn check, a wallet its
checksum, a phone number must be a valid number; dates, amounts and order numbers stay out.

>>> [i.entity for i in extract_indicators("客服电话 138-1234-5678，官网 hxxps://abc-pay[.]top/reg")]
['phone:+8613812345678', 'url:https://abc-pay.top/reg']
>>> extract_indicators("订单号 1234567812345678，2024-05-12 到账")
[]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import phonenumbers

from scamnet.detect.content.extract_checks import (
    is_btc_address,
    is_eth_address,
    is_id_card_number,
    is_tron_address,
    luhn_valid,
)
from scamnet.schema.entities import EntityError, domain_id, normalise_phone, refang, suffix_extractor, url_id, wallet_id


@dataclass(frozen=True)
class Indicator:
    """One indicator in a text: its kind, the text as written, its entity id, and where it is."""

    kind: str
    value: str
    entity: str
    start: int
    end: int


_DOT = r"(?:\.|\[\.\]|\(\.\)|\{\.\}|【\.】|\[dot\]|\(dot\))"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_HOST = rf"(?:{_LABEL}{_DOT})+[a-z]{{2,24}}|\d{{1,3}}(?:{_DOT}\d{{1,3}}){{3}}"
#: The characters a link can hold (RFC 3986: unreserved, reserved and "%"): a link ends at the first other one,
#: so Chinese text, full-width punctuation （），。！, quotes and spaces after a link are not part of it.
URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]"
_PATH_CHARS = URL_CHARS
_URL = re.compile(rf"(?:h(?:tt|xx)ps?|ftp)(?::|\[:\])//(?:{_HOST})(?::\d{{2,5}})?(?:[/?#]{_PATH_CHARS}*)?", re.I)
_EMAIL = re.compile(rf"(?<![\w.+-])[a-z0-9][\w.+-]{{0,63}}@(?:{_HOST})(?![\w-])", re.I)
_BARE = re.compile(rf"(?<![\w@./-])(?:www{_DOT})?(?:{_HOST})(?![\w-])(?:/{_PATH_CHARS}*)?", re.I)
# Suffixes that are top-level domains but far more often file extensions in a message.
_FILE_SUFFIXES = frozenset({"zip", "mov", "md", "py", "sh", "pl", "rs", "doc", "exe", "apk", "jpg", "png", "txt"})
# Sentence punctuation that ends a link written at the end of a sentence; closing brackets end it when unbalanced.
_TRAILING = ".,;:!?'\""
_CLOSING = {")": "(", "]": "["}

_SEP = r"[ \-]?"
_MOBILE = re.compile(rf"(?<![\d+])(?:(?:\+|00)86{_SEP})?1[3-9]\d(?:{_SEP}\d){{8}}(?!\d)")
_LANDLINE = re.compile(r"(?<![\d+])(?:(?:\+|00)86[ \-]?|\(?0)(?:10|2\d|[3-9]\d{2})\)?[ \-]\d{7,8}(?!\d)")
_SERVICE = re.compile(r"(?<![\d+])(?:400|800)[ \-]?\d{3}[ \-]?\d{4}(?!\d)")
_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ \-]?\(?\d+\)?){2,6}(?!\d)")
_SHORT = re.compile(r"(?:电话|致电|拨打|热线|客服|回电|联系|call|hotline|tel\.?|phone)[\s:：]{0,3}(9[56]\d{3}|12\d{3})(?!\d)", re.I)

_CARD = re.compile(r"(?<![\d+.])(?:\d{4}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,4})?|\d{13,19})(?![\d.])")
_ETH = re.compile(r"(?<![0-9a-z])0x[0-9a-f]{40}(?![0-9a-z])", re.I)
_BASE58 = "[1-9A-HJ-NP-Za-km-z]"
_BTC = re.compile(rf"(?<![0-9a-zA-Z])(?:[13]{_BASE58}{{25,34}}|bc1[02-9ac-hj-np-z]{{8,87}})(?![0-9a-zA-Z])")
_TRON = re.compile(rf"(?<![0-9a-zA-Z])T{_BASE58}{{33}}(?![0-9a-zA-Z])")

_APPS = (
    ("wechat", r"微信|威信|薇信|[vw]信|vx|wx|wechat|weixin"),
    ("qq", r"qq|扣扣"),
    ("telegram", r"telegram|tg|纸飞机|飞机|电报"),
    ("whatsapp", r"whatsapp|wa"),
    ("line", r"line"),
)
# Short keywords that are also English words or syllables count only when a colon follows ("tg: @x").
_NEEDS_COLON = frozenset({"tg", "wa", "line"})
_HANDLE_ID = r"(@?[a-z][a-z0-9_\-]{3,31}|\+?\d[\d \-]{4,16}\d)"
_HANDLE = re.compile(
    rf"(?<![a-z])(?P<app>{'|'.join(f'(?P<{name}>{words})' for name, words in _APPS)})"
    rf"\s*(?:号|id|账号|帐号|群)?\s*(?:[:：]|是|加|搜|on|at)?\s*(?:@)?{_HANDLE_ID}(?![\w@]|\.\w)",
    re.I,
)


def extract_indicators(text: str, region: str = "CN") -> list[Indicator]:
    """Every indicator in ``text``, in the order they appear; ``region`` reads national phone numbers."""
    view = _fold(text)
    taken: list[Indicator] = []
    for finder in _FINDERS:
        for found in finder(text, view, region):
            if not any(found.start < other.end and other.start < found.end for other in taken):
                taken.append(found)
    return sorted(taken, key=lambda i: i.start)


def _fold(text: str) -> str:
    """Full-width digits, letters and dots as ASCII, one character for one, so offsets hold."""
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    # Full-width punctuation other than the dot stays: "，" ends a link, "," may be part of one.
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 and (folded.isalnum() or folded in ".@") else ch


def _urls(text: str, view: str, region: str) -> Iterator[Indicator]:
    for match in _URL.finditer(view):
        start, end = match.start(), _trim(view, match.start(), match.end())
        entity = _guarded(url_id, _refang(view[start:end]))
        if entity:
            yield Indicator("url", text[start:end], entity, start, end)


def _emails(text: str, view: str, region: str) -> Iterator[Indicator]:
    for match in _EMAIL.finditer(view):
        value = _refang(match.group(0)).lower()
        yield Indicator("email", text[match.start() : match.end()], f"email:{value}", match.start(), match.end())


def _bare_domains(text: str, view: str, region: str) -> Iterator[Indicator]:
    for match in _BARE.finditer(view):
        start, end = match.start(), _trim(view, match.start(), match.end())
        raw = _refang(view[start:end])
        host = raw.split("/", 1)[0]
        if host.rsplit(".", 1)[-1].lower() in _FILE_SUFFIXES or host.replace(".", "").isdigit():
            continue
        entity = _guarded(domain_id, host) if "/" not in raw.rstrip("/") else _guarded(url_id, raw)
        if entity and _has_known_suffix(host):
            yield Indicator("url" if entity.startswith("url:") else "domain", text[start:end], entity, start, end)


def _has_known_suffix(host: str) -> bool:
    parts = suffix_extractor()(host)
    return bool(parts.domain and parts.suffix)


def _trim(view: str, start: int, end: int) -> int:
    return start + len(trim_link_end(view[start:end]))


def trim_link_end(link: str) -> str:
    """``link`` without the sentence punctuation and unbalanced closing brackets after it.

    >>> trim_link_end("https://x.co/a)."), trim_link_end("https://en.wikipedia.org/wiki/Foo_(bar)")
    ('https://x.co/a', 'https://en.wikipedia.org/wiki/Foo_(bar)')
    """
    while link:
        last = link[-1]
        if last in _TRAILING or (last in _CLOSING and link.count(last) > link.count(_CLOSING[last])):
            link = link[:-1]
        else:
            break
    return link


def _refang(raw: str) -> str:
    return refang(raw.replace("【.】", "."))


def _guarded(normaliser: Callable[[str], str], raw: str) -> str | None:
    try:
        return normaliser(raw)
    except EntityError:
        return None


def _wallets(text: str, view: str, region: str) -> Iterator[Indicator]:
    checks = ((_ETH, is_eth_address), (_TRON, is_tron_address), (_BTC, is_btc_address))
    for pattern, valid in checks:
        for match in pattern.finditer(view):
            if valid(match.group(0)):
                yield Indicator("wallet", text[match.start() : match.end()], wallet_id(match.group(0)), *match.span())


def _cards(text: str, view: str, region: str) -> Iterator[Indicator]:
    for match in _CARD.finditer(view):
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and luhn_valid(digits) and not is_id_card_number(digits):
            yield Indicator("card", text[match.start() : match.end()], f"card:{digits}", *match.span())


def _phones(text: str, view: str, region: str) -> Iterator[Indicator]:
    for pattern in (_MOBILE, _SERVICE, _LANDLINE, _INTERNATIONAL):
        for match in pattern.finditer(view):
            entity = _phone_entity(match.group(0), region)
            if entity:
                yield Indicator("phone", text[match.start() : match.end()], entity, *match.span())
    for match in _SHORT.finditer(view):
        # Bank and government service numbers (95588, 12315) are kept as written, as the messages table keeps them.
        yield Indicator("phone", text[match.start(1) : match.end(1)], f"phone:{match.group(1)}", *match.span(1))


def _phone_entity(raw: str, region: str) -> str | None:
    try:
        e164 = normalise_phone(raw.replace("(", "").replace(")", ""), region)
    except EntityError:
        return None
    return f"phone:{e164}" if phonenumbers.is_valid_number(phonenumbers.parse(e164)) else None


def _handles(text: str, view: str, region: str) -> Iterator[Indicator]:
    for match in _HANDLE.finditer(view):
        app = next(name for name, _ in _APPS if match.group(name))
        start, end = match.span(len(_APPS) + 2)
        if match.group("app").lower() in _NEEDS_COLON and not re.search("[:：]", view[match.end("app") : start]):
            continue
        value = _handle_value(app, match.group(len(_APPS) + 2), region)
        if value:
            yield Indicator("handle", text[start:end], f"handle:{app}:{value}", start, end)


def _handle_value(app: str, raw: str, region: str) -> str | None:
    handle = raw.lstrip("@")
    if app == "whatsapp" or (handle[0] in "+0123456789" and app != "qq"):
        phone = _phone_entity(handle, region)
        return phone[6:] if phone else None
    if app == "qq":
        return handle if re.fullmatch(r"[1-9]\d{4,11}", handle) else None
    return handle.lower() if handle[0].isalpha() else None


# Order matters: a URL's host is not also a bare domain, an e-mail's name not a handle, a card not a phone.
_FINDERS = (_urls, _emails, _wallets, _handles, _cards, _phones, _bare_domains)
