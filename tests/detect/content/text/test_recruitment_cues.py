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
