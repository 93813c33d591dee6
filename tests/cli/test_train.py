"""``scamnet train text`` trains on a user's labelled file; the ``text_model`` setting puts it to work."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from scamnet.core.clock import FixedClock
from scamnet.core.settings import Settings
from scamnet.detect.content.text.scam_text import assess_texts, text_model
from scamnet.schema import table
from scamnet.service.content import run_content
from scamnet.store import open_store
from scamnet.store.repo import append_rows

# A bank's own data: the "account upgrade" scam it keeps seeing, beside its customers' ordinary messages.
SCAMS = [
    "尊敬的客户，您的账户需升级为数字账户，请回复验证码办理，逾期停用",
    "您的数字账户升级未完成，回复验证码完成升级，否则账户停用",
    "【通知】数字账户升级最后一天，回复短信验证码即可完成",
    "客户您好，账户升级需核验身份，请回复收到的验证码",
    "数字账户系统升级，今日内未回复验证码的账户将被停用",
    "温馨提示：您的账户尚未升级，回复验证码立即升级",
    "Your account must be upgraded to a digital account, reply with the code or it will be closed",
    "Digital account upgrade pending: send the code today to keep your account open",
    "Final notice: upgrade your account now, reply with the verification code",
    "Account upgrade required. Reply with the code we sent to avoid suspension",
    "Dear customer, your digital account upgrade is not complete, send the code today",
    "Upgrade your bank account to digital: reply with your code within 24 hours",
]
NORMAL = [
    "妈妈，我晚上七点到家，帮我留饭",
    "明天上午九点开会，记得带材料",
    "周末去爬山吗？八点在地铁站见",
    "孩子的家长会改到周四下午",
    "生日快乐！晚上一起吃蛋糕",
    "快递放在门口了，回来记得拿",
    "我到楼下了，你下来吧",
    "下雨了，出门记得带伞",
    "Running late, see you at the station",
    "The parcel was left with your neighbour",
    "Shall we book a table for dinner on Friday?",
    "Thanks for the photos, the kids loved the trip",
    "Happy birthday! Cake at mum's tonight",
    "Can you pick up milk on the way home?",
    "Meeting moved to Thursday afternoon",
    "Good luck with the exam, call me after",
]
HELD_OUT_SCAM = "客户您好，数字账户升级请回复验证码 4412，今日不升级账户将停用"
HELD_OUT_NORMAL = "See you at lunch tomorrow, I'll book the usual place"


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def write_training_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["text", "label"])
        writer.writerows([[text, "account_upgrade"] for text in SCAMS])
        writer.writerows([[text, "ham"] for text in NORMAL])
    return path


def test_a_model_trained_on_own_data_flags_a_new_scam_and_passes_a_new_normal_message(tmp_path: Path) -> None:
    write_training_file(tmp_path / "mine.csv")
    result = scamnet_cli("train", "text", "--data", "mine.csv", "--out", "mine.json.gz", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    scam, normal = assess_texts([HELD_OUT_SCAM, HELD_OUT_NORMAL], text_model(tmp_path / "mine.json.gz"))
    assert scam.is_scam and scam.scam_type == "account_upgrade"
    assert not normal.is_scam


def test_a_threshold_set_on_repeated_inner_splits_is_recorded_in_the_model_and_still_judges_right(tmp_path: Path) -> None:
    write_training_file(tmp_path / "mine.csv")
    result = scamnet_cli("train", "text", "--data", "mine.csv", "--out", "r.json.gz", "--out-of-fold-repeats", "3",
                         cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    model = text_model(tmp_path / "r.json.gz")
    assert model.params.out_of_fold_repeats == 3  # how its threshold was set travels with it
    scam, normal = assess_texts([HELD_OUT_SCAM, HELD_OUT_NORMAL], model)
    assert scam.is_scam and not normal.is_scam


def test_the_text_model_setting_makes_scam_text_score_with_the_users_model(tmp_path: Path) -> None:
    write_training_file(tmp_path / "mine.csv")
    assert scamnet_cli("train", "text", "--data", "mine.csv", "--out", "m.json.gz", cwd=tmp_path).returncode == 0
    at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    rows = [{"msg_id": f"m{i}", "sent_at": at, "sender": "+8613800000001", "recipient": "+8613900000002",
             "channel": "sms", "text": text} for i, text in enumerate([HELD_OUT_SCAM, HELD_OUT_NORMAL])]
    with open_store(tmp_path / "s.db") as store:
        spec = table("messages")
        append_rows(store.con, spec, pa.Table.from_pylist(rows, schema=spec.schema))
        run_content(store, Settings({"text_model": str(tmp_path / "m.json.gz")}), FixedClock(at))
        alerts = store.con.sql("SELECT entity, reasons FROM alerts WHERE detector = 'scam_text'").fetchall()
    assert [entity for entity, _ in alerts] == ["msg:m0"]
    assert "looks like account upgrade" in alerts[0][1][0]  # a type only the user's model knows


def test_a_missing_training_file_is_named_with_exit_code_3(tmp_path: Path) -> None:
    result = scamnet_cli("train", "text", "--data", "nope.csv", "--out", "m.json.gz", cwd=tmp_path)
    assert result.returncode == 3 and "no training file at nope.csv" in result.stderr
    assert not (tmp_path / "m.json.gz").exists()


def test_a_file_without_a_label_column_names_the_file_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("text,kind\nhello,ham\n", encoding="utf-8")
    result = scamnet_cli("train", "text", "--data", "bad.csv", "--out", "m.json.gz", cwd=tmp_path)
    assert result.returncode == 5 and "bad.csv, line 1, column 'label'" in result.stderr


def test_a_file_with_only_one_class_says_ham_and_a_scam_label_are_needed(tmp_path: Path) -> None:
    (tmp_path / "one.csv").write_text("text,label\nhello,ham\nbye,ham\n", encoding="utf-8")
    result = scamnet_cli("train", "text", "--data", "one.csv", "--out", "m.json.gz", cwd=tmp_path)
    assert result.returncode == 5
    assert "one.csv, column 'label': got ['ham'], expected 'ham' rows and rows of at least one scam label" in result.stderr
