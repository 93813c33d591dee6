"""Where a link is hosted: well-known sites, banks and universities, and abuse-prone hosting.

A link is judged on more than its string. ``SiteLists`` holds compact sets derived from public
lists (MISP warning lists, CC0; maltrail, MIT): registrable domains on top-site lists (by the size
of the smallest list they are on: 500, 10k, 20k, 100k), bank and university domains, URL
shorteners, link-in-bio services, dynamic-DNS and free-web-hosting domains. The sets travel inside
the link model file (built by ``scripts/train_url_model.py`` from the data-set folder), so a
model trained without a list also scores without it. The Public Suffix List's private section
(user-content platforms: ``pages.dev``, ``github.io``, ``vercel.app``, ``r2.dev``…) comes from
tldextract's bundled snapshot: nothing is downloaded.

A site is the registrable domain, counting private suffixes (``me.github.io``) and one label more
under a known free host (``me.weebly.com``): a page on a user-content platform is never the
platform's own well-known site.

>>> lists = SiteLists(top={"example.com": 500}, free_hosts=frozenset({"weebly.com"}))
>>> from scamnet.detect.content.url.parts import url_parts
>>> hosting(url_parts("https://shop.example.com/"), lists).known
'top-500 site example.com'
>>> hosting(url_parts("https://me.weebly.com/login"), lists).abuse_prone
'free web host weebly.com'
>>> hosting(url_parts("https://wallet-fix.pages.dev/"), lists).abuse_prone
'user-content platform pages.dev'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import tldextract

from scamnet.detect.content.url.lexical import FREE_HOSTS, SHORTENERS, _names
from scamnet.detect.content.url.parts import UrlParts

#: Top-site list sizes, smallest first: a domain's bucket is the smallest list it is on.
TOP_SIZES = (500, 10_000, 20_000, 100_000)
#: Hosts of big sites that serve anyone's pages, forms or files under their own name (not in the PSL).
USER_CONTENT_PAGES = frozenset(_names(
    "docs.google.com drive.google.com sites.google.com forms.gle storage.googleapis.com storage.cloud.google.com "
    "firebasestorage.googleapis.com onedrive.live.com 1drv.ms forms.office.com dropbox.com www.dropbox.com "
    "dl.dropboxusercontent.com 123formbuilder.com www.123formbuilder.com form.jotform.com jotform.com "
    "surveygizmo.com typeform.com mikecrm.com forms.yandex.ru docs.zoho.com telegra.ph ipfs.io dweb.link "
    "notion.site sharepoint.com"
))
#: PSL private suffixes that only name enterprise CDN and DNS endpoints of their customers' own domains
#: (``init.push-apple.com.akadns.net``): nobody signs up there to host a page, so they are not abuse-prone.
CDN_ENDPOINTS = frozenset(_names(
    "akadns.net akamaiedge.net akamaized.net akamaihd.net edgekey.net edgesuite.net trafficmanager.net "
    "cdn.cloudflare.net map.fastly.net global.ssl.fastly.net"
))
HOSTING_FEATURES = (
    "user_content_host", "free_web_host", "dynamic_dns", "listed_shortener", "link_in_bio", "mixed_scripts",
)


@dataclass(frozen=True)
class SiteLists:
    """Compact sets from public lists; empty sets when a model was trained without them."""

    top: dict[str, int] = field(default_factory=dict)
    banks: frozenset[str] = frozenset()
    universities: frozenset[str] = frozenset()
    shorteners: frozenset[str] = frozenset()
    link_in_bio: frozenset[str] = frozenset()
    dynamic_dns: frozenset[str] = frozenset()
    free_hosts: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        by_size = {str(size): sorted(d for d, s in self.top.items() if s == size) for size in TOP_SIZES}
        sets = ("banks", "universities", "shorteners", "link_in_bio", "dynamic_dns", "free_hosts")
        return {"top": by_size, **{name: sorted(getattr(self, name)) for name in sets}, "sources": list(self.sources)}

    @classmethod
    def from_json(cls, payload: dict[str, Any] | None) -> SiteLists:
        if not payload:
            return cls()
        top = {d: int(size) for size, names in payload["top"].items() for d in names}
        sets = {name: frozenset(payload[name]) for name in
                ("banks", "universities", "shorteners", "link_in_bio", "dynamic_dns", "free_hosts")}
        return cls(top=top, sources=tuple(payload.get("sources", ())), **sets)


@dataclass(frozen=True)
class Hosting:
    """What the lists say about one link's site: why it is well known, or why its hosting is abuse-prone."""

    site: str
    known: str | None
    abuse_prone: str | None
    features: tuple[float, ...]
    #: The enterprise CDN or DNS endpoint the host sits under (``CDN_ENDPOINTS``): it names a customer's own host.
    cdn_endpoint: str | None = None
    #: A big site's host serving someone's form, document or file (``docs.google.com/forms/…``,
    #: ``forms.office.com/…``): the usual vehicle for harvesting credentials on a trusted name.
    shared_page: str | None = None


