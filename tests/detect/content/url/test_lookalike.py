"""Brand lookalikes: a host's matches are remembered, each link's path is still read."""

from __future__ import annotations

from scamnet.detect.content.brands import default_brands
from scamnet.detect.content.url.lookalike import brand_matches
from scamnet.detect.content.url.parts import url_parts


def _named(link: str, brands: tuple) -> list[tuple[str, str]]:
    return [(m.brand.name, m.how) for m in brand_matches(url_parts(link), brands)]


def test_the_path_of_each_link_is_read_even_when_its_host_was_seen() -> None:
    brands = default_brands()
    assert _named("http://evil-host.top/", brands) == []
    assert _named("http://evil-host.top/paypal/login", brands) == [("PayPal", "path")]
    assert _named("http://evil-host.top/", brands) == []


def test_a_copied_brand_list_judges_hosts_alike() -> None:
    links = ["paypa1.com/a", "paypa1.com/b", "www.icbc.com.cn.secure-login.xyz", "https://www.paypal.com/signin"]
    brands = default_brands()
    assert [_named(link, brands) for link in links] == [_named(link, tuple(brands)) for link in links]
    assert _named("paypa1.com/b", brands) == [("PayPal", "lookalike characters")]
    assert _named("https://www.paypal.com/signin", brands) == []


def test_a_brands_own_name_is_not_a_lookalike_of_its_other_name() -> None:
    # Mercado Libre (Spanish) and Mercado Livre (Portuguese) are one brand: one name is never a slip for the other
    assert [how for _, how in _named("mercadolibre.com.uy", default_brands())] == ["keyword"]


def test_names_ending_in_a_common_word_do_not_make_icloud() -> None:
    brands = default_brands()
    assert _named("hicloud.com", brands) == [] and _named("huaweicloud-dns.net", brands) == []
    assert _named("icloud-verify.com", brands) == [("Apple", "keyword")]
    assert _named("icl0ud.com", brands) == [("Apple", "lookalike characters")]


def test_a_service_number_is_only_ever_itself() -> None:
    """ICBC's 95588 and the reporting centre's 12321 in a domain borrow the number; numbers one digit apart are
    other numbers (12371.cn is the Communist Party members' site), not slips of it."""
    brands = default_brands()
    assert _named("95588-verify.top", brands) == [("ICBC", "keyword")]
    assert _named("cn12306.top", brands) == [("12306 China Railway", "keyword")]
    for other in ("12371.cn", "wt12371.com", "1232.online", "123210.com"):
        assert _named(other, brands) == []


def test_mobile_operators_are_protected_and_their_own_sites_are_not_lookalikes() -> None:
    brands = default_brands()
    assert _named("https://vodafone-bill-refund.example-pay.com/", brands) == [("Vodafone", "subdomain")]
    assert ("Vodafone", "keyword") in _named("https://vodafone-bill-refund.com/", brands)
    assert ("China Mobile", "keyword") in _named("http://chinamobile-points.top/", brands)
    for own in ("https://www.vodafone.co.uk/", "https://www.o2.co.uk/", "https://www.optus.com.au/", "https://www.10086.cn/"):
        assert _named(own, brands) == [], own


def test_short_operator_names_match_only_as_a_whole_word() -> None:
    # a health insurer one letter from Optus, and a botanical site near Telia, are nobody's lookalike
    brands = default_brands()
    assert _named("https://www.optum.example/", brands) == []
    assert _named("https://tela-garden.example/", brands) == []
    assert [name for name, _ in _named("https://optus-verify.example/", brands)] == ["Optus"]


def test_banks_one_letter_apart_are_other_banks_not_lookalikes() -> None:
    # Sterling and Starling, China Bank and Chime Bank, a newspaper and NZ Post: real names, each its own
    brands = default_brands()
    for other in ("https://sterlingbank.example/", "https://www.nypost.example/", "https://first-national-fnb.example/"):
        assert _named(other, brands) == [], other
    assert "Chime" not in {name for name, _ in _named("https://chinabank.example/", brands)}
    assert [name for name, _ in _named("https://kiwibank-verify.example/", brands)] == ["Kiwibank"]
    assert [name for name, _ in _named("https://nzpost-redelivery.example/", brands)] == ["NZ Post"]
