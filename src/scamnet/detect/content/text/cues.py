"""The cue lexicon: phrases, in Chinese and English, that scam messages use to steer a victim.

Each cue has a readable reason (what an analyst sees), the scam type it points to when it
points to one, and patterns matched against normalised text (``normalise.normalise_text``).

>>> [hit.cue.name for hit in find_cues("您涉嫌洗钱，请将资金转入安全账户配合调查")]
['authority', 'safe_account', 'transfer_request']
>>> [hit.cue.name for hit in find_cues("urgent: your account is suspended, verify now at http://x.co/a")]
['account_problem', 'verify_account', 'urgency', 'link']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scamnet.core.enums import ScamType
from scamnet.detect.content.text.cue_scan import CueScanner


@dataclass(frozen=True)
class Cue:
    name: str
    reason: str
    patterns: tuple[str, ...]
    scam_type: ScamType | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self)


@dataclass(frozen=True)
class CueHit:
    cue: Cue
    term: str

    def __str__(self) -> str:
        return f"{self.cue.reason}: “{self.term}”"


_T = ScamType
# What an advance-fee request asks for first (``advance_fee``), and what it promises to release once paid.
_FEE_ZH = ("工本费|保证金|解冻费|解冻金|手续费|激活费|公证费|认证费|审核费|放款费|服务费|会员费|培训费|体检费|服装费|"
           "押金|税费|个人所得税|所得税|风险金|验证金|流水")
_RELEASE_ZH = "放款|下款|到账|提现|出款|领取|领奖|奖金|奖品|入职|上岗|退款|理赔|发货|派送|解冻|返还|贷款|借款"
_FEE_EN = (r"(processing|release|clearance|handling|activation|insurance|admin|administration|registration|transfer|"
           r"delivery|shipping|customs|upfront|up-front|application|verification|security|unlock|courier|redelivery) "
           r"(fee|charge|deposit|tax|duty)")
_RELEASE_EN = (r"receive|release|get|claim|unlock|collect|disburs\w*|credit|start|deliver\w*|redeliver\w*|"
               r"transfer (it|the (funds|money|loan))")
# What an account-verification phish says: trouble with the account, a request to verify it or the reader's
# identity, and a link to do it through (``verify_account``).
_TROUBLE_ZH = (r"(账户|帐户|账号|银行卡|信用卡|社保卡|医保卡|手机号|会员)[^,.;!?。]{0,6}(异常|冻结|锁定|被锁|受限|限制|停用|失效|风险)|"
               r"etc[^,.;!?。]{0,4}(失效|停用|异常)|异常(登录|交易|操作)|(存在|检测到|发现)[^,.;!?。]{0,4}(风险|异常)|"
               r"(即将|将被|已被)(冻结|停用|注销|锁定)")
_VERIFY_ZH = (r"(验证|核实|认证|核验|确认|更新|完善|激活|解冻|解除|登记)[^,.;!?。]{0,4}(身份|账户|帐户|账号|信息|资料)|"
              r"(身份|实名)(验证|认证|核实|核验)|重新(认证|验证|激活)|(进行|完成)(认证|验证)")
_DOMAIN = r"\b[a-z0-9\-]+\.(com|cn|net|top|xyz|vip|cc|co|me|ly|info|shop|app)\b"
_VIA_LINK_ZH = rf"点击|链接|网址|https?://|www\.|{_DOMAIN}"
_TROUBLE_EN = (r"(unusual|suspicious|unauthori[sz]ed|irregular|unrecogni[sz]ed|strange) (activity|sign-?ins?|log-?ins?|"
               r"access|transactions?|charges?|attempts?|payments?)|(account|card|access)( has| have)?( been| is| was| will be)?"
               r"( temporarily| permanently)? (suspended|locked|limited|restricted|blocked|disabled|on hold|frozen|"
               r"deactivated|closed|terminated)|will be (temporarily |permanently )?(suspended|locked|closed|terminated|"
               r"deactivated|disabled|blocked)|(limited|locked|suspended|blocked|disabled|restricted) your (account|card|access)|"
               r"security (reasons|check|verification)")
_VERIFY_EN = (r"verify|(confirm|validate|update)( your)? (account|identity|details|information|info|card|billing|payment)|"
              r"re-?activate|restore (your )?(account|access)|unlock (your )?(account|card)")
_VIA_LINK_EN = rf"https?://|www\.|(click|tap|visit|follow|open|go to) (here|below|the link|this link|the url)|\blink\b|{_DOMAIN}"
CUES: tuple[Cue, ...] = (
    Cue("authority", "authority impersonation (police, court, government)", (
        "公安局", "公安机关", "派出所", "警官", "民警", "刑侦", "检察院", "法院", "通缉", "逮捕令", "冻结令",
        "涉嫌洗钱", "涉嫌", "立案", "传票", "社保局", "医保局", "税务局", "市场监管", "网警", "反诈中心",
        r"\bpolice\b", r"\bcourt\b", "arrest warrant", r"\birs\b", "tax office", "customs", "immigration",
        "money laundering", "interpol",
    ), _T.GOVERNMENT_IMPERSONATION),
    Cue("safe_account", "“safe account” to move money into", (
        "安全账户", "安全帐户", "资金清查", "资金核查", "清查账户", "验资", "保证金账户", "监管账户",
        "safe account", "secure account", "holding account",
    ), _T.GOVERNMENT_IMPERSONATION),
    Cue("refund", "refund or compensation offer", (
        "退款", "理赔", "赔付", "双倍赔偿", "快递丢失", "商品质量问题", "退货", "退费", "关闭会员", "取消会员",
        "自动扣费", "百万保障", "注销校园贷", r"\brefund", "compensation", "reimburse", "overcharged",
    ), _T.CUSTOMER_SERVICE_REFUND),
    Cue("task_rebate", "task-for-rebate job (likes, orders, reviews for commission)", (
        "刷单", "返利", "返佣", "佣金", "点赞", "做任务", "垫付", "日结", "兼职", "在家赚钱", "动动手指",
        "手机兼职", "好评返现", "task commission", "like videos", "part[- ]time job", "daily salary",
        "earn \\$?\\d+ (a|per) day", "work from home",
    ), _T.TASK_REBATE),
    Cue("investment", "promised investment returns", (
        "稳赚", "保本", "高回报", "日收益", "收益率", "投资理财", "带单", "导师", "内幕消息", "牛股", "炒币",
        "虚拟币", "usdt", "数字货币", "原始股", "翻倍", "guaranteed return", "profit", "crypto", "bitcoin",
        "trading signal", "invest(ment)?", "double your",
    ), _T.FAKE_INVESTMENT),
    Cue("loan", "loan or credit offer", (
        "贷款", "无抵押", "低息", "秒批", "秒到账", "额度", "征信", "信用卡代办", "办理信用卡", "提额", "解冻费",
        "放款", r"\bloan", "credit limit", "low interest", "no credit check",
    ), _T.FAKE_LOAN),
    Cue("boss", "boss or acquaintance asking for money", (
        # a boss or a friend *speaking as themselves* or asking for money: "老板说会改到三点" and "你借我的书" are
        # everyday chat, so the bare words 老板, 领导 and 借我 are no cue
        "我是你领导", "我是你老板", "我是你们的领导", r"我是你们?的?.{0,2}[总董]", "(老板|领导)(让|叫)你(?=.{0,6}(转|汇|打款))",
        "我换号了", "这是我新号", "猜猜我是谁", "帮我转", r"借我.{0,4}(钱|\d|[一两二三四五六七八九十百千万]+(块|元))", r"(钱|元|块)[^。!?]{0,8}借我", "急用钱",
        "it's your boss", "new number", "hi mum", "hi mom", "hi dad",
        r"\b(hey|hello) (mum|mom|dad)\b", r"(lost|broke|dropped) my phone", r"my phone (broke|is broken)",
        r"save (this|my new) number",
    ), _T.BOSS_IMPERSONATION),
    Cue("prize", "prize, lottery or free gift", (
        "中奖", "恭喜您", "获得.{0,6}奖", "领取奖品", "抽奖", "幸运用户", "红包", "免费领", r"\bwon\b",
        r"\bwinner", r"\bprize", r"\bclaim", "free entry", "congratulations", r"\bfree\b", "gift card", "voucher",
    ), _T.PRIZE_LOTTERY),
    Cue("account_problem", "account problem that must be ‘verified’", (
        "账户异常", "帐户异常", "账号异常", "已被冻结", "冻结", "身份验证", "实名认证", "etc.{0,2}失效",
        "积分.{0,4}(兑换|清零|过期)", "停机", "suspended", r"\blocked\b", r"\bverify", "unusual activity",
        "security alert", "confirm your", "update your (details|payment|account)", "unauthori[sz]ed",
    ), _T.PHISHING),
    Cue("verify_account", "an account problem to fix by verifying through a link (phishing)", (
        # the request, not the story: a bank's own notice says "if this wasn't you, open the app or call the number
        # on your card" and sends no one to a link to verify
        rf"({_TROUBLE_ZH})[^!?]{{0,60}}?({_VIA_LINK_ZH})[^!?]{{0,20}}?({_VERIFY_ZH}|认证|验证(?!码)|核验)",
        rf"({_TROUBLE_ZH})[^!?]{{0,60}}?({_VERIFY_ZH})[^!?]{{0,20}}?({_VIA_LINK_ZH})",
        rf"\b({_TROUBLE_EN})[^!?]{{0,120}}?\b({_VIA_LINK_EN})[^!?]{{0,40}}?\b({_VERIFY_EN})",
        rf"\b({_TROUBLE_EN})[^!?]{{0,120}}?\b({_VERIFY_EN})[^!?]{{0,40}}?({_VIA_LINK_EN})",
        rf"\b({_VERIFY_EN})[^!?]{{0,40}}?({_VIA_LINK_EN})[^!?]{{0,60}}?\b({_TROUBLE_EN})",
    ), _T.PHISHING),
    Cue("gambling", "gambling site", (
        "博彩", "赌场", "百家乐", "六合彩", "时时彩", "娱乐城", "真人荷官", "棋牌", "彩金", "casino", "betting",
    ), _T.GAMBLING),
    Cue("romance", "romance or friendship opener", (
        "交个朋友", "寂寞", "约会", "美女", "单身", "dating", "lonely", r"\bsexy\b", "hot singles",
        "get to know you", "you seem nice", r"\bwe met (at|on)\b",
    ), _T.ROMANCE),
    Cue("urgency", "urgency or a deadline", (
        "立即", "马上", "尽快", "紧急", "今日内", "24小时内", "否则", "逾期", "限时", "最后一天", r"\burgent",
        r"\bimmediately", r"\bnow\b", r"\btoday\b", "within 24", "expires?", "final notice", "asap", "last chance",
    )),
    Cue("secrecy", "asks to keep it secret", (
        "保密", "不要告诉", "不得告诉", "不要声张", "不要挂断", "不要泄露", "秘密", "don't tell", "do not tell",
        "keep (it|this) (secret|confidential)", "confidential",
    )),
    Cue("other_app", "asks to move to another app", (
        "微信", r"\bqq\b", "telegram", "whatsapp", "wechat", r"\bon signal\b", "下载.{0,6}(app|软件)", "屏幕共享", "会议号", "zoom",
        "腾讯会议", "添加好友", "加好友", "扫码", "二维码",
    )),
    Cue("transfer_request", "asks to transfer or pay money", (
        # a receipt records money that moved ("转入500元，余额…", "充值成功", "您向便利店付款12元"); a request sends it somewhere
        "转账", "转入(?=.{0,8}(账户|帐户|卡))", "转到", "汇款", "打款", "(请|先|需|需要|立即|马上|尽快)(付款|充值)", "缴纳", "垫资", "transfer (the )?(money|funds)",
        "wire", r"\bpay\b", "gift cards?",
    )),
    Cue("advance_fee", "a fee, deposit or tax to pay before a loan, job, prize, refund or parcel is released", (
        # the request is the order: money first, then what was promised. A bill, a receipt or a fee notice asks
        # nothing in return ("本月电费86元", "补办需缴纳工本费20元"), so a fee alone is no cue
        rf"(交|缴|付|支付|缴纳|交纳|转)[^。!?]{{0,10}}({_FEE_ZH})[^。!?]{{0,14}}(才能|方可|才可|即可|就能|后|再)[^。!?]{{0,4}}({_RELEASE_ZH})",
        rf"({_RELEASE_ZH})[^。!?]{{0,6}}(前|之前)[^。!?]{{0,6}}(需|须|要|请|必须)?先?(交|缴|付|支付|缴纳|交纳|转)[^。!?]{{0,10}}({_FEE_ZH})",
        rf"({_RELEASE_ZH})[^。!?]{{0,12}}(需|须|要|请|必须)先(交|缴|付|支付|缴纳|交纳|转)[^。!?]{{0,10}}({_FEE_ZH})",
        rf"\b(pay|paying|send|deposit|transfer)( us| a| the| an| your)?( small| one[- ]time| refundable| [£$€]\d[\d,.]*)* ({_FEE_EN})"
        rf"[^.!?]{{0,40}}\b(to|before|and)\b[^.!?]{{0,20}}\b({_RELEASE_EN})",
        rf"\b({_FEE_EN})( of [£$€]?\d[\d,]*)? (is )?(required|needed|due|payable) (to|before)\b[^.!?]{{0,30}}\b({_RELEASE_EN})",
        rf"\b(fee|deposit|tax|charge)[^.!?]{{0,20}}\bbefore (we|you)( can)? ({_RELEASE_EN})",
        rf"\b({_RELEASE_EN})[^.!?]{{0,30}}\bafter (you )?(pay|paying|payment of)\b[^!?]{{0,30}}\b(fee|deposit|tax|charge)",
    )),
    Cue("premium_rate", "premium-rate charge (09xx number, per-minute or per-message cost)", (
        r"\bcall\s+(090\d{7,8}|0871\d{6,7})\b", r"\b090\d{7,8}\b", r"\b0871\d{6,7}\b", r"\b1-?900-?\d{3}-?\d{4}\b", r"\d+p ?(/|per) ?(min|msg|minute|message|txt)",
        r"£\d\.\d\d ?(/|per) ?(min|msg|minute|message|txt|wk|week)", r"\$\d\.\d\d ?(/|per) ?(msg|min)", r"\bppm\b", r"\bcost \d+p\b",
        r"from a landline\b(?! number)",
    ), _T.PRIZE_LOTTERY),
    Cue("code_request", "asks for a one-time code or PIN", (
        r"(send|forward|read|give) (me|us) (the|your|that) (code|otp|pin|verification code)",
        r"(forward|send) (it|the code|the otp|the pin) (back )?to me", r"(sent|send) .{0,20}code to your (phone|number) by mistake",
        "把验证码发", "验证码发给我", "告诉我验证码", "验证码告诉我", "提供.{0,8}验证码", "回复.{0,6}验证码",
    ), _T.PHISHING),
    Cue("callback", "number to call or text back", (
        r"(致电|拨打|回电|联系电话|客服电话)[:：]?\s*\+?\d[\d\- ]{5,}", r"\bcall\s+\+?0?\d[\d\- ]{6,}",
        r"(text|txt|reply|send)\s+\w+\s+to\s+\d{4,}", r"\b0?8\d{8,10}\b", r"\b0?9\d{8,10}\b",
    )),
    Cue("link", "link to open", (
        r"https?://[a-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*[a-z0-9/=#%_\-]", r"\bwww\.[a-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*[a-z0-9/=#%_\-]",
        r"\b[a-z0-9\-]+\.(?:com|cn|net|top|xyz|vip|cc|co|me|ly|info|shop|app)\b",
    )),
)

#: Recruitment into the chain (issue 13, item 7): jobs abroad that end in scam compounds, and offers to buy
#: or rent bank cards, phone cards and payment accounts. Kept apart from ``CUES`` because a shipped message
#: model holds one feature per cue of ``CUES`` (``cue_vector``); ``find_cues`` reads both.
RECRUITMENT_CUES: tuple[Cue, ...] = (
    Cue("job_abroad", "job abroad with travel paid (the lure into scam compounds)", (
        "出国务工", "出国工作", "海外务工", "海外工作", "境外工作", "境外务工", "境外高薪", "海外高薪", "包机票", "报销机票",
        "机票报销", "包签证", "办理护照", "柬埔寨", "缅甸", "妙瓦底", "西港", "迪拜", "老挝", "金三角", "菲律宾",
        "cambodia", "myanmar", "dubai", r"\blaos\b", "sihanoukville", r"work (abroad|overseas)", "overseas job",
        r"job (abroad|overseas)", r"visa (and|&) (flights?|tickets?)", r"flights? (and visa )?(are )?paid",
        r"(free|paid) (flights?|air ?tickets?)",
    ), _T.JOB_ABROAD_RECRUITMENT),
    Cue("easy_high_pay", "high pay for an easy job, no experience needed", (
        "高薪", "月薪[1-9一二三四五六七八两]万", "月入[过上]?[1-9一二三四五六七八两]?万", "无需经验",
        "不需要经验", "零经验", "打字员", "包吃包住", "包食宿", "high salary", "high pay", "no experience",
        r"\btypists?\b", r"\$\d,?\d{3}\+? ?(a|per) month", r"(usd|us\$) ?\d,?\d{3}",
    ), _T.JOB_ABROAD_RECRUITMENT),
    Cue("account_renting", "offer to buy or rent bank cards, phone cards or payment accounts", (
        "收卡", "租卡", "收购银行卡", "收银行卡", "出租银行卡", "出售银行卡", "出借银行卡", "租银行卡", "银行卡出租",
        "两卡", "收购对公账户", "收对公账户", "对公账户出租", "收微信号", "收支付宝", "收电话卡", "收手机卡", "出租电话卡",
        "租用.{0,3}(微信|支付宝|账户|账号)", "跑分", "代收代付", "收u", "收款码出租",
        r"rent (out )?(your )?(bank )?(cards?|accounts?)", r"sell (us )?your (bank )?(cards?|accounts?)",
        r"buy(ing)? (your )?(bank|sim|phone) (cards|accounts)", r"\btwo cards\b", r"(bank )?card rental",
        r"lend (us )?your (bank )?(card|account)", r"(unused|idle|spare) (bank )?(card|account|sim)s?",
    ), _T.ACCOUNT_RENTING),
    Cue("idle_account_cash", "easy daily cash for an idle card or account", (
        "闲置.{0,4}(银行卡|卡|账户|账号|手机号)", "一天\\d+元", "一天[一二三四五六七八九十百千]+元", "日入\\d+", "躺赚",
        "不用上班", "在家躺", "cash daily", "daily cash", "passive income", r"earn \$?\d+ a day (doing nothing|from home)",
    ), _T.ACCOUNT_RENTING),
)
#: The other side: a warning that names scams to warn against them ("高薪招聘出国务工…多为诈骗陷阱", "we will never
#: ask for your PIN"). It says a scam's words without making its request, so the model needs a feature that tells
#: the two apart; it points to no scam type.
_NEVER = "(不会|绝不会|决不会|绝对不会|从不|从来不会|从未)(以任何(理由|形式|方式|名义))?"
WARNING_CUES: tuple[Cue, ...] = (
    Cue("scam_warning", "warns against scams (an anti-fraud notice)", (
        "谨防.{0,8}(诈骗|骗局|上当|受骗|被骗)", "(多为|均为|都是|一律是|一律为|皆为|均系|就是)(电信)?(诈骗|骗局|骗子)",
        "(诈骗|骗局)陷阱", "防范.{0,6}(诈骗|电诈|骗局)", "警惕.{0,10}(诈骗|骗局|陷阱)", "反诈(中心)?[】\\]]?(提醒|提示|宣传|预警|知识)", "不会通过电话办案",
        # what the sender will never ask for ("不会向您索取验证码", "不会要求您转账"); a promise that the reader pays or
        # risks nothing ("不会让您出一分钱", "不会收取任何费用") is a scammer's reassurance, not a warning
        "防骗", "以防受骗", rf"{_NEVER}(向您|跟您|找您)?(索要|索取|询问)(?![^。!?;]{{0,8}}(费用|钱|手续费|佣金|利息))",
        rf"{_NEVER}(要求|让|叫)(您|你)?[^。!?;,]{{0,6}}?(提供|告知|透露|说出|发送|转发|告诉|转账|汇款|转入|打款|下载|安装|开启|共享)",
        r"\bwill never (ask|call|text|email|request|contact)", r"\bnever (share|give|tell|disclose|send) (your|this|the|a) "
        r"(code|otp|pin|password|passcode)", r"\bdo not share (your|this|the) (code|otp|pin|password)",
        r"\bbeware of (scams?|fraud|fake)", r"\bscam (alert|warning|awareness)", r"\b(report|forward) (suspicious|scam|fraud)",
        r"\bprotect yourself from (scams?|fraud)", r"\b(is|are) (always |likely |probably )?(a )?scams?\b",
    )),
)
ALL_CUES: tuple[Cue, ...] = CUES + RECRUITMENT_CUES + WARNING_CUES
MODEL_CUE_NAMES: tuple[str, ...] = tuple(item.name for item in CUES)

#: A genuine posting abroad (``vouched_posting``): a formal contract, a check with the labour authority.
_FORMAL_CONTRACT = re.compile(
    r"(正规|正式)[^,.;!?。]{0,4}(劳务|劳动|外派|雇佣)?合同|(签订|签署)[^,.;!?。]{0,6}(劳务|劳动|外派|雇佣)合同|外派劳务合同|"
    r"劳务派遣合同|对外劳务合作(经营)?资格|\b(formal|written|signed) (employment |work )?contract|"
    r"\bemployment contract\b|\bcontract (through|with|via) a (licensed|registered|accredited) (agency|recruiter)")
_CHECK_WITH_AUTHORITY = re.compile(
    r"(人社|人力资源(和|与)?社会保障|人力资源社会保障|劳动保障|劳动)(部门|局|厅)[^,.;!?。]{0,6}(核实|核查|查询|咨询|查验|备案)|"
    r"(核实|核查|查询|咨询|查验)[^,.;!?。]{0,8}(人社|人力资源(和|与)?社会保障|劳动保障|商务)(部门|局|厅)|"
    r"\b(verify|check|confirm)\b[^.!?]{0,40}\b(with|at) (the |your )?(local )?(labour|labor|employment|migrant workers?) "
    r"(department|ministry|office|authority|bureau)|\b(with|at) (the )?(dmw|poea)\b")
_LURE_MARKER = re.compile(
    r"(扣|收|保管|上交|交给|没收)[^,.;!?。]{0,4}护照|护照[^,.;!?。]{0,6}(公司保管|统一保管|上交|扣押|没收)|"
    r"(先|需|须)[^,.;!?。]{0,3}(交|缴|付|转)[^,.;!?。]{0,8}(费|押金|保证金)|柬埔寨|缅甸|妙瓦底|西港|金三角|偷渡|"
    r"\b(keep|hold|take|surrender|hand over)\b[^.!?]{0,12}\bpassports?\b|\bpay\b[^.!?]{0,20}\b(fee|deposit)s?\b"
    r"[^.!?]{0,12}\b(first|upfront|up front|in advance)\b|cambodia|myanmar|sihanoukville|myawaddy|golden triangle")
_BY_NAME = {cue.name: cue for cue in ALL_CUES}
_CACHE: dict[str, re.Pattern[str]] = {}
#: Cues that read a whole request, over words other cues name ("pay" in "pay the processing fee to receive it",
#: "反诈中心" in a warning): each is searched on its own, so the phrase-cues find what they found without them.
_WHOLE_REQUEST = ("verify_account", "advance_fee", "scam_warning")
# What every match of a whole-request cue holds, searched first: most texts lack it, and the cheap search spares them
# the long one (``verify_account`` alone would double the time of ``find_cues``).
_GATES = {"verify_account": re.compile("verify|confirm|validate|update|activate|restore|unlock|验证|核实|认证|核验|确认|"
                                      "更新|完善|激活|解冻|解除|登记"),
          # every pattern names the fee (``_FEE_ZH``; ``_FEE_EN`` ends in one of these words)
          "advance_fee": re.compile(f"{_FEE_ZH}|fee|charge|deposit|tax|duty"),
          # per pattern, a word it cannot match without (``_NEVER``'s longer forms hold 不会)
          "scam_warning": re.compile("骗|谨防|防范|警惕|反诈|办案|不会|从不|从未|never|do not share|beware|scam|suspicious|"
                                     "fraud|protect yourself")}
# Every other cue's patterns scanned at once, as one ordered alternation would (17 separate searches were the
# slowest step of scoring).
_SCANNER = CueScanner([(c.name, p) for c in ALL_CUES if c.name not in _WHOLE_REQUEST for p in c.patterns])


def _compiled(cue: Cue) -> re.Pattern[str]:
    if cue.name not in _CACHE:
        _CACHE[cue.name] = re.compile("|".join(f"(?:{p})" for p in cue.patterns))
    return _CACHE[cue.name]


def cue(name: str) -> Cue:
    return _BY_NAME[name]


def find_cues(normalised: str) -> list[CueHit]:
    """The cues in a normalised text, in lexicon order, each with the first phrase that matched."""
    first: dict[str, str] = {}
    for name, term in _SCANNER.scan(normalised):
        first.setdefault(name, term)
    for name in _WHOLE_REQUEST:
        if name in _GATES and not _GATES[name].search(normalised):
            continue
        if match := cue(name).regex.search(normalised):
            first[name] = match.group(0)
    if "job_abroad" in first and vouched_posting(normalised, first):
        del first["job_abroad"]
    return [CueHit(item, first[item.name]) for item in ALL_CUES if item.name in first]


def vouched_posting(normalised: str, cue_names: Iterable[str]) -> bool:
    """Whether a job abroad reads as a genuine posting: it names a formal contract and sends the reader to check
    it with the labour authority, and carries none of a lure's markers (easy high pay, a fee first, a kept
    passport, a scam-compound town). A lure never sends anyone to the authority that would stop it."""
    return (not set(cue_names) & {"easy_high_pay", "advance_fee"} and bool(_FORMAL_CONTRACT.search(normalised))
            and bool(_CHECK_WITH_AUTHORITY.search(normalised)) and not _LURE_MARKER.search(normalised))


def cue_vector(hits: list[CueHit], names: tuple[str, ...] | list[str] = MODEL_CUE_NAMES) -> list[float]:
    """One 0/1 value per cue named in ``names`` (default: those of ``CUES``), features beside the character n-grams."""
    found = {hit.cue.name for hit in hits}
    return [1.0 if name in found else 0.0 for name in names]


def likely_scam_type(hits: list[CueHit]) -> ScamType | None:
    """The scam type the typed cues point to most; on ties the one with the longest phrase found (the most
    specific: "overseas job" over "free"), then the first in lexicon order."""
    counts: dict[ScamType, int] = {}
    longest: dict[ScamType, int] = {}
    for hit in hits:
        if hit.cue.scam_type is not None:
            counts[hit.cue.scam_type] = counts.get(hit.cue.scam_type, 0) + 1
            longest[hit.cue.scam_type] = max(longest.get(hit.cue.scam_type, 0), len(hit.term))
    return max(counts, key=lambda t: (counts[t], longest[t])) if counts else None
