"""Project-written English messages, legitimate, marketing and scam, as phones receive them worldwide.

Every template here was written for scamnet (no third-party text), so a model trained on it can
ship under the project's licence. The public English SMS sets are personal messages and premium-rate
spam of one country and decade; what they lack is the genre every phone now receives from real
companies: one-time codes, login and new-device alerts, refunds processed, top-up receipts, bank
debit and credit alerts, delivery notices with the courier's own link, appointment reminders,
bookings and bills — in many countries' currencies, banks, carriers and apps. Without it the
model reads "code", "verify", a link and digits as a scam.

The scams are the kinds reported worldwide, each by what it asks for: premium-rate prize fraud
(a call to a 09xx number, "txt WIN to 8xxxx", a fee to release a prize), credential phishing with a
lookalike link, parcel and toll fees, refund and subscription traps, "hi mum" new numbers, task
jobs, investment and advance-fee loans, authority threats, and asks for a one-time code. Marketing
(label ``spam``) sells a product from the seller's own site or number with an opt-out: unwanted,
not fraud.

>>> texts, labels = english_corpus(seed=1, per_template=1)
>>> len(texts) == len(labels) and {"ham", "spam", "prize_lottery", "phishing"} <= set(labels)
True
"""

from __future__ import annotations

import numpy as np

from scamnet.core.enums import ScamType
from scamnet.detect.content.text.corpus_en_more import MORE_HAM, MORE_PAIRS, MORE_SCAM, MORE_SEED, MORE_SLOTS, MORE_SPAM
from scamnet.detect.content.text.corpus_en_templates import (
    COUNTRIES,
    HAM_TEMPLATES,
    PAIRS,
    SCAM_TEMPLATES,
    SLOTS,
    SPAM_TEMPLATES,
)

_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_LOWER = "abcdefghjkmnpqrstuvwxyz"
_SCAM_TLDS = ("top", "xyz", "info", "cc", "live", "online", "site", "icu", "shop", "vip", "club", "co")


def english_corpus(seed: int, per_template: int = 20) -> tuple[list[str], list[str]]:
    """Rendered messages and their labels (``ham``, ``spam`` or a ``ScamType`` value)."""
    rng = np.random.default_rng([seed, 7117])
    texts: list[str] = []
    labels: list[str] = []
    for scam_type, templates in SCAM_TEMPLATES.items():
        for template in templates:
            for _ in range(per_template):
                texts.append(_style(rng, _render(rng, template)))
                labels.append(str(ScamType(scam_type)))
    for template in HAM_TEMPLATES:
        for _ in range(per_template * 2):
            texts.append(_style(rng, _render(rng, template)))
            labels.append("ham")
    for template in SPAM_TEMPLATES:
        for _ in range(per_template * 2):
            texts.append(_style(rng, _render(rng, template)))
            labels.append("spam")
    more = np.random.default_rng([seed, MORE_SEED])
    for label, extra in (("ham", MORE_HAM), ("spam", MORE_SPAM)):
        for template in extra:
            for _ in range(per_template * 2):
                texts.append(_style(more, _render(more, _with_more_slots(more, template))))
                labels.append(label)
    for scam_type, extra in MORE_SCAM.items():
        for template in extra:
            for _ in range(per_template):
                texts.append(_style(more, _render(more, _with_more_slots(more, template))))
                labels.append(str(ScamType(scam_type)))
    return texts, labels


def _with_more_slots(rng: np.random.Generator, template: str) -> str:
    """``template`` with the slots of ``corpus_en_more`` filled (their values may hold the first templates' slots)."""
    values = {name: _pick(rng, options) for name, options in MORE_SLOTS.items()}
    for names, rows in MORE_PAIRS.items():
        values.update(zip(names, rows[int(rng.integers(len(rows)))], strict=True))
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def _render(rng: np.random.Generator, template: str) -> str:
    values = {name: _pick(rng, options) for name, options in SLOTS.items()}
    for names, rows in PAIRS.items():
        values.update(zip(names, rows[int(rng.integers(len(rows)))], strict=True))
    country = COUNTRIES[int(rng.integers(len(COUNTRIES)))]
    values.update(country)
    values.update(
        bank=_pick(rng, country["banks"]), carrier=_pick(rng, country["carriers"]),
        msisdn=_msisdn(rng, country["prefix"]), phone=_msisdn(rng, country["prefix"]),
        code=_code(rng), ref=_ref(rng), hash=_ref(rng, 11, mixed=True), tail=f"{int(rng.integers(0, 10**4)):04d}",
        amount=_money(rng, country["scale"]), balance=_money(rng, country["scale"] * 4),
        small=str(int(rng.integers(1, 30)) * country["scale"]),
        fee=f"{float(rng.choice([1.99, 2.50, 2.99, 3.45, 4.99, 1.45])) * country['scale']:,.2f}", prize_amount=str(int(rng.choice([500, 900, 1000, 1500, 2000, 5000, 10000]))),
        n=str(int(rng.choice([2, 3, 5, 5, 10, 10, 15, 30]))), days=str(int(rng.choice([1, 3, 7, 14, 30]))),
        gb=str(int(rng.choice([1, 2, 5, 10, 20, 50]))), ussd=f"{int(rng.integers(100, 999))}",
        dd=f"{int(rng.integers(1, 29)):02d}", mm=f"{int(rng.integers(1, 13)):02d}", yy=str(int(rng.integers(21, 27))),
        hh=f"{int(rng.integers(7, 22)):02d}", mi=f"{int(rng.integers(0, 60)):02d}",
        order=str(int(rng.integers(10**6, 10**9))), tracking=_tracking(rng), txid=_ref(rng, 10),
        pct=str(int(rng.choice([10, 15, 20, 25, 30, 40, 50, 70]))), flight=f"{_ref(rng, 2)}{int(rng.integers(100, 999))}",
        premium=_premium(rng), short=str(int(rng.integers(60000, 89999))), promo=_ref(rng, 6),
        short_url=_short_url(rng),
        token=_ref(rng, 8, mixed=True), plate=f"{_ref(rng, 3)} {int(rng.integers(100, 9999))}",
        rate=str(rng.choice(["150p", "£1.50", "$1.99", "25p", "50p", "£3"])),
    )
    values["hh2"] = f"{int(values['hh']) + 2:02d}"
    values["scam_url"] = _scam_url(rng, _imitated(template, values))
    return template.format(**values)


