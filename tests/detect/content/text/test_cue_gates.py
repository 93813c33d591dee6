"""A whole-request cue's gate (a cheap search run first) lets through every text its own patterns match."""

from __future__ import annotations

import re

import pytest

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.cues import _GATES, cue, find_cues

#: One text per pattern of each gated cue, in the order of the cue's patterns.
EXAMPLES = {
    "advance_fee": [
        "缴纳保证金后才能放款", "放款前需先交手续费", "领取奖品需先交税费",
        "pay a processing fee to receive your loan", "a clearance fee is required before we release the parcel",
        "there is a small fee before we can release it", "you will receive the money after you pay the fee",
    ],
    "scam_warning": [
        "谨防上当", "这类招聘多为诈骗", "小心骗局陷阱", "请防范电诈", "警惕此类陷阱", "【反诈提醒】", "公安机关不会通过电话办案",
        "防骗知识", "请核实以防受骗", "我行从不向您索取验证码", "客服绝不会要求您提供密码", "we will never ask for your pin",
        "never share your code", "do not share your otp", "beware of scams", "scam alert", "report suspicious messages",
        "protect yourself from fraud", "this is a scam",
    ],
}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_every_pattern_of_a_gated_cue_matches_its_example_and_the_gate_lets_it_through(name: str) -> None:
    patterns = cue(name).patterns
    assert len(patterns) == len(EXAMPLES[name])  # a new pattern needs its example here
    for pattern, example in zip(patterns, EXAMPLES[name], strict=True):
        text = normalise_text(example)
        assert re.search(pattern, text), (pattern, example)
        assert _GATES[name].search(text), example
        assert name in [hit.cue.name for hit in find_cues(text)]


def test_a_text_without_any_gate_word_is_spared_the_long_searches_and_finds_the_same_cues() -> None:
    text = normalise_text("your parcel 12345 is on its way, track it at http://example.com")
    assert not any(gate.search(text) for gate in _GATES.values())
    assert {hit.cue.name for hit in find_cues(text)} == {"link"}
