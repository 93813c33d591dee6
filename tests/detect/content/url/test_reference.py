"""The link model's thresholds are set on a legitimate reference pooled over sources and kinds of link."""

import numpy as np

from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.reference import DOMAIN, PAGE, link_kind, other_kind, pooled_threshold


def test_a_page_and_a_bare_domain_are_two_kinds_and_each_has_the_other_as_twin() -> None:
    page, domain = url_parts("https://www.bbc.co.uk/news/world-123?ref=x"), url_parts("maybank2u.com.my")
    assert (link_kind(page), link_kind(domain)) == (PAGE, DOMAIN)
    assert other_kind(page).host == "www.bbc.co.uk" and link_kind(other_kind(page)) == DOMAIN
    assert other_kind(domain).host == "maybank2u.com.my" and link_kind(other_kind(domain)) == DOMAIN
    assert other_kind(domain).scheme == "https"


def test_a_kind_with_few_reference_links_is_not_sacrificed_to_a_plentiful_one() -> None:
    pages = list(np.linspace(0.0, 0.5, 1_000))  # a thousand legitimate pages the model scores low
    domains = [0.9] * 10  # ten bare domains it scores high: 1 % of the rows, half of the kinds
    groups = ["hannousse page"] * len(pages) + ["hannousse domain"] * len(domains)
    scores = np.array(pages + domains)
    unpooled = pooled_threshold(scores, ["all"] * len(scores), 0.01)
    pooled = pooled_threshold(scores, groups, 0.01)
    assert unpooled <= 0.9, "one pool: every bare domain may be flagged, they are under 1 % of the rows"
    assert pooled > 0.9, "pooled by kind: bare domains weigh half, none may be flagged"
    assert np.mean(np.array(pages) >= pooled) <= 0.02
