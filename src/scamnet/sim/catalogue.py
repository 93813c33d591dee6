"""The scam typology: who each scam type targets, how it makes contact, how long it grooms, how victims pay.

Rates here are informed guesses shaped by public descriptions of these scams (Chinese Ministry of
Public Security case bulletins, the FBI IC3 annual reports); docs/simulator.md says which.
"""

from __future__ import annotations

from dataclasses import dataclass

from scamnet.core.enums import ScamType


@dataclass(frozen=True)
class ScamProfile:
    scam_type: ScamType
    ages: tuple[int, int]  # age band most targeted
    call_share: float  # first contact by a gateway call (else an SMS with a link)
    grooming_days: tuple[float, float]  # from being drawn in to the first payment
    payments: tuple[int, int]  # fewest and most transfers a paying victim makes
    escalating: bool  # each payment larger than the last
    amount_median: float  # median first payment, CNY
    impersonates: tuple[str, ...]  # brands whose sites the links imitate
    role_zh: str
    role_en: str


CATALOGUE = {p.scam_type: p for p in (
    ScamProfile(ScamType.GOVERNMENT_IMPERSONATION, (45, 80), 0.9, (0.0, 1.0), (1, 2), False, 60_000,
                ("mps", "court", "gov", "chinatax"), "公安局民警", "a police officer"),
    ScamProfile(ScamType.CUSTOMER_SERVICE_REFUND, (20, 45), 0.7, (0.0, 0.5), (1, 3), True, 4_000,
                ("taobao", "jd", "alipay"), "淘宝客服", "an online-shop customer service agent"),
    ScamProfile(ScamType.TASK_REBATE, (18, 40), 0.2, (1.0, 4.0), (3, 6), True, 800,
                ("douyin", "taobao", "meituan"), "刷单平台客服", "a task-platform agent"),
    ScamProfile(ScamType.FAKE_INVESTMENT, (30, 60), 0.3, (2.0, 8.0), (2, 5), True, 20_000,
                ("cicc", "htsc", "citics"), "投资导师", "an investment mentor"),
    ScamProfile(ScamType.PIG_BUTCHERING, (25, 55), 0.1, (4.0, 10.0), (3, 6), True, 30_000,
                ("okex", "binance", "htsc"), "网上认识的朋友", "a friend I met online"),
    ScamProfile(ScamType.FAKE_LOAN, (20, 45), 0.3, (0.0, 2.0), (1, 3), True, 3_000,
                ("icbc", "ccb", "pingan"), "贷款平台客服", "a loan company agent"),
    ScamProfile(ScamType.BOSS_IMPERSONATION, (25, 55), 0.2, (0.0, 0.2), (1, 1), False, 80_000,
                ("dingtalk", "wecom"), "冒充的领导", "someone posing as my boss"),
    ScamProfile(ScamType.ACQUAINTANCE_IMPERSONATION, (40, 75), 0.8, (0.0, 1.0), (1, 2), False, 10_000,
                ("wechat", "qq"), "冒充的熟人", "someone posing as an old friend"),
    ScamProfile(ScamType.ROMANCE, (25, 65), 0.1, (4.0, 10.0), (2, 5), True, 15_000,
                ("tantan", "momo"), "网恋对象", "an online romantic partner"),
)}


def profile(scam_type: ScamType | str) -> ScamProfile:
    return CATALOGUE[ScamType(scam_type)]
