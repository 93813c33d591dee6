"""The shape of a link, part by part: lengths, words, digits, vowels, entropy and punctuation.

Raw counts for the link model's gradient-boosted trees (which need no scaling), read from the link
text alone. Each of host, registrable name, subdomain, path and query gets the same ``PART_STATS``;
then the punctuation of the whole link and a few flags (``FLAGS``). ``SHAPE_FEATURES`` names them
all, in order.

>>> from scamnet.detect.content.url.parts import url_parts
>>> shape = dict(zip(SHAPE_FEATURES, shape_features(url_parts("http://secure-login.xyz/a/b.php?x=1"))))
>>> shape["host_words"], shape["path_depth"], shape["query_params"], shape["extension_length"]
(3, 2, 1, 3)
"""

from __future__ import annotations

import math
import re
from collections import Counter

from scamnet.detect.content.url.parts import UrlParts

PARTS = ("host", "name", "subdomain", "path", "query")
PART_STATS = ("length", "words", "longest_word", "mean_word", "digit_share", "vowel_share", "entropy", "upper", "symbols")
PUNCTUATION = ".-_/?=&@~%+:;,!*#$"
FLAGS = (
    "suffix_length", "suffix_labels", "https", "port", "www", "path_ends_slash", "extension_length", "path_depth",
    "query_params",
)
SHAPE_FEATURES = (
    *(f"{part}_{stat}" for part in PARTS for stat in PART_STATS),
    *(f"count_{ord(ch):02x}" for ch in PUNCTUATION),
    *FLAGS,
)
_SPLIT = re.compile(r"[^a-z0-9]+")
_VOWELS = frozenset("aeiou")


def shape_features(parts: UrlParts) -> list[float]:
    """One value per name of ``SHAPE_FEATURES``."""
    texts = (parts.host, parts.domain, parts.subdomain, parts.path, parts.query)
    stats = [value for text in texts for value in part_stats(text)]
    return [*stats, *(float(parts.url.count(ch)) for ch in PUNCTUATION), *_flags(parts)]


def part_stats(text: str) -> list[float]:
    """One value per name of ``PART_STATS``."""
    lowered = text.lower()
    words = [w for w in _SPLIT.split(lowered) if w]
    letters = [ch for ch in lowered if ch.isalpha()]
    return [
        len(text), len(words), max((len(w) for w in words), default=0), sum(map(len, words)) / max(len(words), 1),
        sum(ch.isdigit() for ch in text) / max(len(text), 1), sum(ch in _VOWELS for ch in letters) / max(len(letters), 1),
        entropy(lowered), sum(ch.isupper() for ch in text), sum(not ch.isalnum() for ch in text),
    ]


def entropy(text: str) -> float:
    """Shannon entropy of the characters of ``text``, in bits."""
    counts = Counter(text).values()  # in order of first appearance: the same sum on every run (a set's order is not)
    return -sum(c / len(text) * math.log2(c / len(text)) for c in counts)


def _flags(parts: UrlParts) -> list[float]:
    last = parts.path.rsplit("/", 1)[-1]
    return [
        len(parts.suffix), parts.suffix.count(".") + bool(parts.suffix), parts.scheme == "https", parts.port is not None,
        parts.host.startswith("www."), parts.path.endswith("/"), len(last.rsplit(".", 1)[-1]) if "." in last else 0,
        len([seg for seg in parts.path.split("/") if seg]), len([p for p in parts.query.split("&") if p]),
    ]
