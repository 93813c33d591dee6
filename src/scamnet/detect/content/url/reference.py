"""The legitimate reference a link model's thresholds are set on: pooled over sources and kinds of link.

A threshold set for 0.1 % of one kind of legitimate link does not hold on another: a model that
learned whole URLs (pages of news sites, shops) flags bare domains more often, and one that learned
bare domains flags pages with long paths. So the reference is every legitimate training link *and*
the same site as the other kind of link — a page's bare host, a bare domain's home page — each
scored out of fold by a model that did not see its site. Its rows are grouped by (source, kind),
and every group weighs the same in total: the share flagged is the mean of the groups' shares, so
the biggest source, or the kind it happens to hold, cannot set the threshold for the others.

>>> [link_kind(url_parts(u)) for u in ["example.com", "https://example.com/", "https://example.com/a?b=1"]]
['domain', 'domain', 'page']
>>> other_kind(url_parts("https://news.example.com/2024/story")).url, other_kind(url_parts("example.com")).url
('http://news.example.com', 'https://example.com/')
"""

from __future__ import annotations

import numpy as np

from scamnet.detect.content.text.reference import source_weights, weighted_threshold
from scamnet.detect.content.url.parts import UrlParts, url_parts
from scamnet.schema.entities import EntityError

PAGE, DOMAIN = "page", "domain"


def link_kind(parts: UrlParts) -> str:
    """``page`` for a link with a path or query, ``domain`` for a bare domain or a site's home page."""
    return PAGE if parts.path.strip("/") or parts.query else DOMAIN


def other_kind(parts: UrlParts) -> UrlParts | None:
    """The same host as the other kind of link: a page's bare host, a bare domain's home page."""
    try:
        return url_parts(parts.host) if link_kind(parts) == PAGE else url_parts(f"https://{parts.host}/")
    except EntityError:
        return None


def pooled_threshold(scores: np.ndarray, groups: list[str], share: float) -> float:
    """The lowest output flagging at most ``share`` of the reference, each group of rows weighing the same."""
    return weighted_threshold(scores, source_weights(groups), share)
