"""Refund and subscription traps by phone (callback phishing): where a notice of a charge becomes a lure.

A real merchant or bank tells its customer about a charge, a renewal or an order, and says where to manage it: its
app, its site, or its own service line (a bank's five-digit 95588, the number on the back of the card). The lure
announces a charge, renewal, order or purchase that the reader never made, disowns it for them ("not you?", "did
not order it?", 如非本人操作) and gives an ordinary number to call to stop it or get a refund. On the phone the
"agent" takes card details, a one-time code or remote control of the computer (as consumer-protection agencies and
police anti-fraud notices describe these: "your subscription was renewed for $349.99, call … to cancel", "您的会员
将自动续费…如需取消请致电…").

The lure needs all three: the charge, the disowning, and a number of seven digits or more to call (a bank's or
carrier's short service line is none). As with the prize lures (``prize_lure``), the message model judges first: the
lure raises a message to an alert only where the model already reads it as suspicious or marketing.

>>> from scamnet.detect.content.normalise import normalise_text
>>> callback_lure_hit(normalise_text("Your Norton 360 subscription renewed for $349.99. Not you? Call 1-877-529-0633")).term
'not you'
>>> callback_lure_hit(normalise_text("【工商银行】您尾号8832卡支出(消费)1,268.00元。如非本人操作请致电95588。")) is None
True
"""

from __future__ import annotations

import re

from scamnet.core.enums import ScamType
from scamnet.detect.content.text.cues import Cue, CueHit

CHARGE_CALLBACK = Cue("charge_callback", "a charge, renewal or order you did not make, and a number to call to stop it "
                      "(callback phishing)", (
    r"\bnot you\b", r"\b(wasn'?t|was not) you\b",
    r"\bif (you|u) did ?(n'?t|not) (make|place|order|authori[sz]e|request|recogni[sz]e)\b",
    r"\bdid ?(n'?t|not) (order|authori[sz]e|make|place|request) (it|this|that|them)\b",
    r"\bnot (authori[sz]ed|made|placed|ordered|requested) by (you|u)\b", r"\b(don'?t|do not) recogni[sz]e\b",
    r"\bunauthori[sz]ed\b", r"\bto (dispute|reverse|stop) (it|this|the)\b",
    r"\bcancel (it|this|the) (order|payment|charge|renewal|subscription|membership|purchase)\b",
    "如非本人", "非本人操作", "不是本人", "如需取消", "如需关闭", "如需退订", "办理退款", "申请退款",
), ScamType.CUSTOMER_SERVICE_REFUND)

_CHARGE = re.compile(
    r"\b(charged|charge of|debited|billed|renew(ed|al|s)?|auto-?renew\w*|order(ed)?|purchase[ds]?|payment|invoice|"
    r"subscription|membership|transaction)\b|扣费|扣除|扣款|续费|消费|支出|开通|订单|付款|支付")
#: A number to call or ring back, as it is written after the verb or a colon ("call +1 (844) 555-0101", "请致电售后
#: 专员400-808-6002", "questions or cancel: 1-866-…"); whether it is long enough is checked on its digits.
_NUMBER_TO_CALL = re.compile(
    r"(\b(call|ring|dial|phone|contact)\b[^.?!\d]{0,40}?|(cancel|refund|dispute|questions)[^.?!\d]{0,20}:\s*|"
    r"(致电|拨打|回电|来电|联系|咨询)[^,.!?，。！？\d]{0,10})(?P<number>\+?\(?\d[\d\-() ]{5,}\d)")
_MIN_DIGITS = 7


def callback_lure_hit(normalised: str) -> CueHit | None:
    """The disowning phrase of a callback lure in ``normalised`` text (a charge, its disowning and an ordinary number
    to call), or None when it is not one."""
    disowned = CHARGE_CALLBACK.regex.search(normalised)
    if disowned is None or not _CHARGE.search(normalised):
        return None
    if not any(sum(c.isdigit() for c in m.group("number")) >= _MIN_DIGITS for m in _NUMBER_TO_CALL.finditer(normalised)):
        return None
    return CueHit(CHARGE_CALLBACK, disowned.group(0))
