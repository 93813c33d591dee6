"""Two cues read a whole request: money asked before something promised is released (advance_fee), and a
warning that names scams to warn against them (scam_warning). A bill, a receipt or a fee notice is neither."""

from __future__ import annotations

import pytest

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.cues import find_cues


def _names(text: str) -> set[str]:
    return {hit.cue.name for hit in find_cues(normalise_text(text))}


@pytest.mark.parametrize("text", [
    "Loan approved! Pay the processing fee to receive it: http://x.co/a",
    "Your loan of $5,000 is approved. A small processing fee of $50 is required to release your loan.",
    "Congratulations, you won £1000. Pay a one-time release fee to claim your prize.",
    "Your package could not be delivered. Pay a $1.99 redelivery fee to receive your package.",
    "We will release your refund after you pay the $20 verification fee.",
    "您的贷款已审批通过，需先缴纳500元保证金才能放款",
    "恭喜中奖，领奖前需先交个人所得税2000元",
    "入职前先交300元服装费和培训费",
    "您的账户已冻结，先交解冻费后即可提现",
])
def test_a_fee_asked_before_a_loan_prize_job_refund_or_parcel_is_released_fires_advance_fee(text: str) -> None:
    assert "advance_fee" in _names(text)


@pytest.mark.parametrize("text", [
    "本月电费86.50元，请于25日前缴纳。",
    "补办身份证需缴纳工本费20元。",
    "学生请先交学费再注册。",
    "Your electricity bill of $86.50 is due on 25 May. Pay online or by direct debit.",
    "Receipt: you paid a $2.50 delivery fee for order 1234.",
    "A processing fee of $5 applies to paper statements.",
])
def test_a_bill_a_receipt_or_a_fee_notice_that_asks_nothing_up_front_is_no_advance_fee(text: str) -> None:
    assert "advance_fee" not in _names(text)


def test_the_advance_fee_leaves_the_payment_request_and_the_lure_their_own_cues() -> None:
    assert {"loan", "transfer_request", "advance_fee"} <= _names("Loan approved! Pay the processing fee to receive it")
    assert {"loan", "transfer_request", "advance_fee"} <= _names("您的贷款已审批通过，需先缴纳保证金")


@pytest.mark.parametrize("text", [
    "高薪招聘出国务工、境外打字员、包机票多为诈骗陷阱，请勿轻信",
    "【国家反诈中心】提醒您：公检法机关不会通过电话办案，凡是要求转账的都是诈骗。",
    "【银行】风险提示：不要点击陌生链接，谨防冒充客服退款诈骗。",
    "Your bank will never ask for your PIN. Never share your code with anyone.",
    "123456 is your verification code. Do not share this code with anyone.",
    "Scam alert: beware of fake delivery texts. Forward suspicious messages to 7726.",
])
def test_a_warning_that_names_scams_to_warn_against_them_fires_scam_warning(text: str) -> None:
    assert "scam_warning" in _names(text)


def test_a_scam_that_names_the_anti_fraud_centre_is_no_warning_it_keeps_the_authority_cue() -> None:
    assert _names("我是反诈中心民警，你的账户涉嫌洗钱") >= {"authority"}
    assert "scam_warning" not in _names("我是反诈中心民警，你的账户涉嫌洗钱")
    assert "scam_warning" not in _names("如不及时处理，您的贷款将不会通过审核")


def test_a_warning_keeps_the_scam_words_it_names_as_their_cues() -> None:
    assert {"job_abroad", "easy_high_pay", "scam_warning"} <= _names("高薪招聘出国务工、境外打字员、包机票多为诈骗陷阱")


@pytest.mark.parametrize("text", [
    "工作人员不会向您索取验证码，请勿泄露。",
    "公检法机关不会要求您将资金转入安全账户。",
    "银行不会以任何理由要求您转账或提供密码。",
    "客服从不询问您的银行卡密码。",
])
def test_what_the_sender_will_never_ask_for_is_a_warning(text: str) -> None:
    assert "scam_warning" in _names(text)


@pytest.mark.parametrize("text", [
    "我们是正规平台，不会让您出一分钱，放心办理。",
    "放心，注销流程不会让您承担任何损失。",
    "本平台不会向您索取任何费用，审核通过即可放款。",
    "您放心，我们绝不会收取您任何手续费。",
])
def test_a_promise_that_the_reader_pays_or_risks_nothing_is_a_reassurance_not_a_warning(text: str) -> None:
    assert "scam_warning" not in _names(text)
