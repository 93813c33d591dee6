"""A left-out source is also judged as the product judges a message: its words and its links together."""

from __future__ import annotations

from scamnet.detect.content.text.scam_text import TextAssessment
from scamnet.evaluate.text_links import labels_with_links, links_of

PARCEL = "Royal Mail: your parcel has a 1.99 unpaid fee, pay at royalmail-redelivery.info"
AMAZON = "Amazon: your parcel is out for delivery today. Track it at https://www.amazon.co.uk/gp/your-account"


def _judged(text: str, score: float, language_known: bool = True) -> TextAssessment:
    return TextAssessment(text, text.lower(), score, "phishing", [], score, "suspicious", False,
                          language_known=language_known)


def test_each_message_gets_its_links_bare_ones_included() -> None:
    links = links_of([PARCEL, AMAZON, "see you at 8"])
    assert [link.given for link in links[0]] == ["royalmail-redelivery.info"]
    assert links[1][0].official is not None and links[2] == []


def test_a_flagged_link_makes_suspicious_words_an_alert_and_an_official_link_lowers_them() -> None:
    found = [_judged(PARCEL, 0.3), _judged(AMAZON, 0.6)]
    assert labels_with_links(found, links_of([PARCEL, AMAZON])) == ["phishing", "ham"]


def test_words_the_model_cannot_read_are_not_raised_by_one_flagged_link() -> None:
    unnamed = "your parcel has a 1.99 unpaid fee, pay at royalmail-redelivery.info"  # the brand only inside the link
    assert labels_with_links([_judged(unnamed, 0.49, language_known=False)], links_of([unnamed])) == ["ham"]


def test_but_are_raised_when_they_speak_for_the_brand_the_link_imitates() -> None:
    """Royal Mail named in the words and a Royal Mail lookalike linked: two signs, whatever the language."""
    assert labels_with_links([_judged(PARCEL, 0.49, language_known=False)], links_of([PARCEL])) == ["phishing"]
