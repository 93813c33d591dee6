"""An alert names a sign a person can check; the link model's weights alone make a link suspicious, not an alert.

The judged links get a high model score on purpose (0.9): the rule is about what the model may decide alone.
"""

from __future__ import annotations

import pytest

from scamnet.detect.content.url.lexical import concrete_signs
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.sites import SiteLists
from scamnet.detect.content.url.url_risk import judge_link, protected_brands

HIGH = 0.9


def _judged(link: str, model_score: float = HIGH):
    return judge_link(link, url_parts(link), model_score, protected_brands(), SiteLists())


@pytest.mark.parametrize(
    "link",
    [
        "http://torcache.net/torrent/837A4C2ED3D70FA329CBE3C2A256CBAF2B10B30D.torrent?title=rocky.saga",
        "http://celluloidclub.blogspot.com",  # a genuine blog: abuse-prone hosting alone is not a sign
        "https://chicowhitaker.wordpress.com/2015/09/ethernet-cable.pdf",
        "http://www.shellyfergusonphotography.com",
        # an '@' in a file name, before no real domain, is no email address
        "http://torrents.example.net/torrent/1234567/Some+Show+S01E02+480p+R%40nger.html",
    ],
)
def test_the_model_alone_makes_a_link_suspicious_not_an_alert(link: str) -> None:
    judged = _judged(link)
    assert judged.band == "suspicious" and judged.unsigned
    assert any(reason.startswith("no sign beyond the link model's weights") for reason in judged.reasons())


@pytest.mark.parametrize(
    ("link", "sign"),
    [
        ("http://shop.example.com/wp-includes/x/signin.php", "lure words"),  # phishing on a compromised site
        ("http://103.75.1.198/account/", "IP host"),
        ("https://wallet-sync-app.workers.dev/", "lure words"),
        ("http://courtvip.vip/", "risky TLD"),
        ("http://a.b.c.example.com/", "deep subdomains"),
        ("http://example.com/redirect?u=http://evil.example.net/", "redirect"),
        # a fake sign-in page filled in with the address of the person it was sent to
        ("http://painter-leeds.example.org/content/4e1b7c20/?user=jo.smith@example.co.uk", "email address"),
        # a phishing kit's copy of itself for one visit, in a folder named by an MD5 digest
        ("http://joinery-york.example.com/v4/check/5d41402abc4b2a76b9719d911017c592", "random folder"),
    ],
)
def test_a_high_model_score_with_a_named_sign_is_an_alert(link: str, sign: str) -> None:
    judged = _judged(link)
    assert judged.is_risky and not judged.unsigned
    assert sign in concrete_signs(url_parts(link))


def test_a_brand_lookalike_is_an_alert_whatever_the_model_says() -> None:
    judged = _judged("paypa1.com", model_score=0.0)
    assert judged.is_risky and judged.matches[0].brand.name == "PayPal"


def test_a_low_model_score_is_not_marked_as_held_back() -> None:
    judged = _judged("http://celluloidclub.blogspot.com", model_score=0.1)
    assert judged.band == "clear" and not judged.unsigned


@pytest.mark.parametrize(
    "link",
    [
        "https://forms.office.com/Pages/ResponsePage.aspx?id=DQSIkWdsW0yxEjajBLZtrQAAAAAAAAAAAAZAAADyM1FUOTFISFdaM1",
        "https://docs.google.com/forms/d/e/1FAIpQLSf3kq/viewform",
        "https://contoso-my.sharepoint.com/personal/someone_contoso_com/_layouts/15/doc.aspx",
    ],
)
def test_someones_form_or_file_on_a_brands_own_platform_is_not_the_brands_site(link: str) -> None:
    """A form or shared file on a big site's user-content host: the brand's own-site cap does not cover it,
    and the model's high score there is an alert naming the hosting."""
    judged = _judged(link)
    assert judged.official is None and judged.is_risky
    assert any(reason.startswith("abuse-prone hosting: user-content platform") for reason in judged.reasons())


def test_the_brands_own_pages_on_the_same_hosts_stay_official() -> None:
    for link in ("https://www.office.com/", "https://www.google.com/search?q=x", "https://outlook.office.com/mail/"):
        judged = _judged(link)
        assert judged.official is not None and judged.score <= 0.1
