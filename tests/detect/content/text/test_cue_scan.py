import re

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.cue_scan import CueScanner, first_char
from scamnet.detect.content.text.cues import CUES
from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS

NAMED = [(c.name, p) for c in CUES for p in c.patterns]


def one_alternation(text: str) -> list[tuple[str, str]]:
    """What a single ordered alternation of every cue pattern finds: the behaviour to keep."""
    pattern = re.compile("|".join(f"(?P<p{i}>{p})" for i, (_, p) in enumerate(NAMED)))
    return [(NAMED[int(m.lastgroup[1:])][0], m.group(0)) for m in pattern.finditer(text)]


def test_the_scanner_finds_what_one_ordered_alternation_finds_on_scam_and_normal_messages() -> None:
    texts, _ = chinese_corpus(seed=3)
    english = ["URGENT! You have won a £1000 prize. Claim now: call 09061701461", "free entry, txt WIN to 80086 now",
               "your account is suspended, verify at www.bank-secure.xyz today", "it's your boss, buy gift cards asap"]
    scanner = CueScanner(NAMED)
    for text in [normalise_text(t) for t in [*texts[:600], *EXAMPLE_TEXTS, *english]]:
        assert scanner.scan(text) == one_alternation(text), text


def test_a_longer_phrase_consumes_the_shorter_one_inside_it_and_priority_decides_ties() -> None:
    scanner = CueScanner([("warrant", "冻结令"), ("frozen", "冻结"), ("word", r"\bnow\b"), ("letters", "now")])
    assert scanner.scan("冻结令") == [("warrant", "冻结令")]
    assert scanner.scan("冻结 now known") == [("frozen", "冻结"), ("word", "now"), ("letters", "now")]


def test_first_char_is_known_only_when_the_pattern_says_it_plainly() -> None:
    assert [first_char(p) for p in ["公安局", r"\bpolice\b", "expires?", r"\b0?8\d{8}", "(致电|拨打)", "a?b"]] == [
        "公", "p", "e", None, None, None]
