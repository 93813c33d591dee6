"""Check digits that tell a real card number, wallet or ID number from digits that only look like one.

>>> luhn_valid("4111111111111111"), luhn_valid("4111111111111112")
(True, False)
>>> is_btc_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), is_btc_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")
(True, False)
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONSTANTS = (1, 0x2BC830A3)  # BIP-173 (segwit v0) and BIP-350 (bech32m, v1+)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check every payment card number passes."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def base58check_payload(address: str) -> bytes | None:
    """The payload of a Base58Check string when its 4-byte double-SHA-256 checksum holds."""
    number = 0
    for char in address:
        if char not in _B58:
            return None
        number = number * 58 + _B58.index(char)
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    raw = b"\x00" * (len(address) - len(address.lstrip("1"))) + raw
    body, checksum = raw[:-4], raw[-4:]
    return body if len(raw) > 4 and hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] == checksum else None


def is_btc_address(address: str) -> bool:
    """A Bitcoin address: legacy (1…), script (3…) with a valid checksum, or bech32 (bc1…)."""
    if address.lower().startswith("bc1"):
        return _bech32_valid(address.lower())
    payload = base58check_payload(address)
    return payload is not None and len(payload) == 21 and payload[0] in (0x00, 0x05)


def is_tron_address(address: str) -> bool:
    """A TRON address: ``T`` + 33 Base58 characters, version byte 0x41, valid checksum."""
    payload = base58check_payload(address)
    return payload is not None and len(payload) == 21 and payload[0] == 0x41


def _bech32_valid(address: str) -> bool:
    hrp, _, data = address.rpartition("1")
    if hrp != "bc" or len(data) < 7 or any(c not in _BECH32 for c in data):
        return False
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + [_BECH32.index(c) for c in data]
    return _bech32_polymod(values) in _BECH32_CONSTANTS


def _bech32_polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for bit, gen in enumerate(generator):
            check ^= gen if (top >> bit) & 1 else 0
    return check


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
