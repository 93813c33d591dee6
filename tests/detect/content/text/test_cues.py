from scamnet.core.enums import ScamType
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.cues import find_cues, likely_scam_type


def _names(text: str) -> set[str]:
    return {hit.cue.name for hit in find_cues(normalise_text(text))}


def test_police_safe_account_script_shows_authority_safe_account_and_secrecy() -> None:
    names = _names("我是上海市公安局民警，你涉嫌洗钱，立即把钱转到安全账户，不要告诉家人")
    assert {"authority", "safe_account", "secrecy", "urgency", "transfer_request"} <= names


def test_task_rebate_offer_shows_task_rebate_and_a_move_to_wechat() -> None:
    assert {"task_rebate", "other_app"} <= _names("兼职点赞返佣金，日结，加 V 信 abc123")


def test_english_refund_message_shows_refund_urgency_and_link() -> None:
    assert {"refund", "urgency", "link"} <= _names("You were overcharged. Claim your refund today at https://refund-hmrc.top/x")


def test_obfuscated_cue_phrase_is_found_like_the_plain_one() -> None:
    assert _names("请转入安-全-账-户") == _names("请转入安全账户")


def test_a_plain_greeting_has_no_cues() -> None:
    assert _names("晚上一起吃饭吧") == set()


def test_scam_type_follows_the_typed_cues() -> None:
    hits = find_cues(normalise_text("刷单返利，佣金日结，先垫付"))
    assert likely_scam_type(hits) is ScamType.TASK_REBATE


def test_premium_rate_prize_fraud_shows_the_premium_rate_charge_and_the_prize() -> None:
    names = _names("URGENT! You have won a £900 prize. Call 09061701461 from a landline. 150p/min")
    assert {"premium_rate", "prize", "urgency"} <= names
    assert likely_scam_type(find_cues(normalise_text("Txt WIN to 80086 to claim your prize. £1.50/msg"))) is ScamType.PRIZE_LOTTERY


def test_an_ordinary_mobile_number_to_call_is_no_premium_rate_charge() -> None:
    assert "premium_rate" not in _names("Call me on 07911123456 when you land")
    assert "premium_rate" not in _names("Your table is booked, call 020 7946 0321 to change it")


def test_asking_for_a_one_time_code_is_a_cue_warning_against_sharing_it_is_not() -> None:
    assert "code_request" in _names("Hi, I sent a code to your phone by mistake, please forward it to me")
    assert "code_request" in _names("把验证码发给我，我帮你办理退款")
    assert "code_request" not in _names("123456 is your verification code. Do not share this code with anyone.")
    assert "code_request" not in _names("【工商银行】验证码123456，请勿泄露给任何人，工作人员不会索取。")


def test_talk_about_ones_boss_or_a_lent_book_is_no_boss_cue_a_boss_asking_for_a_transfer_is() -> None:
    assert "boss" not in _names("经理说明天早上的例会取消了，老板也出差了")
    assert "boss" not in _names("领导刚才夸你了，项目做得不错")
    assert "boss" not in _names("你借我的那本小说很好看，下周还你")
    assert "boss" in _names("小刘，老板让你今天下午先打款给供应商")
    assert "boss" in _names("我是你们王总，在开会，有笔款急用")
    assert "boss" in _names("能借我五千块吗，下周就还")


def test_a_receipt_records_money_that_moved_a_request_sends_it_somewhere() -> None:
    assert "transfer_request" not in _names("【交通银行】您尾号8812账户12月1日转入人民币3,500.00元，余额9,120.40元。")
    assert "transfer_request" not in _names("【中国电信】充值成功，您为189****2231充值100元，当前余额132.50元。")
    assert "transfer_request" not in _names("【微信支付】您向超市付款23.80元，交易单号4200001234。")
    assert {"safe_account", "transfer_request"} <= _names("请把存款转入安全账户配合调查")
    assert "transfer_request" in _names("激活会员需先充值300元")


def test_a_one_time_code_is_no_account_problem_asking_for_it_is_a_code_request() -> None:
    assert "account_problem" not in _names("【美团】您的验证码是482913，5分钟内有效，请勿泄露。")
    assert "code_request" in _names("客服：请提供银行卡号和验证码，我们为您办理退款")
