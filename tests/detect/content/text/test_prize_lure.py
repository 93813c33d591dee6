"""The scam / marketing line for prizes: a prize you must call, reply, pay or click to claim is fraud; an advert is not."""

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.cues import find_cues
from scamnet.detect.content.text.prize_lure import lure_hit
from scamnet.detect.content.text.scam_text import TextAssessment, assess_texts, text_model, with_lure

PREMIUM_PRIZE = "Congratulations! You have been selected to receive a £900 cash award. To claim call 09061701461 now."
SHOP_ADVERT = "Spring sale at Bloom & Co: 20% off all plants this weekend only. Reply STOP to 80808 to opt out"
BANK_NOTICE = "HSBC: a payment of £42.10 to TESCO was made with your debit card ending 4471. Not you? Call 03457 404 404"


def _lure(text: str) -> str | None:
    found = lure_hit(normalise_text(text))
    return found.term if found else None


def test_a_windfall_with_a_way_to_claim_it_is_a_lure_in_english_and_chinese() -> None:
    assert _lure(PREMIUM_PRIZE)
    assert _lure("URGENT! Your mobile number has won a £2,000 bonus caller prize. Call 09066362231 from a landline")
    assert _lure("Your 4* holiday or £5000 cash await collection. Call 09050090044 to claim")
    assert _lure("恭喜您被抽中为节目幸运观众，获得二等奖奖金8万元，请登录 www.zj-cctv.top 领取，领奖需先缴纳手续费")
    assert _lure("您的话费积分可兑换现金398元，今日到期，点击 http://10086-jf.cc 立即兑换")


def test_a_premium_rate_hook_is_a_lure() -> None:
    assert _lure("Someone you know has asked our dating service to contact you! Call 09058095107 to find out who. 150p/min")
    assert _lure("U have a secret admirer who wants 2 make contact. Call 09065171142 to reveal who. 150ppm")


def test_adverts_competitions_and_personal_messages_are_not_lures() -> None:
    assert _lure(SHOP_ADVERT) is None
    assert _lure("Free entry into our weekly competition: a chance to win a £250 shopping spree, txt SHOP to 80878") is None
    assert _lure("【优衣库】秋冬新品上市，会员到店满599减80，详情见官方APP，退订回T") is None
    assert _lure("haha you won the bet, dinner is on me") is None  # no way to claim, no number
    # a reward on the reader's own purchase is marketing, not a windfall they never entered for
    assert _lure("Congrats! You have won Rs 50 cashback on your recharge. Claim it in the app: https://paytm.com/offers") is None
    assert _lure(BANK_NOTICE) is None


def test_shipped_model_labels_a_premium_prize_a_scam_with_the_prize_reason_and_an_advert_spam() -> None:
    prize, advert, notice = assess_texts([PREMIUM_PRIZE, SHOP_ADVERT, BANK_NOTICE], text_model())
    assert (prize.label, prize.is_scam) == ("prize_lottery", True)
    assert any("prize" in reason for reason in prize.reasons()[1:])
    assert (advert.label, advert.is_scam) == ("spam", False)
    assert (notice.label, notice.is_scam) == ("legitimate", False)


def _read_as(text: str, *, marketing: bool, band: str = "none") -> TextAssessment:
    plain = normalise_text(text)
    return TextAssessment(text, plain, 0.1, None, find_cues(plain), probability=0.05, band=band, marketing=marketing)


def test_a_prize_lure_the_model_reads_as_marketing_is_still_a_scam() -> None:
    # as a model would read it after training on a public set that files premium-rate prizes under "spam"
    lure = with_lure(_read_as("You have won a £1000 prize! To claim call 09061701461 now", marketing=True), 0.76)
    assert (lure.is_scam, lure.label, lure.score, lure.probability) == (True, "prize_lottery", 0.5, 0.76)
    assert any("not marketing" in reason for reason in lure.reasons())


def test_a_lure_the_model_reads_as_legitimate_and_an_advert_are_left_alone() -> None:
    personal = _read_as("you have won a tenner off me, call 07700900123 when you're free", marketing=False)
    advert = _read_as(SHOP_ADVERT, marketing=True)
    assert with_lure(personal, 0.76) == personal and with_lure(advert, 0.76) == advert
