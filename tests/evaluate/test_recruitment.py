"""The recruitment bench: per type and language, and the genuine messages that quote the recruiters."""

from __future__ import annotations

from scamnet.evaluate.recruitment import recruitment_text_figures


def test_the_figures_cover_both_types_in_both_languages_and_the_banks_warnings_are_not_flagged() -> None:
    figures = recruitment_text_figures(per_type=20)
    assert {"account_renting/zh", "account_renting/en", "job_abroad_recruitment/zh", "job_abroad_recruitment/en"} <= set(figures)
    assert all(0.0 <= f["recall"] <= 1.0 and f["texts"] == 20 for k, f in figures.items() if "/" in k)
    # the banks' and police's warnings quote "出租银行卡", "两卡", "包机票" and are not scams
    assert figures["legitimate card_warning"]["flagged"] == 0.0
