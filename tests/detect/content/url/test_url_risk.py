"""The url_risk detector: brand lookalikes flagged with the brand named, the brands' real sites not."""

from __future__ import annotations

import pytest

from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.url_risk import (
    UrlRiskDetector,
    assess_urls,
    links_in_text,
    protected_brands,
    url_model,
)


def _judge(link: str):
    return assess_urls([link], url_model(), protected_brands())[0]


@pytest.mark.parametrize(
    ("link", "brand"),
    [
        ("icbc-c0m.cn", "ICBC"),
        ("paypa1.com", "PayPal"),
        ("alipay.verify-account.top", "Alipay"),
        ("www.icbc.com.cn.secure-login.xyz", "ICBC"),
        ("https://pаypal.com/signin", "PayPal"),  # Cyrillic 'а'
        ("icbcc.com", "ICBC"),
        ("http://mps-safe.cc/case", "Ministry of Public Security"),
    ],
)
def test_brand_lookalikes_are_flagged_with_the_brand_named(link: str, brand: str) -> None:
    judged = _judge(link)
    assert judged.is_risky
    top = judged.matches[0]
    assert top.brand.name == brand
    assert str(top) in judged.reasons()
    assert top.keyword in str(top) or top.brand.main_domain in str(top) or top.brand.name in str(top)


def test_reasons_say_how_the_link_imitates_the_brand() -> None:
    assert "looks like paypal.com (lookalike characters: 'paypa1')" in _judge("paypa1.com").reasons()
    assert "looks like icbc.com.cn (edit distance 1: 'icbcc')" in _judge("icbcc.com").reasons()
    assert "brand 'alipay' in a subdomain of verify-account.top" in _judge("alipay.verify-account.top").reasons()
    assert "ICBC's domain icbc.com.cn used as a subdomain of secure-login.xyz" in _judge(
        "www.icbc.com.cn.secure-login.xyz"
    ).reasons()


@pytest.mark.parametrize(
    "link", ["www.icbc.com.cn", "https://www.paypal.com/signin", "www.gov.cn", "https://www.mps.gov.cn/n2254098/index.html",
             "https://m.jd.com/act/x8k2", "https://weixin.qq.com/"]
)
def test_the_brands_real_sites_are_not_flagged(link: str) -> None:
    judged = _judge(link)
    assert not judged.is_risky
    assert judged.official is not None
    assert not judged.matches


def test_ordinary_words_do_not_look_like_brands() -> None:
    for link in ("https://www.purchase.com/", "http://webchat.freenode.net/", "https://shippingandfreightresource.com/"):
        assert not _judge(link).matches, link


def test_an_ip_address_host_is_named() -> None:
    assert "IP address as host" in _judge("http://103.75.1.198/gov/subsidy").reasons()


def test_a_shortener_is_named() -> None:
    assert "abuse-prone hosting: URL shortener bit.ly" in _judge("https://bit.ly/3xYzAb").reasons()


def test_defanged_links_are_read_as_links() -> None:
    judged = _judge("hxxp://evil[.]top/login")
    assert judged.parts.host == "evil.top"
    assert "risky TLD .top" in judged.reasons()
    assert url_parts("hxxps://paypa1[.]com").registrable == "paypa1.com"


def test_links_are_found_in_chinese_and_english_messages() -> None:
    text = "请立即登录https://icbc-verify.top/a核实，或访问 hxxp://paypa1[.]com/x."
    assert links_in_text(text) == ["https://icbc-verify.top/a", "hxxp://paypa1[.]com/x"]


def test_the_detector_flags_the_scam_links_of_its_example_messages() -> None:
    data = UrlRiskDetector.example_data(seed=0)
    detector = UrlRiskDetector().fit(data)
    scores = dict(zip(*detector.score(data).to_pydict().values(), strict=True))
    assert scores["url:https://www.icbc.com.cn.secure-login.xyz/verify"] >= 0.5
    assert scores["url:http://paypa1.com/signin"] >= 0.5
    assert scores["url:https://m.jd.com/act/x8k2"] < 0.5
    assert "PayPal" not in " ".join(detector.explain("url:https://m.jd.com/act/x8k2"))


def test_a_host_that_is_a_bare_brand_name_with_no_suffix_is_judged_a_lookalike() -> None:
    judged = assess_urls(["http://paypal"], url_model(), protected_brands())[0]
    assert judged.is_risky and any("PayPal" in r for r in judged.reasons())


def test_a_link_is_judged_as_its_first_message_wrote_it_however_often_a_campaign_repeats_it() -> None:
    """m1 writes the link in capitals, m2 and m4 repeat one campaign text in lower case, m3 names another
    link: each link once, in the form of the first message by id that carries it, and its domain (its host)."""
    from datetime import UTC, datetime

    import pyarrow as pa

    from scamnet.detect.content.url.url_risk import store_links
    from scamnet.features.data import Data
    from scamnet.schema import table

    campaign = "your parcel is held, pay the fee at http://post-fee.top/p"
    texts = {"m2": campaign, "m1": "PAY AT HTTP://POST-FEE.TOP/p NOW", "m4": campaign, "m3": "see https://parcel-track.xyz/a"}
    at = datetime(2026, 3, 2, tzinfo=UTC)
    messages = pa.Table.from_pylist([{"msg_id": m, "sent_at": at, "sender": "+1", "recipient": "+2", "channel": "sms", "text": t}
                                     for m, t in texts.items()], schema=table("messages").schema)
    found = store_links(Data.from_tables(messages=messages))
    assert found == {"url:http://post-fee.top/p": "HTTP://POST-FEE.TOP/p", "domain:post-fee.top": "post-fee.top",
                     "url:https://parcel-track.xyz/a": "https://parcel-track.xyz/a", "domain:parcel-track.xyz": "parcel-track.xyz"}
