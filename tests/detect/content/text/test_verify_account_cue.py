"""Account-verification phishing reads as one request: trouble with the account, then "verify it through this
link". A bank's own alert tells the reader to open the app or call the number on the card, through no link."""

from __future__ import annotations

import pytest

from scamnet.core.enums import ScamType
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.cues import find_cues, likely_scam_type


def _names(text: str) -> set[str]:
    return {hit.cue.name for hit in find_cues(normalise_text(text))}


@pytest.mark.parametrize("text", [
    "Unusual activity detected on your account. Please verify your identity at https://secure-bank.co/v",
    "Your account has been suspended. Click here to verify your account: http://x.co/a",
    "Suspicious sign-in to your account. Tap the link to confirm your identity www.acc-check.com",
    "Your bank account has been suspended due to unusual activity. Please visit bankofx-secure.com to reactivate.",
    "Verify your account at apple-id.me/x or it will be closed within 24 hours.",
    "您的账户异常，请点击链接验证身份 http://a.cn",
    "您的ETC已失效，请点击链接认证 etc-cn.top/a",
    "您的银行卡存在风险已被冻结，请登录网址www.icbc-ver.com完善身份信息解冻",
])
def test_an_account_problem_to_verify_through_a_link_is_verification_phishing(text: str) -> None:
    assert "verify_account" in _names(text)
    assert likely_scam_type(find_cues(normalise_text(text))) is ScamType.PHISHING


@pytest.mark.parametrize("text", [
    "We noticed unusual activity on your card. If this wasn't you, open the app or call the number on the back of your card.",
    "Your card ending 1234 was used for $50. Reply YES to confirm or NO if you don't recognise it.",
    "Your account password was changed. If this wasn't you, call us on 0800 123 456.",
    "【工商银行】您的账户存在异常交易，如非本人操作请拨打95588或登录手机银行冻结。",
    "【招商银行】您的账户于今日异地登录，如非本人操作，请致电95555。",
])
def test_a_security_notice_that_sends_no_one_to_a_link_to_verify_is_no_verification_phishing(text: str) -> None:
    assert "verify_account" not in _names(text)


def test_the_request_keeps_the_account_problem_and_the_link_their_own_cues() -> None:
    assert _names("Unusual activity on your account. Verify your identity at https://x.co/v") >= {
        "account_problem", "link", "verify_account"}
