"""The project-written English messages: the genres real companies send, scams by what they ask for."""

from __future__ import annotations

import re

from scamnet.core.enums import ScamType
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.corpus_en import english_corpus
from scamnet.detect.content.text.corpus_en_more import MORE_PAIRS
from scamnet.detect.content.text.corpus_en_templates import PAIRS
from scamnet.detect.content.text.cues import find_cues

_HOST = re.compile(r"(?:https?://)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})(?:/|\b)", re.I)
_SHORTENERS = {"bit.ly", "tinyurl.com", "is.gd", "cutt.ly", "t.ly", "rb.gy"}
_OFFICIAL = {domain for pairs in (PAIRS, MORE_PAIRS) for rows in pairs.values() for row in rows for domain in row
             if "." in domain and " " not in domain}


def test_every_label_is_legitimate_marketing_or_a_known_scam_type() -> None:
    _, labels = english_corpus(seed=1, per_template=2)
    assert {y for y in labels if y not in {"ham", "spam"}} <= {t.value for t in ScamType}
    assert labels.count("ham") > labels.count("spam") > 0


def test_service_notices_of_many_countries_are_legitimate() -> None:
    texts, labels = english_corpus(seed=2, per_template=3)
    ham = " ".join(t for t, y in zip(texts, labels, strict=True) if y == "ham").lower()
    for genre in ("verification code", "refund", "top-up", "debited", "delivered", "appointment", "new device"):
        assert genre in ham
    assert sum(code in ham for code in ("ngn", "inr", "kes", "thb", "gbp", "php", "zar")) >= 5


def test_a_legitimate_notice_links_only_to_the_senders_own_site() -> None:
    texts, labels = english_corpus(seed=3, per_template=3)
    for text, label in zip(texts, labels, strict=True):
        if label == "ham":
            assert {host.lower() for host in _HOST.findall(text)} <= _OFFICIAL, text


def test_every_scam_asks_for_something_a_cue_names() -> None:
    texts, labels = english_corpus(seed=4, per_template=2)
    for text, label in zip(texts, labels, strict=True):
        if label not in {"ham", "spam"}:
            assert find_cues(normalise_text(text)), text


def test_the_same_seed_gives_the_same_messages() -> None:
    assert english_corpus(seed=5, per_template=1) == english_corpus(seed=5, per_template=1)


def test_a_phishing_link_imitates_the_brand_its_text_names_on_a_host_that_is_not_the_brands() -> None:
    texts, labels = english_corpus(seed=6, per_template=10)
    couriers = {name: "".join(c for c in name.lower() if c.isalnum()) for name, _ in PAIRS[("courier", "courier_url")]}
    checked = 0
    for text, label in zip(texts, labels, strict=True):
        courier = next((name for name in couriers if text.startswith(name + ":")), None)
        hosts = [host.lower() for host in _HOST.findall(text)]
        if label == "phishing" and courier and hosts and hosts[0] not in _SHORTENERS:
            assert hosts[0] not in _OFFICIAL and couriers[courier] in hosts[0], text
            checked += 1
    assert checked >= 5
