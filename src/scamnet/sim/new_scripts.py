"""Scam messages the text model never saw: held-out scripts, link-less texts and QR-code lures.

The training library (``scripts.py``) is one family of templates; a model trained on it learns
that family. Real gangs change scripts, drop links that filters catch ("reply 1", "add the
customer-service account") and send a QR code to scan instead. This module writes messages a
different way — a sentence assembled from an opener, a hook of the scam type, a call to act and
a closer, none taken from ``scripts.py`` — and turns a gang's pool of variants into such a mix,
by the shares the ``[gangs]`` knobs set.

>>> import numpy as np
>>> text = assembled_message("fake_loan", np.random.default_rng(1), english=True, action="qr")
>>> "http" in text, "QR" in text
(False, True)
"""

from __future__ import annotations

import numpy as np

from scamnet.core.enums import ScamType

OPENERS_ZH = ["打扰一下，", "跟您说个事，", "您好呀，", "在吗？", "温馨告知：", ""]
OPENERS_EN = ["Hi there, ", "Quick note: ", "Hello, ", "Sorry to bother you, ", ""]
HOOKS_ZH = {
    "government_impersonation": ["系统显示您名下有一张卡被人异地使用，需要本人尽快处理", "您有一份待签收的司法文书，逾期会影响出行"],
    "customer_service_refund": ["上次下单的那件商品被抽检出问题，平台安排了补偿", "您的会员在自动续费，不处理下月会继续扣"],
    "task_rebate": ["居家做点简单的手机任务就有收入，当天到手", "我们在找线上体验员，试用几款应用就结算"],
    "fake_investment": ["我们团队最近几笔操作收益都不错，名额有限", "有位分析师每天免费分享思路，很多人跟上了"],
    "pig_butchering": ["最近认识你挺开心的，想带你了解一下我平时做的理财", "我表姐在一家机构做内部数据，这周有个窗口期"],
    "fake_loan": ["根据您的信用情况，可以申请一笔低息周转金", "您的额度已经提升，今天可以直接提取"],
    "boss_impersonation": ["我是你们领导，这边有个合作方要先付一笔款", "开会中不方便说话，有个急事要你马上办"],
    "acquaintance_impersonation": ["是我啊，以前一个单位的，手机丢了这是新号", "好久没联系，我遇到点难处想请你帮个忙"],
    "romance": ["今天一直在想你，等忙完这阵就去找你", "我这边手续卡住了，需要先交一笔费用才能回国"],
}
HOOKS_EN = {
    "government_impersonation": ["our records show a card in your name being used in another city",
                                 "there is a court document waiting for you and a deadline is close"],
    "customer_service_refund": ["an item from your last order failed a quality check and you are owed compensation",
                                "your membership is renewing automatically every month"],
    "task_rebate": ["you can earn a little every day doing simple tasks on your phone",
                    "we pay testers to try a few apps, paid the same day"],
    "fake_investment": ["our team closed several good trades this week and has a few places left",
                        "an analyst shares his picks for free every morning"],
    "pig_butchering": ["it has been lovely talking to you, let me show you how I grow my savings",
                       "my cousin works with market data and says this week is a rare window"],
    "fake_loan": ["based on your credit you can take a low-interest cash advance",
                  "your credit limit was raised and can be drawn today"],
    "boss_impersonation": ["it's your manager, a partner needs a payment before noon",
                           "I'm stuck in a meeting and need you to handle something urgent"],
    "acquaintance_impersonation": ["it's me from the old office, lost my phone so this is my new number",
                                   "long time no see, I'm in a bit of trouble and need a favour"],
    "romance": ["I keep thinking about you, I'll come to see you soon",
                "my paperwork is stuck and I need to pay a fee before I can fly home"],
}
ACTIONS_ZH = {
    "link": ["详情看这里 {url}", "进入 {url} 按提示操作"],
    "reply": ["回复1由专人联系您", "方便的话直接回电，我们一对一说明", "搜索群号{handle}进群了解"],
    "qr": ["扫描图片里的二维码即可办理", "长按识别二维码添加专属顾问"],
}
ACTIONS_EN = {
    "link": ["details here {url}", "open {url} and follow the steps"],
    "reply": ["reply 1 and an agent will reach you", "just call this number back", "find us by searching group {handle}"],
    "qr": ["scan the QR code in the picture to continue", "scan the attached QR code to talk to your adviser"],
}
CLOSERS_ZH = ["", "谢谢配合。", "名额不多，抓紧。", "请勿告诉他人。"]
CLOSERS_EN = ["", "Thanks.", "Places are limited.", "Please keep this between us."]


def assembled_message(scam_type: str, rng: np.random.Generator, *, english: bool, action: str, url: str = "") -> str:
    """A held-out message: opener, hook of ``scam_type``, a call to act (``link``, ``reply`` or ``qr``), closer."""
    hooks, actions = (HOOKS_EN, ACTIONS_EN) if english else (HOOKS_ZH, ACTIONS_ZH)
    opener = _pick(rng, OPENERS_EN if english else OPENERS_ZH)
    hook, act = _pick(rng, hooks[scam_type]), _pick(rng, actions[action])
    handle = str(int(rng.integers(10**5, 10**8)))
    sep = ". " if english else "，"
    text = f"{opener}{hook}{sep}{act.format(url=url, handle=handle)}"
    closer = _pick(rng, CLOSERS_EN if english else CLOSERS_ZH)
    return f"{text}{'. ' if english else '。'}{closer}".strip() if closer else text


def with_new_scripts(knobs, gang_id: str, seed: int, scripts: dict[tuple[ScamType, bool], list[tuple[str, str]]],
                     ) -> dict[tuple[ScamType, bool], list[tuple[str, str]]]:
    """A gang's pools of ``(text, link)`` variants with held-out, link-less and QR variants mixed in.

    Each variant is rewritten with the knobs' shares: ``new_script_share`` of them from the held-out
    family, ``linkless_share`` without their link and ``qr_share`` with a QR-code lure instead. The
    pools come back unchanged, and nothing is drawn, when every share is 0.
    """
    if knobs.new_script_share <= 0 and knobs.linkless_share <= 0 and knobs.qr_share <= 0:
        return scripts
    rng = np.random.default_rng([seed, 7801, int(gang_id.lstrip("G") or 0)])
    return {key: [_variant(rng, knobs, key, text, url) for text, url in pool] for key, pool in scripts.items()}


def _variant(rng: np.random.Generator, knobs, key: tuple[ScamType, bool], text: str, url: str) -> tuple[str, str]:
    scam_type, english = key
    draw = rng.random()
    action = "qr" if draw < knobs.qr_share else "reply" if draw < knobs.qr_share + knobs.linkless_share else "link"
    if rng.random() < knobs.new_script_share:
        action = "reply" if action == "link" and not url else action  # a variant that had no link gets none
        kept = url if action == "link" else ""
        return assembled_message(scam_type.value, rng, english=english, action=action, url=kept), kept
    if action == "link" or not url:
        return text, url
    lure = _pick(rng, (ACTIONS_EN if english else ACTIONS_ZH)[action]).format(url="", handle=int(rng.integers(10**5, 10**8)))
    return text.replace(url, lure), ""


def _pick(rng: np.random.Generator, options: list[str]) -> str:
    return options[int(rng.integers(len(options)))]
