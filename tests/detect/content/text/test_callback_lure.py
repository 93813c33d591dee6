"""Callback phishing: a charge the reader never made, disowned for them, and an ordinary number to call to stop it."""

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.callback_lure import callback_lure_hit
from scamnet.detect.content.text.scam_text import TextAssessment, assess_texts, text_model, with_lure

RENEWAL_LURE = "Apple ID: a charge of $1,099 for an iPad Pro was billed to your account. Not you? Call 1-888-602-7754"
BANK_DEBIT_ZH = "【工商银行】您尾号8832卡12月3日14:22支出(消费)1,268.00元，余额5,301.22元。如非本人操作请致电95588。"


def _lure(text: str) -> str | None:
    found = callback_lure_hit(normalise_text(text))
    return found.term if found else None


def test_a_charge_disowned_for_the_reader_with_a_number_to_call_is_a_lure_in_english_and_chinese() -> None:
    assert _lure(RENEWAL_LURE) == "not you"
    assert _lure("PayPal: you authorised a payment of $499.99 to Coinbase Inc. If you did not make this payment, "
                 "call +1 (844) 319-8071 to cancel it.") == "if you did not make"
    assert _lure("Your McAfee subscription was renewed for $299. If you didn't authorise it, dial 0800 046 1234")
    assert _lure("【支付宝】您的账户于今日开通境外消费5899元，如非本人操作请立即拨打13812345678") == "如非本人"
    assert _lure("您在京东购买的会员将于今日自动续费298元，如需取消请致电 0755-86312458") == "如需取消"


def test_a_service_line_an_app_or_a_notice_without_the_disowning_is_no_lure() -> None:
    # a bank's own five-digit line is no ordinary number
    assert _lure(BANK_DEBIT_ZH) is None
    # managed in the app, no number to call
    assert _lure("Your Netflix membership renews on 3 May for £10.99. Not you? Manage it in the app") is None
    # a charge and a number, but nothing disowned for the reader
    assert _lure("Thank you for your order of £42.10. Questions: call 0345 600 1234") is None
    # disowned and a number, but no charge: a login alert
    assert _lure("New sign-in to your account from Chrome on Windows. Not you? Call 0345 600 1234") is None


def _read_as(text: str, band: str, probability: float) -> TextAssessment:
    return TextAssessment(text, normalise_text(text), 0.5 * probability / 0.8, None, [], probability, band, False)


def test_the_lure_lifts_only_what_the_model_already_doubts() -> None:
    doubted = with_lure(_read_as(RENEWAL_LURE, "suspicious", 0.4), threshold=0.8)
    assert (doubted.band, doubted.scam_type) == ("alert", "customer_service_refund")
    assert any("callback phishing" in reason for reason in doubted.reasons())
    # read as legitimate: the lure alone raises nothing (a genuine bank's "not you? call us" reads so)
    assert with_lure(_read_as(RENEWAL_LURE, "none", 0.05), threshold=0.8).band == "none"


def test_the_shipped_model_keeps_a_genuine_bank_notice_legitimate_and_alerts_on_a_doubted_lure() -> None:
    notice = "Barclays: a purchase of £899.00 at CURRYS was made on your card ending 2210. Not you? Call us on 0800 151 0900"
    genuine, lure = assess_texts([notice, RENEWAL_LURE], text_model())
    assert (genuine.label, genuine.is_scam) == ("legitimate", False)
    assert lure.is_scam and lure.scam_type == "customer_service_refund"
