"""Live, a message is judged with its links and what the service saw before it, as in the batch content step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scamnet.core.enums import Action
from scamnet.core.settings import Settings
from scamnet.detect.content.message_context import CAMPAIGN_SENDERS, CAMPAIGN_STRANGERS
from scamnet.online.content import ContentJudge
from scamnet.online.decider import Decider
from scamnet.online.state import MemoryState
from scamnet.online.windows import parse_windows
from scamnet.service.decide import decision_policy

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
AMAZON_SMS = "Amazon: your parcel is out for delivery today. Track it at https://www.amazon.co.uk/gp/your-account/order-history"
GREETING = "Hi, it's me, are you free to talk later?"


@pytest.fixture(scope="module")
def judge() -> ContentJudge:
    return ContentJudge()


def _decider(judge: ContentJudge) -> Decider:
    return Decider(MemoryState(parse_windows("1h,24h")), [], decision_policy(Settings()), content=judge)


def _message(n: int, sender: str, recipient: str, text: str) -> tuple[str, dict]:
    return "message", {"msg_id": f"m{n}", "sent_at": T0 + timedelta(minutes=n), "sender": sender, "recipient": recipient,
                       "channel": "sms", "text": text, "sender_imsi": None, "sender_imei": None}


def test_the_genuine_amazon_sms_is_allowed_live(judge: ContentJudge) -> None:
    verdict = _decider(judge).decide(*_message(0, "Amazon", "+447700900001", AMAZON_SMS))
    assert verdict.action is Action.ALLOW


def test_a_campaign_copy_from_a_sender_already_flagged_is_flagged_live_with_both_reasons(judge) -> None:
    live = _decider(judge)
    senders = CAMPAIGN_SENDERS + 1
    scam = "【公安局】您涉嫌洗钱，请立即将资金转入安全账户 http://icbc-safe.top/verify"
    live.decide(*_message(0, "+8613800000000", "+8613600000000", scam))
    live.decide(*_message(0, "+8613800000000", "+8613600000001", scam))
    live.decide_many([_message(i, f"+86138000{1 + i % senders:05d}", f"+86139000{i:05d}", GREETING)
                      for i in range(1, CAMPAIGN_STRANGERS + 6)])
    live.decide("call", {"call_id": "k1", "started_at": T0, "duration_s": 60, "caller": "+8613700000002",
                         "callee": "+8613700000001", "answered": True, "caller_imsi": None, "caller_imei": None})
    probe = live.judge(*_message(100, "+8613800000000", "+8613999999999", GREETING))
    contact = live.judge(*_message(101, "+8613700000001", "+8613700000002", GREETING))
    evidence = [c for r in probe.reasons for c in r.evidence.get("cues", [])]
    assert probe.action is not Action.ALLOW
    assert any(c.startswith("a campaign: the same words sent from at least") for c in evidence)
    assert any(c.startswith("its sender +8613800000000 sent 2 other messages flagged as scams") for c in evidence)
    assert contact.action is Action.ALLOW
