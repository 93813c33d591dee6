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


# --- how text arrives: each form normalises like the plain message -------------------------------

PLAIN = "Your parcel is held. Pay the fee at https://royal-mail-fee.top/pay to release it"


def test_full_width_letters_digits_and_punctuation_read_as_plain_ascii() -> None:
    assert normalise_text("ＣＡＬＬ ０８００ １２３４５６，ｎｏｗ！") == normalise_text("CALL 0800 123456,now!")


def test_greek_and_cyrillic_lookalikes_inside_latin_words_read_as_latin() -> None:
    disguised = "Yοur pаrcеl is hеld. Pаy thе fее аt https://rοyal-mail-fee.top/pay to release it"
    assert normalise_text(disguised) == normalise_text(PLAIN)


def test_a_russian_message_keeps_its_own_letters_and_only_the_disguised_latin_word_changes() -> None:
    plain = normalise_text("Ваша карта заблокирована, Cаll nоw")
    assert plain == "ваша карта заблокирована, call now"


def test_emoji_carry_no_words_so_a_decorated_message_reads_like_the_bare_one() -> None:
    assert normalise_text("🎁 free 🎁") == normalise_text("free") == "free"
    assert normalise_text("🔥🔥Claim👉 your 💰prize💰 now ✅") == "claim your prize now"
    assert normalise_text("领取🎁红包") == "领取红包"
    assert normalise_text("Step 1️⃣ reply YES 🇬🇧") == "step 1 reply yes"


def test_defanged_links_are_links_again() -> None:
    for defanged in (
        "hxxps://royal-mail-fee[.]top/pay", "hxxps[:]//royal-mail-fee(.)top/pay", "https://royal-mail-fee[dot]top/pay",
        "https://royal-mail-fee{.}top/pay", "https://royal-mail-fee dot top/pay", "https://royal-mail-fee [.] top/pay",
    ):
        assert normalise_text(f"Pay at {defanged}") == "pay at https://royal-mail-fee.top/pay", defanged


def test_the_word_dot_in_a_sentence_is_not_a_link() -> None:
    assert normalise_text("I will dot the i and cross the t") == "i will dot the i and cross the t"


def test_zero_width_and_direction_characters_do_not_split_words() -> None:
    assert normalise_text("ver\u200bify y\u200cour acc\u200dount\u2060 n\ufeffow \u202eok") == "verify your account now ok"
    assert normalise_text("安\u200b全\u200d账\u00ad户") == "安全账户"


def test_part_markers_of_a_long_sms_are_dropped() -> None:
    for marked in (f"(1/2) {PLAIN}", f"1/3 {PLAIN}", f"[2/2] {PLAIN}", f"{PLAIN} (2/2)", f"Part 1 of 2: {PLAIN}", f"（１/２）{PLAIN}"):
        assert normalise_text(marked) == normalise_text(PLAIN), marked
    assert normalise_text("（1/2）您好，您的账户") == normalise_text("您好，您的账户")


def test_fractions_and_dates_inside_a_message_stay() -> None:
    assert normalise_text("Everything 1/2 price until 12/25") == "everything 1/2 price until 12/25"
    assert normalise_text("12/25 meeting moved") == "12/25 meeting moved"


def test_upper_case_and_lower_case_messages_normalise_alike() -> None:
    assert normalise_text(PLAIN.upper()) == normalise_text(PLAIN.lower()) == normalise_text(PLAIN)


def test_digits_are_kept_so_a_phone_number_and_amount_survive() -> None:
    assert normalise_text("Call 0800 123 456 to claim £1000") == "call 0800 123 456 to claim £1000"


def test_normalising_twice_changes_nothing() -> None:
    from scamnet.detect.content.text.corpus_zh import chinese_corpus
    from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS

    texts = [
        *chinese_corpus(seed=0)[0][::20], *EXAMPLE_TEXTS, PLAIN, "box326 cw25wx 150ppm", "加 V 信：abc", "vx 123",
        "(1/2) (2/2) text 1/2", "🎁 free 🎁", "hxxps://a[.]top", "Ваша карта, Cаll nоw", "сахар", "www(.)abc[.]com 否则",
    ]
    for text in texts:
        once = normalise_text(text)
        assert normalise_text(once) == once, text


def test_a_wechat_alias_inside_a_latin_word_is_not_wechat() -> None:
    assert "微信" not in normalise_text("TCs SAE Box326 CW25WX 150ppm")
    assert normalise_text("加vx:abc123") == "加微信:abc123"


def test_chinese_full_width_punctuation_normalises_exactly_as_unicode_nfkc() -> None:
    import unicodedata

    from scamnet.detect.content.normalise import _nfkc

    texts = ["您好，请回复！账户（尾号1234）：冻结？；～…", "Ａ\u0301，ｶ゙", "㎡①ﬁ，中", "plain ascii", "", "，\u0301"]
    assert [_nfkc(t) for t in texts] == [unicodedata.normalize("NFKC", t) for t in texts]
