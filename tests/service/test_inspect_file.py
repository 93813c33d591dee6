"""A file of messages or links scored item by item: labels, tiers, each distinct item scored once."""

import pytest

import scamnet.service.inspect_file as inspect_file
from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.ingest.items import Items

SCAMS = ["【公安局】您涉嫌洗钱，请立即将资金转入安全账户 6222 0212 3456 7890 128，加V信：jc_wang01",
         "刷单兼职，日赚300-500元，垫付返利，加QQ 88812345",
         "您的ETC已失效，请登录 hxxp://etc-renew[.]top 重新认证，逾期将停用"]
LEGITIMATE = ["明天下午三点开会，记得带上周的报表", "Hi, are we still on for dinner on Sunday?",
              "Your verification code for login is 482913. Do not share it."]


def items_of(values: list[str]) -> Items:
    return Items("batch.txt", values, list(range(1, len(values) + 1)), "utf-8")


def test_three_scams_get_scam_types_and_three_legitimate_messages_do_not() -> None:
    rows = inspect_file.text_rows(items_of(SCAMS + LEGITIMATE), Settings())
    labels = [row["label"] for row in rows]
    assert all(label != "legitimate" for label in labels[:3]) and labels[3:] == ["legitimate"] * 3
    assert labels[0] == "government_impersonation" and labels[1] == "task_rebate"
    assert rows[0]["tier"] == "critical" and rows[3]["tier"] == "low"


def test_a_repeated_message_is_scored_once_and_reported_on_every_row(monkeypatch) -> None:
    scored: list[str] = []
    real = inspect_file.assess_texts
    monkeypatch.setattr(inspect_file, "assess_texts", lambda texts, model: scored.extend(texts) or real(texts, model))
    rows = inspect_file.text_rows(items_of([SCAMS[0], LEGITIMATE[0], SCAMS[0]]), Settings())
    assert scored == [SCAMS[0], LEGITIMATE[0]]
    assert [r["line"] for r in rows] == [1, 2, 3] and rows[0]["score"] == rows[2]["score"]


def test_a_lookalike_bank_link_is_phishing_and_the_banks_own_site_is_legitimate() -> None:
    rows = inspect_file.url_rows(items_of(["hxxp://www.icbc.com.cn[.]secure-login.xyz/login", "https://www.icbc.com.cn/"]),
                                 Settings())
    assert [r["label"] for r in rows] == ["phishing", "legitimate"]


def test_a_line_that_is_no_link_is_named_with_its_line() -> None:
    with pytest.raises(InputError) as caught:
        inspect_file.url_rows(items_of(["https://www.icbc.com.cn/", "http://", "icbc.com.cn"]), Settings())
    assert [(p.row, p.value) for p in caught.value.problems] == [(2, "http://")]


BBVA_LURE = ("BBVA: Hemos bloqueado su tarjeta por actividad sospechosa. "
             "Verifique sus datos en http://bbva-seguridad.top/login")
AMAZON = "Amazon: your parcel is out for delivery today. Track it at https://www.amazon.co.uk/gp/your-account"


def test_a_message_linking_to_a_lookalike_of_its_bank_is_a_scam_only_once_its_link_is_judged() -> None:
    with_links, words = (inspect_file.text_rows(items_of([BBVA_LURE]), Settings(), links=judged)[0] for judged in (True, False))
    assert words["label"] == "legitimate" and words["score"] < 0.5
    assert with_links["label"] == "phishing" and with_links["score"] >= 0.5
    assert any("bbva-seguridad.top" in r and "url_risk" in r for r in with_links["reasons"])


def test_the_brands_own_link_lowers_a_delivery_notice_and_says_why() -> None:
    with_links, words = (inspect_file.text_rows(items_of([AMAZON]), Settings(), links=judged)[0] for judged in (True, False))
    assert with_links["label"] == "legitimate" and with_links["score"] <= words["score"]
    assert any("official site of Amazon (amazon.co.uk)" in r for r in with_links["reasons"])


def test_a_link_repeated_across_messages_is_scored_once(monkeypatch) -> None:
    scored: list[str] = []
    real = inspect_file.assess_urls
    monkeypatch.setattr(inspect_file, "assess_urls", lambda links, model, brands: scored.extend(links) or real(links, model, brands))
    other = BBVA_LURE.replace("Hemos bloqueado", "Hemos suspendido")
    inspect_file.text_rows(items_of([BBVA_LURE, other, LEGITIMATE[0]]), Settings())
    assert scored == ["http://bbva-seguridad.top/login"]



def test_a_message_in_an_unlearned_language_with_two_flagged_links_is_a_scam_of_type_other() -> None:
    from scamnet.service.inspect import inspect_message

    result = inspect_message("عميلنا العزيز، تم تعليق بطاقتك http://alrajhi-update.top http://paypa1-login.top/x")
    assert result["scam"] and result["label"] == "other" and result["scam_type"] == "other"
    words = inspect_file.text_rows(items_of(["عميلنا العزيز، تم تعليق بطاقتك"]), Settings())[0]
    assert words["label"] == "unknown"
