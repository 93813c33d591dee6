"""Prize and premium-rate lures: where the line between a scam and marketing is drawn by what the message does.

A shop advert that offers a discount, a competition that offers a chance to win, a chat line that states
its price: marketing (``spam``). A message that says the reader has *already* won or been chosen for a
prize, cash, a voucher or a holiday — which they never entered for — and must call a premium-rate number,
reply, pay a fee or open a link to claim it: fraud everywhere (advance-fee and premium-rate prize scams,
as consumer and telecom regulators' advisories describe them: "you've won", "you have been selected",
"your prize awaits collection", "call 09… to claim", "a release fee"; 恭喜您被抽中, 中奖, 领奖前先交手续费、
个人所得税, 积分兑换现金请点击链接). The same for a premium-rate number behind a hook ("a secret admirer",
"someone you know asked our dating service to contact you", "2nd attempt to reach you").

The lure needs both halves: the windfall or hook (``WINDFALL``) and a way to be charged or caught (a
premium-rate number, a number to call or text, a link, a payment or a fee). The message model still
judges it first: the lure raises a message to an alert only where the model reads it as unwanted
(marketing, or scam in the suspicious band), so a personal "you won the bet, call me" stays legitimate.

>>> from scamnet.detect.content.normalise import normalise_text
>>> lure_hit(normalise_text("URGENT! Your mobile No 077xxx WON a £2,000 Bonus Caller Prize! Call 09066362206 ASAP")).term
'mobile no 077xxx won a'
>>> lure_hit(normalise_text("Summer sale: 20% off all shoes this weekend, reply STOP to 80808 to opt out")) is None
True
"""

from __future__ import annotations

import re

from scamnet.core.enums import ScamType
from scamnet.detect.content.text.cues import Cue, CueHit, find_cues

WINDFALL = Cue("prize_claim", "says you won or were chosen for a prize, cash or holiday you must call, reply, pay or click "
               "to claim (prize or premium-rate fraud, not marketing)", (
    # English: the reader has already won or been chosen
    r"\b(you|u|you've|u've|ya)( have| hav| ha| 've| has)?( just)? (won|win) (a|an|the|this|our|£|\$|€|\d)",
    r"\b(number|no|mobile|phone|email|ticket|account|line)\b.{0,30}\b(has |have )?won (a|an|the|£|\$|€|\d)",
    r"\b(you are|you're|u are|u r|ur|you r) (a |our |the )?(lucky |latest |guaranteed )?winner",
    r"\b(been |are |r |is |was )(specially |randomly )?(selected|chosen|picked) (to receive|to get|to win|as (a|the|our) winner|for (a|an|the|our) (prize|award|reward|cash))",
    r"\b(randomly|specially) (picked|selected|chosen) (you|u|your)",
    r"\b(number|you|u) (was|were|has been|have been) (drawn|picked|selected|chosen)\b",
    r"\b(ur|you're|you are|u are|u r|you have been|u have been|is|are) awarded\b", r"\bawarded (a|an|with|the|your|£|\$|€|\d)",
    r"\bawait(s|ing)? (your )?collection\b", r"\b(waiting|ready) (for you )?to be (collected|claimed)\b",
    r"\bclaim (your|ur|yr|the|this|a) .{0,30}(prize|reward|award|cash|holiday|voucher|gift|winnings|bonus|points)",
    r"\bclaim code\b", r"\b(you are|you're|u are|ur) guaranteed\b", r"\bguaranteed (£|\$|€)\d",
    r"\bun-?redeemed\b", r"\bbonus caller prize\b", r"\bwinning (number|ticket|notification)\b",
    r"\b(won|win) (the|a|our) (lottery|jackpot|lucky draw)\b", r"\bcash-?balance is\b",
), ScamType.PRIZE_LOTTERY)
#: The same in Chinese. Carriers and shops send "恭喜您获得…红包，点击领取" every day; what no real prize asks is a fee
#: or tax paid first (领奖前先交手续费、个人所得税、保证金), and points never turn into cash through a text's link.
WINDFALL_ZH = Cue("prize_claim_zh", "说您中奖或被抽中，领奖须先交手续费、税费或保证金（中奖诈骗）", (
    "中奖", "被抽中", "抽中您", "获奖", "荣获", "幸运观众", "幸运号码", "获得.{0,8}(大奖|奖金|一等奖|二等奖|三等奖|特等奖|现金大礼)",
    "领取.{0,4}(奖金|大奖|奖品)",
), ScamType.PRIZE_LOTTERY)
POINTS_FOR_CASH = Cue("points_for_cash", "积分兑换现金，须点链接或付费（积分兑换诈骗）", (
    "积分.{0,10}(兑换|兑|换取|换).{0,4}现金",
), ScamType.PRIZE_LOTTERY)
#: A hook that hides the cost of a premium-rate call: an admirer, a date, a message waiting. Only with a premium-rate
#: number (a carrier's own "you have a new voicemail, call 121" has none).
PREMIUM_HOOK = Cue("premium_hook", "a hook to make you call a premium-rate number (an admirer, a date, a message "
                   "waiting: premium-rate fraud)", (
    r"\bsecret admirer\b", r"\b(secretly )?fancies (you|u)\b", r"\bdating service\b.{0,40}\b(contact|entered)",
    r"\bfind out who\b", r"\bwill be revealed\b", r"\breveal who\b",
    r"\b(you|u) have (\d+|a|one) (new )?(voice ?mail|message|msg|matches)\b", r"\bto retrieve your (messages|voicemail)\b",
    r"\b(important|urgent) (customer service )?(announcement|information|message)\b",
    r"\b(2nd|second|3rd|third|final|last) attempt to (contact|reach|call)\b", r"\btried (2|to) (contact|reach|call) (you|u)\b",
), ScamType.PRIZE_LOTTERY)

