"""Scam message scripts in Chinese and English, with real variation.

A script is a template with slots (``{url}``, ``{bank}``, ``{amount}``...) and paraphrase
choices written ``[a|b|c]``. Rendering picks a choice, fills the slots, then perturbs: typos,
obfuscated keywords ("V信", "薇信", letters spaced or split by symbols), full-width digits.

>>> import numpy as np
>>> text = render_script("customer_service_refund", np.random.default_rng(3), english=True, url="https://jd-refund.top/a")
>>> "jd-refund.top" in text
True
"""

from __future__ import annotations

import re

import numpy as np

SCRIPTS_ZH = {
    "government_impersonation": [
        "[您好|你好]，这里是{city}公安局，您的身份证涉嫌一起洗钱案件，案件编号{case}，请立即登录{url}核查，否则将冻结您名下账户。",
        "【{city}市检察院】您涉嫌[非法集资|洗钱|诈骗]案，请于今日内访问{url}配合调查，逾期将依法拘留。",
        "[通知|提醒]：您的医保卡异常，已被冻结，请[点击|登录]{url}办理解冻，咨询{contact}。",
    ],
    "customer_service_refund": [
        "【{shop}】亲，您购买的商品质量问题需要理赔，[退款|赔付]{amount}元，请点击{url}办理。",
        "您好，我是{shop}客服，您的快递丢失，我们将双倍赔偿，请加{contact}或登录{url}。",
        "【{shop}】您已开通会员服务，每月扣费{amount}元，如需取消请[点击|访问]{url}。",
    ],
    "task_rebate": [
        "[招聘|急招]兼职，动动手指点赞关注，日[赚|结]{amount}元，加{contact}了解，{url}",
        "足不出户，手机刷单，佣金日结，{amount}起，详情{url} 加{contact}",
        "您好，我们是{shop}推广部，诚邀您做兼职[点赞员|推广员]，每单返利{amount}，{url}",
    ],
    "fake_investment": [
        "【内部消息】牛股推荐，本周必涨，加入VIP群{contact}，开户{url}",
        "[老师|导师]带单，稳赚不赔，月收益30%以上，注册{url}领取体验金{amount}元。",
        "数字货币量化交易，日收益5%，平台{url}，客服{contact}",
    ],
    "pig_butchering": [
        "[亲爱的|宝贝]，我发现一个平台稳赚，我舅舅在里面做分析师，你也注册一个吧{url}",
        "今天又赚了{amount}，这个平台真的可以，你试试{url}",
    ],
    "fake_loan": [
        "【{bank}】您有一笔{amount}元贷款额度待领取，无抵押秒到账，点击{url}申请。",
        "征信修复，逾期记录消除，办理请加{contact} {url}",
        "您的贷款已审核通过，需缴纳[解冻金|保证金]{amount}元后放款，请登录{url}。",
    ],
    "boss_impersonation": [
        "我是{boss}，我换了个号，加我{contact}，有急事。",
        "[小王|小李]，我在开会不方便接电话，给这个账户先转{amount}，回头报销。",
    ],
    "acquaintance_impersonation": [
        "猜猜我是谁？我换号码了，加我{contact}",
        "[老同学|老朋友]，我在外地出了点事，急需{amount}元，能先借我吗？",
    ],
    "romance": [
        "[亲爱的|宝贝]，想你了，今天我们的平台又有活动{url}",
        "我下个月就回国看你，先帮我交一下{amount}元的关税好吗？",
    ],
    # Recruitment into the chain (sent to people who become mules, and to strangers): no victim's money yet.
    "job_abroad_recruitment": [
        "[高薪招聘|海外急聘]：[柬埔寨|缅甸|迪拜|老挝]公司招打字员、客服，月薪2万起，包机票包吃住，无需经验，加{contact}",
        "出国务工好机会，[迪拜|柬埔寨|菲律宾]高薪岗位，签证机票公司全包，会打字就行，联系{contact}",
        "[老乡|兄弟]，我在[西港|缅甸]这边上班，一个月挣三四万，公司包机票，你来不来？加{contact}",
    ],
    "account_renting": [
        "收卡！[高价收购|长期收]银行卡、电话卡，两卡齐全一天{amount}元，闲置卡也能赚钱，加{contact}",
        "[兄弟|朋友]，你的[银行卡|微信号|支付宝]闲着也是闲着，租给我们走流水，一天{amount}元，不用你操作，加{contact}",
        "长期收购对公账户、个人银行卡，[日结|当天结算]，安全无风险，详询{contact}",
        "跑分平台招代理，用你的收款码代收代付，每笔提成，日入{amount}+，{contact}",
    ],
}
SCRIPTS_EN = {
    "government_impersonation": [
        "This is the {city} Police. Your ID is linked to a money laundering case ({case}). Verify at {url} or your accounts will be frozen.",
        "[Notice|Alert]: your social insurance card is suspended. [Visit|Log in at] {url} to restore it or call {contact}.",
    ],
    "customer_service_refund": [
        "[{shop}] Your order had a quality issue; we will refund {amount} CNY. [Click|Open] {url} to claim.",
        "{shop} support: your parcel was lost and we pay double compensation. Add {contact} or go to {url}",
    ],
    "task_rebate": [
        "Part-time job: like and follow, earn {amount} a day! Add {contact} {url}",
        "Work from home, [daily pay|paid daily], commission from {amount}. Details {url}",
    ],
    "fake_investment": [
        "Insider tip: this stock will [double|surge] this week. Join VIP group {contact}, open account {url}",
        "Mentor-led trading, 30% monthly return guaranteed. Register at {url} for a {amount} bonus.",
    ],
    "pig_butchering": [
        "[Dear|Honey], my uncle is an analyst on this platform, it always wins. Sign up {url}",
        "Made {amount} again today, you should try {url}",
    ],
    "fake_loan": [
        "[{bank}] A loan of {amount} CNY is pre-approved for you, no collateral. Apply at {url}",
        "Your loan is approved; pay a {amount} deposit to release it at {url}",
    ],
    "boss_impersonation": [
        "It's {boss}. New number, add me on {contact}, urgent.",
        "I'm in a meeting, please transfer {amount} to this account first, I'll reimburse you.",
    ],
    "acquaintance_impersonation": [
        "Guess who? New number, add me {contact}",
        "[Hey old friend|Hi buddy], I'm in trouble abroad and need {amount} urgently, can you lend it?",
    ],
    "romance": [
        "[Darling|Sweetheart], I miss you. Our platform has a promotion today {url}",
        "I'm flying to see you next month, can you cover the {amount} customs fee first?",
    ],
    "job_abroad_recruitment": [
        "[Hiring now|Urgent hiring]: typist and customer service jobs in [Cambodia|Myanmar|Dubai|Laos], high salary $3,000 a month, visa and flight paid, no experience needed. {contact}",
        "Overseas job offer: work in [Dubai|Cambodia], free flights and accommodation, salary USD 2,500+. Apply via {contact}",
        "[Hey bro|Hi friend], I work in [Sihanoukville|Myanmar] now, $4,000 a month for easy typing work, the company pays the ticket. Want in? {contact}",
    ],
    "account_renting": [
        "Easy money: rent out your bank card, {amount} CNY a day, we handle everything. Add {contact}",
        "We buy bank accounts and SIM cards. Two cards = daily cash {amount}. Contact {contact}",
        "Your idle bank account can earn {amount} a day. Lend us your account for payments, no risk. {contact}",
    ],
}
CITIES_ZH, CITIES_EN = ["北京", "上海", "广州", "深圳", "成都", "杭州"], ["Beijing", "Shanghai", "Guangzhou", "Shenzhen"]
SHOPS_ZH, SHOPS_EN = ["淘宝", "京东", "拼多多", "抖音商城"], ["Taobao", "JD", "Pinduoduo"]
BANKS_ZH, BANKS_EN = ["工商银行", "建设银行", "平安银行", "招商银行"], ["ICBC", "CCB", "Ping An Bank", "CMB"]
BOSS_ZH, BOSS_EN = ["王总", "李总", "张总"], ["Mr Wang", "Director Li"]
#: Ways gangs write "WeChat" and "QQ" to slip past keyword filters.
WECHAT_ZH = ["微信", "V信", "薇信", "威信", "VX", "v❤", "wx", "微❤"]
WECHAT_EN = ["WeChat", "WX", "V-chat", "W e C h a t", "wechat"]
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_LINK = "\x00"
_LETTERS = "abcdefghkmnpqrstuvwxyz"
_AMOUNTS = (88, 200, 300, 500, 1000, 2000, 5000, 8800, 30000)
_CHOICE = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")


