"""The protected brands beyond China, the US and the UK: the banks, wallets, posts, toll roads and tax offices that
smishing imitates in each country are caught with the brand named, their own sites are not, and names that are also
ordinary words or other firms' names match only as whole words."""

from __future__ import annotations

import pytest

from scamnet.detect.content.url.url_risk import assess_urls, protected_brands, url_model


def _judge(link: str):
    return assess_urls([link], url_model(), protected_brands())[0]


@pytest.mark.parametrize(
    ("link", "brand"),
    [
        ("https://vietcombank-xacminh.xyz/dang-nhap", "Vietcombank"),
        ("http://gcash-verify.com/login", "GCash"),
        ("https://colissimo-suivi.info/paiement", "Colissimo"),
        ("https://auspost-redelivery.com/track", "Australia Post"),
        ("http://ezpass-tollpay.com/invoice", "E-ZPass"),
        ("https://bancolombia-alertas.com/", "Bancolombia"),
        ("http://canadapost-redirect.com/fee", "Canada Post"),
        ("https://absher-update.com/", "Absher"),
        ("https://inpost-dopłata.pl/paczka", "InPost"),
        ("https://anpost-customs-fee.com/", "An Post"),
        ("http://nab.com.au.restore.services/", "NAB"),
        ("http://incometax-refund.in-verify.com/", "Income Tax Department"),
        # the wallets investment-scam sites tell victims to install or "sync"
        ("https://tokenpocket-wallet.org/import", "TokenPocket"),
        ("https://safepal-app-download.com/", "SafePal"),
        ("http://bitpie-wallet.net/", "Bitpie"),
        ("https://coin98-extension.io/restore", "Coin98"),
        ("https://atomicwallet-restore.com/", "Atomic Wallet"),
        ("https://solflare-connect.xyz/", "Solflare"),
    ],
)
def test_a_local_brands_lookalike_is_flagged_with_the_brand_named(link: str, brand: str) -> None:
    judged = _judge(link)
    assert judged.is_risky, (link, judged.score)
    assert judged.matches[0].brand.name == brand


@pytest.mark.parametrize(
    "link",
    ["https://www.vietcombank.com.vn/", "https://www.colissimo.fr/suivi", "https://auspost.com.au/mypost/track",
     "https://www.bancolombia.com/personas", "https://www.krungsriconsumer.com/consent_info/index.html",
     "https://www.gcash.com/", "https://shopee.co.id/cart", "https://www.bankofbaroda-uae.ae/"],
)
def test_the_brands_own_sites_are_not_flagged(link: str) -> None:
    judged = _judge(link)
    assert not judged.is_risky and not judged.matches, (link, judged.score)


@pytest.mark.parametrize(
    "host",
    # a Ukrainian news site and Telegram; a certificate authority and Truist; Poland's mBank and Vietnam's MB Bank;
    # Boost Mobile and T-Mobile; a newspaper and An Post; a German newspaper and InPost; Brazil's Banco Inter and
    # Bankinter; a loan app and GoPay; an SEO tool and Woori Bank
    ["telegraf.com.ua", "trust-provider.com", "mbank.pl", "boostmobile.com", "christianpost.com", "mainpost.de",
     "bancointer.com.br", "gopaysense.com", "woorank.com"],
)
def test_a_name_that_is_also_a_word_or_another_firms_name_is_no_lookalike_inside_a_longer_word(host: str) -> None:
    assert not _judge(f"https://{host}/").matches, host


def test_a_wallets_own_site_and_an_exchange_one_edit_from_a_wallet_are_not_flagged() -> None:
    assert not _judge("https://www.tokenpocket.pro/en/download").is_risky
    assert not any(m.brand.name == "Bitpie" for m in _judge("https://bitpin.ir/").matches)  # Iran's own exchange
