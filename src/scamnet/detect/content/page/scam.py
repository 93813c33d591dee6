"""Signs that a page is a scam landing page: what it asks for, whom it claims to be, what it promises.

A fake police "case check" asks for an ID card, a bank card and its PIN; a fake investment platform
promises daily returns and a deposit wallet; a task-rebate page recruits "likers" and moves them to
WeChat. Honest bank pages also have a password field and also talk about "safe accounts" — in their
warnings — so a password alone weighs little and blocks that warn against scams are not read for cues.

>>> from scamnet.detect.content.page.parse import parse_page
>>> page = parse_page('<h1>公安部案件查询</h1><form><input name="sfz" placeholder="身份证号"><input placeholder="银行卡号"></form>')
>>> [sign.signal for sign in scam_signs(page)]
['asks_id_card', 'asks_bank_card', 'authority_asks_identity']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scamnet.detect.content.extract import extract_indicators
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.page.parse import Page
from scamnet.detect.content.text.cues import find_cues

#: Form inputs a landing page asks for, by what their name, id, placeholder or label says.
FIELD_SIGNS: dict[str, tuple[str, float]] = {
    "asks_id_card": (r"身份证|sfz|id.?card|id.?number|identity|passport", 0.3),
    "asks_bank_card": (r"银行卡|卡号|yhk|card.?(?:number|no)|cardno|account.?number", 0.3),
    "asks_card_secret": (r"取款密码|支付密码|交易密码|qkmm|zfmm|\bpin\b|cvv|cvc|安全码|有效期|expir", 0.35),
    "asks_sms_code": (r"短信|动态码|\bsms\b|otp|yzm|one.?time", 0.15),
    "asks_password": (r"password|密码|pwd", 0.05),
}
#: Cues of the message lexicon that point to a landing page, with their weight on a page.
CUE_WEIGHTS = {
    "safe_account": 0.4, "task_rebate": 0.4, "secrecy": 0.25, "refund": 0.2, "investment": 0.15, "prize": 0.15,
    "account_problem": 0.15, "other_app": 0.15, "transfer_request": 0.15, "urgency": 0.1, "loan": 0.1,
}
_RETURN_PROMISE = re.compile(
    r"(?:日|每天|每日|每周|每月|daily|weekly|monthly|per day|a day)[^。.\n]{0,16}?\d+(?:\.\d+)?\s*%"
    r"|\d+(?:\.\d+)?\s*%\s*(?:per|a|每)\s*(?:day|week|month|天|日)"
    r"|稳赚|保本保息|无风险|零风险|guaranteed (?:return|profit)|no risk|risk.free|double your",
    re.I,
)
_ANNUAL_RATE = re.compile(r"(?:年化|annual|apy|apr)\D{0,10}(\d+(?:\.\d+)?)\s*%", re.I)
_DOWNLOAD_APP = re.compile(r"\.apk\b|下载.{0,6}(?:app|软件|客户端)|download (?:our|the) app", re.I)
#: Blocks that warn readers against scams (banks, police, news): their scam words are not the page's own.
_WARNING = re.compile(
    r"不会以任何理由|绝不会|不存在.{0,6}安全账户|谨防|警惕|防骗|反诈|不要点击|will never ask|never ask|beware of|scam alert"
)


@dataclass(frozen=True)
class ScamSign:
    """One sign of a scam landing page: its name, weight, the line it is on, and what matched."""

    signal: str
    weight: float
    line: int
    keywords: tuple[str, ...]
    reason: str


def scam_signs(page: Page) -> list[ScamSign]:
    """Every scam-landing sign on ``page``: form fields, claims, cue phrases, promises, contacts."""
    signs = _field_signs(page)
    signs += _authority_asks(page, {s.signal for s in signs})
    signs += _cue_signs(page) + _promise_signs(page) + _contact_signs(page)
    return signs


def scam_score(signs: list[ScamSign]) -> float:
    """1 − Π(1 − weight) over distinct signals: independent signs add up, none alone is certain."""
    remaining = 1.0
    for weight in {s.signal: s.weight for s in signs}.values():
        remaining *= 1.0 - weight
    return round(1.0 - remaining, 3)


def _field_signs(page: Page) -> list[ScamSign]:
    signs = []
    for signal, (pattern, weight) in FIELD_SIGNS.items():
        hits = [f for f in page.fields if re.search(pattern, f.description, re.I)]
        if hits:
            shown = tuple(f.description for f in hits)
            signs.append(ScamSign(signal, weight, hits[0].line, shown, f"form asks for {signal[5:].replace('_', ' ')}"))
    return signs


def _authority_asks(page: Page, asked: set[str]) -> list[ScamSign]:
    personal = asked & {"asks_id_card", "asks_bank_card", "asks_card_secret"}
    claims = [b for b in page.blocks if b.kind in ("title", "heading") and _claims_authority(b.text)]
    if not personal or not claims:
        return []
    reason = f"page claims to be police or government ({claims[0].text[:40]}) and asks for identity or bank details"
    return [ScamSign("authority_asks_identity", 0.5, claims[0].line, (claims[0].text[:40],), reason)]


def _claims_authority(text: str) -> bool:
    return any(hit.cue.name == "authority" for hit in find_cues(normalise_text(text))) or bool(
        re.search(r"公安部|人民检察院|国务院|ministry of|department of justice|police", text, re.I)
    )


def _cue_signs(page: Page) -> list[ScamSign]:
    seen: dict[str, ScamSign] = {}
    for block in page.blocks:
        if _WARNING.search(block.text):
            continue
        for hit in find_cues(normalise_text(block.text)):
            if hit.cue.name in CUE_WEIGHTS and hit.cue.name not in seen:
                weight = CUE_WEIGHTS[hit.cue.name]
                seen[hit.cue.name] = ScamSign(hit.cue.name, weight, block.line, (hit.term,), hit.cue.reason)
    return list(seen.values())


def _promise_signs(page: Page) -> list[ScamSign]:
    signs: list[ScamSign] = []
    for block in page.blocks:
        promise = _RETURN_PROMISE.search(block.text) or _high_annual_rate(block.text)
        if promise and not signs:
            signs.append(ScamSign("return_promise", 0.4, block.line, (promise.group(0),), "promises high or certain returns"))
        app = _DOWNLOAD_APP.search(block.text + " " + " ".join(block.links))
        if app and all(s.signal != "download_app" for s in signs):
            signs.append(ScamSign("download_app", 0.2, block.line, (app.group(0),), "asks to download an app"))
    return signs


def _high_annual_rate(text: str) -> re.Match[str] | None:
    match = _ANNUAL_RATE.search(text)
    return match if match and float(match.group(1)) >= 15 else None


def _contact_signs(page: Page) -> list[ScamSign]:
    signs = []
    for kind, signal, weight, reason in (
        ("handle", "chat_handle", 0.2, "moves victims to a chat app"),
        ("wallet", "crypto_wallet", 0.2, "gives a crypto wallet to pay into"),
    ):
        found = [(b.line, i.value) for b in page.blocks for i in extract_indicators(b.text) if i.kind == kind]
        if found:
            signs.append(ScamSign(signal, weight, found[0][0], tuple(v for _, v in found), reason))
    return signs
