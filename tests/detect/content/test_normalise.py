from scamnet.detect.content.normalise import normalise_text


def test_spaces_and_symbols_between_chinese_characters_are_removed() -> None:
    assert normalise_text("安 全 账 户") == normalise_text("安*全*账*户") == "安全账户"


def test_full_width_letters_and_digits_become_plain_lower_case() -> None:
    assert normalise_text("ＶＩＰ８８８") == "vip888"


def test_cyrillic_lookalikes_read_as_latin() -> None:
    assert normalise_text("Vеrifу yоur ассount") == "verify your account"


def test_every_spelling_of_wechat_is_wechat() -> None:
    for spelling in ("V信", "v信", "薇信", "威信", "vx", "wx", "微x"):
        assert normalise_text(f"加{spelling}") == "加微信", spelling


def test_sentence_punctuation_and_bracketed_sender_tags_stay() -> None:
    assert normalise_text("【中国联通】您好，欢迎。") == "【中国联通】您好,欢迎。"
