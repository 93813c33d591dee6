"""Two protected-brand lists side by side on real benign and phishing links: what the shipped link model flags with
each (alert at 0.5), and which items one flags and the other not. How the table in docs/links.md ("The 178 brands
added on 2026-12-05") was measured:

    git show d02bab7:src/scamnet/detect/content/data/protected_brands.json > /tmp/brands_before.json
    .venv/bin/python scripts/compare_brand_lists.py ../shared/datasets /tmp/brands_before.json

The second list defaults to the shipped one. Sets: Hannousse's legitimate and phishing URLs, ISCX's benign URLs and
PhishTank 2020 (evaluation only), 30,000 validin phishing domains (seed 7), the MISP top-site, bank and university
domains. About four minutes on two cores.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scamnet.detect.content.url.url_risk import assess_urls, protected_brands, url_model
from scamnet.evaluate import url_sources as sources
from scamnet.schema.entities import EntityError

CHUNK = 2_000


def link_sets(root: Path) -> dict[str, list[str]]:
    """The named sets of links, benign and phishing."""
    hannousse = sources.hannousse(root)
    phishtank = sources.phishtank_iscx(root, limit=40_000)
    validin = sources.validin_misp(root, sources.site_lists(root), limit=30_000, seed=7)

    def of(source: sources.UrlSource, label: int) -> list[str]:
        return [url for url, is_phishing in zip(source.urls, source.labels, strict=True) if is_phishing == label]

    return {"hannousse legitimate": of(hannousse, 0), "hannousse phishing": of(hannousse, 1),
            "iscx benign": of(phishtank, 0), "phishtank 2020": of(phishtank, 1), "validin phishing": of(validin, 1),
            "misp benign domains": sorted({d for name in sources.BENIGN_LISTS for d in sources.misp_list(root, name)})}


def flagged(urls: list[str], brands_file: Path | None) -> dict[str, bool]:
    """Per link that has a host, whether the shipped link model alerts on it with the brand list ``brands_file``."""
    model, brands, found = url_model(None), protected_brands(brands_file), {}
    for start in range(0, len(urls), CHUNK):
        chunk = urls[start: start + CHUNK]
        try:
            found.update((j.given, j.is_risky) for j in assess_urls(chunk, model, brands))
        except EntityError:  # a link without a host somewhere in the chunk: one by one, that one left out
            for url in chunk:
                try:
                    found[url] = assess_urls([url], model, brands)[0].is_risky
                except EntityError:
                    continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("datasets", type=Path)
    parser.add_argument("before", type=Path, help="the brand list to compare against")
    parser.add_argument("after", type=Path, nargs="?", help="the other list (default: the shipped one)")
    parser.add_argument("--show", type=int, default=5, help="items one list flags and the other not, shown per set")
    args = parser.parse_args()
    for name, urls in link_sets(args.datasets).items():
        before, after = flagged(urls, args.before), flagged(urls, args.after)
        gained = [u for u in before if after[u] and not before[u]]
        lost = [u for u in before if before[u] and not after[u]]
        print(f"{name:22s} {len(before):7,d} items  flagged {sum(before.values()):6,d} -> {sum(after.values()):6,d}"
              f"  (+{len(gained)}, -{len(lost)})")
        for url in gained[: args.show]:
            print(f"    + {url[:100]}")
        for url in lost[: args.show]:
            print(f"    - {url[:100]}")


if __name__ == "__main__":
    main()