def render_script(scam_type: str, rng: np.random.Generator, *, english: bool, url: str = "",
                  obfuscate: float = 0.4, typo: float = 0.2) -> str:
    """One message of ``scam_type``: template, paraphrase, slots, then perturbation."""
    scripts = (SCRIPTS_EN if english else SCRIPTS_ZH)[scam_type]
    text = scripts[int(rng.integers(len(scripts)))]
    text = _CHOICE.sub(lambda m: _pick(rng, m.group(1).split("|")), text)
    text = text.format(**_slots(rng, english))
    if rng.random() < obfuscate:
        text = _obfuscate(rng, text, english)
    if rng.random() < typo:
        text = _typo(rng, text)
    # The link goes in last so that perturbation never touches it.
    return text.replace(_LINK, url if english else f" {url} ").strip()


def _pick(rng: np.random.Generator, options: list[str]) -> str:
    return options[int(rng.integers(len(options)))]


def _slots(rng: np.random.Generator, english: bool) -> dict[str, str]:
    app = _pick(rng, WECHAT_EN if english else WECHAT_ZH)
    handle = "".join(_LETTERS[i] for i in rng.integers(0, len(_LETTERS), 5)) + str(int(rng.integers(10, 9999)))
    return {
        "url": _LINK, "amount": str(_AMOUNTS[int(rng.integers(len(_AMOUNTS)))]),
        "case": f"{'JX' if not english else 'CASE'}{int(rng.integers(10**5, 10**6))}",
        "contact": f"{app}:{handle}" if rng.random() < 0.5 else f"{app} {handle}",
        "city": _pick(rng, CITIES_EN if english else CITIES_ZH), "shop": _pick(rng, SHOPS_EN if english else SHOPS_ZH),
        "bank": _pick(rng, BANKS_EN if english else BANKS_ZH), "boss": _pick(rng, BOSS_EN if english else BOSS_ZH),
    }


