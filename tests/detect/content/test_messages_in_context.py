"""The store's messages judged together (the content step): a small built store, facts about its messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa

from scamnet.detect.content.message_context import CAMPAIGN_SENDERS, CAMPAIGN_STRANGERS
from scamnet.detect.content.messages_in_context import MessagesInContext
from scamnet.detect.content.text.scam_text import ScamTextDetector
from scamnet.detect.content.url.url_risk import UrlRiskDetector
from scamnet.features.data import Data
from scamnet.features.runner import run_feature

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
AMAZON_SMS = "Amazon: your parcel is out for delivery today. Track it at https://www.amazon.co.uk/gp/your-account/order-history"
GREETING = "Hi, it's me, are you free to talk later?"


def _message(msg_id: str, at: datetime, sender: str, recipient: str, text: str) -> dict:
    return {"msg_id": msg_id, "sent_at": at, "sender": sender, "recipient": recipient, "channel": "sms", "text": text}


def _store() -> Data:
    messages = [_message("amazon", T0, "Amazon", "+447700900001", AMAZON_SMS)]
    # the same words from many numbers to many people they never talked to: a campaign
    senders = CAMPAIGN_SENDERS + 1
    messages += [_message(f"c{i}", T0 + timedelta(minutes=i), f"+86138000{i % senders:05d}", f"+86139000{i:05d}", GREETING)
                 for i in range(CAMPAIGN_STRANGERS + 5)]
    # the same words between two people who call each other
    messages.append(_message("friend", T0 + timedelta(hours=2), "+8613700000001", "+8613700000002", GREETING))
    calls = [{"call_id": "k1", "started_at": T0, "duration_s": 60, "caller": "+8613700000002",
              "callee": "+8613700000001", "answered": True}]
    return Data.from_tables(messages=pa.Table.from_pylist(messages), calls=pa.Table.from_pylist(calls))


def _judged(data: Data, flagged_senders: dict[str, str] | None = None) -> MessagesInContext:
    links = UrlRiskDetector().fit(data)
    links.score(data)
    text = ScamTextDetector().fit(data)
    text.score(data)
    judged = MessagesInContext(text, links, flagged_senders)
    judged.score(data)
    return judged


def test_a_message_is_from_a_stranger_unless_the_two_called_or_wrote_before() -> None:
    rows = {r["msg_id"]: r["stranger"] for r in run_feature(_store(), "content/message_context").to_pylist()}
    assert rows["friend"] is False
    assert rows["c0"] is True and rows["amazon"] is True


def test_a_reply_and_the_next_message_after_it_are_no_stranger_s() -> None:
    first = _message("first", T0, "+8613800000001", "+8613900000001", GREETING)
    reply = _message("reply", T0 + timedelta(minutes=5), "+8613900000001", "+8613800000001", "Who is this?")
    again = _message("again", T0 + timedelta(minutes=9), "+8613800000001", "+8613900000001", GREETING)
    data = Data.from_tables(messages=pa.Table.from_pylist([first, reply, again]))
    rows = {r["msg_id"]: r["stranger"] for r in run_feature(data, "content/message_context").to_pylist()}
    assert rows == {"first": True, "reply": False, "again": False}


def test_the_amazon_sms_in_a_store_is_below_the_alert_threshold_with_its_official_link_as_reason() -> None:
    judged = _judged(_store())
    scores = dict(zip(*judged.score(_store()).select(["entity", "score"]).to_pydict().values(), strict=True))
    assert scores["msg:amazon"] < 0.5
    assert "its only link is the official site of Amazon (amazon.co.uk)" in judged.explain("msg:amazon")


def test_the_campaign_copy_scores_above_the_same_words_between_friends_and_says_why() -> None:
    data = _store()
    judged = _judged(data)
    scores = dict(zip(*judged.score(data).select(["entity", "score"]).to_pydict().values(), strict=True))
    assert scores["msg:c0"] > scores["msg:friend"]
    assert any(r.startswith("a campaign: the same words sent from 6 numbers to 25 people") for r in judged.explain("msg:c0"))
    assert not any("campaign" in r for r in judged.explain("msg:friend"))


def test_a_sender_with_an_alert_of_another_detector_is_named_on_its_messages() -> None:
    judged = _judged(_store(), {"+8613700000001": "fraud_number alert (score 0.95)"})
    assert "its sender +8613700000001 is flagged: fraud_number alert (score 0.95)" in judged.explain("msg:friend")
