"""A brand's own infrastructure domains (its name joined to cdn, static, dns, adsystem… under an ordinary TLD)
are not lures; the same name joined to lure words, under a cheap TLD or on free hosting still is."""

from __future__ import annotations

import pytest

from scamnet.detect.content.url.lookalike import brand_matches
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.sites import SiteLists, hosting
from scamnet.detect.content.url.url_risk import judge_link, protected_brands

#: No site lists: the rule must hold without the top-site lists that vouch for these domains in real use.
NO_LISTS = SiteLists()


def _judged(link: str):
    parts = url_parts(link)
    return judge_link(link, parts, 0.0, protected_brands(), NO_LISTS)


@pytest.mark.parametrize(
    ("domain", "brand"),
    [("tiktokcdn.com", "Douyin"), ("cdninstagram.com", "Facebook"), ("amazon-adsystem.com", "Amazon"),
     ("apple-dns.net", "Apple"), ("douyinpic.com", "Douyin"), ("binance-api2.com", "Binance")],
)
def test_brand_infrastructure_is_a_hint_not_an_alert(domain: str, brand: str) -> None:
    judged = _judged(domain)
    assert not judged.is_risky
    assert judged.matches[0].brand.name == brand and judged.matches[0].how == "infrastructure"
    assert "own infrastructure" in str(judged.matches[0])


@pytest.mark.parametrize(
    ("link", "brand", "cue"),
    [
        ("paypal-login.com", "PayPal", "brand 'paypal' in the domain"),
        ("amazon-cdn-verify.com", "Amazon", "brand 'amazon' in the domain"),  # a lure word among the infrastructure
        ("tiktokcdn.top", "Douyin", "brand 'tiktok' in the domain"),  # an abuse-prone TLD
        ("https://amazon-refund-support.com/", "Amazon", "brand 'amazon' in the domain"),
        ("https://metamask-cdn.pages.dev/", "MetaMask", "brand 'metamask' in a subdomain of pages.dev"),  # free hosting
        ("https://binance-api.weebly.com/login", "Binance", "brand 'binance' in a subdomain of weebly.com"),
    ],
)
def test_lures_with_the_same_brands_are_still_flagged_with_the_brand_named(link: str, brand: str, cue: str) -> None:
    judged = _judged(link)
    assert judged.is_risky, judged.reasons()
    assert judged.matches[0].brand.name == brand
    assert any(reason.startswith(cue) for reason in judged.reasons()), judged.reasons()


def test_an_enterprise_cdn_endpoint_is_not_abuse_prone_hosting() -> None:
    endpoint = url_parts("init.push-apple.com.akadns.net")
    assert hosting(endpoint, NO_LISTS).abuse_prone is None
    assert not _judged("init.push-apple.com.akadns.net").is_risky
    # a user-content platform of the same list stays abuse-prone
    assert hosting(url_parts("https://apple-id.pages.dev/"), NO_LISTS).abuse_prone == "user-content platform pages.dev"


def test_the_bare_brand_name_under_another_ordinary_tld_is_not_infrastructure() -> None:
    assert [m.how for m in brand_matches(url_parts("paypal.net"), protected_brands())] == ["keyword"]


@pytest.mark.parametrize(
    "host", ["pull-f5-sg01.tiktokcdn.com.c.bytefcdn-oversea.com", "pull-flv-f77-tt04.tiktokcdn-us.com"]
)
def test_brand_infrastructure_in_a_cdn_name_or_with_a_region_is_not_an_alert(host: str) -> None:
    judged = _judged(host)
    assert not judged.is_risky and judged.matches[0].how == "infrastructure"


def test_a_region_word_alone_does_not_make_infrastructure() -> None:
    assert _judged("paypal-us.com").is_risky


@pytest.mark.parametrize(
    "host", ["paypalobjects.com.cdn.cloudflare.net", "img-prod-cms-rt-microsoft-com.akamaized.net",
             "amp-account.itunes-apple.com.akadns.net"]
)
def test_a_brand_named_under_an_enterprise_cdn_endpoint_is_the_cdn_naming_its_customer(host: str) -> None:
    judged = _judged(host)
    assert not judged.is_risky
    assert "the CDN names its customer's own host" in str(judged.matches[0])