def _obfuscate(rng: np.random.Generator, text: str, english: bool) -> str:
    """Full-width digits, or a keyword split by spaces or symbols ("退 款", "冻*结")."""
    if rng.random() < 0.4:
        return text.translate(_FULLWIDTH)
    keywords = ["refund", "account", "loan", "police", "frozen"] if english else ["退款", "账户", "冻结", "贷款", "公安", "刷单", "返利", "兼职"]
    sep = _pick(rng, [" ", "*", "-", "/", "·"])
    for word in keywords:
        if word in text:
            return text.replace(word, sep.join(word), 1)
    return text


def _typo(rng: np.random.Generator, text: str) -> str:
    """A common slip: a homophone (帐/账, 款/歀) in Chinese, a dropped or doubled letter in English."""
    for right, wrong in (("账", "帐"), ("款", "歀"), ("户", "戸"), ("您", "你")):
        if right in text:
            return text.replace(right, wrong, 1)
    words = [i for i, w in enumerate(text.split(" ")) if w.isalpha() and len(w) > 4]
    if not words:
        return text
    parts = text.split(" ")
    i = words[int(rng.integers(len(words)))]
    cut = int(rng.integers(1, len(parts[i]) - 1))
    parts[i] = parts[i][:cut] + parts[i][cut + 1:] if rng.random() < 0.5 else parts[i][:cut] + parts[i][cut] + parts[i][cut:]
    return " ".join(parts)