@lru_cache(maxsize=1)
def _private_extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@lru_cache(maxsize=65536)
def private_suffix(host: str) -> str | None:
    """The user-content platform (a suffix of the PSL's private section) ``host`` sits under, if any."""
    extracted = _private_extractor()(host)
    return extracted.suffix if extracted.is_private and extracted.domain else None


def _under(host: str, names: frozenset[str]) -> str | None:
    labels = host.split(".")
    return next((".".join(labels[i:]) for i in range(len(labels)) if ".".join(labels[i:]) in names), None)


def site_of(parts: UrlParts, free_hosts: frozenset[str]) -> str:
    """The registrable site, counting private suffixes and one label more under a free host."""
    if parts.is_ip:
        return parts.host
    platform = private_suffix(parts.host)
    labels = parts.host.split(".")
    if platform:
        return ".".join(labels[-(platform.count(".") + 2):])
    if parts.registrable in free_hosts or parts.registrable in FREE_HOSTS:
        return ".".join(labels[-(parts.registrable.count(".") + 2):])
    return parts.registrable


def mixed_scripts(unicode_host: str) -> bool:
    """Letters from more than one script inside one label (``pаypal`` with a Cyrillic ``а``)."""
    for label in unicode_host.split("."):
        scripts = {unicodedata.name(ch, "?").split(" ")[0] for ch in label if ch.isalpha()}
        if len(scripts) > 1:
            return True
    return False


def hosting(parts: UrlParts, lists: SiteLists) -> Hosting:
    """The site of a link, whether it is well known, and whether its hosting is abuse-prone."""
    host = parts.host
    site = site_of(parts, lists.free_hosts)
    shared = None if parts.is_ip else _page_host(parts)
    platform = None if parts.is_ip else private_suffix(host) or shared
    platform = None if platform in CDN_ENDPOINTS else platform
    free = _under(host, lists.free_hosts | FREE_HOSTS) if not parts.is_ip and host not in FREE_HOSTS else None
    free = free if free != host else None
    dynamic = _under(host, lists.dynamic_dns) if not parts.is_ip else None
    dynamic = dynamic if dynamic != host else None
    short = parts.registrable if parts.registrable in lists.shorteners or parts.registrable in SHORTENERS else None
    bio = _under(host, lists.link_in_bio)
    mixed = mixed_scripts(parts.unicode_host)
    abuse = next((text for found, text in (
        (dynamic, f"dynamic DNS {dynamic}"), (platform, f"user-content platform {platform}"),
        (free, f"free web host {free}"), (short, f"URL shortener {short}"), (bio, f"link-in-bio service {bio}"),
        (mixed, f"mixed scripts in the host ({parts.unicode_host})"),
    ) if found), None)
    features = tuple(float(bool(x)) for x in (platform, free, dynamic, short, bio, mixed))
    endpoint = None if parts.is_ip else _under(host, CDN_ENDPOINTS)
    return Hosting(site, None if abuse else _known(site, lists), abuse, features, endpoint if endpoint != host else None,
                   shared)


def _page_host(parts: UrlParts) -> str | None:
    """A big site's host serving someone's page, form or file (a path beyond ``/``)."""
    host = parts.host
    found = host if host in USER_CONTENT_PAGES else _under(host, USER_CONTENT_PAGES)
    return found if found and (parts.path not in ("", "/") or parts.query) else None


def _known(site: str, lists: SiteLists) -> str | None:
    if site in lists.banks:
        return f"bank's own site {site} (bank list)"
    if site in lists.top:
        return f"top-{_size_words(lists.top[site])} site {site}"
    if site in lists.universities:
        return f"university site {site} (university list)"
    return None


def _size_words(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 else str(size)
