"""A link written in a message ends at the first character that cannot belong to a URL.

Chinese messages write the next words straight after a link (``http://gov-safe.cc否则冻结``), and
sentences end links with punctuation or a bracket. Both the indicator extractor and the link
detector's ``links_in_text`` must take the link alone.
"""

import pytest

from scamnet.detect.content.extract import extract_indicators, trim_link_end
from scamnet.detect.content.url.url_risk import links_in_text

ENDS = [
    ("您的账户异常，请登录http://gov-safe.cc否则冻结", "http://gov-safe.cc"),
    ("请登录 https://gov-safe.cc/verify否则冻结", "https://gov-safe.cc/verify"),
    ("点击 https://a-pay.top/x?id=1（限时）", "https://a-pay.top/x?id=1"),
    ("登录 https://a-pay.top/x，谢谢", "https://a-pay.top/x"),
    ("登录 https://a-pay.top/x。", "https://a-pay.top/x"),
    ("快点 https://a-pay.top/x！", "https://a-pay.top/x"),
    ("Visit https://x-pay.co/a.", "https://x-pay.co/a"),
    ("Is it https://x-pay.co/a?", "https://x-pay.co/a"),
    ("go to https://x-pay.co/a; then pay", "https://x-pay.co/a"),
    ("link: https://x-pay.co/a!", "https://x-pay.co/a"),
    ("see (https://x-pay.co/a) now", "https://x-pay.co/a"),
    ("see [https://x-pay.co/a] now", "https://x-pay.co/a"),
    ("the page https://en.wikipedia.org/wiki/Phishing_(fraud) explains", "https://en.wikipedia.org/wiki/Phishing_(fraud)"),
    ("“https://x-pay.co/a”", "https://x-pay.co/a"),
    ("'https://x-pay.co/a'", "https://x-pay.co/a"),
    ("https://x-pay.co/a?b=1&c=2#top, ok", "https://x-pay.co/a?b=1&c=2#top"),
]


@pytest.mark.parametrize(("text", "link"), ENDS)
def test_the_extracted_link_stops_where_the_url_ends(text: str, link: str) -> None:
    assert [found.value for found in extract_indicators(text) if found.kind == "url"] == [link]


@pytest.mark.parametrize(("text", "link"), ENDS)
def test_the_link_detector_reads_the_same_link(text: str, link: str) -> None:
    assert links_in_text(text) == [link]


def test_defanged_links_keep_their_brackets_and_still_stop_at_chinese() -> None:
    assert links_in_text("请登录hxxps://abc-pay[.]top/reg否则冻结") == ["hxxps://abc-pay[.]top/reg"]
    assert [f.entity for f in extract_indicators("请登录hxxps://abc-pay[.]top/reg否则冻结")] == ["url:https://abc-pay.top/reg"]


def test_only_unbalanced_closing_brackets_are_cut() -> None:
    assert trim_link_end("https://x.co/a_(b)") == "https://x.co/a_(b)"
    assert trim_link_end("https://x.co/a_(b))") == "https://x.co/a_(b)"
    assert trim_link_end("https://x.co/a).") == "https://x.co/a"
