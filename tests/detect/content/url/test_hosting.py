"""Links judged on where they are hosted: crypto-brand lookalikes and free-hosted phishing caught with their
reasons, real banks' own sites and well-known sites never flagged for their brand words."""

from __future__ import annotations

import numpy as np
import pytest

from scamnet.detect.content.url.model import SUSPICIOUS_SCORE, scores_from
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.sites import SiteLists, hosting, mixed_scripts, site_of
from scamnet.detect.content.url.url_risk import assess_urls, judge_link, protected_brands, url_model


def _judge(link: str):
    return assess_urls([link], url_model(), protected_brands())[0]


@pytest.mark.parametrize(
    ("link", "brand"),
    [
        ("https://metamask-wallet-restore.pages.dev/", "MetaMask"),
        ("https://ledger-live-sync.weebly.com/", "Ledger"),
        ("http://myetherwallet.com.secure-login.xyz/", "MyEtherWallet"),
        ("https://trustwallet-recovery.vercel.app/connect", "Trust Wallet"),
        ("https://imtoken-login.netlify.app/", "imToken"),
        ("https://tronlink-airdrop.github.io/claim", "TronLink"),
        ("metarnask.io", "MetaMask"),  # 'rn' for 'm'
        ("https://trezor-suite-update.com/firmware", "Trezor"),
        ("binance-verify.top", "Binance"),
        ("https://kucoin-support.workers.dev/kyc", "KuCoin"),
        ("https://www.bybit.com.account-check.cc/", "Bybit"),
        ("https://huobi-refund.online/", "Huobi / HTX"),
    ],
)
def test_crypto_brand_lookalikes_are_flagged_with_the_brand_named(link: str, brand: str) -> None:
    judged = _judge(link)
    assert judged.is_risky, judged.reasons()
    assert judged.matches[0].brand.name == brand


@pytest.mark.parametrize(
    ("link", "host"),
    [
        ("https://secure-login-account.pages.dev/verify", "pages.dev"),
        ("https://wallet-sync-app.workers.dev/", "workers.dev"),
        ("https://update-billing-info.weebly.com/", "weebly.com"),
        ("https://account-verify-center.vercel.app/login", "vercel.app"),
        ("https://pub-7a3c1f0e9b.r2.dev/signin/index.html", "r2.dev"),
    ],
)
def test_free_hosted_phishing_is_flagged_and_the_host_named(link: str, host: str) -> None:
    judged = _judge(link)
    assert judged.is_risky, judged.reasons()
    assert any(host in reason and "abuse-prone hosting" in reason for reason in judged.reasons())


@pytest.mark.parametrize(
    "link", ["https://www.maybank2u.com.my/home/m2u/common/login.do", "sberbank.ru", "https://online.sberbank.ru/CSAFront/",
             "https://www.onlinesbi.sbi/", "https://www.kasikornbank.com/th/login", "https://www.gtbank.com/"]
)
def test_a_real_banks_own_site_is_not_flagged_for_its_brand_words(link: str) -> None:
    judged = _judge(link)
    assert not judged.is_risky
    assert not [m for m in judged.matches if m.strength >= 0.5]


def test_a_bank_on_the_bank_list_is_capped_like_a_brands_own_site() -> None:
    lists = SiteLists(banks=frozenset({"examplebank.my"}))
    judged = judge_link("https://examplebank.my/login", url_parts("https://examplebank.my/login"), 0.97,
                        protected_brands(), lists)
    assert not judged.is_risky and "bank's own site examplebank.my" in judged.reasons()[1]


def test_a_well_known_site_is_at_most_suspicious_whatever_brand_words_it_holds() -> None:
    lists = SiteLists(top={"metamask-guides.com": 10_000})
    link = "https://www.metamask-guides.com/t5/login"
    judged = judge_link(link, url_parts(link), 0.95, protected_brands(), lists)
    assert judged.band == "suspicious"
    assert judged.reasons()[1].startswith("well-known site: top-10k site metamask-guides.com")
    unknown = judge_link(link, url_parts(link), 0.95, protected_brands(), SiteLists())
    assert unknown.is_risky  # the same link, without the list, is an alert for its brand words


def test_a_page_on_a_user_content_platform_is_not_the_platforms_well_known_site() -> None:
    lists = SiteLists(top={"github.io": 500, "google.com": 500, "weebly.com": 10_000})
    assert site_of(url_parts("https://me.github.io/x"), lists.free_hosts) == "me.github.io"
    assert hosting(url_parts("https://me.github.io/x"), lists).known is None
    assert hosting(url_parts("https://docs.google.com/forms/d/e/1FAI/viewform"), lists).known is None
    assert hosting(url_parts("https://docs.google.com/forms/d/e/1FAI/viewform"), lists).abuse_prone
    assert hosting(url_parts("https://www.google.com/"), lists).known == "top-500 site google.com"


def test_dynamic_dns_shorteners_and_link_in_bio_are_abuse_prone() -> None:
    lists = SiteLists(dynamic_dns=frozenset({"duckdns.org"}), link_in_bio=frozenset({"linktr.ee"}),
                      shorteners=frozenset({"cutt.ly"}))
    assert hosting(url_parts("wallet.duckdns.org"), lists).abuse_prone == "dynamic DNS duckdns.org"
    assert hosting(url_parts("https://cutt.ly/abc"), lists).abuse_prone == "URL shortener cutt.ly"
    assert "link-in-bio" in (hosting(url_parts("https://linktr.ee/someone"), lists).abuse_prone or "")


def test_mixed_scripts_in_one_label_are_seen() -> None:
    assert mixed_scripts("pаypal.com")  # Cyrillic 'а' among Latin letters
    assert not mixed_scripts("яндекс.рф") and not mixed_scripts("paypal.com")


def test_every_alert_names_a_reason_beyond_the_score() -> None:
    links = ["http://103.75.1.198/gov/subsidy/login.php", "https://secure-login-account.pages.dev/verify",
             "http://a7f3k9.xyz/wp-admin/includes/office365/index.php?email=x", "paypa1.com"]
    for judged in assess_urls(links, url_model(), protected_brands()):
        if judged.score >= SUSPICIOUS_SCORE:
            assert len(judged.reasons()) >= 2, judged.reasons()
            assert not judged.reasons()[1].startswith("link score")


def test_a_link_flagged_by_the_model_alone_says_what_the_model_weighed() -> None:
    judged = _judge("http://a7f3k9.xyz/wp-admin/includes/office365/index.php?email=x")
    assert judged.score >= SUSPICIOUS_SCORE
    assert any(r.startswith("the link model weighs most: ") for r in judged.reasons())


def test_scores_put_the_suspicious_band_below_the_alert_threshold() -> None:
    raw = np.array([0.0, 0.2, 0.6, 0.9, 1.0])
    scores = scores_from(raw, suspicious=0.2, threshold=0.6)
    assert scores.tolist() == pytest.approx([0.0, SUSPICIOUS_SCORE, 0.5, 0.875, 1.0])


def test_calibrated_probability_rises_with_the_score() -> None:
    judged = assess_urls(["https://www.wikipedia.org/", "http://paypa1-verify.top/login.php"], url_model(), protected_brands())
    assert judged[0].probability is not None and judged[1].probability is not None
    assert judged[0].model_score < judged[1].model_score and judged[0].probability < judged[1].probability
