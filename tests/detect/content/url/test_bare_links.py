"""Text messages write links without a scheme; the message's links are those too, and words run together are not."""

from __future__ import annotations

import pytest

from scamnet.detect.content.url.url_risk import links_in_text
from scamnet.service.content import inspect_text


@pytest.mark.parametrize(("text", "links"), [
    ("Royal Mail: your parcel is held, pay the 1.99 fee at royalmail-redelivery.info today",
     ["royalmail-redelivery.info"]),
    ("Your package is waiting, confirm at bit.ly/3xYz12.", ["bit.ly/3xYz12"]),
    ("TrueMove H: check your balance at tmvh.co/check or tmvh.co", ["tmvh.co/check", "tmvh.co"]),
    ("Login alert, confirm here: Shopee.co.th/acc/verify", ["Shopee.co.th/acc/verify"]),
    ("请登录gov-safe.cc否则冻结", ["gov-safe.cc"]),
    ("see https://www.amazon.co.uk/gp/x and amzn-refund.top/claim", ["https://www.amazon.co.uk/gp/x", "amzn-refund.top/claim"]),
])
def test_links_written_without_a_scheme_are_the_messages_links(text: str, links: list[str]) -> None:
    assert links_in_text(text) == links


@pytest.mark.parametrize("text", [
    "ok.how r u",                                       # a new word after a missing space, on a top-level domain
    "it's up.to you",                                   # two-letter names before a country code
    "You are owed a refund after an over payment.Click the secure link",  # a new sentence, not a domain
    "I sent photo.jpg and notes.txt",                    # file names
    "it costs 1.50, e.g. for a day",                    # numbers and abbreviations
    "mail me at john.smith@example.com",               # an e-mail address is no link
])
def test_words_run_together_and_addresses_are_not_links(text: str) -> None:
    assert links_in_text(text) == []


def test_a_host_inside_a_link_already_found_is_not_counted_again() -> None:
    assert links_in_text("go to https://x.com/?u=evil.com/a now") == ["https://x.com/?u=evil.com/a"]


def test_a_bare_lookalike_link_is_judged_with_the_message() -> None:
    judged = inspect_text("Royal Mail: your parcel is held, pay the 1.99 fee at royalmail-redelivery.info today")
    assert any("royalmail-redelivery.info" in reason and "url_risk" in reason for reason in judged["reasons"])
