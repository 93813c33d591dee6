"""``bench_text`` on tiny hand-written files in the shapes of the three public sets."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from scamnet.core.errors import ConfigError, NotFoundError
from scamnet.evaluate import text, text_loso
from scamnet.evaluate.datasets import CHINESE, MENDELEY, UCI, chinese_fraud_texts
from scamnet.evaluate.text import LENGTH_BASELINE, MODEL, SHIPPED, WITH_UCI, bench_text, text_figures
from scamnet.evaluate.text_loso import source_figures
from scamnet.evaluate.text_sources import Source, uci_three_way

# Every phrase has 8 characters, so every generated Chinese text has the same length: length cannot
# tell the classes apart, the words can.
ZH_PHRASES = {
    "0": ["晚上回家吃饭好吗", "明天上午开会讨论", "周末一起去爬山吧", "快递放在门口了哦"],
    "冒充公检法及政府机关类": ["公安局刑侦大队长", "涉嫌洗钱立即配合", "资金转入安全账户", "法院传票马上查收"],
    "贷款、代办信用卡类": ["无抵押低息贷款啦", "秒批秒到账额度高", "代办信用卡提额度", "征信不好也能放款"],
    "冒充客服服务": ["快递丢失双倍赔偿", "商品质量问题退款", "关闭会员自动扣费", "客服专员办理退货"],
    "冒充领导、熟人类": ["我是你领导换号了", "老板让你马上转账", "帮我转一笔钱急用", "猜猜我是谁借我钱"],
}
HAM_EN = ["see you at dinner", "running late sorry", "call me after class", "thanks for the lift", "ok see you soon"]
SPAM_EN = ["you have won a prize", "claim your free entry", "urgent call 09061701461", "txt win to 80086"]


def write_zh(root: Path, per_class: int = 20, seed: int = 0) -> None:
    draw = random.Random(seed)
    path = root / CHINESE
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["content", "label"])
        for label, phrases in ZH_PHRASES.items():
            for _ in range(per_class * (3 if label == "0" else 1)):
                writer.writerow(["，".join(draw.sample(phrases, 2)) + f"{draw.randrange(1000, 9999)}", label])


def write_english(root: Path, seed: int = 0) -> tuple[list[str], list[str]]:
    """UCI as TSV; Mendeley as CSV holding 5 of UCI's ham and 19 of its 20 spam texts (12 as smishing, 7 as
    marketing) plus its own smishing, spam and ham."""
    draw = random.Random(seed)
    uci = [("ham", f"{draw.choice(HAM_EN)} {i}") for i in range(60)] + [("spam", f"{draw.choice(SPAM_EN)} {i}") for i in range(20)]
    (root / UCI).parent.mkdir(parents=True)
    (root / UCI).write_text("".join(f"{label}\t{text}\n" for label, text in uci), encoding="utf-8")
    own = [("ham", f"dinner at {i} tonight") for i in range(20)] + [("spam", f"free ringtone offer {i}") for i in range(10)]
    own += [("Smishing", f"your bank account is locked verify at http://bank-{i}.xyz") for i in range(10)]
    (root / MENDELEY).parent.mkdir(parents=True)
    with (root / MENDELEY).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["LABEL", "TEXT", "URL", "EMAIL", "PHONE"])
        spam = [text for label, text in uci if label == "spam"]
        held = [("Smishing", text) for text in spam[:12]] + [("spam", text) for text in spam[12:19]]
        writer.writerows([label, text, "No", "No", "No"] for label, text in uci[:5] + held + own)
    return [t for _, t in uci], [y for y, _ in uci]


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    write_zh(tmp_path)
    write_english(tmp_path)
    return tmp_path


def rows_of(result: dict, model: str) -> dict[str, dict]:
    return {row["set"]: row for row in result["rows"] if row["model"] == model}


def test_the_length_baseline_is_far_below_the_model_when_length_does_not_separate_the_classes(datasets: Path) -> None:
    result = bench_text(datasets, folds=5, seed=0, only="zh", loso=False).to_json()
    model = next(iter(rows_of(result, MODEL).values()))
    baseline = next(iter(rows_of(result, LENGTH_BASELINE).values()))
    assert model["rows"] == baseline["rows"] == 20 * 7 and model["classes"] == 5
    assert model["macro_f1"] >= 0.9
    assert baseline["macro_f1"] <= 0.3  # no better than calling everything normal


def test_mendeley_is_scored_without_the_texts_uci_also_holds_and_over_three_classes(datasets: Path) -> None:
    result = bench_text(datasets, folds=5, seed=0, only="mendeley", loso=False).to_json()
    row, with_uci = next(iter(rows_of(result, MODEL).values())), next(iter(rows_of(result, WITH_UCI).values()))
    assert row["rows"] == with_uci["rows"] == 40 and row["classes"] == 3 and row["scam_rows"] == 20


def test_a_source_left_out_is_scored_by_a_model_that_never_saw_it(datasets: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    english = Source("English", True, uci_three_way)
    chinese = Source("Chinese", True, chinese_fraud_texts)
    ads = Source("ads, evaluation only", False, lambda root: (
        [f"{t} {i}" for i in range(10) for t in ("big sale on shoes", "see you at dinner")], ["spam", "ham"] * 10))
    monkeypatch.setattr(text_loso, "SOURCES", {"en": english, "zh5": chinese, "ads": ads})
    monkeypatch.setattr(text, "SOURCES", text_loso.SOURCES)
    result = bench_text(datasets, folds=3, seed=0, loso_only=True).to_json()
    rows = {row["left_out"]: row for row in result["loso"]}
    assert rows["English"]["trained_on"] == "zh5" and rows["Chinese"]["trained_on"] == "en"
    assert rows["ads, evaluation only"]["trained_on"] == "en+zh5" and rows["ads, evaluation only"]["scam_rows"] == 0
    assert rows["ads, evaluation only"]["spam_rows"] == 10 and rows["ads, evaluation only"]["in_source_scam_recall"] is None
    assert rows["Chinese"]["in_source_scam_recall"] >= 0.9  # its own folds teach it; English alone cannot
    assert result["rows"] == [] and sum(b["rows"] for b in result["reliability"]) > 0


def test_spam_labelled_as_a_scam_is_not_spam_found_as_spam() -> None:
    figures = source_figures(["a", "b", "c", "d"], ["spam", "spam", "ham", "other"],
                             ["spam", "other", "ham", "other"], ["none", "alert", "suspicious", "alert"])
    assert (figures.spam_as_spam, figures.spam_as_scam, figures.scam_recall) == (0.5, 0.5, 1.0)
    assert figures.ham_flagged_pct == 0.0 and figures.ham_suspicious_pct == 100.0 and figures.unwanted_found == 1.0


def test_every_set_has_a_cross_validated_row_and_a_speed_row(datasets: Path) -> None:
    result = bench_text(datasets, folds=5, seed=0, loso=False).to_json()
    assert len(rows_of(result, MODEL)) == 3 and len(rows_of(result, SHIPPED)) == 3
    uci = next(row for name, row in rows_of(result, MODEL).items() if name.startswith("UCI"))
    assert uci["rows"] == 79 and uci["scam_rows"] == 19 and uci["mcc"] >= 0.8  # the spam Mendeley lacks is left out
    assert all(row["messages_per_s"] > 0 for row in rows_of(result, SHIPPED).values())


def test_ham_blocked_is_a_share_of_the_ham_rows_only() -> None:
    labels = ["ham"] * 8 + ["spam"] * 2
    figures = text_figures(labels, ["spam"] + ["ham"] * 7 + ["spam", "ham"])
    assert figures.ham_blocked == 1 and figures.ham_blocked_pct == pytest.approx(12.5)
    assert figures.recall == pytest.approx(0.5) and figures.scam_f1 == pytest.approx(0.5)


def test_any_scam_type_counts_as_scam_for_mcc_but_not_for_macro_f1() -> None:
    figures = text_figures(["ham", "ham", "loan", "boss"], ["ham", "ham", "boss", "loan"])
    assert figures.mcc == pytest.approx(1.0) and figures.macro_f1 == pytest.approx(1 / 3)


def test_a_missing_data_set_names_the_path_and_the_option(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as raised:
        bench_text(tmp_path, only="uci", loso=False)
    assert str(tmp_path / UCI) in raised.value.message and "--datasets" in raised.value.hint


def test_an_unknown_set_name_is_a_config_error(datasets: Path) -> None:
    with pytest.raises(ConfigError, match="no text source 'sms'"):
        bench_text(datasets, only="sms")


def test_every_model_a_run_trains_follows_its_recipe_of_repeated_inner_splits(
        datasets: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_loso, "SOURCES", {"en": Source("English", True, uci_three_way),
                                               "zh": Source("Chinese", True, chinese_fraud_texts)})
    monkeypatch.setattr(text, "SOURCES", text_loso.SOURCES)
    recipes: list[tuple[int, int]] = []
    real_loso, real_fold = text_loso.train_with_out_of_fold, text.train_text_model

    def loso_spy(*args, **kwargs):  # the real training, its recipe noted
        recipes.append((args[2].seed, args[2].out_of_fold_repeats))
        return real_loso(*args, **kwargs)

    def fold_spy(*args, **kwargs):
        recipes.append((args[2].seed, args[2].out_of_fold_repeats))
        return real_fold(*args, **kwargs)

    monkeypatch.setattr(text_loso, "train_with_out_of_fold", loso_spy)
    monkeypatch.setattr(text, "train_text_model", fold_spy)
    result = bench_text(datasets, folds=3, seed=4, only="en,zh", out_of_fold_repeats=2, in_source=False).to_json()
    assert len(result["loso"]) == 2 and any(row["model"] == MODEL for row in result["rows"])
    # one model per source left out, one per fold of the Chinese set's cross-validation: each with two splits
    assert len(recipes) == 2 + 3 and set(recipes) == {(4, 2)}


def test_a_given_model_for_the_evaluation_only_sources_does_not_shrink_what_a_left_out_model_trains_on(
        datasets: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ads = Source("ads, evaluation only", False, lambda root: (["big sale on shoes", "see you at dinner"] * 5, ["spam", "ham"] * 5))
    monkeypatch.setattr(text_loso, "SOURCES", {"en": Source("English", True, uci_three_way),
                                               "zh5": Source("Chinese", True, chinese_fraud_texts), "ads": ads})
    trained_on: list[list[str]] = []
    real = text_loso.train_with_out_of_fold

    def spy(*args, **kwargs):  # the real training, the sources it was given noted
        trained_on.append(sorted(set(args[4])))
        return real(*args, **kwargs)

    monkeypatch.setattr(text_loso, "train_with_out_of_fold", spy)
    full = text_loso.trained_without({n: text_loso.SOURCES[n].load(datasets) for n in ("en", "zh5")}, None, 0)[0]
    trained_on.clear()
    rows, _ = text_loso.loso_rows(datasets, ["en", "ads"], folds=3, seed=0, with_in_source=False, full_model=full)
    assert [row.left_out for row in rows] == ["English", "ads, evaluation only"]
    assert trained_on == [["zh5"]]  # English left out: trained on the Chinese source, though only en and ads were named