#: Cues that say how the reader is to be charged or caught: a premium-rate number, a number to call or text,
#: a link, a payment.
_ACTION_CUES = frozenset({"premium_rate", "callback", "link", "transfer_request"})
#: The same in words the cues leave out: "call/txt/reply … to claim", a release or processing fee.
_ACTION_WORDS = re.compile(
    r"\b(to claim|claim (now|it|yours)|call (now|us|our)|(call|txt|text|reply|send|dial|ring)\b.{0,40}\b(to|on|claim|now)\b)"
    r"|\b(release|processing|handling|delivery|admin|clearance|insurance) fee\b"
)
#: What a shop or wallet gives back on the reader's own purchase ("you have won Rs 50 cashback", "a scratch card"):
#: a reward for something they did, marketing, not a windfall they never entered for.
_PURCHASE_REWARD = re.compile(r"\b(cash ?back|scratch ?card|coupon|reward points|loyalty points|on your (last )?(purchase|order|recharge))\b")
#: A fee or tax to pay before the prize is paid out (the advance fee).
_FEE_ZH = re.compile("手续费|保证金|个人所得税|所得税|公证费|邮寄费|工本费|税费|运费|激活费|解冻费")


def lure_hit(normalised: str, hits: list[CueHit] | None = None) -> CueHit | None:
    """The windfall or hook phrase of a prize or premium-rate lure in ``normalised`` text, when it also says how
    to claim; None when it is not one. ``hits``: the text's cues when already found."""
    names = {hit.cue.name for hit in (find_cues(normalised) if hits is None else hits)}
    fee = "transfer_request" in names or bool(_FEE_ZH.search(normalised))
    claims = (
        (PREMIUM_HOOK, "premium_rate" in names),
        (WINDFALL, bool(names & _ACTION_CUES or _ACTION_WORDS.search(normalised))
         and not _PURCHASE_REWARD.search(normalised)),
        (WINDFALL_ZH, fee),
        (POINTS_FOR_CASH, fee or "link" in names),
    )
    for lure, how_to_claim in claims:
        if how_to_claim and (match := lure.regex.search(normalised)):
            return CueHit(lure, match.group(0))
    return None
