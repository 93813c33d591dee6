"""Each training link also as the other kind of link, labelled only where its label belongs to the host.

A model learns what it is shown: trained on bare domains it has never seen a legitimate page's path,
trained on whole URLs it has never seen a bare domain. So every training link is also given as the
other kind (``url.reference.other_kind``): a page's bare host, a bare domain's home page. The label
goes with it only where it belongs to the host:

- a legitimate link's host is legitimate (a real site's home page, a real page's host);
- a phishing domain's home page is phishing (the whole domain is the phisher's);
- a phishing page's host is phishing only when the host itself is the phisher's — a brand lookalike
  in the host, abuse-prone hosting (a free host's or user-content platform's site), an IP address,
  punycode or mixed scripts, a risky TLD, lure words in the host, or three or more subdomain levels.
  A phishing page on a compromised legitimate site (``shop.example.com/wp-admin/x/login.php``) does
  not make ``shop.example.com`` phishing: its host is left out.

>>> from scamnet.detect.content.brands import default_brands
>>> from scamnet.detect.content.url.parts import url_parts
>>> links = ["https://news.example.com/2024/story", "paypal-verify.top", "http://shop.example.com/wp/x/login.php",
...          "http://example.org/a/b"]
>>> rows = host_rows([url_parts(u) for u in links], [0, 1, 1, 0], default_brands())
>>> [(p.url, y) for p, y, _ in rows]
[('http://news.example.com', 0), ('https://paypal-verify.top/', 1), ('http://example.org', 0)]
"""

from __future__ import annotations

from dataclasses import replace

from scamnet.detect.content.brands import Brand
from scamnet.detect.content.url.lexical import risky_tld, risky_words
from scamnet.detect.content.url.lookalike import brand_matches
from scamnet.detect.content.url.parts import UrlParts
from scamnet.detect.content.url.reference import DOMAIN, link_kind, other_kind
from scamnet.detect.content.url.sites import SiteLists, hosting


def host_rows(
    parts: list[UrlParts], labels: list[int], brands: tuple[Brand, ...], sites: SiteLists | None = None
) -> list[tuple[UrlParts, int, int]]:
    """``(twin, label, index of its original)`` for every link whose label belongs to its host, each twin once
    and none already among ``parts``."""
    seen = {p.url for p in parts}
    rows = []
    for i, (link, label) in enumerate(zip(parts, labels, strict=True)):
        twin = other_kind(link)
        if twin is None or twin.url in seen:
            continue
        if label == 1 and link_kind(link) != DOMAIN and not phisher_owns_host(link, brands, sites or SiteLists()):
            continue
        seen.add(twin.url)
        rows.append((twin, label, i))
    return rows


def phisher_owns_host(parts: UrlParts, brands: tuple[Brand, ...], sites: SiteLists) -> bool:
    """Signs in the host itself that it was made for phishing, not compromised."""
    host_words = risky_words(replace(parts, path="", query=""))
    return bool(
        parts.is_ip or "xn--" in parts.host or risky_tld(parts) or parts.subdomain_levels >= 3 or host_words
        or hosting(parts, sites).abuse_prone
        or any(m.strength >= 0.5 and m.how != "path" for m in brand_matches(parts, brands))
    )
