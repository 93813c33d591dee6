"""A recruitment offer the holder of a flagged account received becomes a reason on the mule alert."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa

from scamnet.core.enums import ScamType
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.cues import find_cues
from scamnet.detect.content.text.model import ALERT, NONE
from scamnet.detect.content.text.scam_text import TextAssessment
from scamnet.detect.money.recruited import recruitment_reasons, recruitment_type
from scamnet.features.data import Data
from scamnet.features.runner import run_feature

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
OFFER = "收卡！高价收购银行卡、电话卡，两卡齐全一天500元，闲置卡也能赚钱，加V信:abc123"
WARNING = "【工商银行】温馨提示：出租、出借、出售银行卡属违法行为，切勿参与“两卡”犯罪，谨防电信诈骗。"


def _judged(text: str, score: float, scam_type: str | None = None) -> TextAssessment:
    plain = normalise_text(text)
    return TextAssessment(text, plain, score, scam_type, find_cues(plain), band=ALERT if score >= 0.5 else NONE)


def test_a_flagged_card_renting_offer_is_recruitment_whatever_type_the_model_names() -> None:
    assert recruitment_type(_judged(OFFER, 0.9, ScamType.BOSS_IMPERSONATION.value)) is ScamType.ACCOUNT_RENTING
    assert recruitment_type(_judged("hello", 0.9, ScamType.JOB_ABROAD_RECRUITMENT.value)) is ScamType.JOB_ABROAD_RECRUITMENT


def test_a_bank_warning_that_quotes_the_recruiters_is_not_recruitment_when_the_model_does_not_flag_it() -> None:
    assert recruitment_type(_judged(WARNING, 0.01)) is None


def _store() -> Data:
    accounts = pa.Table.from_pylist([
        {"account_id": "A1", "bank": "ICBC", "holder_id": "P1", "holder_type": "person", "opened_at": T0, "region": "CN-GD",
         "msisdn": "+8613900000001"},
        {"account_id": "A2", "bank": "ICBC", "holder_id": "P2", "holder_type": "person", "opened_at": T0, "region": "CN-GD",
         "msisdn": "+8613900000002"},
    ])
    subscribers = pa.Table.from_pylist([{"msisdn": "+8613900000009", "imsi": "460000000000009", "holder_id": "P1",
                                         "activated_at": T0, "plan": "prepaid", "region": "CN-GD"}])
    messages = pa.Table.from_pylist([
        {"msg_id": "m1", "sent_at": T0, "sender": "+8617000000001", "recipient": "+8613900000009", "channel": "chat", "text": OFFER},
        {"msg_id": "m2", "sent_at": T0, "sender": "95588", "recipient": "+8613900000001", "channel": "sms", "text": WARNING},
        {"msg_id": "m3", "sent_at": T0, "sender": "+8617000000001", "recipient": "+8613900000002", "channel": "chat", "text": "到家了吗？"},
    ])
    return Data.from_tables(accounts=accounts, subscribers=subscribers, messages=messages)


def test_the_holder_is_reached_at_the_banks_number_and_at_every_number_registered_to_them() -> None:
    rows = run_feature(_store(), "money/holder_messages", tables={"wanted": pa.table({"account_id": ["A1"]})}).to_pylist()
    assert sorted(r["msg_id"] for r in rows) == ["m1", "m2"]


def test_the_offer_the_holder_received_is_named_with_sender_and_date_and_the_warning_is_not() -> None:
    reasons = recruitment_reasons(_store(), ["A1", "A2"])
    assert reasons == {"A1": ["holder received an account-renting offer from +8617000000001 on 2026-03-01"]}
