"""A language the message model has not learned gets "unknown", not a confident verdict."""

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.language import VocabularyReader, letter_scripts, training_scripts, vocabulary_reader
from scamnet.detect.content.text.model import TrainParams
from scamnet.detect.content.text.scam_text import EXAMPLE_TEXTS, assess_texts, text_model
from scamnet.detect.content.text.train import train_text_model

RUSSIAN = "Здравствуйте! Ваша карта заблокирована. Срочно позвоните по номеру 88005553535 или перейдите http://sber-bank.top"
ARABIC = "عزيزي العميل، تم تعليق حسابك المصرفي. يرجى الاتصال بنا فورا على الرابط http://bank-verify.top"
HINDI = "प्रिय ग्राहक, आपका बैंक खाता बंद कर दिया गया है। कृपया तुरंत इस लिंक पर जाएं http://kyc-update.top"
THAI_SCAM = ["บัญชีของคุณถูกระงับ กรุณายืนยันตัวตนที่ลิงก์", "คุณได้รับรางวัลเงินสด กรุณากดลิงก์เพื่อรับเงิน"]
THAI_HAM = ["รหัส OTP ของคุณคือ 123456 ห้ามบอกผู้อื่น", "ยอดเงินคงเหลือในบัญชีของคุณคือ 500 บาท"]


def test_russian_arabic_and_hindi_messages_are_unknown_to_the_shipped_model() -> None:
    judged = assess_texts([RUSSIAN, ARABIC, HINDI], text_model())
    assert [j.language_known for j in judged] == [False, False, False]
    assert not any(j.is_scam for j in judged)
    assert all(j.scam_type is None and "language unknown" in j.reasons()[0] for j in judged)


def test_an_unknown_language_message_still_lists_the_cues_found() -> None:
    (russian,) = assess_texts([RUSSIAN], text_model())
    assert any("link to open" in reason for reason in russian.reasons()[1:])


def test_chinese_and_english_messages_are_read() -> None:
    judged = assess_texts([*EXAMPLE_TEXTS, "Your parcel is held, pay the fee at royal-mail.top", "🎁 free 🎁"], text_model())
    assert all(j.language_known for j in judged)
    assert [j.is_scam for j in judged[:6]] == [False, True, True, False, True, False]


def test_a_text_without_letters_is_left_to_the_model() -> None:
    (number,) = assess_texts(["95588 12345"], text_model())
    assert number.language_known


def test_scripts_are_told_from_the_letters() -> None:
    assert list(letter_scripts(normalise_text(RUSSIAN))) == ["Cyrillic", "Latin"]
    assert list(letter_scripts(ARABIC)) == ["Arabic", "Latin"]
    assert list(letter_scripts(HINDI))[0] == "Devanagari"
    assert list(letter_scripts(THAI_SCAM[0])) == ["Thai"]
    assert letter_scripts("您好，请登录工商银行 www.icbc.com") == {"Han": 9, "Latin": 10}


def test_which_languages_are_read_comes_from_the_model_vocabulary_so_a_model_trained_on_thai_reads_thai() -> None:
    english = ["call me when you are home", "see you at dinner tonight", "win a free prize now call", "claim your cash prize now"]
    texts = [*THAI_HAM * 4, *THAI_SCAM * 4, *english * 2]
    labels = ["ham"] * 8 + ["other"] * 8 + ["ham", "ham", "other", "other"] * 2
    thai_model = train_text_model(texts, labels, TrainParams(inner_folds=2, max_features=5_000))
    english_model = train_text_model(english * 4, ["ham", "ham", "other", "other"] * 4,
                                     TrainParams(inner_folds=2, max_features=5_000))
    thai = [normalise_text("กรุณายืนยันบัญชีของคุณ")]
    assert VocabularyReader(thai_model.vectoriser.vocabulary_).can_read(thai) == [True]
    assert VocabularyReader(english_model.vectoriser.vocabulary_).can_read(thai) == [False]
    assert vocabulary_reader(text_model().vectoriser).can_read(thai) == [True], "the shipped model trains on Thai SMS"


def test_a_few_stray_words_of_a_script_in_a_large_vocabulary_do_not_make_it_learned() -> None:
    import itertools
    import string

    latin = ["".join(pair) for pair in itertools.product(string.ascii_lowercase, repeat=2)]  # 676 bigrams
    stray_cyrillic = ["п", "р", "и", "в", "е", "т", "пр", "ри", "ив", "ве", "ет"]
    reader = VocabularyReader({gram: i for i, gram in enumerate([*string.ascii_lowercase, *latin, *stray_cyrillic])})
    assert reader.learned_scripts == {"Latin"}
    assert reader.can_read(["привет, как дела", "hello, how are you"]) == [False, True]


def test_a_language_mixed_with_a_learned_one_or_carrying_a_link_is_unknown_when_the_model_did_not_learn_it() -> None:
    english = ["call me when you are home", "see you at dinner tonight", "win a free prize now call", "claim your cash prize now"]
    model = train_text_model(english * 4, ["ham", "ham", "other", "other"] * 4, TrainParams(inner_folds=2, max_features=5_000))
    assert model.scripts == ["Latin"], "learned from the training texts"
    texts = [normalise_text(t) for t in [
        "รหัส OTP ของคุณคือ 123456 ห้ามบอกผู้อื่น valid for 5 minutes",  # a third Thai
        "กรุณายืนยันบัญชี https://secure-verify-account.example.com/login",  # Thai, a long English link
        "call me at dinner, ok? ครับ",  # a stray Thai word in English
    ]]
    assert model.reader().can_read(texts) == [False, False, True]


def test_a_few_stray_texts_in_a_script_do_not_teach_it_but_a_source_written_in_it_does() -> None:
    english = ["call me when you are home tonight"] * 60 + ["привет"]
    assert training_scripts(english, ["uci"] * 61) == ["Latin"]
    assert training_scripts([*english, *THAI_HAM], ["uci"] * 61 + ["thai"] * 2) == ["Latin", "Thai"]


def test_the_scripts_a_model_learned_travel_in_its_file(tmp_path) -> None:
    from scamnet.detect.content.text.model import load_text_model, save_text_model

    texts = [*THAI_HAM * 4, *THAI_SCAM * 4]
    model = train_text_model(texts, ["ham"] * 8 + ["other"] * 8, TrainParams(inner_folds=2, max_features=5_000))
    save_text_model(model, tmp_path / "m.json.gz")
    assert load_text_model(tmp_path / "m.json.gz").scripts == ["Latin", "Thai"]  # "OTP" is Latin
