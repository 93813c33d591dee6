"""Block threats by phone: "your account, card, KYC, SIM or power will be blocked — call this number".

Bank regulators and police describe the same text across countries: the reader's bank account, card, wallet or
its KYC, BVN or PAN record, SIM card or electricity supply "has been blocked", "is suspended", "will be
disconnected tonight" or "has expired", and "customer care" or "the electricity officer" waits on an ordinary
mobile number to set it right. On the call the agent asks for card details, a one-time code, a small payment or a
remote-access app ("Dear SBI customer your account has been blocked due to KYC update, contact customer care
+91…", "Due to BVN system upgrade your ATM card has been de-activated, to re-activate call 0816…").

A real bank, carrier or utility that blocks a card or cuts a service says so too, and sends the customer to its
app, its site, a branch or its own line: a toll-free or shared-cost number (1800…, 0800…, 0345…), a short code or
"the number on the back of your card". So the lure needs all three:

- something of the reader's (an account, a card, a wallet, KYC or BVN, a SIM, a connection, the power);
- a threat to it: blocked, de-activated, suspended, disconnected, expired, on hold, locked, frozen;
- a number of ten digits or more to call or message that is not a toll-free or shared-cost line.

Unlike the prize and callback lures (``prize_lure``, ``callback_lure``) it raises a message to an alert whatever
the model reads. These lures are written plainly, in a bank's words, and the model reads many of them as a
bank's notice. It matched no legitimate message of any source measured (docs/content.md). English only: the
Chinese forms of the threat (账户冻结, 请联系) are the model's and the ``verify_account`` cue's.

>>> from scamnet.detect.content.normalise import normalise_text
>>> account_lure_hit(normalise_text("Dear customer your Paytm KYC has expired. Contact customer care No-6200992462 "
...                                 "immediately, your account will block within 24 hr")).term
'kyc has expired'
>>> account_lure_hit(normalise_text("Your HDFC Bank debit card ending 4417 is blocked as requested. To unblock call "
...                                 "1800 202 6161")) is None
True
"""

from __future__ import annotations

import re

from scamnet.core.enums import ScamType
from scamnet.detect.content.text.cues import Cue, CueHit

_YOURS = (r"(account|a/c|card|atm|wallet|kyc|k\.y\.c|e-?kyc|bvn|pan|sim|electricity|power|connection|net ?banking|upi|"
          r"fastag|line)")
_THREAT = (r"(bl[o0]ck(ed)?|de-?activated|deactivat\w*|suspend\w*|disconnect\w*|expired?|on hold|hold your|locked|"
           r"frozen|freeze|restricted|clos(ed|ure)|terminat\w*|barred)")
BLOCK_THREAT = Cue("block_callback", "says your account, card, KYC, SIM or power is blocked or cut off and gives an "
                   "ordinary number to call to fix it (bank or utility impersonation)", (
    rf"\b{_YOURS}\b[^.!?]{{0,60}}?\b{_THREAT}",
    rf"\b{_THREAT}\b[^.!?]{{0,40}}?\b{_YOURS}\b",
), ScamType.PHISHING)

#: A run of ten digits or more, spaced or not: most texts have none, and the cheap search spares them the rest.
_LONG_NUMBER = re.compile(r"\d[\d\-() ]{8,}\d")
#: A number to call or message, after the verb or a label ("contact customer care No-6200992462", "office ph 79…").
_NUMBER = re.compile(r"\b(call|contact|dial|ph|phone|ring|whatsapp|helpline|care|no)\b[^.!?\d]{0,40}?"
                     r"(?P<number>\+?\(?\d[\d\-() ]{8,}\d)")
_MIN_DIGITS = 10
#: Toll-free and shared-cost lines as written nationally (1800, 0800, UK 03 and 084/087, 1300): a bank's or utility's
#: own service line, not a lure's.
_SERVICE_LINE = ("1800", "1860", "1300", "800", "0800", "0808", "0500", "888", "877", "866", "855", "844", "833",
                 "03", "0844", "0845", "0870", "0871")
#: The same after a country code (+1 800…, +44 800… or 345…, +91 1800…, +61 1300…).
_SERVICE_LINE_ABROAD = {"1": ("800", "888", "877", "866", "855", "844", "833"), "44": ("80", "3", "84", "87"),
                        "91": ("1800", "1860"), "61": ("1800", "1300", "13")}


def account_lure_hit(normalised: str) -> CueHit | None:
    """The threat phrase of a block-and-call lure in ``normalised`` text (something of the reader's threatened with
    a block, and an ordinary number of ten digits or more to call), or None when it is not one."""
    if _LONG_NUMBER.search(normalised) is None:
        return None
    threat = BLOCK_THREAT.regex.search(normalised)
    if threat is None:
        return None
    if not any(_ordinary(match.group("number")) for match in _NUMBER.finditer(normalised)):
        return None
    return CueHit(BLOCK_THREAT, threat.group(0))


def _ordinary(number: str) -> bool:
    """Whether ``number`` has ten digits or more and is no toll-free or shared-cost line."""
    digits = re.sub(r"\D", "", number)
    if len(digits) < _MIN_DIGITS:
        return False
    if not (number.lstrip("(").startswith("+") or digits.startswith("00")):
        return not digits.startswith(_SERVICE_LINE)
    digits = digits.removeprefix("00")
    return not any(digits.startswith(code) and digits[len(code):].startswith(lines)
                   for code, lines in _SERVICE_LINE_ABROAD.items())
