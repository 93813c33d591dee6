"""Link sources for training and leave-one-source-out: each a set of labelled links and its licence.

- ``hannousse``: web-page phishing URLs, balanced (CC BY 4.0): trainable.
- ``phishtank_iscx``: PhishTank verified phishing (2020) against the ISCX-URL2016 benign list:
  evaluation only, never trained on.
- ``validin_misp``: phishing domains seen 2024–2026 (validin feed, MIT; a fixed-seed sample, any
  domain whose site is on a top-site list dropped first) against domains of the MISP top-site,
  bank and university lists (CC0): trainable. Leaving it out also leaves out the MISP lists.

- ``message_links``: the links written in legitimate messages of the trainable message sources
  (UCI and Mendeley, CC BY 4.0; Thai SMS, MIT): legitimate links only, as messages carry them
  (carriers' and shops' short paths, tracking pages). Trainable; with no phishing it is never a
  left-out row, only part of every training set and of the pooled legitimate reference.

``site_lists`` builds the compact hosting sets (``SiteLists``) from MISP and maltrail; without
MISP, only maltrail's free web hosts and dynamic DNS remain.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
from dataclasses import dataclass
from pathlib import Path

from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.sites import SiteLists, site_of
from scamnet.evaluate.datasets import dataset_file, phishing_urls
from scamnet.schema.entities import EntityError

PHISHTANK = "phishtank-2020-iscx-benign/phishtank-online-valid-2020.csv"
ISCX = "phishtank-2020-iscx-benign/iscx-benign.csv"
VALIDIN = "validin-phish-domains/domains.txt.gz"
MISP = "misp-warninglists"
MALTRAIL = "maltrail-suspicious"
#: MISP list folder → the size used as its rank bucket (lists are alphabetical: only the list size is a rank).
TOP_LISTS = {"moz-top500": 500, "tranco10k": 10_000, "majestic_million": 10_000, "cisco_top20k": 20_000,
             "cloudflare-top100k": 100_000}
BENIGN_LISTS = (*TOP_LISTS, "bank-website", "university_domains")


@dataclass(frozen=True)
class UrlSource:
    """One source of labelled links (1 = phishing); ``trainable`` only where the licence allows shipping."""

    name: str
    urls: list[str]
    labels: list[int]
    trainable: bool
    licence: str


def misp_list(root: Path, name: str) -> list[str]:
    """The entries of one MISP warning list, lower-cased, without a leading dot."""
    payload = json.loads(dataset_file(root, f"{MISP}/{name}/list.json").read_text(encoding="utf-8"))
    return [str(e).strip().lstrip(".").lower() for e in payload["list"] if str(e).strip(" .")]


def maltrail_list(root: Path, name: str) -> list[str]:
    lines = dataset_file(root, f"{MALTRAIL}/{name}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip().lstrip(".").lower() for line in lines if line.strip() and not line.startswith("#")]


def site_lists(root: Path, with_misp: bool = True) -> SiteLists:
    """The hosting sets of the link model: MISP (CC0, unless ``with_misp`` is off) and maltrail (MIT)."""
    free = frozenset(maltrail_list(root, "free_web_hosting"))
    dynamic = set(maltrail_list(root, "dynamic_domain"))
    sources = ["maltrail free_web_hosting + dynamic_domain (MIT)"]
    if not with_misp:
        return SiteLists(free_hosts=free, dynamic_dns=frozenset(dynamic), sources=tuple(sources))
    top: dict[str, int] = {}
    for name, size in sorted(TOP_LISTS.items(), key=lambda pair: -pair[1]):
        for entry in misp_list(root, name):
            site = _site(entry, free)
            if site:
                top[site] = min(size, top.get(site, size))
    dynamic |= set(misp_list(root, "dynamic-dns"))
    sources.append("MISP warning lists (CC0): " + ", ".join([*TOP_LISTS, "bank-website", "university_domains",
                                                             "url-shortener", "link-in-bio", "dynamic-dns"]))
    return SiteLists(
        top=top, banks=frozenset(filter(None, (_site(d, free) for d in misp_list(root, "bank-website")))),
        universities=frozenset(filter(None, (_site(d, free) for d in misp_list(root, "university_domains")))),
        shorteners=frozenset(misp_list(root, "url-shortener")), link_in_bio=frozenset(misp_list(root, "link-in-bio")),
        dynamic_dns=frozenset(dynamic), free_hosts=free, sources=tuple(sources),
    )


def _site(entry: str, free: frozenset[str]) -> str | None:
    try:
        return site_of(url_parts(entry), free)
    except EntityError:
        return None


def hannousse(root: Path) -> UrlSource:
    urls, labels = phishing_urls(root)
    return UrlSource("hannousse", urls, labels, True, "CC BY 4.0")


def phishtank_iscx(root: Path, limit: int = 10_000, seed: int = 0) -> UrlSource:
    """PhishTank 2020 phishing and ISCX benign URLs, ``limit`` of each (fixed seed): evaluation only."""
    with dataset_file(root, PHISHTANK).open(encoding="utf-8", newline="") as source:
        phish = [row["url"] for row in csv.DictReader(source) if row.get("url")]
    benign = [line.strip() for line in dataset_file(root, ISCX).read_text(encoding="utf-8").splitlines() if line.strip()]
    phish, benign = _sample(phish, limit, seed), _sample(benign, limit, seed)
    return UrlSource("phishtank_iscx", phish + benign, [1] * len(phish) + [0] * len(benign), False, "none stated")


def validin_misp(root: Path, lists: SiteLists, limit: int = 10_000, seed: int = 0) -> UrlSource:
    """Validin phishing domains (none whose site is on a top-site list) against MISP benign-list domains."""
    with gzip.open(dataset_file(root, VALIDIN), "rt", encoding="utf-8") as source:
        domains = [line.strip() for line in source if line.strip() and not line.startswith(("/", "#"))]
    phish = [d for d in _sample(domains, 3 * limit, seed) if _site(d, lists.free_hosts) not in lists.top][:limit]
    benign_all = sorted({d for name in BENIGN_LISTS for d in misp_list(root, name) if "." in d and "*" not in d})
    benign = _sample(benign_all, limit, seed)
    return UrlSource("validin_misp", phish + benign, [1] * len(phish) + [0] * len(benign), True, "MIT / CC0")


def message_links(root: Path) -> UrlSource:
    """The distinct links (with a scheme or a path) of the legitimate messages of UCI, Mendeley and Thai SMS."""
    from scamnet.detect.content.extract import extract_indicators
    from scamnet.evaluate.text_sources import SOURCES

    links = sorted({found.value for name in ("uci", "mendeley", "thai")
                    for text, label in zip(*SOURCES[name].load(root), strict=True) if label == "ham"
                    for found in extract_indicators(text) if found.kind == "url"})
    return UrlSource("message_links", links, [0] * len(links), True, "CC BY 4.0 / MIT")


def _sample(items: list[str], limit: int, seed: int) -> list[str]:
    distinct = sorted(set(items))
    return distinct if len(distinct) <= limit else random.Random(seed).sample(distinct, limit)

