"""A long SMS arrives as parts, each with a marker; the parts of one sender's message are read as one."""

from scamnet.detect.content.normalise import join_sms_parts, normalise_text, sms_part


def test_markers_say_which_part_of_how_many() -> None:
    assert sms_part("(1/2) Your parcel") == (1, 2)
    assert sms_part("is held [2/2]") == (2, 2)
    assert sms_part("（２/３）您好") == (2, 3)
    assert sms_part("Everything 1/2 price today") is None
    assert sms_part("(3/2) impossible") is None


def test_the_parts_of_one_sender_join_in_order_while_other_senders_interleave() -> None:
    messages = [
        ("95588", "(1/2) 【工商银行】您的账户存在异常，请立即登录"),
        ("+447911123456", "Are you home yet?"),
        ("95588", "(2/2) http://icbc-safe.cc 验证，否则冻结"),
    ]
    joined = join_sms_parts(messages)
    assert [j.parts for j in joined] == [(0, 2), (1,)]
    assert joined[0].text == "【工商银行】您的账户存在异常，请立即登录 http://icbc-safe.cc 验证，否则冻结"
    assert normalise_text(joined[0].text) == normalise_text("【工商银行】您的账户存在异常，请立即登录http://icbc-safe.cc验证，否则冻结")


def test_parts_from_different_senders_or_out_of_order_stay_apart() -> None:
    messages = [("A", "(1/2) first half"), ("B", "(2/2) someone else's end"), ("A", "(1/2) a new start")]
    assert [j.parts for j in join_sms_parts(messages)] == [(0,), (1,), (2,)]


def test_a_series_cut_short_is_kept_as_far_as_it_got() -> None:
    messages = [("A", "(1/3) Your parcel"), ("A", "(2/3) is held at the depot")]
    assert [j.text for j in join_sms_parts(messages)] == ["Your parcel is held at the depot"]


def test_the_messages_table_holds_what_joining_needs_sender_and_arrival_order() -> None:
    # Joining belongs after the store, on the messages table read in sent_at order: each part stays
    # its own event (msg_id) there, and the joined text is what the text model should judge.
    from datetime import UTC, datetime, timedelta

    from scamnet.schema.tables import MESSAGES

    assert {"sender", "sent_at", "text"} <= set(MESSAGES.column_names)
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    rows = [
        {"sent_at": start + timedelta(seconds=2), "sender": "95588", "text": "[2/2] 验证，否则冻结"},
        {"sent_at": start, "sender": "95588", "text": "[1/2] 【工商银行】您的账户存在异常，请登录 http://icbc-safe.cc"},
    ]
    ordered = sorted(rows, key=lambda r: r["sent_at"])
    (joined,) = join_sms_parts([(r["sender"], r["text"]) for r in ordered])
    assert joined.text == "【工商银行】您的账户存在异常，请登录 http://icbc-safe.cc 验证，否则冻结"
