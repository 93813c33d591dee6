"""A message that speaks for a brand and links to a lookalike of that brand is phishing, in any language; naming a
brand beside its own site, or beside a lookalike of another brand, is no such claim."""

from __future__ import annotations

from scamnet.detect.content.brand_claim import claimed_brand_reasons
from scamnet.detect.content.url.url_risk import assess_urls, protected_brands, url_model
from scamnet.online.content import ContentJudge, findings_of
from scamnet.service.content import inspect_text


def _links(*urls: str):
    return assess_urls(list(urls), url_model(None), protected_brands(None))


def test_a_lure_in_a_language_the_model_never_learned_is_an_alert_when_it_speaks_for_the_brand_it_imitates() -> None:
    lure = "BBVA: Hemos bloqueado su tarjeta por seguridad. Verifique sus datos en http://bbva-seguridad.top/login"
    judged = inspect_text(lure)
    assert judged["scam"] and judged["scam_type"] == "phishing"  # a brand's lookalike its words speak for
    assert any(r.startswith("it speaks for BBVA") and "bbva-seguridad.top" in r for r in judged["reasons"])


def test_words_that_read_clean_are_raised_to_an_alert_by_the_claim_and_the_lookalike_together() -> None:
    lure = "Your Apple ID was used to sign in on a new device. If this wasn't you, secure your account: apple-id-support.co"
    judged = inspect_text(lure)
    assert judged["scam"]
    assert "it speaks for Apple (“Apple”) and links to apple-id-support.co, not a domain of Apple" in judged["reasons"]


def test_the_same_notice_linking_to_the_brands_own_site_is_not_flagged() -> None:
    notice = "Your Apple ID was used to sign in on a new device. If this wasn't you, review it at https://appleid.apple.com"
    judged = inspect_text(notice)
    assert not judged["scam"]
    assert not any("speaks for" in r for r in judged["reasons"])


def test_a_lookalike_of_one_brand_beside_the_name_of_another_is_no_claim() -> None:
    links = _links("http://bbva-seguridad.top/login")
    assert links[0].is_risky
    assert claimed_brand_reasons("Santander: verifique sus datos en http://bbva-seguridad.top/login", links) == []


def test_the_brand_written_only_inside_the_link_is_no_claim() -> None:
    links = _links("http://bbva-seguridad.top/login")
    assert claimed_brand_reasons("Verifique sus datos en http://bbva-seguridad.top/login", links) == []


def test_a_brands_securities_arm_on_its_own_domain_is_not_a_lookalike() -> None:
    notice = "Maybank Securities: your statement for March is ready. View it at www.maybank-ke.co.th/statement"
    assert not inspect_text(notice)["scam"]


def test_a_brand_named_in_its_own_script_speaks_for_it() -> None:
    """ICBC's Chinese name, Kasikornbank's Thai one: the brand list's aliases, read in the words, never in a domain."""
    lure = "【工商银行】您的账户存在异常，请立即登录 http://icbc-anquan.top 验证，否则将冻结"
    assert claimed_brand_reasons(lure, _links("http://icbc-anquan.top")) == [
        "it speaks for ICBC (“工商银行”) and links to icbc-anquan.top, not a domain of ICBC"]
    thai = "กสิกรไทย: บัญชีของท่านถูกระงับ กรุณายืนยันตัวตนที่ kasikorn-verify.com"
    assert inspect_text(thai)["scam"]


def test_the_brands_bare_name_as_a_whole_domain_is_no_claim() -> None:
    """``jingdong.com`` is JD's name alone: as often the brand's own registration as a lure, so one sign, not two."""
    links = _links("https://jingdong.com/")
    assert links[0].is_risky  # url_risk's own flag stands: one sign
    assert claimed_brand_reasons("京东：您的订单已发货，详情见 https://jingdong.com/", links) == []


def test_a_name_with_no_top_level_domain_is_no_site_to_claim() -> None:
    links = _links("www.bankofchina/htmls")
    assert claimed_brand_reasons("详情请查询中国银行APP或网站 www.bankofchina/htmls", links) == []


def test_the_live_path_weighs_the_claim_as_the_batch_and_inspect_paths_do() -> None:
    """``scamnet serve`` judges a message's text once (``ContentJudge``): the claim is a reason of its scam finding."""
    judged = ContentJudge().judged_many(["Сбербанк: ваша карта заблокирована. Подтвердите данные на sberbank-online.top"])[0]
    scam = [f for f in findings_of(judged) if f.detector == "scam_text"]
    assert judged.scam_type == "phishing"
    assert scam and any(r.startswith("it speaks for Sberbank (“Сбербанк”)") for r in scam[0].evidence)


def test_a_claimed_government_portal_is_government_impersonation() -> None:
    """Russia's public-services portal named in Cyrillic beside its lookalike: the 冒充公检法 family, not phishing."""
    judged = inspect_text("Госуслуги: у вас неоплаченный штраф. Оплатите до завтра на gosuslugi-oplata.top")
    assert judged["scam"] and judged["scam_type"] == "government_impersonation"


def test_an_international_wallet_named_as_chinese_victims_name_it_speaks_for_it() -> None:
    """MetaMask is 小狐狸钱包 ("the little fox wallet") in Chinese investment-scam chats."""
    lure = "小狐狸钱包升级通知：请在 metamask-update.vip 同步助记词"
    assert claimed_brand_reasons(lure, _links("metamask-update.vip")) == [
        "it speaks for MetaMask (“小狐狸钱包”) and links to metamask-update.vip, not a domain of MetaMask"]
