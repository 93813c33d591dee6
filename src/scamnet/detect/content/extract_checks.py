"""Check digits that tell a real card number, wallet or ID number from digits that only look like one.

>>> luhn_valid("4111111111111111"), luhn_valid("4111111111111112")
(True, False)
>>> is_btc_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), is_btc_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")
(True, False)
"""

from __future__ import annotations

import re
from datetime import date

from scamnet.schema.addresses import base58check_payload, is_btc_address, is_eth_address, is_tron_address

__all__ = ["base58check_payload", "is_btc_address", "is_eth_address", "is_id_card_number", "is_tron_address",
           "luhn_valid"]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check every payment card number passes."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def is_id_card_number(digits: str) -> bool:
    """A Chinese resident ID number (18 digits, a real birth date, ISO 7064 check digit): not a card."""
    if not re.fullmatch(r"\d{17}[\dXx]", digits):
        return False
    try:
        date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True)) % 11
    return "10X98765432"[remainder] == digits[17].upper()
