"""Links a message writes without a scheme: ``bit.ly/3xYz``, ``royalmail-redelivery.info``, ``Shopee.co.th/x``.

Text messages often carry links bare, with no ``https://`` and no ``www.``: phones make them
tappable all the same, and scams use them as much as real senders' notices do. A bare host counts
as a link only where it cannot be two words run together across a missing space ("ok.how are you",
"home now.in a bit"): its suffix must be on the public suffix list, and then either

- a path follows the host (``tmvh.co/check``), or
- its top-level domain is a legacy generic one (com, net, org, info, biz) or one common in abuse
  (``lexical.RISKY_TLDS``: top, xyz, vip, …), or
- its top-level domain is a two-letter country code after a name of three or more characters
  (``tmvh.co``, ``shopee.co.th``; not "up.to", "ok.so"), or
- it is a URL shortener's host (``bit.ly``).

File names (``photo.jpg``), numbers (``1.50``), the name part of an e-mail address, hosts inside
a link already found, and a lower-case word then a capitalised one after the dot (``payment.Click``: a
sentence that lost its space, however ``.click`` reads) are not links. The host stops at the first character that is not ASCII, so
Chinese text written straight after it (``gov-safe.cc否则冻结``) is not part of it.

>>> bare_links("Your parcel is held. Pay at royalmail-redelivery.info/pay now, or call us. ok.how r u")
[(28, 'royalmail-redelivery.info/pay')]
>>> bare_links("You are owed a refund after an over payment.Click the link")
[]
"""

from __future__ import annotations

import re

from scamnet.detect.content.extract import URL_CHARS, trim_link_end
from scamnet.detect.content.url.lexical import RISKY_TLDS, SHORTENERS
from scamnet.schema.entities import suffix_extractor

_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
#: A host of ASCII labels with a letters-only last label, not glued to a word, an address, a path or a scheme
#: before it, nor to a word or an ``@`` after it; then an optional path of URL characters.
BARE = re.compile(rf"(?<![A-Za-z0-9_@./:\-])(?:{_LABEL}\.)+[a-z]{{2,24}}(?![A-Za-z0-9_@\-])(?:/{URL_CHARS}*)?", re.I)
_GENERIC = frozenset({"com", "net", "org", "info", "biz"})
#: Suffixes that are top-level domains but far more often file extensions in a message.
_FILE_SUFFIXES = frozenset({"zip", "mov", "md", "py", "sh", "pl", "rs", "doc", "exe", "apk", "jpg", "png", "txt", "pdf"})
#: Shortest name before a bare country-code domain (``tmvh.co``): two letters are words run together ("up.to").
MIN_COUNTRY_NAME = 3


#: What every bare link holds somewhere (a letter or digit, a dot, two letters): texts without it are skipped fast.
_HINT = re.compile(r"[a-z0-9]\.[a-z]{2}", re.I)


def bare_links(text: str) -> list[tuple[int, str]]:
    """``(start, link)`` of each bare link in ``text`` (see the module note), in order."""
    if "." not in text or not _HINT.search(text):
        return []
    found = []
    for match in BARE.finditer(text):
        link = trim_link_end(match.group(0))
        host, _, path = link.partition("/")
        if not _sentence_glued(host) and is_bare_link(host.lower(), bool(path)):
            found.append((match.start(), link))
    return found


def _sentence_glued(host: str) -> bool:
    """``payment.Click``: a lower-case word, a dot, then a capitalised word — a new sentence, not a domain."""
    name, _, last = host.rpartition(".")
    return last[:1].isupper() and last[1:].islower() and name[-1:].islower()


def is_bare_link(host: str, has_path: bool) -> bool:
    """Whether ``host`` (lower case), written without a scheme, reads as a link and not as words run together.

    >>> is_bare_link("bit.ly", False), is_bare_link("tmvh.co", False), is_bare_link("up.to", False)
    (True, True, False)
    >>> is_bare_link("photo.jpg", False), is_bare_link("hi.how", False), is_bare_link("a.com", False)
    (False, False, True)
    """
    parts = suffix_extractor()(host)
    last = host.rsplit(".", 1)[-1]
    if not (parts.domain and parts.suffix) or last in _FILE_SUFFIXES:
        return False
    if has_path or last in _GENERIC or last in RISKY_TLDS or host in SHORTENERS:
        return True
    return len(last) == 2 and len(parts.domain) >= MIN_COUNTRY_NAME
