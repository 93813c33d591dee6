"""Recruitment offers an account's holder received: the message that made a person a mule, as a reason.

Gangs buy or rent the accounts they launder through ("收卡", "two cards", "rent out your bank
card, 500 a day") and lure workers abroad ("高薪, 包机票, 柬埔寨"). When the holder of an account
the ``mule`` detector flags received such a message, the alert says so: "received an
account-renting offer from +8613… on 2026-03-01". A message counts when the message model flags
it and it is of a recruitment type: the model names one, or recruitment cues are in it (a
genuine bank warning that quotes "出租银行卡" is not flagged by the model, so it does not count).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from scamnet.core.enums import RECRUITMENT_TYPES, ScamType
from scamnet.detect.content.text.scam_text import TextAssessment, assess_texts, text_model
from scamnet.features.data import Data
from scamnet.features.runner import run_feature

_OFFER = {ScamType.ACCOUNT_RENTING: "an account-renting offer", ScamType.JOB_ABROAD_RECRUITMENT: "a job-abroad offer"}


def recruitment_type(judged: TextAssessment) -> ScamType | None:
    """The recruitment type of a message the model flags, or None (not flagged, or not recruitment)."""
    if not judged.is_scam:
        return None
    if judged.scam_type in {t.value for t in RECRUITMENT_TYPES}:
        return ScamType(judged.scam_type)
    votes: dict[ScamType, int] = {}
    for hit in judged.cues:
        if hit.cue.scam_type in RECRUITMENT_TYPES:
            votes[hit.cue.scam_type] = votes.get(hit.cue.scam_type, 0) + 1
    return max(votes, key=lambda t: votes[t]) if votes else None


def recruitment_reasons(data: Data, accounts: list[str], model_path: Path | None = None) -> dict[str, list[str]]:
    """``account_id`` → the recruitment offers its holder received, as reasons, oldest first."""
    if not accounts:
        return {}
    wanted = pa.table({"account_id": pa.array(accounts, pa.string())})
    rows = run_feature(data, "money/holder_messages", tables={"wanted": wanted}).to_pylist()
    texts = sorted({r["text"] for r in rows})
    judged = dict(zip(texts, assess_texts(texts, text_model(model_path)), strict=True)) if texts else {}
    found: dict[str, list[str]] = {}
    for row in rows:
        kind = recruitment_type(judged[row["text"]])
        if kind is not None:
            when = row["sent_at"].date().isoformat()
            found.setdefault(row["account_id"], []).append(f"holder received {_OFFER[kind]} from {row['sender']} on {when}")
    return found
