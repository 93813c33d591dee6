from pathlib import Path

import pytest

from scamnet.detect.content.page.inspect import PageReport, PageVerdict, inspect_page

PAGES = Path(__file__).parent / "pages"


def _inspect(name: str) -> PageReport:
    return inspect_page((PAGES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "verdict"),
    [
        ("compromised_en_news_hidden_gambling.html", PageVerdict.COMPROMISED_SEO),
        ("compromised_zh_title_stuffed.html", PageVerdict.COMPROMISED_SEO),
        ("compromised_en_page_text.txt", PageVerdict.COMPROMISED_SEO),
        ("scam_zh_police_case_check.html", PageVerdict.SCAM_LANDING),
        ("scam_zh_task_rebate.html", PageVerdict.SCAM_LANDING),
        ("scam_en_fake_investment.html", PageVerdict.SCAM_LANDING),
        ("clean_en_news.html", PageVerdict.CLEAN),
        ("clean_en_lottery_news.html", PageVerdict.CLEAN),
        ("clean_zh_bank.html", PageVerdict.CLEAN),
    ],
)
def test_each_test_page_gets_its_verdict_and_the_score_agrees(name: str, verdict: PageVerdict) -> None:
    report = _inspect(name)
    assert report.verdict is verdict
    assert (report.score >= 0.5) == (verdict is not PageVerdict.CLEAN)


def test_english_news_with_a_hidden_chinese_gambling_footer_shows_the_lines_keywords_share_and_40_targets() -> None:
    report = _inspect("compromised_en_news_hidden_gambling.html")
    [evidence] = report.evidence
    assert (evidence.line, evidence.end_line) == (26, 67)
    assert {"spam_keywords", "hidden", "other_script", "link_farm", "keyword_stuffing"} <= set(evidence.signals)
    assert {"百家乐", "六合彩", "威尼斯人"} <= set(evidence.keywords)
    assert 0.15 < report.injected_share < 0.4
    domains = [t.entity for t in report.indicators if t.kind == "domain"]
    assert len(domains) == 40 and all(d.split(".")[-1] in {"top", "vip", "cc", "xyz", "com"} for d in domains)
    assert "domain:millbrookgazette.co.uk" not in domains


def test_chinese_article_with_stuffed_title_keywords_and_a_zero_size_span_of_random_ids() -> None:
    report = _inspect("compromised_zh_title_stuffed.html")
    by_line = {e.line: e for e in report.evidence}
    assert sorted(by_line) == [5, 6, 22]
    assert "keyword_stuffing" in by_line[5].signals and "澳门威尼斯人" not in by_line[5].keywords
    assert {"hidden", "random_ids"} <= set(by_line[22].signals)
    assert "av在线" in by_line[6].keywords  # adult terms on a page about the subway
    assert [t.entity for t in report.indicators][:2] == ["domain:wnsr8867.vip", "domain:hg0088a.top"]


def test_text_extracted_from_a_page_names_the_stuffed_line_and_the_linked_domains() -> None:
    report = _inspect("compromised_en_page_text.txt")
    assert [e.line for e in report.evidence] == [6, 7]
    assert {"togel", "judi", "gacor"} <= set(report.evidence[0].keywords)
    assert {t.entity for t in report.indicators} >= {"domain:slot-gacor88.xyz", "domain:agencasino77.com"}


def test_a_lottery_article_with_lottery_keywords_is_on_topic_not_compromised() -> None:
    report = _inspect("clean_en_lottery_news.html")
    assert report.seo_score < 0.5 and report.indicators == []


def test_fake_police_case_check_asks_for_id_card_card_and_pin_under_a_ministry_title() -> None:
    report = _inspect("scam_zh_police_case_check.html")
    signals = [e.signals[0] for e in report.evidence]
    assert signals[0] == "authority_asks_identity"
    assert {"asks_id_card", "asks_bank_card", "asks_card_secret", "safe_account", "secrecy"} <= set(signals)
    assert {"domain:gab-ajcx.top", "phone:+8617123456789"} <= {t.entity for t in report.indicators}


def test_task_rebate_recruitment_gives_its_chat_handles_and_app_download() -> None:
    report = _inspect("scam_zh_task_rebate.html")
    assert {"task_rebate", "chat_handle", "download_app"} <= {e.signals[0] for e in report.evidence}
    assert {"handle:wechat:dz_kefu8899", "handle:qq:2837465910", "domain:dzrw-app.vip"} <= {
        t.entity for t in report.indicators
    }


def test_fake_investment_platform_promises_daily_returns_and_names_a_tron_wallet() -> None:
    report = _inspect("scam_en_fake_investment.html")
    assert {"return_promise", "crypto_wallet", "secrecy"} <= {e.signals[0] for e in report.evidence}
    assert "wallet:tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t" in {t.entity for t in report.indicators}


def test_a_real_bank_login_with_scam_warnings_is_clean() -> None:
    report = _inspect("clean_zh_bank.html")
    signals = {e.signals[0] for e in report.evidence}
    assert "safe_account" not in signals  # "公安机关不存在所谓安全账户" is a warning, not a request
    assert report.scam_score < 0.5


def test_a_hidden_mobile_menu_of_own_links_is_not_injection() -> None:
    report = _inspect("clean_en_news.html")
    assert report.seo_score < 0.5 and report.evidence == []
