"""A message is judged with its links and what is around it: official links lower, flagged company raises."""

from __future__ import annotations

from scamnet.detect.content.message_context import (
    CAMPAIGN_SENDERS,
    CAMPAIGN_STRANGERS,
    Message,
    MessageContext,
    judge_in_context,
    official_only_reason,
    template_of,
)
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.callback_lure import callback_lure_hit
from scamnet.detect.content.text.cues import CueHit, find_cues
from scamnet.detect.content.text.scam_text import TextAssessment
from scamnet.detect.content.url.url_risk import assess_urls, protected_brands, url_model
from scamnet.service.content import inspect_text

AMAZON_SMS = "Amazon: your parcel is out for delivery today. Track it at https://www.amazon.co.uk/gp/your-account/order-history"


def _text(score: float, cues: list[CueHit] | None = None, words_read: bool = True, text: str = "") -> TextAssessment:
    """The text model's verdict, as given: the tests say what the links and signs do to it."""
    return TextAssessment(text, normalise_text(text), score, None, cues or [], language_known=words_read)


def _links(*urls: str):
    return assess_urls(list(urls), url_model(None), protected_brands(None))


def test_a_genuine_amazon_delivery_sms_is_not_flagged_for_its_official_link() -> None:
    judged = inspect_text(AMAZON_SMS)
    assert not judged["scam"] and judged["score"] < 0.5
    assert "its only link is the official site of Amazon (amazon.co.uk)" in judged["reasons"]


def test_the_same_words_with_a_lookalike_link_stay_flagged_and_name_the_link() -> None:
    judged = inspect_text(AMAZON_SMS.replace("https://www.amazon.co.uk/gp", "https://amazon-uk-redelivery.top/gp"))
    assert judged["scam"]
    assert any("amazon-uk-redelivery.top" in r and "url_risk" in r for r in judged["reasons"])


def test_an_official_link_beside_a_number_to_call_does_not_lower_the_risk() -> None:
    text = "Amazon: your parcel is held, call 08001234567 today or see https://www.amazon.co.uk/gp/x"
    weighed = judge_in_context(_text(0.9, find_cues(normalise_text(text))), _links("https://www.amazon.co.uk/gp/x"), [])
    assert weighed.score == 0.9 and weighed.reasons == ()


def test_one_sign_alone_does_not_flag_clean_words_but_two_do() -> None:
    one = judge_in_context(_text(0.02), [], ["its sender +8613800000001 sent 3 other messages flagged as scams"])
    two = judge_in_context(_text(0.02), [], ["sender sign", "campaign sign"])
    assert one.score < 0.5 <= two.score
    assert one.reasons == ("its sender +8613800000001 sent 3 other messages flagged as scams",)


def _campaign(context: MessageContext, senders: int, recipients: int, stranger: bool = True) -> None:
    for i in range(recipients):
        message = Message(f"m{i}", f"+86138000{i % senders:05d}", f"+86139000{i:05d}", f"Parcel held, fee {i} due now", stranger)
        context.add(message, template_of(message.text), [], flagged=False)


def test_one_template_from_many_numbers_to_many_strangers_is_a_campaign() -> None:
    context = MessageContext()
    _campaign(context, CAMPAIGN_SENDERS, CAMPAIGN_STRANGERS)
    probe = Message("p", "+8613800000000", "+8613999999999", "Parcel held, fee 7 due now")
    signs = context.signs(probe, template_of(probe.text), [])
    assert signs == [f"a campaign: the same words sent from {CAMPAIGN_SENDERS} numbers to {CAMPAIGN_STRANGERS} people "
                     "who had not been in touch with the sender before"]


def test_one_sender_to_many_strangers_or_many_senders_to_their_contacts_is_no_campaign() -> None:
    bank, friends = MessageContext(), MessageContext()
    _campaign(bank, 1, 5 * CAMPAIGN_STRANGERS)  # a bank's short code notifying its customers
    _campaign(friends, CAMPAIGN_SENDERS, 5 * CAMPAIGN_STRANGERS, stranger=False)  # a greeting among people who talk
    probe = Message("p", "+8613800000000", "+8613999999999", "Parcel held, fee 7 due now")
    assert bank.signs(probe, template_of(probe.text), []) == []
    assert friends.signs(probe, template_of(probe.text), []) == []


def test_a_link_or_sender_seen_in_flagged_messages_raises_another_message_and_is_named() -> None:
    context = MessageContext(flagged_senders={"+8613700000009": "fraud_number alert (score 0.93)"})
    flagged = Message("m1", "+8613800000001", "+8613900000001", "verify at http://icbc-safe.top/v")
    context.add(flagged, template_of(flagged.text), ["http://icbc-safe.top/v"], flagged=True)
    again = Message("m2", "+8613800000002", "+8613900000002", "hello http://icbc-safe.top/v")
    assert context.signs(again, template_of(again.text), ["http://icbc-safe.top/v"]) == [
        "its link http://icbc-safe.top/v is in 1 other message flagged as scams (of 1 with it)"]
    same_sender = Message("m3", "+8613800000001", "+8613900000003", "hello")
    assert context.signs(same_sender, template_of(same_sender.text), []) == []  # one flagged message is no pattern
    second = Message("m5", "+8613800000001", "+8613900000005", "verify again at http://icbc-safe.top/w")
    context.add(second, template_of(second.text), ["http://icbc-safe.top/w"], flagged=True)
    assert context.signs(same_sender, template_of(same_sender.text), []) == [
        "its sender +8613800000001 sent 2 other messages flagged as scams (of 2)"]
    listed = Message("m4", "+8613700000009", "+8613900000004", "hello")
    assert context.signs(listed, template_of(listed.text), []) == [
        "its sender +8613700000009 is flagged: fraud_number alert (score 0.93)"]
    # the flagged message itself is not its own evidence
    assert context.signs(flagged, template_of(flagged.text), ["http://icbc-safe.top/v"], counted_flagged=True) == []


