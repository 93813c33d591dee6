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
