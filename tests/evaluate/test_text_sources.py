"""The message sources in three labels: legitimate (ham), marketing (spam) and scams, from each set's own labels."""

from __future__ import annotations

from pathlib import Path

from scamnet.evaluate.datasets import MENDELEY, UCI
from scamnet.evaluate.text_sources import SOURCES, SUPER_SMS, THAI, super_sms, thai_sms, uci_three_way


def test_thai_ok_and_otp_are_legitimate_spam_is_marketing_and_scam_is_a_scam(tmp_path: Path) -> None:
    folder = tmp_path / THAI
    folder.mkdir(parents=True)
    (folder / "2022.txt").write_text(
        "OK|ขอบคุณที่ใช้บริการ\nOTP|รหัส OTP 123456\nspam|ดูดวงรายวัน *155*34#\nscam|คุณได้รับเงินคืน https://x.top\n"
        "OTP|รหัส OTP 123456\nspam|สองป้าย\nscam|สองป้าย\n", encoding="utf-8")
    texts, labels = thai_sms(tmp_path)
    assert dict(zip(texts, labels, strict=True)) == {
        "ขอบคุณที่ใช้บริการ": "ham", "รหัส OTP 123456": "ham", "ดูดวงรายวัน *155*34#": "spam",
        "คุณได้รับเงินคืน https://x.top": "other"}  # repeats once, a text with two labels not at all


def test_super_sms_spam_is_marketing_and_each_text_counts_once(tmp_path: Path) -> None:
    path = tmp_path / SUPER_SMS
    path.parent.mkdir(parents=True)
    path.write_text("SMSes,Labels\nflat off on shoes tc apply,1\nflat off on shoes tc apply,1\nsee you at six,0\n",
                    encoding="utf-8")
    assert super_sms(tmp_path) == (["flat off on shoes tc apply", "see you at six"], ["spam", "ham"])


def test_uci_spam_is_a_scam_or_marketing_as_mendeleys_annotators_label_the_same_text(tmp_path: Path) -> None:
    (tmp_path / UCI).parent.mkdir(parents=True)
    (tmp_path / UCI).write_text(
        "ham\tsee you\nspam\tYou have won a £900 prize call 09061701461\nspam\tFREE ringtone txt TONE to 8007\n"
        "spam\tFree entry to our weekly comp txt WIN to 80086\nspam\tHot chat now call 09099 150p/min\n", encoding="utf-8")
    (tmp_path / MENDELEY).parent.mkdir(parents=True)
    (tmp_path / MENDELEY).write_text(
        "LABEL,TEXT,URL,EMAIL,PHONE\nsmishing,\"you have won a £900 PRIZE, call 09061701461\",No,No,No\n"
        "Spam,FREE ringtone txt TONE to 8007,No,No,No\nspam,Free entry to our weekly comp txt WIN to 80086,No,No,No\n"
        "Smishing,Free entry to our weekly comp txt WIN to 80086,No,No,No\n", encoding="utf-8")
    texts, labels = uci_three_way(tmp_path)
    # matched on letters and digits alone; the comp that Mendeley labels both ways and the chat line it does not hold
    # have no three-way label and are left out
    assert dict(zip(texts, labels, strict=True)) == {
        "see you": "ham", "You have won a £900 prize call 09061701461": "other", "FREE ringtone txt TONE to 8007": "spam"}


def test_evaluation_only_sets_are_never_trainable() -> None:
    assert not SOURCES["super"].trainable and not SOURCES["zh"].trainable
    assert {name for name, source in SOURCES.items() if source.trainable} == {"uci", "mendeley", "thai", "sim", "zh_project", "en_project"}


def test_the_simulators_notices_job_alerts_and_shop_adverts_all_train_as_legitimate() -> None:
    from scamnet.evaluate.sim_corpus import simulator_corpus

    label = dict(zip(*simulator_corpus(seed=3, per_type=1), strict=True))
    adverts = [t for t in label if "回T退订" in t or "Reply T to stop" in t or "Reply TD to stop" in t]
    notices = [t for t in label if t.startswith(("【工商银行】您尾号", "[ICBC] Card ending", "[Indeed]", "【BOSS直聘】"))]
    assert adverts and {label[t] for t in adverts} == {"ham"}
    assert notices and {label[t] for t in notices} == {"ham"}
