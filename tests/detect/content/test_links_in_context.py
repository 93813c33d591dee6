"""Links judged with the messages that carry them: a plain-named link pushed in scam messages is a scam link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa

from scamnet.detect.content.links_in_context import LinksInContext
from scamnet.detect.content.messages_in_context import MessagesInContext
from scamnet.detect.content.text.scam_text import ScamTextDetector
from scamnet.detect.content.url.url_risk import UrlRiskDetector
from scamnet.features.data import Data

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SCAM = "您好，这里是上海公安局刑侦大队，您涉嫌洗钱，请立即登录 {} 将资金转入安全账户配合调查，不要告诉任何人。"
PLAIN = "https://courtvip.vip/5ek9dh"
BANK = "https://www.icbc.com.cn/"
ONCE = "https://shoplink-mall.vip/q1"


def _data() -> Data:
    texts = [SCAM.format(PLAIN)] * 3 + [SCAM.format(BANK)] * 3 + [SCAM.format(ONCE)] + \
        [f"Minutes of the meeting are at {ONCE} see you Monday"] * 3
    messages = [{"msg_id": f"m{i}", "sent_at": T0 + timedelta(minutes=i), "sender": f"+8613800000{i:03d}",
                 "recipient": f"+8613900000{i:03d}", "channel": "sms", "text": t} for i, t in enumerate(texts)]
    return Data.from_tables(messages=pa.Table.from_pylist(messages))


def _scored() -> tuple[LinksInContext, dict[str, float], dict[str, float]]:
    data = _data()
    links = UrlRiskDetector().fit(data)
    alone = dict(zip(*(links.score(data)[c].to_pylist() for c in ("entity", "score")), strict=True))
    text = ScamTextDetector().fit(data)
    text.score(data)
    messages = MessagesInContext(text, links)
    messages.score(data)
    carried = LinksInContext(links, messages)
    return carried, alone, dict(zip(*(carried.score(data)[c].to_pylist() for c in ("entity", "score")), strict=True))


def test_a_plain_named_link_that_scam_messages_carry_becomes_an_alert_saying_so() -> None:
    carried, alone, raised = _scored()
    entity = f"url:{PLAIN}"
    assert alone[entity] < 0.5 <= raised[entity]
    assert "carried by 3 of 3 messages judged scams" in carried.explain(entity)


def test_a_banks_own_site_pasted_into_scam_messages_is_not_raised() -> None:
    carried, alone, raised = _scored()
    assert raised[f"url:{BANK}"] == alone[f"url:{BANK}"] < 0.5


def test_a_link_mostly_carried_by_ordinary_messages_is_not_raised() -> None:
    _, alone, raised = _scored()
    assert raised[f"url:{ONCE}"] == alone[f"url:{ONCE}"]
