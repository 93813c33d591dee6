from pathlib import Path

from scamnet.detect.content.text.model import load_text_model, save_text_model
from scamnet.detect.content.text.scam_text import ScamTextDetector, assess_texts, example_messages, text_model
from scamnet.detect.content.text.train import train_text_model
from scamnet.features.data import Data

POLICE = "您好，这里是上海公安局刑侦大队，您涉嫌洗钱，请立即将资金转入安全账户配合调查，不要告诉任何人。"
REBATE = "在家兼职，动动手指日赚500元，给视频点赞即可返佣，加微信：abc12345"


def test_shipped_model_flags_the_police_and_rebate_scams_and_not_a_bank_notice() -> None:
    judged = assess_texts([POLICE, REBATE, "【工商银行】您尾号1234的卡于3月1日支出58.00元，余额3021.55元。"], text_model())
    assert [j.is_scam for j in judged] == [True, True, False]
    assert judged[0].scam_type == "government_impersonation"
    assert judged[1].scam_type == "task_rebate"


def test_obfuscated_scam_scores_like_its_plain_form() -> None:
    plain, spaced, fullwidth = assess_texts(
        [REBATE, " ".join(REBATE), REBATE.replace("微信", "V信").replace("abc12345", "ａｂｃ１２３４５")], text_model()
    )
    assert abs(plain.score - spaced.score) < 0.05 and abs(plain.score - fullwidth.score) < 0.05


def test_detector_scores_messages_as_msg_entities_and_explains_with_cues() -> None:
    data = Data.from_tables(messages=example_messages(seed=0))
    detector = ScamTextDetector().fit(data)
    scores = {r["entity"]: r["score"] for r in detector.score(data).to_pylist()}
    assert scores["msg:m1"] >= 0.5 and scores["msg:m2"] >= 0.5 and scores["msg:m0"] < 0.5
    assert any("safe account" in reason for reason in detector.explain("msg:m1"))


def test_a_trained_model_survives_saving_and_loading(tmp_path: Path) -> None:
    texts = ["see you at five", "ok thanks", "dinner tonight?", "call me later"] * 5 + [
        "win a free prize now call 0906", "claim your cash prize today", "urgent you have won", "free entry win"] * 5
    labels = ["ham"] * 20 + ["prize_lottery"] * 20
    model = train_text_model(texts, labels)
    save_text_model(model, tmp_path / "m.json.gz")
    loaded = load_text_model(tmp_path / "m.json.gz")
    assert loaded.predict(["you have won a free prize", "see you at dinner"]) == ["prize_lottery", "ham"]
    assert abs(loaded.scores(["claim prize"])[0][0] - model.scores(["claim prize"])[0][0]) < 1e-3


def test_shipped_model_calls_a_shop_promotion_spam_not_a_scam_and_a_debit_alert_legitimate() -> None:
    promotion, debit = assess_texts([
        "【优衣库】秋冬新品上市，会员到店满599减80，详情见官方APP，退订回T",
        "【农业银行】您尾号6621账户11月3日14:02快捷支付扣款36.50元（盒马鲜生），余额2210.75元。",
    ], text_model())
    assert (promotion.label, promotion.is_scam) == ("spam", False)
    assert (debit.label, debit.is_scam) == ("legitimate", False)


def test_shipped_model_reads_a_scam_that_arrives_lower_cased_without_digits_or_punctuation() -> None:
    arrived = "urgent your mobile number has won a cash prize to claim call now from a landline"
    assert assess_texts([arrived], text_model())[0].is_scam


def test_the_shipped_model_has_a_suspicious_band_below_its_alert_threshold() -> None:
    model = text_model()
    assert 0.0 < model.suspicious < model.threshold < 1.0 and model.cue_names


def test_shipped_model_reads_foreign_service_notices_as_legitimate_and_premium_rate_prizes_as_scams() -> None:
    notices = [
        "Your Zalo login code is 482913. It is valid for 3 minutes, never give it to anyone.",
        "ABSA: R1,250.00 paid to WOOLWORTHS from cheque acc ..4471 on 12 Mar. Avail R8,340.22",
        "Refund of PHP 350.00 from Grab has been credited to your GCash. Ref 8812.",
        "Your Airtel recharge of Rs 299 is successful. Validity 28 days.",
    ]
    frauds = [
        "WINNER! Your number was drawn for a £2,000 award. Call 09066362231 now to claim, 150ppm",
        "Free entry to win a Sony TV: txt TV to 86688. £1.50/msg",
    ]
    judged = assess_texts(notices + frauds, text_model())
    assert [j.is_scam for j in judged] == [False] * len(notices) + [True] * len(frauds)
    assert {j.scam_type for j in judged[len(notices):]} == {"prize_lottery"}
