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
