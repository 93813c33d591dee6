"""Recruitment into the chain has cues of its own, in Chinese and English: jobs abroad and card renting."""

from __future__ import annotations

import pytest

from scamnet.core.enums import ScamType
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.cues import CUES, MODEL_CUE_NAMES, cue_vector, find_cues, likely_scam_type


def _type(text: str) -> ScamType | None:
    return likely_scam_type(find_cues(normalise_text(text)))


@pytest.mark.parametrize("text", [
    "高薪招聘：柬埔寨公司招打字员、客服，月薪2万起，包机票包吃住，无需经验，加V信 abc123",
    "出国务工好机会，迪拜高薪岗位，签证机票公司全包，会打字就行",
    "Urgent hiring: typist jobs in Cambodia, high salary $3,000 a month, visa and flight paid, no experience needed",
    "Overseas job offer: work in Myanmar, free flights, apply on WhatsApp",
])
def test_a_job_abroad_lure_points_to_job_abroad_recruitment(text: str) -> None:
    assert _type(text) is ScamType.JOB_ABROAD_RECRUITMENT


@pytest.mark.parametrize("text", [
    "收卡！高价收购银行卡、电话卡，两卡齐全一天500元，闲置卡也能赚钱",
    "长期收购对公账户，跑分代收代付，日入1000+",
    "Easy money: rent out your bank card, 500 CNY a day, we handle everything",
    "We buy bank accounts and SIM cards. Two cards = daily cash 500",
])
def test_an_offer_to_buy_or_rent_cards_or_accounts_points_to_account_renting(text: str) -> None:
    assert _type(text) is ScamType.ACCOUNT_RENTING


def test_the_reasons_say_what_the_offer_is() -> None:
    reasons = [str(hit) for hit in find_cues(normalise_text("收卡，一天500元"))]
    assert reasons == ["offer to buy or rent bank cards, phone cards or payment accounts: “收卡”",
                       "easy daily cash for an idle card or account: “一天500元”"]


def test_a_shipped_model_keeps_one_cue_feature_per_cue_it_was_trained_with() -> None:
    hits = find_cues(normalise_text("收卡，一天500元，加微信"))
    assert len(cue_vector(hits)) == len(CUES) == len(MODEL_CUE_NAMES)
    assert cue_vector(hits, ["account_renting", "other_app", "loan"]) == [1.0, 1.0, 0.0]


@pytest.mark.parametrize("text", [
    "中建海外项目招聘电工，签订正规外派劳务合同，机票报销，可到当地人社部门核实。",
    "Overseas site posting in Dubai for electricians: signed employment contract, flights paid; verify the agency "
    "with your local labour department.",
])
def test_a_posting_abroad_with_a_formal_contract_that_sends_the_reader_to_the_labour_authority_is_no_lure(text: str) -> None:
    assert "job_abroad" not in _names(text)


@pytest.mark.parametrize("text", [
    "海外项目招聘，正规劳务合同，机票报销，月薪3万无需经验，可到人社部门核实。",
    "出国务工，机票报销，签订正式劳务合同，护照由公司统一保管，可到人社部门核实。",
    "柬埔寨项目招聘客服，正规劳务合同，包机票，可到人社部门核实。",
    "出国务工，机票报销，正规劳务合同，入职前需先交3000元保证金，可到人社部门核实。",
    "Work abroad in Myanmar: signed employment contract, free flights, verify with the labour ministry.",
])
def test_a_formal_contract_and_the_authority_named_do_not_hide_a_lures_own_markers(text: str) -> None:
    assert "job_abroad" in _names(text)


def _names(text: str) -> set[str]:
    return {hit.cue.name for hit in find_cues(normalise_text(text))}
