"""A message's findings come from what its text and links were judged once (the weighing, the worded reasons) and the
signs around it; they equal the findings worked out afresh for that message, with no sign, one or two."""

from __future__ import annotations

import pytest

from scamnet.detect.content.message_context import context_reasons, judge_in_context
from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS
from scamnet.detect.content.url.url_risk import EXAMPLE_LINKS
from scamnet.online.content import THRESHOLD, ContentJudge, Finding, Judged, findings_of

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
    weighed = judge_in_context(
        judged.text.score, judged.text.cues, list(judged.links), signs, judged.text.language_known
    )
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
