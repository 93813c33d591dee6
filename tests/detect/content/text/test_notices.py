"""What real senders send every day is no alert: transactional notices are legitimate, adverts are marketing.

The texts are written for these tests (not from any data set, not copied from the training corpora) in the
forms real banks, wallets, carriers, lenders, agents and job boards use in several countries.
"""

from __future__ import annotations

import pytest

from scamnet.detect.content.text.scam_text import assess_texts, text_model

NOTICES = [
    # bank debit and credit alerts with an amount and a balance
    "Acct: ***4417 DR NGN 12,500.00 Desc: POS PURCHASE SPAR IKEJA Avail Bal: NGN 83,120.45 Date: 04-03-26",
    "Credit alert. Acc: 01XXXX7702 Amt: GHS 350.00 CR Desc: SALARY MARCH Bal: GHS 1,204.10",
    "Your account ending 9021 was debited KES 2,300.00 to KPLC PREPAID on 12/05. Available balance KES 15,870.30.",
    "【光大银行】您尾号5508的储蓄卡12月3日10:21消费支出人民币268.00元，活期余额4,731.92元。",
    # one-time codes that say not to share them
    "Your Opay verification code is 558201. Do not share this code with anyone. It expires in 10 minutes.",
    "【京东】验证码：730614，您正在登录，若非本人操作请忽略，请勿告诉他人。",
    # recharge receipts and mobile-money receipts
    "You have recharged NGN 500 airtime for 08123456789. New airtime balance: NGN 640.00. Thank you.",
    "Cash In of GHS 100.00 from AMA OWUSU successful. New balance GHS 212.55. Transaction ID 55120934811.",
    "【中国联通】您已成功充值50.00元，当前账户余额76.20元，感谢您的使用。",
    # deliveries and appointments
    "Your Konga order 3381290 has been delivered. Thank you for shopping with us.",
    "Reminder: you have a dental appointment on Friday 14 March at 09:15. Reply YES to confirm.",
]
ADVERTS = [
    "【某某小贷】您好，我司推出个人信用贷款，最高20万，年化7.2%起，正规持牌机构，需要请回电，退订回T",
    "您好，我是太平人寿的业务员小周，我们有一款少儿医疗险，一年三百多，保障很全，有兴趣可以聊聊。",
    "Get a loan of up to N300,000 in 5 minutes with no paperwork. Download the app from Google Play. T&Cs apply. Reply STOP to opt out",
]


@pytest.mark.parametrize("text", NOTICES)
def test_a_transactional_notice_is_not_an_alert(text: str) -> None:
    assessed = assess_texts([text], text_model())[0]
    assert not assessed.is_scam and assessed.band != "alert", (assessed.score, assessed.reasons())


@pytest.mark.parametrize("text", ADVERTS)
def test_a_loan_or_insurance_agents_promotion_is_marketing_not_a_scam(text: str) -> None:
    assessed = assess_texts([text], text_model())[0]
    assert (assessed.label, assessed.is_scam) == ("spam", False), (assessed.score, assessed.reasons())


def test_a_loan_that_asks_a_fee_first_is_still_a_scam() -> None:
    assessed = assess_texts(["您申请的贷款5万元已审批通过，因卡号填写错误资金被冻结，请先转账2000元解冻金到指定账户"], text_model())[0]
    assert assessed.is_scam and assessed.scam_type == "fake_loan"