def _imitated(template: str, values: dict[str, str]) -> str:
    """The brand a scam's lookalike host imitates: the one its text names (``royalmail-redelivery.info``)."""
    for slot in ("courier", "bank", "shop", "streaming", "carrier", "gov", "toll", "airline", "app"):
        if "{" + slot + "}" in template:
            return "".join(c for c in values[slot].lower() if c.isalnum()) or "account"
    return values["brand_slug"]


def _pick(rng: np.random.Generator, options: tuple[str, ...] | list[str]) -> str:
    return str(options[int(rng.integers(len(options)))])


def _code(rng: np.random.Generator) -> str:
    digits = int(rng.choice([4, 6, 6, 6, 8]))
    code = f"{int(rng.integers(0, 10**digits)):0{digits}d}"
    return f"{code[:3]} {code[3:]}" if digits == 6 and rng.random() < 0.15 else code


def _ref(rng: np.random.Generator, size: int = 4, mixed: bool = False) -> str:
    alphabet = _LETTERS + "0123456789" + (_LOWER if mixed else "")
    return "".join(rng.choice(list(alphabet), size))


def _money(rng: np.random.Generator, scale: int) -> str:
    value = float(rng.lognormal(3.2, 1.1)) * scale
    return f"{value:,.2f}" if rng.random() < 0.6 else f"{int(value):,}"


def _msisdn(rng: np.random.Generator, prefix: str) -> str:
    return f"{prefix}{int(rng.integers(10**8, 10**9))}"


def _tracking(rng: np.random.Generator) -> str:
    return f"{_ref(rng, 2)}{int(rng.integers(10**8, 10**9))}{_ref(rng, 2)}" if rng.random() < 0.5 else str(int(rng.integers(10**11, 10**12)))


def _premium(rng: np.random.Generator) -> str:
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return f"090{int(rng.integers(5, 8))}{int(rng.integers(10**6, 10**7))}"
    if kind == 1:
        return f"0871{int(rng.integers(10**6, 10**7))}"
    if kind == 2:
        return f"1-900-{int(rng.integers(200, 999))}-{int(rng.integers(1000, 9999))}"
    return f"09{int(rng.integers(10**7, 10**8))}"


def _scam_url(rng: np.random.Generator, brand: str) -> str:
    """A lookalike host for ``brand``: the brand's name beside a word, a number or as a subdomain, on a cheap TLD."""
    word = _pick(rng, ("verify", "secure", "update", "support", "help", "pay", "login", "track", "refund", "claim", "id",
                       "redelivery", "parcel", "account", "billing", "service", "online"))
    shape = int(rng.integers(0, 4))
    host = (f"{brand}-{word}", f"{word}-{brand}", f"{word}{brand}{int(rng.integers(1, 99))}",
            f"{brand}.{word}-{_ref(rng, 4).lower()}")[shape]
    scheme = _pick(rng, ("https://", "http://", "", "https://www."))
    path = _pick(rng, ("", "/", "/login", "/pay", "/verify", "/i/" + _ref(rng, 5, mixed=True)))
    return f"{scheme}{host}.{_pick(rng, _SCAM_TLDS)}{path}"


def _short_url(rng: np.random.Generator) -> str:
    host = _pick(rng, ("bit.ly", "tinyurl.com", "is.gd", "cutt.ly", "t.ly", "rb.gy"))
    return f"https://{host}/{_ref(rng, 6, mixed=True)}"


def _style(rng: np.random.Generator, text: str) -> str:
    """Some senders shout, some drop the case: as real traffic arrives (the stripped copy is added in training)."""
    roll = rng.random()
    if roll < 0.06:
        return text.upper()
    if roll < 0.12:
        return text.lower()
    return text