def test_a_short_everyday_phrase_written_by_many_to_people_new_in_the_data_is_no_campaign() -> None:
    context = MessageContext()
    for i in range(5 * CAMPAIGN_STRANGERS):
        message = Message(f"m{i}", f"+86138000{i:05d}", f"+86139000{i:05d}", "妈，我周末回来")
        context.add(message, template_of(message.text), [], flagged=False)
    probe = Message("p", "+8613800000000", "+8613999999999", "妈，我周末回来")
    assert context.signs(probe, template_of(probe.text), []) == []


def test_a_bulk_sender_with_a_few_false_alarms_does_not_taint_its_other_messages() -> None:
    context = MessageContext()
    for i in range(10):
        advert = Message(f"m{i}", "10690555", f"+86139000{i:05d}", f"Job advert {i} https://www.zhipin.com/job/{i}")
        context.add(advert, template_of(advert.text), [], flagged=i < 3)  # 3 of 10 adverts were false alarms
    probe = Message("p", "10690555", "+8613999999999", "Job advert 11")
    assert context.signs(probe, template_of(probe.text), []) == []


def test_a_template_blanks_links_numbers_and_handles() -> None:
    assert template_of("加V信 abc123 领取 500 元 http://a.top/x") == template_of("加V信 zzq998 领取 88 元 https://b.xyz/y")
    assert template_of("领取500元") != template_of("退款500元")


def test_the_live_memory_stays_bounded() -> None:
    context = MessageContext(bound=10)
    _campaign(context, 50, 200)
    assert len(context.template_senders) <= 10
    assert all(len(members) <= max(CAMPAIGN_SENDERS, CAMPAIGN_STRANGERS) for members in context.template_strangers.values())


def test_words_in_a_language_the_model_never_learned_weigh_nothing_beside_a_flagged_link() -> None:
    links = _links("http://paypa1-login.xyz")
    assert links[0].is_risky
    read = judge_in_context(_text(0.49), links, ())
    unread = judge_in_context(_text(0.49, words_read=False), links, ())
    assert read.score >= 0.5 > unread.score  # a capped "no verdict" is not words that already look wrong
    assert unread.score == 0.49 and any("paypa1-login.xyz" in reason for reason in unread.reasons)
    two = judge_in_context(_text(0.49, words_read=False), links,
                           ["its sender +66800000001 sent 3 other messages flagged as scams"])
    assert two.score >= 0.5  # two signs flag it, as they flag clean words
    assert judge_in_context(_text(0.3, words_read=False), [], ()).score == 0.3


def test_a_fraud_numbers_clean_worded_lure_beside_its_flagged_scripts_is_flagged() -> None:
    """Two things known of one sender are two signs: another detector's alert on the number, and its other
    messages mostly flagged. A scam centre's number sends "reply 1 and a specialist will contact you" between its
    scripts; either sign alone leaves such words unflagged, as it leaves a flagged number's "ok, see you"."""
    centre, alone = "+8613700000009", "+8613700000010"
    context = MessageContext(flagged_senders={centre: "fraud_number alert (score 0.93)",
                                              alone: "fraud_number alert (score 0.91)"})
    for i in range(3):
        script = Message(f"s{i}", centre, f"+86139000{i:05d}", f"您的账户异常，请点击 http://icbc-safe.top/{i} 验证身份")
        context.add(script, template_of(script.text), [], flagged=True)
    lure = Message("l", centre, "+8613900000099", "跟您说个事，有位分析师每天免费分享思路，回复1由专人联系您")
    signs = context.signs(lure, template_of(lure.text), [])
    assert signs == [f"its sender {centre} is flagged: fraud_number alert (score 0.93)",
                     f"its sender {centre} sent 3 other messages flagged as scams (of 3)"]
    assert judge_in_context(_text(0.02), [], signs).score >= 0.5
    # the alert alone (no flagged messages of its own) stays one sign: clean words are not flagged
    chat = Message("c", alone, "+8613900000098", "好的，明天见")
    assert len(context.signs(chat, template_of(chat.text), [])) == 1
    assert judge_in_context(_text(0.02), [], context.signs(chat, template_of(chat.text), [])).score < 0.5


def test_an_official_link_does_not_vouch_for_a_callback_lure_that_asks_for_a_call() -> None:
    text = "Apple: a charge of $1,099 for an iPad Pro was billed. Not you? Call Apple Support at 1-888-602-7754. apple.com"
    lure = callback_lure_hit(normalise_text(text))
    assert lure is not None
    assert official_only_reason([lure], ["official site of Apple (apple.com)"]) is None
    assert official_only_reason([], ["official site of Apple (apple.com)"]) is not None  # the link alone does vouch
