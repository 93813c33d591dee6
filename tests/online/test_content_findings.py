"""A message's findings come from what its text and links were judged once (the weighing, the worded reasons) and the
signs around it; they equal the findings worked out afresh for that message, with no sign, one or two. A message
added to the live context after its findings were asked counts as one added afresh."""

from __future__ import annotations

import pytest

from scamnet.core.settings import Settings
from scamnet.detect.content.message_context import CAMPAIGN_STRANGERS, context_reasons, judge_in_context
from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS
from scamnet.detect.content.url.url_risk import EXAMPLE_LINKS
from scamnet.online.content import THRESHOLD, ContentJudge, Finding, Judged, LiveMessages, findings_of
from scamnet.online.decider import Decider
from scamnet.online.state import MemoryState, parse_windows
from scamnet.rules.load import starter_rules
from scamnet.service.decide import decision_policy

TEXTS = [
    *EXAMPLE_TEXTS,
    *EXAMPLE_LINKS,
    "Your parcel is held: pay 1.99 at https://royalmail-redelivery.info/x",
    "Lunch at 1?",
    "官方网址 https://www.icbc.com.cn 登录查询",
    "login now at http://103.75.1.198/gov/subsidy",
]
SIGNS = [
    (),
    ("its sender +8613800000001 sent 3 other messages flagged as scams (of 3)",),
    ("its link https://a.top/x is in 2 other messages flagged as scams (of 2 with it)", "a campaign: ..."),
]


def afresh(judged: Judged, signs: tuple[str, ...]) -> list[Finding]:
    """The findings as they were made before anything was kept: weighed, worded and sorted for this message."""
    weighed = judge_in_context(judged.text, list(judged.links), signs)
    found = (
        [Finding("scam_text", "text", weighed.score, tuple(context_reasons(judged.text, weighed)))]
        if weighed.score >= THRESHOLD
        else []
    )
    found += [
        Finding("url_risk", link.given, link.score, tuple(link.reasons())) for link in judged.links if link.is_risky
    ]
    return sorted(found, key=lambda x: -x.score)


@pytest.mark.parametrize("signs", SIGNS, ids=["no sign", "one sign", "two signs"])
def test_a_messages_findings_from_its_judged_text_equal_those_made_afresh(signs: tuple[str, ...]) -> None:
    judged = ContentJudge().judged_many(TEXTS)
    assert sum(bool(j.links) for j in judged) > 5 and sum(any(link.is_risky for link in j.links) for j in judged) > 2
    for _ in range(2):  # the second time from what the first kept
        assert [findings_of(j, signs) for j in judged] == [afresh(j, signs) for j in judged]


def test_signs_raise_a_clean_text_to_a_finding_only_together() -> None:
    judged = ContentJudge().judged_many(["Lunch at 1?"])[0]
    assert findings_of(judged) == [] and findings_of(judged, SIGNS[1]) == []
    two = findings_of(judged, SIGNS[2])
    assert [f.detector for f in two] == ["scam_text"] and two[0].evidence[1:3] == SIGNS[2]


def _row(n: int, sender: str, recipient: str, text: str) -> dict[str, str]:
    return {"msg_id": f"m{n}", "sender": sender, "recipient": recipient, "text": text}


def test_a_message_added_after_its_findings_counts_as_one_added_afresh() -> None:
    words = "恭喜您获得年度幸运大奖，请添加客服微信领取奖金，逾期作废"
    judged = ContentJudge().judged_many([words])[0]
    asked, afresh_ = LiveMessages(), LiveMessages()
    for n in range(30):
        row = _row(n, f"+86138{n % 6:08d}", f"+86139{n:08d}", words)
        if n == 7:  # the two talked between the question and the message's arrival: no stranger to each other
            asked.findings(row, judged)
            asked.add_call(row["sender"], row["recipient"])
            afresh_.add_call(row["sender"], row["recipient"])
        else:
            asked.findings(row, judged)
        asked.add_message(row, judged)
        afresh_.add_message(dict(row), judged)
    assert asked.context == afresh_.context
    assert len(asked.context.template_strangers[judged.template]) == CAMPAIGN_STRANGERS
    assert asked.findings(_row(99, "+8613800000001", "+8613700000000", words), judged) == afresh_.findings(
        _row(99, "+8613800000001", "+8613700000000", words), judged
    )


def test_a_text_asked_again_is_the_verdict_kept_and_kept_the_latest() -> None:
    d = Decider(MemoryState(parse_windows("1h")), starter_rules(), decision_policy(Settings()), content=ContentJudge())
    first = [d.judged_text(text) for text in TEXTS[:3]]
    again = d.judged_text(TEXTS[0])
    assert again is first[0] and list(d._recent)[-1] == TEXTS[0]
    assert again == ContentJudge().judged_many([TEXTS[0]])[0]
    assert d.judged_text("") is None
