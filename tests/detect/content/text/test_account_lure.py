"""Block threats by phone: something of the reader's blocked or cut off, and an ordinary number to call to set it right."""

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.account_lure import account_lure_hit
from scamnet.detect.content.text.scam_text import TextAssessment, assess_texts, text_model, with_lure

KYC_LURE = ("Dear customer your wallet KYC has expired. Contact customer care No-9123456780 immediately. Your account "
            "will be blocked within 24 hr")
BANK_BLOCK = "Your debit card ending 4417 is blocked as requested. To unblock it call our 24x7 helpline 1800 202 6161"


def _lure(text: str) -> str | None:
    found = account_lure_hit(normalise_text(text))
    return found.term if found else None


def test_a_block_threat_with_an_ordinary_number_is_a_lure_for_accounts_cards_sims_and_the_power() -> None:
    assert _lure(KYC_LURE) == "wallet kyc has expired"
    assert _lure("Dear customer, due to BVN system upgrade your ATM card has been de-activated. To re-activate call "
                 "customer care 08123456789")
    assert _lure("Dear consumer your electricity power will be disconnected tonight at 9.30 pm because your last bill "
                 "was not updated. Please contact our electricity officer +91 98765 43210")
    assert _lure("Your SIM card will be blocked in 24 hours as your documents are pending. Call 9876543210 now")


def test_a_service_line_an_app_or_no_number_is_no_lure() -> None:
    assert _lure(BANK_BLOCK) is None  # toll-free: the bank's own line
    assert _lure("Your card has been locked after three wrong PINs. Call us on 0345 300 0000") is None  # UK shared cost
    assert _lure("Your account is locked. Call +1 (800) 432-1000 or open the app") is None
    assert _lure("Your card is blocked. Please call the number on the back of your card") is None
    assert _lure("Your account will be suspended, verify at https://example-bank.top/login") is None  # a link: not this lure
    assert _lure("Call me on 9876543210 when you land, the office is closed") is None  # nothing of yours threatened
    assert _lure("Your card 4417 was blocked. Call 95588") is None  # a short line


def test_the_lure_is_an_alert_whatever_the_model_reads_and_a_genuine_notice_is_not() -> None:
    quiet = TextAssessment(KYC_LURE, normalise_text(KYC_LURE), 0.01, None, [], 0.01, "none", False)
    raised = with_lure(quiet, 0.8)
    assert raised.band == "alert" and raised.scam_type == "phishing" and raised.probability >= 0.8
    assert raised.cues[-1].cue.name == "block_callback"
    lure, genuine = assess_texts([KYC_LURE, BANK_BLOCK], text_model())
    assert lure.band == "alert" and any(hit.cue.name == "block_callback" for hit in lure.cues)
    assert genuine.band != "alert"
