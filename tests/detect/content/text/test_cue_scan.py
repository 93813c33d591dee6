import re

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.cue_scan import CueScanner, first_char, split_choices
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


def test_patterns_that_open_with_a_choice_are_split_in_the_order_re_tries_them() -> None:
    assert split_choices(r"(text|txt) \w+ to \d{4,}") == [r"text \w+ to \d{4,}", r"txt \w+ to \d{4,}"]
    assert split_choices(r"(bank )?card rental") == ["bank card rental", "card rental"]
    assert split_choices(r"\b0?8\d{8,10}\b") == [r"\b08\d{8,10}\b", r"\b8\d{8,10}\b"]
    assert split_choices(r"(usd|us\$) ?\d") == ["usd ?\\d", "us\\$ ?\\d"]
    assert split_choices(r"[a-z]+\.com") == [r"[a-z]+\.com"]


def test_split_and_relaxed_patterns_find_what_the_ordered_alternation_finds_where_choices_compete() -> None:
    named = [("pay", r"\bpay\b"), ("card", r"(bank )?card rental"), ("number", r"\b0?8\d{8,10}\b"),
             ("money", r"\$\d,?\d{3}"), ("words", r"(text|txt|reply)\s+\w+\s+to\s+\d{4,}"), ("card", "card")]
    scanner = CueScanner(named)
    pattern = re.compile("|".join(f"(?P<p{i}>{p})" for i, (_, p) in enumerate(named)))
    texts = ["repay the bank card rental, pay $2,000 now", "txt win to 80086 or reply stop to 8888",
             "call 0812345678 or 812345678901, a card", "prepaid card rental 08123"]
    for text in texts:
        assert scanner.scan(text) == [(named[int(m.lastgroup[1:])][0], m.group(0)) for m in pattern.finditer(text)]
