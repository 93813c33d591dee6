"""Normal message texts: person to person, one-time passwords, bank notices, deliveries, marketing, job adverts.

Each kind is a pool of texts rendered once per world from templates with slots; the daily
generators pick from the pools by index, which keeps millions of messages cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

P2P_ZH = [
    "到家了吗？", "晚上一起吃饭吧", "妈，我周末回来", "明天几点开会？", "好的，收到", "我在路上了，十分钟到",
    "帮我带瓶水", "孩子今天发烧了，我请个假", "下班了吗", "周六去爬山怎么样", "那个文件我发你邮箱了",
    "生日快乐！", "记得交电费", "车停在老地方", "今天加班，晚点回", "快递帮我拿一下", "谢谢啦",
    "你看到群里的消息了吗", "我到楼下了", "爸的药买了吗", "明天降温，多穿点", "钱收到了，谢谢",
]
P2P_EN = [
    "Are you home yet?", "Dinner tonight?", "Running 10 min late", "Call me when you can", "ok thanks",
    "Happy birthday!", "Can you pick up the kids?", "Meeting moved to 3pm", "See you at the gym",
    "Did you get my email?", "Love you, see you soon", "Parking at the usual place", "Got it, thanks!",
]
#: (sender, Chinese template, English template) of service messages; senders are short codes or sender ids.
OTP = [
    ("95588", "【工商银行】您的验证码为{code}，5分钟内有效，请勿泄露。", "[ICBC] Your code is {code}, valid 5 min. Never share it."),
    ("95533", "【建设银行】验证码{code}，您正在进行登录操作。", "[CCB] Code {code} for your login."),
    ("Alipay", "【支付宝】校验码{code}，您正在登录，请勿告诉他人。", "[Alipay] Verification code {code}. Do not share."),
    ("10690000", "【美团】您的验证码是{code}。", "[Meituan] Your verification code is {code}."),
]
BANK = [
    ("95588", "【工商银行】您尾号{tail}卡{mm}月{dd}日支出{amount}元，余额{balance}元。",
     "[ICBC] Card ending {tail}: {amount} CNY spent on {mm}/{dd}, balance {balance}."),
    ("95555", "【招商银行】您账户{tail}于{mm}月{dd}日收入{amount}元。", "[CMB] Account {tail} received {amount} CNY on {mm}/{dd}."),
    ("95566", "【中国银行】您的信用卡本期账单{amount}元，到期还款日{mm}月{dd}日。",
     "[BOC] Your statement is {amount} CNY, due {mm}/{dd}."),
]
DELIVERY = [
    ("95338", "【顺丰速运】您的快件已到{place}，取件码{code}。", "[SF Express] Your parcel is at {place}, pickup code {code}."),
    ("JD", "【京东】您的订单已出库，预计明天送达。", "[JD] Your order has shipped and arrives tomorrow."),
    ("95311", "【中通快递】包裹已放{place}，请凭{code}取件。", "[ZTO] Parcel left at {place}, code {code}."),
]
MARKETING = [
    ("10691234", "【京东】会员日满199减30，戳 https://m.jd.com/act/{token} 回T退订",
     "[JD] Member day: 30 off 199, see https://m.jd.com/act/{token} Reply T to stop"),
    ("10698800", "【美团】外卖红包已到账，https://i.meituan.com/r/{token} 回T退订",
     "[Meituan] Your coupon is here: https://i.meituan.com/r/{token} Reply T to stop"),
    ("CMCC", "【中国移动】您本月流量已用80%，办理加油包请回复1。", "[China Mobile] 80% of your data used. Reply 1 for more."),
    ("10690088", "【淘宝】您关注的商品降价了 https://m.tb.cn/h.{token} 回TD退订",
     "[Taobao] A saved item is on sale https://m.tb.cn/h.{token} Reply TD to stop"),
]
#: Hard negatives for the recruitment scam types: genuine job adverts (overseas postings among them) and the
#: banks' and police's own warnings, which name the very phrases the recruiters use.
JOB_ADVERTS = [
    ("10690555", "【BOSS直聘】华润万家正在招聘客服专员，底薪4500+提成，五险一金，详情 https://www.zhipin.com/job/{token}",
     "[Indeed] Tesco is hiring a customer service advisor, 11.50 an hour, see https://uk.indeed.com/viewjob?jk={token}"),
    ("10690666", "【智联招聘】您订阅的职位有更新：仓库管理员，月薪6000-8000，包吃住，https://www.zhaopin.com/{token}",
     "[LinkedIn] New jobs match your search: data entry clerk, no experience needed, https://www.linkedin.com/jobs/view/{token}"),
    ("10690777", "【前程无忧】中建海外工程项目招聘电工，正规外派劳务合同，机票报销，请到当地人社部门核实，https://www.51job.com/{token}",
     "[Reed] Overseas engineering posting: electricians for a Dubai site, contract through a licensed agency, https://www.reed.co.uk/jobs/{token}"),
]
CARD_WARNINGS = [
    ("95588", "【工商银行】温馨提示：出租、出借、出售银行卡属违法行为，切勿参与“两卡”犯罪，谨防电信诈骗。",
     "[ICBC] Reminder: renting, lending or selling your bank card or account is illegal. Never hand them over."),
    ("12110", "【反诈中心】“高薪招聘出国务工、境外打字员、包机票”多为诈骗陷阱，切勿轻信，有疑问请拨打96110。",
     "[Anti-fraud centre] 'High salary jobs abroad, flights paid' are often traps into scam compounds. Call 96110 if unsure."),
    ("95533", "【建设银行】您尾号{tail}的银行卡长期未使用，如不再需要请到网点注销，切勿出租出借。",
     "[CCB] Your card ending {tail} has been unused for a long time; close it at a branch if you no longer need it. Never rent it out."),
]
PLACES_ZH, PLACES_EN = ["菜鸟驿站", "小区门口丰巢柜", "前台", "3号楼快递柜"], ["the locker", "reception", "the pickup point"]
POOL_SIZE = 300
_TOKEN = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass
class TextPools:
    """Rendered texts by kind and language, with the sender of each."""

    texts: dict[str, pa.Array]
    senders: dict[str, pa.Array]

    def p2p(self, rng: np.random.Generator, english: np.ndarray) -> pa.Array:
        return self._pick(rng, "p2p", english)

    def service(self, rng: np.random.Generator, kind: str, english: np.ndarray) -> tuple[pa.Array, pa.Array]:
        pick = self._indexes(rng, kind, english)
        return self.texts[kind].take(pick), self.senders[kind].take(pick)

    def _indexes(self, rng, kind, english) -> np.ndarray:
        half = len(self.texts[kind]) // 2
        return rng.integers(0, half, len(english)) + np.where(english, half, 0)

    def _pick(self, rng, kind, english) -> pa.Array:
        return self.texts[kind].take(self._indexes(rng, kind, english))


def text_pools(seed: int) -> TextPools:
    rng = np.random.default_rng([seed, 7301])
    texts = {"p2p": [P2P_ZH[i % len(P2P_ZH)] for i in range(POOL_SIZE)] + [P2P_EN[i % len(P2P_EN)] for i in range(POOL_SIZE)]}
    senders = {"p2p": [""] * (2 * POOL_SIZE)}
    kinds = {"otp": OTP, "bank": BANK, "delivery": DELIVERY, "marketing": MARKETING, "job_advert": JOB_ADVERTS,
             "card_warning": CARD_WARNINGS}
    for kind, templates in kinds.items():
        rows = [templates[int(rng.integers(len(templates)))] for _ in range(POOL_SIZE)]
        texts[kind] = [_render(rng, zh, False) for _, zh, _ in rows] + [_render(rng, en, True) for _, _, en in rows]
        senders[kind] = [s for s, _, _ in rows] * 2
    return TextPools({k: pa.array(v, pa.string()) for k, v in texts.items()},
                     {k: pa.array(v, pa.string()) for k, v in senders.items()})


def _render(rng: np.random.Generator, template: str, english: bool) -> str:
    places = PLACES_EN if english else PLACES_ZH
    return template.format(
        code=f"{int(rng.integers(0, 10**6)):06d}", tail=f"{int(rng.integers(0, 10**4)):04d}",
        amount=f"{rng.lognormal(4.5, 1.0):.2f}", balance=f"{rng.lognormal(9, 1.2):.2f}",
        mm=int(rng.integers(1, 13)), dd=int(rng.integers(1, 29)), place=places[int(rng.integers(len(places)))],
        token="".join(_TOKEN[i] for i in rng.integers(0, len(_TOKEN), 6)),
    )
